import { TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

/**
 * A stack whose Terraform names read as the construct path below it, joined with `_`, with no hash:
 * `aws_iam_role_policy_attachment.node_role_AWSEKSNodeRole_AmazonEKS_CNI_Policy`. A child named `Resource`
 * is its parent's main resource and adds nothing (`aws_eks_cluster.cluster`, not `cluster_Resource`).
 *
 * These names are a contract: renaming a construct ID destroys and recreates the real resource. Two
 * constructs that would get the same name are an error, never a silent hash.
 */
export class ReadableStack extends TerraformStack {
  private readonly logicalIds = new Map<string, string>();

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const path = node.scopes.slice(node.scopes.indexOf(this) + 1).map((scope) => scope.node.id);
    const id = path
      .filter((part) => part !== "Resource")
      .join("_")
      .replace(/[^A-Za-z0-9_-]/g, "_");
    const owner = this.logicalIds.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Terraform name "${id}" is claimed by both ${owner} and ${node.path}; rename one of them.`);
    }
    this.logicalIds.set(id, node.path);
    return id;
  }
}
