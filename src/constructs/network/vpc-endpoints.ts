import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { endpointId, endpointServiceName, GATEWAY_ENDPOINT_SERVICE } from "../../config/vpc-endpoints";
import { CreatedVpc } from "./created-vpc";
import { EndpointSecurityGroup } from "./endpoint-security-group";
import { GatewayEndpoint } from "./gateway-endpoint";
import { InterfaceEndpoint } from "./interface-endpoint";

/** Props of `createVpcEndpoints`. Strings are Terraform strings (see `VpcProps`). */
export interface VpcEndpointsProps {
  /** The created VPC: its private subnets get the interface endpoints, its private route tables the S3 route. */
  readonly vpc: CreatedVpc;
  /** The cluster's region (a literal): the service names' middle part. */
  readonly region: string;
  /** The interface endpoints' services, in order (src/config/vpc-endpoints.ts interfaceEndpointServices). */
  readonly interfaceServices: readonly string[];
  /** The cluster's name: the `Name` tags and the security group's name start with it. */
  readonly clusterName: string;
  /** Tags of every resource (the cluster's). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What `createVpcEndpoints` made. */
export interface VpcEndpoints {
  readonly securityGroup: EndpointSecurityGroup;
  /** The S3 gateway endpoint. */
  readonly gateway: GatewayEndpoint;
  /** The interface endpoints, in the services' order. */
  readonly interfaces: readonly InterfaceEndpoint[];
  /** Every endpoint's ID by service (`s3`, `ecr.api`, ...): the `vpc_endpoint_ids` output. */
  readonly ids: Readonly<Record<string, string>>;
  /** What the nodes wait for: every endpoint and the security group's rule. */
  readonly dependables: readonly ITerraformDependable[];
}

/**
 * The VPC endpoints of a created VPC (`network.create.endpoints`), built directly in `scope` so the addresses read as
 * what they are:
 *
 * - `aws_vpc_endpoint.vpc_endpoint_s3`: the S3 gateway endpoint on every private route table
 * - `aws_security_group.vpc_endpoints_security_group` with `aws_vpc_security_group_ingress_rule.vpc_endpoints_security_group_https`
 * - `aws_vpc_endpoint.vpc_endpoint_<service>` (`vpc_endpoint_ecr_api`, `vpc_endpoint_eks_auth`, ...): interface
 *   endpoints with private DNS in every private subnet, behind that security group
 *
 * Which services, and the sources: src/config/vpc-endpoints.ts.
 */
export function createVpcEndpoints(scope: Construct, props: VpcEndpointsProps): VpcEndpoints {
  const { vpc, region, clusterName, tags } = props;
  const gateway = new GatewayEndpoint(scope, endpointId(GATEWAY_ENDPOINT_SERVICE), {
    vpcId: vpc.vpcId,
    serviceName: endpointServiceName(region, GATEWAY_ENDPOINT_SERVICE),
    routeTableIds: vpc.privateRouteTables.map((t) => t.routeTableId),
    name: `${clusterName}-${GATEWAY_ENDPOINT_SERVICE}`,
    tags,
  });
  const securityGroup = new EndpointSecurityGroup(scope, "vpc_endpoints_security_group", {
    vpcId: vpc.vpcId,
    vpcCidr: vpc.vpc.resource.cidrBlock,
    name: `${clusterName}-vpc-endpoints`,
    tags,
  });
  const interfaces = props.interfaceServices.map(
    (service) =>
      new InterfaceEndpoint(scope, endpointId(service), {
        vpcId: vpc.vpcId,
        serviceName: endpointServiceName(region, service),
        subnetIds: vpc.privateSubnetIds,
        securityGroupIds: [securityGroup.securityGroupId],
        name: `${clusterName}-${service}`,
        tags,
      }),
  );
  const ids = Object.fromEntries([[GATEWAY_ENDPOINT_SERVICE, gateway.endpointId], ...props.interfaceServices.map((service, i) => [service, interfaces[i].endpointId])]);
  return {
    securityGroup,
    gateway,
    interfaces,
    ids,
    dependables: [gateway.resource, securityGroup.httpsRule, ...interfaces.map((e) => e.resource)],
  };
}
