/**
 * The security rules REVIEW.md and `npm run check` apply, each with the Checkov and Trivy rule ids a reviewer can
 * cross-check with, a severity (Trivy's, where Trivy has the rule) and the config key that fixes it.
 */
export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";

export interface SecurityRule {
  /** Our name of the rule. */
  readonly key: string;
  /** Checkov / Trivy ids (or ours, where neither has the rule); a waiver may name any of them. */
  readonly ids: readonly string[];
  readonly severity: Severity;
  readonly title: string;
  /** The config key that fixes it, as the user would write it. */
  readonly fix: string;
}

export const SECURITY_RULES: readonly SecurityRule[] = [
  {
    key: "public-endpoint",
    ids: ["CKV_AWS_39", "AVD-AWS-0040"],
    severity: "CRITICAL",
    title: "Public Kubernetes API endpoint enabled",
    fix: "endpoint: { access: private }",
  },
  {
    key: "open-endpoint",
    ids: ["CKV_AWS_38", "AVD-AWS-0041"],
    severity: "CRITICAL",
    title: "Public endpoint open to 0.0.0.0/0",
    fix: "endpoint: { publicAccessCidrs: [<your networks>] }",
  },
  {
    key: "control-plane-logs",
    ids: ["CKV_AWS_37", "AVD-AWS-0038"],
    severity: "MEDIUM",
    title: "Not all control-plane log types enabled",
    fix: "logging: { types: [api, audit, authenticator, controllerManager, scheduler] }",
  },
  {
    key: "secrets-encryption",
    ids: ["CKV_AWS_58", "AVD-AWS-0039"],
    severity: "HIGH",
    title: "Kubernetes secrets not encrypted with a KMS key",
    fix: "secretsEncryption: { createKey: true }",
  },
  {
    key: "open-ssh",
    ids: ["CKV_AWS_100"],
    severity: "HIGH",
    title: "Node SSH open without source security groups",
    fix: "nodeGroups[].remoteAccess.sourceSecurityGroupIds, or no remoteAccess",
  },
  {
    key: "imdsv2",
    ids: ["AVD-AWS-0130", "CKV_AWS_79"],
    severity: "HIGH",
    title: "Nodes without an IMDSv2-required launch template",
    fix: "nodeGroups[].imds: { hopLimit: 1 }",
  },
  {
    // Checkov CKV_AWS_8 and Trivy AVD-AWS-0008 check aws_launch_configuration / aws_instance block devices, not a
    // launch template's, so the id is ours. Without a launch template, EKS CreateNodegroup has no encryption setting
    // (diskSize only): the volume is encrypted only if the account turns on EBS encryption by default (EBS User Guide
    // "Encryption by default", off unless enabled), which the Terraform does not show; this rule judges what it shows.
    key: "node-volume-encryption",
    ids: ["EKS_NODE_VOLUME_UNENCRYPTED"],
    severity: "HIGH",
    title: "Node volumes not encrypted (launch template block device with encrypted false)",
    fix: "nodeGroups[].rootVolume: { encrypted: true } (the default)",
  },
  {
    key: "trust-wildcard",
    ids: ["CKV_AWS_60", "CKV_AWS_61"],
    severity: "HIGH",
    title: "Trust policy allows a wildcard or account-wide principal",
    fix: "clusterRole / nodeGroups[].role: { name } (a role trusted by one service), or fix the given role's trust policy",
  },
  {
    // EKS Best Practices Guide (Networking, "Use IRSA for the CNI" / Security, "Restrict access to the instance
    // profile"): the CNI's permissions belong to its service account, not to every pod that can reach the node role.
    key: "cni-policy-on-node-role",
    ids: ["EKS_CNI_POLICY_ON_NODE_ROLE"],
    severity: "MEDIUM",
    title: "The VPC CNI's policy (AmazonEKS_CNI_Policy) is on the node role",
    fix: "addons.vpc-cni.role: {} (a role of the CNI's own, through Pod Identity or IRSA)",
  },
  {
    // EKS User Guide "Assign IAM roles to Kubernetes service accounts": the trust's StringEquals on <issuer>:sub binds
    // the role to one service account; without it any service account of the cluster can assume the role.
    key: "irsa-trust-without-sub",
    ids: ["EKS_IRSA_TRUST_WITHOUT_SUB"],
    severity: "HIGH",
    title: "A web-identity trust without a :sub condition (any service account of the cluster may assume the role)",
    fix: "serviceAccounts[]: { namespace, name, identity: irsa } (a trust bound to one service account)",
  },
  {
    key: "kubernetes-version",
    ids: ["EKS_VERSION_SUPPORT"],
    severity: "HIGH",
    title: "Kubernetes version past EKS standard support",
    fix: "kubernetesVersion: a version in standard support",
  },
  {
    // Availability rather than security, kept with the findings so a waiver can accept it. AWS: "If you have
    // resources in multiple Availability Zones and they share one NAT gateway, and if the NAT gateway's Availability
    // Zone is down, resources in the other Availability Zones lose internet access. To improve resiliency, create a
    // NAT gateway in each Availability Zone" (Amazon VPC User Guide, "NAT gateway basics"). Production is read from
    // the tags: a key environment, env or stage (any case) with the value prod, production or prd (any case).
    key: "single-nat-gateway",
    ids: ["EKS_SINGLE_NAT_GATEWAY"],
    severity: "MEDIUM",
    title: "Production VPC with one NAT gateway for several zones (its zone's outage cuts every zone's egress)",
    fix: "network: { create: { natGateways: one-per-zone } }",
  },
];

/** Every id a waiver may name. */
export const RULE_IDS: readonly string[] = SECURITY_RULES.flatMap((r) => r.ids);
