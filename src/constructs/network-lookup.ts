import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Construct } from "constructs";

/**
 * Availability Zone IDs in which EKS cannot place a control plane (EKS user guide, "Subnet requirements").
 * A subnet there makes CreateCluster fail with UnsupportedAvailabilityZoneException, and a default VPC has a
 * subnet in every zone of the account, so the lookup leaves these zones out.
 */
export const EKS_UNSUPPORTED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "cac1-az3"];

/**
 * Props of `NetworkLookup`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface NetworkLookupProps {
  /**
   * VPC whose subnets are looked up.
   * @default - the region's default VPC (`data aws_vpc` with `default = true`)
   */
  readonly vpcId?: string;
  /**
   * Subnets to use as given; nothing is looked up.
   * @default - every subnet of the VPC in an Availability Zone that EKS supports
   */
  readonly subnetIds?: readonly string[];
}

/**
 * Finds the subnets of the cluster: given ids as they are, or the subnets of a VPC (the default VPC unless
 * one is named), read at plan time.
 */
export class NetworkLookup extends Construct {
  /** The subnet ids: literal when given, a reference to `data.aws_subnets` otherwise. */
  public readonly subnetIds: string[];
  /** The VPC lookup, when the default VPC is used. */
  public readonly vpc?: DataAwsVpc;
  /** The subnet lookup, when subnets were not given. */
  public readonly subnets?: DataAwsSubnets;

  constructor(scope: Construct, id: string, props: NetworkLookupProps = {}) {
    super(scope, id);

    if (props.subnetIds !== undefined) {
      this.subnetIds = [...props.subnetIds];
      return;
    }

    let vpcId = props.vpcId;
    if (vpcId === undefined) {
      this.vpc = new DataAwsVpc(this, "vpc", { default: true });
      vpcId = this.vpc.id;
    }
    const zones = new DataAwsAvailabilityZones(this, "zones", {
      state: "available",
      excludeZoneIds: [...EKS_UNSUPPORTED_ZONE_IDS],
    });
    this.subnets = new DataAwsSubnets(this, "subnets", {
      filter: [
        { name: "vpc-id", values: [vpcId] },
        { name: "availability-zone", values: zones.names },
      ],
    });
    this.subnetIds = this.subnets.ids;
  }
}
