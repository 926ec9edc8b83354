/**
 * Karpenter's settings (issue 14), complete: the defaults of the `karpenter` key and the names derived from the
 * cluster's name, for the loader (load.ts fills them in), the rules and the constructs. Pure: no cdktf.
 */
import { createHash } from "crypto";
import { defaultKarpenterControllerRoleName, defaultKarpenterNodeRoleName } from "./role-names";
import type { ClusterConfig, WorkloadIdentity } from "./schema";

/** The `karpenter` key as the schema takes it. */
export type KarpenterSettings = NonNullable<ClusterConfig["karpenter"]>;

/** Where the Karpenter docs install the controller: `KARPENTER_NAMESPACE=kube-system` (getting started). */
export const KARPENTER_NAMESPACE = "kube-system";
/** The Helm chart's service account for a release named `karpenter` (charts/karpenter values.yaml: the fullname). */
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";
/** The tag Karpenter's starter EC2NodeClass selects subnets and security groups by. */
export const KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";

/** SQS CreateQueue QueueName: "A queue name can have up to 80 characters" (alphanumerics, - and _). */
export const SQS_QUEUE_NAME_MAX = 80;
/** EventBridge PutRule Name: 1-64 of `[\.\-_A-Za-z0-9]+` (API Reference, PutRule). */
export const EVENT_RULE_NAME_MAX = 64;

/** The interruption queue's default name, as terraform-aws-eks's karpenter module names it: `Karpenter-<cluster>`. */
export function defaultKarpenterQueueName(clusterName: string): string {
  return `Karpenter-${clusterName}`;
}

/**
 * The events Karpenter handles (terraform-aws-eks modules/karpenter v21.19.0 `local.events`; the Karpenter docs'
 * CloudFormation template, v1.14): key (construct ID `rule_<key>`), name suffix, source and detail-type. The
 * capacity reservation interruption came with Karpenter 1.10 (upgrade guide) and terraform-aws-eks v21.18.0.
 */
export const KARPENTER_EVENTS = [
  { key: "health_event", name: "HealthEvent", source: "aws.health", detailType: "AWS Health Event", description: "Karpenter interrupt - AWS health event" },
  { key: "spot_interruption", name: "SpotInterrupt", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning", description: "Karpenter interrupt - EC2 spot instance interruption warning" },
  { key: "rebalance_recommendation", name: "InstanceRebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation", description: "Karpenter interrupt - EC2 instance rebalance recommendation" },
  { key: "instance_state_change", name: "InstanceStateChange", source: "aws.ec2", detailType: "EC2 Instance State-change Notification", description: "Karpenter interrupt - EC2 instance state-change notification" },
  {
    key: "capacity_reservation_interruption",
    name: "CRInterruption",
    source: "aws.ec2",
    detailType: "EC2 Capacity Reservation Instance Interruption Warning",
    description: "Karpenter interrupt - EC2 capacity reservation instance interruption warning",
  },
] as const;

/**
 * An EventBridge rule's name: `<queue>-<event>`, cut to 64 characters and made unique again by a hash of the whole
 * (a queue name may have 80). Rules of different clusters must differ: rule names are unique per event bus.
 */
export function karpenterRuleName(queueName: string, eventName: string): string {
  const name = `${queueName}-${eventName}`;
  if (name.length <= EVENT_RULE_NAME_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const suffix = `-${hash}-${eventName}`;
  return `${queueName.slice(0, EVENT_RULE_NAME_MAX - suffix.length)}${suffix}`;
}

/** Karpenter's settings with every default in place. */
export interface ResolvedKarpenter {
  readonly identity: WorkloadIdentity;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly controllerRoleName: string;
  readonly nodeRoleName: string;
  readonly interruptionQueue: boolean;
  /** The queue's name; undefined when there is no queue. */
  readonly interruptionQueueName?: string;
  /** Subnets to tag; undefined: the cluster's subnets (given, or looked up). */
  readonly discoverySubnetIds?: readonly string[];
  readonly discoverySecurityGroup: boolean;
}

/**
 * The defaults laid under what the file gives (load.ts), for keys it leaves out (a null stays, so validation reports
 * it where it is): only defaults that are valid, so that a problem is reported
 * for what the file says. A derived queue name over SQS's 80 characters is left out: the rules say to name one.
 */
export function withKarpenterDefaults(given: Record<string, unknown>, clusterName: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...given };
  if (out.identity === undefined) out.identity = "pod-identity";
  if (out.namespace === undefined) out.namespace = KARPENTER_NAMESPACE;
  if (out.serviceAccount === undefined) out.serviceAccount = KARPENTER_SERVICE_ACCOUNT;
  if (out.controllerRoleName === undefined) out.controllerRoleName = defaultKarpenterControllerRoleName(clusterName);
  if (out.nodeRoleName === undefined) out.nodeRoleName = defaultKarpenterNodeRoleName(clusterName);
  if (out.interruptionQueue === undefined) out.interruptionQueue = true;
  if (out.discoverySecurityGroup === undefined) out.discoverySecurityGroup = true;
  if (out.interruptionQueue === true && out.interruptionQueueName === undefined) {
    const derived = defaultKarpenterQueueName(clusterName);
    if (derived.length <= SQS_QUEUE_NAME_MAX) out.interruptionQueueName = derived;
  }
  return out;
}

/** Karpenter's settings of a cluster with its defaults (also for a config that did not pass through the loader). */
export function resolvedKarpenter(cluster: Pick<ClusterConfig, "name" | "karpenter">): ResolvedKarpenter | undefined {
  if (!cluster.karpenter) return undefined;
  // The loader's defaults (one source); a derived queue name it leaves out (over SQS's 80: the rules refuse it) is
  // still named here, for a config that did not pass through the loader.
  const k = withKarpenterDefaults(cluster.karpenter as Record<string, unknown>, cluster.name) as unknown as ResolvedKarpenter;
  return {
    ...k,
    interruptionQueueName: k.interruptionQueue ? (k.interruptionQueueName ?? defaultKarpenterQueueName(cluster.name)) : undefined,
  };
}

/**
 * The managed policies of the role of Karpenter's nodes, as the Karpenter docs' CloudFormation template attaches them
 * (`KarpenterNodeRole`, v1.14): worker node, CNI, ECR pull-only, and SSM (Session Manager instead of SSH).
 */
export const KARPENTER_NODE_ROLE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryPullOnly",
  "AmazonSSMManagedInstanceCore",
] as const;
