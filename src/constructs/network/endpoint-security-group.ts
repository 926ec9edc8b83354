import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/** Props of `EndpointSecurityGroup`. Strings are Terraform strings (see `VpcProps`). */
export interface EndpointSecurityGroupProps {
  /** The VPC (a reference). */
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR (a reference or a literal): who may reach the endpoints. */
  readonly vpcCidr: string;
  /** The group's name (also its `Name` tag); changing it replaces the group. */
  readonly name: string;
  /** Tags beside `Name`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The security group of the VPC's interface endpoints, with one rule of its own (`<id>_https`): HTTPS (TCP 443) from
 * the VPC's CIDR, the only port AWS APIs answer on. EKS User Guide, "Deploy private clusters with limited internet
 * access": "the VPC interface endpoint security group must allow the CIDR for the subnets" (the whole VPC covers
 * nodes, pods and the control plane's interfaces). No egress rule: endpoints only answer, and security groups are
 * stateful. The rule is an `aws_vpc_security_group_ingress_rule`, as the provider recommends over inline rules.
 */
export class EndpointSecurityGroup extends Construct {
  public readonly resource: SecurityGroup;
  public readonly httpsRule: VpcSecurityGroupIngressRule;

  constructor(scope: Construct, id: string, props: EndpointSecurityGroupProps) {
    super(scope, id);
    this.resource = new SecurityGroup(this, "Resource", {
      name: props.name,
      description: "HTTPS from the VPC to its interface endpoints",
      vpcId: props.vpcId,
      tags: tagsArgument(props.tags, { Name: props.name }),
    });
    this.httpsRule = new VpcSecurityGroupIngressRule(this, "https", {
      securityGroupId: this.resource.id,
      description: "HTTPS from the VPC",
      cidrIpv4: props.vpcCidr,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
    });
  }

  /** The group's ID (a reference). */
  public get securityGroupId(): string {
    return this.resource.id;
  }
}
