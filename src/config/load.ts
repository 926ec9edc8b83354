/**
 * From CLUSTER_CONFIG (or nothing) to validated cluster configurations: read the file (JSON, or YAML by its
 * .yaml / .yml ending), take one cluster or `{ clusters: [...] }`, lay each onto the embedded default (objects
 * merge, lists replace, each node group is completed from the default node group), then check everything and
 * report every problem at once. Nothing here writes a file.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CLUSTER } from "./defaults";
import { checkClusterRules } from "./rules";
import { ClusterConfig, clusterSchema } from "./schema";
import { childPath, isPlainObject, Issue, merge, nearest, validate } from "./schema-parts";

/** A config that cannot be used: every problem, each with its path, value, rule and fix. */
export class ConfigError extends Error {
  constructor(
    /** What was read: the file's path, or "the embedded default". */
    public readonly source: string,
    public readonly issues: readonly Issue[],
    /** Line in the file of each issue's path, where known. */
    public readonly lines: ReadonlyMap<string, number> = new Map(),
  ) {
    super(`${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`);
  }
}

/** A config file that cannot be read or parsed. */
export class ConfigFileError extends Error {}

export interface LoadedClusters {
  readonly source: string;
  readonly clusters: readonly ClusterConfig[];
  /** Each cluster as the file gave it (before the defaults), to tell a configured value from a default. */
  readonly given: readonly unknown[];
  readonly warnings: readonly Issue[];
  /** Line in the file of each warning's path, where known. */
  readonly lines: ReadonlyMap<string, number>;
}

interface ParsedFile {
  readonly raw: unknown;
  /** Line of a path, or of its nearest ancestor present in the file. */
  readonly lineOf: (issuePath: string) => number | undefined;
}

/** Loads the clusters named by a CLUSTER_CONFIG value; without one, the embedded default. */
export function loadClusters(configFile: string | undefined): LoadedClusters {
  if (!configFile) return resolveClusters({}, "the embedded default");
  const parsed = parseFile(configFile);
  return resolveClusters(parsed.raw, configFile, parsed.lineOf);
}

/** Validates a parsed config (one cluster, or `{ clusters: [...] }`) and lays it onto the embedded default. */
export function resolveClusters(raw: unknown, source: string, lineOf: ParsedFile["lineOf"] = () => undefined): LoadedClusters {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const entries: { given: unknown; at: string }[] = [];

  if (!isPlainObject(raw)) {
    errors.push({ path: "(top level)", value: raw, rule: "must be one cluster (key: value pairs) or { clusters: [...] }", fix: "start from examples/walkthrough.yaml" });
  } else if (Object.prototype.hasOwnProperty.call(raw, "clusters")) {
    for (const key of Object.keys(raw)) {
      if (key === "clusters") continue;
      errors.push({
        path: childPath("", key),
        value: raw[key],
        rule: "is not allowed beside clusters: a file holds one cluster, or clusters and nothing else",
        fix: `move ${key} into each entry of clusters${nearest(key, ["clusters"]) ? ", or did you mean `clusters`?" : ""}`,
      });
    }
    const clusters = raw.clusters;
    if (!Array.isArray(clusters) || clusters.length === 0) {
      errors.push({ path: "clusters", value: clusters, rule: "must be a list of at least one cluster", fix: "write clusters: [ { name: ... }, ... ]" });
    } else {
      clusters.forEach((given, i) => entries.push({ given, at: childPath("clusters", i) }));
    }
  } else {
    entries.push({ given: raw, at: "" });
  }

  const clusters: ClusterConfig[] = [];
  const givenClusters: unknown[] = [];
  const names = new Map<string, string>();
  for (const { given, at } of entries) {
    const merged = merge(clusterSchema, DEFAULT_CLUSTER, given);
    const { value: cluster, issues } = validate(clusterSchema, merged, at);
    const rules = checkClusterRules(merged, given, at, issues);
    errors.push(...issues, ...rules.errors);
    warnings.push(...rules.warnings);
    const name = isPlainObject(merged) ? merged.name : undefined;
    if (typeof name === "string") {
      const first = names.get(name);
      if (first !== undefined) {
        errors.push({
          path: childPath(at, "name"),
          value: name,
          rule: `must be unique in the file (${first} has it too): each cluster is a stack named after it`,
          fix: "rename one of the clusters",
        });
      } else names.set(name, childPath(at, "name"));
    }
    if (cluster) {
      clusters.push(cluster);
      givenClusters.push(given);
    }
  }

  const lines = new Map<string, number>();
  for (const issue of [...errors, ...warnings]) {
    const line = lineOf(issue.path);
    if (line !== undefined) lines.set(issue.path, line);
  }
  if (errors.length > 0) throw new ConfigError(source, errors, lines);
  return { source, clusters, given: givenClusters, warnings, lines };
}

function parseFile(file: string): ParsedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(error);
    throw new ConfigFileError(`${file}: cannot read the cluster configuration named by CLUSTER_CONFIG: ${why}`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return parseYaml(file, text);
  if (ext !== ".json") {
    throw new ConfigFileError(`${file}: a cluster configuration must end in .json, .yaml or .yml`);
  }
  try {
    const raw: unknown = JSON.parse(text);
    // JSON is YAML: the YAML parser knows where each value stands. Loaded only when a message needs a line.
    let locate: ParsedFile["lineOf"] | undefined;
    return { raw, lineOf: (issuePath) => (locate ??= parseYamlDocument(text).lineOf)(issuePath) };
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where = position ? lineAndColumn(text, Number(position[1])) : parseYamlDocument(text).errorAt;
    throw new ConfigFileError(`${file}${where ? `:${where}` : ""}: not valid JSON: ${(error as Error).message}`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function parseYaml(file: string, text: string): ParsedFile {
  const parsed = parseYamlDocument(text);
  if (parsed.error) throw new ConfigFileError(`${file}:${parsed.errorAt}: not valid YAML: ${parsed.error}`);
  return parsed;
}

/** Parses YAML (or JSON) text keeping positions: the value, the line of a path, or the first syntax error. */
function parseYamlDocument(text: string): ParsedFile & { error?: string; errorAt?: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument, LineCounter } = require("yaml") as typeof import("yaml");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (issuePath: string): number | undefined => {
    const segments = pathSegments(issuePath);
    for (let n = segments.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
      const range = (node as { range?: number[] } | null | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  const first = doc.errors[0];
  if (!first) return { raw: doc.toJS(), lineOf };
  const at = first.linePos?.[0];
  return {
    raw: undefined,
    lineOf,
    error: first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
    errorAt: at ? `${at.line}:${at.col}` : undefined,
  };
}

/** `nodeGroups[0].labels["a/b"]` -> ["nodeGroups", 0, "labels", "a/b"]. */
export function pathSegments(issuePath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of issuePath.replace(/ \(the key\)$/, "").matchAll(pattern)) {
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(m[3])));
  }
  return segments;
}
