/**
 * Default IAM role names, derived from the cluster's name so that any number of clusters share an account: IAM role
 * names are unique per account (CreateRole answers EntityAlreadyExists), and before this every stack created
 * `AWSEKSClusterRole` and `AWSEKSNodeRole`. IAM allows 64 characters (IAM API Reference, CreateRole RoleName:
 * `[\w+=,.@-]+`, 1-64); a cluster name may have 100, so a long one is cut and made unique again by a hash of the whole.
 */
import { createHash } from "crypto";

const IAM_ROLE_NAME_MAX = 64;

function derived(clusterName: string, suffix: string): string {
  const name = `${clusterName}${suffix}`;
  if (name.length <= IAM_ROLE_NAME_MAX) return name;
  const hash = createHash("sha256").update(clusterName).digest("hex").slice(0, 8);
  return `${clusterName.slice(0, IAM_ROLE_NAME_MAX - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** The cluster role's default name: `<cluster>-eks-cluster`. */
export function defaultClusterRoleName(clusterName: string): string {
  return derived(clusterName, "-eks-cluster");
}

/** The default node role's name, shared by every node group that names none: `<cluster>-eks-node`. */
export function defaultNodeRoleName(clusterName: string): string {
  return derived(clusterName, "-eks-node");
}

/** A name of at most 64 characters: as it is, or cut and made unique again by a hash of the whole. */
function fitted(name: string): string {
  if (name.length <= IAM_ROLE_NAME_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
}

/** A service account's role's default name: `<cluster>-<namespace>-<service account>`. */
export function defaultServiceAccountRoleName(clusterName: string, namespace: string, serviceAccount: string): string {
  return fitted(`${clusterName}-${namespace}-${serviceAccount}`);
}

/** An add-on's role's default name: `<cluster>-<add-on>`. */
export function defaultAddonRoleName(clusterName: string, addon: string): string {
  return fitted(`${clusterName}-${addon}`);
}

/** The Karpenter controller's role's default name: `<cluster>-karpenter` (the Karpenter docs' eksctl role is `${CLUSTER_NAME}-karpenter`). */
export function defaultKarpenterControllerRoleName(clusterName: string): string {
  return derived(clusterName, "-karpenter");
}

/** The default name of the role of the nodes Karpenter launches (its EC2NodeClass's `role`): `<cluster>-karpenter-node`. */
export function defaultKarpenterNodeRoleName(clusterName: string): string {
  return derived(clusterName, "-karpenter-node");
}

/** The default Fargate pod execution role's name, shared by every profile that names none: `<cluster>-eks-fargate-pods`. */
export function defaultPodExecutionRoleName(clusterName: string): string {
  return derived(clusterName, "-eks-fargate-pods");
}

/** The EKS Auto Mode node role's default name: `<cluster>-eks-auto-node` (a role of its own: EKS User Guide, "Amazon EKS Auto Mode node IAM role"). */
export function defaultAutoModeNodeRoleName(clusterName: string): string {
  return derived(clusterName, "-eks-auto-node");
}
