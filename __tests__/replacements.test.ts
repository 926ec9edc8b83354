/**
 * Synth-time replacement warnings (src/review/replacements.ts) on pairs of synthesized stacks, without Terraform; the
 * contract suite (terraform-plans.test.ts) holds them against real plans. Also the app printing them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ClusterConfig } from "../src/config/schema";
import { formatReplacements, Replacement, replacementsBetween } from "../src/review/replacements";
import { runApp } from "../test-support/app-process";
import { nodeGroupSettings, offlineClusterConfig, synthCluster } from "../test-support/synth";

const base = offlineClusterConfig();
const withNodeGroup = (overrides: Parameters<typeof nodeGroupSettings>[0]): ClusterConfig => offlineClusterConfig({ nodeGroups: [nodeGroupSettings(overrides)] });

/** What editing `before` into `after` replaces or destroys, by address. */
function between(before: ClusterConfig, after: ClusterConfig): Replacement[] {
  return replacementsBetween(JSON.parse(synthCluster(before)), JSON.parse(synthCluster(after)), after);
}
const actions = (found: readonly Replacement[]) => Object.fromEntries(found.map((r) => [r.address, r.action]));

const NODE_GROUP = "aws_eks_node_group.node_group_simple-bank";

describe("replacementsBetween", () => {
  it("GIVEN no edit, or only in-place edits (desired size, tags, labels, version, logging) THEN nothing", () => {
    expect(between(base, base)).toEqual([]);
    expect(between(base, withNodeGroup({ scaling: { minSize: 1, maxSize: 3, desiredSize: 2 }, labels: { a: "b" } }))).toEqual([]);
    expect(between(base, offlineClusterConfig({ tags: { team: "payments" }, logging: { types: ["audit"] } }))).toEqual([]);
  });

  it("GIVEN instance types changed THEN the node group, for instance_types, from the node group's key, with both values", () => {
    const [r] = between(base, withNodeGroup({ instanceTypes: ["t3.small"] }));
    expect(r).toEqual({
      address: NODE_GROUP,
      type: "aws_eks_node_group",
      action: "replaced",
      configKey: "nodeGroups[0].instanceTypes",
      attribute: "instance_types",
      before: ["t3.micro"],
      after: ["t3.small"],
      maybe: false,
    });
  });

  it("GIVEN the node group's subnets reordered THEN nothing (a set), and changed THEN the node group", () => {
    const subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
    const from = withNodeGroup({ subnetIds: subnets });
    expect(between(from, withNodeGroup({ subnetIds: [...subnets].reverse() }))).toEqual([]);
    expect(between(from, withNodeGroup({ subnetIds: [subnets[0]] })).map((r) => [r.address, r.configKey])).toEqual([[NODE_GROUP, "nodeGroups[0].subnetIds"]]);
  });

  it("GIVEN IMDS settings added THEN the node group is replaced for its launch template (disk_size moving into it replaces nothing); removed THEN the template is destroyed and the group replaced, its disk back on it, both from imds", () => {
    const imds = withNodeGroup({ imds: { hopLimit: 1 } });
    expect(between(base, imds).map((r) => [r.address, r.action, r.attribute, r.configKey])).toEqual([[NODE_GROUP, "replaced", "launch_template.id", "nodeGroups[0].imds"]]);
    const removed = between(imds, base);
    expect(actions(removed)).toEqual({ "aws_launch_template.node_group_simple-bank_launch_template": "destroyed", [NODE_GROUP]: "replaced" });
    // disk_size comes back to the node group, where EKS holds none while a launch template has the disk
    expect(removed.find((r) => r.address === NODE_GROUP)).toMatchObject({ attribute: "disk_size", maybe: false, configKey: "nodeGroups[0].imds" });
    expect(removed.find((r) => r.type === "aws_launch_template")?.configKey).toBe("nodeGroups[0].imds");
  });

  it("GIVEN a node group removed THEN it is destroyed, and its role with it when no other group uses it", () => {
    const two = offlineClusterConfig({ nodeGroups: [nodeGroupSettings(), nodeGroupSettings({ name: "batch", role: { name: "batch-nodes" } })] });
    expect(actions(between(two, base))).toEqual({
      "aws_eks_node_group.node_group_batch": "destroyed",
      "aws_iam_role.node_role_batch-nodes": "destroyed",
      "aws_iam_role_policy_attachment.node_role_batch-nodes_AmazonEC2ContainerRegistryReadOnly": "destroyed",
      "aws_iam_role_policy_attachment.node_role_batch-nodes_AmazonEKSWorkerNodePolicy": "destroyed",
      "aws_iam_role_policy_attachment.node_role_batch-nodes_AmazonEKS_CNI_Policy": "destroyed",
    });
  });

  it("GIVEN the cluster role renamed THEN the role, its attachment, the cluster and what lives in it, all from clusterRole.name", () => {
    const found = between(base, offlineClusterConfig({ clusterRole: { name: "payments-eks-cluster" } }));
    expect(new Set(found.map((r) => r.configKey))).toEqual(new Set(["clusterRole.name"]));
    expect(Object.fromEntries(found.map((r) => [r.address, r.with ?? r.attribute]))).toEqual({
      "aws_iam_role.cluster_role": "name",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy": "aws_iam_role.cluster_role",
      "aws_eks_cluster.cluster": "aws_iam_role.cluster_role",
      [NODE_GROUP]: "aws_eks_cluster.cluster",
      "aws_eks_addon.addons_coredns": "aws_eks_cluster.cluster",
      "aws_eks_addon.addons_kube-proxy": "aws_eks_cluster.cluster",
      "aws_eks_addon.addons_vpc-cni": "aws_eks_cluster.cluster",
    });
  });

  it("GIVEN a service CIDR set where EKS chose one THEN the cluster may be replaced (only the plan knows EKS's choice); changed THEN it is", () => {
    const cidr = (serviceIpv4Cidr: string) => offlineClusterConfig({ network: { ...base.network, serviceIpv4Cidr } });
    const [set] = between(base, cidr("10.100.0.0/16")).filter((r) => r.type === "aws_eks_cluster");
    expect(set).toMatchObject({ configKey: "network.serviceIpv4Cidr", maybe: true });
    const changed = between(cidr("10.100.0.0/16"), cidr("172.20.0.0/16"));
    expect(changed.find((r) => r.type === "aws_eks_cluster")).toMatchObject({ maybe: false, before: "10.100.0.0/16", after: "172.20.0.0/16" });
    expect(changed.find((r) => r.address === NODE_GROUP)).toMatchObject({ with: "aws_eks_cluster.cluster", configKey: "network.serviceIpv4Cidr" });
  });

  it("GIVEN secrets encryption removed THEN the cluster is replaced (the provider's CustomizeDiff), and added THEN not (in place)", () => {
    const encrypted = offlineClusterConfig({ secretsEncryption: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-0000-4000-8000-000000000000" } });
    expect(between(encrypted, base).find((r) => r.type === "aws_eks_cluster")).toMatchObject({ attribute: "encryption_config", configKey: "secretsEncryption" });
    expect(between(base, encrypted).filter((r) => r.type === "aws_eks_cluster")).toEqual([]);
  });

  it("GIVEN an access entry's principal changed THEN the old entry is destroyed (its address goes with the principal)", () => {
    const entry = (principalArn: string) => offlineClusterConfig({ access: { ...base.access, entries: [{ principalArn, policies: [{ policy: "AmazonEKSViewPolicy" }] }] } });
    const found = between(entry("arn:aws:iam::111122223333:role/viewers"), entry("arn:aws:iam::111122223333:role/readers"));
    expect(actions(found)).toEqual({
      "aws_eks_access_entry.access_111122223333_role_viewers": "destroyed",
      "aws_eks_access_policy_association.access_111122223333_role_viewers_AmazonEKSViewPolicy": "destroyed",
    });
    expect(found.map((r) => r.configKey)).toEqual([
      'access.entries (principal "arn:aws:iam::111122223333:role/viewers" no longer listed)',
      'access.entries[].policies (policy "AmazonEKSViewPolicy" no longer associated)',
    ]);
  });

  it("GIVEN a node group, an add-on and the created secrets key removed THEN each is destroyed under the key it came from, and the key's warning keeps the key's safer path", () => {
    const full = offlineClusterConfig({
      nodeGroups: [nodeGroupSettings(), nodeGroupSettings({ name: "batch" })],
      addons: { ...base.addons, "eks-pod-identity-agent": { version: "v1.3.10-eksbuild.2" } },
      secretsEncryption: { createKey: true },
    });
    const found = between(full, base);
    const keys = Object.fromEntries(found.map((r) => [r.address, r.configKey]));
    expect(keys).toMatchObject({
      "aws_eks_node_group.node_group_batch": 'nodeGroups (node group "batch" removed or renamed)',
      "aws_eks_addon.addons_eks-pod-identity-agent": "addons.eks-pod-identity-agent (removed)",
      "aws_kms_key.secrets_key": "secretsEncryption.createKey",
      "aws_kms_alias.secrets_key_alias": "secretsEncryption.createKey",
    });
    const text = formatReplacements("simple-bank", found);
    expect(text).toMatch(/  secretsEncryption\.createKey\n(      .*\n)*      safer: Never replace or destroy the key of a running cluster/);
  });
});

describe("formatReplacements", () => {
  it("GIVEN replacements THEN one warning: each config key with what it replaces, the cluster's group first, and the safer path", () => {
    const text = formatReplacements("simple-bank", [
      ...between(base, withNodeGroup({ capacityType: "SPOT" })),
      ...between(base, offlineClusterConfig({ clusterRole: { name: "payments-eks-cluster" } })).filter((r) => r.address !== NODE_GROUP),
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^warning: cluster "simple-bank": compared with the previous synth, this change makes Terraform replace or destroy \d+ resources:$/);
    expect(lines[1]).toBe("  clusterRole.name");
    expect(text).toContain('replaces aws_iam_role.cluster_role (IAM role): name cannot change in place, "simple-bank-eks-cluster" -> "payments-eks-cluster"');
    expect(text).toContain("replaces aws_eks_cluster.cluster (the cluster), with aws_iam_role.cluster_role");
    expect(text).toContain("      safer: Revert the edit if it was not meant.");
    expect(text).toMatch(/  nodeGroups\[0\]\.capacityType\n      replaces aws_eks_node_group\.node_group_simple-bank \(node group\): capacity_type cannot change in place, "ON_DEMAND" -> "SPOT"\n      safer: Add a new node group/);
    expect(formatReplacements("x", [])).toBe("");
  });

  it("GIVEN hostile values THEN they are printed escaped, on their lines", () => {
    const text = formatReplacements("c\u001b[31m", [
      { address: "aws_eks_node_group.node_group_x", type: "aws_eks_node_group", action: "replaced", configKey: "nodeGroups[0].instanceTypes", attribute: "instance_types", before: ["a\nb"], after: ["\u202e"] },
    ]);
    expect(text).not.toMatch(/[\u001b\u202e]/);
    expect(text.split("\n")).toHaveLength(4);
  });
});

describe("replacementsBetween, compute beyond the default node group (issue 14)", () => {
  const KARPENTER = (settings: Partial<NonNullable<ClusterConfig["karpenter"]>> = {}, overrides: Partial<ClusterConfig> = {}): ClusterConfig =>
    offlineClusterConfig({ karpenter: { interruptionQueueName: "simple-bank-karpenter", ...settings }, ...overrides });
  const AUTO_MODE = offlineClusterConfig({ autoMode: { enabled: true, nodePools: ["general-purpose", "system"], nodeRoleName: "simple-bank-eks-auto-node" } });
  const fargate = (selectors: NonNullable<ClusterConfig["fargateProfiles"]>[number]["selectors"], subnetIds?: string[]): ClusterConfig =>
    offlineClusterConfig({ fargateProfiles: [{ name: "system", selectors, podExecutionRoleName: "simple-bank-eks-fargate-pods", ...(subnetIds ? { subnetIds } : {}) }] });
  const keys = (found: readonly Replacement[]) => Object.fromEntries(found.map((r) => [r.address, [r.action, r.attribute ?? r.with, r.configKey]]));

  it("GIVEN Auto Mode turned on THEN nothing: bootstrap_self_managed_addons is under ignore_changes, the node role set where none was", () => {
    expect(between(base, AUTO_MODE)).toEqual([]);
  });

  it("GIVEN Auto Mode's node role renamed THEN the role, from autoMode.nodeRoleName", () => {
    const found = between(AUTO_MODE, offlineClusterConfig({ autoMode: { ...AUTO_MODE.autoMode, nodeRoleName: "other-auto-node" } }));
    expect(keys(found)).toMatchObject({ "aws_iam_role.auto_mode_node_role": ["replaced", "name", "autoMode.nodeRoleName"] });
  });

  it("GIVEN the interruption queue renamed THEN queue, policy, rules and targets, all from karpenter.interruptionQueueName", () => {
    const found = between(KARPENTER(), KARPENTER({ interruptionQueueName: "simple-bank-karpenter-v2" }));
    expect(found).toHaveLength(12);
    expect(new Set(found.map((r) => r.configKey))).toEqual(new Set(["karpenter.interruptionQueueName"]));
    expect(keys(found)["aws_sqs_queue_policy.karpenter_interruption_queue_policy"]).toEqual(["replaced", "aws_sqs_queue.karpenter_interruption_queue", "karpenter.interruptionQueueName"]);
  });

  it("GIVEN discovery subnets narrowed THEN the one for_each instance of the dropped subnet is destroyed; reordered THEN nothing", () => {
    const subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
    expect(keys(between(KARPENTER({ discoverySubnetIds: subnets }), KARPENTER({ discoverySubnetIds: [subnets[0]] })))).toEqual({
      'aws_ec2_tag.karpenter_discovery_subnet["subnet-0a1b2c3d4e5f60002"]': ["destroyed", undefined, "karpenter.discoverySubnetIds"],
    });
    expect(between(KARPENTER({ discoverySubnetIds: subnets }), KARPENTER({ discoverySubnetIds: [...subnets].reverse() }))).toEqual([]);
  });

  it("GIVEN a Karpenter cluster replaced THEN the security group's discovery tag goes with it (its resource_id, a computed field of vpc_config, is unknown)", () => {
    const serviceCidr = { network: { ...base.network, serviceIpv4Cidr: "10.100.0.0/16" } };
    const found = keys(between(KARPENTER({}, {}), KARPENTER({}, serviceCidr)));
    expect(found["aws_ec2_tag.karpenter_discovery_security_group"]).toEqual(["replaced", "aws_eks_cluster.cluster", "network.serviceIpv4Cidr"]);
    // the subnets' tags name literal subnets: they stay
    expect(Object.keys(found).filter((a) => a.startsWith("aws_ec2_tag.karpenter_discovery_subnet"))).toEqual([]);
  });

  it("GIVEN a Fargate profile's selectors changed or reordered, or its subnets changed THEN replaced (or not), from its keys", () => {
    const selectors = [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }, { namespace: "payments" }];
    const from = fargate(selectors);
    expect(between(from, fargate([...selectors].reverse()))).toEqual([]);
    expect(keys(between(from, fargate([selectors[0]])))).toEqual({ "aws_eks_fargate_profile.fargate_profile_system": ["replaced", "selector", "fargateProfiles[0].selectors"] });
    expect(keys(between(from, fargate(selectors, ["subnet-0a1b2c3d4e5f60001"])))).toEqual({ "aws_eks_fargate_profile.fargate_profile_system": ["replaced", "subnet_ids", "fargateProfiles[0].subnetIds"] });
    const renamedRole = offlineClusterConfig({ fargateProfiles: [{ name: "system", selectors, podExecutionRoleName: "other-fargate-pods" }] });
    expect(keys(between(from, renamedRole))).toMatchObject({ "aws_eks_fargate_profile.fargate_profile_system": ["replaced", "pod_execution_role_arn", "fargateProfiles[0].podExecutionRoleName"] });
  });
});

describe("GIVEN the compiled app run twice in one folder WHEN the second config changes a node group's instance types", () => {
  it("THEN the second run warns on stderr, names the key and the node group, and still writes (exit 0); a third, unchanged, warns nothing", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-replace-"));
    const config = (types: string) => {
      fs.writeFileSync(path.join(cwd, "c.yaml"), `clusters:\n  - name: simple-bank\n    nodeGroups:\n      - name: general\n        instanceTypes: [${types}]\n`);
      return runApp(cwd, [], { CLUSTER_CONFIG: "c.yaml" });
    };
    expect(config("t3.small").code).toBe(0);
    const second = config("t3.medium");
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("  nodeGroups[0].instanceTypes\n      replaces aws_eks_node_group.node_group_general (node group): instance_types cannot change in place");
    const third = config("t3.medium");
    expect(third.stderr).not.toContain("compared with the previous synth");
  }, 60_000);
});

describe("GIVEN the compiled app run again after a cluster is renamed, or its state backend changes", () => {
  it("THEN it warns that the old cluster keeps running unmanaged, and that the state must be migrated", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-renamed-"));
    const run = (yaml: string) => {
      fs.writeFileSync(path.join(cwd, "c.yaml"), yaml);
      return runApp(cwd, [], { CLUSTER_CONFIG: "c.yaml" });
    };
    expect(run("clusters:\n  - name: payments\n").code).toBe(0);
    const renamed = run("clusters:\n  - name: payments-v2\n");
    expect(renamed.code).toBe(0);
    expect(renamed.stderr).toContain('warning: cluster "payments" is no longer in the configuration');
    expect(renamed.stderr).toContain("cdktf destroy");
    const moved = run("clusters:\n  - name: payments-v2\n    backend: { s3: { bucket: acme-state } }\n");
    expect(moved.stderr).toMatch(/warning: cluster "payments-v2": the state backend changed \(\{"local".*\} -> \{"s3":\{"bucket":"acme-state"/);
    expect(moved.stderr).toContain("terraform init -migrate-state");
  }, 60_000);
});

describe("replacementsBetween, the created VPC (issue 15)", () => {
  const ZONES = ["us-east-1a", "us-east-1b"];
  const vpc = (create: Partial<NonNullable<ClusterConfig["network"]["create"]>> = {}, network: Partial<ClusterConfig["network"]> = {}): ClusterConfig =>
    offlineClusterConfig({
      network: { securityGroupIds: [], serviceIpv4Cidr: "172.20.0.0/16", create: { cidr: "10.0.0.0/16", availabilityZones: ZONES, natGateways: "single", ...create }, ...network } as ClusterConfig["network"],
    });
  const keys = (found: readonly Replacement[]) => Object.fromEntries(found.map((r) => [r.address, [r.action, r.attribute ?? r.with, r.configKey]]));

  it("GIVEN the VPC's CIDR changed THEN the VPC (cidr_block, network.create.cidr), its subnets (cidr_block) and, through them, tables, routes, associations, the NAT gateway and the node group", () => {
    const found = keys(between(vpc(), vpc({ cidr: "10.1.0.0/16" })));
    expect(found["aws_vpc.vpc"]).toEqual(["replaced", "cidr_block", "network.create.cidr"]);
    expect(found["aws_subnet.private_subnet_us-east-1a"]).toEqual(["replaced", "cidr_block", "network.create.cidr / network.create.privateSubnetPrefix / network.create.publicSubnetPrefix"]);
    expect(found["aws_route_table.public_route_table"]).toEqual(["replaced", "aws_vpc.vpc", "network.create.cidr"]);
    expect(found["aws_nat_gateway.nat_gateway_us-east-1a"]?.[0]).toBe("replaced");
    expect(found[NODE_GROUP]?.[0]).toBe("replaced");
    // the internet gateway moves VPC in place; the Elastic IP is not in the VPC
    expect(found["aws_internet_gateway.internet_gateway"]).toBeUndefined();
    expect(found["aws_eip.nat_gateway_us-east-1a_eip"]).toBeUndefined();
  });

  it("GIVEN NAT single -> one-per-zone, or endpoints switched on THEN nothing; one-per-zone -> single THEN the second gateway and its address are destroyed, from network.create.natGateways", () => {
    expect(between(vpc(), vpc({ natGateways: "one-per-zone" }))).toEqual([]);
    expect(between(vpc(), vpc({ endpoints: true }))).toEqual([]);
    expect(keys(between(vpc({ natGateways: "one-per-zone" }), vpc()))).toEqual({
      "aws_eip.nat_gateway_us-east-1b_eip": ["destroyed", undefined, "network.create.natGateways"],
      "aws_nat_gateway.nat_gateway_us-east-1b": ["destroyed", undefined, "network.create.natGateways"],
    });
  });

  it("GIVEN a zone added THEN only the node group on the created private subnets, from network.create.availabilityZones; a zone removed THEN its subnets and the rest destroyed too", () => {
    expect(keys(between(vpc(), vpc({ availabilityZones: [...ZONES, "us-east-1c"] })))).toEqual({ [NODE_GROUP]: ["replaced", "subnet_ids", "network.create.availabilityZones"] });
    const removed = keys(between(vpc({ availabilityZones: [...ZONES, "us-east-1c"] }), vpc()));
    expect(removed["aws_subnet.private_subnet_us-east-1c"]).toEqual(["destroyed", undefined, "network.create.availabilityZones"]);
    expect(removed[NODE_GROUP]).toEqual(["replaced", "subnet_ids", "network.create.availabilityZones"]);
  });

  it("GIVEN endpoints switched off THEN the endpoints, their group and its rule are destroyed, from network.create.endpoints", () => {
    const found = keys(between(vpc({ endpoints: true }), vpc()));
    expect(found["aws_vpc_endpoint.vpc_endpoint_sts"]).toEqual(["destroyed", undefined, "network.create.endpoints"]);
    expect(found["aws_security_group.vpc_endpoints_security_group"]).toEqual(["destroyed", undefined, "network.create.endpoints"]);
    expect(found["aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group_https"]).toEqual(["destroyed", undefined, "network.create.endpoints"]);
  });

  it("GIVEN an ingress rule's source changed within its kind THEN nothing; to another kind THEN replaced (the provider's RequiresReplaceIf); a tenancy back to default THEN nothing", () => {
    const rule = (body: Record<string, unknown>) => ({ resource: { aws_vpc_security_group_ingress_rule: { r: { security_group_id: "sg-1", ip_protocol: "tcp", from_port: 443, to_port: 443, ...body } } } });
    expect(replacementsBetween(rule({ cidr_ipv4: "10.0.0.0/16" }), rule({ cidr_ipv4: "10.1.0.0/16" }), base)).toEqual([]);
    expect(replacementsBetween(rule({ cidr_ipv4: "10.0.0.0/16" }), rule({ cidr_ipv6: "2600:1f18::/56" }), base).map((r) => r.attribute)).toEqual(["cidr_ipv4"]);
    const tenancy = (t?: string) => ({ resource: { aws_vpc: { v: { cidr_block: "10.0.0.0/16", ...(t ? { instance_tenancy: t } : {}) } } } });
    expect(replacementsBetween(tenancy("dedicated"), tenancy(), base)).toEqual([]);
    expect(replacementsBetween(tenancy("dedicated"), tenancy("default"), base)).toEqual([]);
    expect(replacementsBetween(tenancy(), tenancy("dedicated"), base).map((r) => r.attribute)).toEqual(["instance_tenancy"]);
  });
});
