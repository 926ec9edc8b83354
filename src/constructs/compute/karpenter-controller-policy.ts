/**
 * The Karpenter v1 controller's IAM policy, as terraform-aws-eks's karpenter module (v21.19.0, modules/karpenter/
 * policy.tf `data.aws_iam_policy_document.controller`) writes it, with the zonal shift statement in the form the
 * Karpenter docs use since karpenter-provider-aws PR #9123 (Resource `*` and `arc-zonal-shift:ResourceIdentifier`;
 * terraform-aws-eks v21.19.1, PR #3693) and `iam:PassedToService` as the docs' CloudFormation template lists it
 * (`ec2.amazonaws.com`, `ec2.amazonaws.com.cn`). Statements, actions and resources in the module's order.
 *
 * Pure: every input is a Terraform string (a literal, or a reference), so the same function gives the construct's
 * policy and, with literal values, the document the tests measure.
 */

/** What the policy names. */
export interface KarpenterControllerPolicyInputs {
  /** The AWS partition (`data.aws_partition.current.partition`). */
  readonly partition: string;
  /** The cluster's region, literally (also the value of `aws:RequestedRegion` and `topology.kubernetes.io/region`). */
  readonly region: string;
  /** The account ID (an expression: the node role ARN's fifth field). */
  readonly accountId: string;
  /** The cluster's name, literally: it is part of condition keys (`kubernetes.io/cluster/<name>`), which cannot be references. */
  readonly clusterName: string;
  /** The cluster's ARN. */
  readonly clusterArn: string;
  /** The node role's ARN (`iam:PassRole`). */
  readonly nodeRoleArn: string;
  /** The interruption queue's ARN; none: no queue statement. */
  readonly queueArn?: string;
}

/** A policy statement. */
export type Statement = Record<string, unknown>;

/** The policy document: `{ Version, Statement }`. */
export function karpenterControllerPolicy(i: KarpenterControllerPolicyInputs): { Version: string; Statement: Statement[] } {
  const ec2 = (resource: string) => `arn:${i.partition}:ec2:${i.region}:*:${resource}/*`;
  const instanceProfiles = `arn:${i.partition}:iam::${i.accountId}:instance-profile/*`;
  const clusterTag = `kubernetes.io/cluster/${i.clusterName}`;
  const statements: Statement[] = [
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [
        `arn:${i.partition}:ec2:${i.region}::image/*`,
        `arn:${i.partition}:ec2:${i.region}::snapshot/*`,
        ec2("security-group"),
        ec2("subnet"),
        ec2("capacity-reservation"),
        ec2("placement-group"),
      ],
    },
    {
      Sid: "AllowScopedEC2LaunchTemplateAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: ec2("launch-template"),
      Condition: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedEC2InstanceActionsWithTags",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request", "capacity-reservation"].map(ec2),
      Condition: {
        StringEquals: { [`aws:RequestTag/${clusterTag}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": i.clusterName },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedResourceCreationTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request"].map(ec2),
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${clusterTag}`]: "owned",
          "aws:RequestTag/eks:eks-cluster-name": i.clusterName,
          "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
        },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedResourceTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance"),
      Condition: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": i.clusterName },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
      },
    },
    {
      Sid: "AllowScopedDeletion",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance"), ec2("launch-template")],
      Condition: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowRegionalReadActions",
      Effect: "Allow",
      Action: [
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
        "ec2:DescribePlacementGroups",
      ],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": i.region } },
    },
    { Sid: "AllowSSMReadActions", Effect: "Allow", Action: "ssm:GetParameter", Resource: `arn:${i.partition}:ssm:${i.region}::parameter/aws/service/*` },
    { Sid: "AllowPricingReadActions", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    {
      Sid: "AllowZonalShiftStatusReadOnly",
      Effect: "Allow",
      Action: "arc-zonal-shift:GetManagedResource",
      Resource: "*",
      Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": i.clusterArn } },
    },
  ];
  if (i.queueArn !== undefined) {
    statements.push({ Sid: "AllowInterruptionQueueActions", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], Resource: i.queueArn });
  }
  statements.push(
    {
      Sid: "AllowPassingInstanceRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: i.nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
    },
    {
      Sid: "AllowScopedInstanceProfileCreationActions",
      Effect: "Allow",
      Action: "iam:CreateInstanceProfile",
      Resource: instanceProfiles,
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${clusterTag}`]: "owned",
          "aws:RequestTag/eks:eks-cluster-name": i.clusterName,
          "aws:RequestTag/topology.kubernetes.io/region": i.region,
        },
        StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileTagActions",
      Effect: "Allow",
      Action: "iam:TagInstanceProfile",
      Resource: instanceProfiles,
      Condition: {
        StringEquals: {
          [`aws:ResourceTag/${clusterTag}`]: "owned",
          "aws:ResourceTag/topology.kubernetes.io/region": i.region,
          [`aws:RequestTag/${clusterTag}`]: "owned",
          "aws:RequestTag/eks:eks-cluster-name": i.clusterName,
          "aws:RequestTag/topology.kubernetes.io/region": i.region,
        },
        StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileActions",
      Effect: "Allow",
      Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned", "aws:ResourceTag/topology.kubernetes.io/region": i.region },
        StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    { Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Action: "iam:GetInstanceProfile", Resource: instanceProfiles },
    { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Action: "iam:ListInstanceProfiles", Resource: "*" },
    { Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Action: "eks:DescribeCluster", Resource: i.clusterArn },
  );
  return { Version: "2012-10-17", Statement: statements };
}
