import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { KARPENTER_DISCOVERY_TAG } from "../../config/karpenter";

/**
 * Props of `KarpenterDiscoveryTags`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface KarpenterDiscoveryTagsProps {
  /** The tag's value: the cluster's name. */
  readonly clusterName: string;
  /** Subnets to tag: literal IDs, or a list reference (a subnet lookup's `ids`). Empty: none. */
  readonly subnetIds: readonly string[];
  /** The security group to tag (the cluster's primary one, a reference); none: no security group. */
  readonly securityGroupId?: string;
}

/**
 * The tag `karpenter.sh/discovery = <cluster>` on the subnets and the security group Karpenter's EC2NodeClass selects.
 * `aws_ec2_tag` sets one tag on a resource it does not own (hashicorp/aws docs: never together with the Terraform
 * resource that manages the parent, which would strip it; that configuration should ignore this key). Subnets by
 * `for_each` over their IDs, so each tag's address names its subnet, whatever the order.
 */
export class KarpenterDiscoveryTags extends Construct {
  /** The subnets' tags (`<construct id>_subnet["<subnet id>"]`), when there are subnets. */
  public readonly subnetTags?: Ec2Tag;
  /** The security group's tag (`<construct id>_security_group`). */
  public readonly securityGroupTag?: Ec2Tag;

  constructor(scope: Construct, id: string, props: KarpenterDiscoveryTagsProps) {
    super(scope, id);
    // A lookup's `ids` is a list token: one element, which stands for the whole list.
    if (props.subnetIds.length > 0) {
      const each = TerraformIterator.fromList([...props.subnetIds]);
      this.subnetTags = new Ec2Tag(this, "subnet", {
        forEach: each,
        resourceId: each.value,
        key: KARPENTER_DISCOVERY_TAG,
        value: props.clusterName,
      });
    }
    if (props.securityGroupId !== undefined) {
      this.securityGroupTag = new Ec2Tag(this, "security_group", {
        resourceId: props.securityGroupId,
        key: KARPENTER_DISCOVERY_TAG,
        value: props.clusterName,
      });
    }
  }
}
