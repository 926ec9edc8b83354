import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Construct } from "constructs";
import { AmiType } from "../config/schema";
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
}

/** The volume a node group's disk size applies to, by AMI family. */
export function rootDeviceName(amiType: AmiType): string {
  if (amiType.startsWith("BOTTLEROCKET")) return "/dev/xvdb"; // Bottlerocket's data volume; /dev/xvda is its OS
  if (amiType.startsWith("WINDOWS")) return "/dev/sda1";
  return "/dev/xvda";
}

/**
 * A launch template for a managed node group that requires IMDSv2 session tokens, with the disk as a gp3 block
 * device mapping (EKS rejects a node group that sets `disk_size` beside a launch template).
 */
export class NodeLaunchTemplate extends Construct {
  public readonly resource: LaunchTemplate;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
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
          ebs: { volumeSize: props.diskSize, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      tags: tagsArgument(props.tags),
    });
  }
}
