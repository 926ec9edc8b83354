/** Fargate profiles (issue 14): the profile and its pod execution role, alone and in a cluster stack. */
import { EksFargateProfile } from "@cdktf/provider-aws/lib/eks-fargate-profile";
import * as path from "path";
import { FargateProfile, podExecutionRole, podExecutionSourceArn } from "../src/constructs/compute/fargate-profile";
import { ReadableStack } from "../src/constructs/readable-stack";
import { loadClusters, resolveParsed } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { addresses, offlineClusterConfig, parse, resource, synthCluster, synthScope } from "../test-support/synth";

/** A cluster loaded as a file gives it (defaults, role names and CoreDNS's compute type filled in). */
function loaded(given: Record<string, unknown>): ClusterConfig {
  return resolveParsed({ ...offlineClusterConfig(), ...given }, "test.yaml").clusters[0];
}

const SYSTEM = { name: "system", selectors: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }] };

function synthProfile(props: Partial<ConstructorParameters<typeof FargateProfile>[2]> = {}): string {
  return synthScope((scope: ReadableStack) => {
    const role = podExecutionRole(scope, "pod_role", { roleName: "simple-bank-eks-fargate-pods", partition: "aws", region: "us-east-1", clusterName: "simple-bank" });
    new FargateProfile(scope, "fargate_profile_system", {
      name: "system",
      clusterName: "simple-bank",
      podExecutionRole: role,
      selectors: [{ namespace: "kube-system" }],
      ...props,
    });
  });
}

describe("FargateProfile", () => {
  it("GIVEN a profile WHEN synthesized THEN it names the cluster, the role and the selectors, and waits for the role's policy", () => {
    // GIVEN / WHEN
    const synthesized = synthProfile({ selectors: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }, { namespace: "team-*" }] });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EksFargateProfile, {
      cluster_name: "simple-bank",
      fargate_profile_name: "system",
      pod_execution_role_arn: "${aws_iam_role.pod_role.arn}",
    });
    const profile = resource(synthesized, "aws_eks_fargate_profile", "fargate_profile_system");
    expect(profile.selector).toEqual([{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }, { namespace: "team-*" }]);
    expect(profile.depends_on).toEqual(["aws_iam_role_policy_attachment.pod_role_AmazonEKSFargatePodExecutionRolePolicy"]);
  });

  it("GIVEN no subnets WHEN synthesized THEN subnet_ids is left out (EKS uses the cluster's private subnets), and given ones are written", () => {
    // GIVEN / WHEN
    const without = resource(synthProfile(), "aws_eks_fargate_profile", "fargate_profile_system");
    const withSubnets = resource(synthProfile({ subnetIds: ["subnet-0a1b2c3d4e5f60031"] }), "aws_eks_fargate_profile", "fargate_profile_system");
    // THEN
    expect(without.subnet_ids).toBeUndefined();
    expect(withSubnets.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60031"]);
  });

  it("GIVEN a cluster reference WHEN synthesized THEN the profile is replaced with the cluster, and has no tags or lifecycle otherwise", () => {
    // GIVEN / WHEN
    const replaced = resource(synthProfile({ replaceWithCluster: "aws_eks_cluster.cluster.id" }), "aws_eks_fargate_profile", "fargate_profile_system");
    const plain = resource(synthProfile(), "aws_eks_fargate_profile", "fargate_profile_system");
    // THEN
    expect(replaced.lifecycle).toEqual({ replace_triggered_by: ["aws_eks_cluster.cluster.id"] });
    expect(plain.lifecycle).toBeUndefined();
    expect(plain.tags).toBeUndefined();
  });
});

describe("pod execution role", () => {
  const synthesized = synthProfile();
  const role = resource(synthesized, "aws_iam_role", "pod_role");
  // jsonencode({...}) with the partition reference: read it back as the HCL object it is
  const trust = role.assume_role_policy as string;

  it("GIVEN the role THEN it is the one eks-fargate-pods.amazonaws.com may assume, and nothing else may", () => {
    expect(trust).toMatch(/^\$\{jsonencode\(/);
    expect(trust).toContain('"Principal" = {"Service" = "eks-fargate-pods.amazonaws.com"}');
    expect(trust).toContain('"Action" = "sts:AssumeRole"');
    expect(trust).toContain('"Effect" = "Allow"');
    expect(trust.match(/"Effect"/g)).toHaveLength(1);
  });

  it("GIVEN the role THEN its trust is limited to this cluster's Fargate profiles in its region with ArnLike aws:SourceArn (the confused-deputy guard of pod-execution-role.html), any account", () => {
    expect(trust).toContain('"Condition" = {"ArnLike" = {"aws:SourceArn" = "arn:aws:eks:us-east-1:*:fargateprofile/simple-bank/*"}}');
    expect(podExecutionSourceArn("aws-cn", "cn-north-1", "orders")).toBe("arn:aws-cn:eks:cn-north-1:*:fargateprofile/orders/*");
  });

  it("GIVEN the role THEN AmazonEKSFargatePodExecutionRolePolicy is attached, in the given partition", () => {
    expect(resource(synthesized, "aws_iam_role_policy_attachment", "pod_role_AmazonEKSFargatePodExecutionRolePolicy")).toMatchObject({
      role: "${aws_iam_role.pod_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
    });
  });
});

describe("GIVEN a cluster with Fargate profiles and no node groups", () => {
  const config = loaded({
    nodeGroups: [],
    fargateProfiles: [SYSTEM, { name: "payments", selectors: [{ namespace: "payments" }], subnetIds: ["subnet-0a1b2c3d4e5f60001"] }],
  });
  const synthesized = synthCluster(config);
  const tf = parse(synthesized);

  it("THEN each profile is fargate_profile_<name>, and the profiles share one pod execution role <cluster>-eks-fargate-pods", () => {
    const all = addresses(synthesized);
    expect(all.filter((a) => /fargate|pod_execution/.test(a))).toEqual([
      "aws_eks_fargate_profile.fargate_profile_payments",
      "aws_eks_fargate_profile.fargate_profile_system",
      "aws_iam_role.pod_execution_role_simple-bank-eks-fargate-pods",
      "aws_iam_role_policy_attachment.pod_execution_role_simple-bank-eks-fargate-pods_AmazonEKSFargatePodExecutionRolePolicy",
    ]);
    expect(tf.resource.aws_iam_role["pod_execution_role_simple-bank-eks-fargate-pods"].name).toBe("simple-bank-eks-fargate-pods");
    for (const name of ["system", "payments"]) {
      expect(tf.resource.aws_eks_fargate_profile[`fargate_profile_${name}`].pod_execution_role_arn).toBe("${aws_iam_role.pod_execution_role_simple-bank-eks-fargate-pods.arn}");
    }
  });

  it("THEN the profiles follow the cluster (its name, replaced with it) and carry the cluster's tags", () => {
    const profile = tf.resource.aws_eks_fargate_profile.fargate_profile_system;
    expect(profile.cluster_name).toBe("${aws_eks_cluster.cluster.name}");
    expect(profile.lifecycle).toEqual({ replace_triggered_by: ["aws_eks_cluster.cluster.id"] });
    const tagged = parse(synthCluster(loaded({ tags: { team: "payments" }, nodeGroups: [], fargateProfiles: [SYSTEM] })));
    expect(tagged.resource.aws_eks_fargate_profile.fargate_profile_system.tags).toEqual({ team: "payments" });
  });

  it("THEN coredns runs on Fargate (configuration computeType Fargate, AWS's add-on setting for it) and waits for the profiles", () => {
    const coredns = tf.resource.aws_eks_addon.addons_coredns;
    expect(JSON.parse(coredns.configuration_values)).toEqual({ computeType: "Fargate" });
    expect(coredns.depends_on).toEqual(["aws_eks_fargate_profile.fargate_profile_system", "aws_eks_fargate_profile.fargate_profile_payments"]);
  });

  it("THEN the stack outputs each profile's ARN by name", () => {
    expect(tf.output?.fargate_profile_arns.value).toEqual({
      payments: "${aws_eks_fargate_profile.fargate_profile_payments.arn}",
      system: "${aws_eks_fargate_profile.fargate_profile_system.arn}",
    });
  });
});

describe("GIVEN other Fargate configurations", () => {
  it("WHEN a profile names its own pod execution role THEN that profile gets a role of its own and the others share the default", () => {
    // GIVEN
    const config = loaded({
      nodeGroups: [],
      fargateProfiles: [SYSTEM, { name: "payments", selectors: [{ namespace: "payments" }], podExecutionRoleName: "payments-fargate" }],
    });
    // WHEN
    const tf = parse(synthCluster(config));
    // THEN
    expect(Object.keys(tf.resource.aws_iam_role).sort()).toEqual(["cluster_role", "pod_execution_role_payments-fargate", "pod_execution_role_simple-bank-eks-fargate-pods"]);
    expect(tf.resource.aws_eks_fargate_profile.fargate_profile_payments.pod_execution_role_arn).toBe("${aws_iam_role.pod_execution_role_payments-fargate.arn}");
  });

  it("WHEN coredns sets its own configuration THEN computeType is added to it; a computeType given is kept", () => {
    // GIVEN
    const added = loaded({ nodeGroups: [], fargateProfiles: [SYSTEM], addons: { coredns: { version: "v1.13.2-eksbuild.4", configurationValues: { replicaCount: 3 } } } });
    const kept = loaded({ nodeGroups: [], fargateProfiles: [SYSTEM], addons: { coredns: { version: "v1.13.2-eksbuild.4", configurationValues: { computeType: "fargate" } } } });
    // THEN
    expect(added.addons.coredns.configurationValues).toEqual({ replicaCount: 3, computeType: "Fargate" });
    expect(kept.addons.coredns.configurationValues).toEqual({ computeType: "fargate" });
  });

  it("WHEN the cluster also has node groups, or no profile selects CoreDNS THEN coredns's configuration is left as given", () => {
    // GIVEN / WHEN
    const withNodes = loaded({ fargateProfiles: [SYSTEM] });
    const otherNamespace = loaded({ nodeGroups: [], fargateProfiles: [{ name: "apps", selectors: [{ namespace: "apps" }] }] });
    const otherLabels = loaded({ nodeGroups: [], fargateProfiles: [{ name: "sys", selectors: [{ namespace: "kube-*", labels: { app: "metrics" } }] }] });
    // THEN
    for (const config of [withNodes, otherNamespace, otherLabels]) expect(config.addons.coredns.configurationValues).toBeUndefined();
  });

  it("WHEN a wildcard selector matches kube-system and CoreDNS's labels THEN coredns goes to Fargate too", () => {
    const config = loaded({ nodeGroups: [], fargateProfiles: [{ name: "sys", selectors: [{ namespace: "kube-*", labels: { "k8s-?pp": "kube-*" } }] }] });
    expect(config.addons.coredns.configurationValues).toEqual({ computeType: "Fargate" });
  });

  it("WHEN no profiles are configured THEN the stack has no Fargate resources and no fargate_profile_arns output", () => {
    const tf = parse(synthCluster(loaded({})));
    expect(tf.resource.aws_eks_fargate_profile).toBeUndefined();
    expect(tf.output?.fargate_profile_arns).toBeUndefined();
  });

  it("WHEN examples/fargate.yaml is loaded THEN it is Fargate-only with the two profiles, one role and coredns on Fargate, and no warnings", () => {
    const file = loadClusters(path.resolve(__dirname, "..", "examples", "fargate.yaml"));
    const tf = parse(synthCluster(file.clusters[0]));
    expect(file.warnings).toEqual([]);
    expect(Object.keys(tf.resource.aws_eks_fargate_profile).sort()).toEqual(["fargate_profile_payments", "fargate_profile_system"]);
    expect(tf.resource.aws_eks_node_group).toBeUndefined();
    expect(JSON.parse(tf.resource.aws_eks_addon.addons_coredns.configuration_values)).toEqual({ computeType: "Fargate", replicaCount: 2 });
  });
});
