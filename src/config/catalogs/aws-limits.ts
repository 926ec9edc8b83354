/**
 * Name, label, taint and list limits the EKS, IAM and EC2 APIs enforce on what this app generates. Tag limits are in
 * tag-rules.ts.
 *
 * Sources (retrieved 2026-12-01 from stored copies):
 * [EKS-MODEL] botocore/data/eks/2017-11-01/service-2.json, boto/botocore develop @ 0e6e2404b85dc336dd2889814e089bde7d1a4c55
 *   (botocore 1.43.67; file last changed 58db4a790dd261395b8021d890152dcb24024096, 2026-06-30). The EKS API reference
 *   pages CreateCluster, CreateNodegroup, Taint and TagResource (https://docs.aws.amazon.com/eks/latest/APIReference/)
 *   are generated from this model: `ClusterName` min 1 max 100 pattern `^[0-9A-Za-z][A-Za-z0-9\-_]*`;
 *   `labelKey` min 1 max 63; `labelValue` min 1 max 63; `taintKey` min 1 max 63; `taintValue` min 0 max 63;
 *   `NodegroupScalingConfig.minSize`/`desiredSize` min 0, `maxSize` min 1; `NodegroupUpdateConfig.maxUnavailable` min 1
 *   ("The maximum number is 100"), `maxUnavailablePercentage` 1-100; `nodegroupName` and `publicAccessCidrs` carry no
 *   length constraint in the model; `instanceTypes`: "you can specify 0-20 instance types".
 * [EKS-UG] awsdocs/amazon-eks-user-guide snapshot 4d52b4d05e3478582e7d10a73cbd9ba9194dd5f7 (2024-12-18):
 *   nodes/create-managed-node-group.adoc "The node group name can't be longer than 63 characters. It must start with
 *   letter or digit, but can also include hyphens and underscores for the remaining characters.";
 *   ml/node-taints-managed-node-groups.adoc (taint key/value rules, "A maximum of 50 taints are allowed per node group.").
 * [EKS-QUOTAS] AWS General Reference "Amazon Elastic Kubernetes Service endpoints and quotas"
 *   (https://docs.aws.amazon.com/general/latest/gr/eks.html#limits_eks), markdown copy in the search index (undated,
 *   2025 or later: it lists ap-southeast-6): "Public endpoint access CIDR ranges per cluster | Each supported Region: 40
 *   | No" (not adjustable), "Control plane security groups per cluster | 4 | No", "Managed node groups per cluster | 30",
 *   "Nodes per managed node group | 450", "Access entries per cluster | 3,000 | No".
 * [IAM-MODEL] botocore/data/iam/2010-05-08/service-2.json (same snapshot): `roleNameType` min 1 max 64 pattern
 *   `[\w+=,.@-]+`; `instanceProfileNameType` and `policyNameType` min 1 max 128, same pattern; `pathType` 1-512.
 * [EC2-MODEL] botocore/data/ec2/2016-11-15/service-2.json (same snapshot): CreateKeyPair `KeyName` "A unique name for the
 *   key pair. Constraints: Up to 255 ASCII characters" (plain `String`, no pattern).
 * [K8S] kubernetes/apimachinery pkg/util/validation/validation.go, seen in vendored copies in the code index:
 *   `qualifiedNameMaxLength = 63`, name part `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, optional prefix a DNS-1123
 *   subdomain (max 253) followed by `/`; `LabelValueMaxLength = 63`, label value may be empty. Also
 *   https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set.
 *
 * Known gaps:
 * - The EKS model's 63-character limit on `labelKey`/`taintKey` applies to the whole key, prefix included; the User
 *   Guide's taint note says a key with a DNS subdomain prefix "can be 253 characters long". The two disagree; the API
 *   model (63) is what the request validator checks. // unconfirmed which one EKS enforces for prefixed taint keys.
 * - EKS `labelValue` has min 1: an empty label value, legal in Kubernetes, is rejected by the EKS API model.
 * - Node group names: 63 comes from the User Guide only (no model constraint); the EKS console and eksctl docs agree.
 * - EC2 key pair names: the API says "Up to 255 ASCII characters"; that only printable ASCII (0x20-0x7E) is accepted and
 *   leading/trailing spaces are rejected is // unconfirmed (only a CloudFormation sample uses `[\x20-\x7E]*`).
 */

/** Amazon EKS cluster name [EKS-MODEL ClusterName, CreateCluster `name` docs]. */
export const EKS_CLUSTER_NAME = {
  minLength: 1,
  maxLength: 100,
  /** Model pattern (unanchored at the end in the model; anchored here as the docs describe the whole name). */
  pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
  rule: "alphanumeric characters (case-sensitive), hyphens, and underscores; starts with an alphanumeric character; 1-100",
} as const;

/** Managed node group name [EKS-UG]; the API model has no constraint. */
export const EKS_NODEGROUP_NAME = {
  minLength: 1,
  maxLength: 63,
  pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
  rule: "can't be longer than 63 characters; starts with a letter or digit; then letters, digits, hyphens, underscores",
} as const;

/** Kubernetes labels on a managed node group (CreateNodegroup `labels`) [EKS-MODEL] and in Kubernetes [K8S]. */
export const NODEGROUP_LABELS = {
  /** EKS API: whole key 1-63 characters. */
  eksKeyMinLength: 1,
  eksKeyMaxLength: 63,
  /** EKS API: value 1-63 characters (empty not allowed). */
  eksValueMinLength: 1,
  eksValueMaxLength: 63,
  /** Kubernetes: name part max 63, optional DNS-subdomain prefix max 253, value max 63 and may be empty. */
  k8sNameMaxLength: 63,
  k8sPrefixMaxLength: 253,
  k8sValueMaxLength: 63,
  k8sNamePattern: /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/,
  k8sPrefixPattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  k8sValuePattern: /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
  note:
    "A valid node group label must satisfy both: Kubernetes syntax, and the EKS API's 63-character limit on the whole " +
    "key (prefix included) and non-empty value.",
} as const;

/** Taints on a managed node group [EKS-MODEL Taint, EKS-UG node-taints-managed-node-groups]. */
export const NODEGROUP_TAINTS = {
  maxPerNodegroup: 50,
  keyMinLength: 1,
  keyMaxLength: 63,
  valueMinLength: 0,
  valueMaxLength: 63,
  effects: ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"],
  rule:
    "key starts with a letter or number and contains letters, numbers, hyphens, periods and underscores (an optional " +
    "DNS subdomain prefix and `/` may precede it); value optional, same characters, starts with a letter or number",
  // unconfirmed: [EKS-UG] says a prefixed key "can be 253 characters long"; [EKS-MODEL] caps taintKey at 63.
} as const;

/** EC2 key pair name for managed node group SSH (`remoteAccess.ec2SshKey`) [EC2-MODEL CreateKeyPair KeyName]. */
export const EC2_KEY_PAIR_NAME = {
  minLength: 1,
  maxLength: 255,
  rule: "Up to 255 ASCII characters",
  /** // unconfirmed: printable ASCII only; taken from a CloudFormation sample, not from EC2 documentation. */
  printableAsciiPattern: /^[\x20-\x7E]+$/,
} as const;

/** IAM names [IAM-MODEL]. */
export const IAM_ROLE_NAME = { minLength: 1, maxLength: 64, pattern: /^[\w+=,.@-]+$/ } as const;
export const IAM_INSTANCE_PROFILE_NAME = { minLength: 1, maxLength: 128, pattern: /^[\w+=,.@-]+$/ } as const;
export const IAM_POLICY_NAME = { minLength: 1, maxLength: 128, pattern: /^[\w+=,.@-]+$/ } as const;

/** Cluster endpoint `publicAccessCidrs` [EKS-QUOTAS]. */
export const PUBLIC_ACCESS_CIDRS = {
  maxPerCluster: 40,
  adjustable: false,
  note:
    "Default 0.0.0.0/0 (plus ::/0 for dual-stack IPv6 clusters made after October 2024); IPv6 CIDRs can't be added to " +
    "IPv4 clusters [EKS-MODEL VpcConfigRequest.publicAccessCidrs].",
} as const;

/** Other per-cluster quotas the config can run into [EKS-QUOTAS] (defaults; `adjustable` ones can be raised). */
export const EKS_QUOTAS = {
  controlPlaneSecurityGroupsPerCluster: { value: 4, adjustable: false },
  managedNodeGroupsPerCluster: { value: 30, adjustable: true },
  nodesPerManagedNodeGroup: { value: 450, adjustable: true },
  accessEntriesPerCluster: { value: 3000, adjustable: false },
  clustersPerRegion: { value: 100, adjustable: true },
  /** [EKS-MODEL CreateNodegroup instanceTypes] without a launch-template instance type. */
  instanceTypesPerNodegroup: { value: 20, adjustable: false },
  /** [EKS-MODEL NodegroupUpdateConfig.maxUnavailable] "The maximum number is 100"; percentage 1-100. */
  maxUnavailableNodes: { value: 100, adjustable: false },
} as const;
