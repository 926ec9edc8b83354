/**
 * The subnet layout of a created VPC (`network.create`), and the CIDR questions its rules ask. Ranges are compared
 * with node:net's BlockList (containment and overlap), addresses checked with node:net's isIPv4; the only arithmetic
 * is the offset of the n-th block of a size, on the network address as a number.
 *
 * Layout, deterministic and stable as zones are added: the VPC is cut into blocks of the private subnets' size, and
 * blocks 0, 1 and 2 are the private subnets of the first, second and third zone (in the order the zones are listed);
 * then, from the first address after those three blocks, blocks of the public subnets' size: public subnets of the
 * first, second and third zone. Room for three zones is kept even with two, so adding a third zone later moves no
 * subnet (a moved subnet is a replaced one). 10.0.0.0/16 with the defaults:
 *
 *   private  10.0.0.0/19   10.0.32.0/19   10.0.64.0/19   (8,192 addresses each, for nodes and pods)
 *   public   10.0.96.0/24  10.0.97.0/24   10.0.98.0/24   (256 each, for load balancers and the NAT gateways)
 */
import { BlockList, isIPv4 } from "node:net";
import { CreatedVpcSettings, NatGatewayMode, parseCidr } from "./schema";

/** Zones the layout keeps room for: the most `availabilityZones` takes. */
export const LAYOUT_ZONE_SLOTS = 3;
/** AWS VPC IPv4 CIDR sizes: "between a /16 netmask (65,536 IP addresses) and /28 netmask (16 IP addresses)" (Amazon VPC User Guide, "VPC CIDR blocks"). */
export const VPC_PREFIX = { min: 16, max: 28 } as const;
/** AWS subnet IPv4 sizes: "between a /28 netmask and /16 netmask" (Amazon VPC User Guide, "Subnet CIDR blocks"). */
export const SUBNET_PREFIX = { min: 16, max: 28 } as const;
/** The private address space a VPC should use: RFC 1918, and RFC 6598's shared space (Amazon VPC User Guide, "VPC CIDR blocks"). */
export const PRIVATE_ADDRESS_SPACE: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
/** Docker's default bridge network, which AWS advises against in a VPC ("Some AWS services use the 172.17.0.0/16 CIDR range"). */
export const DOCKER_BRIDGE_CIDR = "172.17.0.0/16";

/** One zone's subnets. */
export interface ZoneSubnets {
  readonly zone: string;
  readonly privateCidr: string;
  readonly publicCidr: string;
}

/** The complete layout of a created VPC, defaults filled in. */
export interface VpcLayout {
  readonly cidr: string;
  readonly natGateways: NatGatewayMode;
  readonly publicSubnetPrefix: number;
  readonly privateSubnetPrefix: number;
  readonly zones: readonly ZoneSubnets[];
}

/** An IPv4 CIDR as its network address and prefix length, for BlockList. */
interface Range {
  readonly network: string;
  readonly prefix: number;
}

function range(cidr: string): Range {
  const [network, prefix] = cidr.split("/");
  if (!isIPv4(network)) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  return { network, prefix: Number(prefix) };
}

function blockOf(r: Range): BlockList {
  const list = new BlockList();
  list.addSubnet(r.network, r.prefix, "ipv4");
  return list;
}

/** Whether `inner` lies wholly inside `outer` (CIDR blocks are nested or disjoint: the network address decides). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = range(outer);
  const i = range(inner);
  return i.prefix >= o.prefix && blockOf(o).check(i.network, "ipv4");
}

/** Whether two CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const ra = range(a);
  const rb = range(b);
  return blockOf(ra).check(rb.network, "ipv4") || blockOf(rb).check(ra.network, "ipv4");
}

/** Number of addresses of a prefix length. */
export const addressCount = (prefix: number): number => 2 ** (32 - prefix);

function dotted(address: number): string {
  return [3, 2, 1, 0].map((i) => Math.floor(address / 256 ** i) % 256).join(".");
}

/** The `index`-th block of `prefix` size counted from `start` (a network address as a number, aligned to the block). */
function block(start: number, prefix: number, index: number): string {
  return `${dotted(start + index * addressCount(prefix))}/${prefix}`;
}

/** The public subnets' prefix when not given: the VPC's plus 8, at most /28 (a /16 gives /24). */
export const defaultPublicPrefix = (vpcPrefix: number): number => Math.min(vpcPrefix + 8, SUBNET_PREFIX.max);
/** The private subnets' prefix when not given: the VPC's plus 3, at most /28 (a /16 gives /19: eight blocks, three used). */
export const defaultPrivatePrefix = (vpcPrefix: number): number => Math.min(vpcPrefix + 3, SUBNET_PREFIX.max);

/**
 * The layout of `create` (a valid VPC CIDR): every subnet's CIDR, in the zones' order. It does not check that the
 * subnets fit: `layoutProblem` says whether they do.
 */
export function vpcLayout(create: CreatedVpcSettings): VpcLayout {
  const vpc = parseCidr(create.cidr);
  const publicSubnetPrefix = create.publicSubnetPrefix ?? defaultPublicPrefix(vpc.prefix);
  const privateSubnetPrefix = create.privateSubnetPrefix ?? defaultPrivatePrefix(vpc.prefix);
  // The public blocks start after the three private slots, rounded up to the public block size.
  const afterPrivate = vpc.address + LAYOUT_ZONE_SLOTS * addressCount(privateSubnetPrefix);
  const publicStart = Math.ceil(afterPrivate / addressCount(publicSubnetPrefix)) * addressCount(publicSubnetPrefix);
  return {
    cidr: create.cidr,
    natGateways: create.natGateways ?? "one-per-zone",
    publicSubnetPrefix,
    privateSubnetPrefix,
    zones: create.availabilityZones.map((zone, i) => ({
      zone,
      privateCidr: block(vpc.address, privateSubnetPrefix, i),
      publicCidr: block(publicStart, publicSubnetPrefix, i),
    })),
  };
}

/** The subnets of a layout with their role, in layout order (private first). */
export function layoutSubnets(layout: VpcLayout): { kind: "private" | "public"; zone: string; cidr: string }[] {
  return [
    ...layout.zones.map((z) => ({ kind: "private" as const, zone: z.zone, cidr: z.privateCidr })),
    ...layout.zones.map((z) => ({ kind: "public" as const, zone: z.zone, cidr: z.publicCidr })),
  ];
}

/**
 * IPv6 (a dual-stack created VPC): the VPC gets an Amazon-provided /56 and each subnet a /64 of it ("the IPv6 CIDR
 * block size for IPv6 subnets is fixed at /64", Amazon VPC User Guide, "Subnet CIDR blocks"), as
 * `cidrsubnet(<the VPC's block>, 8, <number>)`. Numbers follow the IPv4 slots: private subnets 0, 1, 2 and public ones
 * 3, 4, 5 for the first, second and third zone, so adding a zone later moves no subnet.
 */
export const IPV6_SUBNET_NEWBITS = 8;

/** The number of a subnet's /64 inside the VPC's /56 (see `IPV6_SUBNET_NEWBITS`). */
export function ipv6SubnetNumber(kind: "private" | "public", zoneIndex: number): number {
  return (kind === "public" ? LAYOUT_ZONE_SLOTS : 0) + zoneIndex;
}
