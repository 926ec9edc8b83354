import { EksFargateProfile } from "@cdktf/provider-aws/lib/eks-fargate-profile";
import { Construct } from "constructs";
import { POD_EXECUTION_ROLE_POLICIES } from "../../config/defaults";
import { fargateProfileId, podExecutionRoleId } from "../../config/names";
import { FargateProfileSettings, FargateSelector } from "../../config/schema";
import { lifecycleOf } from "../managed-node-group";
import { ServiceRole } from "../service-role";
import { ownMap, tagsArgument } from "../tags";

/**
 * Props of `FargateProfile`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface FargateProfileProps {
  /** Profile name, unique in the cluster. */
  readonly name: string;
  /** Name of the cluster (a reference, so the profile follows the cluster's creation). */
  readonly clusterName: string;
  /** The pod execution role (`PodExecutionRole`); the profile waits for its policy attachment. */
  readonly podExecutionRole: ServiceRole;
  /** Which pods run on Fargate: a namespace each, with labels the pods must all carry (`*` and `?` are wildcards). */
  readonly selectors: readonly FargateSelector[];
  /**
   * Private subnets of the pods (no route to an internet gateway: EKS refuses others).
   * @default - EKS's choice: the cluster's private subnets
   */
  readonly subnetIds?: readonly string[];
  /** Tags of the profile. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * A reference (`<type>.<name>.<attribute>`, no `${}`) whose change replaces the profile (Terraform's
   * `replace_triggered_by`): the cluster's `id`, unknown only when the cluster is replaced, so a replaced cluster takes
   * the profile with it instead of leaving it in state on the old one.
   * @default - not replaced with the cluster
   */
  readonly replaceWithCluster?: string;
}

/**
 * An AWS Fargate profile (`aws_eks_fargate_profile`): pods matching a selector run on Fargate. Every argument forces a
 * new profile (EKS: "Fargate profiles are immutable", CreateFargateProfile), so a changed selector or subnet list
 * replaces it; pods already running stay where they are until they are recreated.
 */
export class FargateProfile extends Construct {
  /** Profile name, as configured (a literal, unlike `resource.fargateProfileName`). */
  public readonly name: string;
  public readonly resource: EksFargateProfile;

  constructor(scope: Construct, id: string, props: FargateProfileProps) {
    super(scope, id);
    this.name = props.name;
    this.resource = new EksFargateProfile(this, "Resource", {
      clusterName: props.clusterName,
      fargateProfileName: props.name,
      podExecutionRoleArn: props.podExecutionRole.roleArn,
      selector: props.selectors.map((s) => ({
        namespace: s.namespace,
        labels: s.labels && Object.keys(s.labels).length > 0 ? ownMap(s.labels) : undefined,
      })),
      subnetIds: props.subnetIds ? [...props.subnetIds] : undefined,
      tags: tagsArgument(props.tags),
      dependsOn: [...props.podExecutionRole.dependables],
      lifecycle: lifecycleOf([], props.replaceWithCluster),
    });
  }
}

/** Props of `podExecutionRole`. */
export interface PodExecutionRoleProps {
  /** Name of the role to create. */
  readonly roleName: string;
  /** AWS partition of the ARNs: a reference to `data.aws_partition`, never a literal `aws`. */
  readonly partition: string;
  /** The cluster's region, literally (an AWS region code). */
  readonly region: string;
  /** The cluster's name, literally (EKS cluster names hold only letters, digits, - and _). */
  readonly clusterName: string;
  /** Tags of the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The pod execution role of Fargate profiles: trusted by `eks-fargate-pods.amazonaws.com` for the cluster's profiles
 * only, with `AmazonEKSFargatePodExecutionRolePolicy` (EKS User Guide, "Amazon EKS Pod execution IAM role",
 * pod-execution-role.html, whose trust policy this is, and which says: "To avoid a confused deputy security problem,
 * it's important that the role restricts access based on SourceArn").
 *
 * One difference: the account in the source ARN is `*`. The guide writes the account id there, and the only offline
 * way to get it, `data.aws_caller_identity`, calls STS at plan time, so the plan would need AWS credentials (the
 * examples and contract tests plan offline). `ArnLike` takes wildcards in any ARN part (IAM User Guide, "IAM JSON policy
 * elements: Condition operators", ARN condition operators), so the condition still limits the role to Fargate profiles
 * of this cluster name in this region. A profile of another account cannot use the role anyway: "You can only use
 * the PassRole permission to pass an IAM role to a service that shares the same AWS account" (IAM User Guide, "Grant
 * a user permissions to pass a role to an AWS service", id_roles_use_passrole.html).
 */
export function podExecutionRole(scope: Construct, id: string, props: PodExecutionRoleProps): ServiceRole {
  return new ServiceRole(scope, id, {
    role: { name: props.roleName },
    servicePrincipal: "eks-fargate-pods.amazonaws.com",
    managedPolicyNames: POD_EXECUTION_ROLE_POLICIES,
    partition: props.partition,
    tags: props.tags,
    trustCondition: { ArnLike: { "aws:SourceArn": podExecutionSourceArn(props.partition, props.region, props.clusterName) } },
  });
}

/** The source ARN pattern of the cluster's Fargate profiles: `arn:<partition>:eks:<region>:*:fargateprofile/<cluster>/*`. */
export function podExecutionSourceArn(partition: string, region: string, clusterName: string): string {
  return `arn:${partition}:eks:${region}:*:fargateprofile/${clusterName}/*`;
}

/** Props of `fargateProfiles`. */
export interface FargateProfilesProps {
  /** The profiles, as configured (strings as Terraform strings; every profile names its role: the loader fills the default). */
  readonly profiles: readonly FargateProfileSettings[];
  /** AWS partition of the ARNs: a reference to `data.aws_partition`. */
  readonly partition: string;
  /** The cluster's region, literally. */
  readonly region: string;
  /** The cluster's name, literally (for the roles' trust). */
  readonly clusterName: string;
  /** The cluster's name as a reference, so the profiles follow the cluster's creation. */
  readonly clusterNameRef: string;
  /** Tags of the roles and profiles. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** See `FargateProfileProps.replaceWithCluster`. */
  readonly replaceWithCluster?: string;
}

/**
 * The Fargate profiles with their pod execution roles: one role per role name, shared by the profiles that name it
 * (as node groups share node roles), construct IDs `pod_execution_role_<role name>` and `fargate_profile_<name>`.
 */
export function fargateProfiles(scope: Construct, props: FargateProfilesProps): { profiles: FargateProfile[]; podExecutionRoles: Map<string, ServiceRole> } {
  const podExecutionRoles = new Map<string, ServiceRole>();
  const profiles = props.profiles.map((p) => {
    const roleName = p.podExecutionRoleName ?? "";
    let role = podExecutionRoles.get(roleName);
    if (!role) {
      role = podExecutionRole(scope, podExecutionRoleId(roleName), {
        roleName,
        partition: props.partition,
        region: props.region,
        clusterName: props.clusterName,
        tags: props.tags,
      });
      podExecutionRoles.set(roleName, role);
    }
    return new FargateProfile(scope, fargateProfileId(p.name), {
      name: p.name,
      clusterName: props.clusterNameRef,
      podExecutionRole: role,
      selectors: p.selectors,
      subnetIds: p.subnetIds,
      tags: props.tags,
      replaceWithCluster: props.replaceWithCluster,
    });
  });
  return { profiles, podExecutionRoles };
}
