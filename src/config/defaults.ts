import { defaultClusterRoleName } from "./role-names";
import { ClusterConfig, DEFAULT_NODE_GROUP } from "./schema";

export { DEFAULT_NODE_GROUP };

/**
 * The walk-through's cluster as the console creates it today: the embedded default, and the base every
 * config file is merged onto. The README's defaults table explains each value.
 */
export const DEFAULT_CLUSTER: ClusterConfig = {
  name: "simple-bank",
  region: "us-east-1",
  kubernetesVersion: "1.35",
  tags: {},
  // A cluster that names no role gets `<cluster>-eks-cluster` (load.ts): role names are unique per account.
  clusterRole: { name: defaultClusterRoleName("simple-bank") },
  network: { securityGroupIds: [] },
  endpoint: { access: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"] },
  logging: { types: [] },
  access: { authenticationMode: "API_AND_CONFIG_MAP", clusterCreatorAdmin: true, entries: [] },
  waivers: [],
  addons: {
    "vpc-cni": { version: "latest" },
    coredns: { version: "latest" },
    "kube-proxy": { version: "latest" },
  },
  nodeGroups: [DEFAULT_NODE_GROUP],
  serviceAccounts: [],
  fargateProfiles: [],
  // Off; when on, both built-in node pools, as the EKS console and CLI guide create them (automode-get-started-cli.html).
  autoMode: { enabled: false, nodePools: ["general-purpose", "system"] },
};

/** Managed policies of the cluster role (walk-through: "AmazonEKSClusterPolicy"). */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"] as const;

/**
 * Managed policies the cluster role gets on top of CLUSTER_ROLE_POLICIES with EKS Auto Mode (EKS User Guide, "Amazon
 * EKS Auto Mode cluster IAM role", auto-cluster-iam-role.html); its trust then also allows sts:TagSession.
 */
export const AUTO_MODE_CLUSTER_ROLE_POLICIES = [
  "AmazonEKSComputePolicy",
  "AmazonEKSBlockStoragePolicy",
  "AmazonEKSLoadBalancingPolicy",
  "AmazonEKSNetworkingPolicy",
] as const;

/** Managed policies of the EKS Auto Mode node role (EKS User Guide, "Amazon EKS Auto Mode node IAM role", auto-create-node-role.html). */
export const AUTO_MODE_NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

/** Managed policy of the Fargate pod execution role (EKS User Guide, "Amazon EKS Pod execution IAM role", pod-execution-role.html). */
export const POD_EXECUTION_ROLE_POLICIES = ["AmazonEKSFargatePodExecutionRolePolicy"] as const;

/**
 * Managed policies a cluster's created node roles get: the walk-through's, without the CNI policy when vpc-cni has a
 * role of its own (EKS best practices: the CNI's permissions on its service account, not on every node), and without
 * it in an IPv6 cluster, whose CNI needs the IPv6 policy instead (an inline one: `cniIpv6PolicyStatements`; EKS User
 * Guide, cni-iam-role.html: "If your cluster uses the IPv6 family, then the permissions must be added to an IAM
 * policy that you create").
 */
export function nodeRolePoliciesOf(config: Pick<ClusterConfig, "addons"> & { readonly network?: Pick<ClusterConfig["network"], "ipFamily"> }): readonly string[] {
  const cni = Object.prototype.hasOwnProperty.call(config.addons, "vpc-cni") ? config.addons["vpc-cni"] : undefined;
  return cni?.role || config.network?.ipFamily === "ipv6" ? NODE_ROLE_POLICIES.filter((p) => p !== "AmazonEKS_CNI_Policy") : NODE_ROLE_POLICIES;
}

/** Managed policies of the node role, as the walk-through attaches them. */
export const NODE_ROLE_POLICIES = [
  "AmazonEKS_CNI_Policy",
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryReadOnly",
] as const;

/**
 * Add-ons that run as DaemonSets nodes need in order to become Ready (pod networking, service routing,
 * pod credentials). Node groups wait for these; every other add-on (coredns first of all) runs as a
 * Deployment and waits for the node groups, or it sits DEGRADED on a cluster with nowhere to schedule.
 */
export const ADDONS_BEFORE_NODES: readonly string[] = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];
