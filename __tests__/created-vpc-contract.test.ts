/**
 * Contract tests of a created VPC (network.create, issue 15) against the real Terraform CLI and hashicorp/aws 5.100.0
 * from the local mirror: examples/created-vpc.yaml and a single-NAT variant validate, their hand-offs validate and are
 * formatted, and the example plans offline (zones by name, pinned add-ons: no data source needs the AWS API).
 */
import * as path from "path";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { handoffsOf, offlineClusterConfig, stacksOf, synthCluster } from "../test-support/synth";
import { describeWithTerraform, planOfflineJson, Terraform, validateHandoffs, validateStacks } from "../test-support/terraform";

const example = (file: string): ClusterConfig => loadClusters(path.resolve(__dirname, "..", "examples", file)).clusters[0];

const CONFIGS: Record<string, ClusterConfig> = {
  createdVpc: example("created-vpc.yaml"),
  // two zones, one NAT gateway, given subnet sizes, Karpenter's discovery tag on the private subnets
  singleNat: resolveParsed(
    {
      ...offlineClusterConfig(),
      name: "small",
      region: "us-east-2",
      network: { securityGroupIds: [], create: { cidr: "10.20.0.0/20", availabilityZones: ["us-east-2a", "us-east-2b"], natGateways: "single", privateSubnetPrefix: 23, publicSubnetPrefix: 27 } },
      karpenter: {},
    },
    "test.yaml",
  ).clusters[0],
};

interface Plan {
  resource_changes: { address: string; change: { actions: string[]; after: Record<string, any> } }[];
  prior_state?: unknown;
}

function planOffline(terraform: Terraform, config: ClusterConfig): Plan {
  return planOfflineJson<Plan>(terraform, synthCluster(config));
}

describeWithTerraform("created VPC contract", (terraform) => {
  it("GIVEN the created-VPC example and a single-NAT variant WHEN validated THEN Terraform accepts each stack", () => {
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

  describe("GIVEN examples/created-vpc.yaml WHEN planned offline", () => {
    let plan: Plan;
    const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
    beforeAll(() => {
      plan = planOffline(terraform, CONFIGS.createdVpc);
    });

    it("THEN it creates the VPC, the gateway, six subnets, three NAT gateways with Elastic IPs, four route tables and their routes and associations", () => {
      const network = plan.resource_changes
        .map((r) => `${r.address} ${r.change.actions.join(",")}`)
        .filter((r) => /^aws_(vpc|subnet|internet_gateway|nat_gateway|eip|route|route_table|route_table_association)\./.test(r))
        .sort();
      const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
      expect(network).toEqual(
        [
          ...zones.map((z) => `aws_eip.nat_gateway_${z}_eip create`),
          "aws_internet_gateway.internet_gateway create",
          ...zones.map((z) => `aws_nat_gateway.nat_gateway_${z} create`),
          ...zones.map((z) => `aws_route.private_route_table_${z}_default_route create`),
          "aws_route.public_route_table_default_route create",
          ...zones.map((z) => `aws_route_table.private_route_table_${z} create`),
          "aws_route_table.public_route_table create",
          ...zones.map((z) => `aws_route_table_association.private_subnet_${z}_route_table create`),
          ...zones.map((z) => `aws_route_table_association.public_subnet_${z}_route_table create`),
          ...zones.map((z) => `aws_subnet.private_subnet_${z} create`),
          ...zones.map((z) => `aws_subnet.public_subnet_${z} create`),
          "aws_vpc.vpc create",
        ].sort(),
      );
    });

    it("THEN the planned VPC and subnets have the documented CIDRs, zones and tags", () => {
      expect(after("aws_vpc.vpc")).toEqual(expect.objectContaining({ cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true }));
      expect(after("aws_subnet.private_subnet_eu-west-1c")).toEqual(
        expect.objectContaining({
          cidr_block: "10.0.64.0/19",
          availability_zone: "eu-west-1c",
          tags: { Name: "orders-private-eu-west-1c", team: "orders", environment: "production", "kubernetes.io/role/internal-elb": "1" },
        }),
      );
      expect(after("aws_subnet.public_subnet_eu-west-1a")).toEqual(
        expect.objectContaining({ cidr_block: "10.0.96.0/24", map_public_ip_on_launch: true, tags: expect.objectContaining({ "kubernetes.io/role/elb": "1" }) }),
      );
      expect(after("aws_route.public_route_table_default_route")).toEqual(expect.objectContaining({ destination_cidr_block: "0.0.0.0/0" }));
      expect(after("aws_eip.nat_gateway_eu-west-1b_eip")).toEqual(expect.objectContaining({ domain: "vpc" }));
    });
  });

  it("GIVEN the single-NAT variant WHEN planned offline THEN one NAT gateway, and the /23 and /27 subnets are laid out as documented", () => {
    const plan = planOffline(terraform, CONFIGS.singleNat);
    const of = (type: string) => plan.resource_changes.filter((r) => r.address.startsWith(`${type}.`));
    expect(of("aws_nat_gateway").map((r) => r.address)).toEqual(["aws_nat_gateway.nat_gateway_us-east-2a"]);
    expect(Object.fromEntries(of("aws_subnet").map((r) => [r.address, r.change.after.cidr_block]))).toEqual({
      "aws_subnet.private_subnet_us-east-2a": "10.20.0.0/23",
      "aws_subnet.private_subnet_us-east-2b": "10.20.2.0/23",
      "aws_subnet.public_subnet_us-east-2a": "10.20.6.0/27",
      "aws_subnet.public_subnet_us-east-2b": "10.20.6.32/27",
    });
  });
});
