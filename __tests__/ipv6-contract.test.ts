/**
 * Contract tests of an IPv6 cluster (network.ipFamily: ipv6, issue 15) against the real Terraform CLI and hashicorp/aws
 * 5.100.0 from the local mirror: examples/ipv6.yaml and a node-role variant validate, their hand-offs validate and are
 * formatted, and the example plans offline (zones by name, pinned add-ons: no data source needs the AWS API).
 */
import * as path from "path";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { handoffsOf, offlineClusterConfig, stacksOf, synthCluster } from "../test-support/synth";
import { describeWithTerraform, planOfflineJson, Terraform, validateHandoffs, validateStacks } from "../test-support/terraform";

const CONFIGS: Record<string, ClusterConfig> = {
  ipv6: loadClusters(path.resolve(__dirname, "..", "examples", "ipv6.yaml")).clusters[0],
  // two zones, one NAT gateway, the IPv6 policy on the node role (vpc-cni without a role of its own)
  nodeRole: resolveParsed(
    {
      ...offlineClusterConfig(),
      name: "v6-small",
      region: "us-east-2",
      network: { securityGroupIds: [], ipFamily: "ipv6", create: { cidr: "10.20.0.0/20", availabilityZones: ["us-east-2a", "us-east-2b"], natGateways: "single" } },
    },
    "test.yaml",
  ).clusters[0],
};

interface Plan {
  resource_changes: { address: string; change: { actions: string[]; after: Record<string, any>; after_unknown: Record<string, any> } }[];
}

function planOffline(terraform: Terraform, config: ClusterConfig): Plan {
  return planOfflineJson<Plan>(terraform, synthCluster(config));
}

describeWithTerraform("IPv6 contract", (terraform) => {
  it("GIVEN the IPv6 example and a node-role variant WHEN validated THEN Terraform accepts each stack", () => {
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

  describe("GIVEN examples/ipv6.yaml WHEN planned offline", () => {
    let plan: Plan;
    const change = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change;
    beforeAll(() => {
      plan = planOffline(terraform, CONFIGS.ipv6);
    });

    it("THEN the cluster is planned with ip_family ipv6 and no service IPv4 CIDR of ours", () => {
      const cluster = change("aws_eks_cluster.cluster").after;
      expect(cluster.kubernetes_network_config).toEqual([expect.objectContaining({ ip_family: "ipv6" })]);
    });

    it("THEN the VPC asks for an IPv6 block, the subnets take theirs at apply and assign IPv6 addresses on creation", () => {
      expect(change("aws_vpc.vpc").after).toEqual(expect.objectContaining({ assign_generated_ipv6_cidr_block: true }));
      for (const zone of ["eu-west-1a", "eu-west-1b", "eu-west-1c"]) {
        for (const kind of ["private", "public"]) {
          const subnet = change(`aws_subnet.${kind}_subnet_${zone}`);
          expect(subnet.after).toEqual(expect.objectContaining({ assign_ipv6_address_on_creation: true }));
          expect(subnet.after_unknown.ipv6_cidr_block).toBe(true); // cidrsubnet of the VPC's block, known after apply
        }
      }
    });

    it("THEN the egress-only gateway and the four ::/0 routes are created", () => {
      const created = plan.resource_changes
        .filter((r) => /^aws_(egress_only_internet_gateway|route)\./.test(r.address) && (r.address.includes("ipv6") || r.address.includes("egress")))
        .map((r) => `${r.address} ${r.change.actions.join(",")}`)
        .sort();
      expect(created).toEqual(
        [
          "aws_egress_only_internet_gateway.egress_only_internet_gateway create",
          ...["eu-west-1a", "eu-west-1b", "eu-west-1c"].map((z) => `aws_route.private_route_table_${z}_ipv6_default_route create`),
          "aws_route.public_route_table_ipv6_default_route create",
        ].sort(),
      );
      expect(change("aws_route.public_route_table_ipv6_default_route").after).toEqual(expect.objectContaining({ destination_ipv6_cidr_block: "::/0" }));
    });

    it("THEN vpc-cni's role gets the inline AmazonEKS_CNI_IPv6_Policy", () => {
      expect(change("aws_iam_role_policy.addon_role_vpc-cni_cni_ipv6").after).toEqual(expect.objectContaining({ name: "AmazonEKS_CNI_IPv6_Policy" }));
    });
  });

  it("GIVEN the node-role variant WHEN planned offline THEN the node role gets the IPv6 policy and no AmazonEKS_CNI_Policy", () => {
    const plan = planOffline(terraform, CONFIGS.nodeRole);
    const addresses = plan.resource_changes.map((r) => r.address);
    expect(addresses.filter((a) => a.startsWith("aws_iam_role_policy."))).toEqual([expect.stringMatching(/^aws_iam_role_policy\.node_role_.+_cni_ipv6$/)]);
    expect(addresses.filter((a) => a.includes("AmazonEKS_CNI_Policy"))).toEqual([]);
  });
});
