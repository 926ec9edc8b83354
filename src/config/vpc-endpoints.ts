/**
 * The VPC endpoints of a created VPC (`network.create.endpoints`, issue 15): whether there are any, which services,
 * and their service names. Nodes in private subnets without a NAT gateway reach AWS only through these.
 *
 * Sources:
 * - EKS User Guide, "Deploy private clusters with limited internet access" (private-clusters.html; the awsdocs
 *   amazon-eks-user-guide source latest/ug/clusters/private-clusters.adoc): the table of "commonly-used services and
 *   endpoints": ec2 ("If you use the EKS Optimized AMI, you should enable the ec2 endpoint"), ecr.api, ecr.dkr and s3
 *   ("for pulling container images"), elasticloadbalancing (load balancers), logs (node and pod logs), sts ("required
 *   when using IAM roles for service accounts"), eks-auth ("required when using Pod Identity associations"), eks;
 *   optional there and left out here: xray, ssm (SSM Agent), route53. "We recommend that you enable private DNS names
 *   for your VPC endpoints"; "the VPC interface endpoint security group must allow the CIDR for the subnets".
 * - EKS Best Practices Guide, Karpenter ("To use Karpenter in a fully private EKS cluster, create the following VPC
 *   endpoints"): ec2, ecr.api, ecr.dkr, s3, sts, ssm ("to resolve the default AMI") and sqs ("to access SQS if using
 *   interruption handling").
 * - Amazon VPC User Guide / AWS PrivateLink Guide: service names `com.amazonaws.<region>.<service>` in the aws
 *   partition. Other partitions (China's `cn.com.amazonaws.` names for some services, GovCloud, ISO, European
 *   Sovereign Cloud) were not verified for every service here, so endpoints are refused there (rules/endpoints.ts).
 */
import { partitionOfRegion } from "./catalogs/regions";
import { resolvedKarpenter } from "./karpenter";
import { POD_IDENTITY_AGENT } from "./rules/rule-kit";
import type { ClusterConfig } from "./schema";

/** Partitions whose endpoint service names are verified: `com.amazonaws.<region>.<service>`. */
export const VPC_ENDPOINT_PARTITIONS: readonly string[] = ["aws"];

/** The one gateway endpoint: S3, where ECR keeps image layers (free; routes on the private route tables). */
export const GATEWAY_ENDPOINT_SERVICE = "s3";

/** Interface endpoints every private cluster gets, and why (EKS User Guide, "Deploy private clusters with limited internet access"). */
export const BASE_INTERFACE_ENDPOINTS: readonly { readonly service: string; readonly why: string }[] = [
  { service: "ec2", why: "the EKS optimized AMIs call EC2 to set the node's DNS name; the VPC CNI manages network interfaces" },
  { service: "ecr.api", why: "image pulls from ECR (authentication and manifests), the add-ons' images included" },
  { service: "ecr.dkr", why: "image pulls from ECR (the registry itself; layers come from S3)" },
  { service: "sts", why: "IAM roles for service accounts (AssumeRoleWithWebIdentity)" },
  { service: "logs", why: "node and pod logs sent to CloudWatch Logs" },
  { service: "elasticloadbalancing", why: "the AWS Load Balancer Controller's and EKS's load balancers" },
  { service: "eks", why: "the EKS API from inside the VPC (describe-cluster, node bootstrap tools)" },
];

/** What the cluster's settings decide: a created VPC's endpoints are on or off. */
type EndpointInputs = Pick<ClusterConfig, "network" | "endpoint">;

/**
 * Whether the created VPC gets endpoints: `network.create.endpoints` as given, else on when the endpoint access is
 * private or there is no NAT gateway (`natGateways: none`), the two cases where nodes have no other way to AWS.
 * False without `network.create`.
 */
export function vpcEndpointsWanted(config: EndpointInputs): boolean {
  const create = config.network.create;
  if (!create) return false;
  return create.endpoints ?? (config.endpoint.access === "private" || create.natGateways === "none");
}

/** Whether a role of the cluster uses EKS Pod Identity: the loader then adds the agent add-on (or Auto Mode runs it). */
function usesPodIdentity(config: Pick<ClusterConfig, "addons" | "autoMode">): boolean {
  return Object.prototype.hasOwnProperty.call(config.addons, POD_IDENTITY_AGENT) || config.autoMode.enabled;
}

/**
 * The interface endpoints' services, in a fixed order (the base list, then eks-auth, ssm, sqs): eks-auth when Pod
 * Identity is in use (the agent add-on is installed, or Auto Mode), ssm with Karpenter, sqs with Karpenter's
 * interruption queue.
 */
export function interfaceEndpointServices(config: Pick<ClusterConfig, "name" | "addons" | "autoMode" | "karpenter">): string[] {
  const karpenter = resolvedKarpenter(config);
  return [
    ...BASE_INTERFACE_ENDPOINTS.map((e) => e.service),
    ...(usesPodIdentity(config) ? ["eks-auth"] : []),
    ...(karpenter ? ["ssm"] : []),
    ...(karpenter?.interruptionQueue ? ["sqs"] : []),
  ];
}

/**
 * The service name of an endpoint in `region`: `com.amazonaws.<region>.<service>`. Throws for a region outside the
 * verified partitions (the rules refuse such a configuration first).
 */
export function endpointServiceName(region: string, service: string): string {
  const partition = partitionOfRegion(region);
  if (partition === undefined || !VPC_ENDPOINT_PARTITIONS.includes(partition)) {
    throw new Error(`VPC endpoint service names are verified only for the ${VPC_ENDPOINT_PARTITIONS.join(", ")} partition; ${region} is in ${partition ?? "no known partition"}`);
  }
  return `com.amazonaws.${region}.${service}`;
}

/** The Terraform name of a service's endpoint: `vpc_endpoint_ecr_api`, `vpc_endpoint_s3`. */
export const endpointId = (service: string): string => `vpc_endpoint_${service.replace(/[.-]/g, "_")}`;
