import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable as AwsRouteTable } from "@cdktf/provider-aws/lib/route-table";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Where a route table sends traffic for other networks: an internet gateway, or a NAT gateway. */
export type DefaultRouteTarget = { readonly gatewayId: string } | { readonly natGatewayId: string };

/** Where a route table sends IPv6 traffic for other networks (::/0): an internet gateway, or an egress-only one. */
export type Ipv6DefaultRouteTarget = { readonly gatewayId: string } | { readonly egressOnlyGatewayId: string };

/** Props of `RouteTable`. Strings are Terraform strings (see `VpcProps`). */
export interface RouteTableProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** Where 0.0.0.0/0 goes. @default - nowhere: only the VPC's local route (private subnets with `natGateways: none`) */
  readonly defaultRoute?: DefaultRouteTarget;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Where ::/0 goes (dual-stack subnets: `<id>_ipv6_default_route`). @default - no IPv6 route */
  readonly ipv6DefaultRoute?: Ipv6DefaultRouteTarget;
}

/**
 * A route table with its default route (0.0.0.0/0) as an `aws_route` of its own (`<id>_default_route`): the provider
 * advises against mixing inline `route` blocks with `aws_route`, and a route of its own changes in place when its
 * target does. The VPC's local route is implicit.
 */
export class RouteTable extends Construct {
  public readonly resource: AwsRouteTable;
  /** The 0.0.0.0/0 route, when `defaultRoute` is given. */
  public readonly defaultRoute?: Route;
  /** The ::/0 route, when `ipv6DefaultRoute` is given. */
  public readonly ipv6DefaultRoute?: Route;

  constructor(scope: Construct, id: string, props: RouteTableProps) {
    super(scope, id);
    this.resource = new AwsRouteTable(this, "Resource", {
      vpcId: props.vpcId,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
    if (props.defaultRoute) this.defaultRoute = new Route(this, "default_route", {
      routeTableId: this.resource.id,
      destinationCidrBlock: "0.0.0.0/0",
      ...props.defaultRoute,
    });
    if (props.ipv6DefaultRoute) {
      this.ipv6DefaultRoute = new Route(this, "ipv6_default_route", {
        routeTableId: this.resource.id,
        destinationIpv6CidrBlock: "::/0",
        ...props.ipv6DefaultRoute,
      });
    }
  }

  /** The route table's ID (a reference). */
  public get routeTableId(): string {
    return this.resource.id;
  }
}
