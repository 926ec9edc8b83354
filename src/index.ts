/**
 * The construct library: `EksCluster` puts a whole cluster into a stack of your own (typed props, validated on
 * construction); `ClusterStack` is a stack of its own with provider, backend and outputs, for a configuration
 * validated by `loadClusters` / `resolveClusters`; the smaller constructs build the parts.
 */
export { Cluster, ClusterProps, endpointFlags } from "./constructs/cluster/cluster";
export { ClusterAccess, ClusterAccessProps } from "./constructs/cluster/cluster-access";
export { ADDONS_BEFORE_NODES, ClusterAddons, ClusterAddonsProps } from "./constructs/cluster/cluster-addons";
export { ClusterLogGroup, ClusterLogGroupProps } from "./constructs/cluster/cluster-log-group";
export { ClusterStack, ClusterStackOptions } from "./constructs/cluster-stack";
export { AddonRole, ClusterParts, EksCluster, EksClusterProps } from "./constructs/eks-cluster";
export { OidcProvider, OidcProviderProps } from "./constructs/identity/oidc-provider";
export { ServiceAccountRole, ServiceAccountRoleProps } from "./constructs/identity/service-account-role";
export { CLUSTER_ROLE_POLICIES, DEFAULT_CLUSTER, DEFAULT_NODE_GROUP, NODE_ROLE_POLICIES } from "./config/defaults";
export { ConfigError, ConfigFileError, LoadedClusters, loadClusters, resolveClusters } from "./config/load";
export * from "./config/schema";
export { ManagedNodeGroup, ManagedNodeGroupProps } from "./constructs/managed-node-group";
export { EKS_UNSUPPORTED_ZONE_IDS, NetworkLookup, NetworkLookupProps } from "./constructs/network-lookup";
export { NodeLaunchTemplate, NodeLaunchTemplateProps } from "./constructs/node-launch-template";
export { ReadableStack } from "./constructs/readable-stack";
export { Finding, findingsOf } from "./review/findings";
export { SecretsEncryptionKey, SecretsEncryptionKeyProps } from "./constructs/cluster/secrets-encryption-key";
export { ServiceRole, ServiceRoleProps, trustPolicy } from "./constructs/service-role";
// The typed input of `resolveClusters` / `EksCluster`, generated from the schema (src/config/input.ts), and the entry point for untyped data.
export * from "./config/input";
export { resolveParsed } from "./config/load";
