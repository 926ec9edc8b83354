import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `InterfaceEndpoint`. Strings are Terraform strings (see `VpcProps`). */
export interface InterfaceEndpointProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** The service name, e.g. com.amazonaws.eu-west-1.ecr.api. */
  readonly serviceName: string;
  /** The subnets it gets a network interface in, one per zone (references). */
  readonly subnetIds: string[];
  /** Its security groups (references). */
  readonly securityGroupIds: string[];
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An interface VPC endpoint (AWS PrivateLink) with private DNS on, so the service's public name
 * (`ecr.api.<region>.amazonaws.com`) resolves to the endpoint's addresses in the VPC and nothing in the nodes needs
 * configuring. EKS User Guide, "Deploy private clusters with limited internet access": "We recommend that you enable
 * private DNS names for your VPC endpoints". Private DNS needs the VPC's DNS support and hostnames, which `Vpc` sets.
 */
export class InterfaceEndpoint extends Construct {
  public readonly resource: VpcEndpoint;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    this.resource = new VpcEndpoint(this, "Resource", {
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      vpcEndpointType: "Interface",
      subnetIds: props.subnetIds,
      securityGroupIds: props.securityGroupIds,
      privateDnsEnabled: true,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }

  /** The endpoint's ID (a reference). */
  public get endpointId(): string {
    return this.resource.id;
  }
}
