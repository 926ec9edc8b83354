/**
 * The construct library: use the constructs in a cdktf app of your own, or `ClusterStack` with a configuration
 * validated by `loadClusters` / `resolveClusters`.
 */
export { Cluster, ClusterProps, endpointFlags } from "./cluster";
export { ClusterAccess, ClusterAccessProps } from "./cluster-access";
export { ADDONS_BEFORE_NODES, ClusterAddons, ClusterAddonsProps } from "./cluster-addons";
export { ClusterLogGroup, ClusterLogGroupProps } from "./cluster-log-group";
export { ClusterStack, ClusterStackOptions } from "./cluster-stack";
export { CLUSTER_ROLE_POLICIES, DEFAULT_CLUSTER, DEFAULT_NODE_GROUP, NODE_ROLE_POLICIES } from "./config/defaults";
export { ConfigError, ConfigFileError, LoadedClusters, loadClusters, resolveClusters } from "./config/load";
export * from "./config/schema";
export { ManagedNodeGroup, ManagedNodeGroupProps } from "./managed-node-group";
export { EKS_UNSUPPORTED_ZONE_IDS, NetworkLookup, NetworkLookupProps } from "./network-lookup";
export { NodeLaunchTemplate, NodeLaunchTemplateProps } from "./node-launch-template";
export { ReadableStack } from "./readable-stack";
export { Finding, findingsOf } from "./review/findings";
export { SecretsEncryptionKey, SecretsEncryptionKeyProps } from "./secrets-encryption-key";
export { ServiceRole, ServiceRoleProps, trustPolicy } from "./service-role";
