import { Construct } from "constructs";
import { AUTO_MODE_CLUSTER_ROLE_POLICIES, AUTO_MODE_NODE_ROLE_POLICIES, CLUSTER_ROLE_POLICIES } from "../../config/defaults";
import { ServiceRole } from "../service-role";

/**
 * The cluster role's trust actions with EKS Auto Mode: "sts:AssumeRole" and "sts:TagSession" (EKS User Guide, "Amazon
 * EKS Auto Mode cluster IAM role", auto-cluster-iam-role.html: Auto Mode tags the sessions it starts with the role).
 */
export const AUTO_MODE_CLUSTER_TRUST_ACTIONS: readonly string[] = ["sts:AssumeRole", "sts:TagSession"];

/**
 * The cluster role's managed policies and trust actions: the walk-through's, and with EKS Auto Mode the four policies
 * Auto Mode's capabilities need plus sts:TagSession. Without Auto Mode the role is exactly as before (no trust actions
 * given: the console's trust policy).
 */
export function clusterRoleSettings(autoMode: boolean): { managedPolicyNames: readonly string[]; trustActions?: readonly string[] } {
  return autoMode
    ? { managedPolicyNames: [...CLUSTER_ROLE_POLICIES, ...AUTO_MODE_CLUSTER_ROLE_POLICIES], trustActions: AUTO_MODE_CLUSTER_TRUST_ACTIONS }
    : { managedPolicyNames: CLUSTER_ROLE_POLICIES };
}

/** Props of `autoModeNodeRole`. */
export interface AutoModeNodeRoleProps {
  /** Name of the role to create. */
  readonly roleName: string;
  /** AWS partition of the policy ARNs: a reference to `data.aws_partition`, never a literal `aws`. */
  readonly partition: string;
  /** Tags of the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The node role of EKS Auto Mode's built-in node pools: trusted by `ec2.amazonaws.com` (sts:AssumeRole, the trust
 * policy the EKS User Guide gives), with AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly
 * ("Amazon EKS Auto Mode node IAM role", auto-create-node-role.html). No access entry: "EKS automatically creates an
 * Access Entry for the Node IAM Role during cluster creation" (create-node-class.html), and an access entry of ours
 * for the same principal would conflict with it. It is a role of its own: "You can't use the same role that is used
 * to create any clusters."
 */
export function autoModeNodeRole(scope: Construct, id: string, props: AutoModeNodeRoleProps): ServiceRole {
  return new ServiceRole(scope, id, {
    role: { name: props.roleName },
    servicePrincipal: "ec2.amazonaws.com",
    managedPolicyNames: AUTO_MODE_NODE_ROLE_POLICIES,
    partition: props.partition,
    tags: props.tags,
  });
}
