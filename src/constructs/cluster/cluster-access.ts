import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Construct } from "constructs";
import { accessPolicyId, principalId } from "../../config/names";
import { AccessEntrySettings } from "../../config/schema";
import { allowAnyChildId } from "../readable-stack";
import { lifecycleOf } from "../managed-node-group";
import { tagsArgument } from "../tags";

export { principalId };

/**
 * Props of `ClusterAccess`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ClusterAccessProps {
  /** Name of the cluster (a reference, so entries follow its creation). */
  readonly clusterName: string;
  /** IAM principals and their access policies. */
  readonly entries: readonly AccessEntrySettings[];
  /** AWS partition of the access policy ARNs: a reference to `data.aws_partition`. */
  readonly partition: string;
  /** Tags of the access entries. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * A reference (`<type>.<name>.<attribute>`, no `${}`) whose change replaces these resources (Terraform's
   * `replace_triggered_by`): the cluster's `id`, unknown only when the cluster is replaced, so a replaced cluster takes
   * them with it instead of leaving them in state on the old one (EKS refuses to delete a cluster that still has node
   * groups, and a new cluster starts without the old one's add-ons and access entries).
   * @default - not replaced with the cluster
   */
  readonly replaceWithCluster?: string;
}

/**
 * Access entries: one `aws_eks_access_entry` per IAM principal and one `aws_eks_access_policy_association` per
 * policy, cluster-wide or limited to namespaces. Construct IDs come from the principal's account, type and name,
 * and the policy's name (`principalId`, `accessPolicyId` in src/config/names.ts), so addresses do not depend on order.
 */
export class ClusterAccess extends Construct {
  public readonly entries: readonly EksAccessEntry[];

  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    allowAnyChildId(this);
    this.entries = props.entries.map((settings) => {
      const name = principalId(settings.principalArn);
      const entry = new EksAccessEntry(this, name, {
        clusterName: props.clusterName,
        principalArn: settings.principalArn,
        tags: tagsArgument(props.tags),
        lifecycle: lifecycleOf([], props.replaceWithCluster),
      });
      for (const association of settings.policies) {
        const namespaces = association.namespaces ?? [];
        new EksAccessPolicyAssociation(this, accessPolicyId(settings.principalArn, association.policy), {
          clusterName: props.clusterName,
          // The entry's attribute, not the literal: the association waits for its entry.
          principalArn: entry.principalArn,
          policyArn: `arn:${props.partition}:eks::aws:cluster-access-policy/${association.policy}`,
          accessScope: namespaces.length > 0 ? { type: "namespace", namespaces: [...namespaces] } : { type: "cluster" },
          lifecycle: lifecycleOf([], props.replaceWithCluster),
        });
      }
      return entry;
    });
  }
}
