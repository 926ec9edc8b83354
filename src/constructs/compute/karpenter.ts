import { Fn } from "cdktf";
import { Construct } from "constructs";
import { KARPENTER_EVENTS, karpenterRuleName, ResolvedKarpenter } from "../../config/karpenter";
import { OidcProvider } from "../identity/oidc-provider";
import { ServiceAccountRole } from "../identity/service-account-role";
import { karpenterControllerPolicy } from "./karpenter-controller-policy";
import { KarpenterDiscoveryTags } from "./karpenter-discovery-tags";
import { KarpenterInterruptionQueue } from "./karpenter-interruption-queue";
import { KarpenterInterruptionRule } from "./karpenter-interruption-rule";
import { KarpenterNodeRole } from "./karpenter-node-role";

/**
 * Props of `Karpenter`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `buildClusterParts` does it for the whole configuration.
 */
export interface KarpenterProps {
  /** Karpenter's settings, every default in place (`resolvedKarpenter`). */
  readonly settings: ResolvedKarpenter;
  /** The cluster's name as text: inside the controller policy's condition keys and the discovery tags' value. */
  readonly clusterName: string;
  /** The cluster's name as a reference (`aws_eks_cluster.<id>.name`): the association and access entry wait for the cluster. */
  readonly clusterNameRef: string;
  /** The cluster's ARN (a reference). */
  readonly clusterArn: string;
  /** The cluster's primary security group (a reference), tagged for discovery unless `settings.discoverySecurityGroup` is false. */
  readonly clusterSecurityGroupId: string;
  /** The cluster's subnets (literal IDs, or a lookup's list): tagged for discovery unless `settings.discoverySubnetIds` names others. */
  readonly clusterSubnetIds: readonly string[];
  /** The cluster's region, as text. */
  readonly region: string;
  /** AWS partition (a reference to `data.aws_partition`). */
  readonly partition: string;
  /** Managed policies of the node role. */
  readonly nodeRolePolicies: readonly string[];
  /** The cluster's IAM OIDC provider: required with identity `irsa`. */
  readonly oidcProvider?: OidcProvider;
  /** Tags of every resource that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** As in `ManagedNodeGroupProps`: a reference whose change replaces what lives in the cluster (association, access entry). */
  readonly replaceWithCluster?: string;
}

/**
 * Everything AWS needs for Karpenter v1, as terraform-aws-eks's karpenter module builds it (the Helm install is
 * out of scope): the controller's role with the controller policy inline (a managed policy's 6,144 characters are too
 * few for it; a role's inline policies get 10,240) and its Pod Identity association or IRSA trust, the node role with
 * its `EC2_LINUX` access entry, the interruption queue and the EventBridge rules feeding it, and the
 * `karpenter.sh/discovery` tags.
 *
 * Terraform names (below a stack, with construct ID `karpenter`): `aws_iam_role.karpenter_controller_role`,
 * `aws_iam_role_policy.karpenter_controller_role_inline`, `aws_eks_pod_identity_association.karpenter_controller_role_association`,
 * `aws_iam_role.karpenter_node_role`, `aws_iam_role_policy_attachment.karpenter_node_role_<policy>`,
 * `aws_eks_access_entry.karpenter_node_role_access_entry`, `aws_sqs_queue.karpenter_interruption_queue`,
 * `aws_sqs_queue_policy.karpenter_interruption_queue_policy`, `aws_cloudwatch_event_rule.karpenter_rule_<event>` and
 * `aws_cloudwatch_event_target.karpenter_rule_<event>_target`, `aws_ec2_tag.karpenter_discovery_subnet["<subnet>"]`
 * and `aws_ec2_tag.karpenter_discovery_security_group`.
 */
export class Karpenter extends Construct {
  /** The settings it was built from. */
  public readonly settings: ResolvedKarpenter;
  /** The controller's role, policy and (Pod Identity) association. */
  public readonly controllerRole: ServiceAccountRole;
  /** The nodes' role and access entry. */
  public readonly nodeRole: KarpenterNodeRole;
  /** The interruption queue, unless `interruptionQueue` is false. */
  public readonly interruptionQueue?: KarpenterInterruptionQueue;
  /** The EventBridge rules, by event key (`spot_interruption`, ...). */
  public readonly interruptionRules: Readonly<Record<string, KarpenterInterruptionRule>>;
  /** The discovery tags. */
  public readonly discoveryTags: KarpenterDiscoveryTags;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const s = props.settings;
    this.settings = s;

    this.nodeRole = new KarpenterNodeRole(this, "node_role", {
      roleName: s.nodeRoleName,
      managedPolicyNames: props.nodeRolePolicies,
      partition: props.partition,
      clusterName: props.clusterNameRef,
      tags: props.tags,
      replaceWithCluster: props.replaceWithCluster,
    });

    const rules = Object.create(null) as Record<string, KarpenterInterruptionRule>;
    if (s.interruptionQueue && s.interruptionQueueName !== undefined) {
      const queue = new KarpenterInterruptionQueue(this, "interruption_queue", { queueName: s.interruptionQueueName, tags: props.tags });
      this.interruptionQueue = queue;
      for (const event of KARPENTER_EVENTS) {
        rules[event.key] = new KarpenterInterruptionRule(this, `rule_${event.key}`, {
          ruleName: karpenterRuleName(s.interruptionQueueName, event.name),
          description: event.description,
          source: event.source,
          detailType: event.detailType,
          queueArn: queue.queueArn,
          tags: props.tags,
        });
      }
    }
    this.interruptionRules = rules;

    // The account, for the instance-profile ARNs: the node role's ARN holds it (no aws_caller_identity: that data
    // source calls STS, and the stack plans offline without it).
    const accountId = Fn.element(Fn.split(":", this.nodeRole.roleArn), 4);
    const policy = karpenterControllerPolicy({
      partition: props.partition,
      region: props.region,
      accountId,
      clusterName: props.clusterName,
      clusterArn: props.clusterArn,
      nodeRoleArn: this.nodeRole.roleArn,
      queueArn: this.interruptionQueue?.queueArn,
    });
    this.controllerRole = new ServiceAccountRole(this, "controller_role", {
      namespace: s.namespace,
      serviceAccount: s.serviceAccount,
      identity: s.identity,
      roleName: s.controllerRoleName,
      inlinePolicy: Fn.jsonencode(policy),
      inlinePolicyName: "KarpenterController",
      clusterName: props.clusterNameRef,
      oidcProvider: props.oidcProvider,
      tags: props.tags,
      replaceWithCluster: props.replaceWithCluster,
    });

    this.discoveryTags = new KarpenterDiscoveryTags(this, "discovery", {
      clusterName: props.clusterName,
      subnetIds: s.discoverySubnetIds ?? props.clusterSubnetIds,
      securityGroupId: s.discoverySecurityGroup ? props.clusterSecurityGroupId : undefined,
    });
  }

  /** ARN of the controller's role (for the Helm chart's service account annotation with IRSA). */
  public get controllerRoleArn(): string {
    return this.controllerRole.roleArn;
  }

  /** Name of the node role (the EC2NodeClass's `spec.role`). */
  public get nodeRoleName(): string {
    return this.nodeRole.role.role?.name ?? this.settings.nodeRoleName;
  }

  /** Name of the interruption queue (the Helm chart's `settings.interruptionQueue`), when there is one. */
  public get interruptionQueueName(): string | undefined {
    return this.interruptionQueue?.queueName;
  }
}
