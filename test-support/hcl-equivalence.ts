/**
 * Reads HCL back with a real HCL parser (`@cdktf/hcl2json`, HashiCorp's hcl library compiled to WebAssembly) and
 * puts it and Terraform JSON in one comparable form: the proof that a hand-off means what its stack means.
 */
import { singleInterpolation } from "../src/output/hcl-render";
import { DATA_BLOCKS, NestingMode, RESOURCE_BLOCKS } from "../src/output/provider-blocks";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require("@cdktf/hcl2json") as { parse: (name: string, hcl: string) => Promise<Record<string, any>> };

type Json = any;

/** HCL as hcl2json reads it: Terraform JSON with every block a list. */
export function readHcl(hcl: string, name = "main.tf"): Promise<Record<string, Json>> {
  return parse(name, hcl);
}

/**
 * A string as Terraform reads it, for comparison: NFC (Terraform's strings are), empty interpolations `${""}` gone
 * (hcl2json folds constant interpolations), and whitespace inside `${...}` / `%{...}` outside their strings removed
 * (the renderer spaces expressions as terraform fmt does).
 */
export function canonString(s: string): string {
  // Lone surrogates reach Terraform as U+FFFD (Go decodes them so; a UTF-8 file cannot hold them)
  s = (s as string & { toWellFormed(): string }).toWellFormed().normalize("NFC").split('${""}').join("");
  let out = "";
  const stack: ("text" | "string" | { depth: number })[] = ["text"];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const top = stack[stack.length - 1];
    if (top === "text" || top === "string") {
      if (top === "string" && c === "\\") {
        out += c + s[++i];
      } else if (top === "string" && c === '"') {
        stack.pop();
        out += c;
      } else if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
        out += s.slice(i, i + 3);
        i += 2;
      } else if ((c === "$" || c === "%") && s[i + 1] === "{") {
        stack.push({ depth: 0 });
        out += `${c}{`;
        i++;
      } else out += c;
      continue;
    }
    if (c === " " || c === "\t") continue;
    if (c === '"') stack.push("string");
    else if ("{([".includes(c)) top.depth++;
    else if ("})]".includes(c)) {
      if (top.depth === 0) stack.pop();
      else top.depth--;
    }
    out += c;
  }
  return out;
}

export function canonValue(v: Json): Json {
  if (typeof v === "string") return canonString(v);
  if (Array.isArray(v)) return v.map(canonValue);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [canonString(k), canonValue(x)]));
  return v;
}

/** A reference as a string: `aws_x.y` whether written `"aws_x.y"` (JSON) or `"${aws_x.y}"` (hcl2json). */
const bareReference = (r: string) => singleInterpolation(r) ?? r;

/**
 * A block body from either side, normalized: `"//"` dropped, nested blocks (by the table) as lists of bodies,
 * lifecycle as a list, references bare, strings canonical.
 */
function canonBody(body: Record<string, Json>, table: Readonly<Record<string, NestingMode>>, prefix = ""): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    const p = `${prefix}${key}`;
    if (table[p] !== undefined) {
      out[key] = (Array.isArray(value) ? value : [value]).map((b: Json) => canonBody(b, table, `${p}.`));
    } else if (prefix === "" && key === "depends_on") {
      out[key] = value.map(bareReference);
    } else if (prefix === "" && key === "lifecycle") {
      out[key] = (Array.isArray(value) ? value : [value]).map((l: Json) => ({
        ...canonValue(l),
        ...(Array.isArray(l.ignore_changes) ? { ignore_changes: l.ignore_changes.map(bareReference) } : {}),
        ...(l.replace_triggered_by ? { replace_triggered_by: l.replace_triggered_by.map(bareReference) } : {}),
      }));
    } else out[key] = canonValue(value);
  }
  return out;
}

/** resource / data / output sections as comparable objects; bodies as lists (hcl2json writes a block as a list). */
export function canonSections(json: Json): Json {
  const sections: Json = {};
  for (const [kind, tables] of [
    ["resource", RESOURCE_BLOCKS],
    ["data", DATA_BLOCKS],
  ] as const) {
    sections[kind] = {};
    for (const [type, instances] of Object.entries(json[kind] ?? {})) {
      sections[kind][type] = {};
      for (const [name, body] of Object.entries(instances as Json)) {
        sections[kind][type][name] = (Array.isArray(body) ? body : [body]).map((b: Json) => canonBody(b, tables[type]));
      }
    }
  }
  sections.output = {};
  for (const [name, body] of Object.entries(json.output ?? {})) {
    sections.output[name] = (Array.isArray(body) ? body : [body]).map((b: Json) => canonBody(b, {}));
  }
  sections.provider = {};
  for (const [name, configs] of Object.entries(json.provider ?? {})) {
    sections.provider[name] = (Array.isArray(configs) ? configs : [configs]).map((b: Json) => canonBody(b, {}));
  }
  return sections;
}

/** A literal string of Terraform JSON (the terraform block) as the template HCL needs for the same text. */
const asTemplate = (s: string) => s.replace(/([$%])\{/g, "$1$1{");

function mapStrings(v: Json, f: (s: string) => string): Json {
  if (typeof v === "string") return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), mapStrings(x, f)]));
  return v;
}

/**
 * The terraform block's required providers and backend, comparable: from hcl2json (blocks as lists, strings as
 * templates) or from Terraform JSON, where the block is read literally (its strings escaped to the same templates).
 */
export function canonTerraform(terraform: Json, fromJson: boolean): Json {
  const block = fromJson ? terraform : terraform?.[0];
  if (block === undefined) return undefined;
  const one = (v: Json) => (fromJson ? v : v?.[0]);
  const providers = one(block.required_providers) ?? {};
  // hcl2json: `backend "<type>" {}` is an object of types, each a list of one body
  const backend = block.backend ?? {};
  // The cloud block: hcl2json writes it, and its workspaces block, as lists of one body
  const cloud = one(block.cloud);
  const out = {
    required_providers: providers,
    backend: Object.fromEntries(Object.entries(backend).map(([type, settings]) => [type, one(settings)])),
    ...(cloud === undefined ? {} : { cloud: { ...cloud, workspaces: one(cloud.workspaces) } }),
  };
  // Terraform reads every string as NFC (cty normalizes), from either syntax.
  return canonValue(fromJson ? mapStrings(out, asTemplate) : out);
}

/**
 * Resources, data sources, outputs, provider settings, required providers and the backend of an HCL text and of
 * Terraform JSON, each in the comparable form: equal when Terraform reads the same configuration from both.
 */
export async function bothSections(hcl: string, json: Record<string, Json>): Promise<{ hcl: Json; json: Json }> {
  const parsed = await readHcl(hcl);
  return {
    hcl: { ...canonSections(parsed), terraform: canonTerraform(parsed.terraform, false) },
    json: { ...canonSections(json), terraform: canonTerraform(json.terraform, true) },
  };
}
