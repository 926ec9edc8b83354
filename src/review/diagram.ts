/** A Mermaid flowchart of one cluster: network, roles and policies, cluster, add-ons and node groups, in creation order. */
import { ADDONS_BEFORE_NODES, AUTO_MODE_CLUSTER_ROLE_POLICIES, AUTO_MODE_NODE_ROLE_POLICIES, CLUSTER_ROLE_POLICIES, nodeRolePoliciesOf, POD_EXECUTION_ROLE_POLICIES } from "../config/defaults";
import { resolvedKarpenter } from "../config/karpenter";
import { vpcLayout, VpcLayout } from "../config/vpc-layout";
import { interfaceEndpointServices, vpcEndpointsWanted } from "../config/vpc-endpoints";
import { ClusterConfig, RoleReference, roleKey } from "../config/schema";

/** A Mermaid node id from any name. */
function id(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A quoted Mermaid label; lines joined with <br/>. */
function label(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, "#quot;")).join("<br/>")}"`;
}

function roleLabel(kind: string, role: RoleReference, policies: readonly string[]): string {
  return role.name ? label(`${kind} role ${role.name}`, ...policies) : label(`${kind} role (existing)`, role.arn ?? "");
}

export function clusterDiagram(config: ClusterConfig): string {
  const lines = ["```mermaid", "flowchart LR"];
  const network = config.network;
  const created = network.create;
  const vpc = created ? `VPC ${created.cidr} (created)` : network.subnetIds ? "VPC of the given subnets" : network.vpcId ? `VPC ${network.vpcId}` : "default VPC (looked up)";
  const subnets = created
    ? `${created.availabilityZones.length} private subnets, ${created.availabilityZones.length} public, ${created.natGateways === "single" ? "1 NAT gateway" : created.natGateways === "none" ? "no NAT gateway" : `${created.availabilityZones.length} NAT gateways`}${
        vpcEndpointsWanted(config) ? `, ${interfaceEndpointServices(config).length + 1} VPC endpoints` : ""
      }`
    : network.subnetIds ? `${network.subnetIds.length} given subnets` : "all subnets in EKS-supported zones (looked up)";
  if (created) lines.push(...createdVpcLines(vpc, vpcLayout(created), vpcEndpointsWanted(config) ? ["s3 (gateway)", ...interfaceEndpointServices(config)] : []));
  else lines.push(`  subgraph vpc[${label(vpc)}]`, `    subnets[${label(subnets)}]`, "  end");

  const clusterPolicies = config.autoMode.enabled ? [...CLUSTER_ROLE_POLICIES, ...AUTO_MODE_CLUSTER_ROLE_POLICIES] : CLUSTER_ROLE_POLICIES;
  lines.push(`  cluster_role[${roleLabel("cluster", config.clusterRole, clusterPolicies)}]`);
  const endpoint = config.endpoint.access === "private" ? "private endpoint" : `${config.endpoint.access} endpoint`;
  lines.push(`  cluster{{${label(`EKS cluster ${config.name}`, `Kubernetes ${config.kubernetesVersion}`, endpoint)}}}`);
  lines.push("  cluster_role -->|assumed by| cluster", "  subnets --> cluster");
  if (config.secretsEncryption) {
    lines.push(`  kms[(${label(config.secretsEncryption.createKey ? `KMS key alias/eks/${config.name}` : "KMS key (given)")})]`, "  kms -->|encrypts secrets| cluster");
  }
  if (config.logging.types.length > 0) {
    const retention = config.logging.retentionDays ? `kept ${config.logging.retentionDays} days` : "kept forever";
    lines.push(`  logs[(${label(`/aws/eks/${config.name}/cluster`, retention)})]`, "  cluster -->|logs| logs");
  }

  const addons = Object.entries(config.addons);
  const before = addons.filter(([name]) => ADDONS_BEFORE_NODES.includes(name));
  const after = addons.filter(([name]) => !ADDONS_BEFORE_NODES.includes(name));
  for (const [name, settings] of addons) lines.push(`  ${id("addon", name)}([${label(`add-on ${name}`, settings.version)}])`);
  for (const [name] of before) lines.push(`  cluster --> ${id("addon", name)}`);

  const roles = new Map<string, RoleReference>();
  for (const group of config.nodeGroups) roles.set(roleKey(group.role), group.role);
  for (const [key, role] of roles) lines.push(`  ${id("node_role", key)}[${roleLabel("node", role, nodeRolePoliciesOf(config))}]`);

  for (const group of config.nodeGroups) {
    const node = id("ng", group.name);
    const s = group.scaling;
    lines.push(
      `  ${node}[${label(`node group ${group.name}`, `${group.instanceTypes.join(", ")} ${group.capacityType}`, `${s.minSize} / ${s.desiredSize} / ${s.maxSize} nodes`)}]`,
    );
    lines.push(`  ${id("node_role", roleKey(group.role))} -->|assumed by| ${node}`);
    lines.push(before.length > 0 ? before.map(([name]) => `  ${id("addon", name)} --> ${node}`).join("\n") : `  cluster --> ${node}`);
    for (const [name] of after) lines.push(`  ${node} --> ${id("addon", name)}`);
  }
  if (config.nodeGroups.length === 0 && config.fargateProfiles.length === 0) for (const [name] of after) lines.push(`  cluster --> ${id("addon", name)}`);
  lines.push(...computeLines(config, after.map(([name]) => name)));
  lines.push("```");
  return lines.join("\n");
}

/** Fargate profiles, Auto Mode and Karpenter, when configured. */
function computeLines(config: ClusterConfig, addonsAfterNodes: readonly string[]): string[] {
  const lines: string[] = [];
  const podRoles = new Set<string>();
  for (const profile of config.fargateProfiles) {
    const role = profile.podExecutionRoleName ?? "";
    if (!podRoles.has(role)) {
      podRoles.add(role);
      lines.push(`  ${id("pod_role", role)}[${label(`pod execution role ${role}`, ...POD_EXECUTION_ROLE_POLICIES)}]`);
    }
    const node = id("fargate", profile.name);
    lines.push(`  ${node}[/${label(`Fargate profile ${profile.name}`, ...profile.selectors.map((s) => `namespace ${s.namespace}`))}/]`);
    lines.push(`  cluster --> ${node}`, `  ${id("pod_role", role)} -->|assumed by| ${node}`);
    for (const name of addonsAfterNodes) lines.push(`  ${node} --> ${id("addon", name)}`);
  }
  if (config.autoMode.enabled) {
    lines.push(`  auto_role[${label(`Auto Mode node role ${config.autoMode.nodeRoleName ?? ""}`, ...AUTO_MODE_NODE_ROLE_POLICIES)}]`);
    lines.push(`  auto{{${label("EKS Auto Mode", `node pools ${config.autoMode.nodePools.join(", ")}`, "EBS volumes, load balancers")}}}`);
    lines.push("  cluster --> auto", "  auto_role -->|assumed by| auto");
  }
  const karpenter = resolvedKarpenter(config);
  if (karpenter) {
    lines.push(`  karpenter_role[${label(`Karpenter controller role ${karpenter.controllerRoleName}`, `${karpenter.identity}: ${karpenter.namespace}/${karpenter.serviceAccount}`)}]`);
    lines.push(`  karpenter_node_role[${label(`Karpenter node role ${karpenter.nodeRoleName}`, "access entry EC2_LINUX")}]`);
    lines.push("  karpenter_role -->|passes| karpenter_node_role", "  karpenter_node_role -->|joins| cluster");
    if (karpenter.interruptionQueueName) {
      lines.push(`  karpenter_queue[(${label(`SQS ${karpenter.interruptionQueueName}`, "fed by EventBridge interruption rules")})]`);
      lines.push("  karpenter_queue -->|read by| karpenter_role");
    }
    lines.push("  subnets -.->|karpenter.sh/discovery| karpenter_node_role");
  }
  return lines;
}

/**
 * A created VPC drawn as it is built: per zone a public and a private subnet (`subnets` is the cluster's private
 * ones), the internet gateway, the NAT gateways and where the private subnets' traffic leaves, the VPC endpoints.
 */
function createdVpcLines(vpc: string, layout: VpcLayout, endpoints: readonly string[]): string[] {
  const lines = [`  subgraph vpc[${label(vpc)}]`];
  lines.push(`    subnets[${label("private subnets: cluster and nodes", ...layout.zones.map((z) => `${z.zone} ${z.privateCidr}`))}]`);
  lines.push(`    public_subnets[${label("public subnets: internet-facing load balancers", ...layout.zones.map((z) => `${z.zone} ${z.publicCidr}`))}]`);
  lines.push(`    igw[${label("internet gateway")}]`);
  if (layout.natGateways !== "none") {
    const nats = layout.natGateways === "single" ? [layout.zones[0].zone] : layout.zones.map((z) => z.zone);
    lines.push(`    nat[${label(nats.length === 1 ? `NAT gateway in ${nats[0]}` : `NAT gateways: ${nats.join(", ")}`)}]`);
  }
  if (endpoints.length > 0) lines.push(`    endpoints[(${label("VPC endpoints", endpoints.join(", "))})]`);
  lines.push("  end");
  lines.push("  public_subnets --> igw");
  if (layout.natGateways !== "none") lines.push("  subnets -->|0.0.0.0/0| nat", "  nat --> public_subnets");
  if (endpoints.length > 0) lines.push("  subnets -->|AWS APIs, privately| endpoints");
  return lines;
}
