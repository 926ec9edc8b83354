/**
 * Synth-time replacement warnings: what an edit of the configuration will make Terraform replace or destroy, found by
 * comparing a cluster's new stack (Terraform JSON) with the one the previous synth wrote, before anyone plans.
 *
 * - An attribute whose change replaces its resource (`REPLACING_ATTRIBUTES`, from hashicorp/aws 5.100.0's source)
 *   that differs between the two documents replaces that resource.
 * - A resource replaced makes its computed attributes unknown: a replacing attribute (or a `replace_triggered_by`
 *   entry) of another resource that refers to one of them replaces that resource too (a cluster role replaced: the
 *   cluster's `role_arn`; the cluster replaced: its node groups and add-ons, through their `replace_triggered_by`).
 *   Repeated until nothing more is replaced.
 * - A resource in the previous document and not in the new one is destroyed.
 *
 * Each warning names the configuration key that made the difference (the table `CONFIG_KEYS` and the names
 * `derivedNames` gives every node group, role, access entry and add-on), the resource in EKS terms, and the safer path
 * from the plan review's table. Reads Terraform JSON and the configuration's types only (src/review's rule).
 */
import { derivedNames, policyNameOf } from "../config/names";
import { preview } from "../config/printable";
import { ClusterConfig } from "../config/schema";
import { IMPACTS } from "./impacts";
import { ReplacingAttribute, REPLACING_ATTRIBUTES } from "./replacing-attributes";

type Json = unknown;
type Body = Record<string, Json>;

/** One resource the edit replaces or destroys. */
export interface Replacement {
  /** Terraform address: `aws_eks_node_group.node_group_general`. */
  readonly address: string;
  readonly type: string;
  readonly action: "replaced" | "destroyed";
  /** The configuration key whose edit causes it: `nodeGroups[0].instanceTypes`, `network.serviceIpv4Cidr`. */
  readonly configKey: string;
  /** The resource attribute that cannot change in place (a replacement of its own), as Terraform writes its path. */
  readonly attribute?: string;
  /** Values before and after, for an attribute of its own. */
  readonly before?: Json;
  readonly after?: Json;
  /** The replaced resource this one is replaced with (a cascade), by address. */
  readonly with?: string;
  /** Replaced unless the new value equals what AWS computed before (only the plan knows). */
  readonly maybe?: boolean;
}

/** Where in a cluster's configuration each resource the stack makes comes from (fixed names; others by `derivedNames`). */
const FIXED_OWNERS: Readonly<Record<string, string>> = {
  "aws_eks_cluster.cluster": "",
  "aws_iam_role.cluster_role": "clusterRole",
  "aws_iam_role_policy.cluster_role_secrets_encryption": "secretsEncryption",
  "aws_cloudwatch_log_group.cluster_logs": "logging.retentionDays",
  "aws_kms_key.secrets_key": "secretsEncryption.createKey",
  "aws_kms_alias.secrets_key_alias": "secretsEncryption.createKey",
  "aws_iam_openid_connect_provider.oidc_provider": "serviceAccounts (identity: irsa) / addons.<name>.role (identity: irsa)",
  // Karpenter (issue 14): src/constructs/compute/karpenter.ts's fixed names
  "aws_iam_role.karpenter_controller_role": "karpenter.controllerRoleName",
  "aws_iam_role_policy.karpenter_controller_role_inline": "karpenter.controllerRoleName",
  "aws_eks_pod_identity_association.karpenter_controller_role_association": "karpenter",
  "aws_iam_role.karpenter_node_role": "karpenter.nodeRoleName",
  "aws_eks_access_entry.karpenter_node_role_access_entry": "karpenter.nodeRoleName",
  "aws_sqs_queue.karpenter_interruption_queue": "karpenter.interruptionQueue",
  "aws_sqs_queue_policy.karpenter_interruption_queue_policy": "karpenter.interruptionQueue",
  "aws_ec2_tag.karpenter_discovery_subnet": "karpenter.discoverySubnetIds",
  "aws_ec2_tag.karpenter_discovery_security_group": "karpenter.discoverySecurityGroup",
  // EKS Auto Mode's node role (AUTO_MODE_NODE_ROLE_ID)
  "aws_iam_role.auto_mode_node_role": "autoMode.nodeRoleName",
};

/** Owners by address prefix, for names with a part of their own (Karpenter's rules and targets, one per event). */
const PREFIX_OWNERS: readonly (readonly [string, string])[] = [
  ["aws_cloudwatch_event_rule.karpenter_rule_", "karpenter.interruptionQueue"],
  ["aws_cloudwatch_event_target.karpenter_rule_", "karpenter.interruptionQueue"],
  // Load balancer role tags on existing subnets (issue 15): subnet_role_tag_elb["<subnet>"], subnet_role_tag_internal_elb[...]
  ["aws_ec2_tag.subnet_role_tag_", "network.subnetTags"],
  // The created VPC (issue 15, src/constructs/network/created-vpc.ts): per-zone names (`<kind>_subnet_<zone>`, ...)
  ["aws_vpc.vpc", "network.create"],
  ["aws_internet_gateway.internet_gateway", "network.create"],
  ["aws_egress_only_internet_gateway.egress_only_internet_gateway", "network.ipFamily"],
  ["aws_subnet.", "network.create.availabilityZones"],
  ["aws_route_table_association.", "network.create.availabilityZones"],
  ["aws_route_table.public_route_table", "network.create"],
  ["aws_route_table.private_route_table_", "network.create.availabilityZones"],
  ["aws_route.", "network.create.natGateways"],
  ["aws_nat_gateway.", "network.create.natGateways"],
  ["aws_eip.nat_gateway_", "network.create.natGateways"],
  ["aws_vpc_endpoint.", "network.create.endpoints"],
  ["aws_security_group.vpc_endpoints_security_group", "network.create.endpoints"],
  ["aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group", "network.create.endpoints"],
];

/**
 * Configuration keys of attributes of one resource (by address), where its type's `CONFIG_KEYS`, written for the
 * resources of that type elsewhere in the stack, would name the wrong key.
 */
const ADDRESS_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "aws_eks_pod_identity_association.karpenter_controller_role_association": { cluster_name: "name", namespace: "karpenter.namespace", service_account: "karpenter.serviceAccount" },
  "aws_eks_access_entry.karpenter_node_role_access_entry": { cluster_name: "name", principal_arn: "karpenter.nodeRoleName", type: "karpenter" },
  "aws_iam_role_policy.karpenter_controller_role_inline": { role: "karpenter.controllerRoleName", name: "karpenter", name_prefix: "karpenter" },
};

/**
 * The configuration key that sets a replacing attribute, by resource type and attribute path: relative to the
 * resource's owner when it starts with `.`, else from the cluster's root. An attribute not listed is named by the
 * owner alone.
 */
export const CONFIG_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_eks_cluster: {
    name: "name",
    role_arn: "clusterRole",
    "vpc_config.subnet_ids": "network.subnetIds",
    "vpc_config.security_group_ids": "network.securityGroupIds",
    "kubernetes_network_config.service_ipv4_cidr": "network.serviceIpv4Cidr",
    encryption_config: "secretsEncryption",
    "encryption_config.provider": "secretsEncryption",
    "encryption_config.provider.key_arn": "secretsEncryption",
    "encryption_config.resources": "secretsEncryption",
    "access_config.bootstrap_cluster_creator_admin_permissions": "access.clusterCreatorAdmin",
    // Auto Mode writes it (false), or bootstrapSelfManagedAddons does; either way under ignore_changes while written
    bootstrap_self_managed_addons: "autoMode.enabled / bootstrapSelfManagedAddons",
    compute_config: "autoMode",
    "compute_config.node_role_arn": "autoMode.nodeRoleName",
  },
  aws_eks_node_group: {
    cluster_name: "name",
    node_group_name: ".name",
    ami_type: ".amiType",
    capacity_type: ".capacityType",
    disk_size: ".diskSize",
    instance_types: ".instanceTypes",
    subnet_ids: ".subnetIds",
    node_role_arn: ".role",
    remote_access: ".remoteAccess",
    "remote_access.ec2_ssh_key": ".remoteAccess.sshKeyName",
    "remote_access.source_security_group_ids": ".remoteAccess.sourceSecurityGroupIds",
    launch_template: ".imds",
    "launch_template.id": ".imds",
    "launch_template.name": ".imds",
  },
  aws_launch_template: { name: ".name", name_prefix: ".name" },
  aws_iam_role: { name: ".name", name_prefix: ".name", path: ".name" },
  aws_iam_role_policy_attachment: { role: ".name" },
  aws_iam_role_policy: { role: "clusterRole", name: "secretsEncryption" },
  aws_eks_addon: { cluster_name: "name", addon_name: "" },
  aws_eks_access_entry: { cluster_name: "name", principal_arn: ".principalArn" },
  aws_eks_access_policy_association: {
    cluster_name: "name",
    principal_arn: ".principalArn",
    policy_arn: ".policy",
    access_scope: ".namespaces",
    "access_scope.namespaces": ".namespaces",
    "access_scope.type": ".namespaces",
  },
  aws_eks_pod_identity_association: { cluster_name: "name", namespace: ".namespace", service_account: ".name" },
  aws_iam_openid_connect_provider: { url: "name" },
  aws_cloudwatch_log_group: { name: "name", name_prefix: "name" },
  aws_kms_alias: { name: "name", name_prefix: "name" },
  // Issue 14
  aws_eks_fargate_profile: {
    cluster_name: "name",
    fargate_profile_name: ".name",
    pod_execution_role_arn: ".podExecutionRoleName",
    selector: ".selectors",
    subnet_ids: ".subnetIds",
  },
  aws_sqs_queue: { name: "karpenter.interruptionQueueName", name_prefix: "karpenter.interruptionQueueName", fifo_queue: "karpenter.interruptionQueue" },
  aws_sqs_queue_policy: { queue_url: "karpenter.interruptionQueueName" },
  // The rules are named <queue name>-<event>
  aws_cloudwatch_event_rule: { name: "karpenter.interruptionQueueName", name_prefix: "karpenter.interruptionQueueName", event_bus_name: "karpenter.interruptionQueue" },
  aws_cloudwatch_event_target: { rule: "karpenter.interruptionQueueName", target_id: "karpenter.interruptionQueue", event_bus_name: "karpenter.interruptionQueue" },
  aws_ec2_tag: { resource_id: "", key: "" },
  // Issue 15: the created VPC (network.create). The subnets' CIDRs follow from the VPC's block and the prefixes.
  aws_vpc: { cidr_block: "network.create.cidr", instance_tenancy: "network.create", ipv4_ipam_pool_id: "network.create.cidr", ipv4_netmask_length: "network.create.cidr" },
  aws_subnet: {
    cidr_block: "network.create.cidr / network.create.privateSubnetPrefix / network.create.publicSubnetPrefix",
    availability_zone: "network.create.availabilityZones",
    availability_zone_id: "network.create.availabilityZones",
    vpc_id: "network.create.cidr",
    ipv6_native: "network.ipFamily",
    outpost_arn: "network.create",
  },
  aws_egress_only_internet_gateway: { vpc_id: "network.create.cidr" },
  aws_nat_gateway: { subnet_id: "network.create.natGateways", allocation_id: "network.create.natGateways", connectivity_type: "network.create.natGateways", private_ip: "network.create.natGateways" },
  aws_eip: { domain: "network.create.natGateways", address: "network.create.natGateways" },
  aws_route_table: { vpc_id: "network.create.cidr" },
  aws_route: {
    route_table_id: "network.create.availabilityZones",
    destination_cidr_block: "network.create.natGateways",
    destination_ipv6_cidr_block: "network.ipFamily",
    destination_prefix_list_id: "network.create",
  },
  aws_route_table_association: { subnet_id: "network.create.availabilityZones", gateway_id: "network.create" },
  aws_vpc_endpoint: { vpc_id: "network.create.cidr", service_name: "network.create.endpoints", vpc_endpoint_type: "network.create.endpoints", service_region: "region" },
  aws_security_group: { vpc_id: "network.create.cidr", name: "name", name_prefix: "name", description: "network.create.endpoints" },
  aws_vpc_security_group_ingress_rule: {
    security_group_id: "network.create.endpoints",
    cidr_ipv4: "network.create.cidr",
    cidr_ipv6: "network.ipFamily",
    prefix_list_id: "network.create.endpoints",
    referenced_security_group_id: "network.create.endpoints",
  },
};

/** Every managed resource of a Terraform JSON document, by address. */
function resourcesOf(terraform: Record<string, Json>): Map<string, { type: string; body: Body }> {
  const out = new Map<string, { type: string; body: Body }>();
  const section = terraform.resource;
  if (!isObject(section)) return out;
  for (const [type, instances] of Object.entries(section)) {
    if (!isObject(instances)) continue;
    for (const [name, body] of Object.entries(instances)) {
      const one = Array.isArray(body) ? body[0] : body;
      if (!isObject(one)) continue;
      const keys = forEachKeys(one.for_each);
      if (keys === undefined) {
        out.set(`${type}.${name}`, { type, body: one });
        continue;
      }
      // One instance per key, addressed as Terraform addresses it (`type.name["key"]`), each.key/each.value filled in
      const { for_each: _, ...rest } = one;
      for (const key of keys) {
        const filled = JSON.parse(JSON.stringify(rest).split("${each.value}").join(key.replace(/["\\]/g, "\\$&")).split("${each.key}").join(key.replace(/["\\]/g, "\\$&")));
        out.set(`${type}.${name}[${JSON.stringify(key)}]`, { type, body: filled as Body });
      }
    }
  }
  return out;
}

/**
 * The keys of a `for_each` that lists literal strings (`${toset(["a", "b"])}`, as cdktf writes a list iterator over
 * literal IDs); undefined when there is none or it is not literal (a lookup's list: one resource as far as this knows).
 */
function forEachKeys(forEach: Json): string[] | undefined {
  if (typeof forEach !== "string") return undefined;
  const m = /^\$\{toset\((\[.*\])\)\}$/s.exec(forEach);
  if (!m) return undefined;
  try {
    const list: unknown = JSON.parse(m[1]);
    return Array.isArray(list) && list.every((k): k is string => typeof k === "string") ? [...new Set(list)] : undefined;
  } catch {
    return undefined;
  }
}

/** Top-level attributes a resource's `lifecycle.ignore_changes` names: Terraform keeps the state's value for them. */
function ignoredOf(body: Body): Set<string> {
  const lifecycle = Array.isArray(body.lifecycle) ? body.lifecycle[0] : body.lifecycle;
  const list = isObject(lifecycle) && Array.isArray(lifecycle.ignore_changes) ? lifecycle.ignore_changes : [];
  return new Set(list.filter((r): r is string => typeof r === "string").map((r) => r.split(/[.[]/)[0]));
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The values at a dotted path of a resource body, in Terraform JSON (a nested block may be written as an object or a
 * list of them): undefined when absent. Sets (`set`) compare in sorted order.
 */
function valueAt(body: Body, attribute: ReplacingAttribute): Json {
  let nodes: Json[] = [body];
  for (const step of attribute.path.split(".")) {
    const next: Json[] = [];
    for (const node of nodes) {
      for (const one of Array.isArray(node) ? node : [node]) {
        if (isObject(one) && Object.prototype.hasOwnProperty.call(one, step) && one[step] !== null) next.push(one[step]);
      }
    }
    nodes = next;
  }
  if (nodes.length === 0) return undefined;
  const value = nodes.length === 1 ? nodes[0] : nodes;
  if (!attribute.set || !Array.isArray(value)) return value;
  const keyed = value.map((v) => [JSON.stringify(v), v] as const);
  return keyed.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
}

/**
 * `${type.name.attr...}` references in a value (strings anywhere in it), as `type.name`, the attribute and the steps
 * below it (`vpc_config[0].cluster_security_group_id`: `vpc_config`, then 0 and `cluster_security_group_id`).
 */
function referencesIn(value: Json): { address: string; attribute: string; below: (string | number)[] }[] {
  const out: { address: string; attribute: string; below: (string | number)[] }[] = [];
  const visit = (v: Json) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/(?<![$%])\$\{([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])*)/g)) {
        const below = (m[4].match(/\.[A-Za-z_][\w-]*|\[\d+\]/g) ?? []).map((s) => (s.startsWith(".") ? s.slice(1) : Number(s.slice(1, -1))));
        out.push({ address: `${m[1]}.${m[2]}`, attribute: m[3], below });
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
}

/** The value at a path of a resource body (a block index also steps into a block written as an object); undefined when absent. */
function literalAt(body: Body, steps: readonly (string | number)[]): Json {
  let node: Json = body;
  for (const step of steps) {
    if (typeof step === "number") {
      if (Array.isArray(node)) node = node[step];
      else if (!(isObject(node) && step === 0)) return undefined;
    } else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, step)) node = node[step];
    else return undefined;
    if (node === undefined || node === null) return undefined;
  }
  return node;
}

/** `replace_triggered_by` entries (`type.name` or `type.name.attribute`), as address and attribute. */
function triggersOf(body: Body): { address: string; attribute?: string; below?: (string | number)[] }[] {
  const lifecycle = Array.isArray(body.lifecycle) ? body.lifecycle[0] : body.lifecycle;
  const list = isObject(lifecycle) && Array.isArray(lifecycle.replace_triggered_by) ? lifecycle.replace_triggered_by : [];
  return list
    .filter((r): r is string => typeof r === "string")
    .map((r) => r.replace(/^\$\{(.*)\}$/, "$1").split("."))
    .map(([type, name, attribute]) => ({ address: `${type}.${name}`, attribute }));
}

/** The configuration key of each resource's owner, by address. */
function ownersOf(config: ClusterConfig): Map<string, string> {
  const owners = new Map<string, string>(Object.entries(FIXED_OWNERS));
  for (const entity of derivedNames(config, "")) {
    for (const part of entity.parts) {
      const owner = part.path.replace(/\.(name|arn|principalArn|policy)$/, "");
      for (const address of part.addresses) if (!owners.has(address)) owners.set(address, owner);
    }
  }
  // Policy attachments of a created role: the role's owner (`cluster_role_<policy>`, `node_role_<name>_<policy>`).
  return owners;
}

/** The owner of an address: known, or that of the longest known address it extends (a role's policy attachments). */
function ownerOf(owners: Map<string, string>, address: string, type: string): string | undefined {
  const known = owners.get(address) ?? owners.get(address.replace(/\[[^\]]*\]$/, ""));
  if (known !== undefined) return known;
  const byPrefix = PREFIX_OWNERS.find(([prefix]) => address.startsWith(prefix));
  if (byPrefix) return byPrefix[1];
  if (type === "aws_iam_role_policy_attachment") {
    const name = address.slice(type.length + 1);
    let best: [string, string] | undefined;
    for (const [candidate, owner] of owners) {
      if (!candidate.startsWith("aws_iam_role.")) continue;
      const role = candidate.slice("aws_iam_role.".length);
      if (name.startsWith(`${role}_`) && (!best || role.length > best[0].length)) best = [role, owner];
    }
    return best?.[1];
  }
  return undefined;
}

/** A literal string attribute of a previous resource body (not a reference), quoted, for naming what is gone. */
function named(body: Body, attribute: string): string {
  const value = body[attribute];
  return typeof value === "string" && !value.includes("${") ? ` ${preview(value, 80)}` : "";
}

/**
 * The configuration key of a resource the new configuration no longer makes, from what the previous stack says of it:
 * the entity's name, and the key where it was (or still is, for a part of one that stays).
 */
function goneKey(type: string, address: string, body: Body, owners: Map<string, string>): string {
  switch (type) {
    case "aws_eks_node_group":
      return `nodeGroups (node group${named(body, "node_group_name")} removed or renamed)`;
    case "aws_launch_template": {
      // The template of a node group that stays: its imds settings were removed.
      const group = address.replace(/^aws_launch_template\./, "aws_eks_node_group.").replace(/_launch_template$/, "");
      const owner = owners.get(group);
      return owner !== undefined ? `${owner}.imds` : "nodeGroups (the node group of this launch template removed or renamed)";
    }
    case "aws_eks_addon": {
      const name = body.addon_name;
      return typeof name === "string" ? `addons.${name} (removed)` : "addons (an add-on removed)";
    }
    case "aws_iam_role":
    case "aws_iam_role_policy":
    case "aws_iam_role_policy_attachment": {
      const name = address.slice(type.length + 1);
      if (name.startsWith("cluster_role")) return "clusterRole";
      if (name.startsWith("service_account_")) return `serviceAccounts (a service account's role${type === "aws_iam_role" ? named(body, "name") : ""} removed, or its policy)`;
      if (name.startsWith("addon_role_")) return `addons.<name>.role (an add-on's role${type === "aws_iam_role" ? named(body, "name") : ""} removed, or its policy)`;
      return type === "aws_iam_role" ? `nodeGroups[].role (role${named(body, "name")} no longer used by any node group)` : "nodeGroups[].role (a node role no longer used)";
    }
    case "aws_eks_pod_identity_association": {
      const account = typeof body.namespace === "string" && typeof body.service_account === "string" ? ` ${preview(`${body.namespace}/${body.service_account}`, 120)}` : "";
      return `serviceAccounts (service account${account} removed, or moved to IRSA)`;
    }
    case "aws_iam_openid_connect_provider":
      return "serviceAccounts / addons.<name>.role (no role uses IRSA any more)";
    case "aws_eks_access_entry":
      return `access.entries (principal${named(body, "principal_arn")} no longer listed)`;
    case "aws_eks_access_policy_association": {
      const arn = body.policy_arn;
      const policy = typeof arn === "string" ? ` ${preview(policyNameOf(arn), 80)}` : "";
      return `access.entries[].policies (policy${policy} no longer associated)`;
    }
    case "aws_eks_fargate_profile":
      return `fargateProfiles (profile${named(body, "fargate_profile_name")} removed or renamed)`;
    case "aws_ec2_tag":
      return `karpenter.discoverySubnetIds / karpenter.discoverySecurityGroup (the tag on${named(body, "resource_id")} no longer set)`;
    case "aws_sqs_queue":
    case "aws_sqs_queue_policy":
    case "aws_cloudwatch_event_rule":
    case "aws_cloudwatch_event_target":
      return "karpenter.interruptionQueue (the interruption queue or Karpenter removed)";
    case "aws_vpc":
    case "aws_subnet":
    case "aws_internet_gateway":
    case "aws_route_table":
    case "aws_route_table_association":
      return "network.create (the created VPC removed, or a zone)";
    case "aws_nat_gateway":
    case "aws_eip":
    case "aws_route":
      return "network.create.natGateways";
    case "aws_vpc_endpoint":
    case "aws_security_group":
    case "aws_vpc_security_group_ingress_rule":
      return "network.create.endpoints";
    default:
      return "(removed from the configuration)";
  }
}

/** The configuration key of an attribute of a resource. */
function configKeyOf(type: string, path: string | undefined, owner: string | undefined, address?: string): string {
  const base = owner ?? "";
  const own = address !== undefined && path !== undefined ? ADDRESS_KEYS[address]?.[path] : undefined;
  return own ?? (path === undefined ? undefined : configKeyFor(type, path, base)) ?? (base === "" ? "(the cluster's settings)" : base);
}

/**
 * The configuration key that sets an attribute (a dotted path) of a resource whose owner is at `owner` ("" for the
 * cluster's root), by `CONFIG_KEYS`; undefined when the table does not name one.
 */
export function configKeyFor(type: string, path: string, owner: string): string | undefined {
  const key = CONFIG_KEYS[type]?.[path];
  if (key === undefined) return undefined;
  // An owner that is a name already (`karpenter.nodeRoleName`, `fargateProfiles[0].podExecutionRoleName`)
  if (key === ".name" && /Name$/.test(owner)) return owner;
  if (key.startsWith(".")) return owner === "" ? key.slice(1) : `${owner}${key}`;
  return key === "" ? owner : key;
}

/**
 * The replacements the provider decides in CustomizeDiff (`when` in the table), as predicates on the values before
 * and after: the cluster's encryption_config only when removed, Auto Mode's node role when a role set is changed or
 * dropped.
 */
const CONDITIONAL: Readonly<Record<string, (before: Json, after: Json) => boolean>> = {
  "aws_eks_cluster encryption_config": (before, after) => before !== undefined && after === undefined,
  "aws_eks_cluster compute_config.node_role_arn": (before, after) => before !== undefined && before !== "" && JSON.stringify(before) !== JSON.stringify(after),
  // Issue 15: a VPC's tenancy can go back to default in place, not to dedicated
  "aws_vpc instance_tenancy": (before, after) => JSON.stringify(before) !== JSON.stringify(after) && after !== "default",
  // Issue 15: an ingress rule's source of another kind (set where it was not, or removed); a new value of one kind is in place
  ...Object.fromEntries(
    ["cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"].map((path) => [
      `aws_vpc_security_group_ingress_rule ${path}`,
      (before: Json, after: Json) => (before === undefined) !== (after === undefined),
    ]),
  ),
};

/**
 * Whether an attribute's change replaces its resource. Left out, an attribute means its default, or, when the provider
 * computes it, whatever the state holds (no change). `maybe`: set where AWS had chosen a value (`AWS_CHOSEN`), so it
 * replaces unless it equals that choice (a service CIDR EKS picked), which only the plan knows.
 */
function replaces(type: string, attribute: ReplacingAttribute, before: Json, after: Json): "yes" | "maybe" | "no" {
  const a = before === undefined ? attribute.default : before;
  const b = after === undefined ? attribute.default : after;
  if (attribute.when !== undefined) {
    const decide = CONDITIONAL[`${type} ${attribute.path}`];
    return decide && decide(a, b) ? "yes" : "no";
  }
  if (b === undefined && attribute.computed) return "no";
  if (JSON.stringify(a) === JSON.stringify(b)) return "no";
  return a === undefined && AWS_CHOSEN.has(`${type} ${attribute.path}`) ? "maybe" : "yes";
}

/**
 * Attributes AWS sets when the configuration does not: setting one later replaces the resource unless the value is
 * the one AWS chose, which only the plan (the state) knows. Elsewhere a value set where none was replaces for sure
 * (a launch template added: the node group had none; the disk back on a node group: EKS held none beside a template).
 */
const AWS_CHOSEN = new Set(["aws_eks_cluster kubernetes_network_config.service_ipv4_cidr", "aws_eks_cluster kubernetes_network_config.ip_family"]);

/**
 * What replacing `previous` (the stack the last synth wrote) with `next` replaces or destroys, in address order, each
 * with the configuration key responsible.
 */
export function replacementsBetween(previous: Record<string, Json>, next: Record<string, Json>, config: ClusterConfig): Replacement[] {
  const before = resourcesOf(previous);
  const after = resourcesOf(next);
  const owners = ownersOf(config);
  const found = new Map<string, Replacement>();
  const keyOf = (type: string, address: string, path?: string) => configKeyOf(type, path, ownerOf(owners, address, type), address.replace(/\[[^\]]*\]$/, ""));

  // Attributes of their own
  for (const [address, { type, body }] of after) {
    const old = before.get(address);
    if (old === undefined || old.type !== type) continue;
    const attributes = REPLACING_ATTRIBUTES[type] ?? [];
    // ignore_changes (the new configuration's): Terraform plans the state's value, whatever the configuration says
    const ignored = ignoredOf(body);
    for (const attribute of attributes) {
      if (ignored.has(attribute.path.split(".")[0])) continue;
      let a = valueAt(old.body, attribute);
      let b = valueAt(body, attribute);
      // A whole block that replaces when added or removed; its replacing attributes judge changes inside it.
      if (attributes.some((inner) => inner.path.startsWith(`${attribute.path}.`))) {
        a = a === undefined ? undefined : "(present)";
        b = b === undefined ? undefined : "(present)";
      }
      const verdict = replaces(type, attribute, a, b);
      if (verdict === "no" || (verdict === "maybe" && found.has(address))) continue;
      // The disk back on a node group whose launch template held it: the edit is the launch template's removal.
      const keyPath = type === "aws_eks_node_group" && attribute.path === "disk_size" && a === undefined ? "launch_template" : attribute.path;
      // A node group without subnetIds of its own uses every private subnet of the created VPC: a zone added or removed
      const createdSubnets = type === "aws_eks_node_group" && attribute.path === "subnet_ids" && JSON.stringify(b ?? null).includes("${aws_subnet.");
      const configKey = createdSubnets ? "network.create.availabilityZones" : keyOf(type, address, keyPath);
      found.set(address, { address, type, action: "replaced", configKey, attribute: attribute.path, before: a, after: b, maybe: verdict === "maybe" });
      if (verdict === "yes") break;
    }
  }

  // Through references, until nothing changes: a referenced attribute that is unknown (its resource is replaced and
  // does not set it in its configuration: ids, ARNs) or set to another value (a role's new name).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [address, { type, body }] of after) {
      // A resource already replaced for sure stays as found; one that may be replaced can be replaced for sure here.
      if (!before.has(address) || (found.has(address) && !found.get(address)!.maybe)) continue;
      const references = [
        ...(REPLACING_ATTRIBUTES[type] ?? []).filter((a) => a.when === undefined).flatMap((a) => referencesIn(valueAt(body, a))),
        ...triggersOf(body),
      ];
      const cause = references.find((r) => {
        const target = after.get(r.address)?.body;
        const replaced = found.get(r.address)?.action === "replaced";
        if (r.attribute === undefined) return replaced;
        const steps = [r.attribute, ...(r.below ?? [])];
        const set = target !== undefined && literalAt(target, steps) !== undefined;
        // Not set in the configuration (an id, an ARN, a computed field of a block): unknown when it is replaced
        if (!set) return replaced;
        const old = before.get(r.address)?.body;
        return old !== undefined && JSON.stringify(literalAt(old, steps)) !== JSON.stringify(literalAt(target, steps));
      });
      if (!cause) continue;
      const origin = found.get(cause.address);
      if (found.has(address) && (origin?.maybe ?? false)) continue;
      found.set(address, {
        address,
        type,
        action: "replaced",
        configKey: origin?.configKey ?? keyOf(after.get(cause.address)!.type, cause.address, cause.attribute),
        with: cause.address,
        maybe: origin?.maybe ?? false,
      });
      changed = true;
    }
  }

  // Removed resources
  for (const [address, { type, body }] of before) {
    if (after.has(address)) continue;
    found.set(address, { address, type, action: "destroyed", configKey: ownerOf(owners, address, type) ?? goneKey(type, address, body, owners) });
  }
  return [...found.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** Which groups of warnings come first: those that replace the cluster, then node groups, then the rest. */
const SEVERITY = ["aws_vpc", "aws_eks_cluster", "aws_kms_key", "aws_subnet", "aws_eks_node_group", "aws_eks_fargate_profile", "aws_eks_addon", "aws_sqs_queue", "aws_iam_role"];

/** Short names of resource types for a terminal line. */
const KINDS: Readonly<Record<string, string>> = {
  aws_eks_cluster: "the cluster",
  aws_eks_node_group: "node group",
  aws_launch_template: "launch template",
  aws_iam_role: "IAM role",
  aws_iam_role_policy_attachment: "policy attachment",
  aws_iam_role_policy: "inline policy",
  aws_eks_addon: "add-on",
  aws_eks_access_entry: "access entry",
  aws_eks_access_policy_association: "access policy",
  aws_cloudwatch_log_group: "log group",
  aws_kms_key: "KMS key",
  aws_kms_alias: "KMS alias",
  aws_iam_openid_connect_provider: "IAM OIDC provider",
  aws_eks_pod_identity_association: "Pod Identity association",
  aws_eks_fargate_profile: "Fargate profile",
  aws_sqs_queue: "interruption queue",
  aws_sqs_queue_policy: "queue policy",
  aws_cloudwatch_event_rule: "EventBridge rule",
  aws_cloudwatch_event_target: "EventBridge target",
  aws_ec2_tag: "discovery tag",
  aws_vpc: "VPC",
  aws_subnet: "subnet",
  aws_internet_gateway: "internet gateway",
  aws_egress_only_internet_gateway: "egress-only internet gateway",
  aws_nat_gateway: "NAT gateway",
  aws_eip: "Elastic IP",
  aws_route_table: "route table",
  aws_route: "route",
  aws_route_table_association: "route table association",
  aws_vpc_endpoint: "VPC endpoint",
  aws_security_group: "security group",
  aws_vpc_security_group_ingress_rule: "security group rule",
};

/**
 * The warnings of one cluster, for the terminal: grouped by configuration key, each replaced or destroyed resource
 * with why, and the safer path of the first (most consequential) resource of the group. Values are shown printable.
 */
export function formatReplacements(clusterName: string, replacements: readonly Replacement[]): string {
  if (replacements.length === 0) return "";
  const byKey = new Map<string, Replacement[]>();
  for (const r of replacements) byKey.set(r.configKey, [...(byKey.get(r.configKey) ?? []), r]);
  const lines = [
    `warning: cluster ${preview(clusterName, 80)}: compared with the previous synth, this change makes Terraform replace or destroy ${replacements.length} resource${replacements.length === 1 ? "" : "s"}:`,
  ];
  const weight = (group: readonly Replacement[]) => Math.min(...group.map((r) => SEVERITY.indexOf(r.type) < 0 ? SEVERITY.length : SEVERITY.indexOf(r.type)));
  const groups = [...byKey].sort(([, x], [, y]) => weight(x) - weight(y));
  for (const [key, group] of groups) {
    lines.push(`  ${key}`);
    // What the edit replaces itself first, then what goes with it
    for (const r of [...group].sort((x, y) => Number(x.with !== undefined) - Number(y.with !== undefined))) {
      const kind = KINDS[r.type] ?? r.type;
      if (r.action === "destroyed") lines.push(`      destroys ${r.address} (${kind})`);
      else if (r.with) lines.push(`      ${r.maybe ? "may replace" : "replaces"} ${r.address} (${kind}), with ${r.with}`);
      else {
        const values = `${preview(r.before ?? null, 60)} -> ${preview(r.after ?? null, 60)}`;
        const verb = r.maybe ? "may replace" : "replaces";
        const unless = r.maybe ? ` (${values}: unless it equals what AWS chose when it was not set)` : `, ${values}`;
        lines.push(`      ${verb} ${r.address} (${kind}): ${r.attribute} cannot change in place${unless}`);
      }
    }
    const rank = (r: Replacement) => (SEVERITY.includes(r.type) ? SEVERITY.indexOf(r.type) : SEVERITY.length);
    const first = [...group].sort((x, y) => rank(x) - rank(y))[0];
    const safer = IMPACTS[first.type]?.safer;
    if (safer) lines.push(`      safer: ${safer.replace(/`/g, "")}`);
  }
  return lines.join("\n");
}
