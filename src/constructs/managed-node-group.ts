import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { ITerraformDependable, TerraformResourceLifecycle, Token } from "cdktf";
import { Construct } from "constructs";
import { LAUNCH_TEMPLATE_ID } from "../config/names";
import { NodeGroupSettings } from "../config/schema";
import { NodeLaunchTemplate } from "./node-launch-template";
import { ServiceRole } from "./service-role";
import { ownMap, tagsArgument } from "./tags";

/**
 * Props of `ManagedNodeGroup`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ManagedNodeGroupProps {
  /** The group's settings, as in the config file (`role` and `subnetIds` are resolved by the caller). */
  readonly settings: Omit<NodeGroupSettings, "role" | "subnetIds">;
  /** Name of the cluster (a reference, so the group follows the cluster's creation). */
  readonly clusterName: string;
  /**
   * Kubernetes version of the nodes: pass the cluster's, so a cluster upgrade rolls the nodes after it.
   * @default - the cluster's version when the group is created, never updated
   */
  readonly kubernetesVersion?: string;
  /** The node role; the group waits for its policy attachments. */
  readonly role: ServiceRole;
  /** Subnets of the nodes. */
  readonly subnetIds: readonly string[];
  /**
   * What else the group must wait for: the add-ons nodes need to become Ready (vpc-cni, kube-proxy).
   * @default []
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Tags of the cluster; the group's own `tags` are merged on top. @default {} */
  readonly clusterTags?: Readonly<Record<string, string>>;
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
 * An EKS managed node group. With `imds` it runs from a launch template requiring IMDSv2 (which then holds the disk);
 * with `ignoreDesiredSizeChanges` Terraform leaves `desiredSize` to an autoscaler after creation.
 */
export class ManagedNodeGroup extends Construct {
  /** Node group name, as configured (a literal, unlike `resource.nodeGroupName`). */
  public readonly name: string;
  public readonly resource: EksNodeGroup;
  /** The IMDSv2 launch template, when `imds` is set. */
  public readonly launchTemplate?: NodeLaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const s = props.settings;
    this.name = s.name;
    if (s.imds) {
      this.launchTemplate = new NodeLaunchTemplate(this, LAUNCH_TEMPLATE_ID, {
        // A Terraform string between texts without $, % or { stays literal (terraformLiteral also splits a number
        // that this `-` in front would make one of cdktf's tokens).
        namePrefix: `eks-${s.name}-`,
        amiType: s.amiType,
        diskSize: s.diskSize,
        hopLimit: s.imds.hopLimit,
        tags: tagsArgument(props.clusterTags, s.tags),
      });
    }
    const template = this.launchTemplate?.resource;
    this.resource = new EksNodeGroup(this, "Resource", {
      clusterName: props.clusterName,
      nodeGroupName: s.name,
      version: props.kubernetesVersion,
      nodeRoleArn: props.role.roleArn,
      subnetIds: [...props.subnetIds],
      amiType: s.amiType,
      capacityType: s.capacityType,
      instanceTypes: [...s.instanceTypes],
      // With a launch template the disk is its block device mapping: EKS rejects disk_size beside it.
      diskSize: template ? undefined : s.diskSize,
      launchTemplate: template ? { id: template.id, version: Token.asString(template.latestVersion) } : undefined,
      scalingConfig: { minSize: s.scaling.minSize, maxSize: s.scaling.maxSize, desiredSize: s.scaling.desiredSize },
      updateConfig: {
        maxUnavailable: s.update.maxUnavailable,
        maxUnavailablePercentage: s.update.maxUnavailablePercentage,
      },
      labels: Object.keys(s.labels).length > 0 ? ownMap(s.labels) : undefined,
      taint: s.taints.length > 0 ? s.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
      remoteAccess: s.remoteAccess
        ? { ec2SshKey: s.remoteAccess.sshKeyName, sourceSecurityGroupIds: [...(s.remoteAccess.sourceSecurityGroupIds ?? [])] }
        : undefined,
      tags: tagsArgument(props.clusterTags, s.tags),
      dependsOn: [...props.role.dependables, ...(props.dependsOn ?? [])],
      lifecycle: lifecycleOf(s.ignoreDesiredSizeChanges ? ["scaling_config[0].desired_size"] : [], props.replaceWithCluster),
    });
  }
}

/** A resource's lifecycle: attributes Terraform leaves alone, and a reference whose change replaces it. */
export function lifecycleOf(ignoreChanges: readonly string[], replaceWith: string | undefined): TerraformResourceLifecycle | undefined {
  if (ignoreChanges.length === 0 && replaceWith === undefined) return undefined;
  return {
    ...(ignoreChanges.length > 0 ? { ignoreChanges: [...ignoreChanges] } : {}),
    ...(replaceWith !== undefined ? { replaceTriggeredBy: [replaceWith] } : {}),
  };
}
