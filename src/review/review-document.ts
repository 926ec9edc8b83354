/**
 * REVIEW.md: what a reviewer of a cluster's Terraform needs on one page. Settings come from the configuration
 * (with where each came from); findings, data sources and outputs come from the synthesized Terraform.
 */
import { addonCatalogEntry } from "../config/catalogs/addon-versions";
import { policyNameOf, usesLaunchTemplate } from "../config/names";
import { ADDONS_BEFORE_NODES, AUTO_MODE_CLUSTER_ROLE_POLICIES, AUTO_MODE_NODE_ROLE_POLICIES, CLUSTER_ROLE_POLICIES, nodeRolePoliciesOf, POD_EXECUTION_ROLE_POLICIES } from "../config/defaults";
import { KARPENTER_EVENTS, KARPENTER_NODE_ROLE_POLICIES, resolvedKarpenter } from "../config/karpenter";
import { instanceSpecs, podLimit } from "../config/instance-types";
import { ClusterConfig, RoleReference, roleKey } from "../config/schema";
import { interfaceEndpointServices, vpcEndpointsWanted } from "../config/vpc-endpoints";
import { clusterDiagram } from "./diagram";
import { Finding, versionSupport } from "./findings";

export interface ReviewInput {
  readonly config: ClusterConfig;
  /** The cluster as the config file gave it: a key present there is "config", otherwise "default". */
  readonly given: unknown;
  /** The synthesized Terraform JSON of the stack. */
  readonly terraform: Record<string, any>;
  readonly findings: readonly Finding[];
  /** YYYY-MM-DD the version support is judged on. */
  readonly date: string;
}

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

/** "config" when the file gave `keys`, else "default". */
function from(given: unknown, ...keys: string[]): string {
  let node: any = given;
  for (const k of keys) {
    if (typeof node !== "object" || node === null || !(k in node)) return "default";
    node = node[k];
  }
  return "config";
}

function roleName(role: RoleReference): string {
  return role.name ? `${code(role.name)} (created)` : `${code(role.arn)} (existing)`;
}

const DATA_SOURCES: Record<string, string> = {
  aws_partition: "the AWS partition of the region, for policy ARNs (no API call)",
  aws_vpc: "the region's default VPC",
  aws_availability_zones: "the region's Availability Zones, less those EKS does not support",
  aws_subnets: "the VPC's subnets in those zones: the cluster's and nodes' subnets",
  aws_eks_addon_version: "the newest version of an add-on for the cluster's Kubernetes version",
};

export function reviewDocument(input: ReviewInput): string {
  const { config: c, given, terraform: tf, findings } = input;
  const open = findings.filter((f) => !f.waived);
  const waived = findings.filter((f) => f.waived);
  const out: string[] = [];

  out.push(
    `# Review: EKS cluster \`${c.name}\``,
    "",
    `Generated with \`main.tf\` in this folder from the cluster's configuration; do not edit. Region ${code(c.region)}, Kubernetes ${code(c.kubernetesVersion)}, ` +
      `${c.nodeGroups.length} node group${c.nodeGroups.length === 1 ? "" : "s"}, ${Object.keys(c.addons).length} add-ons.`,
    "",
    `**Security: ${open.length} open finding${open.length === 1 ? "" : "s"}, ${waived.length} waived.** ` +
      (open.length > 0 ? "`npm run check` fails until each is fixed or waived in the configuration." : "`npm run check` passes."),
    "",
    "## Security findings",
    "",
    "Computed from the Terraform that will be applied. Each names the Checkov / Trivy rules to cross-check with.",
    "",
    open.length === 0
      ? "None."
      : table(
          ["severity", "rule ids", "resource", "what is wrong", "fix (config key)"],
          open.map((f) => [f.rule.severity, f.rule.ids.join(", "), code(f.address), `${f.rule.title}: ${f.detail}`, code(f.rule.fix)]),
        ),
    "",
  );
  if (waived.length > 0) {
    out.push("### Waived", "", table(["rule ids", "resource", "finding", "reason"], waived.map((f) => [f.rule.ids.join(", "), code(f.address), f.rule.title, f.waived!])), "");
  }

  const endpoint = c.endpoint;
  const isPublic = endpoint.access !== "private";
  const created = c.network.create;
  const network = created
    ? `a VPC created here, ${code(created.cidr)}: private subnets (the cluster's) and public subnets in ${created.availabilityZones.map(code).join(", ")}, ${created.natGateways === "single" ? "one NAT gateway" : created.natGateways === "none" ? "no NAT gateway" : "a NAT gateway per zone"}${
        vpcEndpointsWanted(c) ? `, VPC endpoints in the private subnets: S3 (gateway), ${interfaceEndpointServices(c).map(code).join(", ")}` : ""
      }`
    : c.network.subnetIds
    ? `given subnets ${c.network.subnetIds.map(code).join(", ")}`
    : `${c.network.vpcId ? `VPC ${code(c.network.vpcId)}` : "the default VPC"}, all its subnets in zones EKS supports (looked up at plan time)`;
  const secrets = c.secretsEncryption
    ? c.secretsEncryption.createKey
      ? `KMS key created here, rotated yearly, alias ${code(`alias/eks/${c.name}`)}`
      : `KMS key ${code(c.secretsEncryption.kmsKeyArn)}`
    : "off: EKS's default encryption only";
  const support = versionSupport(c.kubernetesVersion, input.date);
  const s3 = c.backend?.s3;
  const cloud = c.backend?.cloud;
  const cloudState = cloud
    ? `HCP Terraform ${code(cloud.hostname ?? "app.terraform.io")}, organization ${code(cloud.organization)}, ${cloud.workspace !== undefined ? `workspace ${code(cloud.workspace)}` : `workspaces tagged ${(cloud.workspaceTags ?? []).map(code).join(", ")}`}`
    : "local file";
  out.push(
    "## Cluster",
    "",
    table(
      ["setting", "value", "from"],
      [
        ["Kubernetes version", `${code(c.kubernetesVersion)}: ${support.detail}`, from(given, "kubernetesVersion")],
        ["cluster role", roleName(c.clusterRole), from(given, "clusterRole")],
        ["network", network, from(given, "network")],
        ["extra security groups", c.network.securityGroupIds.length ? c.network.securityGroupIds.map(code).join(", ") : "none", from(given, "network", "securityGroupIds")],
        ["service IPv4 CIDR", c.network.serviceIpv4Cidr ? code(c.network.serviceIpv4Cidr) : "EKS chooses", from(given, "network", "serviceIpv4Cidr")],
        ["endpoint access", endpoint.access, from(given, "endpoint", "access")],
        ["public access CIDRs", isPublic ? endpoint.publicAccessCidrs.map(code).join(", ") : "none (private endpoint)", from(given, "endpoint", "publicAccessCidrs")],
        ["secrets encryption", secrets, from(given, "secretsEncryption")],
        ["control-plane logs", c.logging.types.length ? c.logging.types.join(", ") : "none", from(given, "logging", "types")],
        [
          "log retention",
          c.logging.retentionDays ? `${c.logging.retentionDays} days in ${code(`/aws/eks/${c.name}/cluster`)}` : c.logging.types.length ? "EKS's own log group, kept forever" : "no logs",
          from(given, "logging", "retentionDays"),
        ],
        ["authentication mode", c.access.authenticationMode, from(given, "access", "authenticationMode")],
        ["cluster creator is admin", c.access.clusterCreatorAdmin ? "yes" : "no (changing it replaces the cluster)", from(given, "access", "clusterCreatorAdmin")],
        [
          "access entries",
          c.access.entries.length
            ? c.access.entries
                .map((e) => `${code(e.principalArn)}: ${e.policies.map((p) => `${p.policy}${p.namespaces?.length ? ` in ${p.namespaces.join(", ")}` : " (cluster)"}`).join(", ")}`)
                .join("; ")
            : "none",
          from(given, "access", "entries"),
        ],
        ["upgrade policy", c.upgradePolicy ? c.upgradePolicy.supportType : "EKS's default (EXTENDED)", from(given, "upgradePolicy")],
        ["Terraform state", s3 ? `S3 ${code(s3.bucket)}, key ${code(s3.key ?? `${c.name}/terraform.tfstate`)}, lock file, encrypted` : cloudState, from(given, "backend")],
        ["tags", Object.keys(c.tags).length ? Object.entries(c.tags).map(([k, v]) => `${k}=${v}`).join(", ") : "none", from(given, "tags")],
      ],
    ),
    "",
  );

  out.push(
    "## Node groups",
    "",
    table(
      ["name", "AMI", "capacity", "instance types (vCPU, memory, max pods)", "disk", "min / desired / max", "update", "IMDSv2", "SSH", "from"],
      c.nodeGroups.map((g, i) => [
        code(g.name),
        g.amiType,
        g.capacityType,
        g.instanceTypes
          .map((t) => {
            const spec = instanceSpecs(t);
            const pods = podLimit(t);
            return `${t} (${spec ? `${spec.vcpus} vCPU, ${spec.memoryGiB} GiB` : "size not in our table"}, ${pods ? `${pods.maxPods} pods` : "pods ?"})`;
          })
          .join("; "),
        g.rootVolume
          ? `${g.rootVolume.size ?? g.diskSize} GiB ${g.rootVolume.type ?? "gp3"}${g.rootVolume.iops ? `, ${g.rootVolume.iops} IOPS` : ""}${g.rootVolume.throughput ? `, ${g.rootVolume.throughput} MiB/s` : ""}, ${g.rootVolume.encrypted === false ? "**not encrypted**" : g.rootVolume.kmsKeyArn ? `encrypted with ${code(g.rootVolume.kmsKeyArn)}` : "encrypted"}`
          : `${g.diskSize} GiB`,
        `${g.scaling.minSize} / ${g.scaling.desiredSize} / ${g.scaling.maxSize}${g.ignoreDesiredSizeChanges ? " (desired left to the autoscaler)" : ""}`,
        (g.update.maxUnavailable !== undefined ? `${g.update.maxUnavailable} node(s) at a time` : `${g.update.maxUnavailablePercentage}% at a time`) +
          (g.forceUpdateVersion ? ", forced past pod disruption budgets" : "") +
          (g.releaseVersion ? `, AMI release ${code(g.releaseVersion)}` : "") +
          (g.nodeRepair ? "; node auto repair on" : ""),
        // Any launch template of ours requires IMDSv2 (hop limit 2 unless imds says otherwise).
        g.imds ? `required, hop limit ${g.imds.hopLimit}` : usesLaunchTemplate(g) ? "required, hop limit 2" : "not required",
        g.remoteAccess ? `key ${g.remoteAccess.sshKeyName}, from ${g.remoteAccess.sourceSecurityGroupIds?.join(", ") || "anywhere"}` : "off",
        Array.isArray((given as any)?.nodeGroups) && (given as any).nodeGroups[i] ? "config" : "default",
      ]),
    ),
    "",
  );

  const addonRows = Object.entries(c.addons).map(([name, a]) => {
    const beforeNodes = ADDONS_BEFORE_NODES.includes(name);
    const policy = a.version === "latest" ? "latest for the cluster's version (looked up at plan time)" : a.version === "default" ? "EKS's default version" : `pinned ${code(a.version)}`;
    return [beforeNodes ? "1. after the cluster, before the nodes" : "2. after the node groups", code(name), policy, from(given, "addons", name)];
  });
  out.push(
    "## Add-ons",
    "",
    "Creation order: the cluster, then the add-ons nodes need to become Ready, then the node groups, then the add-ons that run on nodes.",
    "",
    table(["order", "add-on", "version", "from"], addonRows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))),
    "",
  );

  const roleRows: string[][] = [];
  const clusterPolicies = c.autoMode.enabled ? [...CLUSTER_ROLE_POLICIES, ...AUTO_MODE_CLUSTER_ROLE_POLICIES] : CLUSTER_ROLE_POLICIES;
  if (c.clusterRole.name) roleRows.push([roleName(c.clusterRole), c.autoMode.enabled ? "eks.amazonaws.com (sts:AssumeRole, sts:TagSession)" : "eks.amazonaws.com", clusterPolicies.join(", ") + (c.secretsEncryption ? "; inline EKSSecretsEncryption (use of the secrets key)" : "")]);
  else roleRows.push([roleName(c.clusterRole), "managed outside this project", "managed outside this project"]);
  // With a role of its own for vpc-cni the CNI policy is not on the node role.
  const nodePolicies = nodeRolePoliciesOf(c);
  const seen = new Set<string>();
  for (const g of c.nodeGroups) {
    const key = roleKey(g.role);
    if (seen.has(key)) continue;
    seen.add(key);
    roleRows.push(g.role.name ? [roleName(g.role), "ec2.amazonaws.com", nodePolicies.join(", ")] : [roleName(g.role), "managed outside this project", "managed outside this project"]);
  }
  const policyNames = (arns: readonly string[]) => arns.map(policyNameOf);
  const trustOf = (identity: string, namespace: string, name: string) =>
    identity === "irsa"
      ? `pods of service account ${code(`${namespace}/${name}`)}, through the cluster's OIDC provider (IRSA: sts:AssumeRoleWithWebIdentity, :sub and :aud conditions)`
      : `EKS Pod Identity (pods.eks.amazonaws.com: sts:AssumeRole, sts:TagSession), associated here with service account ${code(`${namespace}/${name}`)}; any Pod Identity association in the account may name the role (whoever may eks:CreatePodIdentityAssociation and iam:PassRole it)`;
  for (const s of c.serviceAccounts) {
    roleRows.push([`${code(s.roleName ?? "")} (created)`, trustOf(s.identity, s.namespace, s.name), [...policyNames(s.managedPolicyArns), ...(s.inlinePolicy ? ["inline policy `inline`"] : [])].join(", ")]);
  }
  for (const [addon, a] of Object.entries(c.addons)) {
    const entry = addonCatalogEntry(addon);
    if (!a.role || !entry?.serviceAccount || !entry.namespace) continue;
    roleRows.push([`${code(a.role.roleName ?? "")} (created)`, `${trustOf(a.role.identity ?? "pod-identity", entry.namespace, entry.serviceAccount)}, for add-on ${code(addon)}`, policyNames(a.role.managedPolicyArns ?? []).join(", ")]);
  }
  const karpenter = resolvedKarpenter(c);
  if (karpenter) {
    roleRows.push([
      `${code(karpenter.controllerRoleName)} (created, Karpenter controller)`,
      trustOf(karpenter.identity, karpenter.namespace, karpenter.serviceAccount),
      "inline `KarpenterController` (EC2 launch and termination scoped by the cluster's tags, iam:PassRole of the node role only, instance profiles, the interruption queue, pricing, SSM AMI parameters)",
    ]);
    roleRows.push([`${code(karpenter.nodeRoleName)} (created, Karpenter nodes)`, "ec2.amazonaws.com; access entry EC2_LINUX", KARPENTER_NODE_ROLE_POLICIES.filter((p) => p !== "AmazonEKS_CNI_Policy" || nodeRolePoliciesOf(c).includes(p)).join(", ")]);
  }
  const podRoles = new Set(c.fargateProfiles.map((f) => f.podExecutionRoleName ?? ""));
  for (const name of podRoles) {
    roleRows.push([`${code(name)} (created, Fargate pod execution)`, `eks-fargate-pods.amazonaws.com, only for Fargate profiles of cluster ${code(c.name)} (aws:SourceArn)`, POD_EXECUTION_ROLE_POLICIES.join(", ")]);
  }
  if (c.autoMode.enabled) {
    roleRows.push([`${code(c.autoMode.nodeRoleName ?? "")} (created, Auto Mode nodes)`, "ec2.amazonaws.com; EKS creates its access entry", AUTO_MODE_NODE_ROLE_POLICIES.join(", ")]);
  }
  out.push(...computeSection(c));
  out.push("## IAM roles: who may assume what", "", table(["role", "who may assume it", "policies"], roleRows), "");

  const data = Object.entries(tf.data ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => [code(`data.${type}.${name}`), DATA_SOURCES[type] ?? type]));
  out.push("## Read at plan time", "", "These data sources are read from AWS when Terraform plans:", "", table(["data source", "what it reads"], data), "");

  const outputs = Object.entries(tf.output ?? {}).map(([name, o]: [string, any]) => [code(name), o.description ?? ""]);
  out.push(
    "## Outputs and connecting",
    "",
    table(["output", "what it is"], outputs),
    "",
    "After `terraform apply`, with credentials of a principal that has access:",
    "",
    "```sh",
    `aws eks update-kubeconfig --region ${c.region} --name ${c.name}`,
    "kubectl get nodes",
    "```",
    "",
    isPublic ? "" : "The endpoint is private: run kubectl from inside the VPC (a bastion, VPN or CI runner there).\n",
  );

  out.push("## Diagram", "", clusterDiagram(c), "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** Karpenter, Fargate and Auto Mode, when configured: what runs pods besides the managed node groups. */
function computeSection(c: ClusterConfig): string[] {
  const karpenter = resolvedKarpenter(c);
  if (!karpenter && c.fargateProfiles.length === 0 && !c.autoMode.enabled) return [];
  const out = ["## Compute beyond the node groups", ""];
  if (c.autoMode.enabled) {
    out.push(
      `**EKS Auto Mode** is on: EKS runs the nodes (built-in node pools ${c.autoMode.nodePools.map(code).join(", ")}, role ${code(c.autoMode.nodeRoleName ?? "")}), EBS volumes and load balancers; \`bootstrap_self_managed_addons = false\` (Terraform ignores later changes to it). Turning Auto Mode off again is refused at plan (hashicorp/aws 5.100.0); renaming its node role replaces the cluster.`,
      "",
    );
  }
  if (c.fargateProfiles.length > 0) {
    out.push(
      "**Fargate profiles** (pods they select run on Fargate):",
      "",
      table(
        ["profile", "selects", "subnets", "pod execution role"],
        c.fargateProfiles.map((f) => [
          code(f.name),
          f.selectors.map((sel) => `namespace ${code(sel.namespace)}${sel.labels && Object.keys(sel.labels).length > 0 ? ` with labels ${code(sel.labels)}` : ""}`).join("; "),
          f.subnetIds ? f.subnetIds.map(code).join(", ") : "the cluster's private subnets (EKS picks)",
          code(f.podExecutionRoleName ?? ""),
        ]),
      ),
      "",
    );
  }
  if (karpenter) {
    const queue = karpenter.interruptionQueueName;
    out.push(
      `**Karpenter** (its Helm install is not part of this stack): controller role ${code(karpenter.controllerRoleName)} for service account ${code(`${karpenter.namespace}/${karpenter.serviceAccount}`)} (${karpenter.identity}), node role ${code(karpenter.nodeRoleName)} with an EC2_LINUX access entry; ` +
        (queue ? `interruption queue ${code(queue)} fed by EventBridge rules for ${KARPENTER_EVENTS.map((e) => code(e.detailType)).join(", ")}; ` : "no interruption queue; ") +
        `subnets ${karpenter.discoverySubnetIds ? (karpenter.discoverySubnetIds.length > 0 ? karpenter.discoverySubnetIds.map(code).join(", ") : "none") : "of the cluster"}${karpenter.discoverySecurityGroup ? " and the cluster security group" : ""} tagged ${code(`karpenter.sh/discovery=${c.name}`)}. The nodes Karpenter launches are not in this plan; \`karpenter.yaml\` in this folder is a starter NodePool and EC2NodeClass.`,
      "",
    );
  }
  return out;
}
