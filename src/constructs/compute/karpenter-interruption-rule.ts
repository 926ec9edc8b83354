import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `KarpenterInterruptionRule`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface KarpenterInterruptionRuleProps {
  /** Name of the rule (1-64 of letters, digits, `.`, `-`, `_`). */
  readonly ruleName: string;
  /** What the rule catches. */
  readonly description: string;
  /** The event's source (`aws.ec2`, `aws.health`). */
  readonly source: string;
  /** The event's detail-type (`EC2 Spot Instance Interruption Warning`). */
  readonly detailType: string;
  /** ARN of the interruption queue. */
  readonly queueArn: string;
  /** Tags of the rule. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The target's ID on every rule, as terraform-aws-eks and the Karpenter docs name it (IDs are unique per rule). */
export const INTERRUPTION_TARGET_ID = "KarpenterInterruptionQueueTarget";

/** An event pattern as EventBridge reads it: one source, one detail-type (keys sorted, as Terraform's jsonencode writes them). */
export function eventPattern(source: string, detailType: string): string {
  return JSON.stringify({ "detail-type": [detailType], source: [source] });
}

/**
 * One EventBridge rule on the default bus that sends an event Karpenter handles to its interruption queue (no role:
 * the queue policy lets events.amazonaws.com send).
 */
export class KarpenterInterruptionRule extends Construct {
  /** The rule: construct ID `Resource`, so its Terraform name is this construct's. */
  public readonly rule: CloudwatchEventRule;
  /** The rule's target, the queue (`<construct id>_target`). */
  public readonly target: CloudwatchEventTarget;

  constructor(scope: Construct, id: string, props: KarpenterInterruptionRuleProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, "Resource", {
      name: props.ruleName,
      description: props.description,
      eventPattern: eventPattern(props.source, props.detailType),
      tags: tagsArgument(props.tags),
    });
    this.target = new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      targetId: INTERRUPTION_TARGET_ID,
      arn: props.queueArn,
    });
  }
}
