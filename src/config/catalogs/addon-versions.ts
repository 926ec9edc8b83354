/**
 * Amazon EKS add-ons: the Kubernetes service account and namespace each add-on's controller runs as, the AWS managed
 * policy its IAM role needs, and add-on versions EKS has offered per Kubernetes minor version.
 *
 * Sources (retrieved 2026-12-01 from stored copies; each version list entry carries a tag naming its source):
 * [UG-ADDONS] EKS User Guide "AWS add-ons", awsdocs/amazon-eks-user-guide
 *   latest/ug/workloads/workloads-add-ons-available-eks.adoc @ 027430e09023d12ec3beccce4c646a11a270a5cb (undated):
 *   add-on names, required IAM permissions, the `eksctl create iamserviceaccount --name/--namespace` of each add-on.
 * [UG-COMMUNITY] EKS User Guide "Community add-ons", latest/ug/workloads/community-addons.adoc
 *   @ 013856044148d6eeed4723027a45aa2180536bcb (undated): metrics-server namespace / service account / IAM.
 * [CN-MD] EKS User Guide pages as served by docs.amazonaws.cn in markdown (newest copies found; they carry 1.35 rows):
 *   https://docs.amazonaws.cn/eks/latest/userguide/managing-vpc-cni.md,
 *   https://docs.amazonaws.cn/zh_cn/eks/latest/userguide/managing-kube-proxy.md,
 *   https://docs.amazonaws.cn/zh_cn/eks/latest/userguide/managing-coredns.md (undated; 2026, after 1.35's release).
 *   They are the China-Region copies of the global pages; that the same builds exist in every partition is assumed.
 * [CN-HTML] the older docs.amazonaws.cn HTML copies of managing-kube-proxy / pod-networking (1.28-1.34 rows, late 2025).
 * [AWS-HTML] https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html (1.28-1.34 rows, late 2025).
 * [UG-2025] awsdocs/amazon-eks-user-guide managing-coredns.adoc / managing-vpc-cni.adoc @ 057948d9301426e6165db5fddb5617a971d08b6c
 *   and managing-kube-proxy.adoc @ d9a9cba5f72775824492cfad11b145ebc1367ceb (mid-2025).
 * [BLUEPRINTS] awslabs/cdk-eks-blueprints lib/addons/<addon>/index.ts `versionMap`, HEAD 05d3dbd0a462409bf002c989750d0de13bf83af2
 *   (2026-07-01); the maps were last changed in 0b82904e63fdb198505f94f27726d0da40a6dbeb (2026-04-08, "EKS Kubernetes
 *   1.35 support"). One version per minor that the project pins as known-good; the cloud-watch-insights file says its
 *   map comes from `aws eks describe-addon-versions`.
 * [PR-1224] awslabs/cdk-eks-blueprints pull request #1224 (2026-02-16): 1.34 versions "from aws eks describe-addon-versions
 *   --kubernetes-version 1.34" and the AWS version tables.
 * [PR-1168] awsdocs/amazon-eks-user-guide pull request #1168 (2025-11-14, closed unmerged): kube-proxy versions "to match
 *   publicly available versions from EKS API (aws eks describe-addon-versions)".
 * [MITODL] mitodl/ol-infrastructure pull request #5959 (2026-09-21): aws-ebs-csi-driver v1.66.0-eksbuild.1 is the
 *   `defaultVersion` for 1.36 (clusters ran v1.65.0-eksbuild.1); aws-efs-csi-driver v3.4.2-eksbuild.1 is the newest for 1.36.
 * [ZALANDO] zalando-incubator/kubernetes-on-aws pull request #11668 (2026-07-15): kube-proxy v1.35.3-eksbuild.13.
 * [MOJ] ministryofjustice/cloud-platform-infrastructure pull request #4676 (2026-07-07): kube-proxy for 1.33 from
 *   v1.33.10-eksbuild.5 to v1.33.10-eksbuild.13.
 * [NEBARI] nebari-dev/nebari issue #3016 (2025-04-02): aws-ebs-csi-driver v1.41.0-eksbuild.1 on a 1.28 cluster.
 *
 * Known gaps (read before relying on the lists):
 * - A list is "versions some source saw offered for that minor", never the full set and never proof a version is
 *   still offered today. The User Guide tables have listed builds the API did not offer (PR-1168 corrected seven). Ask
 *   `aws eks describe-addon-versions --addon-name <name> --kubernetes-version <minor>` (or the provider's
 *   `aws_eks_addon_version` data source) before pinning.
 * - No per-minor data was found for snapshot-controller, aws-mountpoint-s3-csi-driver, metrics-server (as an EKS add-on)
 *   or eks-node-monitoring-agent, and none at all for Kubernetes 1.36 except aws-ebs-csi-driver / aws-efs-csi-driver.
 *   Their `versions` are empty (or partial) on purpose.
 * - Namespaces the sources do not state are left undefined (`// unconfirmed:` notes say what is likely).
 */

export interface AddonCatalogEntry {
  /** Kubernetes service account of the add-on's controller that an IAM role (IRSA or Pod Identity) is bound to. */
  readonly serviceAccount?: string;
  readonly namespace?: string;
  /** AWS managed policy (name, not ARN) the add-on's IAM role needs; undefined when none is needed or none exists. */
  readonly managedPolicy?: string;
  /** Path of the managed policy in its ARN, e.g. `service-role/` for arn:aws:iam::aws:policy/service-role/<name>. */
  readonly managedPolicyPath?: string;
  /** Further managed policies the User Guide lists for the same role. */
  readonly additionalManagedPolicies?: readonly string[];
  /** Whether the add-on needs an IAM role of its own at all. */
  readonly needsIamRole: boolean;
  readonly note?: string;
  /** Kubernetes minor -> add-on versions seen offered for it (newest first; sources in the trailing comments). */
  readonly versions: Readonly<Record<string, readonly string[]>>;
}

export const ADDON_VERSIONS: Readonly<Record<string, AddonCatalogEntry>> = {
  "vpc-cni": {
    serviceAccount: "aws-node", // [UG-ADDONS] eksctl create iamserviceaccount --name aws-node --namespace kube-system
    namespace: "kube-system",
    managedPolicy: "AmazonEKS_CNI_Policy", // [UG-ADDONS] for IPv4 clusters
    needsIamRole: true,
    note:
      "IPv6 clusters need a customer-managed policy with the permissions in amazon-vpc-cni-k8s docs/iam-policy.md#ipv6-mode " +
      "instead of AmazonEKS_CNI_Policy [UG-ADDONS]. Update one minor version of the add-on at a time [UG-ADDONS].",
    versions: {
      "1.35": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.21.1-eksbuild.1" /* BLUEPRINTS */],
      "1.34": [
        "v1.21.1-eksbuild.7", // CN-MD
        "v1.21.1-eksbuild.3", // PR-1224
        "v1.20.4-eksbuild.2", // BLUEPRINTS
        "v1.20.4-eksbuild.1", // CN-HTML
      ],
      "1.33": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.20.4-eksbuild.2" /* BLUEPRINTS */, "v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */],
      "1.32": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.20.4-eksbuild.2" /* BLUEPRINTS */, "v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */],
      "1.31": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.20.4-eksbuild.2" /* BLUEPRINTS */, "v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */],
      "1.30": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */, "v1.19.0-eksbuild.1" /* BLUEPRINTS */],
      "1.29": ["v1.21.1-eksbuild.7" /* CN-MD */, "v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */, "v1.19.0-eksbuild.1" /* BLUEPRINTS */],
      "1.28": ["v1.20.4-eksbuild.1" /* CN-HTML */, "v1.20.1-eksbuild.3" /* UG-2025 */, "v1.19.0-eksbuild.1" /* BLUEPRINTS */],
    },
  },
  coredns: {
    namespace: "kube-system",
    // unconfirmed: service account name; cdk-eks-blueprints uses saName "coredns" (the upstream Deployment's account).
    serviceAccount: "coredns",
    needsIamRole: false, // [UG-ADDONS] "This add-on doesn't require any permissions."
    note: "CoreDNS builds are not tied to one minor: the same build is offered for several minors (e.g. v1.13.2 for 1.33-1.35).",
    versions: {
      "1.35": ["v1.13.2-eksbuild.4" /* CN-MD */, "v1.13.2-eksbuild.3" /* BLUEPRINTS */],
      "1.34": ["v1.13.2-eksbuild.4" /* CN-MD */, "v1.13.2-eksbuild.1" /* PR-1224 */, "v1.12.4-eksbuild.1" /* AWS-HTML */, "v1.12.3-eksbuild.1" /* BLUEPRINTS */],
      "1.33": ["v1.13.2-eksbuild.4" /* CN-MD */, "v1.12.4-eksbuild.1" /* AWS-HTML */, "v1.12.3-eksbuild.1" /* UG-2025 */, "v1.12.1-eksbuild.2" /* BLUEPRINTS */],
      "1.32": ["v1.11.4-eksbuild.33" /* CN-MD */, "v1.11.4-eksbuild.24" /* AWS-HTML */, "v1.11.4-eksbuild.22" /* UG-2025 */, "v1.11.4-eksbuild.2" /* BLUEPRINTS */],
      "1.31": ["v1.11.4-eksbuild.33" /* CN-MD */, "v1.11.4-eksbuild.24" /* AWS-HTML */, "v1.11.4-eksbuild.22" /* UG-2025 */, "v1.11.3-eksbuild.1" /* BLUEPRINTS */],
      "1.30": ["v1.11.4-eksbuild.33" /* CN-MD */, "v1.11.4-eksbuild.24" /* AWS-HTML */, "v1.11.4-eksbuild.22" /* UG-2025 */, "v1.11.1-eksbuild.8" /* BLUEPRINTS */],
      "1.29": ["v1.11.4-eksbuild.24" /* AWS-HTML */, "v1.11.4-eksbuild.22" /* UG-2025 */, "v1.11.1-eksbuild.4" /* BLUEPRINTS */],
      "1.28": ["v1.10.1-eksbuild.38" /* AWS-HTML, UG-2025 */, "v1.10.1-eksbuild.4" /* BLUEPRINTS */],
    },
  },
  "kube-proxy": {
    namespace: "kube-system",
    // unconfirmed: service account name; cdk-eks-blueprints uses saName "kube-proxy".
    serviceAccount: "kube-proxy",
    needsIamRole: false, // [UG-ADDONS] "This add-on doesn't require any permissions."
    note: "Builds follow the cluster minor: see KUBE_PROXY_VERSION_RULE.",
    versions: {
      "1.35": ["v1.35.3-eksbuild.13" /* ZALANDO */, "v1.35.3-eksbuild.2" /* CN-MD */, "v1.35.0-eksbuild.2" /* BLUEPRINTS */],
      "1.34": [
        "v1.34.6-eksbuild.2", // CN-MD
        "v1.34.3-eksbuild.2", // PR-1224
        "v1.34.1-eksbuild.2", // CN-HTML
        "v1.34.0-eksbuild.4", // PR-1168
        "v1.34.0-eksbuild.2", // BLUEPRINTS
      ],
      "1.33": [
        "v1.33.10-eksbuild.13", // MOJ
        "v1.33.10-eksbuild.5", // MOJ
        "v1.33.10-eksbuild.2", // CN-MD
        "v1.33.5-eksbuild.2", // CN-HTML
        "v1.33.3-eksbuild.10", // PR-1168
        "v1.33.3-eksbuild.4", // BLUEPRINTS
      ],
      "1.32": [
        "v1.32.13-eksbuild.5", // CN-MD
        "v1.32.9-eksbuild.2", // CN-HTML
        "v1.32.6-eksbuild.12", // PR-1168, BLUEPRINTS
        "v1.32.3-eksbuild.7", // UG-2025
      ],
      "1.31": [
        "v1.31.14-eksbuild.9", // CN-MD
        "v1.31.13-eksbuild.2", // CN-HTML
        "v1.31.10-eksbuild.12", // PR-1168, BLUEPRINTS
        "v1.31.7-eksbuild.7", // UG-2025
      ],
      "1.30": [
        "v1.30.14-eksbuild.28", // CN-MD
        "v1.30.14-eksbuild.18", // PR-1168
        "v1.30.14-eksbuild.8", // CN-HTML
        "v1.30.11-eksbuild.5", // UG-2025
        "v1.30.0-eksbuild.3", // BLUEPRINTS
      ],
      "1.29": [
        "v1.29.15-eksbuild.26", // PR-1168
        "v1.29.15-eksbuild.16", // CN-HTML
        "v1.29.15-eksbuild.5", // UG-2025
        "v1.29.0-eksbuild.1", // BLUEPRINTS
      ],
      "1.28": [
        "v1.28.15-eksbuild.41", // PR-1168
        "v1.28.15-eksbuild.31", // CN-HTML
        "v1.28.15-eksbuild.20", // UG-2025
        "v1.28.2-eksbuild.2", // BLUEPRINTS
      ],
    },
  },
  "eks-pod-identity-agent": {
    namespace: "kube-system", // unconfirmed: not stated in [UG-ADDONS]; the agent DaemonSet is commonly in kube-system
    // unconfirmed: no service account of its own needs an IAM role; cdk-eks-blueprints uses saName "eks-pod-identity-agent-sa".
    needsIamRole: false, // [UG-ADDONS] "This add-on users [sic] permissions from the Amazon EKS node IAM role."
    note: "Update one minor version of the add-on at a time [UG-ADDONS]. Needs the eks-auth endpoint (see regions.ts).",
    versions: {
      "1.35": ["v1.3.10-eksbuild.2" /* BLUEPRINTS */],
      "1.34": ["v1.3.10-eksbuild.2" /* BLUEPRINTS */, "v1.3.8-eksbuild.2" /* PR-1224 */],
      "1.33": ["v1.3.10-eksbuild.2" /* BLUEPRINTS */],
      "1.32": ["v1.3.10-eksbuild.2" /* BLUEPRINTS */],
      "1.31": ["v1.3.10-eksbuild.2" /* BLUEPRINTS */],
      "1.30": ["v1.3.2-eksbuild.2" /* BLUEPRINTS */],
      "1.29": ["v1.3.2-eksbuild.2" /* BLUEPRINTS */],
      "1.28": ["v1.3.2-eksbuild.2" /* BLUEPRINTS */],
    },
  },
  "aws-ebs-csi-driver": {
    serviceAccount: "ebs-csi-controller-sa", // [UG-ADDONS]
    namespace: "kube-system",
    managedPolicy: "AmazonEBSCSIDriverPolicy", // [UG-ADDONS] arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy
    managedPolicyPath: "service-role/",
    needsIamRole: true,
    note: "Volumes encrypted with a customer managed KMS key need extra KMS permissions (User Guide csi-iam-role).",
    versions: {
      "1.36": ["v1.66.0-eksbuild.1" /* MITODL, defaultVersion */, "v1.65.0-eksbuild.1" /* MITODL */],
      "1.35": ["v1.57.1-eksbuild.1" /* BLUEPRINTS */],
      "1.34": ["v1.56.0-eksbuild.1" /* BLUEPRINTS */, "v1.48.0-eksbuild.2" /* PR-1224 */],
      "1.33": ["v1.56.0-eksbuild.1" /* BLUEPRINTS */],
      "1.32": ["v1.56.0-eksbuild.1" /* BLUEPRINTS */],
      "1.31": ["v1.56.0-eksbuild.1" /* BLUEPRINTS */],
      "1.30": ["v1.36.0-eksbuild.1" /* BLUEPRINTS */],
      "1.29": ["v1.36.0-eksbuild.1" /* BLUEPRINTS */],
      "1.28": ["v1.41.0-eksbuild.1" /* NEBARI */, "v1.36.0-eksbuild.1" /* BLUEPRINTS */],
    },
  },
  "aws-efs-csi-driver": {
    serviceAccount: "efs-csi-controller-sa", // [UG-ADDONS]
    namespace: "kube-system",
    managedPolicy: "AmazonEFSCSIDriverPolicy", // [UG-ADDONS] arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy
    managedPolicyPath: "service-role/",
    needsIamRole: true,
    note:
      "[UG-ADDONS] rewrites the role's trust policy to match `efs-csi-*` (StringLike), so the node service account " +
      "can assume the same role as efs-csi-controller-sa.",
    versions: {
      "1.36": ["v3.4.2-eksbuild.1" /* MITODL: newest offered for 1.36 */],
      // unconfirmed: no per-minor data found for 1.28-1.35 (cdk-eks-blueprints installs this one by Helm chart).
    },
  },
  "snapshot-controller": {
    // unconfirmed: namespace not stated in [UG-ADDONS] (likely kube-system).
    needsIamRole: false, // [UG-ADDONS] "This add-on doesn't require any permissions."
    versions: {}, // unconfirmed: no per-minor version data found
  },
  "amazon-cloudwatch-observability": {
    serviceAccount: "cloudwatch-agent", // [UG-ADDONS] --name cloudwatch-agent --namespace amazon-cloudwatch
    namespace: "amazon-cloudwatch",
    managedPolicy: "CloudWatchAgentServerPolicy", // [UG-ADDONS]
    additionalManagedPolicies: ["AWSXrayWriteOnlyAccess"], // [UG-ADDONS] both are listed as required
    needsIamRole: true,
    versions: {
      "1.35": ["v5.3.1-eksbuild.1" /* BLUEPRINTS */],
      "1.34": ["v4.10.1-eksbuild.1" /* BLUEPRINTS */],
      "1.33": ["v4.10.1-eksbuild.1" /* BLUEPRINTS */],
      "1.32": ["v4.10.1-eksbuild.1" /* BLUEPRINTS */],
      "1.31": ["v2.3.0-eksbuild.1" /* BLUEPRINTS */],
      "1.30": ["v2.3.0-eksbuild.1" /* BLUEPRINTS */],
      "1.29": ["v2.3.0-eksbuild.1" /* BLUEPRINTS */],
      "1.28": ["v2.3.0-eksbuild.1" /* BLUEPRINTS */],
    },
  },
  "aws-mountpoint-s3-csi-driver": {
    serviceAccount: "s3-csi-driver-sa", // [UG-ADDONS] --name s3-csi-driver-sa --namespace kube-system
    namespace: "kube-system",
    // No managed policy is required: [UG-ADDONS] asks for a policy built from the Mountpoint IAM permissions
    // recommendations (awslabs/mountpoint-s3 doc/CONFIGURATION.md#iam-permissions); AmazonS3FullAccess works but
    // "grants more permissions than are needed for Mountpoint".
    needsIamRole: true,
    note: "Needs a customer-managed S3 policy scoped to the mounted buckets.",
    versions: {}, // unconfirmed: no per-minor version data found (cdk-eks-blueprints installs it by Helm chart 2.4.1)
  },
  "metrics-server": {
    namespace: "kube-system", // [UG-COMMUNITY]
    // [UG-COMMUNITY] "Service account name: None", "Managed IAM policy: None", "Custom IAM permissions: None".
    needsIamRole: false,
    note: "Community add-on (owner `community`): AWS validates version compatibility only [UG-COMMUNITY].",
    versions: {}, // unconfirmed: no per-minor version data found for the EKS add-on
  },
  "eks-node-monitoring-agent": {
    // unconfirmed: namespace not stated in [UG-ADDONS].
    needsIamRole: false, // [UG-ADDONS] "This add-on doesn't require additional permissions."
    note: "Its health signals feed managed node group node auto repair [UG-ADDONS].",
    versions: {}, // unconfirmed: no per-minor version data found
  },
};

/**
 * kube-proxy add-on builds exist only for the cluster's own Kubernetes minor: a `v1.X.y-eksbuild.N` version is offered
 * for clusters on 1.X and no other.
 *
 * // unconfirmed as a single documented sentence: no User Guide sentence in the stored copies says "only the cluster's
 * // minor" in those words. The rule is inferred from:
 * - managing-kube-proxy (every copy, e.g. [UG-2025], [CN-MD]): "The following table lists the latest version of the
 *   Amazon EKS add-on type for each Kubernetes version." Every row's version starts with that row's minor
 *   (1.35 -> v1.35.3-eksbuild.2, 1.34 -> v1.34.6-eksbuild.2, ...), unlike CoreDNS and VPC CNI whose builds repeat
 *   across minors.
 * - workloads-add-ons-available-eks.adoc [UG-ADDONS] and kube-proxy-add-on-self-managed-update.adoc:
 *   "`Kube-proxy` on an Amazon EKS cluster has the same compatibility and skew policy as Kubernetes."
 * - awsdocs/amazon-eks-user-guide pull request #700 (2023-03-10): `aws eks describe-addon-versions --addon-name
 *   kube-proxy --kubernetes-version 1.25` returns `v1.25.6-eksbuild.2` with `compatibilities: [{ clusterVersion: "1.25" }]`
 *   only (and v1.24.10-eksbuild.2 for 1.24).
 * Consequence for a plan: after a control-plane upgrade the kube-proxy add-on must move to a build of the new minor.
 */
export const KUBE_PROXY_VERSION_RULE = {
  addon: "kube-proxy",
  /** Capture group 1 = Kubernetes minor as "1.X". */
  versionPattern: /^v(\d+\.\d+)\.\d+-eksbuild\.\d+$/,
  rule: "the minor in the add-on version (v1.X.y-eksbuild.N) must equal the cluster's Kubernetes minor (1.X)",
  sourceSentences: [
    "The following table lists the latest version of the Amazon EKS add-on type for each Kubernetes version.",
    "`Kube-proxy` on an Amazon EKS cluster has the same compatibility and skew policy as Kubernetes.",
  ],
  confidence: "inferred",
} as const;

/** The table's entry of an add-on, or undefined (any name is looked up as an own key: `constructor` is no entry). */
export function addonCatalogEntry(name: string): AddonCatalogEntry | undefined {
  return Object.prototype.hasOwnProperty.call(ADDON_VERSIONS, name) ? ADDON_VERSIONS[name] : undefined;
}
