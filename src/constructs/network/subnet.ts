import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet as AwsSubnet } from "@cdktf/provider-aws/lib/subnet";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * The subnet tags Kubernetes load balancers select subnets by: `kubernetes.io/role/elb = 1` on public subnets
 * (internet-facing load balancers), `kubernetes.io/role/internal-elb = 1` on private ones (internal load balancers).
 * EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets" and "Route internet traffic with AWS
 * Load Balancer Controller" (subnet auto-discovery).
 */
export const LOAD_BALANCER_ROLE_TAGS = {
  public: { "kubernetes.io/role/elb": "1" },
  private: { "kubernetes.io/role/internal-elb": "1" },
} as const;

/** Props of `Subnet`. Strings are Terraform strings (see `VpcProps`). */
export interface SubnetProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** public: instances get public addresses and the route table leads to the internet gateway; private: through NAT. */
  readonly kind: "public" | "private";
  /** The subnet's IPv4 CIDR block, inside the VPC's. */
  readonly cidr: string;
  /** Availability Zone name, e.g. eu-west-1a. */
  readonly availabilityZone: string;
  /** The route table the subnet is associated with (a reference). */
  readonly routeTableId: string;
  /** The `Name` tag. */
  readonly name: string;
  /** Tags beside `Name` and the load-balancer role tag. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Dual stack: the subnet's IPv6 /64 (a Terraform expression from the VPC's block), and IPv6 addresses assigned on
   * creation, which EKS requires of node subnets in an IPv6 cluster ("you must specify subnets that are configured to
   * auto-assign IPv6 addresses", EKS User Guide, "Learn about IPv6 addresses to clusters, Pods, and services").
   * @default - IPv4 only: nothing written
   */
  readonly ipv6CidrBlock?: string;
}

/**
 * A subnet in one zone, with its load-balancer role tag and its route table association (`<id>_route_table`).
 * Public subnets map public IPv4 addresses on launch, as EKS asks of public subnets that nodes may use ("If you
 * want to deploy nodes to a public subnet, ... must auto-assign public IPv4 addresses").
 */
export class Subnet extends Construct {
  public readonly resource: AwsSubnet;
  public readonly routeTableAssociation: RouteTableAssociation;

  constructor(scope: Construct, id: string, props: SubnetProps) {
    super(scope, id);
    this.resource = new AwsSubnet(this, "Resource", {
      vpcId: props.vpcId,
      cidrBlock: props.cidr,
      availabilityZone: props.availabilityZone,
      mapPublicIpOnLaunch: props.kind === "public" ? true : undefined,
      ipv6CidrBlock: props.ipv6CidrBlock,
      assignIpv6AddressOnCreation: props.ipv6CidrBlock !== undefined ? true : undefined,
      tags: tagsArgument(props.tags, { Name: props.name }, LOAD_BALANCER_ROLE_TAGS[props.kind]),
    });
    this.routeTableAssociation = new RouteTableAssociation(this, "route_table", {
      subnetId: this.resource.id,
      routeTableId: props.routeTableId,
    });
  }

  /** The subnet's ID (a reference). */
  public get subnetId(): string {
    return this.resource.id;
  }
}
