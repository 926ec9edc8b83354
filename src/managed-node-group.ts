import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { NodeGroupSettings } from "./config/schema";
import { ServiceRole } from "./service-role";
import { tagsArgument } from "./tags";

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
}

/** An EKS managed node group. */
export class ManagedNodeGroup extends Construct {
  /** Node group name, as configured (a literal, unlike `resource.nodeGroupName`). */
  public readonly name: string;
  public readonly resource: EksNodeGroup;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const s = props.settings;
    this.name = s.name;
    this.resource = new EksNodeGroup(this, "Resource", {
      clusterName: props.clusterName,
      nodeGroupName: s.name,
      version: props.kubernetesVersion,
      nodeRoleArn: props.role.roleArn,
      subnetIds: [...props.subnetIds],
      amiType: s.amiType,
      capacityType: s.capacityType,
      instanceTypes: [...s.instanceTypes],
      diskSize: s.diskSize,
      scalingConfig: { minSize: s.scaling.minSize, maxSize: s.scaling.maxSize, desiredSize: s.scaling.desiredSize },
      updateConfig: {
        maxUnavailable: s.update.maxUnavailable,
        maxUnavailablePercentage: s.update.maxUnavailablePercentage,
      },
      labels: Object.keys(s.labels).length > 0 ? { ...s.labels } : undefined,
      taint: s.taints.length > 0 ? s.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
      remoteAccess: s.remoteAccess
        ? { ec2SshKey: s.remoteAccess.sshKeyName, sourceSecurityGroupIds: [...(s.remoteAccess.sourceSecurityGroupIds ?? [])] }
        : undefined,
      tags: tagsArgument(props.clusterTags, s.tags),
      dependsOn: [...props.role.dependables, ...(props.dependsOn ?? [])],
    });
  }
}
