/**
 * The rules of private clusters (issue 15, src/config/rules/endpoints.ts): how nodes reach AWS when the API endpoint
 * is private-only or the created VPC has no NAT gateway. A config, the path named, the message.
 */
import { problems, warningsOf } from "../test-support/config-problems";

const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
const created = (create: Record<string, unknown>, access = "private", more: Record<string, unknown> = {}, region = "eu-west-1") => ({
  region,
  network: { create: { cidr: "10.0.0.0/16", availabilityZones: [`${region}a`, `${region}b`], ...create } },
  endpoint: access === "private" ? { access } : { access, publicAccessCidrs: ["203.0.113.0/24"] },
  ...more,
});
const egressWarnings = (config: unknown) => warningsOf(config).filter((w) => /endpoint|network/.test(w.path));

// [what, config, path, message]
const ERRORS: [string, unknown, string, RegExp][] = [
  // EKS User Guide, private clusters: "must have endpoint private access enabled. This is required for nodes to register"
  ["no NAT and a public-only API endpoint", created({ natGateways: "none" }, "public"), "network.create.natGateways", /leaves the nodes no way to the public-only Kubernetes API endpoint: .*must have endpoint private access enabled/],
  // Service names verified for the aws partition only
  ["endpoints by default in China", created({}, "private", {}, "cn-north-1"), "network.create", /verified only in the aws partition; cn-north-1 is in aws-cn \(China names some services cn\.com\.amazonaws/],
  ["endpoints asked for in GovCloud", created({ endpoints: true }, "public-and-private", {}, "us-gov-west-1"), "network.create.endpoints", /verified only in the aws partition; us-gov-west-1 is in aws-us-gov/],
  // EC2 CreateSecurityGroup: a group name cannot start with sg-
  ["a cluster named sg-...", created({}, "private", { name: "sg-payments" }), "name", /starts with "sg-", so the VPC endpoints' security group name sg-payments-vpc-endpoints would too/],
  ["an unknown endpoints value", created({ endpoints: "yes" }), "network.create.endpoints", /must be true or false|boolean/],
];

describe("private cluster rules", () => {
  it.each(ERRORS)("GIVEN %s WHEN validated THEN the config is refused at the key, saying why", (_what, config, path, message) => {
    // WHEN
    const found = problems(config);
    // THEN
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule: expect.stringMatching(message) })]));
  });

  it("GIVEN no NAT and endpoints off with a private API endpoint WHEN validated THEN a warning says nodes have neither", () => {
    // WHEN
    const warnings = egressWarnings(created({ natGateways: "none", endpoints: false }));
    // THEN
    expect(warnings).toEqual([
      expect.objectContaining({
        path: "network.create.endpoints",
        rule: expect.stringMatching(/neither a NAT gateway \(natGateways: none\) nor VPC endpoints: nodes cannot pull images .*"Deploy private clusters with limited internet access"/),
      }),
    ]);
  });

  it.each([
    ["private access with NAT and endpoints by default", created({})],
    ["private access with NAT and endpoints off", created({ endpoints: false })],
    ["no NAT with endpoints by default", created({ natGateways: "none" })],
    ["no NAT and public-and-private access with endpoints by default", created({ natGateways: "none" }, "public-and-private")],
    ["a single NAT with public access", created({ natGateways: "single" }, "public-and-private")],
  ])("GIVEN %s WHEN validated THEN it is accepted with no egress warning", (_what, config) => {
    expect(egressWarnings(config)).toEqual([]);
  });

  it.each([
    ["given subnets", { network: { subnetIds: SUBNETS } }, "the given subnets"],
    ["the looked-up subnets", {}, "the looked-up subnets"],
  ])("GIVEN a private-only API endpoint on %s WHEN validated THEN a warning says nodes need NAT or endpoints, citing the EKS page", (_what, network, where) => {
    // WHEN
    const warnings = egressWarnings({ ...network, endpoint: { access: "private" } });
    // THEN
    expect(warnings).toEqual([
      expect.objectContaining({
        path: "endpoint.access",
        rule: expect.stringMatching(
          new RegExp(`whether ${where} reach AWS is not known here: nodes need a NAT gateway route, or VPC endpoints for ec2, ecr\\.api, ecr\\.dkr, sts, logs, elasticloadbalancing and eks .*S3 gateway endpoint`),
        ),
      }),
    ]);
  });

  it("GIVEN given subnets and public-and-private access WHEN validated THEN no egress warning", () => {
    expect(egressWarnings({ network: { subnetIds: SUBNETS }, endpoint: { access: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] } })).toEqual([]);
  });
});
