/**
 * Contract tests of private clusters (issue 15) against the real Terraform CLI and hashicorp/aws 5.100.0 from the
 * local mirror: examples/private-cluster.yaml (no NAT, endpoints) and a variant with Karpenter and NAT per zone
 * validate, their hand-offs validate and are formatted, and the example plans offline with its endpoints.
 */
import * as path from "path";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { handoffsOf, offlineClusterConfig, stacksOf, synthCluster } from "../test-support/synth";
import { describeWithTerraform, planOfflineJson, Terraform, validateHandoffs, validateStacks } from "../test-support/terraform";

const CONFIGS: Record<string, ClusterConfig> = {
  privateCluster: loadClusters(path.resolve(__dirname, "..", "examples", "private-cluster.yaml")).clusters[0],
  // NAT per zone and endpoints asked for with public-and-private access; Karpenter adds ssm and sqs
  karpenterEndpoints: resolveParsed(
    {
      ...offlineClusterConfig(),
      name: "batch",
      region: "us-east-2",
      network: { securityGroupIds: [], create: { cidr: "10.30.0.0/16", availabilityZones: ["us-east-2a", "us-east-2b"], endpoints: true } },
      endpoint: { access: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] },
      karpenter: { identity: "irsa" },
    },
    "test.yaml",
  ).clusters[0],
};

interface Plan {
  resource_changes: { address: string; change: { actions: string[]; after: Record<string, any> } }[];
  planned_values: { outputs?: Record<string, unknown> };
}

function planOffline(terraform: Terraform, config: ClusterConfig): Plan {
  return planOfflineJson<Plan>(terraform, synthCluster(config));
}

describeWithTerraform("private cluster contract", (terraform) => {
  it("GIVEN the private-cluster example and a Karpenter variant WHEN validated THEN Terraform accepts each stack", () => {
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

  describe("GIVEN examples/private-cluster.yaml WHEN planned offline", () => {
    let plan: Plan;
    const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    beforeAll(() => {
      plan = planOffline(terraform, CONFIGS.privateCluster);
    });

    it("THEN it creates nine endpoints, their security group and its HTTPS rule, and no NAT gateway or private route", () => {
      const network = plan.resource_changes
        .map((r) => `${r.address} ${r.change.actions.join(",")}`)
        .filter((r) => /^aws_(vpc_endpoint|security_group|vpc_security_group_ingress_rule|nat_gateway|eip|route)\./.test(r))
        .sort();
      expect(network).toEqual(
        [
          "aws_route.public_route_table_default_route create",
          "aws_security_group.vpc_endpoints_security_group create",
          ...["ec2", "ecr_api", "ecr_dkr", "eks", "eks_auth", "elasticloadbalancing", "logs", "s3", "sts"].map((s) => `aws_vpc_endpoint.vpc_endpoint_${s} create`),
          "aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group_https create",
        ].sort(),
      );
    });

    it("THEN the planned endpoints have the region's service names, private DNS and the HTTPS rule the VPC's CIDR", () => {
      expect(after("aws_vpc_endpoint.vpc_endpoint_ecr_dkr")).toEqual(
        expect.objectContaining({ service_name: "com.amazonaws.eu-west-1.ecr.dkr", vpc_endpoint_type: "Interface", private_dns_enabled: true }),
      );
      expect(after("aws_vpc_endpoint.vpc_endpoint_s3")).toEqual(expect.objectContaining({ service_name: "com.amazonaws.eu-west-1.s3", vpc_endpoint_type: "Gateway" }));
      expect(after("aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group_https")).toEqual(
        expect.objectContaining({ cidr_ipv4: "10.20.0.0/16", ip_protocol: "tcp", from_port: 443, to_port: 443 }),
      );
      expect(zones.map((z) => plan.resource_changes.some((r) => r.address === `aws_route_table.private_route_table_${z}`))).toEqual([true, true, true]);
    });
  });

  it("GIVEN the Karpenter variant WHEN planned offline THEN ssm and sqs endpoints join the base ones beside the NAT gateways", () => {
    const plan = planOffline(terraform, CONFIGS.karpenterEndpoints);
    const endpoints = plan.resource_changes.filter((r) => r.address.startsWith("aws_vpc_endpoint.")).map((r) => r.change.after.service_name);
    expect(endpoints).toEqual(expect.arrayContaining(["com.amazonaws.us-east-2.ssm", "com.amazonaws.us-east-2.sqs", "com.amazonaws.us-east-2.sts"]));
    expect(plan.resource_changes.filter((r) => r.address.startsWith("aws_nat_gateway."))).toHaveLength(2);
  });
});
