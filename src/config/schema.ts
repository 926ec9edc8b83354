/**
 * The cluster configuration: the one source of the TypeScript types, the validation of config files, how a file
 * merges onto the embedded default, the JSON Schema (cluster-config.schema.json) and the reference page.
 * Rules that span several keys live in rules.ts; the embedded default cluster in defaults.ts, which builds on this
 * file (this one imports nothing of the config layer but its building blocks and the finding ids waivers name).
 */
import { EC2_KEY_PAIR_NAME, NODEGROUP_LABELS, NODEGROUP_TAINTS } from "./catalogs/aws-limits";
import { RULE_IDS } from "./catalogs/security-rules";
import { AWS_TAG_CHARACTERS } from "./catalogs/tag-rules";
export { roleKey } from "./names";
import { defaultNodeRoleName } from "./role-names";
import { array, boolean, enumOf, Infer, integer, jsonMap, object, optional, record, string, StringCheck } from "./schema-parts";

export const ENDPOINT_ACCESS_VALUES = ["public", "public-and-private", "private"] as const;
export type EndpointAccess = (typeof ENDPOINT_ACCESS_VALUES)[number];

export const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type LogType = (typeof LOG_TYPES)[number];

export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

/** AMI types that hashicorp/aws 5.100.0 accepts for `aws_eks_node_group.ami_type`. */
export const AMI_TYPES = [
  "AL2023_x86_64_STANDARD",
  "AL2023_ARM_64_STANDARD",
  "AL2023_x86_64_NEURON",
  "AL2023_x86_64_NVIDIA",
  "AL2023_ARM_64_NVIDIA",
  "AL2_x86_64",
  "AL2_x86_64_GPU",
  "AL2_ARM_64",
  "BOTTLEROCKET_x86_64",
  "BOTTLEROCKET_ARM_64",
  "BOTTLEROCKET_x86_64_FIPS",
  "BOTTLEROCKET_ARM_64_FIPS",
  "BOTTLEROCKET_x86_64_NVIDIA",
  "BOTTLEROCKET_ARM_64_NVIDIA",
  "WINDOWS_CORE_2019_x86_64",
  "WINDOWS_FULL_2019_x86_64",
  "WINDOWS_CORE_2022_x86_64",
  "WINDOWS_FULL_2022_x86_64",
  "CUSTOM",
] as const;
export type AmiType = (typeof AMI_TYPES)[number];

export const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export const AUTHENTICATION_MODES = ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"] as const;
export type AuthenticationMode = (typeof AUTHENTICATION_MODES)[number];

/** EKS access policies an access entry can be associated with. */
export const ACCESS_POLICIES = ["AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy", "AmazonEKSEditPolicy", "AmazonEKSViewPolicy"] as const;
export type AccessPolicy = (typeof ACCESS_POLICIES)[number];

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const SUPPORT_TYPES = ["STANDARD", "EXTENDED"] as const;

// ---- value checks -------------------------------------------------------------------------------------------

/** `a.b.c.d/n` with host bits zero; the problem in words otherwise. */
export function cidrProblem(value: string): { rule: string; fix: string } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    return { rule: "must be an IPv4 CIDR block a.b.c.d/n (n from 0 to 32)", fix: "write it like 203.0.113.0/24" };
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = prefix === 0 ? 0 : address - (address % 2 ** (32 - prefix));
  if (network !== address) {
    const net = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
    return { rule: `has host bits set: ${value} is not a network address`, fix: `did you mean ${net}/${prefix}?` };
  }
  return undefined;
}

/** The network address and prefix of a valid CIDR. */
export function parseCidr(value: string): { address: number; prefix: number } {
  const [ip, prefix] = value.split("/");
  return { address: ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0), prefix: Number(prefix) };
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

const serviceCidrCheck: StringCheck = (value) => {
  const problem = cidrProblem(value);
  if (problem) return problem;
  const { address, prefix } = parseCidr(value);
  const inside = PRIVATE_RANGES.some((range) => {
    const r = parseCidr(range);
    return prefix >= r.prefix && Math.floor(address / 2 ** (32 - r.prefix)) === Math.floor(r.address / 2 ** (32 - r.prefix));
  });
  if (!inside) return { rule: "must lie inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (EKS requirement)", fix: "use e.g. 172.20.0.0/16" };
  if (prefix < 12 || prefix > 24) return { rule: `must have a mask from /12 to /24, not /${prefix} (EKS requirement)`, fix: "use e.g. 172.20.0.0/16" };
  return undefined;
};

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Kubernetes DNS-1123 label (namespaces): lower-case alphanumerics and -, starting and ending alphanumeric. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes label (or taint) key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export function labelKeyProblem(key: string, what: "label" | "taint"): { rule: string; fix: string } | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return {
      rule: `must be a Kubernetes ${what} key: a name of 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, with an optional 'prefix/'`,
      fix: "e.g. workload or example.com/workload",
    };
  }
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return { rule: "must have a prefix that is a lower-case DNS subdomain of at most 253 characters", fix: "e.g. example.com/workload" };
  }
  if (prefix !== undefined && /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix)) {
    return { rule: "must not use the kubernetes.io/ or k8s.io/ prefixes: Kubernetes reserves them and EKS rejects them", fix: "use a prefix of your own, e.g. example.com/" };
  }
  return undefined;
}

const labelValueCheck: StringCheck = (value) =>
  value === "" || LABEL_NAME.test(value)
    ? undefined
    : { rule: "must be empty or 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", fix: "e.g. batch" };

// ---- schema ---------------------------------------------------------------------------------------------------

const AWS_ID = (prefix: string, what: string) =>
  string({
    description: `${what} id`,
    pattern: new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`),
    patternRule: `must be a ${what} id: ${prefix}- followed by 8 or 17 hex digits`,
    fix: `copy the id from the console, e.g. ${prefix}-0123456789abcdef0`,
  });

/** EKS's rule for cluster and node group names (CreateCluster / CreateNodegroup name pattern). */
export const EKS_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]*$/;
const eksName = (description: string, what: string, maxLength: number, example: string) =>
  string({
    description,
    pattern: EKS_NAME,
    patternRule: `must start with a letter or digit and hold only letters, digits, - and _ (EKS ${what} name rule)`,
    minLength: 1,
    maxLength,
    fix: `use 1-${maxLength} letters, digits, - and _, e.g. ${example}`,
  });

const ARN_PARTITION = "arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?";

/** Patterns the cross-key rules need too. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
export const KUBERNETES_VERSION = /^1\.\d{2}$/;
/** Region codes of every partition: us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1. */
export const AWS_REGION = /^[a-z]{2,4}(-(gov|iso[a-z]?|[a-z]{2}))?-[a-z]+-\d{1,2}$/;

/** A role name to create (IAM API CreateRole RoleName: [\w+=,.@-]+, 1-64). */
const iamRoleName = (example: string, description = "Name of the IAM role to create (default: derived from the cluster's name)") =>
  string({
    description,
    pattern: /^[\w+=,.@-]+$/,
    patternRule: "must be an IAM role name: 1-64 letters, digits or + = , . @ _ -",
    minLength: 1,
    maxLength: 64,
    fix: `e.g. ${example}`,
  });

const roleReference = (defaultName: string) =>
  object(
    {
      name: optional(iamRoleName(defaultName, "Name of the IAM role to create")),
      arn: optional(
        string({
          description: "ARN of an existing IAM role to use; nothing is created",
          pattern: new RegExp(`^${ARN_PARTITION}:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`),
          patternRule: "must be an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<name>",
          fix: "e.g. arn:aws:iam::111122223333:role/existing",
        }),
      ),
    },
    { description: "An IAM role to create (name) or to use (arn)", exactlyOneOf: ["name", "arn"] },
  );

/**
 * What AWS accepts in a tag key or value: letters, spaces and digits of any script and `_ . : / = + - @`. The IAM API
 * enforces it on the roles these tags also go on (IAM API Reference, Tag: pattern `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`;
 * catalogs/tag-rules.ts), as do CloudWatch Logs and KMS. And Terraform reads every string as Unicode NFC, so a key or
 * value in another form would reach AWS changed (and two keys equal in NFC would be one).
 */
const tagTextCheck =
  (what: "key" | "value"): StringCheck =>
  (text) => {
    if (!TAG_TEXT.test(text)) {
      const bad = [...text].find((c) => !TAG_TEXT.test(c)) ?? "";
      return {
        rule: `must hold only letters, digits, spaces and _ . : / = + - @ (the tag ${what} characters IAM and CloudWatch Logs accept), not ${JSON.stringify(bad)}`,
        fix: `remove or replace ${JSON.stringify(bad)}`,
      };
    }
    if (text.normalize("NFC") !== text) {
      return {
        rule: "is not in Unicode normal form C: Terraform normalizes every string to NFC, so AWS would get other characters than these",
        fix: `write it in NFC: ${JSON.stringify(text.normalize("NFC"))}`,
      };
    }
    return undefined;
  };
const TAG_TEXT = new RegExp(`^${AWS_TAG_CHARACTERS}*$`, "u");

const tagsSchema = (what: string) =>
  record(
    string({
      description: "Tag key",
      minLength: 1,
      maxLength: 128,
      allowed: "1-128 letters, digits, spaces and _ . : / = + - @, not starting with aws:",
      checks: [(k) => (/^aws:/i.test(k) ? { rule: "must not start with aws: (reserved by AWS)", fix: "drop the aws: prefix" } : undefined), tagTextCheck("key")],
    }),
    string({ description: "Tag value", minLength: 0, maxLength: 256, allowed: "0-256 letters, digits, spaces and _ . : / = + - @", checks: [tagTextCheck("value")] }),
    { description: `Tags of ${what}`, maxEntries: 50, why: "AWS allows 50 tags per resource" },
  );

const subnetIds = (description: string, minItems: number, why?: string) =>
  array(AWS_ID("subnet", "subnet"), { description, minItems, unique: true, why });

export const scalingSchema = object(
  {
    minSize: integer({ description: "Minimum number of nodes", minimum: 0, maximum: 450 }),
    maxSize: integer({ description: "Maximum number of nodes", minimum: 1, maximum: 450 }),
    desiredSize: integer({ description: "Number of nodes the group should have now", minimum: 0, maximum: 450 }),
  },
  { description: "Node counts: 0 <= minSize <= desiredSize <= maxSize (EKS allows 450 nodes per managed node group)" },
);

export const updateSchema = object(
  {
    maxUnavailable: optional(integer({ description: "Nodes that may be unavailable during an update", minimum: 1, maximum: 100 })),
    maxUnavailablePercentage: optional(
      integer({ description: "Percentage of nodes that may be unavailable during an update", minimum: 1, maximum: 100 }),
    ),
  },
  { description: "How many nodes may be unavailable during a node group update", exactlyOneOf: ["maxUnavailable", "maxUnavailablePercentage"] },
);

export const taintSchema = object(
  {
    // EKS API Taint: key 1-63 characters, the prefix included (catalogs/aws-limits.ts NODEGROUP_TAINTS); Kubernetes
    // alone would allow a 253-character prefix, and the provider refuses such a key at validate.
    key: string({
      description: "Taint key",
      minLength: 1,
      maxLength: NODEGROUP_TAINTS.keyMaxLength,
      fix: "EKS allows 63 characters for the whole taint key, prefix included: shorten the prefix or the name",
      checks: [(k) => labelKeyProblem(k, "taint")],
      allowed: "Kubernetes key [prefix/]name, 1-63 characters in all",
    }),
    value: optional(string({ description: "Taint value", maxLength: 63, checks: [labelValueCheck], allowed: "0-63 letters, digits, - _ ." })),
    effect: enumOf(TAINT_EFFECTS, {
      description: "Taint effect",
      aliases: { NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" },
    }),
  },
  { description: "A Kubernetes taint put on every node of the group" },
);

export const remoteAccessSchema = object(
  {
    // EC2 CreateKeyPair KeyName: "up to 255 ASCII characters" (catalogs/aws-limits.ts EC2_KEY_PAIR_NAME); printable
    // ones only, so no control character reaches the node group or a terminal.
    sshKeyName: string({
      description: "Name of the EC2 key pair for SSH",
      minLength: 1,
      maxLength: EC2_KEY_PAIR_NAME.maxLength,
      pattern: EC2_KEY_PAIR_NAME.printableAsciiPattern,
      patternRule: "must be an EC2 key pair name: printable ASCII characters",
      fix: "name an EC2 key pair of the region",
    }),
    sourceSecurityGroupIds: optional(
      array(AWS_ID("sg", "security group"), {
        description: "Security groups allowed to reach port 22 (none: EKS opens port 22 to 0.0.0.0/0)",
        unique: true,
      }),
    ),
  },
  { description: "SSH access to the nodes" },
);

/** EBS volume types a node's root volume may have (EC2 LaunchTemplateEbsBlockDeviceRequest VolumeType, SSD types). */
export const ROOT_VOLUME_TYPES = ["gp3", "gp2", "io1", "io2"] as const;
export type RootVolumeType = (typeof ROOT_VOLUME_TYPES)[number];

/** KMS key ARN (key id or multi-Region key id; EBS takes the key ARN in a launch template's kms_key_id). */
export const KMS_KEY_ARN = new RegExp(`^${ARN_PARTITION}:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|key/mrk-[0-9a-f]{32})$`);

/**
 * The nodes' root volume (Bottlerocket: the data volume), written into the node group's launch template. Ranges the
 * schema holds are the widest EC2 takes for any of the types; rules/node-group-compute.ts checks each type's own
 * (EC2 API LaunchTemplateEbsBlockDeviceRequest; EBS User Guide "Amazon EBS volume types").
 */
export const rootVolumeSchema = object(
  {
    size: optional(integer({ description: "Size in GiB (default: the node group's diskSize); gp2/gp3/io1 up to 16384, io2 up to 65536", minimum: 1, maximum: 65536 })),
    type: optional(enumOf(ROOT_VOLUME_TYPES, { description: "EBS volume type (default gp3)", why: "the SSD types EC2 boots nodes from" })),
    iops: optional(integer({ description: "Provisioned IOPS: gp3 3000-16000 (default 3000), io1 100-64000, io2 100-256000 (required for io1/io2)", minimum: 100, maximum: 256000 })),
    throughput: optional(integer({ description: "Throughput in MiB/s, gp3 only: 125-1000 (default 125)", minimum: 125, maximum: 1000 })),
    encrypted: optional(boolean({ description: "Encrypt the volume (default true)" })),
    kmsKeyArn: optional(
      string({
        description: "KMS key that encrypts the volume (default: the account's EBS default key, aws/ebs)",
        pattern: KMS_KEY_ARN,
        patternRule: "must be a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>",
        fix: "e.g. arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      }),
    ),
  },
  { description: "The nodes' root volume (Bottlerocket: the data volume /dev/xvdb) in the node group's launch template; replaces diskSize" },
);

/**
 * Kubelet settings passed as node user data: an AL2023 nodeadm NodeConfig (MIME part application/node.eks.aws), or
 * Bottlerocket TOML settings (maxPods only). Flags are restricted to characters that need no quoting in YAML, MIME or
 * Terraform, so they reach the kubelet exactly as written.
 */
export const kubeletSchema = object(
  {
    maxPods: optional(integer({ description: "Pods per node (kubelet maxPods); EKS recommends at most 110, or 250 on instances of 30 vCPUs or more", minimum: 1, maximum: 250 })),
    flags: optional(
      array(
        string({
          description: "A kubelet command-line flag, --name=value",
          pattern: /^--[a-z0-9][a-z0-9-]*(=[A-Za-z0-9._,:/=@*-]*)?$/,
          patternRule: "must be a kubelet flag --name or --name=value, the value of letters, digits and . _ , : / = @ * -",
          maxLength: 1024,
          fix: "e.g. --node-labels=team=payments or --register-with-taints=dedicated=batch:NoSchedule",
        }),
        { description: "Kubelet flags nodeadm appends to its own (AL2023 only)", unique: true, minItems: 1, maxItems: 50 },
      ),
    ),
  },
  { description: "Kubelet settings in the nodes' user data (AL2023: nodeadm NodeConfig; Bottlerocket: maxPods only)" },
);

export const nodeGroupSchema = object(
  {
    name: eksName("Node group name", "node group", 63, "workers"),
    role: roleReference("payments-eks-node"),
    amiType: enumOf(AMI_TYPES, { description: "AMI type of the nodes", why: "the values hashicorp/aws 5.100.0 accepts" }),
    capacityType: enumOf(CAPACITY_TYPES, { description: "Capacity type" }),
    instanceTypes: array(
      string({
        description: "EC2 instance type",
        pattern: INSTANCE_TYPE,
        patternRule: "must be an EC2 instance type: family.size in lower case",
        fix: "e.g. t3.micro or m7g.large",
      }),
      { description: "EC2 instance types of the nodes, all of one CPU architecture", minItems: 1, unique: true },
    ),
    diskSize: integer({ description: "Root volume size in GiB (Bottlerocket: the data volume); at least the AMI family's minimum: 20, Windows 50", minimum: 1, maximum: 16384 }),
    scaling: scalingSchema,
    update: updateSchema,
    labels: record(
      // EKS API CreateNodegroup labels: key 1-63 characters, the prefix included, and value 1-63 (not empty, though
      // Kubernetes allows it) (catalogs/aws-limits.ts NODEGROUP_LABELS).
      string({
        description: "Label key",
        minLength: NODEGROUP_LABELS.eksKeyMinLength,
        maxLength: NODEGROUP_LABELS.eksKeyMaxLength,
        fix: "EKS allows 63 characters for the whole label key, prefix included: shorten the prefix or the name",
        checks: [(k) => labelKeyProblem(k, "label")],
        allowed: "Kubernetes label key [prefix/]name, 1-63 characters in all, not kubernetes.io/ or k8s.io/",
      }),
      string({
        description: "Label value",
        minLength: NODEGROUP_LABELS.eksValueMinLength,
        maxLength: NODEGROUP_LABELS.eksValueMaxLength,
        fix: "EKS takes label values of 1-63 characters (not empty)",
        checks: [labelValueCheck],
        allowed: "1-63 letters, digits, - _ .",
      }),
      { description: "Kubernetes labels put on every node" },
    ),
    taints: array(taintSchema, { description: "Kubernetes taints put on every node", maxItems: 50, why: "EKS allows 50 taints per node group" }),
    remoteAccess: optional(remoteAccessSchema),
    subnetIds: optional(subnetIds("Subnets of the nodes (default: the cluster's)", 1)),
    imds: optional(
      object(
        {
          hopLimit: integer({
            description: "Network hops an instance metadata response may travel: 1 keeps it on the node, 2 lets pods reach it",
            minimum: 1,
            maximum: 64,
          }),
        },
        { description: "A launch template that requires IMDSv2 session tokens on the nodes" },
      ),
    ),
    rootVolume: optional(rootVolumeSchema),
    kubelet: optional(kubeletSchema),
    amiId: optional(AWS_ID("ami", "AMI")),
    securityGroupIds: optional(
      array(AWS_ID("sg", "security group"), {
        description: "Extra security groups of the nodes, beside the cluster security group (set in the launch template)",
        minItems: 1,
        maxItems: 15,
        unique: true,
        why: "a network interface takes at most 16 security groups (VPC quota, 5 by default), one of them the cluster's",
      }),
    ),
    propagateTags: optional(boolean({ description: "Tag the instances, volumes and network interfaces with the cluster's and group's tags (launch template tag_specifications; default false)" })),
    capacityReservationId: optional(AWS_ID("cr", "capacity reservation")),
    nodeRepair: optional(boolean({ description: "EKS node auto repair: replace nodes that turn unhealthy (node_repair_config; default: EKS's, off)" })),
    forceUpdateVersion: optional(boolean({ description: "Update nodes even when pod disruption budgets stop a drain (force_update_version; default false)" })),
    releaseVersion: optional(
      string({
        description: "EKS AMI release version to pin, e.g. 1.35.0-20260101 (AL2023), 1.50.0-a1b2c3d4 (Bottlerocket) (default: the newest for the version)",
        pattern: /^\d+\.\d+(\.\d+)?-[0-9A-Za-z.]+$/,
        patternRule: "must be an EKS AMI release version: <kubernetes or OS version>-<date or build>",
        maxLength: 100,
        fix: "e.g. 1.35.0-20260101 (aws ssm get-parameter --name /aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version)",
      }),
    ),
    ignoreDesiredSizeChanges: boolean({
      description: "Let an autoscaler own desiredSize: Terraform stops resetting it (lifecycle ignore_changes)",
    }),
    tags: tagsSchema("the node group, on top of the cluster's tags"),
  },
  { description: "A managed node group" },
);

/**
 * The walk-through's node group, updated: AL2023 instead of AL2 (no AL2 AMIs exist for Kubernetes 1.33+), with the
 * 20 GiB disk AL2023 needs.
 * Every node group in a config file is completed from this one.
 */
export const DEFAULT_NODE_GROUP: NodeGroupSettings = {
  name: "simple-bank",
  // A node group that names no role gets its cluster's default node role, `<cluster>-eks-node` (load.ts).
  role: { name: defaultNodeRoleName("simple-bank") },
  amiType: "AL2023_x86_64_STANDARD",
  capacityType: "ON_DEMAND",
  instanceTypes: ["t3.micro"],
  // The walk-through's 10 GiB no longer deploys: the AL2023 AMI's snapshot is 20 GiB and EKS answers "Volume of size
  // 10GB is smaller than snapshot 'snap-...', expect size>= 20GB" (catalogs/ami-root-volumes.ts AL2023_).
  diskSize: 20,
  scaling: { minSize: 1, maxSize: 2, desiredSize: 1 },
  update: { maxUnavailable: 1 },
  labels: {},
  taints: [],
  ignoreDesiredSizeChanges: false,
  tags: {},
};

/** How pods get an IAM role: EKS Pod Identity or IAM roles for service accounts (IRSA). */
export const WORKLOAD_IDENTITIES = ["pod-identity", "irsa"] as const;
export type WorkloadIdentity = (typeof WORKLOAD_IDENTITIES)[number];

/** IAM policy ARN (IAM User Guide, "IAM ARNs": arn:<partition>:iam::<account or aws>:policy/<path/>name). */
export const POLICY_ARN = new RegExp(`^${ARN_PARTITION}:iam::(aws|\\d{12}):policy/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}$`);


/** Managed policies of a role (IAM quotas: at most 20 managed policies attached to a role, 10 by default). */
const managedPolicyArns = (description: string) =>
  array(
    string({
      description: "ARN of a managed IAM policy",
      pattern: POLICY_ARN,
      patternRule: "must be an IAM policy ARN: arn:<partition>:iam::aws or <12-digit account>:policy/<path/>name",
      fix: "e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    }),
    { description, unique: true, maxItems: 20, why: "IAM attaches at most 20 managed policies to a role (the default quota is 10)" },
  );

/** An IAM role of an add-on's own, for the service account the add-on table names. */
export const addonRoleSchema = object(
  {
    identity: optional(enumOf(WORKLOAD_IDENTITIES, { description: "How the add-on's pods get the role (default pod-identity)" })),
    roleName: optional(iamRoleName("payments-vpc-cni")),
    managedPolicyArns: optional(managedPolicyArns("Managed policies of the role (default: the AWS managed policy the add-on table names)")),
  },
  { description: "An IAM role of the add-on's own, bound to the service account the add-on table names (EKS Pod Identity or IRSA)" },
);

export const addonSchema = object(
  {
    version: string({
      description: "latest (newest for the cluster's Kubernetes version, looked up at plan time), default (EKS picks), or a pinned vX.Y.Z-eksbuild.N",
      pattern: /^(latest|default|v\d+\.\d+\.\d+-eksbuild\.\d+)$/,
      patternRule: "must be latest, default, or a pinned version vX.Y.Z-eksbuild.N",
      fix: "e.g. latest or v1.21.1-eksbuild.7",
    }),
    // EKS API CreateAddon/UpdateAddon configurationValues: JSON text EKS checks against the add-on version's schema
    // (`aws eks describe-addon-configuration`), at apply; it cannot be checked offline.
    configurationValues: optional(
      jsonMap({
        description:
          "The add-on's configuration as a map (e.g. coredns replicaCount, vpc-cni env), written as JSON with sorted keys; EKS checks it against the add-on version's schema (aws eks describe-addon-configuration) when it creates or updates the add-on",
      }),
    ),
    resolveConflictsOnCreate: optional(
      enumOf(["NONE", "OVERWRITE"] as const, {
        description: "What EKS does with fields the cluster already has when it creates the add-on (default OVERWRITE)",
        why: "the values the EKS API accepts on create",
      }),
    ),
    resolveConflictsOnUpdate: optional(
      enumOf(["NONE", "OVERWRITE", "PRESERVE"] as const, {
        description: "What EKS does with fields changed in the cluster when it updates the add-on (default OVERWRITE)",
        why: "the values the EKS API accepts on update",
      }),
    ),
    preserve: optional(boolean({ description: "Leave the add-on's software running in the cluster when the add-on is deleted (default false)" })),
    role: optional(addonRoleSchema),
  },
  { description: "One EKS add-on" },
);

/** A Kubernetes service account whose pods get an IAM role of their own. */
export const serviceAccountSchema = object(
  {
    namespace: string({
      description: "Kubernetes namespace of the service account",
      // Kubernetes: a namespace is a DNS-1123 label (lower-case alphanumerics and -, 1-63)
      pattern: DNS_LABEL,
      patternRule: "must be a Kubernetes namespace name: lower-case letters, digits and -, starting and ending with a letter or digit (no wildcards)",
      minLength: 1,
      maxLength: 63,
      fix: "e.g. payments",
    }),
    name: string({
      description: "Name of the service account",
      // Kubernetes: a service account name is a DNS-1123 subdomain (1-253)
      pattern: DNS_SUBDOMAIN,
      patternRule: "must be a Kubernetes service account name: a DNS subdomain of lower-case letters, digits, - and . (no wildcards: a trust for a pattern lets every matching account assume the role)",
      minLength: 1,
      maxLength: 253,
      fix: "e.g. orders-api",
    }),
    identity: enumOf(WORKLOAD_IDENTITIES, {
      description: "How pods get the role: pod-identity (EKS Pod Identity; the eks-pod-identity-agent add-on is added when missing) or irsa (IAM roles for service accounts, through the cluster's IAM OIDC provider)",
    }),
    roleName: optional(iamRoleName("payments-orders-api")),
    managedPolicyArns: managedPolicyArns("Managed policies of the role"),
    inlinePolicy: optional(
      jsonMap({
        description: "An IAM policy document (Version, Statement) put on the role as its inline policy `inline`, written as JSON with sorted keys",
      }),
    ),
  },
  { description: "A Kubernetes service account whose pods get an IAM role of their own" },
);

/** What a service account given in a file is completed from. */
export const SERVICE_ACCOUNT_BASE = { identity: "pod-identity", managedPolicyArns: [] } as const;

export const accessPolicyAssociationSchema = object(
  {
    policy: enumOf(ACCESS_POLICIES, { description: "EKS access policy" }),
    namespaces: optional(
      array(
        string({
          description: "Kubernetes namespace",
          pattern: /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\*)$/,
          patternRule: "must be a Kubernetes namespace name (lower-case letters, digits and -, up to 63), optionally ending in *",
          maxLength: 63,
          fix: "e.g. payments or team-*",
        }),
        { description: "Namespaces the policy applies to; empty or absent: the whole cluster", unique: true },
      ),
    ),
  },
  { description: "An access policy for the principal, cluster-wide or in some namespaces" },
);

export const accessEntrySchema = object(
  {
    principalArn: string({
      description: "IAM role or user that gets access",
      pattern: new RegExp(`^${ARN_PARTITION}:iam::\\d{12}:(role|user)/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`),
      patternRule: "must be an IAM role or user ARN: arn:<partition>:iam::<account>:role/<name> (not an sts assumed-role ARN)",
      fix: "e.g. arn:aws:iam::111122223333:role/platform-admins",
    }),
    policies: array(accessPolicyAssociationSchema, { description: "Access policies of the principal", minItems: 1 }),
  },
  { description: "An IAM principal with access to the cluster" },
);

export const accessSchema = object(
  {
    authenticationMode: enumOf(AUTHENTICATION_MODES, {
      description: "Where the cluster reads IAM principals' access from: access entries (API), the aws-auth ConfigMap, or both",
    }),
    clusterCreatorAdmin: boolean({
      description: "Give whoever creates the cluster admin access (changing it replaces the cluster)",
    }),
    entries: array(accessEntrySchema, { description: "IAM principals with access, through access entries" }),
  },
  { description: "Who can use the Kubernetes API" },
);

/**
 * Karpenter (issue 14): what AWS needs for it (controller and node roles, interruption queue and rules, discovery
 * tags). Every key is optional; load.ts fills the defaults (src/config/karpenter.ts). The Helm install is the user's.
 */
export const karpenterSchema = object(
  {
    identity: optional(
      enumOf(WORKLOAD_IDENTITIES, {
        description: "How the Karpenter controller gets its role: pod-identity (EKS Pod Identity; the eks-pod-identity-agent add-on is added when missing) or irsa (through the cluster's IAM OIDC provider) (default pod-identity)",
      }),
    ),
    namespace: optional(
      string({
        description: "Namespace the Karpenter controller runs in (default kube-system, as in Karpenter's getting-started guide)",
        pattern: DNS_LABEL,
        patternRule: "must be a Kubernetes namespace name: lower-case letters, digits and -, starting and ending with a letter or digit",
        minLength: 1,
        maxLength: 63,
        fix: "e.g. kube-system or karpenter",
      }),
    ),
    serviceAccount: optional(
      string({
        description: "Service account of the Karpenter controller (default karpenter, the Helm chart's name for a release named karpenter)",
        pattern: DNS_SUBDOMAIN,
        patternRule: "must be a Kubernetes service account name: a DNS subdomain of lower-case letters, digits, - and .",
        minLength: 1,
        maxLength: 253,
        fix: "e.g. karpenter",
      }),
    ),
    controllerRoleName: optional(iamRoleName("payments-karpenter", "Name of the controller's IAM role (default: <cluster>-karpenter, cut to 64 characters with a hash)")),
    nodeRoleName: optional(
      iamRoleName("payments-karpenter-node", "Name of the IAM role of the nodes Karpenter launches, the EC2NodeClass's role (default: <cluster>-karpenter-node, cut to 64 characters with a hash)"),
    ),
    interruptionQueue: optional(
      boolean({ description: "Create the SQS interruption queue and the EventBridge rules that feed it (spot interruption, rebalance, state change, health, capacity reservation) (default true)" }),
    ),
    interruptionQueueName: optional(
      string({
        description: "Name of the SQS interruption queue (default: Karpenter-<cluster>)",
        // SQS CreateQueue QueueName: 1-80 alphanumerics, - and _ (a FIFO queue's .fifo is not for Karpenter)
        pattern: /^[A-Za-z0-9_-]+$/,
        patternRule: "must be an SQS queue name: letters, digits, - and _ (SQS CreateQueue)",
        minLength: 1,
        maxLength: 80,
        fix: "use 1-80 letters, digits, - and _, e.g. payments-karpenter",
      }),
    ),
    discoverySubnetIds: optional(
      subnetIds("Subnets tagged karpenter.sh/discovery=<cluster>, where Karpenter launches nodes (default: the cluster's subnets; [] tags none)", 0),
    ),
    discoverySecurityGroup: optional(
      boolean({ description: "Tag the cluster's primary security group karpenter.sh/discovery=<cluster>, for Karpenter's nodes (default true)" }),
    ),
  },
  { description: "Karpenter's AWS resources: controller role, node role and access entry, interruption queue and rules, discovery tags (absent: none)" },
);

// ---- Fargate profiles and EKS Auto Mode (issue 14) ----------------------------------------------------------------

/**
 * EKS quotas for Fargate (EKS User Guide, "View and manage Amazon EKS and Fargate service quotas", service-quotas.html):
 * 10 Fargate profiles per cluster, 5 selectors per profile, 5 label pairs per selector (all adjustable: the schema
 * keeps the defaults, as it does for node groups).
 */
export const FARGATE_LIMITS = { profilesPerCluster: 10, selectorsPerProfile: 5, labelsPerSelector: 5 } as const;

/**
 * Fargate selectors allow the Kubernetes characters plus `*` (zero or more characters) and `?` (exactly one) in
 * namespaces, label keys and label values; "Other wildcards and forms of pattern matching, such as regular
 * expressions, aren't supported" (EKS User Guide, "Define which Pods use AWS Fargate when launched", "Fargate profile
 * wildcards", fargate-profile.html).
 */
const withoutWildcards = (text: string) => text.replace(/[*?]/g, "x");

export const fargateSelectorSchema = object(
  {
    namespace: string({
      description: "Kubernetes namespace whose pods run on Fargate; * and ? are wildcards",
      // A DNS-1123 label (Kubernetes namespaces) with the wildcards * and ?
      pattern: /^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?$/,
      patternRule: "must be a Kubernetes namespace name (lower-case letters, digits and -, starting and ending with a letter or digit), with * and ? as wildcards",
      minLength: 1,
      maxLength: 63,
      fix: "e.g. kube-system, payments or team-*",
    }),
    labels: optional(
      record(
        string({
          description: "Label key; * and ? are wildcards",
          minLength: 1,
          maxLength: 317,
          // A selector matches pods' labels, which may use the kubernetes.io/ prefixes (app.kubernetes.io/name) that
          // node labels may not.
          checks: [(k) => {
            const problem = labelKeyProblem(withoutWildcards(k), "label");
            return problem?.rule.startsWith("must not use the kubernetes.io/") ? undefined : problem;
          }],
          allowed: "Kubernetes label key [prefix/]name, with * and ? as wildcards",
        }),
        string({
          description: "Label value; * and ? are wildcards",
          maxLength: 63,
          checks: [(value) => labelValueCheck(withoutWildcards(value))],
          allowed: "0-63 letters, digits, - _ ., with * and ? as wildcards",
        }),
        {
          description: "Labels a pod must all carry to run on Fargate (default: every pod of the namespace)",
          maxEntries: FARGATE_LIMITS.labelsPerSelector,
          why: "EKS allows 5 label pairs per Fargate profile selector (EKS service quotas)",
        },
      ),
    ),
  },
  { description: "Which pods run on Fargate: a namespace, and optionally labels the pods must carry" },
);

export const fargateProfileSchema = object(
  {
    // The EKS API publishes no pattern for fargateProfileName (the provider only refuses an empty one); this app takes
    // the node group name rule, so the name is a Terraform name as it is (fargate_profile_<name>).
    name: eksName("Fargate profile name (unique in the cluster; it cannot be changed: a new name replaces the profile)", "Fargate profile", 100, "system"),
    selectors: array(fargateSelectorSchema, {
      description: "Which pods run on Fargate: a pod matching any selector does",
      minItems: 1,
      maxItems: FARGATE_LIMITS.selectorsPerProfile,
      why: "EKS: up to five selectors per profile, each with a namespace (CreateFargateProfile)",
    }),
    subnetIds: optional(
      subnetIds(
        "Private subnets of the Fargate pods (default: EKS picks the cluster's private subnets). EKS accepts only private subnets, with no route to an internet gateway",
        1,
      ),
    ),
    podExecutionRoleName: optional(
      iamRoleName(
        "payments-eks-fargate-pods",
        "Name of the pod execution role to create (default: <cluster>-eks-fargate-pods, shared by every profile that names none; profiles naming the same role share it)",
      ),
    ),
  },
  { description: "An AWS Fargate profile: the pods it selects run on Fargate (it gets the cluster's tags)" },
);

/** The built-in node pools of EKS Auto Mode (EKS API ComputeConfigRequest.nodePools; the provider checks the same values, case-sensitive). */
export const AUTO_MODE_NODE_POOLS = ["general-purpose", "system"] as const;
export type AutoModeNodePool = (typeof AUTO_MODE_NODE_POOLS)[number];

export const autoModeSchema = object(
  {
    enabled: boolean({
      description:
        "Run the cluster with EKS Auto Mode: EKS manages the nodes (compute), EBS volumes (block storage) and load balancers. Decide it once: turning it off again is refused at plan (hashicorp/aws 5.100.0)",
    }),
    nodePools: array(enumOf(AUTO_MODE_NODE_POOLS, { description: "Built-in node pool", why: "the node pools EKS Auto Mode has built in" }), {
      description: "Built-in node pools EKS creates",
      minItems: 1,
      unique: true,
      why: "Auto Mode without built-in node pools needs an access entry for the node role, which this app does not create",
    }),
    nodeRoleName: optional(
      iamRoleName(
        "payments-eks-auto-node",
        "Name of the node IAM role to create for Auto Mode nodes (default: <cluster>-eks-auto-node); it cannot change once Auto Mode is on",
      ),
    ),
  },
  { description: "EKS Auto Mode: EKS runs the nodes, block storage and load balancing (Kubernetes 1.29 or later)" },
);

/** The cluster's IP family (`network.ipFamily`): EKS's KubernetesNetworkConfigRequest.ipFamily. */
export const IP_FAMILIES = ["ipv4", "ipv6"] as const;
export type IpFamily = (typeof IP_FAMILIES)[number];

/** How many NAT gateways a created VPC gets (`network.create.natGateways`). */
export const NAT_GATEWAY_MODES = ["one-per-zone", "single", "none"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** An Availability Zone name (not a zone ID): the region's code and a letter, like eu-west-1a. */
export const AVAILABILITY_ZONE_NAME = /^[a-z]{2,4}(-(gov|iso[a-z]?|[a-z]{2}))?-[a-z]+-\d{1,2}[a-z]$/;

/** Subnet prefix lengths AWS allows: "between a /28 netmask and /16 netmask" (Amazon VPC User Guide, "Subnet CIDR blocks"). */
const subnetPrefix = (description: string) =>
  integer({ description, minimum: 16, maximum: 28, fix: "use a prefix length from 16 to 28", why: "AWS allows subnets from /16 to /28" });

/** `network.create`: a VPC this stack creates (layout in src/config/vpc-layout.ts; rules in rules/network.ts). */
export const createdVpcSchema = object(
  {
    cidr: string({
      description: "IPv4 CIDR of the VPC, /16 to /28 (AWS limits), e.g. 10.0.0.0/16",
      checks: [cidrProblem],
      allowed: "IPv4 CIDR a.b.c.d/n with host bits zero, /16 to /28",
    }),
    availabilityZones: array(
      string({
        description: "Availability Zone name of the cluster's region",
        pattern: AVAILABILITY_ZONE_NAME,
        patternRule: "must be an Availability Zone name like eu-west-1a (the region and a letter; not a zone ID like euw1-az1)",
        fix: "e.g. eu-west-1a",
      }),
      {
        description: "Availability Zones of the subnets, by name (no lookup: the plan needs no AWS call); one public and one private subnet in each",
        minItems: 2,
        maxItems: 3,
        unique: true,
        why: "EKS needs subnets in at least two Availability Zones; the layout keeps room for three",
      },
    ),
    natGateways: optional(
      enumOf(NAT_GATEWAY_MODES, {
        description:
          "NAT gateways of the private subnets: one-per-zone (default; a zone's outage leaves the others their egress), single (cheaper; every zone's egress goes through one zone) or none (no internet egress: nodes reach AWS through the VPC endpoints, which are then on by default)",
      }),
    ),
    endpoints: optional(
      boolean({
        description:
          "VPC endpoints in the private subnets so nodes work without internet: interface endpoints for ec2, ecr.api, ecr.dkr, sts, logs, elasticloadbalancing, eks (eks-auth with Pod Identity; ssm and sqs with Karpenter) with private DNS and one security group allowing HTTPS from the VPC, and the S3 gateway endpoint on the private route tables (default: true when endpoint.access is private or natGateways is none, false otherwise)",
      }),
    ),
    publicSubnetPrefix: optional(subnetPrefix("Prefix length of each public subnet (default: the VPC's plus 8, at most 28: /24 in a /16)")),
    privateSubnetPrefix: optional(subnetPrefix("Prefix length of each private subnet, where nodes and pods take their addresses (default: the VPC's plus 3, at most 28: /19 in a /16)")),
  },
  { description: "A VPC this stack creates: public and private subnets in each zone, an internet gateway, NAT gateways and routes; the cluster and node groups use the private subnets" },
);

/**
 * HCP Terraform (or Terraform Enterprise) as the state's home: Terraform's `cloud` block (cdktf's CloudBackend).
 * Names as HCP Terraform accepts them: organization and workspace names hold letters, digits, - and _ (workspace
 * names at most 90 characters; HCP Terraform docs, "Create workspaces", and the Organizations / Workspaces API); tags
 * 1-255 letters, digits, :, - and _ (HCP Terraform API, "Organization tags").
 */
export const hcpTerraformSchema = object(
  {
    organization: string({
      description: "HCP Terraform organization that holds the workspace",
      pattern: /^[A-Za-z0-9_-]+$/,
      patternRule: "must be an HCP Terraform organization name: letters, digits, - and _",
      minLength: 1,
      maxLength: 255,
      fix: "copy the organization's name from HCP Terraform, e.g. acme-platform",
    }),
    workspace: optional(
      string({
        description: "Name of the one workspace whose state this cluster uses (HCP Terraform creates it at terraform init when missing)",
        pattern: /^[A-Za-z0-9_-]+$/,
        patternRule: "must be an HCP Terraform workspace name: letters, digits, - and _",
        minLength: 1,
        maxLength: 90,
        fix: "use up to 90 letters, digits, - and _, e.g. eks-payments-prod",
      }),
    ),
    workspaceTags: optional(
      array(
        string({
          description: "Workspace tag",
          pattern: /^[A-Za-z0-9:_-]+$/,
          patternRule: "must be an HCP Terraform workspace tag: letters, digits, :, - and _",
          minLength: 1,
          maxLength: 255,
          fix: "e.g. eks or env:prod",
        }),
        { description: "Tags of the workspaces this configuration may use (terraform workspace select switches between them)", minItems: 1, unique: true },
      ),
    ),
    project: optional(
      string({
        description: "HCP Terraform project of the workspace (default: the organization's default project)",
        pattern: /^[A-Za-z0-9 _-]+$/,
        patternRule: "must be an HCP Terraform project name: letters, digits, spaces, - and _",
        minLength: 3,
        maxLength: 40,
        fix: "e.g. platform",
      }),
    ),
    hostname: optional(
      string({
        description: "Host of HCP Terraform or of a Terraform Enterprise installation (default: app.terraform.io)",
        pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/,
        patternRule: "must be a host name (optionally with :port), without https:// or a path",
        maxLength: 253,
        fix: "e.g. app.terraform.io or tfe.example.com",
      }),
    ),
  },
  { description: "State in HCP Terraform: the cloud block, with one named workspace or the workspaces of some tags", exactlyOneOf: ["workspace", "workspaceTags"] },
);

export const clusterSchema = object(
  {
    name: eksName("Cluster name; also the stack name", "cluster", 100, "simple-bank"),
    region: string({
      description: "AWS region",
      pattern: AWS_REGION,
      patternRule: "must be an AWS region code like us-east-1",
      fix: "e.g. us-east-1 or eu-central-1",
    }),
    kubernetesVersion: string({
      description: "Kubernetes version, a string 1.NN",
      pattern: KUBERNETES_VERSION,
      patternRule: 'must be a Kubernetes minor version 1.NN, like "1.35"',
      fix: 'write the version in quotes, e.g. "1.35" (as a number, 1.30 is read as 1.3)',
    }),
    tags: tagsSchema("every resource the stack creates"),
    clusterRole: roleReference("payments-eks-cluster"),
    network: object(
      {
        vpcId: optional(AWS_ID("vpc", "VPC")),
        subnetIds: optional(subnetIds("Subnets of the control plane (default: every subnet of the VPC)", 2, "EKS needs subnets in two Availability Zones")),
        create: optional(createdVpcSchema),
        securityGroupIds: array(AWS_ID("sg", "security group"), {
          description: "Additional security groups of the control plane",
          unique: true,
          maxItems: 5,
          why: "EKS allows 5",
        }),
        serviceIpv4Cidr: optional(
          string({
            description: "CIDR of Kubernetes Service addresses (default: EKS chooses)",
            checks: [serviceCidrCheck],
            allowed: "IPv4 CIDR inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, mask /12 to /24",
          }),
        ),
        ipFamily: optional(
          enumOf(IP_FAMILIES, {
            description:
              "IP family of pods and services: ipv4 (default) or ipv6 (dual-stack subnets, the vpc-cni add-on, Kubernetes 1.21 or later); chosen at creation: changing it replaces the cluster",
          }),
        ),
        subnetTags: optional(
          object(
            {
              elb: optional(subnetIds("Public subnets tagged kubernetes.io/role/elb=1: where internet-facing load balancers go", 1)),
              internalElb: optional(subnetIds("Private subnets tagged kubernetes.io/role/internal-elb=1: where internal load balancers go", 1)),
            },
            { description: "Load balancer subnet tags written onto existing subnets, one aws_ec2_tag per subnet (the subnets stay someone else's)" },
          ),
        ),
      },
      { description: "VPC, subnets, security groups and service CIDR" },
    ),
    endpoint: object(
      {
        access: enumOf(ENDPOINT_ACCESS_VALUES, { description: "How the Kubernetes API endpoint can be reached" }),
        publicAccessCidrs: array(string({ description: "IPv4 CIDR block", checks: [cidrProblem], allowed: "IPv4 CIDR a.b.c.d/n with host bits zero" }), {
          description: "CIDR blocks allowed to reach the public endpoint",
          maxItems: 40,
          unique: true,
          why: "EKS allows 40",
        }),
      },
      { description: "Kubernetes API endpoint access" },
    ),
    secretsEncryption: optional(
      object(
        {
          createKey: optional(
            boolean({ description: "Create a customer managed KMS key (rotation on, alias alias/eks/<name>) instead of naming one" }),
          ),
          kmsKeyArn: optional(string({
            description: "ARN of the KMS key that encrypts Kubernetes secrets (the key ARN, not an alias ARN)",
            pattern: new RegExp(`^${ARN_PARTITION}:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|key/mrk-[0-9a-f]{32}|alias/[\\w/-]+)$`),
            // alias/<name> passes the pattern so that rules.ts can say why an alias ARN does not work here
            patternRule: "must be a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>",
            fix: "e.g. arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          })),
        },
        { description: "Envelope encryption of Kubernetes secrets with a KMS key (cannot be turned off once on)", exactlyOneOf: ["createKey", "kmsKeyArn"] },
      ),
    ),
    logging: object(
      {
        types: array(enumOf(LOG_TYPES, { description: "Control-plane log type" }), {
          description: "Control-plane log types sent to CloudWatch Logs",
          unique: true,
        }),
        retentionDays: optional(
          integer({
            description: "Days CloudWatch keeps the logs; creates /aws/eks/<name>/cluster before the cluster (default: EKS's group, kept forever)",
            minimum: 1,
            maximum: 3653,
            values: LOG_RETENTION_DAYS,
            why: "the retention periods CloudWatch Logs accepts",
          }),
        ),
      },
      { description: "Control-plane logs" },
    ),
    access: accessSchema,
    upgradePolicy: optional(
      object(
        { supportType: enumOf(SUPPORT_TYPES, { description: "STANDARD ends at the end of standard support; EXTENDED keeps the version longer, at extra cost" }) },
        { description: "What happens when the Kubernetes version leaves standard support (default: EKS's, EXTENDED)" },
      ),
    ),
    // Lifecycle guards (issue 15): src/config/rules/lifecycle.ts checks them, src/constructs/cluster/cluster.ts writes them
    deletionProtection: optional(
      boolean({
        description:
          "Refuse every plan that destroys or replaces the cluster: lifecycle { prevent_destroy = true } on aws_eks_cluster (hashicorp/aws 5.100.0 has no deletion_protection argument). Default off; recommended on for production",
      }),
    ),
    zonalShift: optional(
      boolean({ description: "Amazon Application Recovery Controller zonal shift for the cluster (zonal_shift_config; default: not written, EKS's default, off)" }),
    ),
    bootstrapSelfManagedAddons: optional(
      boolean({
        description:
          "Whether EKS installs the unmanaged vpc-cni, kube-proxy and CoreDNS at creation (default: not written, EKS installs them). Applies at creation only: Terraform ignores later changes (changing it would replace the cluster)",
      }),
    ),
    backend: optional(
      object(
        {
          s3: optional(object(
            {
              bucket: string({
                description: "S3 bucket of the state",
                pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
                patternRule: "must be an S3 bucket name: 3-63 lower-case letters, digits, . and -",
                fix: "e.g. acme-terraform-state",
              }),
              key: optional(
                string({
                  description: "Object key of the state (default: <cluster>/terraform.tfstate)",
                  pattern: /^[^/].*[^/]$/,
                  patternRule: "must be an object key that neither starts nor ends with /",
                  maxLength: 1024,
                  fix: "e.g. eks/simple-bank.tfstate",
                }),
              ),
              region: optional(
                string({
                  description: "Region of the bucket (default: the cluster's)",
                  pattern: AWS_REGION,
                  patternRule: "must be an AWS region code like us-east-1",
                }),
              ),
            },
            { description: "State in S3, with S3's own lock file (use_lockfile) and encryption on" },
          )),
          cloud: optional(hcpTerraformSchema),
        },
        { description: "Where Terraform keeps state (default: a local file in the project folder)", exactlyOneOf: ["s3", "cloud"] },
      ),
    ),
    addons: record(
      string({
        description: "Add-on name",
        // AWS add-ons use - (vpc-cni); AWS Marketplace add-ons are <vendor>_<product> (kubecost_kubecost).
        pattern: /^[a-z0-9][a-z0-9_-]*$/,
        patternRule: "must be an EKS add-on name: lower-case letters, digits, - and _ (AWS Marketplace add-ons: vendor_product)",
        maxLength: 100,
        fix: "e.g. vpc-cni, aws-ebs-csi-driver or kubecost_kubecost",
      }),
      addonSchema,
      { description: "EKS add-ons by name (null leaves out a default add-on)", nullRemoves: true, entryBase: { version: "latest" } },
    ),
    waivers: array(
      object(
        {
          rule: enumOf(RULE_IDS, { description: "Checkov or Trivy id of the finding (or EKS_VERSION_SUPPORT)", why: "the ids of the rules npm run check applies" }),
          reason: string({ description: "Why the finding is accepted, for the reviewer", minLength: 10, maxLength: 500, fix: "say in a sentence why this is accepted" }),
        },
        { description: "An accepted security finding" },
      ),
      { description: "Security findings accepted on purpose, each with its reason (listed in REVIEW.md)" },
    ),
    nodeGroups: array(nodeGroupSchema, {
      description: "Managed node groups; each is completed from the default node group",
      itemBase: DEFAULT_NODE_GROUP,
    }),
    karpenter: optional(karpenterSchema),
    serviceAccounts: array(serviceAccountSchema, {
      description: "Kubernetes service accounts whose pods get IAM roles of their own (EKS Pod Identity or IRSA)",
      itemBase: SERVICE_ACCOUNT_BASE,
    }),
    fargateProfiles: array(fargateProfileSchema, {
      description: "AWS Fargate profiles: pods they select run on Fargate, without nodes",
      maxItems: FARGATE_LIMITS.profilesPerCluster,
      why: "EKS allows 10 Fargate profiles per cluster (EKS service quotas)",
    }),
    autoMode: autoModeSchema,
  },
  { description: "One EKS cluster with its roles, add-ons and node groups" },
);

export type ClusterConfig = Infer<typeof clusterSchema>;
export type NodeGroupSettings = Infer<typeof nodeGroupSchema>;
export type RoleReference = ClusterConfig["clusterRole"];

export type NetworkSettings = ClusterConfig["network"];
export type CreatedVpcSettings = NonNullable<NetworkSettings["create"]>;
export type EndpointSettings = ClusterConfig["endpoint"];
export type SecretsEncryptionSettings = NonNullable<ClusterConfig["secretsEncryption"]>;
export type LoggingSettings = ClusterConfig["logging"];
export type AddonSettings = Infer<typeof addonSchema>;
export type AddonRoleSettings = Infer<typeof addonRoleSchema>;
export type ServiceAccountSettings = Infer<typeof serviceAccountSchema>;
export type ScalingSettings = Infer<typeof scalingSchema>;
export type UpdateSettings = Infer<typeof updateSchema>;
export type Taint = Infer<typeof taintSchema>;
export type RemoteAccessSettings = Infer<typeof remoteAccessSchema>;
export type AccessSettings = Infer<typeof accessSchema>;
export type AccessEntrySettings = Infer<typeof accessEntrySchema>;
export type UpgradePolicySettings = NonNullable<ClusterConfig["upgradePolicy"]>;
export type BackendSettings = NonNullable<ClusterConfig["backend"]>;
export type FargateProfileSettings = Infer<typeof fargateProfileSchema>;
export type FargateSelector = Infer<typeof fargateSelectorSchema>;
export type AutoModeSettings = Infer<typeof autoModeSchema>;
