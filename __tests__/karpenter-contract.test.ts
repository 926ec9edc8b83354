/**
 * Karpenter against the real Terraform CLI and hashicorp/aws 5.100.0 (issue 14): examples/karpenter.yaml validates,
 * its hand-off validates and is formatted, and it plans offline (explicit subnets, pinned add-ons).
 */
import * as path from "path";
import { loadClusters, resolveClusters } from "../src/config/load";
import { renderHandoffHcl } from "../src/output/handoff";
import { offlineClusterConfig, synthCluster } from "../test-support/synth";
import { describeWithTerraform, planOfflineJson, validateHandoffs, validateStacks } from "../test-support/terraform";

const EXAMPLE = loadClusters(path.resolve(__dirname, "..", "examples", "karpenter.yaml")).clusters[0];
/** IRSA, no queue, a VPC lookup: the other branches. */
const base = offlineClusterConfig();
const IRSA = resolveClusters({ ...base, network: { securityGroupIds: [] }, karpenter: { identity: "irsa", interruptionQueue: false, discoverySecurityGroup: false } } as never).clusters[0];

describeWithTerraform("Karpenter Terraform contract", (terraform) => {
  it("GIVEN the example and an IRSA variant WHEN validated THEN Terraform accepts both stacks and both hand-offs, formatted", () => {
    const stacks = validateStacks(terraform, { example: synthCluster(EXAMPLE), irsa: synthCluster(IRSA) });
    expect(stacks.diagnostics).toEqual([]);
    expect(stacks.valid).toBe(true);
    const handoffs = validateHandoffs(terraform, { example: renderHandoffHcl(EXAMPLE), irsa: renderHandoffHcl(IRSA) });
    expect(handoffs.diagnostics).toEqual([]);
    expect(handoffs.valid).toBe(true);
    expect(handoffs.unformatted).toBe("");
  }, 180_000);

  describe("GIVEN examples/karpenter.yaml WHEN planned offline", () => {
    let plan: { resource_changes: { address: string; change: { actions: string[]; after: Record<string, any> } }[] };

    beforeAll(() => {
      plan = planOfflineJson(terraform, synthCluster(EXAMPLE));
    }, 180_000);

    it("THEN it creates every Karpenter resource, the discovery tags one per subnet", () => {
      const planned = plan.resource_changes
        .map((r) => `${r.address} ${r.change.actions.join(",")}`)
        .filter((a) => /^[a-z0-9_]+\.karpenter_/.test(a))
        .sort();
      expect(planned).toEqual(
        [
          'aws_ec2_tag.karpenter_discovery_subnet["subnet-0a1b2c3d4e5f60001"]',
          'aws_ec2_tag.karpenter_discovery_subnet["subnet-0a1b2c3d4e5f60002"]',
          "aws_ec2_tag.karpenter_discovery_security_group",
          "aws_eks_access_entry.karpenter_node_role_access_entry",
          "aws_eks_pod_identity_association.karpenter_controller_role_association",
          "aws_iam_role.karpenter_controller_role",
          "aws_iam_role.karpenter_node_role",
          "aws_iam_role_policy.karpenter_controller_role_inline",
          "aws_iam_role_policy_attachment.karpenter_node_role_AmazonEC2ContainerRegistryPullOnly",
          "aws_iam_role_policy_attachment.karpenter_node_role_AmazonEKSWorkerNodePolicy",
          "aws_iam_role_policy_attachment.karpenter_node_role_AmazonEKS_CNI_Policy",
          "aws_iam_role_policy_attachment.karpenter_node_role_AmazonSSMManagedInstanceCore",
          "aws_sqs_queue.karpenter_interruption_queue",
          "aws_sqs_queue_policy.karpenter_interruption_queue_policy",
          ...["capacity_reservation_interruption", "health_event", "instance_state_change", "rebalance_recommendation", "spot_interruption"].flatMap((e) => [
            `aws_cloudwatch_event_rule.karpenter_rule_${e}`,
            `aws_cloudwatch_event_target.karpenter_rule_${e}_target`,
          ]),
        ]
          .map((a) => `${a} create`)
          .sort(),
      );
    });

    it("THEN the planned values are the configuration's", () => {
      const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;
      expect(after("aws_sqs_queue.karpenter_interruption_queue")).toMatchObject({ name: "payments-karpenter", message_retention_seconds: 300, sqs_managed_sse_enabled: true });
      expect(after("aws_eks_access_entry.karpenter_node_role_access_entry")).toMatchObject({ cluster_name: "payments-karpenter", type: "EC2_LINUX" });
      expect(after("aws_iam_role.karpenter_node_role")).toMatchObject({ name: "payments-karpenter-karpenter-node" });
      expect(after("aws_cloudwatch_event_rule.karpenter_rule_health_event")).toMatchObject({
        name: "payments-karpenter-HealthEvent",
        event_pattern: '{"detail-type":["AWS Health Event"],"source":["aws.health"]}',
      });
      expect(after('aws_ec2_tag.karpenter_discovery_subnet["subnet-0a1b2c3d4e5f60001"]')).toEqual({
        key: "karpenter.sh/discovery",
        resource_id: "subnet-0a1b2c3d4e5f60001",
        value: "payments-karpenter",
      });
      expect(after("aws_eks_pod_identity_association.karpenter_controller_role_association")).toMatchObject({ namespace: "kube-system", service_account: "karpenter" });
    });
  });
});
