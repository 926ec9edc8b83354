/**
 * The user data of a managed node group's launch template, as text (a Terraform string: template syntax, cdktf tokens
 * for references), and as the launch template's `user_data` argument: `base64encode("...")`, written by Terraform
 * from that text, so the hand-off shows the content a reviewer reads, and the bytes depend only on the text.
 *
 * Formats (EKS User Guide "Customize managed nodes with launch templates", launch-templates.html):
 * - AL2023: "user data in launch templates that are used with managed node groups must be in the MIME multi-part
 *   archive format for Amazon Linux AMIs"; nodeadm reads parts of Content-Type `application/node.eks.aws` holding a
 *   `NodeConfig` (`apiVersion: node.eks.aws/v1alpha1`), merged "in the order they appear", kubelet `config` merged
 *   into its KubeletConfiguration and `flags` "appended to the defaults" (awslabs/amazon-eks-ami nodeadm/doc/api.md,
 *   doc/examples.md). With an EKS AMI, EKS adds the cluster part; with a custom AMI "Amazon EKS doesn't merge user
 *   data", so ours carries `spec.cluster` (name, apiServerEndpoint, certificateAuthority, cidr: "are now required").
 * - Bottlerocket: "TOML format for Bottlerocket AMIs", merged with EKS's, ours overriding (`[settings.kubernetes]`
 *   `max-pods`).
 */
import { Fn, IResolvable, Token } from "cdktf";
import { hclTemplate } from "./terraform-literal";

/** The MIME boundary: no kubelet flag (`--` then a lower-case letter or digit) can start a line with `--==`. */
export const MIME_BOUNDARY = "==NODEADM==";

/** What a custom AMI's NodeConfig needs of the cluster (references to `aws_eks_cluster` attributes). */
export interface NodeConfigCluster {
  readonly name: string;
  readonly apiServerEndpoint: string;
  readonly certificateAuthority: string;
  /** The cluster's service IPv4 CIDR. */
  readonly cidr: string;
}

export interface KubeletUserData {
  readonly maxPods?: number;
  readonly flags?: readonly string[];
}

/** An AL2023 nodeadm NodeConfig in a MIME multi-part document. */
export function al2023UserData(kubelet: KubeletUserData, cluster?: NodeConfigCluster): string {
  const spec: string[] = [];
  if (cluster) {
    spec.push(
      "  cluster:",
      `    name: ${cluster.name}`,
      `    apiServerEndpoint: ${cluster.apiServerEndpoint}`,
      `    certificateAuthority: ${cluster.certificateAuthority}`,
      `    cidr: ${cluster.cidr}`,
    );
  }
  if (kubelet.maxPods !== undefined || (kubelet.flags ?? []).length > 0) {
    spec.push("  kubelet:");
    if (kubelet.maxPods !== undefined) spec.push("    config:", `      maxPods: ${kubelet.maxPods}`);
    // Flags are quoted: the schema's characters need no escape inside YAML double quotes.
    if ((kubelet.flags ?? []).length > 0) spec.push("    flags:", ...(kubelet.flags ?? []).map((f) => `      - "${f}"`));
  }
  return [
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`,
    "",
    `--${MIME_BOUNDARY}`,
    "Content-Type: application/node.eks.aws",
    "",
    "---",
    "apiVersion: node.eks.aws/v1alpha1",
    "kind: NodeConfig",
    spec.length > 0 ? "spec:" : "spec: {}",
    ...spec,
    "",
    `--${MIME_BOUNDARY}--`,
    "",
  ].join("\n");
}

/** Bottlerocket settings (TOML) for the kubelet. */
export function bottlerocketUserData(kubelet: KubeletUserData): string {
  const lines = ["[settings.kubernetes]"];
  if (kubelet.maxPods !== undefined) lines.push(`max-pods = ${kubelet.maxPods}`);
  return `${lines.join("\n")}\n`;
}

/** A Terraform string (template) as an HCL quoted template expression (`hclTemplate`), for use inside `Fn.*`. */
export function templateExpression(text: string): string {
  const resolvable: IResolvable = { creationStack: [], resolve: (context) => hclTemplate(context, text), toString: () => "templateExpression" };
  return Token.asString(resolvable);
}

/** The launch template's `user_data`: `base64encode("<text>")`, encoded by Terraform. */
export function userDataArgument(text: string): string {
  return Fn.base64encode(templateExpression(text));
}
