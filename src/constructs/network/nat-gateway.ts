import { Eip } from "@cdktf/provider-aws/lib/eip";
import { NatGateway as AwsNatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `NatGateway`. Strings are Terraform strings (see `VpcProps`). */
export interface NatGatewayProps {
  /** The public subnet it lives in (a reference). */
  readonly subnetId: string;
  /** The `Name` tag of the gateway (its Elastic IP gets `<name>-eip`). */
  readonly name: string;
  /** The internet gateway the VPC must have first. */
  readonly internetGateway: ITerraformDependable;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A public NAT gateway with its Elastic IP (`<id>_eip`), both after the VPC's internet gateway: the provider's docs
 * for aws_nat_gateway and aws_eip ask for an explicit depends_on on it ("To ensure proper ordering").
 */
export class NatGateway extends Construct {
  public readonly resource: AwsNatGateway;
  public readonly eip: Eip;

  constructor(scope: Construct, id: string, props: NatGatewayProps) {
    super(scope, id);
    this.eip = new Eip(this, "eip", {
      domain: "vpc",
      tags: tagsArgument(props.tags, { Name: `${props.name}-eip` }),
      dependsOn: [props.internetGateway],
    });
    this.resource = new AwsNatGateway(this, "Resource", {
      allocationId: this.eip.allocationId,
      subnetId: props.subnetId,
      tags: tagsArgument(props.tags, { Name: props.name }),
      dependsOn: [props.internetGateway],
    });
  }

  /** The NAT gateway's ID (a reference). */
  public get natGatewayId(): string {
    return this.resource.id;
  }
}
