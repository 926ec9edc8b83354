/**
 * Rules across keys for an IPv6 cluster (`network.ipFamily: ipv6`, issue 15). Each mirrors what EKS refuses or
 * documents, with its source:
 * - [API] EKS API Reference, KubernetesNetworkConfigRequest (ipFamily, serviceIpv4Cidr).
 * - [UG-IPV6] EKS User Guide, "Learn about IPv6 addresses to clusters, Pods, and services" (cni-ipv6.html).
 * - [UG-NET] EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets" (network-reqs.html).
 */
import { partitionOfRegion } from "../catalogs/regions";
import { Found, hasOwn, isString, list, minorVersion, obj, PathOf } from "./rule-kit";

/** [API] "You can only specify ipv6 for 1.21 and later clusters that use version 1.10.1 or later of the Amazon VPC CNI add-on." */
export const IPV6_MIN_KUBERNETES_MINOR = 21;
export const IPV6_MIN_VPC_CNI = [1, 10, 1] as const;

/** A pinned add-on version vX.Y.Z-eksbuild.N as [X, Y, Z]; undefined for latest/default. */
function pinned(version: unknown): [number, number, number] | undefined {
  const m = isString(version) ? /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.\d+$/.exec(version) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function older(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Checks the accepted cluster `c` and the file's `given` cluster. */
export function checkIpv6(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  const network = obj(c.network);
  if (network.ipFamily !== "ipv6") return;
  const here = path("network", "ipFamily");

  // [API] ipFamily: "You can't specify ipv6 for clusters in China Regions."
  if (isString(c.region) && partitionOfRegion(c.region) === "aws-cn") {
    found.errors.push({
      path: here,
      value: "ipv6",
      rule: `is not available in ${c.region}: "You can't specify ipv6 for clusters in China Regions" (EKS API, KubernetesNetworkConfigRequest.ipFamily)`,
      fix: "leave ipFamily out (ipv4)",
    });
  }

  // [API] 1.21 and later.
  const minor = minorVersion(c.kubernetesVersion);
  if (minor !== undefined && minor < IPV6_MIN_KUBERNETES_MINOR) {
    found.errors.push({
      path: path("kubernetesVersion"),
      value: c.kubernetesVersion,
      rule: `is older than 1.${IPV6_MIN_KUBERNETES_MINOR}: EKS creates IPv6 clusters only for Kubernetes 1.21 and later (EKS API, KubernetesNetworkConfigRequest.ipFamily)`,
      fix: 'use a current version, e.g. "1.35", or leave network.ipFamily out',
    });
  }

  // [API] serviceIpv4Cidr: "Don't specify a value if you select ipv6 for ipFamily"; services get fc00::/7 addresses.
  if (network.serviceIpv4Cidr !== undefined) {
    found.errors.push({
      path: path("network", "serviceIpv4Cidr"),
      value: network.serviceIpv4Cidr,
      rule: "cannot be given with network.ipFamily ipv6: EKS assigns an IPv6 cluster's service addresses from the unique local range fc00::/7 and takes no custom service block (EKS API, KubernetesNetworkConfigRequest: serviceIpv4Cidr \"Don't specify a value if you select ipv6 for ipFamily\")",
      fix: "remove network.serviceIpv4Cidr, or leave network.ipFamily out",
    });
  }

  // [API]/[UG-IPV6] The VPC CNI add-on, 1.10.1 or later ("Use recent VPC CNI"). EKS Auto Mode brings its own networking.
  const addons = obj(c.addons);
  const autoMode = obj(c.autoMode).enabled === true;
  if (!hasOwn(addons, "vpc-cni") && !autoMode) {
    found.errors.push({
      path: path("addons"),
      value: Object.keys(addons),
      rule: "has no vpc-cni, which an IPv6 cluster needs: EKS creates ipv6 clusters only with version 1.10.1 or later of the Amazon VPC CNI add-on (EKS API, KubernetesNetworkConfigRequest.ipFamily), and the stack puts the CNI's IPv6 policy on the role vpc-cni uses",
      fix: 'add addons.vpc-cni (e.g. { version: latest }), or leave network.ipFamily out',
    });
  }
  const cniVersion = pinned(obj(addons["vpc-cni"]).version);
  if (cniVersion && older(cniVersion, IPV6_MIN_VPC_CNI)) {
    found.warnings.push({
      path: path("addons", "vpc-cni", "version"),
      value: obj(addons["vpc-cni"]).version,
      rule: `is older than v${IPV6_MIN_VPC_CNI.join(".")}, the first Amazon VPC CNI that supports IPv6 clusters (EKS API, KubernetesNetworkConfigRequest.ipFamily; EKS User Guide, "Learn about IPv6 addresses to clusters, Pods, and services": "Deploy Amazon VPC CNI version 1.10.1 or later")`,
      fix: "pin v1.10.1-eksbuild.1 or newer, e.g. the catalog's version for the cluster's Kubernetes version, or use latest",
    });
  }

  // [UG-IPV6] "No Windows support: Windows Pods and services aren't supported."
  list(c.nodeGroups).forEach((g, i) => {
    const amiType = obj(g).amiType;
    if (!isString(amiType) || !amiType.startsWith("WINDOWS_")) return;
    found.errors.push({
      path: path("nodeGroups", i, "amiType"),
      value: amiType,
      rule: 'is a Windows AMI, and IPv6 clusters do not support Windows: "Windows Pods and services aren\'t supported" (EKS User Guide, "Learn about IPv6 addresses to clusters, Pods, and services")',
      fix: "use a Linux AMI type (e.g. AL2023_x86_64_STANDARD), or run Windows nodes in an ipv4 cluster",
    });
  });

  // [UG-IPV6]/[UG-NET] Given or looked-up subnets must be dual-stack; that cannot be checked offline.
  if (network.create === undefined && hasOwn(obj(given.network), "ipFamily")) {
    found.warnings.push({
      path: here,
      value: "ipv6",
      rule:
        "needs dual-stack subnets, which cannot be checked offline: the VPC and every cluster and node subnet must have an IPv6 CIDR block beside the IPv4 one, node subnets must auto-assign IPv6 addresses, and their route tables need ::/0 routes (an egress-only internet gateway for private subnets) " +
        '(EKS User Guide, "Learn about IPv6 addresses to clusters, Pods, and services" and "View Amazon EKS networking requirements for VPC and subnets"); otherwise CreateCluster or the node groups fail',
      fix: "check with aws ec2 describe-subnets (Ipv6CidrBlockAssociationSet, AssignIpv6AddressOnCreation), or use network.create, which makes them dual-stack",
    });
  }
}
