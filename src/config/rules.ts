/**
 * Rules that span several keys, and warnings for legal but risky choices. They run on the merged configuration
 * (the file laid onto the embedded default) with every value the schema already rejected taken out, so every
 * problem is reported once and at once, and no rule reasons from a value that is not what it should be.
 */
import { checkFargateAndAutoMode } from "./rules/fargate-auto-mode";
import { checkLifecycle } from "./rules/lifecycle";
import { checkKarpenter } from "./rules/karpenter";
import { checkNetwork } from "./rules/network";
import { checkEndpoints } from "./rules/endpoints";
import { checkIpv6 } from "./rules/ipv6";
import { checkNodeGroupCompute } from "./rules/node-group-compute";
import { addonCatalogEntry } from "./catalogs/addon-versions";
import { policyNameOf, terraformName } from "./names";
import { AMI_FAMILY_PREFIXES, AMI_ROOT_VOLUMES } from "./catalogs/ami-root-volumes";
import { partitionOfRegion } from "./catalogs/regions";
import { EKS_TAG_RULES } from "./catalogs/tag-rules";
import { ADDONS_BEFORE_NODES } from "./defaults";
import { architectureOf, hasNeuron, hasNvidiaGpu, podLimit } from "./instance-types";
import { INSTANCE_TYPE, parseCidr } from "./schema";
import { childPath, isPlainObject, Issue, setOwn } from "./schema-parts";
import { autoModeOnly } from "./fargate-auto-mode";
import { Found, isInt, isString, list, minorVersion, obj, PathOf, POD_IDENTITY_AGENT } from "./rules/rule-kit";

export interface RuleResult {
  readonly errors: Issue[];
  readonly warnings: Issue[];
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
 * Address ranges that are not public Internet addresses: RFC 1918 private (10/8, 172.16/12, 192.168/16), RFC 6598
 * shared (100.64/10), loopback (127/8), link-local (169.254/16) and "this network" (0.0.0.0/8; 0.0.0.0/0 itself is not
 * inside it). EKS User Guide "Cluster API server endpoint" (cluster-endpoint.html): the public endpoint's CIDR blocks
 * are public addresses clients connect from; CreateCluster / UpdateClusterConfig reject private ones in
 * publicAccessCidrs (InvalidParameterException; the exact wording was not found in any stored source).
 */
const NON_PUBLIC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8"];

/** The non-public range a CIDR lies inside, if any. */
export function nonPublicRangeOf(cidr: string): string | undefined {
  const { address, prefix } = parseCidr(cidr);
  return NON_PUBLIC_RANGES.find((range) => {
    const r = parseCidr(range);
    return prefix >= r.prefix && Math.floor(address / 2 ** (32 - r.prefix)) === Math.floor(r.address / 2 ** (32 - r.prefix));
  });
}

/**
 * A public endpoint's CIDRs. EKS API VpcConfigRequest.publicAccessCidrs: "The default value is 0.0.0.0/0": an empty
 * list sends nothing (the provider omits it), so EKS keeps 0.0.0.0/0, the opposite of what an empty list says.
 * Private ranges: NON_PUBLIC_RANGES above.
 */
function checkPublicAccessCidrs(c: Record<string, any>, path: PathOf, found: Found): void {
  const endpoint = obj(c.endpoint);
  if (endpoint.access === "private" || !Array.isArray(endpoint.publicAccessCidrs)) return;
  if (endpoint.publicAccessCidrs.length === 0) {
    found.errors.push({
      path: path("endpoint", "publicAccessCidrs"),
      value: [],
      rule: "is empty, so nothing is sent and EKS keeps its default 0.0.0.0/0: the public endpoint would be open to the whole internet (EKS API VpcConfigRequest.publicAccessCidrs)",
      fix: "list the public CIDRs allowed to reach the endpoint (e.g. [203.0.113.0/24]), or set endpoint.access to private",
    });
  }
  endpoint.publicAccessCidrs.forEach((cidr: unknown, i: number) => {
    const range = isString(cidr) ? nonPublicRangeOf(cidr) : undefined;
    if (range) {
      found.errors.push({
        path: path("endpoint", "publicAccessCidrs", i),
        value: cidr,
        rule: `lies in ${range}, which is not a public internet range: EKS rejects private CIDRs in publicAccessCidrs (clients reach the public endpoint from public addresses; EKS User Guide "Cluster API server endpoint")`,
        fix: "list the public (NAT, VPN or office egress) address instead; traffic from inside the VPC uses the private endpoint (endpoint.access: public-and-private)",
      });
    }
  });
}

/**
 * KMS alias ARNs. EKS API Provider.keyArn takes a key ARN or alias, but the cluster role's grant names that ARN, and
 * an IAM policy naming an alias ARN covers the alias, not the key (AWS KMS Developer Guide "Using aliases to control
 * access to KMS keys": the Resource of key operations must be the key ARN); and EKS stores the key ARN it resolved,
 * so Terraform sees a change on every plan.
 */
function checkKmsAlias(c: Record<string, any>, path: PathOf, found: Found): void {
  const arn = obj(c.secretsEncryption).kmsKeyArn;
  if (isString(arn) && arn.includes(":alias/")) {
    found.errors.push({
      path: path("secretsEncryption", "kmsKeyArn"),
      value: arn,
      rule: "is a KMS alias ARN: the cluster role's grant would cover the alias, not the key, and EKS stores the key ARN, so every plan shows a change",
      fix: `use the key ARN the alias points to, ${arn.replace(/:alias\/.*$/, ":key/<key id>")} (aws kms describe-key --key-id ${arn} --query KeyMetadata.Arn)`,
    });
  }
}

/**
 * ARNs of another partition than the region's (catalogs/regions.ts partitionOfRegion, from botocore partitions.json):
 * roles, principals and keys exist in one partition only, and EKS in a region takes ARNs of its own partition (AWS
 * General Reference "Amazon Resource Names (ARNs)": partition "a group of AWS Regions"; IAM User Guide "IAM
 * identifiers"). EKS's exact error wording for a foreign-partition role was not found in any stored source.
 */
function checkPartitions(c: Record<string, any>, path: PathOf, found: Found): void {
  const partition = isString(c.region) ? partitionOfRegion(c.region) : undefined;
  if (!partition) return;
  const arns: [string, unknown][] = [
    [path("clusterRole", "arn"), obj(c.clusterRole).arn],
    [path("secretsEncryption", "kmsKeyArn"), obj(c.secretsEncryption).kmsKeyArn],
    ...list(obj(c.access).entries).map((e, i): [string, unknown] => [path("access", "entries", i, "principalArn"), obj(e).principalArn]),
    ...list(c.nodeGroups).map((g, i): [string, unknown] => [path("nodeGroups", i, "role", "arn"), obj(obj(g).role).arn]),
    ...list(c.serviceAccounts).flatMap((s, i) => list(obj(s).managedPolicyArns).map((arn, j): [string, unknown] => [path("serviceAccounts", i, "managedPolicyArns", j), arn])),
    ...Object.keys(obj(c.addons)).flatMap((name) =>
      list(obj(obj(obj(c.addons)[name]).role).managedPolicyArns).map((arn, j): [string, unknown] => [path("addons", name, "role", "managedPolicyArns", j), arn]),
    ),
  ];
  for (const [at, arn] of arns) {
    const arnPartition = isString(arn) ? arn.split(":")[1] : undefined;
    if (arnPartition && arnPartition !== partition) {
      found.errors.push({
        path: at,
        value: arn,
        rule: `is in partition ${arnPartition}, but region ${c.region} is in ${partition}: AWS roles, principals and keys exist in one partition only`,
        fix: `use the ARN of an ${partition} account (arn:${partition}:...), or a region of ${arnPartition}`,
      });
    }
  }
}

/**
 * Smallest diskSize per AMI family: catalogs/ami-root-volumes.ts `safeMinimumDiskSizeGiB` (its sources: the
 * amazon-eks-ami templates, the EKS CreateNodegroup error "Volume of size 10GB is smaller than snapshot 'snap-...',
 * expect size>= 20GB", Bottlerocket's build layout, EKS CreateNodegroupRequest.diskSize defaults).
 */
const DISK_REASONS: Readonly<Record<(typeof AMI_FAMILY_PREFIXES)[number], string>> = {
  AL2023_: "the AL2023 AMI's root snapshot is 20 GiB and EKS rejects a smaller volume (\"Volume of size 10GB is smaller than snapshot ..., expect size>= 20GB\")",
  AL2_: "the AL2 AMI maps a 20 GiB root volume (EKS's Linux default)",
  BOTTLEROCKET_: "diskSize sizes Bottlerocket's data volume (container images, logs, emptyDir), which its AMI maps at 20 GiB",
  // unconfirmed (catalogs/ami-root-volumes.ts WINDOWS_): the Windows AMI snapshot size; EKS's 50 GiB default is the floor.
  WINDOWS_: "EKS's default for Windows nodes is 50 GiB, and no smaller Windows root volume is known to work",
};
function checkDiskSize(g: Record<string, any>, at: string, found: Found): void {
  const amiType = isString(g.amiType) ? g.amiType : undefined;
  const family = amiType ? AMI_FAMILY_PREFIXES.find((p) => amiType.startsWith(p)) : undefined;
  const minimum = family ? AMI_ROOT_VOLUMES[family].safeMinimumDiskSizeGiB : undefined;
  if (family && minimum !== undefined && isInt(g.diskSize) && g.diskSize < minimum) {
    found.errors.push({
      path: at,
      value: g.diskSize,
      rule: `is below ${minimum} GiB, the smallest disk for amiType ${amiType}: ${DISK_REASONS[family]}`,
      fix: `set diskSize to ${minimum} or more`,
    });
  }
}

/**
 * What a launch template needs for CAPACITY_BLOCK and CUSTOM. CAPACITY_BLOCK: EKS User Guide "Create a managed node group with
 * Capacity Blocks for ML" (capacity-blocks-mng): the node group needs a launch template whose
 * InstanceMarketOptions/CapacityReservationSpecification name the Capacity Block reservation. CUSTOM: EKS API
 * CreateNodegroup amiType: a node group with a custom AMI comes from a launch template that names the AMI id (and its
 * user data), and amiType is then not specified; EKS rejects CUSTOM without one.
 */
function checkLaunchTemplateOnly(g: Record<string, any>, path: PathOf, i: number, found: Found): void {
  // The launch template carries both (rules/node-group-compute.ts checks the rest): here, what is missing for it.
  if (g.capacityType === "CAPACITY_BLOCK" && g.capacityReservationId === undefined) {
    found.errors.push({
      path: path("nodeGroups", i, "capacityType"),
      value: g.capacityType,
      rule: "CAPACITY_BLOCK needs a launch template naming the Capacity Block reservation (EKS User Guide capacity-blocks-mng), and capacityReservationId is not given",
      fix: "add capacityReservationId: cr-... (the Capacity Block's reservation), or use ON_DEMAND (or SPOT)",
    });
  }
  if (g.amiType === "CUSTOM" && g.amiId === undefined) {
    found.errors.push({
      path: path("nodeGroups", i, "amiType"),
      value: g.amiType,
      rule: "CUSTOM needs a launch template with the AMI id and its bootstrap user data (EKS API CreateNodegroup amiType), and amiId is not given",
      fix: "add amiId: ami-... (an AL2023-based AMI: the launch template bootstraps it with nodeadm), or use an EKS-optimized AMI type, e.g. AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD or BOTTLEROCKET_x86_64",
    });
  }
}

/** Taint effect spellings the schema accepts as aliases, for rules that see the merged (unnormalized) value. */
const TAINT_EFFECT_ALIASES: Readonly<Record<string, string>> = { NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" };

/**
 * Taints are unique by key and effect: Kubernetes API validation of Node spec.taints ("taints must be unique by key and
 * effect pair", kubernetes/kubernetes pkg/apis/core/validation validateNodeTaints), and EKS rejects a node group whose
 * taints repeat a pair (EKS User Guide node-taints-managed-node-groups).
 */
function checkDuplicateTaints(g: Record<string, any>, path: PathOf, i: number, found: Found): void {
  const seen = new Map<string, number>();
  list(g.taints).forEach((raw, j) => {
    const t = obj(raw);
    if (!isString(t.key) || !isString(t.effect)) return;
    const effect = TAINT_EFFECT_ALIASES[t.effect] ?? t.effect;
    const pair = `${t.key}\u0000${effect}`;
    if (seen.has(pair)) {
      found.errors.push({
        path: path("nodeGroups", i, "taints", j),
        value: raw,
        rule: `repeats taints[${seen.get(pair)}]: key ${t.key} with effect ${effect} (a node's taints must be unique by key and effect; EKS rejects duplicates)`,
        fix: "remove one of the two, or give them different effects",
      });
    } else seen.set(pair, j);
  });
}

/**
 * Tags once merged: a node group and its launch template carry the cluster's tags plus the group's own, and AWS allows
 * 50 per resource (EKS API TagMap max 50 entries, EC2 50 tags per resource; catalogs/tag-rules.ts EKS_TAG_RULES).
 */
function checkMergedTags(c: Record<string, any>, g: Record<string, any>, path: PathOf, i: number, found: Found): void {
  if (!isPlainObject(g.tags) || !isPlainObject(c.tags)) return;
  const keys = new Set([...Object.keys(c.tags), ...Object.keys(g.tags)]);
  const limit = EKS_TAG_RULES.maxTagsPerResource;
  if (keys.size > limit) {
    found.errors.push({
      path: path("nodeGroups", i, "tags"),
      value: g.tags,
      rule: `with the cluster's ${Object.keys(c.tags).length} tags makes ${keys.size} tags on the node group and its launch template; AWS allows ${limit} per resource`,
      fix: `remove ${keys.size - limit} tags from the node group or the cluster`,
    });
  }
}

/** No node groups: coredns and every add-on that runs as a Deployment have nowhere to run. */
/** The IAM roles a cluster creates (by name), with where each is named and what it is for. */
export function createdRoles(c: Record<string, any>, path: PathOf): { name: string; path: string; kind: "cluster" | "node" | "service account" | "add-on" | "Karpenter controller" | "Karpenter node" | "Fargate pod execution" | "Auto Mode node" }[] {
  const roles: { name: string; path: string; kind: "cluster" | "node" | "service account" | "add-on" | "Karpenter controller" | "Karpenter node" | "Fargate pod execution" | "Auto Mode node" }[] = [];
  const clusterRole = obj(c.clusterRole).name;
  if (isString(clusterRole)) roles.push({ name: clusterRole, path: path("clusterRole", "name"), kind: "cluster" });
  list(c.nodeGroups).forEach((g, i) => {
    const name = obj(obj(g).role).name;
    if (isString(name)) roles.push({ name, path: path("nodeGroups", i, "role", "name"), kind: "node" });
  });
  list(c.serviceAccounts).forEach((s, i) => {
    const name = obj(s).roleName;
    if (isString(name)) roles.push({ name, path: path("serviceAccounts", i, "roleName"), kind: "service account" });
  });
  for (const addon of Object.keys(obj(c.addons))) {
    const name = obj(obj(obj(c.addons)[addon]).role).roleName;
    if (isString(name)) roles.push({ name, path: path("addons", addon, "role", "roleName"), kind: "add-on" });
  }
  // Karpenter (issue 14): its controller's and nodes' roles
  if (isString(obj(c.karpenter).controllerRoleName)) roles.push({ name: obj(c.karpenter).controllerRoleName, path: path("karpenter", "controllerRoleName"), kind: "Karpenter controller" });
  if (isString(obj(c.karpenter).nodeRoleName)) roles.push({ name: obj(c.karpenter).nodeRoleName, path: path("karpenter", "nodeRoleName"), kind: "Karpenter node" });
  // Fargate profiles and Auto Mode (issue 14): pod execution roles (profiles naming one share it), the Auto Mode node role
  list(c.fargateProfiles).forEach((p, i) => {
    const name = obj(p).podExecutionRoleName;
    if (isString(name)) roles.push({ name, path: path("fargateProfiles", i, "podExecutionRoleName"), kind: "Fargate pod execution" });
  });
  if (obj(c.autoMode).enabled === true && isString(obj(c.autoMode).nodeRoleName)) roles.push({ name: obj(c.autoMode).nodeRoleName, path: path("autoMode", "nodeRoleName"), kind: "Auto Mode node" });
  return roles;
}

export { POD_IDENTITY_AGENT };

/** IAM and STS quotas: "Role policy size cannot exceed 10,240 characters" (the inline policies of a role, whitespace not counted). */
export const INLINE_ROLE_POLICY_MAX = 10_240;

/**
 * Workload identity (EKS User Guide, "EKS Pod Identity" and "IAM roles for service accounts"): one role per service
 * account (two associations for one account are refused: EKS CreatePodIdentityAssociation answers
 * ResourceInUseException), a role that grants something, an inline policy IAM accepts, and add-on roles only for
 * add-ons the table knows the service account of.
 */
function checkWorkloadIdentity(c: Record<string, any>, path: PathOf, found: Found): void {
  const owners = new Map<string, string>();
  // The loader adds the agent when Pod Identity is used; absent here, the file removed it (null)
  const podIdentityUser = [
    ...list(c.serviceAccounts).map((s, i) => (obj(s).identity === "pod-identity" ? path("serviceAccounts", i) : undefined)),
    ...Object.keys(obj(c.addons)).map((name) => (obj(obj(obj(c.addons)[name]).role).identity === "pod-identity" ? path("addons", name, "role") : undefined)),
  ].find((p) => p !== undefined);
  // (Auto Mode as the only compute runs the agent itself.)
  if (podIdentityUser && !Object.prototype.hasOwnProperty.call(obj(c.addons), POD_IDENTITY_AGENT) && !autoModeOnly(c)) {
    found.errors.push({
      path: path("addons", POD_IDENTITY_AGENT),
      value: null,
      rule: `is left out, but ${podIdentityUser} uses EKS Pod Identity, whose credentials come from this agent on every node (EKS User Guide, "Set up the Amazon EKS Pod Identity Agent")`,
      fix: `remove the null (the agent is then added at EKS's default version), or use identity: irsa`,
    });
  }
  list(c.serviceAccounts).forEach((raw, i) => {
    const s = obj(raw);
    if (!isString(s.namespace) || !isString(s.name)) return;
    const key = `${s.namespace}/${s.name}`;
    const first = owners.get(key);
    if (first) {
      found.errors.push({
        path: path("serviceAccounts", i, "name"),
        value: s.name,
        rule: `is service account ${s.namespace}/${s.name} again (${first} has it): a service account gets one IAM role (EKS refuses a second Pod Identity association for it; two IRSA roles would both trust it)`,
        fix: "merge the two entries: one role with all the policies",
      });
    } else owners.set(key, path("serviceAccounts", i));
    if (list(s.managedPolicyArns).length === 0 && s.inlinePolicy === undefined) {
      found.errors.push({
        path: path("serviceAccounts", i),
        value: { namespace: s.namespace, name: s.name },
        rule: "gives the role no permissions: neither managedPolicyArns nor an inlinePolicy",
        fix: "name the managed policies the workload needs (managedPolicyArns), or write an inlinePolicy",
      });
    }
    if (s.inlinePolicy !== undefined) checkInlinePolicy(s.inlinePolicy, path("serviceAccounts", i, "inlinePolicy"), found);
    checkPolicyNames(list(s.managedPolicyArns), (j) => path("serviceAccounts", i, "managedPolicyArns", j), found);
    checkPolicyCount(list(s.managedPolicyArns), path("serviceAccounts", i, "managedPolicyArns"), found);
  });
  const addons = obj(c.addons);
  // An add-on's own service account is EKS's: EKS writes it (no IRSA annotation of ours survives), so its role is the
  // add-on's (EKS User Guide "AWS add-ons": the add-on's IAM role is given on the add-on)
  list(c.serviceAccounts).forEach((raw, i) => {
    const s = obj(raw);
    for (const addon of Object.keys(addons)) {
      const entry = addonCatalogEntry(addon);
      if (addons[addon] === null || !entry?.serviceAccount || entry.namespace !== s.namespace || entry.serviceAccount !== s.name) continue;
      found.errors.push({
        path: path("serviceAccounts", i),
        value: { namespace: s.namespace, name: s.name },
        rule: `is the service account of the ${addon} add-on, which EKS manages: a role bound here would not reach the add-on's pods (EKS sets the add-on's IRSA role or Pod Identity association itself)`,
        fix: `remove this entry and give the add-on its role: addons.${addon}.role: { identity: ${s.identity === "irsa" ? "irsa" : "pod-identity"} }`,
      });
    }
  });
  for (const addon of Object.keys(addons)) {
    const role = obj(addons[addon]).role;
    if (role === undefined || role === null) continue;
    const entry = addonCatalogEntry(addon);
    if (entry && !entry.needsIamRole) {
      found.errors.push({
        path: path("addons", addon, "role"),
        value: role,
        rule: `is for ${addon}, which needs no AWS permissions (the add-on table: no IAM role)`,
        fix: "leave out role",
      });
      continue;
    }
    if (!entry?.serviceAccount || !entry.namespace) {
      found.errors.push({
        path: path("addons", addon, "role"),
        value: role,
        rule: `asks for a role of ${addon}'s own, but the add-on table (src/config/catalogs/addon-versions.ts) does not know which service account ${addon} runs as`,
        fix: `leave out role and give ${addon}'s service account a role under serviceAccounts (namespace and name from the add-on's documentation)`,
      });
      continue;
    }
    if (list(obj(role).managedPolicyArns).length === 0) {
      found.errors.push({
        path: path("addons", addon, "role", "managedPolicyArns"),
        value: obj(role).managedPolicyArns,
        rule: entry.managedPolicy
          ? `is empty: the role would grant ${addon} nothing (the add-on table's policy is ${entry.managedPolicy}, used when managedPolicyArns is left out)`
          : `is empty, and the add-on table names no AWS managed policy for ${addon}`,
        fix: entry.managedPolicy ? "leave managedPolicyArns out, or name the policies the add-on needs" : `name the policies ${addon}'s documentation asks for`,
      });
    }
    checkPolicyCount(list(obj(role).managedPolicyArns), path("addons", addon, "role", "managedPolicyArns"), found);
    checkPolicyNames(list(obj(role).managedPolicyArns), (j) => path("addons", addon, "role", "managedPolicyArns", j), found);
    const key = `${entry.namespace}/${entry.serviceAccount}`;
    const first = owners.get(key);
    if (first) {
      found.errors.push({
        path: path("addons", addon, "role"),
        value: role,
        rule: `binds a role to ${key}, ${addon}'s service account, which ${first} gives a role too: a service account gets one IAM role`,
        fix: `keep one of the two: the add-on's role (with the policies of both) or the serviceAccounts entry`,
      });
    } else owners.set(key, path("addons", addon, "role"));
  }
}

/**
 * A role's policy attachments are named after the policies' names (the ARN's last part): two policies of one name
 * (from two accounts or paths) would take one Terraform name.
 */
function checkPolicyNames(arns: unknown[], at: (j: number) => string, found: Found): void {
  const seen = new Map<string, number>();
  arns.forEach((arn, j) => {
    if (!isString(arn)) return;
    // Terraform names hold letters, digits, _ and - only: `+ = , . @` are written `_`
    const key = terraformName([policyNameOf(arn)]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, j);
    else {
      found.errors.push({
        path: at(j),
        value: arn,
        rule: `is a policy whose name gives the same Terraform name (${key}) as ${at(first)}'s: a role's policy attachments are named after the policy (+ = , . @ written _), so both cannot be attached`,
        fix: "attach one of them, or copy one into a policy of another name",
      });
    }
  });
}

/** IAM quotas: 10 managed policies attached to a role by default (20 once raised): above 10 warns. */
function checkPolicyCount(arns: unknown[], at: string, found: Found): void {
  if (arns.length <= 10) return;
  found.warnings.push({
    path: at,
    value: `${arns.length} policies`,
    rule: "attaches more than 10 managed policies: IAM's default quota is 10 per role (AttachRolePolicy answers LimitExceeded unless the account's quota was raised, to at most 20)",
    fix: "raise the quota (Service Quotas: IAM, managed policies per role), or combine policies",
  });
}

/** The keys IAM's policy grammar takes in a policy and in a statement (IAM JSON policy elements reference). */
const POLICY_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal"];

/** An inline IAM policy: a document with a Statement, Version 2012-10-17 (or the legacy 2008-10-17), within IAM's size. */
function checkInlinePolicy(policy: unknown, at: string, found: Found): void {
  const doc = obj(policy);
  if (doc.Statement === undefined) {
    found.errors.push({ path: at, value: policy, rule: "is not an IAM policy document: it has no Statement", fix: 'write { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: [...], Resource: [...] } ] }' });
  }
  // IAM JSON policy elements reference: each statement has Effect Allow|Deny, Action or NotAction and (in an
  // identity-based policy) Resource or NotResource, as strings or lists of strings, and no Principal (PutRolePolicy
  // answers MalformedPolicyDocument otherwise).
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  for (const key of Object.keys(doc)) {
    if (!POLICY_KEYS.includes(key)) found.errors.push({ path: `${at}.${key}`, value: doc[key], rule: "is not an element of an IAM policy (Version, Id, Statement): IAM answers MalformedPolicyDocument", fix: "remove it" });
  }
  if (Array.isArray(doc.Statement) && doc.Statement.length === 0) {
    found.errors.push({ path: `${at}.Statement`, value: [], rule: "is empty: IAM refuses a policy without statements (MalformedPolicyDocument)", fix: "write at least one statement, or leave inlinePolicy out" });
  }
  if (doc.Version === undefined && doc.Statement !== undefined) {
    found.warnings.push({
      path: at,
      value: "(no Version)",
      rule: 'has no Version: IAM then reads it with the 2008-10-17 grammar, where policy variables such as ${aws:username} are plain text',
      fix: 'add Version: "2012-10-17"',
    });
  }
  const strings = (v: unknown) => isString(v) || (Array.isArray(v) && v.length > 0 && v.every(isString));
  statements.forEach((raw: unknown, k: number) => {
    const at_ = Array.isArray(doc.Statement) ? `${at}.Statement[${k}]` : `${at}.Statement`;
    const s = obj(raw);
    const problem = (rule: string, fix: string) => found.errors.push({ path: at_, value: raw, rule, fix });
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      problem("must be a statement (a map)", "write { Effect: Allow, Action: [...], Resource: [...] }");
      return;
    }
    if (s.Effect !== "Allow" && s.Effect !== "Deny") problem(`has Effect ${JSON.stringify(s.Effect)}: IAM takes Allow or Deny`, "write Effect: Allow (or Deny)");
    if (!strings(s.Action) && !strings(s.NotAction)) problem("needs Action (or NotAction): a string or a list of strings", 'e.g. Action: ["s3:GetObject"]');
    if (!strings(s.Resource) && !strings(s.NotResource)) problem("needs Resource (or NotResource): a string or a list of strings (an identity policy names what it applies to)", 'e.g. Resource: ["arn:aws:s3:::my-bucket/*"]');
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) problem("names a Principal, which a role's own (identity) policy must not: IAM answers MalformedPolicyDocument", "remove Principal: the role is the principal");
    for (const key of Object.keys(s)) {
      if (!STATEMENT_KEYS.includes(key)) problem(`holds ${JSON.stringify(key)}, which is not a statement element (Sid, Effect, Action, Resource, Condition...): IAM answers MalformedPolicyDocument`, `remove ${key}`);
    }
    if (s.Sid !== undefined && (!isString(s.Sid) || !/^[A-Za-z0-9]*$/.test(s.Sid))) problem(`has Sid ${JSON.stringify(s.Sid)}: IAM takes letters and digits only`, "e.g. Sid: ReadInvoices");
    if (s.Condition !== undefined && (s.Condition === null || typeof s.Condition !== "object" || Array.isArray(s.Condition))) {
      problem("has a Condition that is not a map of operators (StringEquals: {...})", 'e.g. Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } }');
    }
  });
  if (doc.Version !== undefined && doc.Version !== "2012-10-17" && doc.Version !== "2008-10-17") {
    found.errors.push({ path: `${at}.Version`, value: doc.Version, rule: "must be 2012-10-17 (IAM policy grammar; 2008-10-17 is the legacy version)", fix: 'write Version: "2012-10-17"' });
  }
  const size = JSON.stringify(policy).length;
  if (size > INLINE_ROLE_POLICY_MAX) {
    found.errors.push({
      path: at,
      value: `${size} characters`,
      rule: `is ${size} characters as JSON: IAM allows ${INLINE_ROLE_POLICY_MAX} for a role's inline policies (IAM and STS quotas)`,
      fix: "split it into managed policies (managedPolicyArns), or use wildcards in actions and resources",
    });
  }
}

/**
 * IAM role names are unique per account and case-insensitive (IAM User Guide, "IAM identifiers": "names must be
 * unique within an account ... not distinguished by case"; CreateRole answers EntityAlreadyExists). Node groups that
 * name one role exactly share it; two spellings of one name, or the cluster role's name on a node role (one role
 * cannot trust both eks.amazonaws.com and ec2.amazonaws.com here), would be created twice.
 */
function checkRoleNames(c: Record<string, any>, path: PathOf, found: Found): void {
  const first = new Map<string, { name: string; path: string; kind: string }>();
  for (const role of createdRoles(c, path)) {
    const seen = first.get(role.name.toLowerCase());
    if (!seen) {
      first.set(role.name.toLowerCase(), role);
      continue;
    }
    if (seen.name === role.name && seen.kind === role.kind && (role.kind === "node" || role.kind === "Fargate pod execution")) continue; // node groups (Fargate profiles) sharing one role
    const sameKind = seen.kind === role.kind;
    found.errors.push({
      path: role.path,
      value: role.name,
      rule: !sameKind
        ? `names the ${seen.kind} role ${JSON.stringify(seen.name)} (${seen.path}) for a ${role.kind} role: IAM role names are unique in an account, and one role cannot serve both`
        : seen.name === role.name
          ? `is the name of another ${role.kind} role too (${seen.path}): each gets a role of its own, and IAM role names are unique in an account, so the second CreateRole fails with EntityAlreadyExists`
          : `is ${JSON.stringify(seen.name)} (${seen.path}) in another case: IAM role names are case-insensitive, so the second CreateRole fails with EntityAlreadyExists`,
      fix:
        role.kind === "service account" || role.kind === "add-on"
          ? `set ${role.path} to a name of its own (the default, ${role.kind === "add-on" ? "<cluster>-<add-on>" : "<cluster>-<namespace>-<name>"}, meets another role's)`
          : !sameKind || seen.name === role.name
            ? "give the roles different names"
            : `write it as ${JSON.stringify(seen.name)} to share that role, or give it another name`,
    });
  }
}

function checkNoNodeGroups(c: Record<string, any>, path: PathOf, found: Found): void {
  if (!Array.isArray(c.nodeGroups) || c.nodeGroups.length > 0) return;
  // Fargate profiles or Auto Mode run the pods instead (rules/fargate-auto-mode.ts checks CoreDNS has a place there)
  if (list(c.fargateProfiles).length > 0 || obj(c.autoMode).enabled === true) return;
  found.warnings.push({
    path: path("nodeGroups"),
    value: [],
    rule: "no node groups: coredns and every add-on that runs as a Deployment can never become healthy (EKS reports them DEGRADED), so pods get no DNS",
    fix: "add a node group, e.g. nodeGroups: [{ name: workers }], or run pods without nodes: fargateProfiles, or autoMode: { enabled: true }",
  });
}

/**
 * @param accepted the merged cluster configuration with every value the schema rejected taken out (`withoutRejected`)
 * @param given the cluster as the file gave it, to tell a given value from a default
 * @param at path of the cluster in the file: "" or "clusters[1]"
 */
export function checkClusterRules(accepted: unknown, given: unknown, at: string): RuleResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const c = obj(accepted);
  const path = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), at);
  const found: Found = { errors, warnings };
  checkPublicAccessCidrs(c, path, found);
  checkKmsAlias(c, path, found);
  checkPartitions(c, path, found);
  checkNoNodeGroups(c, path, found);
  checkRoleNames(c, path, found);
  checkWorkloadIdentity(c, path, found);
  checkNodeGroupCompute(c, obj(given), path, found);
  checkKarpenter(c, obj(given), path, found);
  checkFargateAndAutoMode(c, obj(given), path, found);
  checkNetwork(c, obj(given), path, found);
  checkEndpoints(c, obj(given), path, found);
  checkIpv6(c, obj(given), path, found);
  checkLifecycle(c, obj(given), path, found);

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

    checkDiskSize(g, path("nodeGroups", i, "diskSize"), found);
    checkLaunchTemplateOnly(g, path, i, found);
    checkDuplicateTaints(g, path, i, found);
    checkMergedTags(c, g, path, i, found);

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
        fix: "remove remoteAccess and reach the nodes with SSM Session Manager (the node role then needs the AmazonSSMManagedInstanceCore policy, which this app does not attach), or remove imds",
      });
    }
    if (hopLimit === 1) {
      warnings.push({
        path: path("nodeGroups", i, "imds", "hopLimit"),
        value: 1,
        rule: "pods (other than host-network ones) cannot reach instance metadata, so anything relying on the node role's credentials fails",
        fix: "give such workloads IAM roles of their own (serviceAccounts: EKS Pod Identity or IRSA), or use hopLimit: 2",
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
