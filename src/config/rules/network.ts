/**
 * Rules across keys for a created VPC (`network.create`, issue 15). Every rule mirrors an AWS limit or API error and
 * cites it; ranges are compared with node:net's BlockList (src/config/vpc-layout.ts), never with bit math here.
 */
import { cidrProblem } from "../schema";
import {
  cidrContains,
  cidrsOverlap,
  DOCKER_BRIDGE_CIDR,
  layoutSubnets,
  PRIVATE_ADDRESS_SPACE,
  VPC_PREFIX,
  VpcLayout,
  vpcLayout,
} from "../vpc-layout";
import { Found, hasOwn, isString, list, obj, PathOf } from "./rule-kit";

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkNetwork(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  const network = obj(c.network);
  const givenNetwork = obj(given.network);
  if (!hasOwn(givenNetwork, "create") || network.create === undefined) return;
  const create = obj(network.create);
  checkExclusive(network, path, found);
  checkForeignSubnets(c, path, found);
  checkZones(c, create, path, found);
  if (!isString(create.cidr) || cidrProblem(create.cidr) !== undefined) return; // the schema reported it
  if (!checkVpcCidr(create.cidr, path, found)) return;
  checkServiceCidr(create.cidr, network.serviceIpv4Cidr, path, found);
  const zones = list(create.availabilityZones).filter(isString);
  if (zones.length === 0) return;
  const layout = vpcLayout({ ...create, cidr: create.cidr, availabilityZones: zones } as any);
  for (const problem of layoutProblems(layout)) {
    found.errors.push({ path: path("network", "create"), value: create.cidr, rule: problem.rule, fix: problem.fix });
  }
}

/** A created VPC replaces the other two modes: its subnets are the cluster's, so there is nothing to look up or give. */
function checkExclusive(network: Record<string, any>, path: PathOf, found: Found): void {
  for (const key of ["vpcId", "subnetIds"] as const) {
    if (network[key] === undefined) continue;
    found.errors.push({
      path: path("network", key),
      value: network[key],
      rule: "cannot be given with network.create: a created VPC's private subnets are the cluster's (give exactly one of network.create, network.subnetIds or network.vpcId)",
      fix: `remove network.${key}, or remove network.create to use an existing VPC`,
    });
  }
}

/**
 * Subnets named elsewhere would be another VPC's: EKS node groups, Fargate profiles and the cluster must share the
 * cluster's VPC (EKS CreateNodegroup/CreateFargateProfile answer InvalidParameterException for a subnet outside it).
 */
function checkForeignSubnets(c: Record<string, any>, path: PathOf, found: Found): void {
  const push = (p: string, value: unknown, what: string) =>
    found.errors.push({
      path: p,
      value,
      rule: `names subnets, but network.create makes the cluster's VPC: subnets given by ID belong to another VPC, and EKS places ${what} only in the cluster's VPC`,
      fix: "remove it: the created VPC's private subnets are used",
    });
  list(c.nodeGroups).forEach((g, i) => {
    if (obj(g).subnetIds !== undefined) push(path("nodeGroups", i, "subnetIds"), obj(g).subnetIds, "node groups");
  });
  list(c.fargateProfiles).forEach((f, i) => {
    if (obj(f).subnetIds !== undefined) push(path("fargateProfiles", i, "subnetIds"), obj(f).subnetIds, "Fargate pods");
  });
  const karpenter = obj(c.karpenter);
  if (karpenter.discoverySubnetIds !== undefined) push(path("karpenter", "discoverySubnetIds"), karpenter.discoverySubnetIds, "Karpenter's nodes");
}

/**
 * Zones are given by name, so nothing is looked up. A zone name is the region's code and a letter (EC2 User Guide,
 * "Regions and Zones": "us-east-1a"); a zone of another region fails CreateSubnet ("InvalidParameterValue: Value
 * (...) for parameter availabilityZone is invalid"). EKS needs subnets in at least two Availability Zones (EKS User
 * Guide, "View Amazon EKS networking requirements for VPC and subnets"): the schema asks for 2 to 3 distinct names.
 */
function checkZones(c: Record<string, any>, create: Record<string, any>, path: PathOf, found: Found): void {
  if (!isString(c.region)) return;
  list(create.availabilityZones).forEach((zone, i) => {
    if (!isString(zone) || (zone.startsWith(c.region) && /^[a-z]$/.test(zone.slice(c.region.length)))) return;
    found.errors.push({
      path: path("network", "create", "availabilityZones", i),
      value: zone,
      rule: `is not an Availability Zone of the cluster's region ${c.region}: a zone name is the region and a letter (EC2 CreateSubnet refuses another region's zone)`,
      fix: `use a zone of ${c.region}, e.g. ${c.region}a`,
    });
  });
}

/**
 * "The allowed block size is between a /16 netmask (65,536 IP addresses) and /28 netmask (16 IP addresses)" (Amazon
 * VPC User Guide, "VPC CIDR blocks"). AWS advises the RFC 1918 ranges (and allows RFC 6598's 100.64.0.0/10); a public
 * range is allowed but not reachable on the internet from the VPC, so it is a warning. 172.17.0.0/16: "Some AWS
 * services use the 172.17.0.0/16 CIDR range. To avoid future conflicts, don't use this range when creating your VPC".
 * Returns false when the CIDR cannot be a VPC's (nothing else is checked then).
 */
function checkVpcCidr(cidr: string, path: PathOf, found: Found): boolean {
  const prefix = Number(cidr.split("/")[1]);
  if (prefix < VPC_PREFIX.min || prefix > VPC_PREFIX.max) {
    found.errors.push({
      path: path("network", "create", "cidr"),
      value: cidr,
      rule: `has a /${prefix} mask: a VPC's IPv4 CIDR is from /16 (65,536 addresses) to /28 (16 addresses) (Amazon VPC User Guide, "VPC CIDR blocks")`,
      fix: prefix < VPC_PREFIX.min ? `use a /16 inside it, e.g. ${cidr.split("/")[0]}/16` : "use a larger block, e.g. a /16",
    });
    return false;
  }
  if (!PRIVATE_ADDRESS_SPACE.some((space) => cidrContains(space, cidr))) {
    found.warnings.push({
      path: path("network", "create", "cidr"),
      value: cidr,
      rule: `${cidr} is not in the private address space (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16; RFC 6598: 100.64.0.0/10), which AWS recommends for a VPC (Amazon VPC User Guide, "VPC CIDR blocks"): the VPC cannot reach the public owners of these addresses`,
      fix: "use a private range, e.g. 10.0.0.0/16",
    });
  } else if (cidrsOverlap(cidr, DOCKER_BRIDGE_CIDR)) {
    found.warnings.push({
      path: path("network", "create", "cidr"),
      value: cidr,
      rule: `${cidr} overlaps ${DOCKER_BRIDGE_CIDR}, which some AWS services use ("don't use this range when creating your VPC", Amazon VPC User Guide, "VPC CIDR blocks")`,
      fix: "use another range, e.g. 10.0.0.0/16",
    });
  }
  return true;
}

/**
 * EKS API KubernetesNetworkConfigRequest.serviceIpv4Cidr: the block must not "overlap with any CIDR block assigned
 * to the VPC that you selected for VPC" (CreateCluster answers InvalidParameterException).
 */
function checkServiceCidr(cidr: string, serviceCidr: unknown, path: PathOf, found: Found): void {
  if (!isString(serviceCidr) || cidrProblem(serviceCidr) !== undefined || !cidrsOverlap(cidr, serviceCidr)) return;
  found.errors.push({
    path: path("network", "serviceIpv4Cidr"),
    value: serviceCidr,
    rule: `${serviceCidr} overlaps the VPC's CIDR ${cidr} (network.create.cidr): the Kubernetes service range must not overlap any CIDR block of the cluster's VPC (EKS API, KubernetesNetworkConfigRequest.serviceIpv4Cidr)`,
    fix: cidrsOverlap(cidr, "172.20.0.0/16") ? "use e.g. 10.100.0.0/16, or leave serviceIpv4Cidr out (EKS picks a free one)" : "use e.g. 172.20.0.0/16, or leave serviceIpv4Cidr out (EKS picks a free one)",
  });
}

/**
 * The subnets of a layout must lie inside the VPC ("The CIDR block of a subnet must be a subset of the VPC CIDR
 * block"; CreateSubnet answers InvalidSubnet.Range) and not overlap each other ("The CIDR blocks of the subnets
 * can't overlap"; InvalidSubnet.Conflict), Amazon VPC User Guide, "Subnet CIDR blocks". Each problem names both ranges.
 */
export function layoutProblems(layout: VpcLayout): { rule: string; fix: string }[] {
  const problems: { rule: string; fix: string }[] = [];
  const subnets = layoutSubnets(layout);
  const roomFix =
    `give a larger VPC (network.create.cidr), or smaller subnets (network.create.privateSubnetPrefix, now /${layout.privateSubnetPrefix}; publicSubnetPrefix, now /${layout.publicSubnetPrefix}); ` +
    "the layout keeps room for three zones' private subnets, then the public ones";
  for (const s of subnets) {
    if (cidrContains(layout.cidr, s.cidr)) continue;
    problems.push({
      rule: `the ${s.kind} subnet of ${s.zone} would be ${s.cidr}, which is not inside the VPC's ${layout.cidr}: a subnet's CIDR must be a subset of its VPC's (Amazon VPC User Guide, "Subnet CIDR blocks")`,
      fix: roomFix,
    });
  }
  subnets.forEach((a, i) =>
    subnets.slice(i + 1).forEach((b) => {
      if (!cidrsOverlap(a.cidr, b.cidr)) return;
      problems.push({
        rule: `the ${a.kind} subnet of ${a.zone} (${a.cidr}) overlaps the ${b.kind} subnet of ${b.zone} (${b.cidr}): the subnets of a VPC cannot overlap (Amazon VPC User Guide, "Subnet CIDR blocks")`,
        fix: roomFix,
      });
    }),
  );
  return problems;
}
