/**
 * The construct library: use the constructs in a cdktf app of your own, or `ClusterStack` with a configuration
 * validated by `loadClusters` / `resolveClusters`.
 */
export { Cluster, ClusterProps, endpointFlags } from "./constructs/cluster/cluster";
export { ClusterAccess, ClusterAccessProps } from "./constructs/cluster/cluster-access";
export { ADDONS_BEFORE_NODES, ClusterAddons, ClusterAddonsProps } from "./constructs/cluster/cluster-addons";
export { ClusterLogGroup, ClusterLogGroupProps } from "./constructs/cluster/cluster-log-group";
export { ClusterStack, ClusterStackOptions } from "./constructs/cluster-stack";
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
