/** EKS Auto Mode (issue 14): the cluster's settings, the cluster role's additions, the node role; and nothing when off. */
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import * as path from "path";
import { Cluster, ClusterProps } from "../src/constructs/cluster/cluster";
import { autoModeNodeRole, clusterRoleSettings } from "../src/constructs/compute/auto-mode";
import { ReadableStack } from "../src/constructs/readable-stack";
import { ServiceRole, trustPolicy } from "../src/constructs/service-role";
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { addresses, offlineClusterConfig, parse, resource, synthCluster, synthScope, synthStackJson } from "../test-support/synth";

const SUBNETS = ["subnet-0aaa", "subnet-0bbb"];
const AUTO = { autoMode: { enabled: true }, nodeGroups: [], addons: { "vpc-cni": null, coredns: null, "kube-proxy": null }, access: { authenticationMode: "API" } };

/** A cluster loaded as a file gives it (defaults and role names filled in). */
function loaded(given: Record<string, unknown>): ClusterConfig {
  return resolveParsed({ ...offlineClusterConfig(), ...given }, "test.yaml").clusters[0];
}

function synthAutoCluster(props: Partial<Omit<ClusterProps, "role">> = {}): string {
  return synthScope((scope: ReadableStack) => {
    const role = new ServiceRole(scope, "cluster_role", {
      role: { name: "simple-bank-eks-cluster" },
      servicePrincipal: "eks.amazonaws.com",
      ...clusterRoleSettings(true),
      partition: "aws",
    });
    const nodeRole = autoModeNodeRole(scope, "auto_mode_node_role", { roleName: "simple-bank-eks-auto-node", partition: "aws" });
    new Cluster(scope, "cluster", {
      name: "simple-bank",
      kubernetesVersion: "1.35",
      subnetIds: SUBNETS,
      role,
      autoMode: { nodeRoleArn: nodeRole.roleArn, nodePools: ["general-purpose", "system"] },
      ...props,
    });
  });
}

describe("Cluster with EKS Auto Mode", () => {
  it("GIVEN autoMode WHEN synthesized THEN compute, block storage and load balancing are all enabled together, with the node pools and their role", () => {
    // GIVEN / WHEN
    const synthesized = synthAutoCluster();
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksCluster, {
      compute_config: { enabled: true, node_pools: ["general-purpose", "system"], node_role_arn: "${aws_iam_role.auto_mode_node_role.arn}" },
      storage_config: { block_storage: { enabled: true } },
      kubernetes_network_config: { elastic_load_balancing: { enabled: true } },
    });
  });

  it("GIVEN autoMode WHEN synthesized THEN bootstrap_self_managed_addons is false and Terraform ignores its later changes (ForceNew in 5.100.0: an existing cluster keeps its value)", () => {
    const cluster = resource(synthAutoCluster(), "aws_eks_cluster", "cluster");
    expect(cluster.bootstrap_self_managed_addons).toBe(false);
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["bootstrap_self_managed_addons"] });
  });

  it("GIVEN autoMode and a service CIDR WHEN synthesized THEN kubernetes_network_config holds both", () => {
    const cluster = resource(synthAutoCluster({ serviceIpv4Cidr: "172.20.0.0/16" }), "aws_eks_cluster", "cluster");
    expect(cluster.kubernetes_network_config).toEqual({ service_ipv4_cidr: "172.20.0.0/16", elastic_load_balancing: { enabled: true } });
  });

  it("GIVEN no autoMode WHEN synthesized THEN none of its arguments is written", () => {
    const cluster = resource(synthAutoCluster({ autoMode: undefined }), "aws_eks_cluster", "cluster");
    for (const key of ["compute_config", "storage_config", "kubernetes_network_config", "bootstrap_self_managed_addons", "lifecycle"]) expect(cluster[key]).toBeUndefined();
  });
});

describe("Auto Mode's roles", () => {
  const synthesized = synthAutoCluster();

  it("GIVEN the cluster role THEN eks.amazonaws.com may assume it and tag the session, nothing else", () => {
    const trust = JSON.parse(resource(synthesized, "aws_iam_role", "cluster_role").assume_role_policy);
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    });
  });

  it.each(["AmazonEKSClusterPolicy", "AmazonEKSComputePolicy", "AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingPolicy"])(
    "GIVEN the cluster role THEN %s is attached",
    (policy) => {
      expect(resource(synthesized, "aws_iam_role_policy_attachment", `cluster_role_${policy}`)).toMatchObject({
        role: "${aws_iam_role.cluster_role.name}",
        policy_arn: `arn:aws:iam::aws:policy/${policy}`,
      });
    },
  );

  it("GIVEN the node role THEN ec2.amazonaws.com may assume it (the trust of auto-create-node-role.html) and it has exactly the two Auto Mode node policies", () => {
    expect(JSON.parse(resource(synthesized, "aws_iam_role", "auto_mode_node_role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const attached = Object.entries(parse(synthesized).resource.aws_iam_role_policy_attachment)
      .filter(([name]) => name.startsWith("auto_mode_node_role_"))
      .map(([, a]) => a.policy_arn)
      .sort();
    expect(attached).toEqual(["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy"]);
  });

  it("GIVEN no Auto Mode THEN the cluster role's settings are the walk-through's", () => {
    expect(clusterRoleSettings(false)).toEqual({ managedPolicyNames: ["AmazonEKSClusterPolicy"] });
    expect(trustPolicy("eks.amazonaws.com")).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}');
  });
});

describe("GIVEN a cluster stack with Auto Mode", () => {
  const config = loaded(AUTO);
  const synthesized = synthCluster(config);
  const tf = parse(synthesized);

  it("THEN the node role is <cluster>-eks-auto-node, the cluster points at it and waits for every policy of both roles", () => {
    expect(config.autoMode).toEqual({ enabled: true, nodePools: ["general-purpose", "system"], nodeRoleName: "simple-bank-eks-auto-node" });
    const cluster = tf.resource.aws_eks_cluster.cluster;
    expect(tf.resource.aws_iam_role.auto_mode_node_role.name).toBe("simple-bank-eks-auto-node");
    expect(cluster.compute_config.node_role_arn).toBe("${aws_iam_role.auto_mode_node_role.arn}");
    expect(cluster.depends_on).toEqual(
      expect.arrayContaining([
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSComputePolicy",
        "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEKSWorkerNodeMinimalPolicy",
        "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEC2ContainerRegistryPullOnly",
      ]),
    );
  });

  it("THEN no access entry is made for the node role (EKS creates it with the cluster), and no node group or add-on", () => {
    expect(tf.resource.aws_eks_access_entry).toBeUndefined();
    expect(tf.resource.aws_eks_node_group).toBeUndefined();
    expect(tf.resource.aws_eks_addon).toBeUndefined();
  });

  it("THEN the stack outputs the node role's ARN", () => {
    expect(tf.output?.auto_mode_node_role_arn.value).toBe("${aws_iam_role.auto_mode_node_role.arn}");
  });

  it("THEN its addresses are the walk-through's cluster and role plus the node role and the five policies", () => {
    expect(addresses(synthesized)).toEqual([
      "aws_eks_cluster.cluster",
      "aws_iam_role.auto_mode_node_role",
      "aws_iam_role.cluster_role",
      "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEC2ContainerRegistryPullOnly",
      "aws_iam_role_policy_attachment.auto_mode_node_role_AmazonEKSWorkerNodeMinimalPolicy",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSBlockStoragePolicy",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSComputePolicy",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSLoadBalancingPolicy",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSNetworkingPolicy",
      "data.aws_partition.current",
    ]);
  });

  it("WHEN only the system pool and a role name are given THEN those are used", () => {
    const one = parse(synthCluster(loaded({ ...AUTO, autoMode: { enabled: true, nodePools: ["system"], nodeRoleName: "auto-nodes" } })));
    expect(one.resource.aws_eks_cluster.cluster.compute_config.node_pools).toEqual(["system"]);
    expect(one.resource.aws_iam_role.auto_mode_node_role.name).toBe("auto-nodes");
  });

  it("WHEN examples/auto-mode.yaml is loaded THEN it is an Auto Mode cluster with only the turn-off warning", () => {
    const file = loadClusters(path.resolve(__dirname, "..", "examples", "auto-mode.yaml"));
    expect(file.warnings.map((w) => w.path)).toEqual(["autoMode.enabled"]);
    const eks = parse(synthCluster(file.clusters[0])).resource.aws_eks_cluster.cluster;
    expect(eks).toMatchObject({ bootstrap_self_managed_addons: false, compute_config: { enabled: true }, access_config: { authentication_mode: "API" } });
  });
});

describe("GIVEN a configuration without Auto Mode or Fargate", () => {
  it("WHEN synthesized THEN the Terraform is byte-identical whether the keys are left out, given as their defaults, or autoMode is given disabled", () => {
    // GIVEN
    const leftOut = loaded({});
    const asDefaults = loaded({ fargateProfiles: [], autoMode: { enabled: false } });
    const disabledWithPools = loaded({ autoMode: { enabled: false, nodePools: ["system"] } });
    // WHEN / THEN
    expect(synthStackJson(asDefaults)).toBe(synthStackJson(leftOut));
    expect(synthStackJson(disabledWithPools)).toBe(synthStackJson(leftOut));
  });

  it("WHEN the embedded default is synthesized THEN its cluster has none of Auto Mode's arguments and its cluster role the console's trust policy", () => {
    const tf = parse(synthCluster(DEFAULT_CLUSTER));
    const cluster = tf.resource.aws_eks_cluster.cluster;
    for (const key of ["compute_config", "storage_config", "kubernetes_network_config", "bootstrap_self_managed_addons", "lifecycle"]) expect(cluster[key]).toBeUndefined();
    expect(tf.resource.aws_iam_role.cluster_role.assume_role_policy).toBe(trustPolicy("eks.amazonaws.com"));
    expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["cluster_role", "node_role_simple-bank-eks-node"]);
    expect(tf.output?.auto_mode_node_role_arn).toBeUndefined();
  });
});
