import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { Construct } from "constructs";
import { lifecycleOf } from "../managed-node-group";
import { ServiceRole } from "../service-role";
import { tagsArgument } from "../tags";

/**
 * Props of `KarpenterNodeRole`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface KarpenterNodeRoleProps {
  /** Name of the role (the EC2NodeClass's `spec.role`). */
  readonly roleName: string;
  /** AWS managed policies to attach (`KARPENTER_NODE_ROLE_POLICIES`, without the CNI policy when vpc-cni has a role). */
  readonly managedPolicyNames: readonly string[];
  /** AWS partition of the policy ARNs (a reference to `data.aws_partition`). */
  readonly partition: string;
  /** The cluster's name (a reference): the access entry's cluster. */
  readonly clusterName: string;
  /** Tags of the role and the access entry. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** As in `ManagedNodeGroupProps`: a reference whose change replaces the access entry, which lives in the cluster. */
  readonly replaceWithCluster?: string;
}


/**
 * The IAM role of the nodes Karpenter launches (trusting `ec2.amazonaws.com`; Karpenter creates the instance profile
 * itself from the EC2NodeClass), with its `EC2_LINUX` access entry, which lets the nodes join the cluster (EKS puts
 * such an entry in `system:nodes`: no access policy is associated).
 */
export class KarpenterNodeRole extends Construct {
  /** The role and its policy attachments: construct ID `Resource`, so its Terraform name is this construct's. */
  public readonly role: ServiceRole;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** The access entry (`<construct id>_access_entry`). */
  public readonly accessEntry: EksAccessEntry;

  constructor(scope: Construct, id: string, props: KarpenterNodeRoleProps) {
    super(scope, id);
    this.role = new ServiceRole(this, "Resource", {
      role: { name: props.roleName },
      servicePrincipal: "ec2.amazonaws.com",
      managedPolicyNames: props.managedPolicyNames,
      partition: props.partition,
      tags: props.tags,
    });
    this.roleArn = this.role.roleArn;
    this.accessEntry = new EksAccessEntry(this, "access_entry", {
      clusterName: props.clusterName,
      principalArn: this.roleArn,
      type: "EC2_LINUX",
      tags: tagsArgument(props.tags),
      lifecycle: lifecycleOf([], props.replaceWithCluster),
    });
  }
}
