/**
 * Rules that span several keys, and warnings for legal but risky choices. They run on the merged configuration
 * (the file laid onto the embedded default) with every value the schema already rejected taken out, so every
 * problem is reported once and at once, and no rule reasons from a value that is not what it should be.
 */
import { ADDONS_BEFORE_NODES } from "./defaults";
import { architectureOf, hasNeuron, hasNvidiaGpu, podLimit } from "./instance-types";
import { INSTANCE_TYPE, KUBERNETES_VERSION } from "./schema";
import { childPath, isPlainObject, Issue, setOwn } from "./schema-parts";

export interface RuleResult {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isString = (v: unknown): v is string => typeof v === "string";
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, any> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, any>) : {});

/** Minor version of "1.NN", or undefined. */
function minorVersion(version: unknown): number | undefined {
  return isString(version) && KUBERNETES_VERSION.test(version) ? Number(version.slice(2)) : undefined;
}

/** The CPU architecture an AMI type runs on; undefined for CUSTOM. */
function amiArchitecture(amiType: string): "x86_64" | "arm64" | undefined {
  if (amiType.includes("ARM_64")) return "arm64";
  if (amiType.includes("x86_64")) return "x86_64";
  return undefined;
}

/** A copy of `value` without the values at `rejected` paths (each path below `at`, as the schema's issues name them). */
export function withoutRejected(value: unknown, rejected: ReadonlySet<string>, at: string): unknown {
  if (rejected.has(at)) return undefined;
  if (Array.isArray(value)) return value.map((item, i) => withoutRejected(item, rejected, childPath(at, i)));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, withoutRejected(value[key], rejected, childPath(at, key)));
  return copy;
}

/**
 * @param cluster the merged cluster configuration (possibly invalid)
 * @param given the cluster as the file gave it, to tell a given value from a default
 * @param at path of the cluster in the file: "" or "clusters[1]"
 * @param rejected what the schema found wrong: the values at these paths are left out of every rule
 */
export function checkClusterRules(cluster: unknown, given: unknown, at: string, rejected: readonly Issue[] = []): RuleResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const c = obj(withoutRejected(cluster, new Set(rejected.map((issue) => issue.path.replace(/ \(the key\)$/, ""))), at));
  const path = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), at);

  // endpoint
  const endpoint = obj(c.endpoint);
  const cidrs = list(endpoint.publicAccessCidrs);
  if (endpoint.access === "private" && obj(obj(given).endpoint).publicAccessCidrs !== undefined && cidrs.length > 0) {
    errors.push({
      path: path("endpoint", "publicAccessCidrs"),
      value: cidrs,
      rule: "applies only to a public endpoint, and endpoint.access is private (EKS rejects public CIDRs on a private-only endpoint)",
      fix: "remove publicAccessCidrs, or set endpoint.access to public-and-private",
    });
  }
  if (endpoint.access !== "private" && cidrs.includes("0.0.0.0/0")) {
    warnings.push({
      path: path("endpoint", "publicAccessCidrs"),
      value: cidrs,
      rule: "the public Kubernetes API endpoint is open to the whole internet (0.0.0.0/0)",
      fix: "list only your networks' CIDRs, or set endpoint.access to private",
    });
  }

  // secrets encryption: the key must be in the cluster's region
  const kmsKeyArn = obj(c.secretsEncryption).kmsKeyArn;
  if (isString(kmsKeyArn) && isString(c.region)) {
    const keyRegion = kmsKeyArn.split(":")[3];
    if (keyRegion && keyRegion !== c.region) {
      errors.push({
        path: path("secretsEncryption", "kmsKeyArn"),
        value: kmsKeyArn,
        rule: `is a key in ${keyRegion}, but the cluster is in ${c.region} (EKS needs a KMS key of the cluster's region)`,
        fix: `use a key created in ${c.region}`,
      });
    }
  }

  // secrets encryption cannot be undone
  const secrets = obj(c.secretsEncryption);
  if (secrets.createKey === false) {
    errors.push({
      path: path("secretsEncryption", "createKey"),
      value: false,
      rule: "false creates no key, so nothing would encrypt the secrets",
      fix: "set createKey: true, give kmsKeyArn instead, or remove secretsEncryption",
    });
  } else if (secrets.createKey === true || isString(secrets.kmsKeyArn)) {
    warnings.push({
      path: path("secretsEncryption"),
      value: c.secretsEncryption,
      rule: "secrets encryption cannot be turned off once a cluster has it, nor moved to another key",
      fix: "keep this setting for the cluster's lifetime; removing it later means a new cluster",
    });
  }

  // logging
  const logging = obj(c.logging);
  if (logging.retentionDays !== undefined && Array.isArray(logging.types) && logging.types.length === 0) {
    errors.push({
      path: path("logging", "retentionDays"),
      value: logging.retentionDays,
      rule: "keeps logs that are never written: logging.types is empty",
      fix: "enable log types, e.g. types: [api, audit, authenticator], or remove retentionDays",
    });
  }
  if (Array.isArray(obj(c.logging).types) && obj(c.logging).types.length === 0) {
    warnings.push({
      path: path("logging", "types"),
      value: [],
      rule: "no control-plane logs: API calls and authentication are not recorded",
      fix: "enable at least audit and authenticator, e.g. types: [api, audit, authenticator]",
    });
  }

  // access
  const access = obj(c.access);
  const entries = list(access.entries);
  if (access.authenticationMode === "CONFIG_MAP" && entries.length > 0) {
    errors.push({
      path: path("access", "entries"),
      value: entries.map((e) => obj(e).principalArn),
      rule: "access entries need authenticationMode API or API_AND_CONFIG_MAP; CONFIG_MAP reads only the aws-auth ConfigMap",
      fix: "set access.authenticationMode to API_AND_CONFIG_MAP (or API), or remove the entries",
    });
  }
  const principals = new Map<string, number>();
  entries.forEach((raw, i) => {
    const entry = obj(raw);
    if (isString(entry.principalArn)) {
      if (principals.has(entry.principalArn)) {
        errors.push({
          path: path("access", "entries", i, "principalArn"),
          value: entry.principalArn,
          rule: `must be unique: access.entries[${principals.get(entry.principalArn)}] has it too (EKS allows one access entry per principal)`,
          fix: "merge the two entries' policies into one entry",
        });
      } else principals.set(entry.principalArn, i);
    }
    const policies = new Set<string>();
    list(entry.policies).forEach((p, j) => {
      const policy = obj(p).policy;
      if (!isString(policy)) return;
      if (policies.has(policy)) {
        errors.push({
          path: path("access", "entries", i, "policies", j, "policy"),
          value: policy,
          rule: "is associated twice with one principal (EKS allows one association per policy)",
          fix: "list the policy once, with all its namespaces",
        });
      }
      policies.add(policy);
    });
  });
  if (access.clusterCreatorAdmin === false) {
    warnings.push({
      path: path("access", "clusterCreatorAdmin"),
      value: false,
      rule: "differs from the console's default (true), and changing it later replaces the whole cluster (bootstrap_cluster_creator_admin_permissions forces a new one)",
      fix: "decide it once: false with an explicit access entry for your admins is the reviewable choice",
    });
    if (entries.length === 0) {
      warnings.push({
        path: path("access", "entries"),
        value: [],
        rule: "no IAM principal gets access: the creator is not made admin and there are no access entries, so nobody can use the Kubernetes API",
        fix: "add an entry, e.g. { principalArn: <your admin role>, policies: [{ policy: AmazonEKSClusterAdminPolicy }] }",
      });
    }
  }

  // node groups
  const minor = minorVersion(c.kubernetesVersion);
  const addons = Object.keys(obj(c.addons));
  const seen = new Map<string, number>();
  list(c.nodeGroups).forEach((raw, i) => {
    const g = obj(raw);
    if (isString(g.name)) {
      if (seen.has(g.name)) {
        errors.push({
          path: path("nodeGroups", i, "name"),
          value: g.name,
          rule: `must be unique in the cluster; nodeGroups[${seen.get(g.name)}] has it too`,
          fix: "rename one of the node groups",
        });
      } else seen.set(g.name, i);
    }

    const amiType = isString(g.amiType) ? g.amiType : undefined;
    if (amiType?.startsWith("AL2_") && minor !== undefined && minor >= 33) {
      errors.push({
        path: path("nodeGroups", i, "amiType"),
        value: amiType,
        rule: `Amazon Linux 2 has no EKS AMIs for Kubernetes 1.33 and later, and kubernetesVersion is ${c.kubernetesVersion}`,
        fix: `use ${amiType.replace("AL2_", "AL2023_").replace("_GPU", "_NVIDIA").replace(/(x86_64|ARM_64)$/, "$1_STANDARD")}`,
      });
    }

    const types = list(g.instanceTypes).filter((t): t is string => isString(t) && INSTANCE_TYPE.test(t));
    const architectures = [...new Set(types.map(architectureOf))];
    if (architectures.length > 1) {
      errors.push({
        path: path("nodeGroups", i, "instanceTypes"),
        value: types,
        rule: `mixes CPU architectures (${types.map((t) => `${t}: ${architectureOf(t)}`).join(", ")}); one AMI cannot boot both`,
        fix: "use instance types of one architecture, or split them into two node groups",
      });
    }
    const amiArch = amiType ? amiArchitecture(amiType) : undefined;
    types.forEach((t) => {
      const at = path("nodeGroups", i, "instanceTypes", list(g.instanceTypes).indexOf(t));
      if (architectures.length === 1 && amiArch && architectureOf(t) !== amiArch) {
        errors.push({
          path: at,
          value: t,
          rule: `is an ${architectureOf(t)} type, but amiType ${amiType} is for ${amiArch}`,
          fix: architectureOf(t) === "arm64" ? "use an ARM_64 AMI type, e.g. AL2023_ARM_64_STANDARD" : "use an x86_64 AMI type, e.g. AL2023_x86_64_STANDARD",
        });
      }
      if (amiType && /NVIDIA|_GPU/.test(amiType) && !hasNvidiaGpu(t)) {
        errors.push({ path: at, value: t, rule: `has no NVIDIA GPU, which amiType ${amiType} is for`, fix: "use a GPU family (g5, g6, p4d, p5, ...) or a STANDARD AMI type" });
      }
      if (amiType?.includes("NEURON") && !hasNeuron(t)) {
        errors.push({ path: at, value: t, rule: `has no AWS Inferentia or Trainium chip, which amiType ${amiType} is for`, fix: "use an inf2 or trn1 family, or a STANDARD AMI type" });
      }
    });

    // room for workloads under the VPC CNI's pod limit
    const systemPods = addons.filter((a) => ADDONS_BEFORE_NODES.includes(a)).length + (addons.includes("coredns") ? 2 : 0);
    types.forEach((t) => {
      const limit = podLimit(t);
      if (!limit) return;
      const room = limit.maxPods - systemPods;
      if (room < limit.maxPods / 2) {
        warnings.push({
          path: path("nodeGroups", i, "instanceTypes", list(g.instanceTypes).indexOf(t)),
          value: t,
          rule:
            `${t} runs at most ${limit.maxPods} pods per node (VPC CNI: ${limit.enis} ENIs x (${limit.ipv4PerEni} IPv4 - 1) + 2), ` +
            `and the add-ons' pods take up to ${systemPods} of them, leaving ${Math.max(room, 0)} for workloads`,
          fix: "use a larger type (t3.small runs 11 pods, t3.medium 17), or turn on VPC CNI prefix delegation",
        });
      }
    });

    // IMDSv2 launch template
    const hopLimit = obj(g.imds).hopLimit;
    if (g.imds !== undefined && g.remoteAccess !== undefined) {
      errors.push({
        path: path("nodeGroups", i, "remoteAccess"),
        value: g.remoteAccess,
        rule: "cannot be combined with imds: the node group then runs from a launch template, and EKS rejects remote access with one",
        fix: "remove remoteAccess (use SSM Session Manager), or remove imds",
      });
    }
    if (hopLimit === 1) {
      warnings.push({
        path: path("nodeGroups", i, "imds", "hopLimit"),
        value: 1,
        rule: "pods (other than host-network ones) cannot reach instance metadata, so anything relying on the node role's credentials fails",
        fix: "give such workloads IAM roles of their own (EKS Pod Identity or IRSA), or use hopLimit: 2",
      });
    }

    // scaling and update
    const s = obj(g.scaling);
    if (isInt(s.minSize) && isInt(s.desiredSize) && isInt(s.maxSize)) {
      if (!(s.minSize <= s.desiredSize && s.desiredSize <= s.maxSize)) {
        const wrong = s.minSize > s.maxSize ? "minSize" : "desiredSize";
        errors.push({
          path: path("nodeGroups", i, "scaling", wrong),
          value: s[wrong],
          rule: `must satisfy 0 <= minSize <= desiredSize <= maxSize (minSize ${s.minSize}, desiredSize ${s.desiredSize}, maxSize ${s.maxSize})`,
          fix:
            wrong === "minSize"
              ? `lower minSize to ${s.maxSize} or less, or raise maxSize`
              : `set desiredSize from ${s.minSize} to ${s.maxSize}, or move minSize/maxSize to include ${s.desiredSize}`,
        });
      } else if (s.desiredSize === 1) {
        warnings.push({
          path: path("nodeGroups", i, "scaling", "desiredSize"),
          value: 1,
          rule: "a single node: when it is replaced (update, Spot interruption, failure) every pod on it stops",
          fix: "set minSize and desiredSize to 2 or more for anything but a trial",
        });
      }
    }
    const maxUnavailable = obj(g.update).maxUnavailable;
    if (isInt(maxUnavailable) && isInt(s.maxSize) && maxUnavailable > s.maxSize) {
      errors.push({
        path: path("nodeGroups", i, "update", "maxUnavailable"),
        value: maxUnavailable,
        rule: `must not exceed scaling.maxSize (${s.maxSize}) (EKS rejects it)`,
        fix: `use ${s.maxSize} or less, or maxUnavailablePercentage`,
      });
    }
  });

  return { errors, warnings };
}
