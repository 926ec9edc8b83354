import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";

/** The tag keys load balancers find their subnets by (EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets"; AWS Load Balancer Controller, subnet discovery). */
export const ELB_ROLE_TAG = "kubernetes.io/role/elb";
export const INTERNAL_ELB_ROLE_TAG = "kubernetes.io/role/internal-elb";

/**
 * Props of `LoadBalancerSubnetTags`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface LoadBalancerSubnetTagsProps {
  /** Public subnets, tagged `kubernetes.io/role/elb = 1` (internet-facing load balancers). @default [] */
  readonly elb?: readonly string[];
  /** Private subnets, tagged `kubernetes.io/role/internal-elb = 1` (internal load balancers). @default [] */
  readonly internalElb?: readonly string[];
}

/**
 * The load balancer role tags on existing subnets: one `aws_ec2_tag` per subnet and key, by `for_each` over the
 * subnet IDs, so each tag's address names its subnet whatever the order (`aws_ec2_tag.<id>_elb["subnet-..."]`,
 * `aws_ec2_tag.<id>_internal_elb["subnet-..."]`). `aws_ec2_tag` manages one tag of a resource it does not own: the
 * subnets stay whoever's they are (never an `aws_subnet` here), and destroying the stack removes only these tags. The
 * Terraform that owns a subnet must not manage the same key, or the two fight (hashicorp/aws docs of aws_ec2_tag).
 */
export class LoadBalancerSubnetTags extends Construct {
  /** The `kubernetes.io/role/elb` tags, when there are public subnets. */
  public readonly elb?: Ec2Tag;
  /** The `kubernetes.io/role/internal-elb` tags, when there are private subnets. */
  public readonly internalElb?: Ec2Tag;

  constructor(scope: Construct, id: string, props: LoadBalancerSubnetTagsProps) {
    super(scope, id);
    const tag = (name: string, key: string, subnets: readonly string[] | undefined) => {
      if (!subnets || subnets.length === 0) return undefined;
      const each = TerraformIterator.fromList([...subnets]);
      return new Ec2Tag(this, name, { forEach: each, resourceId: each.value, key, value: "1" });
    };
    this.elb = tag("elb", ELB_ROLE_TAG, props.elb);
    this.internalElb = tag("internal_elb", INTERNAL_ELB_ROLE_TAG, props.internalElb);
  }
}
