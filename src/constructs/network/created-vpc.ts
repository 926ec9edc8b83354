import { Construct } from "constructs";
import { Fn } from "cdktf";
import { IPV6_SUBNET_NEWBITS, ipv6SubnetNumber, VpcLayout } from "../../config/vpc-layout";
import { EgressOnlyInternetGateway } from "./egress-only-internet-gateway";
import { ownMap } from "../tags";
import { InternetGateway } from "./internet-gateway";
import { NatGateway } from "./nat-gateway";
import { RouteTable } from "./route-table";
import { Subnet } from "./subnet";
import { Vpc } from "./vpc";

/**
 * Props of `createVpc`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface CreatedVpcProps {
  /** The layout: CIDRs of the VPC and of each zone's subnets, and the NAT gateway mode (src/config/vpc-layout.ts). */
  readonly layout: VpcLayout;
  /** The cluster's name: the `Name` tags start with it. */
  readonly clusterName: string;
  /** Tags of every resource (the cluster's). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Tags of the private subnets only (e.g. karpenter.sh/discovery). @default {} */
  readonly privateSubnetTags?: Readonly<Record<string, string>>;
  /**
   * Dual stack, for an IPv6 cluster (`network.ipFamily: ipv6`): the VPC's Amazon-provided /56, a /64 per subnet with
   * IPv6 addresses on creation, an egress-only internet gateway, and ::/0 routes (public: the internet gateway;
   * private: the egress-only one). @default false
   */
  readonly ipv6?: boolean;
}

/** What `createVpc` made. */
export interface CreatedVpc {
  readonly vpc: Vpc;
  readonly internetGateway: InternetGateway;
  /** The private subnets' IPv6 way out (`ipv6` only). */
  readonly egressOnlyInternetGateway?: EgressOnlyInternetGateway;
  /** One per zone, in the zones' order. */
  readonly publicSubnets: readonly Subnet[];
  /** One per zone, in the zones' order: the cluster's and node groups' subnets. */
  readonly privateSubnets: readonly Subnet[];
  /** One per zone, or one in the first zone (`natGateways: single`). */
  readonly natGateways: readonly NatGateway[];
  readonly publicRouteTable: RouteTable;
  /** One per zone, in the zones' order. */
  readonly privateRouteTables: readonly RouteTable[];
  /** The VPC's ID (a reference). */
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
}

/**
 * A VPC for the cluster (`network.create`), built directly in `scope` so the addresses read as what they are:
 *
 * - `aws_vpc.vpc`, `aws_internet_gateway.internet_gateway`
 * - per zone: `aws_subnet.public_subnet_<zone>` and `aws_subnet.private_subnet_<zone>`, each with
 *   `aws_route_table_association.<subnet id>_route_table`
 * - `aws_route_table.public_route_table` (0.0.0.0/0 to the internet gateway, `aws_route.public_route_table_default_route`)
 * - per zone: `aws_route_table.private_route_table_<zone>` (0.0.0.0/0 to the zone's NAT gateway, or the single one)
 * - `aws_nat_gateway.nat_gateway_<zone>` and `aws_eip.nat_gateway_<zone>_eip`, in every zone or only the first
 *
 * Private route tables are one per zone in both NAT modes, so switching between single and one-per-zone changes
 * routes in place and re-associates no subnet.
 */
export function createVpc(scope: Construct, props: CreatedVpcProps): CreatedVpc {
  const { layout, clusterName } = props;
  const tags = props.tags;
  const vpc = new Vpc(scope, "vpc", { cidr: layout.cidr, name: `${clusterName}-vpc`, tags, ipv6: props.ipv6 });
  const internetGateway = new InternetGateway(scope, "internet_gateway", { vpcId: vpc.vpcId, name: `${clusterName}-igw`, tags });
  // Dual stack (IPv6 cluster): aws_egress_only_internet_gateway.egress_only_internet_gateway, and each subnet's /64.
  const egressOnlyInternetGateway = props.ipv6
    ? new EgressOnlyInternetGateway(scope, "egress_only_internet_gateway", { vpcId: vpc.vpcId, name: `${clusterName}-eigw`, tags })
    : undefined;
  const ipv6Block = (kind: "private" | "public", zoneIndex: number): string | undefined =>
    props.ipv6 ? Fn.cidrsubnet(vpc.ipv6CidrBlock, IPV6_SUBNET_NEWBITS, ipv6SubnetNumber(kind, zoneIndex)) : undefined;
  const publicRouteTable = new RouteTable(scope, "public_route_table", {
    vpcId: vpc.vpcId,
    defaultRoute: { gatewayId: internetGateway.resource.id },
    ipv6DefaultRoute: props.ipv6 ? { gatewayId: internetGateway.resource.id } : undefined,
    name: `${clusterName}-public`,
    tags,
  });
  const publicSubnets = layout.zones.map(
    (z, i) =>
      new Subnet(scope, `public_subnet_${z.zone}`, {
        vpcId: vpc.vpcId,
        kind: "public",
        cidr: z.publicCidr,
        ipv6CidrBlock: ipv6Block("public", i),
        availabilityZone: z.zone,
        routeTableId: publicRouteTable.routeTableId,
        name: `${clusterName}-public-${z.zone}`,
        tags,
      }),
  );
  // natGateways: none (issue 15, private clusters): no NAT gateway, and the private route tables keep only the local route.
  const natZones = layout.natGateways === "none" ? [] : layout.natGateways === "single" ? layout.zones.slice(0, 1) : layout.zones;
  const natGateways = natZones.map(
    (z) =>
      new NatGateway(scope, `nat_gateway_${z.zone}`, {
        subnetId: publicSubnets[layout.zones.indexOf(z)].subnetId,
        name: `${clusterName}-nat-${z.zone}`,
        internetGateway: internetGateway.resource,
        tags,
      }),
  );
  const privateRouteTables = layout.zones.map(
    (z, i) =>
      new RouteTable(scope, `private_route_table_${z.zone}`, {
        vpcId: vpc.vpcId,
        defaultRoute: natGateways.length > 0 ? { natGatewayId: (natGateways[i] ?? natGateways[0]).natGatewayId } : undefined,
        ipv6DefaultRoute: egressOnlyInternetGateway ? { egressOnlyGatewayId: egressOnlyInternetGateway.egressOnlyGatewayId } : undefined,
        name: `${clusterName}-private-${z.zone}`,
        tags,
      }),
  );
  const privateSubnets = layout.zones.map(
    (z, i) =>
      new Subnet(scope, `private_subnet_${z.zone}`, {
        vpcId: vpc.vpcId,
        kind: "private",
        cidr: z.privateCidr,
        ipv6CidrBlock: ipv6Block("private", i),
        availabilityZone: z.zone,
        routeTableId: privateRouteTables[i].routeTableId,
        name: `${clusterName}-private-${z.zone}`,
        tags: ownMap(tags, props.privateSubnetTags),
      }),
  );
  return {
    vpc,
    internetGateway,
    egressOnlyInternetGateway,
    publicSubnets,
    privateSubnets,
    natGateways,
    publicRouteTable,
    privateRouteTables,
    vpcId: vpc.vpcId,
    publicSubnetIds: publicSubnets.map((s) => s.subnetId),
    privateSubnetIds: privateSubnets.map((s) => s.subnetId),
  };
}
