import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { RoleReference } from "../config/schema";
import { tagsArgument } from "./tags";

/**
 * Props of `ServiceRole`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ServiceRoleProps {
  /** The role to create (`{ name }`) or the existing role to use (`{ arn }`: nothing is created). */
  readonly role: RoleReference;
  /** Service principal trusted to assume the role, e.g. `eks.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Names of the AWS managed policies to attach, e.g. `AmazonEKSClusterPolicy`. */
  readonly managedPolicyNames: readonly string[];
  /** AWS partition of the policy ARNs: a reference to `data.aws_partition`, never a literal `aws`. */
  readonly partition: string;
  /** Tags of the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What the trust policy lets the service do, e.g. `["sts:AssumeRole", "sts:TagSession"]` (the EKS Auto Mode cluster role).
   * @default ["sts:AssumeRole"]
   */
  readonly trustActions?: readonly string[];
  /**
   * The trust statement's `Condition`, e.g. `{ ArnLike: { "aws:SourceArn": ... } }`. It is written inside
   * `jsonencode()`, an expression: give literal text there as `terraformStringExpression(text)`, references as they are.
   * @default - none
   */
  readonly trustCondition?: Readonly<Record<string, unknown>>;
}

/**
 * An IAM role that one AWS service assumes, with AWS managed policies attached one
 * `aws_iam_role_policy_attachment` each (never the account-wide exclusive `aws_iam_policy_attachment`).
 * Each attachment's construct ID is its policy's name, so its Terraform address does not depend on order.
 */
export class ServiceRole extends Construct {
  /** ARN of the role, created or given. */
  public readonly roleArn: string;
  /** The created role; undefined when an existing ARN was given. */
  public readonly role?: IamRole;
  /** The policy attachments, by policy name: what users of the role must wait for. */
  public readonly attachments: Readonly<Record<string, IamRolePolicyAttachment>>;
  private readonly inlinePolicies: IamRolePolicy[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);

    const { name, arn } = props.role;
    if (name === undefined) {
      if (arn === undefined) throw new Error(`${this.node.path}: a role needs a name or an arn`);
      this.roleArn = arn;
      this.attachments = Object.create(null) as Record<string, IamRolePolicyAttachment>;
      return;
    }

    this.role = new IamRole(this, "Resource", {
      name,
      // A condition may hold references (the partition): jsonencode() in Terraform, as for inline policies.
      assumeRolePolicy: props.trustCondition
        ? Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: props.servicePrincipal }, Action: trustAction(props.trustActions), Condition: props.trustCondition }],
          })
        : trustPolicy(props.servicePrincipal, props.trustActions),
      tags: tagsArgument(props.tags),
    });
    this.roleArn = this.role.arn;

    // By policy name, in a null-prototype object: any name is an ordinary key.
    const attachments = Object.create(null) as Record<string, IamRolePolicyAttachment>;
    for (const policyName of props.managedPolicyNames) {
      attachments[policyName] = new IamRolePolicyAttachment(this, policyName, {
        role: this.role.name,
        policyArn: `arn:${props.partition}:iam::aws:policy/${policyName}`,
      });
    }
    this.attachments = attachments;
  }

  /** What a resource using this role must `depends_on`: attachments and inline policies (none for an existing role). */
  public get dependables(): ITerraformDependable[] {
    return [...Object.values(this.attachments), ...this.inlinePolicies];
  }

  /**
   * Adds an inline policy to the created role (`aws_iam_role_policy`, construct ID `id`); nothing for an existing
   * role, whose owners grant what it needs. The statements are written inside `jsonencode()`, an expression: give
   * literal text there as `terraformStringExpression(text)` (./terraform-literal.ts), references as they are.
   */
  public addInlinePolicy(id: string, policyName: string, statements: readonly Record<string, unknown>[]): IamRolePolicy | undefined {
    if (!this.role) return undefined;
    const policy = new IamRolePolicy(this, id, {
      name: policyName,
      role: this.role.name,
      // jsonencode() in Terraform, not JSON.stringify here: the statements hold references (a key's ARN), and
      // a pre-serialised string with a reference inside renders as broken HCL in the hand-off.
      policy: Fn.jsonencode({ Version: "2012-10-17", Statement: statements }),
    });
    this.inlinePolicies.push(policy);
    return policy;
  }
}

/** The trust policy letting `servicePrincipal` assume a role (and do `actions`, default sts:AssumeRole), as the console writes it. */
export function trustPolicy(servicePrincipal: string, actions?: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: servicePrincipal }, Action: trustAction(actions) }],
  });
}

/** A trust statement's Action: the one action as a string (as before actions could be given), several as a list. */
function trustAction(actions: readonly string[] | undefined): string | string[] {
  return actions === undefined || actions.length === 0 ? "sts:AssumeRole" : actions.length === 1 ? actions[0] : [...actions];
}
