import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `KarpenterInterruptionQueue`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface KarpenterInterruptionQueueProps {
  /** Name of the queue (1-80 letters, digits, - and _). */
  readonly queueName: string;
  /** Tags of the queue. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** How long SQS keeps an interruption message: 300 seconds, as terraform-aws-eks and the Karpenter docs set it. */
export const INTERRUPTION_MESSAGE_RETENTION_SECONDS = 300;

/**
 * The SQS queue EventBridge sends interruption events to and the Karpenter controller reads (`settings.interruptionQueue`):
 * SSE with SQS-managed keys, messages kept 300 seconds, and a queue policy that lets EventBridge (and SQS) send and
 * refuses every request without TLS (terraform-aws-eks modules/karpenter v21.19.0 `data.aws_iam_policy_document.queue`).
 */
export class KarpenterInterruptionQueue extends Construct {
  /** The queue: construct ID `Resource`, so its Terraform name is this construct's. */
  public readonly queue: SqsQueue;
  /** The queue policy (`<construct id>_policy`). */
  public readonly policy: SqsQueuePolicy;

  constructor(scope: Construct, id: string, props: KarpenterInterruptionQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, "Resource", {
      name: props.queueName,
      messageRetentionSeconds: INTERRUPTION_MESSAGE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
      tags: tagsArgument(props.tags),
    });
    this.policy = new SqsQueuePolicy(this, "policy", {
      queueUrl: this.queue.url,
      policy: Fn.jsonencode(interruptionQueuePolicy(this.queue.arn)),
    });
  }

  /** ARN of the queue. */
  public get queueArn(): string {
    return this.queue.arn;
  }

  /** Name of the queue (Karpenter's `settings.interruptionQueue`). */
  public get queueName(): string {
    return this.queue.name;
  }
}

/** The queue's policy document: EventBridge and SQS may send; nothing without TLS. */
export function interruptionQueuePolicy(queueArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SqsWrite",
        Effect: "Allow",
        Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
        Action: "sqs:SendMessage",
        Resource: queueArn,
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}
