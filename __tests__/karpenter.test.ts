/**
 * Karpenter's AWS resources (issue 14): the controller policy against terraform-aws-eks v21.19.0's (rendered with
 * hashicorp/aws 5.100.0: __tests__/fixtures/karpenter-controller-policy.tf-aws-eks-v21.19.0.json), trusts, node role
 * and access entry, interruption queue and rules, discovery tags, outputs and the hand-off manifests.
 */
import { parseAllDocuments } from "yaml";
import * as fs from "fs";
import * as path from "path";
import { REGIONS_BY_PARTITION } from "../src/config/catalogs/regions";
import { KARPENTER_EVENTS, karpenterRuleName, resolvedKarpenter } from "../src/config/karpenter";
import { resolveClusters } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { karpenterControllerPolicy } from "../src/constructs/compute/karpenter-controller-policy";
import { interruptionQueuePolicy } from "../src/constructs/compute/karpenter-interruption-queue";
import { POD_IDENTITY_TRUST_POLICY } from "../src/constructs/identity/service-account-role";
import { INLINE_ROLE_POLICY_MAX } from "../src/config/rules";
import { karpenterManifests } from "../src/output/karpenter-manifests";
import { offlineClusterConfig, parse, resource, synthCluster } from "../test-support/synth";

const PARTITION = "${data.aws_partition.current.partition}";
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
/** IAM's managed policy limit (IAM quotas: "Managed policy size cannot exceed 6,144 characters"). */
const MANAGED_POLICY_MAX = 6_144;

/** A cluster with `karpenter`, completed by the loader as a config file would be. */
function karpenterCluster(karpenter: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): ClusterConfig {
  const base = offlineClusterConfig();
  return resolveClusters({ ...base, addons: { ...base.addons }, karpenter, ...overrides } as never).clusters[0];
}

/** A policy in a comparable form: every Action/Resource/condition value a sorted list, statements by Sid. */
function normalized(policy: { Statement: Record<string, any>[] }): Record<string, unknown> {
  const list = (v: unknown) => (Array.isArray(v) ? [...v] : [v]).sort();
  const out: Record<string, unknown> = {};
  for (const s of policy.Statement) {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const [test, vars] of Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      condition[test] = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, list(v)]));
    }
    out[s.Sid] = { Effect: s.Effect, Action: list(s.Action), Resource: list(s.Resource), Condition: condition };
  }
  return out;
}

describe("Karpenter controller policy", () => {
  const placeholders = {
    partition: "<PARTITION>",
    region: "<REGION>",
    accountId: "<ACCOUNT_ID>",
    clusterName: "<CLUSTER_NAME>",
    clusterArn: "arn:<PARTITION>:eks:<REGION>:<ACCOUNT_ID>:cluster/<CLUSTER_NAME>",
    nodeRoleArn: "<NODE_ROLE_ARN>",
    queueArn: "<QUEUE_ARN>",
  };

  it("GIVEN placeholders WHEN rendered THEN every statement is terraform-aws-eks v21.19.0's, but zonal shift in the Karpenter docs' form and PassRole to ec2 in both partitions", () => {
    // GIVEN: the module's rendering, with the two documented departures applied
    const reference = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "karpenter-controller-policy.tf-aws-eks-v21.19.0.json"), "utf8"));
    const expected = normalized(reference) as Record<string, any>;
    // karpenter-provider-aws PR #9123 / terraform-aws-eks PR #3693: GetManagedResource takes no EKS cluster ARN as resource
    delete expected.AllowZonalShiftReadActions;
    expected.AllowZonalShiftStatusReadOnly = {
      Effect: "Allow",
      Action: ["arc-zonal-shift:GetManagedResource"],
      Resource: ["*"],
      Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": [placeholders.clusterArn] } },
    };
    // the Karpenter docs' CloudFormation template: iam:PassedToService [ec2.amazonaws.com, ec2.amazonaws.com.cn]
    expected.AllowPassingInstanceRole.Condition.StringEquals["iam:PassedToService"] = ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"];
    // WHEN
    const policy = karpenterControllerPolicy(placeholders);
    // THEN
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toHaveLength(18);
    expect(normalized(policy)).toEqual(expected);
  });

  it("GIVEN Karpenter 1.12's required permissions WHEN rendered THEN DescribeInstanceStatus, placement groups and capacity reservations are allowed", () => {
    const policy = normalized(karpenterControllerPolicy(placeholders)) as Record<string, any>;
    expect(policy.AllowRegionalReadActions.Action).toEqual(expect.arrayContaining(["ec2:DescribeInstanceStatus", "ec2:DescribePlacementGroups", "ec2:DescribeCapacityReservations"]));
    expect(policy.AllowScopedEC2InstanceAccessActions.Resource).toContain("arn:<PARTITION>:ec2:<REGION>:*:placement-group/*");
  });

  it("GIVEN no queue WHEN rendered THEN there is no SQS statement", () => {
    const policy = karpenterControllerPolicy({ ...placeholders, queueArn: undefined });
    expect(policy.Statement.map((s) => s.Sid)).not.toContain("AllowInterruptionQueueActions");
    expect(JSON.stringify(policy)).not.toContain("sqs:");
  });

  it("GIVEN the longest names (100-character cluster, longest partition and region, 64-character role, 80-character queue) WHEN rendered THEN it fits a role's 10,240 inline characters, and not a managed policy's 6,144", () => {
    // GIVEN
    const region = Object.values(REGIONS_BY_PARTITION)
      .flat()
      .reduce((a, b) => (b.length > a.length ? b : a));
    const partition = Object.keys(REGIONS_BY_PARTITION).reduce((a, b) => (b.length > a.length ? b : a));
    const cluster = "c".repeat(100);
    const account = "111122223333";
    // WHEN
    const policy = karpenterControllerPolicy({
      partition,
      region,
      accountId: account,
      clusterName: cluster,
      clusterArn: `arn:${partition}:eks:${region}:${account}:cluster/${cluster}`,
      nodeRoleArn: `arn:${partition}:iam::${account}:role/${"r".repeat(64)}`,
      queueArn: `arn:${partition}:sqs:${region}:${account}:${"q".repeat(80)}`,
    });
    // THEN: IAM counts characters without white space; JSON.stringify writes none
    const size = JSON.stringify(policy).length;
    expect(size).toBeLessThan(INLINE_ROLE_POLICY_MAX);
    expect(size).toBeGreaterThan(MANAGED_POLICY_MAX);
  });
});

describe("Karpenter in a cluster stack", () => {
  it("GIVEN no karpenter key WHEN synthesized THEN nothing of Karpenter's is there, and no output", () => {
    const tf = parse(synthCluster(offlineClusterConfig()));
    expect(JSON.stringify(Object.keys(tf.resource))).not.toMatch(/sqs|cloudwatch_event|ec2_tag/);
    expect(Object.keys(tf.output ?? {}).filter((o) => o.startsWith("karpenter"))).toEqual([]);
  });

  describe("GIVEN karpenter: {} WHEN synthesized", () => {
    const config = karpenterCluster();
    const synthesized = synthCluster(config);
    const tf = parse(synthesized);

    it("THEN the controller role trusts EKS Pod Identity and is bound to kube-system/karpenter", () => {
      const role = resource(synthesized, "aws_iam_role", "karpenter_controller_role");
      expect(role.name).toBe("simple-bank-karpenter");
      expect(role.assume_role_policy).toBe(POD_IDENTITY_TRUST_POLICY);
      expect(resource(synthesized, "aws_eks_pod_identity_association", "karpenter_controller_role_association")).toMatchObject({
        cluster_name: "${aws_eks_cluster.cluster.name}",
        namespace: "kube-system",
        service_account: "karpenter",
        role_arn: "${aws_iam_role.karpenter_controller_role.arn}",
        depends_on: ["aws_iam_role_policy.karpenter_controller_role_inline"],
      });
      expect(tf.resource.aws_iam_openid_connect_provider).toBeUndefined();
      // the loader adds the agent that hands out Pod Identity credentials
      expect(Object.keys(tf.resource.aws_eks_addon)).toContain("addons_eks-pod-identity-agent");
    });

    it("THEN the controller policy is inline, named KarpenterController, with references for partition, account, queue, node role and cluster", () => {
      const policy = resource(synthesized, "aws_iam_role_policy", "karpenter_controller_role_inline");
      expect(policy.name).toBe("KarpenterController");
      expect(policy.role).toBe("${aws_iam_role.karpenter_controller_role.name}");
      expect(policy.policy).toMatch(/^\$\{jsonencode\(/);
      expect(policy.policy).toContain(`"arn:${PARTITION}:ec2:us-east-1:*:launch-template/*"`);
      expect(policy.policy).toContain('"aws:ResourceTag/kubernetes.io/cluster/simple-bank" = "owned"');
      expect(policy.policy).toContain(`"arn:${PARTITION}:iam::\${element(split(":", aws_iam_role.karpenter_node_role.arn), 4)}:instance-profile/*"`);
      expect(policy.policy).toContain('"Resource" = aws_sqs_queue.karpenter_interruption_queue.arn');
      expect(policy.policy).toContain('"Resource" = aws_iam_role.karpenter_node_role.arn');
      expect(policy.policy).toContain('"arc-zonal-shift:ResourceIdentifier" = aws_eks_cluster.cluster.arn');
      expect(policy.policy).not.toMatch(/arn:aws:/);
      expect(tf.resource.aws_iam_policy).toBeUndefined();
    });

    it("THEN the node role trusts EC2, has the four managed policies in the stack's partition and an EC2_LINUX access entry without access policy", () => {
      const role = resource(synthesized, "aws_iam_role", "karpenter_node_role");
      expect(role.name).toBe("simple-bank-karpenter-node");
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      });
      const attachments = Object.entries(tf.resource.aws_iam_role_policy_attachment)
        .filter(([name]) => name.startsWith("karpenter_node_role_"))
        .map(([, a]) => a.policy_arn)
        .sort();
      expect(attachments).toEqual(
        ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"].map((p) => `arn:${PARTITION}:iam::aws:policy/${p}`),
      );
      expect(resource(synthesized, "aws_eks_access_entry", "karpenter_node_role_access_entry")).toMatchObject({
        cluster_name: "${aws_eks_cluster.cluster.name}",
        principal_arn: "${aws_iam_role.karpenter_node_role.arn}",
        type: "EC2_LINUX",
        lifecycle: { replace_triggered_by: ["aws_eks_cluster.cluster.id"] },
      });
      expect(tf.resource.aws_eks_access_policy_association).toBeUndefined();
    });

    it("THEN the interruption queue keeps messages 300 s with SQS-managed encryption, and its policy lets EventBridge send and denies plain HTTP", () => {
      expect(resource(synthesized, "aws_sqs_queue", "karpenter_interruption_queue")).toMatchObject({
        name: "Karpenter-simple-bank",
        message_retention_seconds: 300,
        sqs_managed_sse_enabled: true,
      });
      const policy = resource(synthesized, "aws_sqs_queue_policy", "karpenter_interruption_queue_policy");
      expect(policy.queue_url).toBe("${aws_sqs_queue.karpenter_interruption_queue.url}");
      expect(policy.policy).toContain("aws_sqs_queue.karpenter_interruption_queue.arn");
      expect(interruptionQueuePolicy("<QUEUE_ARN>")).toEqual({
        Version: "2012-10-17",
        Statement: [
          { Sid: "SqsWrite", Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] }, Action: "sqs:SendMessage", Resource: "<QUEUE_ARN>" },
          { Sid: "DenyHTTP", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "<QUEUE_ARN>", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
      });
    });

    it("THEN five EventBridge rules catch exactly the events Karpenter handles and target the queue", () => {
      const rules = tf.resource.aws_cloudwatch_event_rule;
      expect(Object.keys(rules).sort()).toEqual(KARPENTER_EVENTS.map((e) => `karpenter_rule_${e.key}`).sort());
      const patterns = Object.fromEntries(Object.entries(rules).map(([name, r]) => [name, JSON.parse(r.event_pattern)]));
      expect(patterns).toEqual({
        karpenter_rule_health_event: { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
        karpenter_rule_spot_interruption: { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
        karpenter_rule_rebalance_recommendation: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
        karpenter_rule_instance_state_change: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
        karpenter_rule_capacity_reservation_interruption: { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
      });
      expect(rules.karpenter_rule_spot_interruption.name).toBe("Karpenter-simple-bank-SpotInterrupt");
      for (const event of KARPENTER_EVENTS) {
        expect(resource(synthesized, "aws_cloudwatch_event_target", `karpenter_rule_${event.key}_target`)).toMatchObject({
          rule: `\${aws_cloudwatch_event_rule.karpenter_rule_${event.key}.name}`,
          target_id: "KarpenterInterruptionQueueTarget",
          arn: "${aws_sqs_queue.karpenter_interruption_queue.arn}",
        });
        expect(resource(synthesized, "aws_cloudwatch_event_target", `karpenter_rule_${event.key}_target`).role_arn).toBeUndefined();
      }
    });

    it("THEN the cluster's subnets (one tag each) and primary security group get karpenter.sh/discovery = the cluster's name", () => {
      expect(resource(synthesized, "aws_ec2_tag", "karpenter_discovery_subnet")).toMatchObject({
        for_each: `\${toset(${JSON.stringify(SUBNETS).replace(/,/g, ", ")})}`,
        resource_id: "${each.value}",
        key: "karpenter.sh/discovery",
        value: "simple-bank",
      });
      expect(resource(synthesized, "aws_ec2_tag", "karpenter_discovery_security_group")).toMatchObject({
        resource_id: "${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}",
        key: "karpenter.sh/discovery",
        value: "simple-bank",
      });
    });

    it("THEN the stack outputs the controller role's ARN, the node role's name and the queue's name", () => {
      expect(tf.output).toMatchObject({
        karpenter_controller_role_arn: { value: "${aws_iam_role.karpenter_controller_role.arn}" },
        karpenter_node_role_name: { value: "${aws_iam_role.karpenter_node_role.name}" },
        karpenter_interruption_queue_name: { value: "${aws_sqs_queue.karpenter_interruption_queue.name}" },
      });
    });
  });

  it("GIVEN identity irsa WHEN synthesized THEN the cluster gets its OIDC provider, the role trusts it for kube-system:karpenter, and there is no association", () => {
    const synthesized = synthCluster(karpenterCluster({ identity: "irsa" }));
    const tf = parse(synthesized);
    expect(Object.keys(tf.resource.aws_iam_openid_connect_provider)).toEqual(["oidc_provider"]);
    const trust = resource(synthesized, "aws_iam_role", "karpenter_controller_role").assume_role_policy as string;
    expect(trust).toContain('"Action" = "sts:AssumeRoleWithWebIdentity"');
    expect(trust).toContain('"Federated" = aws_iam_openid_connect_provider.oidc_provider.arn');
    expect(trust).toContain(':sub" = "system:serviceaccount:kube-system:karpenter"');
    expect(trust).toContain(':aud" = "sts.amazonaws.com"');
    expect(tf.resource.aws_eks_pod_identity_association).toBeUndefined();
  });

  it("GIVEN interruptionQueue false WHEN synthesized THEN no queue, rules, SQS statement or queue output", () => {
    const synthesized = synthCluster(karpenterCluster({ interruptionQueue: false }));
    const tf = parse(synthesized);
    expect(tf.resource.aws_sqs_queue).toBeUndefined();
    expect(tf.resource.aws_cloudwatch_event_rule).toBeUndefined();
    expect(resource(synthesized, "aws_iam_role_policy", "karpenter_controller_role_inline").policy).not.toContain("sqs:");
    expect(tf.output?.karpenter_interruption_queue_name).toBeUndefined();
    expect(tf.output?.karpenter_node_role_name).toBeDefined();
  });

  it("GIVEN discovery subnets, no security group tag and vpc-cni with its own role WHEN synthesized THEN only those subnets are tagged and the node role has no CNI policy", () => {
    const base = offlineClusterConfig();
    const config = karpenterCluster(
      { discoverySubnetIds: ["subnet-0a1b2c3d4e5f60009"], discoverySecurityGroup: false },
      { addons: { ...base.addons, "vpc-cni": { version: "v1.21.1-eksbuild.7", role: {} } } },
    );
    const tf = parse(synthCluster(config));
    expect(tf.resource.aws_ec2_tag.karpenter_discovery_subnet.for_each).toBe('${toset(["subnet-0a1b2c3d4e5f60009"])}');
    expect(tf.resource.aws_ec2_tag.karpenter_discovery_security_group).toBeUndefined();
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((n) => n.startsWith("karpenter_node_role_")).sort()).toEqual([
      "karpenter_node_role_AmazonEC2ContainerRegistryPullOnly",
      "karpenter_node_role_AmazonEKSWorkerNodePolicy",
      "karpenter_node_role_AmazonSSMManagedInstanceCore",
    ]);
  });

  it("GIVEN discoverySubnetIds [] and a VPC lookup WHEN synthesized THEN no subnet is tagged; without it the looked-up subnets are", () => {
    const none = parse(synthCluster(karpenterCluster({ discoverySubnetIds: [] })));
    expect(none.resource.aws_ec2_tag.karpenter_discovery_subnet).toBeUndefined();
    const lookup = parse(synthCluster(resolveClusters({ karpenter: {} }).clusters[0]));
    expect(lookup.resource.aws_ec2_tag.karpenter_discovery_subnet.for_each).toBe("${toset(data.aws_subnets.network_subnets.ids)}");
  });
});

describe("Karpenter names", () => {
  it("GIVEN a 100-character cluster name WHEN the roles are named THEN both fit IAM's 64 characters and differ", () => {
    const k = resolvedKarpenter({ name: "a".repeat(100), karpenter: {} })!;
    expect(k.controllerRoleName.length).toBeLessThanOrEqual(64);
    expect(k.nodeRoleName.length).toBeLessThanOrEqual(64);
    expect(k.controllerRoleName).not.toBe(k.nodeRoleName);
  });

  it("GIVEN an 80-character queue name WHEN the rules are named THEN every name fits EventBridge's 64 characters and pattern, and they differ", () => {
    const names = KARPENTER_EVENTS.map((e) => karpenterRuleName("q".repeat(80), e.name));
    for (const name of names) expect(name).toMatch(/^[0-9A-Za-z_.-]{1,64}$/);
    expect(new Set(names).size).toBe(names.length);
    // and two long queues that share their first 64 characters get different rule names
    expect(karpenterRuleName(`${"q".repeat(70)}a`, "SpotInterrupt")).not.toBe(karpenterRuleName(`${"q".repeat(70)}b`, "SpotInterrupt"));
  });
});

describe("Karpenter starter manifests", () => {
  it("GIVEN no karpenter WHEN the hand-off is written THEN there is no karpenter.yaml", () => {
    expect(karpenterManifests(offlineClusterConfig())).toBeUndefined();
  });

  it("GIVEN karpenter WHEN rendered THEN a v1 NodePool and an EC2NodeClass with the node role and the discovery tag, and a header that leaves the Helm install out", () => {
    const config = karpenterCluster({ interruptionQueueName: "payments-karpenter" });
    const text = karpenterManifests(config)!;
    expect(text).toBe(karpenterManifests(config)); // deterministic
    expect(text).toMatch(/Helm chart.*out of scope/);
    expect(text).toContain('#   settings.clusterName: "simple-bank"');
    expect(text).toContain('#   settings.interruptionQueue: "payments-karpenter"');
    const docs = parseAllDocuments(text).map((d) => d.toJS());
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(["karpenter.sh/v1 NodePool", "karpenter.k8s.aws/v1 EC2NodeClass"]);
    expect(docs[0].spec.template.spec.nodeClassRef).toEqual({ group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" });
    expect(docs[1].spec).toEqual({
      role: "simple-bank-karpenter-node",
      amiSelectorTerms: [{ alias: "al2023@latest" }],
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "simple-bank" } }],
      securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "simple-bank" } }],
      tags: { "karpenter.sh/discovery": "simple-bank" },
    });
  });

  it("GIVEN a role name YAML would misread WHEN rendered THEN it is quoted and reads back as given", () => {
    const config = karpenterCluster({ nodeRoleName: "true", identity: "irsa" });
    const docs = parseAllDocuments(karpenterManifests(config)!).map((d) => d.toJS());
    expect(docs[1].spec.role).toBe("true");
    expect(karpenterManifests(config)).toContain("karpenter_controller_role_arn (IRSA)");
  });
});
