/**
 * Rules across keys for the lifecycle guards and the load balancer subnet tags (issue 15). Every rule mirrors an AWS
 * requirement and cites it; what cannot be known offline (which given subnets are public) is not guessed.
 */
import { Found, hasOwn, isString, list, obj, PathOf } from "./rule-kit";

/** The add-ons EKS installs itself (unmanaged) unless bootstrapSelfManagedAddons is false (EKS API CreateCluster, bootstrapSelfManagedAddons). */
export const SELF_MANAGED_ADDONS = ["vpc-cni", "kube-proxy", "coredns"] as const;

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkLifecycle(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  checkBootstrapSelfManagedAddons(c, path, found);
  checkSubnetTags(c, given, path, found);
}

/**
 * - With Auto Mode on it must be false: "When EKS Auto Mode is enabled, bootstrapSelfManagedAddons must be set to
 *   false" (EKS API Reference, CreateCluster, bootstrapSelfManagedAddons; the API answers InvalidParameterException).
 * - false means EKS installs none of vpc-cni, kube-proxy and CoreDNS (EKS API Reference, CreateCluster: "If you set
 *   this value to False when creating a cluster, the default networking add-ons will not be installed"): without the
 *   managed add-on of each, nodes never get pod networking or Service routing (not with Auto Mode, which runs them
 *   itself).
 */
function checkBootstrapSelfManagedAddons(c: Record<string, any>, path: PathOf, found: Found): void {
  const value = c.bootstrapSelfManagedAddons;
  if (typeof value !== "boolean") return;
  const autoMode = obj(c.autoMode).enabled === true;
  if (value && autoMode) {
    found.errors.push({
      path: path("bootstrapSelfManagedAddons"),
      value,
      rule: "must be false with EKS Auto Mode (EKS API CreateCluster: \"When EKS Auto Mode is enabled, bootstrapSelfManagedAddons must be set to false\")",
      fix: "remove bootstrapSelfManagedAddons (Auto Mode writes false), or set autoMode.enabled to false",
    });
    return;
  }
  if (!value && !autoMode) {
    const addons = obj(c.addons);
    const missing = SELF_MANAGED_ADDONS.filter((name) => !hasOwn(addons, name));
    if (missing.length > 0) {
      found.warnings.push({
        path: path("bootstrapSelfManagedAddons"),
        value,
        rule: `false: EKS installs no unmanaged vpc-cni, kube-proxy or CoreDNS, and addons lacks ${missing.join(", ")}, so nothing installs ${missing.length === 1 ? "it" : "them"} (nodes without vpc-cni and kube-proxy never become Ready)`,
        fix: `add ${missing.map((m) => `addons.${m}`).join(", ")} (the EKS managed add-on${missing.length === 1 ? "" : "s"}), or remove bootstrapSelfManagedAddons`,
      });
    }
  }
}

/**
 * network.subnetTags: tags for subnets this configuration does not create.
 * - A subnet is public (its route table sends 0.0.0.0/0 to an internet gateway) or private, so it carries one role:
 *   kubernetes.io/role/elb for public subnets, kubernetes.io/role/internal-elb for private ones (EKS User Guide, "View
 *   Amazon EKS networking requirements for VPC and subnets", network-reqs.html, and "Route internet traffic with AWS
 *   Load Balancer Controller", subnet auto-discovery): one subnet under both is an error.
 * - Not with a created VPC (network.create): its subnets get these tags where they are created.
 * The tagged subnets need not be the cluster's: load balancers often live in public subnets the control plane does not
 * use (EKS: nodes and Kubernetes resources may use subnets not given at cluster creation), as long as they are in the
 * cluster's VPC, which only AWS can tell. Likewise, whether a given subnet is public (and so needs the elb tag) depends
 * on its route table: not checkable offline, so no rule guesses it.
 */
function checkSubnetTags(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  const network = obj(c.network);
  const tags = obj(network.subnetTags);
  if (network.subnetTags === undefined) return;
  if (network.create !== undefined || obj(given.network).create !== undefined) {
    found.errors.push({
      path: path("network", "subnetTags"),
      value: network.subnetTags,
      rule: "tags subnets that exist already; with network.create the created subnets get the load balancer tags themselves",
      fix: "remove network.subnetTags, or network.create to use existing subnets",
    });
    return;
  }
  const elb = list(tags.elb).filter(isString);
  const internal = new Set(list(tags.internalElb).filter(isString));
  if (elb.length === 0 && internal.size === 0) {
    found.errors.push({
      path: path("network", "subnetTags"),
      value: network.subnetTags,
      rule: "must name subnets in elb or internalElb",
      fix: "list public subnets under elb and/or private ones under internalElb, or remove subnetTags",
    });
    return;
  }
  elb.forEach((subnet, i) => {
    if (!internal.has(subnet)) return;
    found.errors.push({
      path: path("network", "subnetTags", "elb", i),
      value: subnet,
      rule: `is also under internalElb: a subnet is either public (kubernetes.io/role/elb, internet-facing load balancers) or private (kubernetes.io/role/internal-elb), by its route table (EKS User Guide, network-reqs.html)`,
      fix: "keep the subnet under one of elb (public: a route to an internet gateway) or internalElb (private)",
    });
  });
}
