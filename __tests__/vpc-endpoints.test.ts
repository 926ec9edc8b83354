/**
 * VPC endpoints of a created VPC (network.create.endpoints, issue 15, private clusters): which endpoints, in which
 * subnets and route tables, their security group and its one rule, private DNS, service names per partition, the
 * default (on with a private-only API endpoint or without NAT), natGateways: none, and the vpc_endpoint_ids output.
 */
import { resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { endpointId, endpointServiceName, interfaceEndpointServices, vpcEndpointsWanted } from "../src/config/vpc-endpoints";
import { clusterDiagram } from "../src/review/diagram";
import { offlineClusterConfig, synthCluster, TerraformJson } from "../test-support/synth";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const BASE = ["ec2", "ecr.api", "ecr.dkr", "sts", "logs", "elasticloadbalancing", "eks"];
const config = (create: Record<string, unknown> = {}, more: Record<string, unknown> = {}): ClusterConfig =>
  resolveParsed(
    {
      ...offlineClusterConfig(),
      region: "eu-west-1",
      tags: { team: "ledger" },
      network: { securityGroupIds: [], create: { cidr: "10.20.0.0/16", availabilityZones: ZONES, ...create } },
      endpoint: { access: "private", publicAccessCidrs: [] },
      ...more,
    },
    "test.yaml",
  ).clusters[0];
const synth = (c: ClusterConfig): TerraformJson => JSON.parse(synthCluster(c));
const endpointsOf = (tf: TerraformJson): Record<string, any> => tf.resource.aws_vpc_endpoint ?? {};

describe("VPC endpoints", () => {
  describe("GIVEN a created VPC and a private-only API endpoint (endpoints by default) WHEN synthesized", () => {
    let tf: TerraformJson;
    beforeAll(() => {
      tf = synth(config());
    });

    it("THEN there is an interface endpoint for each service the EKS private-cluster page lists, and the S3 gateway endpoint", () => {
      expect(Object.keys(endpointsOf(tf)).sort()).toEqual([...BASE.map(endpointId), "vpc_endpoint_s3"].sort());
      expect(Object.keys(endpointsOf(tf)).sort()).toEqual(
        ["vpc_endpoint_ec2", "vpc_endpoint_ecr_api", "vpc_endpoint_ecr_dkr", "vpc_endpoint_eks", "vpc_endpoint_elasticloadbalancing", "vpc_endpoint_logs", "vpc_endpoint_s3", "vpc_endpoint_sts"].sort(),
      );
    });

    it("THEN each interface endpoint has private DNS, every private subnet, the endpoints' security group and the region's service name", () => {
      for (const service of BASE) {
        const { "//": _, ...endpoint } = endpointsOf(tf)[endpointId(service)];
        expect(endpoint).toEqual({
          vpc_id: "${aws_vpc.vpc.id}",
          service_name: `com.amazonaws.eu-west-1.${service}`,
          vpc_endpoint_type: "Interface",
          private_dns_enabled: true,
          subnet_ids: ZONES.map((z) => `\${aws_subnet.private_subnet_${z}.id}`),
          security_group_ids: ["${aws_security_group.vpc_endpoints_security_group.id}"],
          tags: { Name: `simple-bank-${service}`, team: "ledger" },
        });
      }
    });

    it("THEN the S3 gateway endpoint is on every private route table, and on no public one", () => {
      const { "//": _, ...s3 } = endpointsOf(tf).vpc_endpoint_s3;
      expect(s3).toEqual({
        vpc_id: "${aws_vpc.vpc.id}",
        service_name: "com.amazonaws.eu-west-1.s3",
        vpc_endpoint_type: "Gateway",
        route_table_ids: ZONES.map((z) => `\${aws_route_table.private_route_table_${z}.id}`),
        tags: { Name: "simple-bank-s3", team: "ledger" },
      });
    });

    it("THEN the security group allows only HTTPS (TCP 443) from the VPC's CIDR, with a rule of its own and no inline rules", () => {
      const { "//": _g, ...group } = tf.resource.aws_security_group.vpc_endpoints_security_group;
      expect(group).toEqual({
        name: "simple-bank-vpc-endpoints",
        description: "HTTPS from the VPC to its interface endpoints",
        vpc_id: "${aws_vpc.vpc.id}",
        tags: { Name: "simple-bank-vpc-endpoints", team: "ledger" },
      });
      const rules = tf.resource.aws_vpc_security_group_ingress_rule;
      expect(Object.keys(rules)).toEqual(["vpc_endpoints_security_group_https"]);
      const { "//": _r, ...rule } = rules.vpc_endpoints_security_group_https;
      expect(rule).toEqual({
        security_group_id: "${aws_security_group.vpc_endpoints_security_group.id}",
        description: "HTTPS from the VPC",
        cidr_ipv4: "${aws_vpc.vpc.cidr_block}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      });
      expect(tf.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
    });

    it("THEN the node groups wait for every endpoint and the security group's rule, after their NAT routes", () => {
      const dependsOn: string[] = tf.resource.aws_eks_node_group["node_group_simple-bank"].depends_on;
      const routes = ZONES.map((z) => `aws_route.private_route_table_${z}_default_route`);
      const endpoints = ["aws_vpc_endpoint.vpc_endpoint_s3", "aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group_https", ...BASE.map((s) => `aws_vpc_endpoint.${endpointId(s)}`)];
      expect(dependsOn.slice(-(routes.length + endpoints.length))).toEqual([...routes, ...endpoints]);
    });

    it("THEN the stack outputs each endpoint's ID by service", () => {
      expect(tf.output!.vpc_endpoint_ids.value).toEqual(
        Object.fromEntries([...BASE, "s3"].sort().map((s) => [s, `\${aws_vpc_endpoint.${endpointId(s)}.id}`])),
      );
    });
  });

  describe("GIVEN the services a cluster needs WHEN listed", () => {
    it("THEN eks-auth comes with EKS Pod Identity (the agent add-on), ssm with Karpenter, sqs with its interruption queue", () => {
      expect(interfaceEndpointServices(config())).toEqual(BASE);
      const podIdentity = config({}, { serviceAccounts: [{ namespace: "a", name: "b", identity: "pod-identity", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }] });
      expect(interfaceEndpointServices(podIdentity)).toEqual([...BASE, "eks-auth"]);
      const karpenter = config({}, { karpenter: { identity: "irsa" } });
      expect(interfaceEndpointServices(karpenter)).toEqual([...BASE, "ssm", "sqs"]);
      const noQueue = config({}, { karpenter: { identity: "irsa", interruptionQueue: false } });
      expect(interfaceEndpointServices(noQueue)).toEqual([...BASE, "ssm"]);
    });

    it("THEN Pod Identity's endpoint is synthesized as aws_vpc_endpoint.vpc_endpoint_eks_auth", () => {
      const tf = synth(config({}, { addons: { ...offlineClusterConfig().addons, "eks-pod-identity-agent": { version: "v1.3.10-eksbuild.2" } } }));
      expect(endpointsOf(tf).vpc_endpoint_eks_auth.service_name).toBe("com.amazonaws.eu-west-1.eks-auth");
    });
  });

  describe("GIVEN endpoint access and NAT modes WHEN the default is resolved", () => {
    it.each([
      ["private, NAT per zone", {}, "private", true],
      ["public-and-private, NAT per zone", {}, "public-and-private", false],
      ["public-and-private, no NAT", { natGateways: "none" }, "public-and-private", true],
      ["private, endpoints: false", { endpoints: false }, "private", false],
      ["public-and-private, endpoints: true", { endpoints: true }, "public-and-private", true],
    ])("GIVEN %s THEN endpoints are %s", (_what, create, access, wanted) => {
      const c = config(create, { endpoint: { access, publicAccessCidrs: access === "private" ? [] : ["203.0.113.0/24"] } });
      expect(vpcEndpointsWanted(c)).toBe(wanted);
      expect(Object.keys(endpointsOf(synth(c))).length > 0).toBe(wanted);
      expect(synth(c).output?.vpc_endpoint_ids !== undefined).toBe(wanted);
    });

    it("GIVEN no created VPC THEN no endpoints, whatever the access", () => {
      const c = resolveParsed({ ...offlineClusterConfig(), endpoint: { access: "private", publicAccessCidrs: [] } }, "test.yaml").clusters[0];
      expect(vpcEndpointsWanted(c)).toBe(false);
      const tf = synth(c);
      expect(tf.resource.aws_vpc_endpoint).toBeUndefined();
      expect(tf.resource.aws_security_group).toBeUndefined();
      expect(tf.output!.vpc_endpoint_ids).toBeUndefined();
    });
  });

  describe("GIVEN natGateways: none WHEN synthesized", () => {
    let tf: TerraformJson;
    beforeAll(() => {
      tf = synth(config({ natGateways: "none" }));
    });

    it("THEN there is no NAT gateway, no Elastic IP and no private default route; the public route stays", () => {
      expect(tf.resource.aws_nat_gateway).toBeUndefined();
      expect(tf.resource.aws_eip).toBeUndefined();
      expect(Object.keys(tf.resource.aws_route)).toEqual(["public_route_table_default_route"]);
      expect(Object.keys(tf.resource.aws_route_table).sort()).toEqual([...ZONES.map((z) => `private_route_table_${z}`), "public_route_table"].sort());
    });

    it("THEN the node groups wait for the endpoints only", () => {
      const dependsOn: string[] = tf.resource.aws_eks_node_group["node_group_simple-bank"].depends_on;
      expect(dependsOn.filter((d) => d.startsWith("aws_route."))).toEqual([]);
      expect(dependsOn).toEqual(expect.arrayContaining(["aws_vpc_endpoint.vpc_endpoint_s3", "aws_vpc_endpoint.vpc_endpoint_ecr_dkr"]));
    });

    it("THEN the review diagram says so", () => {
      const diagram = clusterDiagram(config({ natGateways: "none" }));
      expect(diagram).toContain('endpoints[("VPC endpoints<br/>s3 (gateway), ec2, ecr.api, ecr.dkr, sts, logs, elasticloadbalancing, eks")]');
      expect(diagram).toContain("subnets -->|AWS APIs, privately| endpoints");
      expect(diagram).not.toMatch(/\bnat\[/);
    });
  });

  describe("GIVEN regions of several partitions WHEN the service name is asked", () => {
    it("THEN the aws partition gives com.amazonaws.<region>.<service>", () => {
      expect(endpointServiceName("us-east-1", "ecr.dkr")).toBe("com.amazonaws.us-east-1.ecr.dkr");
      expect(endpointServiceName("ap-southeast-5", "eks-auth")).toBe("com.amazonaws.ap-southeast-5.eks-auth");
    });

    it.each(["cn-north-1", "us-gov-west-1", "us-iso-east-1", "eusc-de-east-1"])("THEN %s, a partition not verified, is refused", (region) => {
      expect(() => endpointServiceName(region, "ecr.api")).toThrow(/verified only for the aws partition/);
    });
  });
});
