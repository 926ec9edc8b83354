/**
 * src/config/input.ts, the TypeScript types of a configuration given in code (`resolveClusters`, `EksCluster`), made
 * from the JSON Schema of a config file (cluster-config.schema.json) by json-schema-to-typescript, so that the types,
 * the file schema and the validation have one source: src/config/schema.ts. `npm run schema` writes the file.
 *
 * json-schema-to-typescript resolves names and comments its own way, so the JSON Schema is first reshaped
 * (`inputTypesSchema`): each object of known keys becomes an interface of its own with a stable name (INTERFACE_NAMES,
 * or the key it sits under), each key's comment is its description and `@default` (the embedded default, where there
 * is one), lists are readonly (a complete `ClusterConfig`, whose lists are readonly, is an input too), and what has no
 * TypeScript form (patterns, lengths, item counts) stays with the validation.
 */
import { isPlainObject } from "./schema-parts";

/** The file json-schema-to-typescript writes. */
export const INPUT_FILE = "src/config/input.ts";

type Json = Record<string, unknown>;

/**
 * Interface names by the place of an object in a cluster (`a.b`, `list[]` for a list's items, `map.*` for a map's
 * values); any other object is named after its key (a list's or map's: singular), with `Input` after it.
 */
export const INTERFACE_NAMES: Readonly<Record<string, string>> = {
  "": "ClusterInput",
  clusterRole: "ClusterRoleInput",
  "access.entries[]": "AccessEntryInput",
  "access.entries[].policies[]": "AccessPolicyInput",
  "backend.s3": "S3BackendInput",
  "backend.cloud": "CloudBackendInput",
  "addons.*.role": "AddonRoleInput",
  "nodeGroups[].role": "NodeRoleInput",
};

const pascal = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
const singular = (key: string) => (key.endsWith("s") ? key.slice(0, -1) : key);

/** A JSDoc text: no `*\/` may end the comment early. */
const safe = (text: string) => text.replace(/\*\//g, "*\\/");

/** The comment of a key: its description, the keys of which exactly one is given, and its default. */
function keyDoc(node: Json): string {
  const parts = [typeof node.description === "string" ? node.description : ""];
  const exactlyOne = exactlyOneOf(node);
  if (exactlyOne) parts.push(`Give exactly one of ${exactlyOne.map((k) => `\`${k}\``).join(", ")}.`);
  if (node.default !== undefined) parts.push(`@default ${JSON.stringify(node.default)}`);
  return safe(parts.filter(Boolean).join("\n\n"));
}

/** The comment of an interface: what the object is (its default belongs to the keys that hold it). */
function interfaceDoc(node: Json): string {
  const parts = [typeof node.description === "string" ? node.description : ""];
  const exactlyOne = exactlyOneOf(node);
  if (exactlyOne) parts.push(`Give exactly one of ${exactlyOne.map((k) => `\`${k}\``).join(", ")}.`);
  return safe(parts.filter(Boolean).join("\n\n"));
}

/** `oneOf: [{ required: [a] }, { required: [b] }]`, as schema-parts writes an object's `exactlyOneOf`. */
function exactlyOneOf(node: Json): string[] | undefined {
  const oneOf = node.oneOf;
  if (!Array.isArray(oneOf)) return undefined;
  const keys = oneOf.map((branch) => (isPlainObject(branch) && Array.isArray(branch.required) && branch.required.length === 1 ? branch.required[0] : undefined));
  if (keys.some((k) => typeof k !== "string")) throw new Error(`input types: a oneOf other than exactly-one-of keys: ${JSON.stringify(oneOf)}`);
  return keys as string[];
}

class Reshaper {
  /** The interfaces, by name, in the order they were met. */
  readonly definitions: Record<string, Json> = {};
  private readonly placeOf = new Map<string, string>();

  /** The name of the interface of the object at `place`, under the key `key` (of a list or map when `many`). */
  private nameOf(place: string, key: string, many: boolean): string {
    const name = INTERFACE_NAMES[place] ?? `${pascal(many ? singular(key) : key)}Input`;
    const other = this.placeOf.get(name);
    if (other !== undefined && other !== place) {
      throw new Error(`input types: ${JSON.stringify(place)} and ${JSON.stringify(other)} would both be ${name}; name one in INTERFACE_NAMES (src/config/input-generator.ts)`);
    }
    this.placeOf.set(name, place);
    return name;
  }

  /** The TypeScript text of a node, when it is a plain one (a list item): a name, a union of values, a scalar. */
  private typeText(node: Json): string {
    if (typeof node.tsType === "string") return node.tsType;
    if (Array.isArray(node.enum)) return node.enum.map((value) => JSON.stringify(value)).join(" | ");
    if (node.type === "string" || node.type === "boolean") return node.type;
    if (node.type === "integer" || node.type === "number") return "number";
    throw new Error(`input types: no list item type for ${JSON.stringify(node)}`);
  }

  /**
   * The node at `place` (under `key`; `many`: an item of a list or value of a map) reshaped for
   * json-schema-to-typescript, with `doc` as its comment.
   */
  node(node: Json, place: string, key: string, many: boolean, doc: string): Json {
    if (isPlainObject(node.properties)) {
      const name = this.nameOf(place, key, many);
      // An object's interface before those of its keys.
      this.definitions[name] = {};
      const properties: Json = {};
      for (const [k, child] of Object.entries(node.properties)) {
        if (!isPlainObject(child)) throw new Error(`input types: ${place}.${k} is not a schema`);
        properties[k] = this.node(child, place ? `${place}.${k}` : k, k, false, keyDoc(child));
      }
      this.definitions[name] = {
        title: name,
        type: "object",
        ...(interfaceDoc(node) ? { description: interfaceDoc(node) } : {}),
        properties,
        ...(Array.isArray(node.required) && node.required.length > 0 ? { required: [...node.required] } : {}),
        additionalProperties: false,
      };
      return { tsType: name, ...described(doc) };
    }
    if (node.type === "array") {
      if (!isPlainObject(node.items)) throw new Error(`input types: ${place} is a list without one item schema`);
      const item = this.node(node.items, `${place}[]`, key, true, "");
      const text = this.typeText(item);
      return { tsType: `readonly ${/^\w+$/.test(text) ? text : `(${text})`}[]`, ...described(doc) };
    }
    if (node.type === "object" && isPlainObject(node.additionalProperties)) {
      const value = node.additionalProperties;
      const branches = Array.isArray(value.anyOf) ? value.anyOf : [value];
      const reshaped = branches.map((branch) => {
        if (!isPlainObject(branch)) throw new Error(`input types: ${place}.* is not a schema`);
        return branch.type === "null" ? { type: "null" } : this.node(branch, `${place}.*`, key, true, keyDoc(branch));
      });
      return {
        type: "object",
        additionalProperties: reshaped.length === 1 ? reshaped[0] : { anyOf: reshaped },
        ...described(doc),
      };
    }
    if (Array.isArray(node.enum)) return { ...(node.type ? { type: node.type } : {}), enum: [...node.enum], ...described(doc) };
    if (node.type === "string" || node.type === "boolean" || node.type === "integer" || node.type === "number") return { type: node.type, ...described(doc) };
    // Any JSON value (an add-on's configuration values, an inline policy's): no shape to type.
    if (node.type === undefined && node.$ref === undefined && node.anyOf === undefined) return { tsType: "unknown", ...described(doc) };
    throw new Error(`input types: no TypeScript form for ${place || "(top level)"}: ${JSON.stringify(node)}`);
  }
}

const described = (doc: string) => (doc ? { description: doc } : {});

/**
 * The JSON Schema of a config file (`configJsonSchema()`) reshaped for json-schema-to-typescript: one schema per type,
 * in the order of the file: `ConfigInput` (one `ClusterInput`, or `ClustersInput`), then each interface, an object's
 * before those of its keys. Each names the others by `tsType`, so that each is compiled alone and keeps its name.
 */
export function inputTypesSchemas(fileSchema: Json): Json[] {
  const definitions = fileSchema.definitions;
  const cluster = isPlainObject(definitions) ? definitions.cluster : undefined;
  const variants = fileSchema.anyOf;
  const clustersFile = Array.isArray(variants) ? variants.find((v) => isPlainObject(v) && isPlainObject(v.properties) && "clusters" in v.properties) : undefined;
  const clustersKey = isPlainObject(clustersFile) && isPlainObject(clustersFile.properties) ? clustersFile.properties.clusters : undefined;
  if (!isPlainObject(cluster) || !isPlainObject(clustersKey)) throw new Error("input types: the file schema has no definitions.cluster or clusters variant");

  const reshaper = new Reshaper();
  reshaper.node(cluster, "", "cluster", false, "");
  return [
    {
      title: "ConfigInput",
      description: safe(String(fileSchema.description ?? "")),
      anyOf: [{ tsType: "ClusterInput" }, { tsType: "ClustersInput" }],
    },
    {
      title: "ClustersInput",
      type: "object",
      // Keys beside `clusters` that start with x- hold YAML anchors in a file; in code they have no use.
      description: "Several clusters in one configuration: one stack per cluster, named after it.",
      properties: { clusters: { tsType: "readonly ClusterInput[]", description: keyDoc(clustersKey) } },
      required: ["clusters"],
      additionalProperties: false,
    },
    ...Object.values(reshaper.definitions),
  ];
}

export const INPUT_BANNER = [
  "/**",
  " * GENERATED by `npm run schema` (src/config/input-generator.ts, json-schema-to-typescript) from the JSON Schema of a",
  " * config file, cluster-config.schema.json, which src/config/schema.ts defines. Do not edit by hand: change",
  " * src/config/schema.ts and run `npm run schema`.",
  " *",
  " * The types of a configuration given in code (`resolveClusters`, `EksCluster`): every key a config file may have,",
  " * optional where the file may leave it out (it then takes the embedded default, shown as `@default`). Objects merge",
  " * onto the default, lists replace it. Patterns, lengths, item counts and the rules across keys are checked when the",
  " * configuration is resolved.",
  " */",
  "/* eslint-disable */",
].join("\n");

/** The text of src/config/input.ts for the JSON Schema of a config file. */
export async function inputTypesSource(fileSchema: Json): Promise<string> {
  // Loaded here only: the app never needs the generator (nor its prettier).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compile } = require("json-schema-to-typescript") as typeof import("json-schema-to-typescript");
  const parts: string[] = [];
  for (const schema of inputTypesSchemas(fileSchema)) {
    const name = String(schema.title);
    const text = await compile(schema as Parameters<typeof compile>[0], name, {
      bannerComment: "",
      additionalProperties: false,
      declareExternallyReferenced: true,
      ignoreMinAndMaxItems: true,
      unknownAny: true,
      strictIndexSignatures: false,
      format: true,
      style: { printWidth: 120, trailingComma: "all" },
    });
    parts.push(text.trim());
  }
  return `${INPUT_BANNER}\n\n${parts.join("\n\n")}\n`;
}
