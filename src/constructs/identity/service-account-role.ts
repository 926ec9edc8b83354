import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, IResolvable, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { policyNameOf } from "../../config/names";
import { hclTemplate } from "../terraform-literal";
import { lifecycleOf } from "../managed-node-group";
import { allowAnyChildId } from "../readable-stack";
import { tagsArgument } from "../tags";
import { OidcProvider, STS_AUDIENCE } from "./oidc-provider";
import { WorkloadIdentity } from "../../config/schema";

/** How pods get a role: EKS Pod Identity, or IAM roles for service accounts through the cluster's OIDC provider. */
export type { WorkloadIdentity };

/**
 * Props of `ServiceAccountRole`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ServiceAccountRoleProps {
  /** Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /**
   * How pods get the role: EKS Pod Identity (the role trusts `pods.eks.amazonaws.com` with `sts:AssumeRole` and
   * `sts:TagSession`) or IRSA (the role trusts the cluster's OIDC provider with `sts:AssumeRoleWithWebIdentity`, for
   * `<issuer>:sub` = `system:serviceaccount:<namespace>:<name>` and `<issuer>:aud` = `sts.amazonaws.com`).
   */
  readonly identity: WorkloadIdentity;
  /** IAM role name. */
  readonly roleName: string;
  /** ARNs of managed policies to attach (may hold a partition reference). @default [] */
  readonly managedPolicyArns?: readonly string[];
  /**
   * An inline policy document as JSON text (a Terraform string), attached as `aws_iam_role_policy`
   * `<construct id>_inline` named `inline`.
   * @default - none
   */
  readonly inlinePolicy?: string;
  /** The inline policy's name in IAM (its construct ID stays `inline`). @default "inline" */
  readonly inlinePolicyName?: string;
  /** The cluster's name (a reference): the Pod Identity association's cluster. */
  readonly clusterName: string;
  /** The cluster's OIDC provider: required with identity `irsa`. */
  readonly oidcProvider?: OidcProvider;
  /**
   * With `pod-identity`: create an `aws_eks_pod_identity_association` for the service account. False for add-ons,
   * whose own `pod_identity_association` block binds the role.
   * @default true
   */
  readonly associate?: boolean;
  /** Tags of the role and the association. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * As in `ManagedNodeGroupProps`: a reference (`<type>.<name>.<attribute>`, no `${}`) whose change replaces the
   * association (Terraform's `replace_triggered_by`), which lives in the cluster.
   * @default - not replaced with the cluster
   */
  readonly replaceWithCluster?: string;
}

/** The trust policy of a role for EKS Pod Identity. */
export const POD_IDENTITY_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
});

/**
 * The trust policy of a role for IRSA: the provider's web identity tokens for one service account, for STS. Written
 * with `jsonencode()` in Terraform (it holds the provider's ARN and issuer); the condition keys are templates on the
 * issuer, `"${replace(<provider>.url, "https://", "")}:sub"` (see `templateKeyedObject`).
 */
export function irsaTrustPolicy(provider: OidcProvider, namespace: string, serviceAccount: string): string {
  return Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: provider.arn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: templateKeyedObject([
            [`${provider.issuerHostPath}:sub`, `system:serviceaccount:${namespace}:${serviceAccount}`],
            [`${provider.issuerHostPath}:aud`, STS_AUDIENCE],
          ]),
        },
      },
    ],
  });
}

/**
 * An HCL object constructor, `{"<key>" = "<value>", ...}`, for use inside a `Fn.*` call (an expression), whose keys
 * may hold references. cdktf 0.21 cannot write such keys itself: it writes a key's expression as plain text in
 * quotes (`"replace(...):sub"`, which Terraform reads literally) and looks the value up under that text (`undefined`). Here keys and values are Terraform strings (templates) written as HCL quoted templates:
 * literal parts escaped for a quoted string (`\`, `"`, control characters; `${` and `%{` stay template syntax, as
 * everywhere a Terraform string goes), each cdktf token as `${<expression>}`.
 */
export function templateKeyedObject(entries: readonly (readonly [string, string])[]): IResolvable {
  const resolvable: IResolvable = {
    creationStack: [],
    resolve: (context) => `{${entries.map(([key, value]) => `${hclTemplate(context, key)} = ${hclTemplate(context, value)}`).join(", ")}}`,
    toString: () => "templateKeyedObject",
  };
  return resolvable;
}

/** A managed policy's name: its ARN's last segment, after the last `/`. */
export { policyNameOf };

/**
 * The IAM role one Kubernetes service account's pods assume, through EKS Pod Identity (with its association, unless
 * an add-on binds the role itself) or IRSA. Managed policies are attached one `aws_iam_role_policy_attachment` each,
 * named after the policy (the ARN's last segment), so addresses do not depend on order.
 */
export class ServiceAccountRole extends Construct {
  /** The role: construct ID `Resource`, so its Terraform name is this construct's. */
  public readonly role: IamRole;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** The Pod Identity association (`<construct id>_association`), with `pod-identity` and `associate`. */
  public readonly association?: EksPodIdentityAssociation;
  /** The role's policy attachments and inline policy: what must exist before pods use the role. */
  public readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ServiceAccountRoleProps) {
    super(scope, id);
    allowAnyChildId(this);

    let assumeRolePolicy: string;
    if (props.identity === "irsa") {
      if (!props.oidcProvider) {
        throw new Error(`${this.node.path}: identity "irsa" needs the cluster's OIDC provider (oidcProvider)`);
      }
      assumeRolePolicy = irsaTrustPolicy(props.oidcProvider, props.namespace, props.serviceAccount);
    } else {
      assumeRolePolicy = POD_IDENTITY_TRUST_POLICY;
    }

    // Check the policy names before creating anything: two ARNs with one name would claim one construct ID.
    const arnsByName = new Map<string, string>();
    for (const arn of props.managedPolicyArns ?? []) {
      const name = policyNameOf(arn);
      const other = arnsByName.get(name);
      if (other !== undefined) {
        throw new Error(`${this.node.path}: the managed policies "${other}" and "${arn}" share the name "${name}"; attach only one of them`);
      }
      arnsByName.set(name, arn);
    }

    const tags = tagsArgument(props.tags);
    this.role = new IamRole(this, "Resource", { name: props.roleName, assumeRolePolicy, tags });
    this.roleArn = this.role.arn;

    this.dependables = [];
    for (const [name, policyArn] of arnsByName) {
      this.dependables.push(new IamRolePolicyAttachment(this, name, { role: this.role.name, policyArn }));
    }
    if (props.inlinePolicy !== undefined) {
      this.dependables.push(new IamRolePolicy(this, "inline", { name: props.inlinePolicyName ?? "inline", role: this.role.name, policy: props.inlinePolicy }));
    }

    if (props.identity === "pod-identity" && (props.associate ?? true)) {
      this.association = new EksPodIdentityAssociation(this, "association", {
        clusterName: props.clusterName,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.roleArn,
        tags,
        // Pods get the role's credentials as soon as the association exists: give them its permissions first.
        dependsOn: this.dependables.length > 0 ? [...this.dependables] : undefined,
        lifecycle: lifecycleOf([], props.replaceWithCluster),
      });
    }
  }
}
