/** The validation rules of a created VPC (network.create, issue 15): a config, the path named, the message. */
import { problems, warningsOf } from "../test-support/config-problems";
import { resolveParsed } from "../src/config/load";
import { layoutProblems } from "../src/config/rules/network";
import { vpcLayout } from "../src/config/vpc-layout";

const ZONES = ["eu-west-1a", "eu-west-1b"];
const created = (create: Record<string, unknown>, network: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
  region: "eu-west-1",
  network: { create: { cidr: "10.0.0.0/16", availabilityZones: ZONES, ...create }, ...network },
  ...more,
});

// [what, config, path, message]
const ERRORS: [string, unknown, string, RegExp][] = [
  // Amazon VPC User Guide, "VPC CIDR blocks": /16 to /28
  ["a /8 VPC", created({ cidr: "10.0.0.0/8" }), "network.create.cidr", /has a \/8 mask: a VPC's IPv4 CIDR is from \/16 \(65,536 addresses\) to \/28 \(16 addresses\)/],
  ["a /29 VPC", created({ cidr: "10.0.0.0/29" }), "network.create.cidr", /has a \/29 mask: a VPC's IPv4 CIDR is from \/16/],
  ["host bits set", created({ cidr: "10.0.0.1/16" }), "network.create.cidr", /has host bits set: 10.0.0.1\/16 is not a network address/],
  ["not a CIDR", created({ cidr: "10.0.0.0" }), "network.create.cidr", /must be an IPv4 CIDR block/],
  // EKS API KubernetesNetworkConfigRequest.serviceIpv4Cidr: no overlap with the VPC; the message names both ranges
  [
    "service CIDR inside the VPC",
    created({ cidr: "172.20.0.0/16" }, { serviceIpv4Cidr: "172.20.0.0/16" }),
    "network.serviceIpv4Cidr",
    /172\.20\.0\.0\/16 overlaps the VPC's CIDR 172\.20\.0\.0\/16 \(network.create.cidr\): the Kubernetes service range must not overlap any CIDR block of the cluster's VPC/,
  ],
  [
    "service CIDR around the VPC",
    created({ cidr: "10.100.0.0/16" }, { serviceIpv4Cidr: "10.96.0.0/12" }),
    "network.serviceIpv4Cidr",
    /10\.96\.0\.0\/12 overlaps the VPC's CIDR 10\.100\.0\.0\/16/,
  ],
  // Subnets inside the VPC (Amazon VPC User Guide, "Subnet CIDR blocks"): the message names both ranges
  [
    "private subnets too large for the VPC",
    created({ cidr: "10.0.0.0/20", privateSubnetPrefix: 21 }),
    "network.create",
    /the public subnet of eu-west-1a would be 10\.0\.24\.0\/28, which is not inside the VPC's 10\.0\.0\.0\/20/,
  ],
  ["a subnet larger than the VPC", created({ cidr: "10.0.0.0/20", privateSubnetPrefix: 16 }), "network.create", /the private subnet of eu-west-1a would be 10\.0\.0\.0\/16, which is not inside the VPC's 10\.0\.0\.0\/20/],
  ["a /28 VPC with default subnets", created({ cidr: "10.0.0.0/28" }), "network.create", /which is not inside the VPC's 10\.0\.0\.0\/28/],
  // Zones: the region's names (EC2 CreateSubnet), 2 to 3 (EKS: two zones at least), distinct
  ["a zone of another region", created({ availabilityZones: ["eu-west-1a", "eu-west-2b"] }), "network.create.availabilityZones[1]", /is not an Availability Zone of the cluster's region eu-west-1/],
  ["a zone of a region with a longer number", created({ availabilityZones: ["eu-west-1a", "eu-west-10b"] }), "network.create.availabilityZones[1]", /is not an Availability Zone of the cluster's region eu-west-1/],
  ["one zone", created({ availabilityZones: ["eu-west-1a"] }), "network.create.availabilityZones", /at least 2 items \(EKS needs subnets in at least two Availability Zones/],
  ["four zones", created({ availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"] }), "network.create.availabilityZones", /at most 3 items/],
  ["a zone twice", created({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }), "network.create.availabilityZones[1]", /must not repeat/],
  ["a zone ID", created({ availabilityZones: ["euw1-az1", "eu-west-1b"] }), "network.create.availabilityZones[0]", /must be an Availability Zone name like eu-west-1a/],
  // Sizes and modes
  ["a /29 subnet", created({ publicSubnetPrefix: 29 }), "network.create.publicSubnetPrefix", /must be from 16 to 28/],
  ["an unknown NAT mode", created({ natGateways: "two" }), "network.create.natGateways", /must be one of one-per-zone, single, none/],
  // One network mode
  ["create with subnetIds", created({}, { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] }), "network.subnetIds", /cannot be given with network.create/],
  ["create with vpcId", created({}, { vpcId: "vpc-0a1b2c3d4e5f60718" }), "network.vpcId", /cannot be given with network.create/],
  // Subnets by ID would be another VPC's
  [
    "a node group's own subnets",
    created({}, {}, { nodeGroups: [{ name: "general", subnetIds: ["subnet-0a1b2c3d4e5f60001"] }] }),
    "nodeGroups[0].subnetIds",
    /names subnets, but network.create makes the cluster's VPC: subnets given by ID belong to another VPC, and EKS places node groups only in the cluster's VPC/,
  ],
  ["a Fargate profile's own subnets", created({}, {}, { fargateProfiles: [{ name: "p", selectors: [{ namespace: "a" }], subnetIds: ["subnet-0a1b2c3d4e5f60001"] }] }), "fargateProfiles[0].subnetIds", /EKS places Fargate pods only in the cluster's VPC/],
  ["Karpenter's discovery subnets", created({}, {}, { karpenter: { discoverySubnetIds: ["subnet-0a1b2c3d4e5f60001"] } }), "karpenter.discoverySubnetIds", /EKS places Karpenter's nodes only in the cluster's VPC/],
];

describe("network.create rules", () => {
  it.each(ERRORS)("GIVEN %s WHEN validated THEN the config is refused at the key, saying why", (_what, config, path, message) => {
    // WHEN
    const found = problems(config);
    // THEN
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule: expect.stringMatching(message) })]));
  });

  it("GIVEN a created VPC with the defaults WHEN validated THEN it is accepted with no warning and the defaults stay unset", () => {
    // WHEN
    const loaded = resolveParsed(created({}), "test.yaml");
    // THEN
    expect(loaded.clusters[0].network.create).toEqual({ cidr: "10.0.0.0/16", availabilityZones: ZONES });
    expect(loaded.warnings.filter((w) => w.path.startsWith("network"))).toEqual([]);
  });

  it("GIVEN a small VPC, a /24, with the defaults WHEN validated THEN it is accepted (private /27, public /28)", () => {
    // WHEN
    const loaded = resolveParsed(created({ cidr: "192.168.1.0/24" }), "test.yaml");
    // THEN
    expect(vpcLayout(loaded.clusters[0].network.create!).zones).toEqual([
      { zone: "eu-west-1a", privateCidr: "192.168.1.0/27", publicCidr: "192.168.1.96/28" },
      { zone: "eu-west-1b", privateCidr: "192.168.1.32/27", publicCidr: "192.168.1.112/28" },
    ]);
  });

  it("GIVEN a VPC outside the private address space WHEN validated THEN a warning names the range and RFC 1918 / RFC 6598", () => {
    // WHEN
    const warnings = warningsOf(created({ cidr: "52.0.0.0/16" }));
    // THEN
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "network.create.cidr", rule: expect.stringMatching(/52\.0\.0\.0\/16 is not in the private address space \(RFC 1918: .*RFC 6598: 100\.64\.0\.0\/10\)/) }),
      ]),
    );
  });

  it("GIVEN a VPC in RFC 6598 shared space WHEN validated THEN no address-space warning", () => {
    // WHEN
    const warnings = warningsOf(created({ cidr: "100.64.0.0/16" }));
    // THEN
    expect(warnings.filter((w) => w.path === "network.create.cidr")).toEqual([]);
  });

  it("GIVEN a VPC overlapping Docker's 172.17.0.0/16 WHEN validated THEN a warning names both ranges", () => {
    // WHEN
    const warnings = warningsOf(created({ cidr: "172.17.0.0/16" }));
    // THEN
    expect(warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: "network.create.cidr", rule: expect.stringMatching(/172\.17\.0\.0\/16 overlaps 172\.17\.0\.0\/16, which some AWS services use/) })]));
  });

  it("GIVEN a service CIDR beside the VPC WHEN validated THEN it is accepted", () => {
    expect(() => resolveParsed(created({}, { serviceIpv4Cidr: "172.20.0.0/16" }), "test.yaml")).not.toThrow();
  });

  it("GIVEN a created VPC and a Fargate profile without subnets WHEN validated THEN no warning about looked-up public subnets", () => {
    // WHEN
    const warnings = warningsOf(created({}, {}, { fargateProfiles: [{ name: "p", selectors: [{ namespace: "a" }] }] }));
    // THEN
    expect(warnings.filter((w) => w.path.startsWith("fargateProfiles"))).toEqual([]);
  });

  it("GIVEN a layout whose subnets overlap WHEN checked THEN the problem names both subnets' ranges", () => {
    // GIVEN a layout no config yields (the computed one never overlaps): the check is the last line
    const layout = {
      cidr: "10.0.0.0/16",
      natGateways: "single" as const,
      publicSubnetPrefix: 24,
      privateSubnetPrefix: 19,
      zones: [
        { zone: "eu-west-1a", privateCidr: "10.0.0.0/19", publicCidr: "10.0.1.0/24" },
        { zone: "eu-west-1b", privateCidr: "10.0.32.0/19", publicCidr: "10.0.96.0/24" },
      ],
    };
    // WHEN
    const found = layoutProblems(layout);
    // THEN
    expect(found).toEqual([
      expect.objectContaining({
        rule: "the private subnet of eu-west-1a (10.0.0.0/19) overlaps the public subnet of eu-west-1a (10.0.1.0/24): the subnets of a VPC cannot overlap (Amazon VPC User Guide, \"Subnet CIDR blocks\")",
      }),
    ]);
  });
});
