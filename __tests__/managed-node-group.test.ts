import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { NodeGroupSettings } from "../src/config/schema";
import { ManagedNodeGroup } from "../src/constructs/managed-node-group";
import { ServiceRole } from "../src/constructs/service-role";
import { nodeGroupSettings, resource, synthScope } from "../test-support/synth";

function synthGroup(settings: NodeGroupSettings = nodeGroupSettings(), extra: { clusterTags?: Record<string, string>; version?: string; replaceWithCluster?: string } = {}): string {
  return synthScope((scope) => {
    const role = new ServiceRole(scope, "node_role", {
      role: { name: "simple-bank-eks-node" },
      servicePrincipal: "ec2.amazonaws.com",
      managedPolicyNames: ["AmazonEKS_CNI_Policy", "AmazonEKSWorkerNodePolicy"],
      partition: "aws",
    });
    const cni = new ServiceRole(scope, "stand_in", { role: { name: "x" }, servicePrincipal: "ec2.amazonaws.com", managedPolicyNames: [], partition: "aws" });
    new ManagedNodeGroup(scope, `node_group_${settings.name}`, {
      settings,
      clusterName: "simple-bank",
      kubernetesVersion: extra.version,
      role,
      subnetIds: ["subnet-0aaa", "subnet-0bbb"],
      dependsOn: [cni.role!],
      clusterTags: extra.clusterTags,
      replaceWithCluster: extra.replaceWithCluster,
    });
  });
}

describe("ManagedNodeGroup", () => {
  it("creates the walk-through's node group by default", () => {
    // GIVEN / WHEN
    const synthesized = synthGroup();
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksNodeGroup, {
      cluster_name: "simple-bank",
      node_group_name: "simple-bank",
      node_role_arn: "${aws_iam_role.node_role.arn}",
      subnet_ids: ["subnet-0aaa", "subnet-0bbb"],
      ami_type: "AL2023_x86_64_STANDARD",
      capacity_type: "ON_DEMAND",
      instance_types: ["t3.micro"],
      disk_size: 20,
      scaling_config: { min_size: 1, max_size: 2, desired_size: 1 },
      update_config: { max_unavailable: 1 },
    });
    const group = resource(synthesized, "aws_eks_node_group", "node_group_simple-bank");
    expect(group.remote_access).toBeUndefined();
    expect(group.labels).toBeUndefined();
    expect(group.taint).toBeUndefined();
    expect(group.tags).toBeUndefined();
  });

  it.each([
    [2, 2],
    [0, 0],
  ])("scales as the walk-through does later: desired %i", (desiredSize, minSize) => {
    const synthesized = synthGroup(nodeGroupSettings({ scaling: { minSize, maxSize: 2, desiredSize } }));
    expect(synthesized).toHaveResourceWithProperties(EksNodeGroup, { scaling_config: { min_size: minSize, max_size: 2, desired_size: desiredSize } });
  });

  it("sets every option when given", () => {
    // GIVEN
    const settings = nodeGroupSettings({
      name: "arm-spot",
      amiType: "AL2023_ARM_64_STANDARD",
      capacityType: "SPOT",
      instanceTypes: ["m7g.large", "m6g.large"],
      diskSize: 50,
      update: { maxUnavailablePercentage: 33 },
      labels: { workload: "batch" },
      taints: [{ key: "dedicated", value: "batch", effect: "NO_SCHEDULE" }, { key: "spot", effect: "PREFER_NO_SCHEDULE" }],
      remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-0123456789abcdef0"] },
      tags: { tier: "batch" },
    });
    // WHEN
    const synthesized = synthGroup(settings, { clusterTags: { team: "payments", tier: "default" }, version: "1.35" });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksNodeGroup, {
      node_group_name: "arm-spot",
      version: "1.35",
      ami_type: "AL2023_ARM_64_STANDARD",
      capacity_type: "SPOT",
      instance_types: ["m7g.large", "m6g.large"],
      disk_size: 50,
      update_config: { max_unavailable_percentage: 33 },
      labels: { workload: "batch" },
      taint: [
        { key: "dedicated", value: "batch", effect: "NO_SCHEDULE" },
        { key: "spot", effect: "PREFER_NO_SCHEDULE" },
      ],
      remote_access: { ec2_ssh_key: "ops", source_security_group_ids: ["sg-0123456789abcdef0"] },
      tags: { team: "payments", tier: "batch" },
    });
  });

  it("waits for the node role's attachments and for what it is told to", () => {
    const group = resource(synthGroup(), "aws_eks_node_group", "node_group_simple-bank");
    expect(group.depends_on).toEqual([
      "aws_iam_role_policy_attachment.node_role_AmazonEKS_CNI_Policy",
      "aws_iam_role_policy_attachment.node_role_AmazonEKSWorkerNodePolicy",
      "aws_iam_role.stand_in",
    ]);
  });

  it("GIVEN imds WHEN synthesized THEN the group uses its launch template's latest version and sets no disk_size", () => {
    const synthesized = synthGroup(nodeGroupSettings({ imds: { hopLimit: 2 }, diskSize: 30 }));
    const group = resource(synthesized, "aws_eks_node_group", "node_group_simple-bank");
    expect(group.disk_size).toBeUndefined();
    expect(group.launch_template).toEqual({
      id: "${aws_launch_template.node_group_simple-bank_launch_template.id}",
      version: "${aws_launch_template.node_group_simple-bank_launch_template.latest_version}",
    });
    const template = resource(synthesized, "aws_launch_template", "node_group_simple-bank_launch_template");
    expect(template.metadata_options.http_put_response_hop_limit).toBe(2);
    expect(template.block_device_mappings[0].ebs.volume_size).toBe(30);
  });

  it("GIVEN ignoreDesiredSizeChanges WHEN synthesized THEN Terraform ignores desired_size, and not otherwise", () => {
    expect(resource(synthGroup(nodeGroupSettings({ ignoreDesiredSizeChanges: true })), "aws_eks_node_group", "node_group_simple-bank").lifecycle).toEqual({
      ignore_changes: ["scaling_config[0].desired_size"],
    });
    expect(resource(synthGroup(), "aws_eks_node_group", "node_group_simple-bank").lifecycle).toBeUndefined();
  });

  it("GIVEN replaceWithCluster WHEN synthesized THEN the group is replaced when the cluster's id changes, beside ignore_changes", () => {
    const group = (settings: NodeGroupSettings) =>
      resource(synthGroup(settings, { replaceWithCluster: "aws_eks_cluster.cluster.id" }), "aws_eks_node_group", "node_group_simple-bank");
    expect(group(nodeGroupSettings()).lifecycle).toEqual({ replace_triggered_by: ["aws_eks_cluster.cluster.id"] });
    expect(group(nodeGroupSettings({ ignoreDesiredSizeChanges: true })).lifecycle).toEqual({
      ignore_changes: ["scaling_config[0].desired_size"],
      replace_triggered_by: ["aws_eks_cluster.cluster.id"],
    });
  });
});
