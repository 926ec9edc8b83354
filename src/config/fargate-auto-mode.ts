/**
 * What the loader fills in for Fargate profiles and EKS Auto Mode (issue 14), on the merged cluster, before it is
 * validated: the default role names, and CoreDNS's compute type on a cluster whose only compute is Fargate.
 */
import { defaultAutoModeNodeRoleName, defaultPodExecutionRoleName } from "./role-names";
import { isPlainObject, setOwn } from "./schema-parts";

/**
 * The labels of the CoreDNS pods EKS runs (the coredns add-on's Deployment). The EKS User Guide's Fargate profile for
 * CoreDNS selects namespace kube-system with `k8s-app=kube-dns` ("Get started with AWS Fargate for your cluster",
 * fargate-getting-started.html, step "Update CoreDNS").
 */
export const COREDNS_POD_LABELS: Readonly<Record<string, string>> = { "k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns" };

/** The namespace of CoreDNS (and of every EKS add-on the default cluster has). */
export const KUBE_SYSTEM = "kube-system";

/**
 * Add-ons whose work EKS Auto Mode does itself: "With Auto mode compute, many commonly used EKS add-ons become
 * redundant, such as: Amazon VPC CNI, kube-proxy, CoreDNS, Amazon EBS CSI Driver, EKS Pod Identity Agent. However, if
 * your cluster combines Auto mode with other compute options like self-managed EC2 instances, Managed Node Groups, or
 * AWS Fargate, these add-ons remain necessary." (EKS User Guide, "Amazon EKS add-ons", "Considerations for Amazon EKS
 * Auto Mode", eks-add-ons.html#addon-consider-auto).
 */
export const AUTO_MODE_RUNS: readonly string[] = ["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver", "eks-pod-identity-agent"];

/**
 * Whether a Fargate selector text (with `*`: zero or more characters, `?`: exactly one) matches `text` (EKS User
 * Guide, "Fargate profile wildcards": no other pattern syntax).
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(text);
}

/** Whether a selector (`{ namespace, labels? }`, possibly not validated) selects pods of `namespace` carrying `labels`. */
export function selectorMatches(selector: unknown, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (!isPlainObject(selector) || typeof selector.namespace !== "string" || !wildcardMatch(selector.namespace, namespace)) return false;
  const wanted = isPlainObject(selector.labels) ? selector.labels : {};
  // "The selector only matches Pods that have all of the labels that are specified in the selector." (fargate-profile.html)
  return Object.keys(wanted).every((key) => {
    const value = wanted[key];
    return typeof value === "string" && Object.keys(labels).some((k) => wildcardMatch(key, k) && wildcardMatch(value, labels[k]));
  });
}

/** The index of the first Fargate profile that selects CoreDNS's pods, or -1. */
export function profileSelectingCoreDns(profiles: unknown): number {
  if (!Array.isArray(profiles)) return -1;
  return profiles.findIndex((p) => isPlainObject(p) && Array.isArray(p.selectors) && p.selectors.some((s) => selectorMatches(s, KUBE_SYSTEM, COREDNS_POD_LABELS)));
}

/**
 * Whether the cluster's pods can run only on Fargate: Fargate profiles, no node groups, Auto Mode off. CoreDNS then
 * needs `computeType: Fargate` (see `withFargateAndAutoModeDefaults`).
 */
export function fargateOnly(cluster: Record<string, unknown>): boolean {
  const autoMode = isPlainObject(cluster.autoMode) ? cluster.autoMode : {};
  return (
    Array.isArray(cluster.fargateProfiles) &&
    cluster.fargateProfiles.length > 0 &&
    Array.isArray(cluster.nodeGroups) &&
    cluster.nodeGroups.length === 0 &&
    autoMode.enabled !== true
  );
}

/**
 * Whether EKS Auto Mode is the cluster's only compute: no node groups, no Fargate profiles. The add-ons Auto Mode
 * runs itself are then left out unless the file names them, and EKS Pod Identity needs no agent add-on (Auto Mode
 * nodes run it: EKS User Guide, eks-add-ons.html, "With Auto mode compute, many commonly used EKS add-ons become
 * redundant, such as: Amazon VPC CNI, kube-proxy, CoreDNS, Amazon EBS CSI Driver, EKS Pod Identity Agent").
 */
export function autoModeOnly(cluster: Record<string, unknown>): boolean {
  const autoMode = isPlainObject(cluster.autoMode) ? cluster.autoMode : {};
  return (
    autoMode.enabled === true &&
    Array.isArray(cluster.nodeGroups) &&
    cluster.nodeGroups.length === 0 &&
    (!Array.isArray(cluster.fargateProfiles) || cluster.fargateProfiles.length === 0)
  );
}

/**
 * The merged cluster with:
 * - each Fargate profile that names no pod execution role given the shared default, `<cluster>-eks-fargate-pods`;
 * - Auto Mode, when enabled, its node role's default name, `<cluster>-eks-auto-node`;
 * - on a Fargate-only cluster whose profiles select CoreDNS's pods, the coredns add-on's configuration given
 *   `computeType: "Fargate"` unless it sets a compute type itself. The coredns Deployment carries the annotation
 *   `eks.amazonaws.com/compute-type: ec2`, so without this its pods stay Pending on a cluster without EC2 nodes; the
 *   add-on's configuration schema has `computeType` for this ("Amazon EKS add-ons: Advanced configuration", AWS
 *   Containers blog, which names "running CoreDNS on AWS Fargate" as its use; the EKS User Guide's manual way is to
 *   remove the annotation, fargate-getting-started.html). terraform-aws-eks's Fargate example sets the same value.
 * New objects where something changes: the defaults stay untouched.
 */
export function withFargateAndAutoModeDefaults(cluster: Record<string, unknown>, name: string, givenAddons: Record<string, unknown> = {}): Record<string, unknown> {
  // Auto Mode as the only compute: the default add-ons it runs itself are left out (their pods would find no node
  // they may run on: they are kept off Auto Mode nodes), unless the file names them.
  if (autoModeOnly(cluster) && isPlainObject(cluster.addons)) {
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(cluster.addons)) {
      if (AUTO_MODE_RUNS.includes(key) && !Object.prototype.hasOwnProperty.call(givenAddons, key)) continue;
      setOwn(kept, key, cluster.addons[key]);
    }
    cluster.addons = kept;
  }
  if (Array.isArray(cluster.fargateProfiles)) {
    cluster.fargateProfiles = cluster.fargateProfiles.map((profile) =>
      isPlainObject(profile) && profile.podExecutionRoleName === undefined ? { ...profile, podExecutionRoleName: defaultPodExecutionRoleName(name) } : profile,
    );
  }
  if (isPlainObject(cluster.autoMode) && cluster.autoMode.enabled === true && cluster.autoMode.nodeRoleName === undefined) {
    cluster.autoMode = { ...cluster.autoMode, nodeRoleName: defaultAutoModeNodeRoleName(name) };
  }
  const addons = cluster.addons;
  if (fargateOnly(cluster) && profileSelectingCoreDns(cluster.fargateProfiles) >= 0 && isPlainObject(addons) && isPlainObject(addons.coredns)) {
    const coredns = addons.coredns;
    const values = coredns.configurationValues;
    if (values === undefined || (isPlainObject(values) && !Object.prototype.hasOwnProperty.call(values, "computeType"))) {
      const configured: Record<string, unknown> = {};
      for (const key of Object.keys(values ?? {})) setOwn(configured, key, (values as Record<string, unknown>)[key]);
      configured.computeType = "Fargate";
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(addons)) setOwn(copy, key, addons[key]);
      copy.coredns = { ...coredns, configurationValues: configured };
      cluster.addons = copy;
    }
  }
  return cluster;
}
