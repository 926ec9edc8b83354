import { App, TerraformDataSource, TerraformElement, TerraformLocal, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { Construct, IConstruct, Node } from "constructs";
import { terraformName } from "../config/names";

/**
 * Lets `scope` take children whose IDs are names of `Object.prototype` members (`constructor`, `toString`,
 * `__proto__`, ...), such as an add-on named `constructor` or a cluster named `toString`, and returns it.
 *
 * The constructs library (10.x) keeps a node's children in a plain object and refuses a child whose ID is already
 * "there": for those names `{}` answers with the inherited member, so the child is refused as a duplicate (and
 * `tryFindChild("constructor")` answers with a function). This gives the node a null-prototype table instead, with
 * the children it already has. The constructs suites add such children, so a constructs release that stores
 * children differently fails a test instead of failing silently.
 */
export function allowAnyChildId<T extends IConstruct>(scope: T): T {
  const node = scope.node as unknown as { _children?: Record<string, IConstruct> };
  if (Object.getPrototypeOf(node._children ?? {}) !== null) {
    node._children = Object.assign(Object.create(null) as Record<string, IConstruct>, node._children);
  }
  return scope;
}

/** The namespace a Terraform element's name must be unique in: its kind and type (`resource aws_iam_role`, `output`). */
function namespaceOf(element: TerraformElement | Node): string {
  if (TerraformResource.isTerraformResource(element)) return `resource ${element.terraformResourceType}`;
  if (TerraformDataSource.isTerraformDataSource(element)) return `data ${element.terraformResourceType}`;
  if (TerraformProvider.isTerraformProvider(element)) return `provider ${element.terraformResourceType}`;
  if (TerraformOutput.isTerraformOutput(element)) return "output";
  if (element instanceof TerraformLocal) return "local";
  if (element instanceof TerraformVariable) return "variable";
  return "other";
}

/**
 * A stack whose Terraform names read as the construct path below it, joined with `_`, with no hash:
 * `aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKS_CNI_Policy`. A child named `Resource`
 * is its parent's main resource and adds nothing (`aws_eks_cluster.cluster`, not `cluster_Resource`); characters
 * other than letters, digits, `_` and `-` become `_` (`terraformName` in src/config/names.ts, which validation uses
 * to predict names).
 *
 * These names are a contract: renaming a construct ID destroys and recreates the real resource. Terraform needs a
 * name unique per kind and type only (a role and a policy attachment may share one), so that is what is checked: two
 * elements of one kind and type that would get the same name are an error, never a silent hash. Validation
 * (`nameCollisions`) reports such configurations before anything is built; this is the last line.
 */
export class ReadableStack extends TerraformStack {
  private readonly logicalIds = new Map<string, string>();

  /**
   * A stack named `id` in `scope`. Any name works, `constructor` or `toString` included: the scope and the stack take
   * children of any ID (`allowAnyChildId`), the app's manifest keeps its stacks in a null-prototype table, and
   * `toString()` (the key cdktf files the stack's references under) is never an `Object.prototype` member's name.
   */
  constructor(scope: Construct, id: string) {
    super(allowAnyChildId(scope), id);
    allowAnyChildId(this);
    // cdktf 0.21's Manifest.forStack looks stacks up by name in a plain object: "constructor" would find a function.
    const app = this.node.root;
    if (App.isApp(app) && Object.getPrototypeOf(app.manifest.stacks) !== null) Object.setPrototypeOf(app.manifest.stacks, null);
  }

  /**
   * The stack's path, as for any construct, except for a name of an `Object.prototype` member, which gets ` (stack)`
   * added: cdktf 0.21 files each reference's identifier by `String(stack)` in a plain object, where `constructor`
   * would find a function.
   */
  public toString(): string {
    const path = super.toString();
    return path in Object.prototype ? `${path} (stack)` : path;
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const id = terraformName(node.scopes.slice(node.scopes.indexOf(this) + 1).map((scope) => scope.node.id));
    const key = `${namespaceOf(element)} ${id}`;
    const owner = this.logicalIds.get(key);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Terraform name "${id}" (${namespaceOf(element)}) is claimed by both ${owner} and ${node.path}; rename one of them.`);
    }
    this.logicalIds.set(key, node.path);
    return id;
  }
}
