/**
 * The VPC CNI's permissions in an IPv6 cluster. AWS publishes no managed policy for them: "If your cluster uses the
 * IPv6 family, then the permissions must be added to an IAM policy that you create" (EKS User Guide, "Configure
 * Amazon VPC CNI plugin to use IRSA", cni-iam-role.html). The statements are the User Guide's, "Create IAM policy for
 * clusters that use the IPv6 family" (#cni-iam-role-create-ipv6-policy), with the partition from `data.aws_partition`
 * instead of the documentation's `arn:aws:`; the name is the one the guide gives the policy. The stack writes them as
 * an inline policy (`aws_iam_role_policy`) of the role the CNI uses: the node role, or vpc-cni's own role.
 */

/** The policy's name in IAM, as the User Guide names it. */
export const CNI_IPV6_POLICY_NAME = "AmazonEKS_CNI_IPv6_Policy";

/** Construct ID of the inline policy on a role: `<role's address>_cni_ipv6`. */
export const CNI_IPV6_POLICY_ID = "cni_ipv6";

/** The two statements, verbatim from the User Guide; `partition` is a reference to `data.aws_partition`. */
export function cniIpv6PolicyStatements(partition: string): Record<string, unknown>[] {
  return [
    {
      Effect: "Allow",
      Action: ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes"],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: [`arn:${partition}:ec2:*:*:network-interface/*`],
    },
  ];
}
