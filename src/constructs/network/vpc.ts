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
  /**
   * Dual stack: an Amazon-provided IPv6 /56 beside the IPv4 block (`assign_generated_ipv6_cidr_block`), as an IPv6
   * cluster needs ("the VPC and subnets that you specify must have an IPv6 CIDR block", EKS User Guide, "Learn about
   * IPv6 addresses to clusters, Pods, and services"). @default false - not written
   */
  readonly ipv6?: boolean;
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
      assignGeneratedIpv6CidrBlock: props.ipv6 ? true : undefined,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }

  /** The VPC's ID (a reference). */
  public get vpcId(): string {
    return this.resource.id;
  }

  /** The VPC's IPv6 block (a reference; empty unless `ipv6`). */
  public get ipv6CidrBlock(): string {
    return this.resource.ipv6CidrBlock;
  }
}
