import { Vpc as AwsVpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `Vpc`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface VpcProps {
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPC with DNS support and DNS hostnames on: EKS needs both ("The VPC must have DNS hostname and DNS resolution
 * support", EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets"), or nodes cannot register
 * and the private endpoint does not resolve.
 */
export class Vpc extends Construct {
  public readonly resource: AwsVpc;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    this.resource = new AwsVpc(this, "Resource", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }

  /** The VPC's ID (a reference). */
  public get vpcId(): string {
    return this.resource.id;
  }
}
