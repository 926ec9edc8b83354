import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `GatewayEndpoint`. Strings are Terraform strings (see `VpcProps`). */
export interface GatewayEndpointProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** The service name, e.g. com.amazonaws.eu-west-1.s3. */
  readonly serviceName: string;
  /** The route tables that get a route to the service's prefix list (references). */
  readonly routeTableIds: string[];
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A gateway VPC endpoint (S3): no network interface and no charge; AWS adds a route to the service's prefix list to
 * each route table named here. ECR serves image layers from S3, so a private node pulls no image without it (EKS
 * User Guide, "Deploy private clusters with limited internet access": ecr.api, ecr.dkr "and ... s3").
 */
export class GatewayEndpoint extends Construct {
  public readonly resource: VpcEndpoint;

  constructor(scope: Construct, id: string, props: GatewayEndpointProps) {
    super(scope, id);
    this.resource = new VpcEndpoint(this, "Resource", {
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      vpcEndpointType: "Gateway",
      routeTableIds: props.routeTableIds,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
  }

  /** The endpoint's ID (a reference). */
  public get endpointId(): string {
    return this.resource.id;
  }
}
