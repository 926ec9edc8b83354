import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Construct } from "constructs";
import { AmiType, RootVolumeType } from "../config/schema";
import { userDataArgument } from "./node-user-data";
import { tagsArgument } from "./tags";

/**
 * Props of `NodeLaunchTemplate`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface NodeLaunchTemplateProps {
  /** Prefix of the template's name (Terraform adds a unique suffix). */
  readonly namePrefix: string;
  /** AMI type of the node group: decides the root device name. */
  readonly amiType: AmiType;
  /** Size of the nodes' root (Bottlerocket: data) volume in GiB: the node group's `diskSize`. */
  readonly diskSize: number;
  /** Hops an instance metadata response may travel: 1 keeps it on the node, 2 lets pods reach it. */
  readonly hopLimit: number;
  /** Tags of the template. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The root (Bottlerocket: data) volume beyond its size; `diskSize` stays its size.
   * @default - gp3, encrypted with the account's EBS default key, EBS's default IOPS and throughput
   */
  readonly rootVolume?: NodeRootVolume;
  /**
   * The user data as text (a Terraform string; references allowed), written as `base64encode("<text>")`.
   * @default - none: EKS's own user data alone
   */
  readonly userData?: string;
  /** AMI of the nodes (a custom AMI: the node group's `amiType` is then `CUSTOM`). @default - EKS's AMI for `amiType` */
  readonly imageId?: string;
  /**
   * Security groups of the nodes. EKS then adds none of its own, so include the cluster security group.
   * @default - EKS attaches the cluster security group
   */
  readonly securityGroupIds?: readonly string[];
  /** Tags put on the instances, volumes and network interfaces launched (`tag_specifications`). @default - none */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** Instance type, when the launch template must name it (Capacity Blocks). @default - the node group's instance types */
  readonly instanceType?: string;
  /** A Capacity Block reservation (`cr-...`) the nodes launch into. @default - none */
  readonly capacityBlockReservationId?: string;
}

/** A root volume's settings beyond its size. */
export interface NodeRootVolume {
  /** @default "gp3" */
  readonly type?: RootVolumeType;
  /** @default - EBS's: 3000 for gp3 */
  readonly iops?: number;
  /** @default - EBS's: 125 MiB/s for gp3 */
  readonly throughput?: number;
  /** @default true */
  readonly encrypted?: boolean;
  /** @default - the account's EBS default key */
  readonly kmsKeyArn?: string;
}

/** The resource types a launch template can tag at launch (EC2 API LaunchTemplateTagSpecificationRequest). */
export const TAGGED_AT_LAUNCH = ["instance", "volume", "network-interface"] as const;

/** The volume a node group's disk size applies to, by AMI family. */
export function rootDeviceName(amiType: AmiType): string {
  if (amiType.startsWith("BOTTLEROCKET")) return "/dev/xvdb"; // Bottlerocket's data volume; /dev/xvda is its OS
  if (amiType.startsWith("WINDOWS")) return "/dev/sda1";
  return "/dev/xvda";
}

/**
 * A launch template for a managed node group that requires IMDSv2 session tokens, with the disk as a block device
 * mapping (gp3 and encrypted unless told otherwise; EKS rejects a node group that sets `disk_size` beside a launch
 * template), and what else only a launch template carries: user data, a custom AMI, security groups, tags at launch,
 * a Capacity Block reservation. It holds nothing EKS prohibits there (subnets, instance profile, shutdown and
 * hibernation behaviour: EKS User Guide launch-templates.html).
 */
export class NodeLaunchTemplate extends Construct {
  public readonly resource: LaunchTemplate;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
    const volume = props.rootVolume;
    const resourceTags = tagsArgument(props.resourceTags);
    this.resource = new LaunchTemplate(this, "Resource", {
      namePrefix: props.namePrefix,
      description: "EKS managed nodes: IMDSv2 required",
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: props.hopLimit,
      },
      blockDeviceMappings: [
        {
          deviceName: rootDeviceName(props.amiType),
          ebs: {
            volumeSize: props.diskSize,
            volumeType: volume?.type ?? "gp3",
            iops: volume?.iops,
            throughput: volume?.throughput,
            encrypted: volume?.encrypted === false ? "false" : "true",
            kmsKeyId: volume?.kmsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      imageId: props.imageId,
      instanceType: props.instanceType,
      vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
      userData: props.userData !== undefined ? userDataArgument(props.userData) : undefined,
      instanceMarketOptions: props.capacityBlockReservationId !== undefined ? { marketType: "capacity-block" } : undefined,
      capacityReservationSpecification:
        props.capacityBlockReservationId !== undefined ? { capacityReservationTarget: { capacityReservationId: props.capacityBlockReservationId } } : undefined,
      tagSpecifications: resourceTags ? TAGGED_AT_LAUNCH.map((resourceType) => ({ resourceType, tags: resourceTags })) : undefined,
      tags: tagsArgument(props.tags),
    });
  }
}
