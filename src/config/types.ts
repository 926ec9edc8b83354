/**
 * The cluster description: what a config file holds and what the constructs take as props.
 *
 * Section types here (`EndpointSettings`, `ScalingSettings`, ...) are used unchanged as construct props,
 * so a key in the config file and a prop in TypeScript are the same thing with the same default.
 * Closed sets hold the exact strings of the EKS API.
 */

/** How the Kubernetes API server endpoint can be reached. */
export type EndpointAccess = "public" | "public-and-private" | "private";
export const ENDPOINT_ACCESS_VALUES: readonly EndpointAccess[] = ["public", "public-and-private", "private"];

/** EKS control-plane log types (exact API spelling). */
export type LogType = "api" | "audit" | "authenticator" | "controllerManager" | "scheduler";
export const LOG_TYPES: readonly LogType[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** Capacity type of a managed node group. */
export type CapacityType = "ON_DEMAND" | "SPOT" | "CAPACITY_BLOCK";
export const CAPACITY_TYPES: readonly CapacityType[] = ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"];

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

/** Kubernetes taint effect (EKS API spelling). */
export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
export const TAINT_EFFECTS: readonly TaintEffect[] = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];

/** An IAM role to create (by name) or an existing one to use (by ARN); exactly one of the two. */
export type RoleReference = { readonly name: string; readonly arn?: undefined } | { readonly arn: string; readonly name?: undefined };

/** Where the cluster and its nodes run. */
export interface NetworkSettings {
  /**
   * VPC whose subnets are looked up when `subnetIds` is not given.
   * @default - the region's default VPC
   */
  readonly vpcId?: string;
  /**
   * Subnets for the control plane's network interfaces (and the node groups that do not name their own).
   * Given ids mean no lookup at all.
   * @default - every subnet of the VPC in an Availability Zone that EKS supports
   */
  readonly subnetIds?: readonly string[];
  /**
   * Additional security groups for the control plane's network interfaces.
   * @default [] - only the cluster security group EKS creates
   */
  readonly securityGroupIds: readonly string[];
  /**
   * CIDR block from which Kubernetes Service IP addresses are assigned.
   * @default - EKS chooses 10.100.0.0/16 or 172.20.0.0/16
   */
  readonly serviceIpv4Cidr?: string;
}

/** Reachability of the Kubernetes API server endpoint. */
export interface EndpointSettings {
  /**
   * `public`, `public-and-private` or `private`.
   * @default "public-and-private"
   */
  readonly access: EndpointAccess;
  /**
   * CIDR blocks allowed to reach the public endpoint (ignored when `access` is `private`).
   * @default ["0.0.0.0/0"]
   */
  readonly publicAccessCidrs: readonly string[];
}

/** Envelope encryption of Kubernetes secrets. */
export interface SecretsEncryptionSettings {
  /** ARN of the KMS key that encrypts Kubernetes secrets. */
  readonly kmsKeyArn: string;
}

/** Control-plane logging to CloudWatch Logs. */
export interface LoggingSettings {
  /**
   * Control-plane log types to enable.
   * @default [] - no control-plane logs
   */
  readonly types: readonly LogType[];
}

/** One EKS add-on. */
export interface AddonSettings {
  /**
   * `latest` (the newest version for the cluster's Kubernetes version, looked up at plan time),
   * `default` (EKS picks its default version), or a pinned `vX.Y.Z-eksbuild.N`.
   * @default "latest"
   */
  readonly version: string;
}

/** Node counts of a managed node group. */
export interface ScalingSettings {
  /** Minimum number of nodes. @default 1 */
  readonly minSize: number;
  /** Maximum number of nodes. @default 2 */
  readonly maxSize: number;
  /** Number of nodes the group should have now. @default 1 */
  readonly desiredSize: number;
}

/** How many nodes may be unavailable during a node group update: exactly one of the two. */
export interface UpdateSettings {
  /** Number of nodes. @default 1 */
  readonly maxUnavailable?: number;
  /** Percentage of nodes. @default - not set (`maxUnavailable` is used) */
  readonly maxUnavailablePercentage?: number;
}

/** A Kubernetes taint put on every node of a group. */
export interface Taint {
  /** Taint key. */
  readonly key: string;
  /** Taint value. @default - no value */
  readonly value?: string;
  /** `NO_SCHEDULE`, `NO_EXECUTE` or `PREFER_NO_SCHEDULE`. */
  readonly effect: TaintEffect;
}

/** SSH access to the nodes. */
export interface RemoteAccessSettings {
  /** Name of the EC2 key pair for SSH. */
  readonly sshKeyName: string;
  /**
   * Security groups allowed to reach port 22.
   * @default [] - EKS opens port 22 to 0.0.0.0/0
   */
  readonly sourceSecurityGroupIds: readonly string[];
}

/** A managed node group. */
export interface NodeGroupSettings {
  /** Node group name. @default "simple-bank" */
  readonly name: string;
  /** IAM role of the nodes. @default { name: "AWSEKSNodeRole" } */
  readonly role: RoleReference;
  /** AMI type. @default "AL2023_x86_64_STANDARD" */
  readonly amiType: AmiType;
  /** `ON_DEMAND`, `SPOT` or `CAPACITY_BLOCK`. @default "ON_DEMAND" */
  readonly capacityType: CapacityType;
  /** EC2 instance types. @default ["t3.micro"] */
  readonly instanceTypes: readonly string[];
  /** Root volume size in GiB. @default 10 */
  readonly diskSize: number;
  /** Node counts. @default { minSize: 1, maxSize: 2, desiredSize: 1 } */
  readonly scaling: ScalingSettings;
  /** Update policy. @default { maxUnavailable: 1 } */
  readonly update: UpdateSettings;
  /** Kubernetes labels put on every node. @default {} */
  readonly labels: Readonly<Record<string, string>>;
  /** Kubernetes taints put on every node. @default [] */
  readonly taints: readonly Taint[];
  /** SSH access. @default - none */
  readonly remoteAccess?: RemoteAccessSettings;
  /** Subnets for the nodes. @default - the cluster's subnets */
  readonly subnetIds?: readonly string[];
  /** Tags of the node group, on top of the cluster's `tags`. @default {} */
  readonly tags: Readonly<Record<string, string>>;
}

/** One EKS cluster with its roles, add-ons and node groups: everything one stack generates. */
export interface ClusterConfig {
  /** Cluster name; also the stack name. @default "simple-bank" */
  readonly name: string;
  /** AWS region. @default "us-east-1" */
  readonly region: string;
  /** Kubernetes version, a string `1.NN`. @default "1.35" */
  readonly kubernetesVersion: string;
  /** Tags on every resource the stack creates. @default {} */
  readonly tags: Readonly<Record<string, string>>;
  /** IAM role of the control plane. @default { name: "AWSEKSClusterRole" } */
  readonly clusterRole: RoleReference;
  /** VPC, subnets, security groups and service CIDR. @default - default VPC, all its subnets */
  readonly network: NetworkSettings;
  /** API server endpoint access. @default { access: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"] } */
  readonly endpoint: EndpointSettings;
  /** KMS envelope encryption of secrets. @default - off */
  readonly secretsEncryption?: SecretsEncryptionSettings;
  /** Control-plane logs. @default { types: [] } */
  readonly logging: LoggingSettings;
  /** Add-ons by name. @default vpc-cni, coredns and kube-proxy at `latest` */
  readonly addons: Readonly<Record<string, AddonSettings>>;
  /** Managed node groups. @default - one group `simple-bank` of t3.micro */
  readonly nodeGroups: readonly NodeGroupSettings[];
}
