import { InternetGateway as AwsInternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `InternetGateway`. Strings are Terraform strings (see `VpcProps`). */
export interface InternetGatewayProps {
  /** The VPC it is attached to (a reference). */
  readonly vpcId: string;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The internet gateway of a VPC: the public subnets' route to the internet, and the NAT gateways' way out. */
export class InternetGateway extends Construct {
  public readonly resource: AwsInternetGateway;

  constructor(scope: Construct, id: string, props: InternetGatewayProps) {
    super(scope, id);
    this.resource = new AwsInternetGateway(this, "Resource", {
      vpcId: props.vpcId,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }
}
