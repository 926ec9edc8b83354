import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { NodeGroupSettings } from "../src/config/schema";
import { ManagedNodeGroup } from "../src/constructs/managed-node-group";
import { ServiceRole } from "../src/constructs/service-role";
import { nodeGroupSettings, resource, synthScope } from "../test-support/synth";

/** References standing in for the cluster's attributes. */
const CLUSTER = {
  endpoint: "${aws_eks_cluster.cluster.endpoint}",
  certificateAuthority: "${aws_eks_cluster.cluster.certificate_authority[0].data}",
  serviceIpv4Cidr: "${aws_eks_cluster.cluster.kubernetes_network_config[0].service_ipv4_cidr}",
  securityGroupId: "${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}",
};

function synthGroup(
  settings: NodeGroupSettings = nodeGroupSettings(),
  extra: { clusterTags?: Record<string, string>; version?: string; replaceWithCluster?: string; cluster?: typeof CLUSTER } = {},
): string {
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
      cluster: extra.cluster,
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

/** The text of a launch template's `user_data`, `${base64encode("<HCL quoted template>")}`, as Terraform reads it. */
export function userDataText(userData: string): string {
  const m = /^\$\{base64encode\("((?:[^"\\]|\\.)*)"\)\}$/s.exec(userData);
  if (!m) throw new Error(`not a base64encode of a quoted template: ${userData}`);
  return m[1]
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
      e.startsWith("u") && e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e,
    )
    .replace(/\$\{""\}/g, "")
    .replace(/([$%])\1\{/g, "$1{");
}

describe("ManagedNodeGroup launch template settings", () => {
  const template = (synthesized: string) => resource(synthesized, "aws_launch_template", "node_group_simple-bank_launch_template");
  const group = (synthesized: string) => resource(synthesized, "aws_eks_node_group", "node_group_simple-bank");

  it("GIVEN rootVolume WHEN synthesized THEN the launch template holds the volume, IMDSv2 is required with hop limit 2, and the group has no disk_size", () => {
    // GIVEN
    const settings = nodeGroupSettings({
      rootVolume: { size: 100, type: "gp3", iops: 6000, throughput: 500, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    });
    // WHEN
    const synthesized = synthGroup(settings);
    // THEN
    expect(template(synthesized).block_device_mappings).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: {
          volume_size: 100,
          volume_type: "gp3",
          iops: 6000,
          throughput: 500,
          encrypted: "true",
          kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          delete_on_termination: "true",
        },
      },
    ]);
    expect(template(synthesized).metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 });
    expect(template(synthesized).user_data).toBeUndefined();
    expect(group(synthesized).disk_size).toBeUndefined();
    expect(group(synthesized).launch_template.id).toBe("${aws_launch_template.node_group_simple-bank_launch_template.id}");
  });

  it("GIVEN rootVolume without a size, unencrypted, on Bottlerocket WHEN synthesized THEN the data volume has diskSize and encrypted false", () => {
    const synthesized = synthGroup(nodeGroupSettings({ amiType: "BOTTLEROCKET_x86_64", diskSize: 40, rootVolume: { type: "gp2", encrypted: false } }));
    expect(template(synthesized).block_device_mappings[0]).toEqual({
      device_name: "/dev/xvdb",
      ebs: { volume_size: 40, volume_type: "gp2", encrypted: "false", delete_on_termination: "true" },
    });
  });

  it("GIVEN kubelet settings on AL2023 WHEN synthesized THEN the user data is a MIME NodeConfig with maxPods and the flags", () => {
    // GIVEN
    const settings = nodeGroupSettings({ kubelet: { maxPods: 110, flags: ["--node-labels=team=payments", "--register-with-taints=dedicated=batch:NoSchedule"] } });
    // WHEN
    const userData = template(synthGroup(settings)).user_data;
    // THEN
    expect(userDataText(userData)).toBe(
      [
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="==NODEADM=="',
        "",
        "--==NODEADM==",
        "Content-Type: application/node.eks.aws",
        "",
        "---",
        "apiVersion: node.eks.aws/v1alpha1",
        "kind: NodeConfig",
        "spec:",
        "  kubelet:",
        "    config:",
        "      maxPods: 110",
        "    flags:",
        '      - "--node-labels=team=payments"',
        '      - "--register-with-taints=dedicated=batch:NoSchedule"',
        "",
        "--==NODEADM==--",
        "",
      ].join("\n"),
    );
    expect(userData.startsWith('${base64encode("MIME-Version: 1.0\\nContent-Type: multipart/mixed; boundary=\\"==NODEADM==\\"\\n')).toBe(true);
  });

  it("GIVEN kubelet maxPods on Bottlerocket WHEN synthesized THEN the user data is TOML settings", () => {
    const userData = template(synthGroup(nodeGroupSettings({ amiType: "BOTTLEROCKET_ARM_64", instanceTypes: ["m7g.large"], kubelet: { maxPods: 58 } }))).user_data;
    expect(userDataText(userData)).toBe("[settings.kubernetes]\nmax-pods = 58\n");
  });

  it.each([["AL2_x86_64"], ["WINDOWS_CORE_2022_x86_64"]])("GIVEN kubelet settings on %s WHEN synthesized THEN it throws: not supported", (amiType) => {
    expect(() => synthGroup(nodeGroupSettings({ amiType: amiType as NodeGroupSettings["amiType"], kubelet: { maxPods: 20 } }))).toThrow(/kubelet settings are supported on AL2023.*not /);
  });

  it("GIVEN a custom AMI WHEN synthesized THEN the template names the image and bootstraps the node with the cluster's attributes; the group is CUSTOM", () => {
    // GIVEN
    const settings = nodeGroupSettings({ amiType: "CUSTOM", amiId: "ami-0123456789abcdef0", kubelet: { maxPods: 29 } });
    // WHEN
    const synthesized = synthGroup(settings, { cluster: CLUSTER, version: "1.35" });
    // THEN
    expect(template(synthesized).image_id).toBe("ami-0123456789abcdef0");
    expect(group(synthesized).ami_type).toBe("CUSTOM");
    expect(group(synthesized).release_version).toBeUndefined();
    // AND no Kubernetes version: with a custom AMI, EKS fails a node group that names one (CreateNodegroup `version`)
    expect(group(synthesized).version).toBeUndefined();
    expect(group(synthGroup(nodeGroupSettings(), { version: "1.35" })).version).toBe("1.35");
    expect(userDataText(template(synthesized).user_data)).toBe(
      [
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="==NODEADM=="',
        "",
        "--==NODEADM==",
        "Content-Type: application/node.eks.aws",
        "",
        "---",
        "apiVersion: node.eks.aws/v1alpha1",
        "kind: NodeConfig",
        "spec:",
        "  cluster:",
        "    name: simple-bank",
        "    apiServerEndpoint: ${aws_eks_cluster.cluster.endpoint}",
        "    certificateAuthority: ${aws_eks_cluster.cluster.certificate_authority[0].data}",
        "    cidr: ${aws_eks_cluster.cluster.kubernetes_network_config[0].service_ipv4_cidr}",
        "  kubelet:",
        "    config:",
        "      maxPods: 29",
        "",
        "--==NODEADM==--",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN a custom AMI without the cluster's attributes WHEN synthesized THEN it throws", () => {
    expect(() => synthGroup(nodeGroupSettings({ amiType: "CUSTOM", amiId: "ami-0123456789abcdef0" }))).toThrow(/needs the cluster's attributes: pass props.cluster/);
  });

  it("GIVEN securityGroupIds WHEN synthesized THEN the template lists the cluster security group first, then the extra ones", () => {
    const synthesized = synthGroup(nodeGroupSettings({ securityGroupIds: ["sg-0a1b2c3d4e5f60719"] }), { cluster: CLUSTER });
    expect(template(synthesized).vpc_security_group_ids).toEqual(["${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}", "sg-0a1b2c3d4e5f60719"]);
  });

  it("GIVEN propagateTags WHEN synthesized THEN instances, volumes and network interfaces get the cluster's and group's tags", () => {
    const synthesized = synthGroup(nodeGroupSettings({ propagateTags: true, tags: { tier: "batch" } }), { clusterTags: { team: "payments" } });
    const tags = { team: "payments", tier: "batch" };
    expect(template(synthesized).tag_specifications).toEqual([
      { resource_type: "instance", tags },
      { resource_type: "volume", tags },
      { resource_type: "network-interface", tags },
    ]);
  });

  it("GIVEN imds alone WHEN synthesized THEN the template has no tag specifications, user data, image or security groups (as before)", () => {
    const lt = template(synthGroup(nodeGroupSettings({ imds: { hopLimit: 1 }, tags: { tier: "batch" } })));
    expect(Object.keys(lt).sort()).toEqual(["block_device_mappings", "description", "metadata_options", "name_prefix", "tags", "update_default_version"]);
  });

  it("GIVEN a Capacity Block WHEN synthesized THEN the template names the market, reservation and instance type, and the group names no instance types", () => {
    const synthesized = synthGroup(
      nodeGroupSettings({ capacityType: "CAPACITY_BLOCK", capacityReservationId: "cr-0123456789abcdef0", instanceTypes: ["p5.48xlarge"], scaling: { minSize: 0, maxSize: 2, desiredSize: 0 } }),
    );
    expect(template(synthesized)).toMatchObject({
      instance_type: "p5.48xlarge",
      instance_market_options: { market_type: "capacity-block" },
      capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: "cr-0123456789abcdef0" } },
    });
    expect(group(synthesized).instance_types).toBeUndefined();
    expect(group(synthesized).capacity_type).toBe("CAPACITY_BLOCK");
  });

  it("GIVEN nodeRepair, forceUpdateVersion and releaseVersion WHEN synthesized THEN the group sets them, without a launch template", () => {
    const synthesized = synthGroup(nodeGroupSettings({ nodeRepair: true, forceUpdateVersion: true, releaseVersion: "1.35.0-20260101" }));
    expect(group(synthesized)).toMatchObject({ node_repair_config: { enabled: true }, force_update_version: true, release_version: "1.35.0-20260101", disk_size: 20 });
    expect(group(synthesized).launch_template).toBeUndefined();
  });

  it("GIVEN none of the new keys WHEN synthesized THEN the group has no repair, release or force settings", () => {
    const g = group(synthGroup());
    expect([g.node_repair_config, g.force_update_version, g.release_version, g.launch_template]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
