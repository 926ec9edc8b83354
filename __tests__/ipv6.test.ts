/** IPv6 clusters (network.ipFamily: ipv6, issue 15): ip_family, dual-stack created VPC, egress-only routes, the CNI's IPv6 policy. */
import { resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { nodeRolePoliciesOf } from "../src/config/defaults";
import { offlineClusterConfig, synthCluster, TerraformJson } from "../test-support/synth";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const config = (network: Record<string, unknown> = {}, more: Record<string, unknown> = {}): ClusterConfig =>
  resolveParsed(
    {
      ...offlineClusterConfig(),
      region: "eu-west-1",
      tags: { team: "orders" },
      network: { securityGroupIds: [], ipFamily: "ipv6", create: { cidr: "10.0.0.0/16", availabilityZones: ZONES }, ...network },
      ...more,
    },
    "test.yaml",
  ).clusters[0];
const synth = (c: ClusterConfig): TerraformJson => JSON.parse(synthCluster(c));

/** The User Guide's statements (cni-iam-role.html#cni-iam-role-create-ipv6-policy), partition from data.aws_partition. */
const IPV6_POLICY =
  '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes"], "Resource" = "*"}, {"Effect" = "Allow", "Action" = ["ec2:CreateTags"], "Resource" = ["arn:${data.aws_partition.current.partition}:ec2:*:*:network-interface/*"]}]})}';

describe("IPv6 cluster", () => {
  describe("GIVEN ipFamily ipv6 with a created VPC in three zones WHEN synthesized", () => {
    let tf: TerraformJson;
    beforeAll(() => {
      tf = synth(config());
    });

    it("THEN the cluster's kubernetes_network_config has ip_family ipv6 and no service CIDR", () => {
      expect(tf.resource.aws_eks_cluster.cluster.kubernetes_network_config).toEqual({ ip_family: "ipv6" });
    });

    it("THEN the VPC gets an Amazon-provided IPv6 block beside its IPv4 one", () => {
      expect(tf.resource.aws_vpc.vpc).toEqual(expect.objectContaining({ cidr_block: "10.0.0.0/16", assign_generated_ipv6_cidr_block: true }));
    });

    it("THEN each subnet gets a /64 of it (private 0-2, public 3-5 by zone) and assigns IPv6 addresses on creation", () => {
      const v6 = Object.fromEntries(
        Object.entries(tf.resource.aws_subnet).map(([name, s]) => [name, `${s.ipv6_cidr_block} ${s.assign_ipv6_address_on_creation}`]),
      );
      const block = (n: number) => `\${cidrsubnet(aws_vpc.vpc.ipv6_cidr_block, 8, ${n})} true`;
      expect(v6).toEqual({
        "private_subnet_eu-west-1a": block(0),
        "private_subnet_eu-west-1b": block(1),
        "private_subnet_eu-west-1c": block(2),
        "public_subnet_eu-west-1a": block(3),
        "public_subnet_eu-west-1b": block(4),
        "public_subnet_eu-west-1c": block(5),
      });
      // DNS64 stays off: "DNS64 and NAT64 aren't needed" (EKS User Guide, cni-ipv6.html)
      expect(tf.resource.aws_subnet["private_subnet_eu-west-1a"].enable_dns64).toBeUndefined();
    });

    it("THEN an egress-only internet gateway takes the private subnets' ::/0, the internet gateway the public one's", () => {
      expect(tf.resource.aws_egress_only_internet_gateway.egress_only_internet_gateway).toEqual(
        expect.objectContaining({ vpc_id: "${aws_vpc.vpc.id}", tags: { Name: "simple-bank-eigw", team: "orders" } }),
      );
      for (const zone of ZONES) {
        expect(tf.resource.aws_route[`private_route_table_${zone}_ipv6_default_route`]).toEqual(
          expect.objectContaining({
            route_table_id: `\${aws_route_table.private_route_table_${zone}.id}`,
            destination_ipv6_cidr_block: "::/0",
            egress_only_gateway_id: "${aws_egress_only_internet_gateway.egress_only_internet_gateway.id}",
          }),
        );
      }
      expect(tf.resource.aws_route.public_route_table_ipv6_default_route).toEqual(
        expect.objectContaining({
          route_table_id: "${aws_route_table.public_route_table.id}",
          destination_ipv6_cidr_block: "::/0",
          gateway_id: "${aws_internet_gateway.internet_gateway.id}",
        }),
      );
      // the IPv4 routes are unchanged
      expect(tf.resource.aws_route.public_route_table_default_route.destination_cidr_block).toBe("0.0.0.0/0");
    });

    it("THEN the node role has the IPv6 CNI policy inline, with the User Guide's statements, and not AmazonEKS_CNI_Policy", () => {
      expect(tf.resource.aws_iam_role_policy["node_role_simple-bank-eks-node_cni_ipv6"]).toEqual(
        expect.objectContaining({ name: "AmazonEKS_CNI_IPv6_Policy", role: "${aws_iam_role.node_role_simple-bank-eks-node.name}", policy: IPV6_POLICY }),
      );
      expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((k) => k.includes("CNI"))).toEqual([]);
    });

    it("THEN the node group waits for the node role's IPv6 policy", () => {
      const group = Object.values(tf.resource.aws_eks_node_group)[0] as { depends_on: string[] };
      expect(group.depends_on).toContain("aws_iam_role_policy.node_role_simple-bank-eks-node_cni_ipv6");
    });
  });

  it("GIVEN vpc-cni with a role of its own WHEN synthesized THEN the IPv6 policy is on that role, not on the node role, and the add-on waits for it", () => {
    const tf = synth(config({}, { addons: { "vpc-cni": { version: "v1.21.1-eksbuild.7", role: { roleName: "orders-vpc-cni" } } } }));
    expect(Object.keys(tf.resource.aws_iam_role_policy)).toEqual(["addon_role_vpc-cni_cni_ipv6"]);
    expect(tf.resource.aws_iam_role_policy["addon_role_vpc-cni_cni_ipv6"]).toEqual(
      expect.objectContaining({ name: "AmazonEKS_CNI_IPv6_Policy", role: "${aws_iam_role.addon_role_vpc-cni.name}", policy: IPV6_POLICY }),
    );
    expect(tf.resource.aws_eks_addon["addons_vpc-cni"].depends_on).toContain("aws_iam_role_policy.addon_role_vpc-cni_cni_ipv6");
  });

  it("GIVEN Karpenter in an IPv6 cluster WHEN synthesized THEN Karpenter's node role gets the IPv6 policy and no AmazonEKS_CNI_Policy", () => {
    const tf = synth(config({}, { karpenter: {} }));
    const karpenterPolicies = Object.entries(tf.resource.aws_iam_role_policy).filter(([k]) => k.startsWith("karpenter") && k.endsWith("_cni_ipv6"));
    expect(karpenterPolicies).toHaveLength(1);
    expect(karpenterPolicies[0][1]).toEqual(expect.objectContaining({ name: "AmazonEKS_CNI_IPv6_Policy", policy: IPV6_POLICY }));
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((k) => k.includes("CNI"))).toEqual([]);
  });

  it("GIVEN given subnets WHEN synthesized THEN only the cluster's ip_family changes: nothing is created in someone else's VPC", () => {
    const tf = synth(config({ create: undefined, subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }));
    expect(tf.resource.aws_eks_cluster.cluster.kubernetes_network_config).toEqual({ ip_family: "ipv6" });
    expect(tf.resource.aws_vpc).toBeUndefined();
    expect(tf.resource.aws_egress_only_internet_gateway).toBeUndefined();
  });

  it("GIVEN ipFamily ipv4 or none WHEN synthesized THEN no ip_family, no IPv6 resources, and the node role keeps AmazonEKS_CNI_Policy", () => {
    for (const ipFamily of ["ipv4", undefined]) {
      const tf = synth(config({ ipFamily }));
      expect(tf.resource.aws_eks_cluster.cluster.kubernetes_network_config).toBeUndefined();
      expect(tf.resource.aws_vpc.vpc.assign_generated_ipv6_cidr_block).toBeUndefined();
      expect(tf.resource.aws_egress_only_internet_gateway).toBeUndefined();
      expect(Object.keys(tf.resource.aws_route).filter((k) => k.includes("ipv6"))).toEqual([]);
      expect(tf.resource.aws_iam_role_policy).toBeUndefined();
      expect(Object.values(tf.resource.aws_subnet).every((s) => s.ipv6_cidr_block === undefined && s.assign_ipv6_address_on_creation === undefined)).toBe(true);
    }
    expect(nodeRolePoliciesOf({ addons: {}, network: { ipFamily: "ipv4" } as never })).toContain("AmazonEKS_CNI_Policy");
    expect(nodeRolePoliciesOf({ addons: {}, network: { ipFamily: "ipv6" } as never })).not.toContain("AmazonEKS_CNI_Policy");
  });

  it("GIVEN a custom-AMI node group in an IPv6 cluster WHEN synthesized THEN nodeadm's service cidr is the cluster's IPv6 service range", () => {
    const tf = synth(
      config({}, {
        nodeGroups: [{ name: "custom", amiId: "ami-0123456789abcdef0", amiType: "CUSTOM", instanceTypes: ["m6i.large"], scaling: { minSize: 1, maxSize: 2, desiredSize: 1 } }],
      }),
    );
    const userData = JSON.stringify(tf.resource.aws_launch_template);
    expect(userData).toContain("aws_eks_cluster.cluster.kubernetes_network_config[0].service_ipv6_cidr");
    expect(userData).not.toContain("service_ipv4_cidr");
  });
});
