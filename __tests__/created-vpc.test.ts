/** A created VPC (network.create, issue 15): subnet layout, tags, routes, NAT per zone or single, the cluster on the private subnets. */
import { resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { vpcLayout } from "../src/config/vpc-layout";
import { findingsOf } from "../src/review/findings";
import { offlineClusterConfig, synthCluster, TerraformJson } from "../test-support/synth";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const config = (create: Record<string, unknown> = {}, more: Record<string, unknown> = {}): ClusterConfig =>
  resolveParsed(
    {
      ...offlineClusterConfig(),
      region: "eu-west-1",
      tags: { team: "orders" },
      network: { securityGroupIds: [], create: { cidr: "10.0.0.0/16", availabilityZones: ZONES, ...create } },
      ...more,
    },
    "test.yaml",
  ).clusters[0];
const synth = (c: ClusterConfig): TerraformJson => JSON.parse(synthCluster(c));

describe("created VPC", () => {
  describe("GIVEN 10.0.0.0/16 in three zones with the defaults WHEN synthesized", () => {
    let tf: TerraformJson;
    beforeAll(() => {
      tf = synth(config());
    });

    it("THEN the VPC has DNS support and hostnames, the cluster's tags and a Name", () => {
      expect(tf.resource.aws_vpc.vpc).toEqual({
        cidr_block: "10.0.0.0/16",
        enable_dns_hostnames: true,
        enable_dns_support: true,
        tags: { Name: "simple-bank-vpc", team: "orders" },
      });
    });

    it("THEN the private subnets are the first three /19 blocks, the public ones /24 blocks after them", () => {
      const cidrs = Object.fromEntries(Object.entries(tf.resource.aws_subnet).map(([name, s]) => [name, `${s.availability_zone} ${s.cidr_block}`]));
      expect(cidrs).toEqual({
        "private_subnet_eu-west-1a": "eu-west-1a 10.0.0.0/19",
        "private_subnet_eu-west-1b": "eu-west-1b 10.0.32.0/19",
        "private_subnet_eu-west-1c": "eu-west-1c 10.0.64.0/19",
        "public_subnet_eu-west-1a": "eu-west-1a 10.0.96.0/24",
        "public_subnet_eu-west-1b": "eu-west-1b 10.0.97.0/24",
        "public_subnet_eu-west-1c": "eu-west-1c 10.0.98.0/24",
      });
    });

    it("THEN public subnets map public IPs and carry kubernetes.io/role/elb, private ones kubernetes.io/role/internal-elb", () => {
      expect(tf.resource.aws_subnet["public_subnet_eu-west-1a"]).toEqual(
        expect.objectContaining({
          map_public_ip_on_launch: true,
          vpc_id: "${aws_vpc.vpc.id}",
          tags: { Name: "simple-bank-public-eu-west-1a", team: "orders", "kubernetes.io/role/elb": "1" },
        }),
      );
      const priv = tf.resource.aws_subnet["private_subnet_eu-west-1b"];
      expect(priv.map_public_ip_on_launch).toBeUndefined();
      expect(priv.tags).toEqual({ Name: "simple-bank-private-eu-west-1b", team: "orders", "kubernetes.io/role/internal-elb": "1" });
    });

    it("THEN the public route table sends 0.0.0.0/0 to the internet gateway, and every public subnet uses it", () => {
      expect(tf.resource.aws_internet_gateway.internet_gateway).toEqual({ vpc_id: "${aws_vpc.vpc.id}", tags: { Name: "simple-bank-igw", team: "orders" } });
      expect(tf.resource.aws_route.public_route_table_default_route).toEqual({
        route_table_id: "${aws_route_table.public_route_table.id}",
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: "${aws_internet_gateway.internet_gateway.id}",
      });
      for (const zone of ZONES) {
        expect(tf.resource.aws_route_table_association[`public_subnet_${zone}_route_table`]).toEqual({
          subnet_id: `\${aws_subnet.public_subnet_${zone}.id}`,
          route_table_id: "${aws_route_table.public_route_table.id}",
        });
      }
    });

    it("THEN each zone has a NAT gateway with an Elastic IP in its public subnet, after the internet gateway", () => {
      for (const zone of ZONES) {
        expect(tf.resource.aws_nat_gateway[`nat_gateway_${zone}`]).toEqual({
          allocation_id: `\${aws_eip.nat_gateway_${zone}_eip.allocation_id}`,
          subnet_id: `\${aws_subnet.public_subnet_${zone}.id}`,
          tags: { Name: `simple-bank-nat-${zone}`, team: "orders" },
          depends_on: ["aws_internet_gateway.internet_gateway"],
        });
        expect(tf.resource.aws_eip[`nat_gateway_${zone}_eip`]).toEqual(expect.objectContaining({ domain: "vpc", depends_on: ["aws_internet_gateway.internet_gateway"] }));
      }
    });

    it("THEN each private subnet routes 0.0.0.0/0 through its own zone's NAT gateway", () => {
      for (const zone of ZONES) {
        expect(tf.resource.aws_route[`private_route_table_${zone}_default_route`]).toEqual({
          route_table_id: `\${aws_route_table.private_route_table_${zone}.id}`,
          destination_cidr_block: "0.0.0.0/0",
          nat_gateway_id: `\${aws_nat_gateway.nat_gateway_${zone}.id}`,
        });
        expect(tf.resource.aws_route_table_association[`private_subnet_${zone}_route_table`].route_table_id).toBe(`\${aws_route_table.private_route_table_${zone}.id}`);
      }
    });

    it("THEN the cluster and the node group use the private subnets, and the nodes wait for the NAT routes", () => {
      const privateIds = ZONES.map((z) => `\${aws_subnet.private_subnet_${z}.id}`);
      expect(tf.resource.aws_eks_cluster.cluster.vpc_config.subnet_ids).toEqual(privateIds);
      const group = Object.values(tf.resource.aws_eks_node_group)[0];
      expect(group.subnet_ids).toEqual(privateIds);
      expect(group.depends_on).toEqual(expect.arrayContaining(ZONES.map((z) => `aws_route.private_route_table_${z}_default_route`)));
    });

    it("THEN nothing is looked up: no VPC, subnet or zone data source", () => {
      expect(Object.keys(tf.data ?? {}).filter((t) => /vpc|subnet|availability_zones/.test(t))).toEqual([]);
    });

    it("THEN the stack outputs the VPC and subnet IDs", () => {
      expect(tf.output!.vpc_id.value).toBe("${aws_vpc.vpc.id}");
      expect(tf.output!.private_subnet_ids.value).toEqual(ZONES.map((z) => `\${aws_subnet.private_subnet_${z}.id}`));
      expect(tf.output!.public_subnet_ids.value).toEqual(ZONES.map((z) => `\${aws_subnet.public_subnet_${z}.id}`));
    });
  });

  it("GIVEN natGateways single WHEN synthesized THEN one NAT gateway in the first zone, and every private route table points at it", () => {
    // WHEN
    const tf = synth(config({ natGateways: "single" }));
    // THEN
    expect(Object.keys(tf.resource.aws_nat_gateway)).toEqual(["nat_gateway_eu-west-1a"]);
    expect(Object.keys(tf.resource.aws_eip)).toEqual(["nat_gateway_eu-west-1a_eip"]);
    for (const zone of ZONES) {
      expect(tf.resource.aws_route[`private_route_table_${zone}_default_route`].nat_gateway_id).toBe("${aws_nat_gateway.nat_gateway_eu-west-1a.id}");
    }
  });

  it("GIVEN given subnet sizes WHEN laid out THEN the private /20s come first and the public /26s follow the three private slots", () => {
    // WHEN
    const layout = vpcLayout({ cidr: "10.1.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], privateSubnetPrefix: 20, publicSubnetPrefix: 26 });
    // THEN
    expect(layout.zones).toEqual([
      { zone: "eu-west-1a", privateCidr: "10.1.0.0/20", publicCidr: "10.1.48.0/26" },
      { zone: "eu-west-1b", privateCidr: "10.1.16.0/20", publicCidr: "10.1.48.64/26" },
    ]);
    expect(layout.natGateways).toBe("one-per-zone");
  });

  it("GIVEN two zones, then a third WHEN laid out THEN the first two zones' subnets do not move", () => {
    const two = vpcLayout({ cidr: "10.0.0.0/16", availabilityZones: ZONES.slice(0, 2) });
    const three = vpcLayout({ cidr: "10.0.0.0/16", availabilityZones: ZONES });
    expect(three.zones.slice(0, 2)).toEqual(two.zones);
  });

  it("GIVEN Karpenter WHEN synthesized THEN the private subnets carry its discovery tag themselves, with no aws_ec2_tag on them", () => {
    // WHEN
    const tf = synth(config({}, { karpenter: {} }));
    // THEN
    expect(tf.resource.aws_subnet["private_subnet_eu-west-1a"].tags["karpenter.sh/discovery"]).toBe("simple-bank");
    expect(tf.resource.aws_subnet["public_subnet_eu-west-1a"].tags["karpenter.sh/discovery"]).toBeUndefined();
    expect(Object.keys(tf.resource.aws_ec2_tag ?? {}).filter((n) => n.includes("subnet"))).toEqual([]);
  });

  describe("the single-NAT finding", () => {
    it("GIVEN a single NAT gateway and environment: production WHEN reviewed THEN a MEDIUM finding on the NAT gateway names the zones", () => {
      // WHEN
      const findings = findingsOf(synth(config({ natGateways: "single" }, { tags: { Environment: "Production" } })));
      // THEN
      const finding = findings.find((f) => f.rule.key === "single-nat-gateway");
      expect(finding).toEqual(
        expect.objectContaining({
          address: "aws_nat_gateway.nat_gateway_eu-west-1a",
          detail: expect.stringMatching(/the private subnets of 3 zones \(eu-west-1a, eu-west-1b, eu-west-1c\) share this one NAT gateway/),
        }),
      );
      expect(finding!.rule.severity).toBe("MEDIUM");
    });

    it.each([
      ["one NAT per zone in production", { natGateways: "one-per-zone" }, { env: "prod" }],
      ["a single NAT gateway in staging", { natGateways: "single" }, { environment: "staging" }],
      ["a single NAT gateway without an environment tag", { natGateways: "single" }, { team: "orders" }],
    ])("GIVEN %s WHEN reviewed THEN no single-NAT finding", (_what, create, tags) => {
      const findings = findingsOf(synth(config(create, { tags })));
      expect(findings.filter((f) => f.rule.key === "single-nat-gateway")).toEqual([]);
    });
  });
});
