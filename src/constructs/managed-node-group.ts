import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { ITerraformDependable, TerraformResourceLifecycle, Token } from "cdktf";
import { Construct } from "constructs";
import { LAUNCH_TEMPLATE_ID, usesLaunchTemplate } from "../config/names";
import { NodeGroupSettings } from "../config/schema";
import { NodeLaunchTemplate } from "./node-launch-template";
import { al2023UserData, bottlerocketUserData } from "./node-user-data";
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
  /**
   * What the nodes need of the cluster beyond its name, as references to the `aws_eks_cluster`'s attributes: a
   * custom AMI's bootstrap (endpoint, certificate authority, service CIDR) and, with `securityGroupIds`, the cluster
   * security group (EKS adds it only when the launch template names no security groups). Required by those settings.
   * @default - none: a group that needs them throws
   */
  readonly cluster?: NodeGroupClusterAttributes;
}

/** References to a cluster's attributes that node groups need (EksCluster passes its `aws_eks_cluster`'s). */
export interface NodeGroupClusterAttributes {
  /** URL of the API server (`endpoint`). */
  readonly endpoint: string;
  /** Base64 certificate authority data (`certificate_authority[0].data`). */
  readonly certificateAuthority: string;
  /** Service IPv4 CIDR (`kubernetes_network_config[0].service_ipv4_cidr`). */
  readonly serviceIpv4Cidr: string;
  /** The cluster security group EKS creates (`vpc_config[0].cluster_security_group_id`). */
  readonly securityGroupId: string;
}

/** The user data a node group's settings call for, as text (undefined: none). */
export function nodeUserData(s: Omit<NodeGroupSettings, "role" | "subnetIds">, clusterName: string, cluster?: NodeGroupClusterAttributes): string | undefined {
  const kubelet = { maxPods: s.kubelet?.maxPods, flags: s.kubelet?.flags };
  if (s.amiType === "CUSTOM") {
    // A custom AMI gets no user data from EKS: the NodeConfig must bootstrap the node (AL2023 nodeadm).
    const c = required(cluster, "a custom AMI's bootstrap");
    return al2023UserData(kubelet, { name: clusterName, apiServerEndpoint: c.endpoint, certificateAuthority: c.certificateAuthority, cidr: c.serviceIpv4Cidr });
  }
  if (!s.kubelet) return undefined;
  if (s.amiType.startsWith("AL2023_")) return al2023UserData(kubelet);
  if (s.amiType.startsWith("BOTTLEROCKET_") && (s.kubelet.flags ?? []).length === 0) return bottlerocketUserData(kubelet);
  throw new Error(`node group ${s.name}: kubelet settings are supported on AL2023 (all flags) and Bottlerocket (maxPods) AMI types, not ${s.amiType}`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`ManagedNodeGroup: ${what} needs the cluster's attributes: pass props.cluster`);
  return value;
}

/**
 * An EKS managed node group. With `imds`, `rootVolume`, `kubelet`, `amiType: CUSTOM` (`amiId`), `securityGroupIds`,
 * `propagateTags` or `capacityType: CAPACITY_BLOCK` (`capacityReservationId`) it runs from a launch template of its
 * own, requiring IMDSv2 (hop limit `imds.hopLimit`, default 2), which then holds the disk; with
 * `ignoreDesiredSizeChanges` Terraform leaves `desiredSize` to an autoscaler after creation.
 */
export class ManagedNodeGroup extends Construct {
  /** Node group name, as configured (a literal, unlike `resource.nodeGroupName`). */
  public readonly name: string;
  public readonly resource: EksNodeGroup;
  /** The launch template, when a setting needs one (`usesLaunchTemplate`). */
  public readonly launchTemplate?: NodeLaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const s = props.settings;
    this.name = s.name;
    const capacityBlock = s.capacityType === "CAPACITY_BLOCK";
    if (usesLaunchTemplate(s)) {
      const volume = s.rootVolume;
      this.launchTemplate = new NodeLaunchTemplate(this, LAUNCH_TEMPLATE_ID, {
        // A Terraform string between texts without $, % or { stays literal (terraformLiteral also splits a number
        // that this `-` in front would make one of cdktf's tokens).
        namePrefix: `eks-${s.name}-`,
        amiType: s.amiType,
        diskSize: volume?.size ?? s.diskSize,
        // EKS's own launch template sets 2, so that pods reach IMDSv2 (EKS User Guide launch-templates.html).
        hopLimit: s.imds?.hopLimit ?? 2,
        tags: tagsArgument(props.clusterTags, s.tags),
        rootVolume: volume ? { type: volume.type, iops: volume.iops, throughput: volume.throughput, encrypted: volume.encrypted, kmsKeyArn: volume.kmsKeyArn } : undefined,
        userData: nodeUserData(s, props.clusterName, props.cluster),
        imageId: s.amiType === "CUSTOM" ? s.amiId : undefined,
        // Custom security groups replace the cluster security group: keep it, or the nodes cannot reach the control plane.
        securityGroupIds: s.securityGroupIds ? [required(props.cluster, "securityGroupIds").securityGroupId, ...s.securityGroupIds] : undefined,
        resourceTags: s.propagateTags ? tagsArgument(props.clusterTags, s.tags) : undefined,
        // Capacity Blocks: the instance type and the reservation live in the launch template (EKS User Guide capacity-blocks-mng).
        instanceType: capacityBlock ? s.instanceTypes[0] : undefined,
        capacityBlockReservationId: capacityBlock ? s.capacityReservationId : undefined,
      });
    }
    const template = this.launchTemplate?.resource;
    this.resource = new EksNodeGroup(this, "Resource", {
      clusterName: props.clusterName,
      nodeGroupName: s.name,
      // A custom AMI decides the Kubernetes version itself: EKS API CreateNodegroup / UpdateNodegroupVersion, `version`:
      // "If you specify launchTemplate, and your launch template uses a custom AMI, then don't specify version, or the
      // node group deployment will fail" (terraform-aws-eks: version = null with an AMI id). A new amiId rolls the nodes.
      version: s.amiType === "CUSTOM" ? undefined : props.kubernetesVersion,
      nodeRoleArn: props.role.roleArn,
      subnetIds: [...props.subnetIds],
      amiType: s.amiType,
      capacityType: s.capacityType,
      instanceTypes: capacityBlock && template ? undefined : [...s.instanceTypes],
      releaseVersion: s.releaseVersion,
      forceUpdateVersion: s.forceUpdateVersion,
      nodeRepairConfig: s.nodeRepair !== undefined ? { enabled: s.nodeRepair } : undefined,
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
