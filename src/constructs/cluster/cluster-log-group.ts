import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `ClusterLogGroup`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ClusterLogGroupProps {
  /** Name of the cluster whose control-plane logs the group holds. */
  readonly clusterName: string;
  /** Days CloudWatch keeps the logs (one of CloudWatch's allowed periods). */
  readonly retentionDays: number;
  /** Tags of the log group. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The log group EKS writes control-plane logs to, `/aws/eks/<cluster>/cluster`, created before the cluster with a
 * retention period. Without it EKS creates the group itself, kept forever and outside Terraform.
 */
export class ClusterLogGroup extends Construct {
  public readonly resource: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ClusterLogGroupProps) {
    super(scope, id);
    this.resource = new CloudwatchLogGroup(this, "Resource", {
      name: `/aws/eks/${props.clusterName}/cluster`,
      retentionInDays: props.retentionDays,
      tags: tagsArgument(props.tags),
    });
  }
}
