/** Rules across keys for Fargate profiles and EKS Auto Mode (issue 14). Every rule mirrors an AWS limit or API error and cites it. */
import { AUTO_MODE_RUNS, COREDNS_POD_LABELS, fargateOnly, KUBE_SYSTEM, profileSelectingCoreDns, selectorMatches } from "../fargate-auto-mode";
import { Found, isString, list, minorVersion, obj, PathOf } from "./rule-kit";

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The lowest Kubernetes version of EKS Auto Mode: "EKS Auto Mode requires Kubernetes version 1.29 or greater." (EKS User Guide, "Create a cluster with Amazon EKS Auto Mode", create-auto.html). */
export const AUTO_MODE_MIN_MINOR = 29;


/** Fargate profile names longer than this get a warning (not an AWS limit: see checkFargateProfiles). */
export const FARGATE_PROFILE_NAME_ADVISED_MAX = 63;

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkFargateAndAutoMode(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  checkFargateProfiles(c, path, found);
  checkCoreDnsOnFargate(c, path, found);
  checkPodIdentityOnFargate(c, path, found);
  checkAutoMode(c, given, path, found);
}

/**
 * Fargate profiles: names unique in the cluster (EKS CreateFargateProfile answers ResourceInUseException for a name
 * the cluster has), and private subnets ("only private subnets with no direct route to an Internet Gateway are
 * accepted", EKS User Guide "Define which Pods use AWS Fargate when launched", fargate-profile.html; EKS answers
 * "InvalidParameterException ... Subnet subnet-... provided in Fargate Profile is not a private subnet"). Routes cannot
 * be read offline, so the one case we can foresee is warned about: a profile without subnets of its own on a cluster
 * whose subnets are looked up from its VPC (the default VPC's subnets are all public).
 */
function checkFargateProfiles(c: Record<string, any>, path: PathOf, found: Found): void {
  const names = new Map<string, number>();
  // A created VPC (network.create) gives the cluster its private subnets: nothing is looked up.
  const lookedUp = !Array.isArray(obj(c.network).subnetIds) && obj(c.network).create === undefined;
  list(c.fargateProfiles).forEach((raw, i) => {
    const p = obj(raw);
    if (isString(p.name)) {
      if (names.has(p.name)) {
        found.errors.push({
          path: path("fargateProfiles", i, "name"),
          value: p.name,
          rule: `must be unique in the cluster; fargateProfiles[${names.get(p.name)}] has it too (EKS CreateFargateProfile refuses a name the cluster has: ResourceInUseException)`,
          fix: "rename one of the profiles, or merge their selectors (up to 5) into one",
        });
      } else names.set(p.name, i);
      // The EKS API gives no length or pattern for the name; DNS-label length is what tools like cdk-eks-blueprints
      // keep to ("no greater than 63 characters long due to DNS system limitations").
      if (p.name.length > FARGATE_PROFILE_NAME_ADVISED_MAX) {
        found.warnings.push({
          path: path("fargateProfiles", i, "name"),
          value: p.name,
          rule: `has ${p.name.length} characters: EKS publishes no limit, but Fargate profile names are commonly kept to a DNS label's 63 (cdk-eks-blueprints refuses longer ones)`,
          fix: "use a name of at most 63 characters",
        });
      }
    }
    if (p.subnetIds === undefined && lookedUp) {
      found.warnings.push({
        path: path("fargateProfiles", i),
        value: p.name,
        rule:
          "has no subnetIds, so EKS picks the cluster's private subnets, and the cluster's subnets are looked up from the VPC (every subnet of it): Fargate takes only private subnets, with no route to an internet gateway, and this cannot be checked offline (the default VPC's subnets are all public, and there CreateFargateProfile fails: \"Subnet ... provided in Fargate Profile is not a private subnet\")",
        fix: "give subnetIds: the private subnets (with a NAT gateway or VPC endpoints for ECR, S3 and STS) the pods should use",
      });
    }
  });
}

/**
 * EKS Pod Identity does not give credentials to pods on Fargate (EKS User Guide, "Learn how EKS Pod Identity grants
 * pods access to AWS services", considerations; the agent is a DaemonSet, and Fargate runs none). On a cluster whose
 * only compute is Fargate (no Karpenter nodes either), a service account's Pod Identity role never reaches its pods.
 */
function checkPodIdentityOnFargate(c: Record<string, any>, path: PathOf, found: Found): void {
  if (!fargateOnly(c) || c.karpenter !== undefined) return;
  list(c.serviceAccounts).forEach((s, i) => {
    if (obj(s).identity !== "pod-identity") return;
    found.warnings.push({
      path: path("serviceAccounts", i, "identity"),
      value: "pod-identity",
      rule: "is pod-identity, but the cluster's only compute is Fargate, whose pods EKS Pod Identity does not serve (EKS User Guide, EKS Pod Identity considerations): the pods would run without the role's credentials",
      fix: "use identity: irsa for pods on Fargate, or add a node group for these pods",
    });
  });
}

/**
 * A cluster whose only compute is Fargate: CoreDNS (and every Deployment add-on) must be selected by a profile, and
 * run with `computeType: Fargate` (the loader sets it when a profile selects CoreDNS; see
 * src/config/fargate-auto-mode.ts). Without a place to run, EKS reports the add-on DEGRADED and pods get no DNS.
 */
function checkCoreDnsOnFargate(c: Record<string, any>, path: PathOf, found: Found): void {
  if (!fargateOnly(c)) return;
  const addons = obj(c.addons);
  if (!has(addons, "coredns")) return;
  if (profileSelectingCoreDns(c.fargateProfiles) < 0) {
    const kubeSystemOnly = list(c.fargateProfiles).some((p) => list(obj(p).selectors).some((s) => selectorMatches({ namespace: obj(s).namespace }, KUBE_SYSTEM, {})));
    found.warnings.push({
      path: path("fargateProfiles"),
      value: list(c.fargateProfiles).map((p) => obj(p).name),
      rule: `no Fargate profile selects CoreDNS's pods (namespace kube-system, labels ${Object.entries(COREDNS_POD_LABELS)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")})${kubeSystemOnly ? ": a kube-system selector's labels leave them out" : ""}, and the cluster has no node groups nor Auto Mode: coredns can never become healthy (EKS reports it DEGRADED), so pods get no DNS`,
      fix: "add a selector { namespace: kube-system, labels: { k8s-app: kube-dns } } to a profile (EKS User Guide, fargate-getting-started.html), or add a node group",
    });
    return;
  }
  const computeType = obj(obj(addons.coredns).configurationValues).computeType;
  if (computeType !== undefined && computeType !== "Fargate") {
    found.warnings.push({
      path: path("addons", "coredns", "configurationValues", "computeType"),
      value: computeType,
      rule: "is not \"Fargate\", and Fargate is the cluster's only compute: the coredns pods keep the annotation eks.amazonaws.com/compute-type: ec2 and stay Pending",
      fix: "leave computeType out (this app then sets \"Fargate\") or set it to \"Fargate\"",
    });
  }
}

/**
 * EKS Auto Mode. Sources:
 * - access entries: "EKS Auto Mode uses access entries ... You cannot disable access entries on an EKS Auto Mode
 *   cluster" (EKS User Guide, "Grant IAM users and roles access to Kubernetes APIs", cluster-auth.html);
 * - Kubernetes 1.29 or later (create-auto.html);
 * - the cluster role of an existing cluster cannot change: "You must attach additional policies to the current role",
 *   and its trust must allow sts:TagSession (EKS User Guide, "Enable EKS Auto Mode on an existing cluster",
 *   auto-enable-existing.html);
 * - redundant add-ons (AUTO_MODE_RUNS);
 * - turning it off: this app then writes no Auto Mode blocks, and hashicorp/aws 5.100.0 refuses that plan ("compute_config.enabled,
 *   kubernetes_networking_config.elastic_load_balancing.enabled, and storage_config.block_storage.enabled must all be
 *   set to either true or false": load balancing keeps its stored value while the other two go; found by a real
 *   plan, terraform-plans.test.ts); renaming the node role replaces the cluster (compute_config.node_role_arn
 *   "cannot be changed after the compute capability of EKS Auto Mode is enabled", EKS API ComputeConfigRequest).
 */
function checkAutoMode(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  const autoMode = obj(c.autoMode);
  if (autoMode.enabled !== true) {
    if (isString(obj(given.autoMode).nodeRoleName)) {
      found.warnings.push({
        path: path("autoMode", "nodeRoleName"),
        value: obj(given.autoMode).nodeRoleName,
        rule: "names a role for Auto Mode nodes, but autoMode.enabled is not true: no role is created",
        fix: "set autoMode.enabled: true, or remove nodeRoleName",
      });
    }
    return;
  }
  const mode = obj(c.access).authenticationMode;
  if (mode === "CONFIG_MAP") {
    found.errors.push({
      path: path("access", "authenticationMode"),
      value: mode,
      rule: "must allow access entries (API or API_AND_CONFIG_MAP) with EKS Auto Mode: Auto Mode gives its nodes access through an access entry, and access entries cannot be disabled on an Auto Mode cluster (EKS User Guide, cluster-auth.html)",
      fix: "set access.authenticationMode to API (or API_AND_CONFIG_MAP to keep the aws-auth ConfigMap too)",
    });
  }
  const version = c.kubernetesVersion;
  const minor = minorVersion(version);
  if (minor !== undefined && minor < AUTO_MODE_MIN_MINOR) {
    found.errors.push({
      path: path("kubernetesVersion"),
      value: version,
      rule: `is below 1.${AUTO_MODE_MIN_MINOR}: "EKS Auto Mode requires Kubernetes version 1.29 or greater" (EKS User Guide, create-auto.html)`,
      fix: `upgrade to 1.${AUTO_MODE_MIN_MINOR} or later first, or turn Auto Mode off`,
    });
  }
  if (isString(obj(c.clusterRole).arn)) {
    found.warnings.push({
      path: path("clusterRole", "arn"),
      value: obj(c.clusterRole).arn,
      rule: "is an existing role, which this app does not change: EKS Auto Mode needs AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy and AmazonEKSNetworkingPolicy on it beside AmazonEKSClusterPolicy, and sts:TagSession in its trust policy (EKS User Guide, auto-cluster-iam-role.html)",
      fix: "attach those policies and allow sts:TagSession for eks.amazonaws.com on the role, or let this app create the cluster role (clusterRole.name)",
    });
  }
  const nodes = list(c.nodeGroups).length;
  const fargate = list(c.fargateProfiles).length;
  if (nodes === 0 && fargate === 0) {
    const addons = obj(c.addons);
    const givenAddons = obj(given.addons);
    for (const name of AUTO_MODE_RUNS) {
      if (!has(addons, name)) continue;
      // The loader adds the Pod Identity agent for roles that use Pod Identity: warn only when the file asks for it.
      if (name === "eks-pod-identity-agent" && !has(givenAddons, name)) continue;
      found.warnings.push({
        path: path("addons", name),
        value: addons[name],
        rule: `is redundant with EKS Auto Mode and nothing else runs it: "With Auto mode compute, many commonly used EKS add-ons become redundant, such as: Amazon VPC CNI, kube-proxy, CoreDNS, Amazon EBS CSI Driver, EKS Pod Identity Agent" (they are needed only beside node groups, Fargate or self-managed nodes; EKS User Guide, eks-add-ons.html)`,
        fix: `remove it: addons: { ${name}: null }`,
      });
    }
  }
  // Karpenter beside Auto Mode: rules/karpenter.ts warns about it.
  found.warnings.push({
    path: path("autoMode", "enabled"),
    value: true,
    rule: "cannot be turned off again from this configuration: with enabled false the stack writes no Auto Mode settings, and hashicorp/aws 5.100.0 refuses that plan (compute, block storage and load balancing must all be set to true or false together, and load balancing keeps its stored value); autoMode.nodeRoleName cannot change either without replacing the cluster (EKS API ComputeConfigRequest.nodeRoleArn)",
    fix: "decide it once for the cluster's lifetime; to leave Auto Mode, move the workloads to a new cluster",
  });
}
