/**
 * Contract tests of Fargate profiles and EKS Auto Mode (issue 14) against the real Terraform CLI and hashicorp/aws
 * 5.100.0 from the local mirror: the examples and variants validate, their hand-offs validate and are formatted, and
 * the examples plan offline (explicit subnets, pinned add-ons: no data source needs the AWS API).
 */
import * as path from "path";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { handoffsOf, offlineClusterConfig, stacksOf, synthCluster } from "../test-support/synth";
import { describeWithTerraform, planOfflineJson, Terraform, validateHandoffs, validateStacks } from "../test-support/terraform";

const example = (file: string): ClusterConfig => loadClusters(path.resolve(__dirname, "..", "examples", file)).clusters[0];
const loaded = (given: Record<string, unknown>): ClusterConfig => resolveParsed({ ...offlineClusterConfig(), ...given }, "test.yaml").clusters[0];

const CONFIGS: Record<string, ClusterConfig> = {
  fargate: example("fargate.yaml"),
  autoMode: example("auto-mode.yaml"),
  // Auto Mode beside a node group and a Fargate profile with a role of its own, one pool, a service CIDR
  mixed: loaded({
    autoMode: { enabled: true, nodePools: ["system"], nodeRoleName: "mixed-auto-nodes" },
    access: { authenticationMode: "API_AND_CONFIG_MAP", clusterCreatorAdmin: true, entries: [] },
    network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], serviceIpv4Cidr: "172.20.0.0/16" },
    fargateProfiles: [{ name: "batch", selectors: [{ namespace: "batch-*", labels: { "app.kubernetes.io/part-of": "jobs" } }], podExecutionRoleName: "mixed-fargate" }],
  }),
};

interface Plan {
  resource_changes: { address: string; change: { actions: string[]; after: Record<string, any> } }[];
  configuration: { root_module: { resources: { address: string; depends_on?: string[] }[] } };
}

function planOffline(terraform: Terraform, config: ClusterConfig): Plan {
  return planOfflineJson<Plan>(terraform, synthCluster(config));
}

describeWithTerraform("Fargate and Auto Mode contract", (terraform) => {
  it("GIVEN the Fargate and Auto Mode examples and a mixed variant WHEN validated THEN Terraform accepts each stack", () => {
    const result = validateStacks(terraform, stacksOf(CONFIGS));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("GIVEN their hand-off folders WHEN validated THEN Terraform accepts each and they are formatted", () => {
    const result = validateHandoffs(terraform, handoffsOf(CONFIGS));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.unformatted).toBe("");
  });

  describe("GIVEN examples/fargate.yaml WHEN planned offline", () => {
    let plan: Plan;
    const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
    beforeAll(() => {
      plan = planOffline(terraform, CONFIGS.fargate);
    });

    it("THEN it creates the cluster, two profiles, one shared pod execution role with its policy, and the add-ons", () => {
      expect(plan.resource_changes.map((r) => `${r.address} ${r.change.actions.join(",")}`).sort()).toEqual([
        "aws_eks_addon.addons_coredns create",
        "aws_eks_addon.addons_kube-proxy create",
        "aws_eks_addon.addons_vpc-cni create",
        "aws_eks_cluster.cluster create",
        "aws_eks_fargate_profile.fargate_profile_payments create",
        "aws_eks_fargate_profile.fargate_profile_system create",
        "aws_iam_role.cluster_role create",
        "aws_iam_role.pod_execution_role_simple-bank-fargate-eks-fargate-pods create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy create",
        "aws_iam_role_policy_attachment.pod_execution_role_simple-bank-fargate-eks-fargate-pods_AmazonEKSFargatePodExecutionRolePolicy create",
      ]);
    });

    it("THEN the pod execution role's trust, as planned, is the documented one with the partition filled in and any account", () => {
      expect(JSON.parse(after("aws_iam_role.pod_execution_role_simple-bank-fargate-eks-fargate-pods").assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "eks-fargate-pods.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { ArnLike: { "aws:SourceArn": "arn:aws:eks:us-east-1:*:fargateprofile/simple-bank-fargate/*" } },
          },
        ],
      });
      expect(after("aws_iam_role_policy_attachment.pod_execution_role_simple-bank-fargate-eks-fargate-pods_AmazonEKSFargatePodExecutionRolePolicy").policy_arn).toBe(
        "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
      );
    });

    it("THEN the profiles' selectors and subnets are planned as configured, and coredns runs on Fargate", () => {
      expect(after("aws_eks_fargate_profile.fargate_profile_system")).toMatchObject({
        fargate_profile_name: "system",
        selector: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }],
      });
      expect(after("aws_eks_fargate_profile.fargate_profile_payments").subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60031", "subnet-0a1b2c3d4e5f60032"]);
      expect(JSON.parse(after("aws_eks_addon.addons_coredns").configuration_values)).toEqual({ computeType: "Fargate", replicaCount: 2 });
    });

    it("THEN coredns waits for the profiles, and each profile for its role's policy", () => {
      const resources = plan.configuration.root_module.resources;
      const dependsOn = (address: string) => resources.find((r) => r.address === address)?.depends_on ?? [];
      expect(dependsOn("aws_eks_addon.addons_coredns")).toEqual(expect.arrayContaining(["aws_eks_fargate_profile.fargate_profile_system", "aws_eks_fargate_profile.fargate_profile_payments"]));
      expect(dependsOn("aws_eks_fargate_profile.fargate_profile_system")).toEqual([
        "aws_iam_role_policy_attachment.pod_execution_role_simple-bank-fargate-eks-fargate-pods_AmazonEKSFargatePodExecutionRolePolicy",
      ]);
    });
  });

  describe("GIVEN examples/auto-mode.yaml WHEN planned offline", () => {
    let plan: Plan;
    const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
    beforeAll(() => {
      plan = planOffline(terraform, CONFIGS.autoMode);
    });

    it("THEN it creates the cluster, its role with five policies, and the node role with two", () => {
      expect(plan.resource_changes.map((r) => `${r.address} ${r.change.actions.join(",")}`).sort()).toEqual([
        "aws_eks_cluster.cluster create",
        "aws_iam_role.auto_mode_node_role create",
        "aws_iam_role.cluster_role create",
        "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEC2ContainerRegistryPullOnly create",
        "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEKSWorkerNodeMinimalPolicy create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSBlockStoragePolicy create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSComputePolicy create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSLoadBalancingPolicy create",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSNetworkingPolicy create",
      ]);
    });

    it("THEN the cluster is planned with all three capabilities on, bootstrap_self_managed_addons false, and API access (the provider's own all-or-none check passes)", () => {
      expect(after("aws_eks_cluster.cluster")).toMatchObject({
        bootstrap_self_managed_addons: false,
        compute_config: [{ enabled: true, node_pools: ["general-purpose", "system"] }],
        storage_config: [{ block_storage: [{ enabled: true }] }],
        kubernetes_network_config: [{ elastic_load_balancing: [{ enabled: true }] }],
        access_config: [{ authentication_mode: "API" }],
      });
    });

    it("THEN the cluster role's trust allows sts:TagSession, and the node role's trusts EC2", () => {
      expect(JSON.parse(after("aws_iam_role.cluster_role").assume_role_policy).Statement[0].Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
      expect(JSON.parse(after("aws_iam_role.auto_mode_node_role").assume_role_policy).Statement[0]).toEqual({
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
      });
    });
  });
});
