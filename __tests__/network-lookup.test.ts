import { TerraformOutput } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { EKS_UNSUPPORTED_ZONE_IDS, NetworkLookup } from "../src/constructs/network-lookup";
import { parse, synthScope } from "../test-support/synth";

describe("NetworkLookup", () => {
  it("looks up the default VPC and its subnets in zones EKS supports by default", () => {
    // GIVEN no VPC and no subnets
    // WHEN
    const synthesized = synthScope((scope) => {
      new NetworkLookup(scope, "network");
    });
    // THEN
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
      state: "available",
      exclude_zone_ids: ["use1-az3", "usw1-az2", "cac1-az3"],
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsSubnets, {
      filter: [
        { name: "vpc-id", values: ["${data.aws_vpc.network_vpc.id}"] },
        { name: "availability-zone", values: "${data.aws_availability_zones.network_zones.names}" },
      ],
    });
  });

  it("exposes the looked-up subnet ids", () => {
    // GIVEN
    let ids: string[] = [];
    // WHEN
    const synthesized = synthScope((scope) => {
      ids = new NetworkLookup(scope, "network").subnetIds;
      new TerraformOutput(scope, "ids", { value: ids });
    });
    // THEN
    expect(parse(synthesized).output?.ids.value).toBe("${data.aws_subnets.network_subnets.ids}");
  });

  it("looks up the subnets of a given VPC without reading the default VPC", () => {
    // GIVEN
    const vpcId = "vpc-0123456789abcdef0";
    // WHEN
    const synthesized = synthScope((scope) => {
      new NetworkLookup(scope, "network", { vpcId });
    });
    // THEN
    expect(synthesized).not.toHaveDataSource(DataAwsVpc);
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsSubnets, {
      filter: [
        { name: "vpc-id", values: [vpcId] },
        { name: "availability-zone", values: "${data.aws_availability_zones.network_zones.names}" },
      ],
    });
  });

  it("uses given subnet ids as they are and looks nothing up", () => {
    // GIVEN
    const subnetIds = ["subnet-0aaa", "subnet-0bbb"];
    let result: string[] = [];
    // WHEN
    const synthesized = synthScope((scope) => {
      result = new NetworkLookup(scope, "network", { vpcId: "vpc-0123", subnetIds }).subnetIds;
    });
    // THEN
    expect(result).toEqual(subnetIds);
    expect(parse(synthesized).data).toBeUndefined();
  });

  it("names exactly the zone IDs the EKS user guide lists as unsupported", () => {
    expect(EKS_UNSUPPORTED_ZONE_IDS).toEqual(["use1-az3", "usw1-az2", "cac1-az3"]);
  });
});
