/**
 * The schema's two published forms, generated, committed, and checked for staleness by a test:
 * - cluster-config.schema.json: JSON Schema for editor completion in YAML and JSON files;
 * - docs/config-reference.md: every key with what it allows, its default and what it is;
 * and, from the JSON Schema, src/config/input.ts: the TypeScript types of a configuration given in code
 * (input-generator.ts). `npm run schema` rewrites all three.
 */
import * as fs from "fs";
import * as path from "path";
import { CATALOG_SOURCES } from "./catalog-checks";
import { DEFAULT_CLUSTER } from "./defaults";
import { INPUT_FILE, inputTypesSource } from "./input-generator";
import { clusterSchema } from "./schema";
import { childrenOf, fieldsOf, jsonSchemaOf, meta, unwrap } from "./schema-parts";

export const JSON_SCHEMA_FILE = "cluster-config.schema.json";
export const REFERENCE_FILE = path.join("docs", "config-reference.md");

/** The JSON Schema of a config file: one cluster, or `{ clusters: [...] }`. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "eks-cdktf cluster configuration",
    description:
      "One EKS cluster, or { clusters: [...] }. Every key is optional: an omitted key takes the embedded default (the walk-through). Objects merge, lists replace.",
    definitions: { cluster: jsonSchemaOf(clusterSchema, DEFAULT_CLUSTER) },
    anyOf: [
      { $ref: "#/definitions/cluster" },
      {
        type: "object",
        properties: { clusters: { type: "array", minItems: 1, items: { $ref: "#/definitions/cluster" }, description: "One stack per cluster, named after it" } },
        required: ["clusters"],
        // x- keys hold YAML anchors for the clusters to merge (<<: *base)
        patternProperties: { "^x-": {} },
        additionalProperties: false,
      },
    ],
  };
}

interface Row {
  readonly key: string;
  readonly allowed: string;
  readonly default: string;
  readonly description: string;
}

function showDefault(value: unknown, optional: boolean): string {
  if (value === undefined) return optional ? "not set" : "required";
  return `\`${JSON.stringify(value)}\``;
}

type Block = Parameters<typeof meta>[0];

function rows(schema: Block, key: string, defaultValue: unknown, optional: boolean, out: Row[]): void {
  const m = meta(schema);
  out.push({ key, allowed: m.allowed, default: showDefault(defaultValue, optional), description: m.description });
  const { item, value } = childrenOf(schema);
  if (item && fieldsOf(item)) fieldRows(item, `${key}[]`, m.itemBase, out);
  else if (value && fieldsOf(value)) fieldRows(value, `${key}.<name>`, m.entryBase, out);
  else if (fieldsOf(schema)) fieldRows(schema, key, defaultValue, out);
}

/** Rows for the fields of an object, below `key`. */
function fieldRows(schema: Block, key: string, defaultValue: unknown, out: Row[]): void {
  const fields = fieldsOf(schema) ?? {};
  for (const [k, field] of Object.entries(fields)) {
    const childDefault = (defaultValue as Record<string, unknown> | undefined)?.[k];
    rows(field, `${key}.${k}`, childDefault, unwrap(field) !== field, out);
  }
}

/** The reference page: one row per key. */
export function configReference(): string {
  const out: Row[] = [];
  for (const [k, field] of Object.entries(fieldsOf(clusterSchema) ?? {})) {
    rows(field, k, (DEFAULT_CLUSTER as Record<string, unknown>)[k], unwrap(field) !== field, out);
  }
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    "# Cluster configuration reference",
    "",
    "Generated from `src/config/schema.ts` by `npm run schema`; do not edit by hand.",
    "",
    "Name a file with `CLUSTER_CONFIG=<path>` (JSON, or YAML by its `.yaml` / `.yml` ending). It holds one cluster, or",
    "`clusters: [...]` (one stack per cluster, named after it; names must be unique). Every key is optional: an omitted",
    "key takes the embedded default below. Objects merge, lists replace, each `nodeGroups` entry is completed from the",
    "default node group, and an add-on given as `{}` is at `latest` (`null` leaves out a default add-on).",
    "Editors complete and check keys with `cluster-config.schema.json`",
    "(YAML: `# yaml-language-server: $schema=../cluster-config.schema.json`).",
    "",
    "| key | allowed | default | what it is |",
    "| --- | --- | --- | --- |",
    ...out.map((r) => `| \`${r.key}\` | ${cell(r.allowed)} | ${cell(r.default)} | ${cell(r.description)} |`),
    "",
    "## Checks across keys",
    "",
    "Beyond each key's own rule, `src/config/rules.ts` (each rule citing the AWS limit or error it mirrors),",
    "`src/config/names.ts` and `src/config/catalog-checks.ts` check the configuration as a whole: node counts",
    "(`minSize <= desiredSize <= maxSize`, `maxUnavailable <= maxSize`); instance types of one CPU architecture that",
    "matches the AMI type (GPU and Neuron AMIs need their families); no `AL2_*` AMI on Kubernetes 1.33+; a disk at least",
    "the AMI family's root volume (AL2023, AL2, Bottlerocket 20 GiB, Windows 50 GiB); no `CAPACITY_BLOCK` or `CUSTOM`",
    "(no launch template carries them yet); `imds` without `remoteAccess`; no two taints with one key and effect; at most",
    "50 tags on a node group with the cluster's merged in; `publicAccessCidrs` public, non-empty, and only with a public",
    "endpoint; a KMS key (not an alias) in the cluster's region; ARNs in the region's partition; access entries only",
    "with an `API` mode, one per principal and policy; IAM role names unique (case-insensitively) in the cluster and the",
    "file, and defaulting to `<cluster>-eks-cluster` / `<cluster>-eks-node`; no two entities with one Terraform name;",
    "`logging.retentionDays` only with log types; unique node group and cluster names.",
    "",
    "## Dated tables",
    "",
    "A value of the right shape that is missing from one of these lists is a warning, never an error (what AWS launches",
    "after the list was made must not be blocked). Errors: a Kubernetes version past the end of extended support on the",
    "day of the run (`EKS_CDKTF_TODAY=YYYY-MM-DD` pins the day), and a kube-proxy build of another minor than the",
    "cluster's.",
    "",
    "| list | file (`src/config/`) | source |",
    "| --- | --- | --- |",
    ...CATALOG_SOURCES.map((c) => `| ${cell(c.list)} | \`${c.file}\` | ${cell(c.source)} |`),
    "",
  ].join("\n");
}

/** The generated files and their content. */
export function generatedFiles(): Record<string, string> {
  return {
    [JSON_SCHEMA_FILE]: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
    [REFERENCE_FILE]: configReference(),
  };
}

/** src/config/input.ts: the TypeScript types of a configuration, from the JSON Schema (json-schema-to-typescript). */
export function generatedInputTypes(): Promise<string> {
  return inputTypesSource(configJsonSchema());
}

if (require.main === module) {
  (async () => {
    const files = { ...generatedFiles(), [INPUT_FILE]: await generatedInputTypes() };
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      console.log(`wrote ${file}`);
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
