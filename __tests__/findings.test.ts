/** Every security rule: a config (or Terraform) that triggers it and one that does not. */
import { ClusterInput } from "../src/config/input";
import { resolveClusters } from "../src/config/load";
import { RULE_IDS, SECURITY_RULES } from "../src/config/catalogs/security-rules";
import { checkClusters, synthesizeTerraform } from "../src/review/check";
import { findingsOf, unusedWaivers, versionSupport } from "../src/review/findings";

const DATE = "2026-11-24";
const HARDENED: ClusterInput = {
  endpoint: { access: "private" },
  logging: { types: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
  secretsEncryption: { createKey: true },
  nodeGroups: [{ imds: { hopLimit: 1 } }],
  addons: { "vpc-cni": { role: {} } },
};

/** Rule keys found for a config laid over the hardened base; an override of null removes that key. */
function keysFor(overrides: Record<string, unknown>, date = DATE): string[] {
  const config: Record<string, unknown> = { ...HARDENED, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === null) delete config[key];
  const [cluster] = resolveClusters(config, "test").clusters;
  return findingsOf(synthesizeTerraform(cluster), [], date).map((f) => f.rule.key);
}

describe("security findings", () => {
  it("GIVEN the hardened base WHEN checked THEN nothing is found", () => {
    expect(keysFor({})).toEqual([]);
  });

  it("GIVEN the walk-through default WHEN checked THEN it is public, open, unlogged, unencrypted and IMDSv1", () => {
    const [cluster] = resolveClusters({}, "test").clusters;
    expect(findingsOf(synthesizeTerraform(cluster), [], DATE).map((f) => f.rule.ids.join("/"))).toEqual([
      "CKV_AWS_39/AVD-AWS-0040",
      "CKV_AWS_38/AVD-AWS-0041",
      "CKV_AWS_58/AVD-AWS-0039",
      "AVD-AWS-0130/CKV_AWS_79",
      "CKV_AWS_37/AVD-AWS-0038",
      "EKS_CNI_POLICY_ON_NODE_ROLE",
    ]);
  });

  it.each([
    ["public-endpoint", { endpoint: { access: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] } }, { endpoint: { access: "private" } }],
    ["open-endpoint", { endpoint: { access: "public", publicAccessCidrs: ["0.0.0.0/0"] } }, { endpoint: { access: "public", publicAccessCidrs: ["203.0.113.0/24"] } }],
    ["control-plane-logs", { logging: { types: ["api", "audit"] } }, { logging: { types: ["api", "audit", "authenticator", "controllerManager", "scheduler"] } }],
    ["secrets-encryption", { secretsEncryption: null }, { secretsEncryption: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }],
    ["open-ssh", { nodeGroups: [{ remoteAccess: { sshKeyName: "ops" } }] }, { nodeGroups: [{ remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-0a1b2c3d4e5f60719"] } }] }],
    ["imdsv2", { nodeGroups: [{}] }, { nodeGroups: [{ imds: { hopLimit: 2 } }] }],
    // any launch template requires IMDSv2 (hop limit 2 unless imds says otherwise)
    ["imdsv2", { nodeGroups: [{}] }, { nodeGroups: [{ rootVolume: { size: 30 } }] }],
    ["node-volume-encryption", { nodeGroups: [{ imds: { hopLimit: 1 }, rootVolume: { encrypted: false } }] }, { nodeGroups: [{ imds: { hopLimit: 1 }, rootVolume: { encrypted: true } }] }],
    // on the tests' day (2026-12-01): 1.32 is past standard support, 1.34 within it
    ["kubernetes-version", { kubernetesVersion: "1.32" }, { kubernetesVersion: "1.34" }],
    ["cni-policy-on-node-role", { addons: { "vpc-cni": { version: "latest" } } }, { addons: { "vpc-cni": { role: { identity: "irsa" } } } }],
  ])("GIVEN a config that breaks %s WHEN checked THEN it is found, and the fixed config is clean of it", (key, bad, good) => {
    expect(keysFor(bad as Record<string, unknown>)).toContain(key);
    expect(keysFor(good as Record<string, unknown>)).not.toContain(key);
  });

  it("GIVEN a launch template without required tokens WHEN checked THEN the node group is still found IMDSv1", () => {
    const [cluster] = resolveClusters(HARDENED, "test").clusters;
    const tf = synthesizeTerraform(cluster);
    tf.resource.aws_launch_template["node_group_simple-bank_launch_template"].metadata_options.http_tokens = "optional";
    expect(findingsOf(tf, [], DATE).map((f) => [f.rule.key, f.address, f.detail])).toEqual([
      ["imdsv2", "aws_eks_node_group.node_group_simple-bank", 'its launch template does not set metadata_options.http_tokens = "required"'],
    ]);
  });

  it.each([
    ["a wildcard principal", "*"],
    ["an AWS wildcard", { AWS: "*" }],
    ["an account root", { AWS: "arn:aws:iam::111122223333:root" }],
    ["a bare account id", { AWS: ["111122223333"] }],
  ])("GIVEN a trust policy with %s WHEN checked THEN CKV_AWS_60/61 is found", (_what, principal) => {
    const [cluster] = resolveClusters(HARDENED, "test").clusters;
    const tf = synthesizeTerraform(cluster);
    tf.resource.aws_iam_role.cluster_role.assume_role_policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
    });
    const found = findingsOf(tf, [], DATE);
    expect(found.map((f) => [f.rule.ids, f.address])).toEqual([[["CKV_AWS_60", "CKV_AWS_61"], "aws_iam_role.cluster_role"]]);
  });

  it("GIVEN the service-principal trust policies this project writes WHEN checked THEN no trust finding", () => {
    expect(keysFor({})).not.toContain("trust-wildcard");
  });

  it("GIVEN IRSA roles this project writes WHEN checked THEN no :sub finding; GIVEN a web-identity trust without :sub THEN it is found", () => {
    const config: ClusterInput = { ...HARDENED, serviceAccounts: [{ namespace: "a", name: "api", identity: "irsa", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] };
    const [cluster] = resolveClusters(config, "test").clusters;
    const tf = synthesizeTerraform(cluster);
    expect(findingsOf(tf, [], DATE).map((f) => f.rule.key)).toEqual([]);
    tf.resource.aws_iam_role.service_account_a_api.assume_role_policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/x" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "x:aud": "sts.amazonaws.com" } } }],
    });
    expect(findingsOf(tf, [], DATE).map((f) => [f.rule.ids, f.address])).toEqual([[["EKS_IRSA_TRUST_WITHOUT_SUB"], "aws_iam_role.service_account_a_api"]]);
  });

  it("GIVEN waivers WHEN checked THEN a waiver naming either id waives the finding with its reason, and unused ones are reported", () => {
    const [cluster] = resolveClusters({}, "test").clusters;
    const waivers = [
      { rule: "AVD-AWS-0040", reason: "a public endpoint is needed for the CI service" },
      { rule: "CKV_AWS_100", reason: "no SSH here: kept from an old config" },
    ];
    const found = findingsOf(synthesizeTerraform(cluster), waivers, DATE);
    expect(found.find((f) => f.rule.key === "public-endpoint")!.waived).toBe("a public endpoint is needed for the CI service");
    expect(found.filter((f) => !f.waived)).toHaveLength(5);
    expect(unusedWaivers(found, waivers)).toEqual([waivers[1]]);
  });

  it("GIVEN the catalogue THEN every rule has ids, a severity, a title and a fix key, and ids are unique", () => {
    for (const r of SECURITY_RULES) expect([r.ids.length > 0, r.title.length > 0, r.fix.length > 0]).toEqual([true, true, true]);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });
});

describe("Kubernetes version support", () => {
  it.each([
    ["1.35", "2026-11-24", "standard"],
    ["1.34", "2026-12-02", "standard"],
    ["1.34", "2026-12-03", "extended"],
    ["1.31", "2026-11-24", "extended"],
    ["1.31", "2026-11-27", "ended"],
    ["1.27", "2026-11-24", "ended"],
    ["1.20", "2021-01-01", "ended"],
    ["1.40", "2026-11-24", "unknown"],
  ])("GIVEN %s on %s THEN it is in %s support", (version, date, phase) => {
    expect(versionSupport(version, date).phase).toBe(phase);
  });

  it("GIVEN a version in extended support WHEN checked THEN the finding names the dates", () => {
    const [cluster] = resolveClusters({ ...HARDENED, kubernetesVersion: "1.32" }, "test").clusters;
    const found = findingsOf(synthesizeTerraform(cluster), [], "2026-11-24");
    expect(found.map((f) => f.detail)).toEqual(["Kubernetes 1.32: standard support ended 2026-03-23; extended support (extra cost) until 2027-03-23"]);
  });
});

describe("checkClusters (the report of npm run check)", () => {
  it("GIVEN every finding waived with a reason WHEN checked THEN it passes, listing the waivers", () => {
    const waivers = (["CKV_AWS_39", "CKV_AWS_38", "CKV_AWS_37", "CKV_AWS_58", "AVD-AWS-0130", "EKS_CNI_POLICY_ON_NODE_ROLE"] as const).map((rule) => ({ rule, reason: `trial cluster, deleted after the demo (${rule})` }));
    const [cluster] = resolveClusters({ waivers }, "test").clusters;
    const { report, code } = checkClusters([cluster], DATE);
    expect(code).toBe(0);
    expect(report.split("\n").slice(0, 2)).toEqual([
      "simple-bank: 0 open findings, 6 waived",
      "  waived   CKV_AWS_39 / AVD-AWS-0040  aws_eks_cluster.cluster: trial cluster, deleted after the demo (CKV_AWS_39)",
    ]);
    expect(report.trimEnd().split("\n").pop()).toBe("check passed: no open findings");
  });

  it("GIVEN a waiver that matches nothing WHEN checked THEN the report says to remove it", () => {
    const [cluster] = resolveClusters({ ...HARDENED, waivers: [{ rule: "CKV_AWS_100", reason: "kept from an old configuration" }] }, "test").clusters;
    expect(checkClusters([cluster], DATE).report).toContain("  warning: the waiver of CKV_AWS_100 matches no finding: remove it");
  });
});

describe("node volume encryption finding", () => {
  it("GIVEN an unencrypted root volume WHEN checked THEN the node group is found with the device, and a waiver names our id", () => {
    const config = { ...HARDENED, nodeGroups: [{ imds: { hopLimit: 1 }, rootVolume: { encrypted: false } }] };
    const [cluster] = resolveClusters(config, "test").clusters;
    const found = findingsOf(synthesizeTerraform(cluster), [{ rule: "EKS_NODE_VOLUME_UNENCRYPTED", reason: "scratch nodes, nothing kept" }], DATE);
    expect(found.map((f) => [f.rule.key, f.address, f.detail, f.waived])).toEqual([
      ["node-volume-encryption", "aws_eks_node_group.node_group_simple-bank", 'its launch template leaves /dev/xvda unencrypted (ebs.encrypted is not "true")', "scratch nodes, nothing kept"],
    ]);
  });

  it("GIVEN no launch template WHEN checked THEN no volume finding: EKS's disk encryption is the account's EBS default, not in the Terraform", () => {
    const [cluster] = resolveClusters({ ...HARDENED, nodeGroups: [{}] }, "test").clusters;
    expect(findingsOf(synthesizeTerraform(cluster), [], DATE).map((f) => f.rule.key)).not.toContain("node-volume-encryption");
  });
});
