import { EgressOnlyInternetGateway as AwsEgressOnlyInternetGateway } from "@cdktf/provider-aws/lib/egress-only-internet-gateway";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `EgressOnlyInternetGateway`. Strings are Terraform strings (see `VpcProps`). */
export interface EgressOnlyInternetGatewayProps {
  /** The VPC it is attached to (a reference). */
  readonly vpcId: string;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The egress-only internet gateway of a dual-stack VPC: the private subnets' IPv6 way out (::/0), letting no
 * connection in. IPv6 addresses are globally unique, so private subnets need it instead of NAT for IPv6 ("It is
 * routed using an internet gateway or egress-only internet gateway", EKS User Guide, "Learn about IPv6 addresses to
 * clusters, Pods, and services"; Amazon VPC User Guide, "Enable outbound IPv6 traffic using an egress-only internet
 * gateway").
 */
export class EgressOnlyInternetGateway extends Construct {
  public readonly resource: AwsEgressOnlyInternetGateway;

  constructor(scope: Construct, id: string, props: EgressOnlyInternetGatewayProps) {
    super(scope, id);
    this.resource = new AwsEgressOnlyInternetGateway(this, "Resource", {
      vpcId: props.vpcId,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }

  /** The gateway's ID (a reference). */
  public get egressOnlyGatewayId(): string {
    return this.resource.id;
  }
}
