/**
 * Rules across keys for private clusters (issue 15): how nodes reach AWS when the Kubernetes API endpoint is private
 * or the created VPC has no NAT gateway. Sources: EKS User Guide, "Deploy private clusters with limited internet
 * access" (private-clusters.html); which endpoints, and why, in src/config/vpc-endpoints.ts.
 */
import { partitionOfRegion } from "../catalogs/regions";
import { VPC_ENDPOINT_PARTITIONS } from "../vpc-endpoints";
import { Found, hasOwn, isString, obj, PathOf } from "./rule-kit";

/** The EKS User Guide page every message here cites. */
const PRIVATE_CLUSTERS = 'EKS User Guide, "Deploy private clusters with limited internet access"';

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkEndpoints(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  const network = obj(c.network);
  const access = obj(c.endpoint).access;
  const givenCreate = obj(obj(given.network).create);
  if (!hasOwn(obj(given.network), "create") || network.create === undefined) {
    if (access === "private") warnUnknownEgress(network, path, found);
    return;
  }
  const create = obj(network.create);
  const noNat = create.natGateways === "none";
  const wanted = typeof create.endpoints === "boolean" ? create.endpoints : access === "private" || noNat;
  // Where the endpoints decision is written: the key when given, else the block (its default).
  const endpointsPath = hasOwn(givenCreate, "endpoints") ? path("network", "create", "endpoints") : path("network", "create");

  // "Your cluster must have endpoint private access enabled. This is required for nodes to register with the cluster
  // endpoint": without a NAT gateway, a public-only endpoint is out of the nodes' reach.
  if (noNat && access === "public") {
    found.errors.push({
      path: path("network", "create", "natGateways"),
      value: "none",
      rule: `leaves the nodes no way to the public-only Kubernetes API endpoint: without internet access a cluster "must have endpoint private access enabled. This is required for nodes to register with the cluster endpoint" (${PRIVATE_CLUSTERS})`,
      fix: "set endpoint.access to private or public-and-private, or use natGateways: one-per-zone",
    });
  }
  if (noNat && !wanted && access !== "public") {
    found.warnings.push({
      path: endpointsPath,
      value: create.endpoints ?? false,
      rule: `leaves the private subnets with neither a NAT gateway (natGateways: none) nor VPC endpoints: nodes cannot pull images (ECR and S3), call EC2 or STS, and node groups fail to join (${PRIVATE_CLUSTERS})`,
      fix: "remove network.create.endpoints (the endpoints are then on), or use natGateways: one-per-zone",
    });
  }
  if (!wanted) return;
  checkPartition(c, endpointsPath, found);
  // EC2 CreateSecurityGroup GroupName: "Cannot start with sg-". The endpoints' group is named <cluster>-vpc-endpoints.
  if (isString(c.name) && c.name.toLowerCase().startsWith("sg-")) {
    found.errors.push({
      path: path("name"),
      value: c.name,
      rule: `starts with "sg-", so the VPC endpoints' security group name ${c.name}-vpc-endpoints would too, which EC2 refuses (CreateSecurityGroup: a group name "cannot start with sg-")`,
      fix: "rename the cluster, or set network.create.endpoints: false and create the endpoints elsewhere",
    });
  }
}

/**
 * The service names `com.amazonaws.<region>.<service>` are verified for the aws partition only: China names some
 * services `cn.com.amazonaws.<region>.<service>`, and which of these services have endpoints in GovCloud, ISO and the
 * European Sovereign Cloud was not verified. Refused rather than guessed: a wrong name fails CreateVpcEndpoint
 * (InvalidServiceName) at apply.
 */
function checkPartition(c: Record<string, any>, at: string, found: Found): void {
  if (!isString(c.region)) return;
  const partition = partitionOfRegion(c.region);
  if (partition === undefined || VPC_ENDPOINT_PARTITIONS.includes(partition)) return; // an unknown region is reported elsewhere
  found.errors.push({
    path: at,
    value: true,
    rule: `creates VPC endpoints, whose service names (com.amazonaws.<region>.<service>) this app has verified only in the ${VPC_ENDPOINT_PARTITIONS.join(", ")} partition; ${c.region} is in ${partition} (China names some services cn.com.amazonaws.<region>.<service>; a wrong name fails CreateVpcEndpoint with InvalidServiceName)`,
    fix: "set network.create.endpoints: false and create the endpoints outside this stack (aws ec2 describe-vpc-endpoint-services lists the names), with natGateways one-per-zone or single",
  });
}

/**
 * A private-only endpoint on subnets made elsewhere: whether the nodes have a NAT gateway or VPC endpoints is not in
 * the configuration, and nothing is looked up, so say what the nodes need.
 */
function warnUnknownEgress(network: Record<string, any>, path: PathOf, found: Found): void {
  const where = network.subnetIds !== undefined ? "the given subnets" : "the looked-up subnets";
  found.warnings.push({
    path: path("endpoint", "access"),
    value: "private",
    rule: `is private-only, and whether ${where} reach AWS is not known here: nodes need a NAT gateway route, or VPC endpoints for ec2, ecr.api, ecr.dkr, sts, logs, elasticloadbalancing and eks (eks-auth with Pod Identity) with private DNS, allowing HTTPS from the VPC, and the S3 gateway endpoint on their route tables; otherwise node groups fail to join (${PRIVATE_CLUSTERS})`,
    fix: "check the subnets' route tables and endpoints (aws ec2 describe-route-tables, describe-vpc-endpoints), or let the stack make the network: network.create (endpoints on by default with private access)",
  });
}
