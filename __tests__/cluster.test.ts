import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { Cluster, ClusterProps, endpointFlags } from "../src/constructs/cluster/cluster";
import { ServiceRole } from "../src/constructs/service-role";
import { ReadableStack } from "../src/constructs/readable-stack";
import { resource, synthScope } from "../test-support/synth";

const SUBNETS = ["subnet-0aaa", "subnet-0bbb"];

function synthCluster(props: Partial<Omit<ClusterProps, "role">> = {}, roleArn?: string): string {
  return synthScope((scope: ReadableStack) => {
    const role = new ServiceRole(scope, "cluster_role", {
      role: roleArn ? { arn: roleArn } : { name: "simple-bank-eks-cluster" },
      servicePrincipal: "eks.amazonaws.com",
      managedPolicyNames: ["AmazonEKSClusterPolicy"],
      partition: "aws",
    });
    new Cluster(scope, "cluster", { name: "simple-bank", kubernetesVersion: "1.35", subnetIds: SUBNETS, ...props, role });
  });
}

describe("Cluster", () => {
  it("creates the cluster with name, string version, role and subnets", () => {
    // GIVEN / WHEN
    const synthesized = synthCluster();
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksCluster, {
      name: "simple-bank",
      version: "1.35",
      role_arn: "${aws_iam_role.cluster_role.arn}",
    });
    const cluster = resource(synthesized, "aws_eks_cluster", "cluster");
    expect(typeof cluster.version).toBe("string");
    expect(cluster.vpc_config.subnet_ids).toEqual(SUBNETS);
  });

  it("defaults to a public-and-private endpoint open to 0.0.0.0/0, no extra security groups, no logs, no KMS, no service CIDR", () => {
    // GIVEN / WHEN
    const cluster = resource(synthCluster(), "aws_eks_cluster", "cluster");
    // THEN
    expect(cluster.vpc_config).toEqual({
      subnet_ids: SUBNETS,
      endpoint_public_access: true,
      endpoint_private_access: true,
      public_access_cidrs: ["0.0.0.0/0"],
    });
    expect(cluster.enabled_cluster_log_types).toBeUndefined();
    expect(cluster.encryption_config).toBeUndefined();
    expect(cluster.kubernetes_network_config).toBeUndefined();
    expect(cluster.tags).toBeUndefined();
  });

  it.each([
    ["public", true, false],
    ["public-and-private", true, true],
    ["private", false, true],
  ] as const)("maps endpoint access %s to public=%s private=%s", (access, pub, priv) => {
    // GIVEN / WHEN
    const cluster = resource(synthCluster({ endpoint: { access, publicAccessCidrs: ["203.0.113.0/24"] } }), "aws_eks_cluster", "cluster");
    // THEN
    expect(endpointFlags(access)).toEqual({ endpointPublicAccess: pub, endpointPrivateAccess: priv });
    expect(cluster.vpc_config.endpoint_public_access).toBe(pub);
    expect(cluster.vpc_config.endpoint_private_access).toBe(priv);
    expect(cluster.vpc_config.public_access_cidrs).toEqual(pub ? ["203.0.113.0/24"] : undefined);
  });

  it("sets extra security groups, service CIDR, KMS secrets encryption, log types and tags when given", () => {
    // GIVEN
    const kmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    // WHEN
    const synthesized = synthCluster({
      securityGroupIds: ["sg-0123456789abcdef0"],
      serviceIpv4Cidr: "172.20.0.0/16",
      secretsEncryption: { kmsKeyArn },
      logging: { types: ["api", "audit"] },
      tags: { team: "payments" },
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksCluster, {
      kubernetes_network_config: { service_ipv4_cidr: "172.20.0.0/16" },
      encryption_config: { provider: { key_arn: kmsKeyArn }, resources: ["secrets"] },
      enabled_cluster_log_types: ["api", "audit"],
      tags: { team: "payments" },
    });
    expect(resource(synthesized, "aws_eks_cluster", "cluster").vpc_config.security_group_ids).toEqual(["sg-0123456789abcdef0"]);
  });

  it("waits for the cluster role's policy attachment", () => {
    const cluster = resource(synthCluster(), "aws_eks_cluster", "cluster");
    expect(cluster.depends_on).toEqual(["aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy"]);
  });

  it("waits for nothing with an existing role", () => {
    const arn = "arn:aws:iam::111122223333:role/existing";
    const cluster = resource(synthCluster({}, arn), "aws_eks_cluster", "cluster");
    expect(cluster.role_arn).toBe(arn);
    expect(cluster.depends_on ?? []).toEqual([]);
  });
});
