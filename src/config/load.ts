/**
 * From CLUSTER_CONFIG (or nothing) to validated cluster configurations: read the file (JSON, or YAML by its
 * .yaml / .yml ending), take one cluster or `{ clusters: [...] }`, lay each onto the embedded default (objects
 * merge, lists replace, each node group is completed from the default node group), then check everything and
 * report every problem at once. Nothing here writes a file.
 */
import { checkCatalogs } from "./catalog-checks";
import { DEFAULT_CLUSTER } from "./defaults";
import { ConfigInput } from "./input";
import { ConfigFileError, parseConfigFile, ParsedFile } from "./parse";
import { nameCollisions, unsupportedKeys, unsupportedValues } from "./names";
import { addonCatalogEntry } from "./catalogs/addon-versions";
import { partitionOfRegion } from "./catalogs/regions";
import { defaultAddonRoleName, defaultClusterRoleName, defaultNodeRoleName, defaultServiceAccountRoleName } from "./role-names";
import { checkClusterRules, createdRoles, POD_IDENTITY_AGENT, withoutRejected } from "./rules";
import { withKarpenterDefaults } from "./karpenter";
import { autoModeOnly, withFargateAndAutoModeDefaults } from "./fargate-auto-mode";
import { ClusterConfig, clusterSchema, DNS_LABEL, DNS_SUBDOMAIN, EKS_NAME } from "./schema";
import { childPath, isPlainObject, Issue, merge, nearest, setOwn, validate } from "./schema-parts";

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
    this.name = "ConfigError";
  }
}

export { ConfigFileError };

export interface LoadedClusters {
  readonly source: string;
  readonly clusters: readonly ClusterConfig[];
  /** Each cluster as the file gave it (before the defaults), to tell a configured value from a default. */
  readonly given: readonly unknown[];
  readonly warnings: readonly Issue[];
  /** Line in the file of each warning's path, where known. */
  readonly lines: ReadonlyMap<string, number>;
}

/** Keys beside `clusters` with this prefix are left alone: a place for YAML anchors (`x-base: &base`). */
export const EXTENSION_PREFIX = "x-";

/** Loads the clusters named by a CLUSTER_CONFIG value; without one, the embedded default. */
export function loadClusters(configFile: string | undefined): LoadedClusters {
  if (!configFile) return resolveParsed({}, "the embedded default");
  const parsed = parseConfigFile(configFile);
  return resolveParsed(parsed.raw, configFile, parsed.lineOf);
}

/**
 * The merged cluster with the roles it does not name given its own default names (`<cluster>-eks-cluster`,
 * `<cluster>-eks-node`): the embedded default's names are the default cluster's, and any number of clusters must share
 * an account. A role the file names (by name or ARN) is kept as given. New objects: the defaults stay untouched.
 */
function withDefaultRoleNames(merged: unknown, given: unknown): unknown {
  if (!isPlainObject(merged) || typeof merged.name !== "string" || !EKS_NAME.test(merged.name)) return merged;
  const name = merged.name;
  const file = isPlainObject(given) ? given : {};
  const named = (object: unknown) => isPlainObject(object) && Object.prototype.hasOwnProperty.call(object, "role");
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(merged)) setOwn(out, key, merged[key]);
  if (!Object.prototype.hasOwnProperty.call(file, "clusterRole")) out.clusterRole = { name: defaultClusterRoleName(name) };
  if (Array.isArray(merged.nodeGroups)) {
    const givenGroups = Array.isArray(file.nodeGroups) ? file.nodeGroups : [];
    out.nodeGroups = merged.nodeGroups.map((group, i) =>
      isPlainObject(group) && !named(givenGroups[i]) ? { ...group, role: { name: defaultNodeRoleName(name) } } : group,
    );
  }
  const givenAddons = isPlainObject(file.addons) ? file.addons : {};
  const agentRemoved = Object.prototype.hasOwnProperty.call(givenAddons, POD_IDENTITY_AGENT) && givenAddons[POD_IDENTITY_AGENT] === null;
  // Fargate profiles and Auto Mode (issue 14): their role names, CoreDNS on Fargate (src/config/fargate-auto-mode.ts).
  return withIdentityDefaults(withFargateAndAutoModeDefaults(out, name, givenAddons), name, agentRemoved || autoModeOnly(out));
}

/**
 * Workload identity completed: each service account's and add-on's role gets its default name, an add-on role its
 * identity (pod-identity) and the managed policies the add-on table names (ARNs in the region's partition), and
 * EKS Pod Identity its agent add-on when a role uses it and the add-ons lack it (at EKS's default version: no lookup).
 */
function withIdentityDefaults(cluster: Record<string, unknown>, name: string, agentRemoved: boolean): Record<string, unknown> {
  const region = typeof cluster.region === "string" ? cluster.region : "";
  const partition = partitionOfRegion(region) ?? "aws";
  let podIdentity = false;
  if (Array.isArray(cluster.serviceAccounts)) {
    // A default name only for a valid, first mention of a service account: the problems are reported for what the
    // file says, not again for a name derived from it.
    const seen = new Set<string>();
    cluster.serviceAccounts = cluster.serviceAccounts.map((account) => {
      if (!isPlainObject(account)) return account;
      if (account.identity === "pod-identity") podIdentity = true;
      const { namespace, name: serviceAccount } = account;
      if (account.roleName !== undefined || typeof namespace !== "string" || typeof serviceAccount !== "string") return account;
      const key = `${namespace}/${serviceAccount}`;
      if (!DNS_LABEL.test(namespace) || !DNS_SUBDOMAIN.test(serviceAccount) || seen.has(key)) return account;
      seen.add(key);
      return { ...account, roleName: defaultServiceAccountRoleName(name, namespace, serviceAccount) };
    });
  }
  // Karpenter (issue 14): its defaults (src/config/karpenter.ts); its controller may use EKS Pod Identity too.
  if (isPlainObject(cluster.karpenter)) {
    const karpenter = withKarpenterDefaults(cluster.karpenter, name);
    cluster.karpenter = karpenter;
    if (karpenter.identity === "pod-identity") podIdentity = true;
  }
  if (isPlainObject(cluster.addons)) {
    const addons: Record<string, unknown> = {};
    for (const addon of Object.keys(cluster.addons)) {
      const settings = cluster.addons[addon];
      const role = isPlainObject(settings) ? settings.role : undefined;
      if (!isPlainObject(settings) || !isPlainObject(role)) {
        setOwn(addons, addon, settings);
        continue;
      }
      const entry = addonCatalogEntry(addon);
      const policies = entry?.managedPolicy ? [entry.managedPolicy, ...(entry.additionalManagedPolicies ?? [])] : [];
      const completed = {
        ...role,
        identity: role.identity ?? "pod-identity",
        roleName: role.roleName ?? defaultAddonRoleName(name, addon),
        managedPolicyArns: role.managedPolicyArns ?? policies.map((p, i) => `arn:${partition}:iam::aws:policy/${i === 0 ? (entry?.managedPolicyPath ?? "") : ""}${p}`),
      };
      if (completed.identity === "pod-identity") podIdentity = true;
      setOwn(addons, addon, { ...settings, role: completed });
    }
    // (not when the file removes it with null: the rules then say Pod Identity needs it)
    if (podIdentity && !agentRemoved && !Object.prototype.hasOwnProperty.call(addons, POD_IDENTITY_AGENT)) setOwn(addons, POD_IDENTITY_AGENT, { version: "default" });
    cluster.addons = addons;
  }
  return cluster;
}

export { POD_IDENTITY_AGENT };

/**
 * Validates a configuration given in code (one cluster, or `{ clusters: [...] }`, as a config file holds them) and lays
 * each cluster onto the embedded default; throws a `ConfigError` with every problem. The types say which keys there
 * are and what they take; patterns, ranges and the rules across keys are checked here, as for a file.
 */
export function resolveClusters(input: ConfigInput, source = "the given configuration", lineOf: ParsedFile["lineOf"] = () => undefined): LoadedClusters {
  return resolveParsed(input, source, lineOf);
}

/**
 * `resolveClusters` for a value whose type nothing vouches for: a parsed config file (`loadClusters`), or anything
 * else to validate. The same checks and result.
 */
export function resolveParsed(raw: unknown, source: string, lineOf: ParsedFile["lineOf"] = () => undefined): LoadedClusters {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const entries: { given: unknown; at: string }[] = [];

  if (!isPlainObject(raw)) {
    errors.push({ path: "(top level)", value: raw, rule: "must be one cluster (key: value pairs) or { clusters: [...] }", fix: "start from examples/walkthrough.yaml" });
  } else if (Object.prototype.hasOwnProperty.call(raw, "clusters")) {
    for (const key of Object.keys(raw)) {
      // `x-` keys beside clusters hold YAML anchors for the clusters to merge (`<<: *base`), as Docker Compose's
      // extension fields do; they describe nothing themselves.
      if (key === "clusters" || key.startsWith(EXTENSION_PREFIX)) continue;
      errors.push({
        path: childPath("", key),
        value: raw[key],
        rule: "is not allowed beside clusters: a file holds one cluster, or clusters and nothing else",
        fix: `move ${key} into each entry of clusters, or (to hold YAML anchors) name it ${EXTENSION_PREFIX}${key}${nearest(key, ["clusters"]) ? ", or did you mean `clusters`?" : ""}`,
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
  // IAM role names each cluster creates, lower-cased (IAM names are case-insensitive), with the first path naming it
  const roleNames = new Map<string, { at: string; path: string; name: string }>();
  for (const { given, at } of entries) {
    const merged = withDefaultRoleNames(merge(clusterSchema, DEFAULT_CLUSTER, given), given);
    const { value: cluster, issues } = validate(clusterSchema, merged, at);
    // Rules across keys, names and catalogs judge only the values the schema accepted.
    const accepted = withoutRejected(merged, new Set(issues.map((issue) => issue.path.replace(/ \(the key\)$/, ""))), at);
    const rules = checkClusterRules(accepted, given, at);
    const catalogs = checkCatalogs(accepted, at);
    errors.push(...issues, ...rules.errors, ...unsupportedKeys(accepted, at), ...unsupportedValues(accepted, at), ...nameCollisions(accepted, at), ...catalogs.errors);
    warnings.push(...catalogs.warnings);
    for (const role of createdRoles(isPlainObject(accepted) ? accepted : {}, (...keys) => keys.reduce<string>((p, k) => childPath(p, k), at))) {
      const first = roleNames.get(role.name.toLowerCase());
      if (first && first.at !== at) {
        errors.push({
          path: role.path,
          value: role.name,
          rule: `is also a role of another cluster in this file (${first.path}: ${JSON.stringify(first.name)}): IAM role names are unique in an account (and case-insensitive), so the second stack's CreateRole fails with EntityAlreadyExists`,
          fix: "give each cluster's role its own name (leave it out: each cluster then gets <cluster>-eks-cluster / <cluster>-eks-node), or share an existing role by arn",
        });
      } else if (!first) roleNames.set(role.name.toLowerCase(), { at, path: role.path, name: role.name });
    }
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
