/**
 * Contract tests against the real Terraform CLI and hashicorp/aws 5.100.0 from the local mirror:
 * what we generate must pass `terraform validate`, and plan offline where no data source needs the AWS API.
 */
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { ClusterConfig } from "../src/config/schema";
import { renderHandoffHcl } from "../src/output/handoff";
import { clusterConfig, nodeGroupSettings, offlineClusterConfig, synthCluster } from "../test-support/synth";
import { describeWithTerraform, OFFLINE_PROVIDER, offlineCopy, Terraform, validateStacks, workdir } from "../test-support/terraform";

function expectValid(terraform: Terraform, dir: string): void {
  terraform.init(dir);
  const result = terraform.validate(dir);
  expect(result.diagnostics).toEqual([]);
  expect(result.valid).toBe(true);
}

const VARIANTS: Record<string, ClusterConfig> = {
  "private endpoint, KMS, all logs, service CIDR, extra security group": clusterConfig({
    endpoint: { access: "private", publicAccessCidrs: [] },
    secretsEncryption: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    logging: { types: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
    network: { securityGroupIds: ["sg-0123456789abcdef0"], serviceIpv4Cidr: "172.20.0.0/16" },
    tags: { team: "payments" },
  }),
  "given VPC, existing roles, default add-on versions": clusterConfig({
    network: { vpcId: "vpc-0123456789abcdef0", securityGroupIds: [] },
    clusterRole: { arn: "arn:aws:iam::111122223333:role/eks-cluster" },
    addons: { "vpc-cni": { version: "default" }, coredns: { version: "default" }, "kube-proxy": { version: "default" }, "eks-pod-identity-agent": { version: "default" } },
    nodeGroups: [nodeGroupSettings({ role: { arn: "arn:aws:iam::111122223333:role/eks-nodes" } })],
  }),
  "two node groups: spot ARM with taints, labels, SSH and a percentage update": clusterConfig({
    nodeGroups: [
      nodeGroupSettings(),
      nodeGroupSettings({
        name: "arm-spot",
        amiType: "AL2023_ARM_64_STANDARD",
        capacityType: "SPOT",
        instanceTypes: ["m7g.large", "m6g.large"],
        diskSize: 40,
        scaling: { minSize: 0, maxSize: 5, desiredSize: 0 },
        update: { maxUnavailablePercentage: 33 },
        labels: { workload: "batch" },
        taints: [{ key: "dedicated", value: "batch", effect: "NO_SCHEDULE" }],
        remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-0123456789abcdef0"] },
        tags: { tier: "batch" },
      }),
    ],
  }),
};

/** Every key of the production options at once: S3 backend, log group, created KMS key, access entries, IMDSv2, ignore_changes. */
const PRODUCTION: ClusterConfig = clusterConfig({
  backend: { s3: { bucket: "acme-terraform-state" } },
  logging: { types: ["audit"], retentionDays: 30 },
  secretsEncryption: { createKey: true },
  upgradePolicy: { supportType: "STANDARD" },
  access: {
    authenticationMode: "API",
    clusterCreatorAdmin: false,
    entries: [{ principalArn: "arn:aws:iam::111122223333:role/admins", policies: [{ policy: "AmazonEKSViewPolicy", namespaces: ["payments"] }] }],
  },
  nodeGroups: [nodeGroupSettings({ imds: { hopLimit: 2 }, ignoreDesiredSizeChanges: true, taints: [{ key: "k", effect: "NO_SCHEDULE" }] })],
});

describeWithTerraform("Terraform contract", (terraform) => {
  it("GIVEN the embedded default WHEN validated THEN Terraform accepts it without warnings", () => {
    expectValid(terraform, workdir({ "cdk.tf.json": synthCluster(DEFAULT_CLUSTER) }));
  });

  it("GIVEN the variants (private/KMS/logs; given VPC and existing roles; spot ARM and SSH; every production option) WHEN validated THEN Terraform accepts each", () => {
    const stacks = Object.fromEntries([...Object.values(VARIANTS), PRODUCTION].map((config, i) => [`variant${i}`, synthCluster(config)]));
    const result = validateStacks(terraform, stacks);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("GIVEN the hand-off folder WHEN validated on its own THEN Terraform accepts it and it is formatted", () => {
    const hcl = renderHandoffHcl(DEFAULT_CLUSTER);
    const dir = workdir({ "main.tf": hcl });
    expectValid(terraform, dir);
    expect(terraform.run(dir, ["fmt", "-check", "-diff", "-no-color"])).toMatchObject({ code: 0, stdout: "" });
  });

  it.each([
    ["two node groups: spot ARM with taints, labels, SSH and a percentage update", VARIANTS["two node groups: spot ARM with taints, labels, SSH and a percentage update"]],
    ["every production option", PRODUCTION],
  ])("GIVEN a hand-off (%s) WHEN validated THEN Terraform accepts it and it is formatted", (_name, config) => {
    const dir = workdir({ "main.tf": renderHandoffHcl(config) });
    expectValid(terraform, dir);
    expect(terraform.run(dir, ["fmt", "-check", "-diff", "-no-color"])).toMatchObject({ code: 0, stdout: "" });
  });

  describe("GIVEN explicit subnets and pinned add-on versions WHEN planned offline", () => {
    let plan: { resource_changes: { address: string; change: { actions: string[]; after: Record<string, any> } }[]; configuration: any };

    beforeAll(() => {
      const dir = workdir({ "cdk.tf.json": offlineCopy(synthCluster(offlineClusterConfig())) });
      terraform.init(dir, { backend: true });
      terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
      plan = JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"]));
    });

    it("THEN it plans to create exactly the walk-through's resources", () => {
      const planned = plan.resource_changes.map((r) => `${r.address} ${r.change.actions.join(",")}`).sort();
      expect(planned).toEqual([
        "aws_eks_addon.addons_coredns create",
        "aws_eks_addon.addons_kube-proxy create",
        "aws_eks_addon.addons_vpc-cni create",
        "aws_eks_cluster.cluster create",
        "aws_eks_node_group.node_group_simple-bank create",
        "aws_iam_role.cluster_role create",
        "aws_iam_role.node_role_simple-bank-eks-node create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy create",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEC2ContainerRegistryReadOnly create",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKSWorkerNodePolicy create",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKS_CNI_Policy create",
      ]);
    });

    it("THEN the planned values are the walk-through's, with the pinned versions", () => {
      const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
      expect(after("aws_eks_cluster.cluster")).toMatchObject({ name: "simple-bank", version: "1.35" });
      expect(after("aws_eks_node_group.node_group_simple-bank")).toMatchObject({
        ami_type: "AL2023_x86_64_STANDARD",
        instance_types: ["t3.micro"],
        scaling_config: [{ min_size: 1, max_size: 2, desired_size: 1 }],
        subnet_ids: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      });
      expect(after("aws_eks_addon.addons_vpc-cni")).toMatchObject({ addon_version: "v1.21.1-eksbuild.7" });
      expect(after("aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy")).toMatchObject({
        policy_arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
      });
    });

    it("THEN Terraform sees the ordering edges: cluster after its policy, nodes after CNI and kube-proxy, coredns after nodes", () => {
      const resources: { address: string; depends_on?: string[] }[] = plan.configuration.root_module.resources;
      const dependsOn = (address: string) => resources.find((r) => r.address === address)?.depends_on ?? [];
      expect(dependsOn("aws_eks_cluster.cluster")).toContain("aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy");
      expect(dependsOn("aws_eks_node_group.node_group_simple-bank")).toEqual(
        expect.arrayContaining(["aws_eks_addon.addons_vpc-cni", "aws_eks_addon.addons_kube-proxy"]),
      );
      expect(dependsOn("aws_eks_addon.addons_coredns")).toEqual(["aws_eks_node_group.node_group_simple-bank"]);
    });
  });

  describe("GIVEN an add-on configuration with hostile strings and keys WHEN planned offline from the stack and from the hand-off", () => {
    const CONFIGURATION = {
      replicaCount: 3,
      "${key}": ['say "hi" \\ ${x} %{ if y }z%{ endif }', "line\nbreak\ttab", "é e\u0301 日本 🚀 \u2028", null, true, 1.5],
      nested: { __proto__x: { a: [] }, "": "" },
    };
    const config = offlineClusterConfig({ addons: { ...offlineClusterConfig().addons, coredns: { version: "v1.13.2-eksbuild.4", configurationValues: CONFIGURATION } } });

    const plannedConfiguration = (files: Record<string, string>): unknown => {
      const dir = workdir(files);
      terraform.init(dir, { backend: true });
      terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
      const plan = JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"]));
      return plan.resource_changes.find((r: { address: string }) => r.address === "aws_eks_addon.addons_coredns").change.after.configuration_values;
    };

    it("THEN Terraform sends EKS JSON text that parses back to the configuration as given, with keys sorted, from both", () => {
      const fromJson = plannedConfiguration({ "cdk.tf.json": offlineCopy(synthCluster(config)) });
      expect(typeof fromJson).toBe("string");
      // Terraform's strings are NFC: so is what EKS receives
      const nfc = JSON.parse(JSON.stringify(CONFIGURATION).normalize("NFC"));
      expect(JSON.parse(fromJson as string)).toEqual(nfc);
      expect(Object.keys(JSON.parse(fromJson as string))).toEqual(["${key}", "nested", "replicaCount"]);
      const settings = Object.entries(OFFLINE_PROVIDER).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}\n`).join("");
      const hcl = renderHandoffHcl(config).replace(/^provider "aws" \{\n/m, (open) => `${open}${settings}`);
      expect(plannedConfiguration({ "main.tf": hcl })).toBe(fromJson);
    }, 180_000);
  });
});
