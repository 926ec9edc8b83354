import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable as AwsRouteTable } from "@cdktf/provider-aws/lib/route-table";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Where a route table sends traffic for other networks: an internet gateway, or a NAT gateway. */
export type DefaultRouteTarget = { readonly gatewayId: string } | { readonly natGatewayId: string };

/** Props of `RouteTable`. Strings are Terraform strings (see `VpcProps`). */
export interface RouteTableProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** Where 0.0.0.0/0 goes. */
  readonly defaultRoute: DefaultRouteTarget;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A route table with its default route (0.0.0.0/0) as an `aws_route` of its own (`<id>_default_route`): the provider
 * advises against mixing inline `route` blocks with `aws_route`, and a route of its own changes in place when its
 * target does. The VPC's local route is implicit.
 */
export class RouteTable extends Construct {
  public readonly resource: AwsRouteTable;
  public readonly defaultRoute: Route;

  constructor(scope: Construct, id: string, props: RouteTableProps) {
    super(scope, id);
    this.resource = new AwsRouteTable(this, "Resource", {
      vpcId: props.vpcId,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
    this.defaultRoute = new Route(this, "default_route", {
      routeTableId: this.resource.id,
      destinationCidrBlock: "0.0.0.0/0",
      ...props.defaultRoute,
    });
  }

  /** The route table's ID (a reference). */
  public get routeTableId(): string {
    return this.resource.id;
  }
}
