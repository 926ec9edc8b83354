/** The node group compute rules (src/config/rules/node-group-compute.ts): each problem at its path with its rule and fix. */
import { resolveClusters } from "../src/config/load";
import { ConfigInput } from "../src/config/input";
import { ConfigError } from "../src/config/load";
import { Issue } from "../src/config/schema-parts";

const ng = (settings: Record<string, unknown>, cluster: Record<string, unknown> = {}) => ({ ...cluster, nodeGroups: [settings] });
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Errors (or, if none, warnings) of a config. */
function problems(config: unknown): { errors: readonly Issue[]; warnings: readonly Issue[] } {
  try {
    const { warnings } = resolveClusters(config as ConfigInput, "test");
    return { errors: [], warnings };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { errors: error.issues, warnings: [] };
  }
}

const ERRORS: [string, unknown, string, RegExp][] = [
  // kubelet flags the kubelet refuses at start (kubelet reference, --node-labels / --register-with-taints)
  ["a node label in kubernetes.io", ng({ kubelet: { flags: ["--node-labels=node-role.kubernetes.io/worker=true"] } }), "nodeGroups[0].kubelet.flags[0]", /--node-labels flag the kubelet refuses at start.*label "node-role.kubernetes.io\/worker": it is in the kubernetes.io \/ k8s.io namespace/],
  ["a node label without a value", ng({ kubelet: { flags: ["--node-labels=team"] } }), "nodeGroups[0].kubelet.flags[0]", /"team" is not key=value/],
  ["a taint without an effect", ng({ kubelet: { flags: ["--register-with-taints=dedicated=batch"] } }), "nodeGroups[0].kubelet.flags[0]", /taint "dedicated=batch" needs :NoSchedule, :PreferNoSchedule or :NoExecute/],
  ["a taint with a misspelt effect", ng({ kubelet: { flags: ["--max-pods=20", "--register-with-taints=a=b:NoSchedul"] } }), "nodeGroups[0].kubelet.flags[1]", /--register-with-taints flag the kubelet refuses/],
  ["gp3 IOPS below 3000", ng({ rootVolume: { iops: 2000 } }), "nodeGroups[0].rootVolume.iops", /must be 3000-16000 for gp3/],
  ["gp3 IOPS over 500 per GiB", ng({ rootVolume: { size: 20, iops: 16000 } }), "nodeGroups[0].rootVolume.iops", /exceeds 500 IOPS per GiB on a 20 GiB gp3 volume.*a volume of 32 GiB or more/],
  ["gp3 throughput over 0.25 per IOPS", ng({ rootVolume: { throughput: 1000 } }), "nodeGroups[0].rootVolume.throughput", /3000 IOPS \(gp3's default\) allow at most 750 MiB\/s.*set iops to 4000/],
  ["throughput on gp2", ng({ rootVolume: { type: "gp2", throughput: 200 } }), "nodeGroups[0].rootVolume.throughput", /gp3 volumes only/],
  ["IOPS on gp2", ng({ rootVolume: { type: "gp2", iops: 3000 } }), "nodeGroups[0].rootVolume.iops", /gp2 IOPS follow the size/],
  ["io1 without IOPS", ng({ rootVolume: { type: "io1" } }), "nodeGroups[0].rootVolume.iops", /required for io1/],
  ["io1 over 64000 IOPS", ng({ rootVolume: { type: "io1", size: 2000, iops: 70000 } }), "nodeGroups[0].rootVolume.iops", /100-64000 for io1/],
  ["gp3 over 16384 GiB", ng({ rootVolume: { size: 20000 } }), "nodeGroups[0].rootVolume.size", /gp3 volumes are 1-16384 GiB.*or io2/],
  ["root volume below the AMI snapshot", ng({ rootVolume: { size: 10 } }), "nodeGroups[0].rootVolume.size", /below 20 GiB, the smallest volume for amiType AL2023_x86_64_STANDARD/],
  ["KMS key with encrypted false", ng({ rootVolume: { encrypted: false, kmsKeyArn: KEY } }), "nodeGroups[0].rootVolume.kmsKeyArn", /encrypted: false/],
  ["KMS key of another region", ng({ rootVolume: { kmsKeyArn: KEY.replace("us-east-1", "eu-west-1") } }), "nodeGroups[0].rootVolume.kmsKeyArn", /key in eu-west-1, but the nodes run in us-east-1/],
  ["KMS alias instead of a key", ng({ rootVolume: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/ebs" } }), "nodeGroups[0].rootVolume.kmsKeyArn", /must be a KMS key ARN/],
  ["kubelet on AL2", ng({ amiType: "AL2_x86_64", kubelet: { maxPods: 20 } }, { kubernetesVersion: "1.32" }), "nodeGroups[0].kubelet", /not supported on AL2_x86_64.*AL2023_x86_64_STANDARD/],
  ["kubelet on Windows", ng({ amiType: "WINDOWS_CORE_2022_x86_64", diskSize: 50, kubelet: { maxPods: 20 } }), "nodeGroups[0].kubelet", /not supported on WINDOWS_CORE_2022_x86_64/],
  ["kubelet flags on Bottlerocket", ng({ amiType: "BOTTLEROCKET_x86_64", kubelet: { flags: ["--node-labels=a=b"] } }), "nodeGroups[0].kubelet.flags", /Bottlerocket takes no kubelet flags.*kubelet.maxPods/],
  ["a kubelet flag with a space", ng({ kubelet: { flags: ["--node-labels=a b"] } }), "nodeGroups[0].kubelet.flags[0]", /must be a kubelet flag/],
  ["a kubelet flag with an interpolation", ng({ kubelet: { flags: ["--x=${var.y}"] } }), "nodeGroups[0].kubelet.flags[0]", /must be a kubelet flag/],
  ["maxPods over 250", ng({ kubelet: { maxPods: 300 } }), "nodeGroups[0].kubelet.maxPods", /from 1 to 250/],
  ["CUSTOM without amiId", ng({ amiType: "CUSTOM" }), "nodeGroups[0].amiType", /CUSTOM needs a launch template with the AMI id.*add amiId/],
  ["amiId without CUSTOM", ng({ amiId: "ami-0123456789abcdef0" }), "nodeGroups[0].amiId", /needs amiType CUSTOM.*AL2023_x86_64_STANDARD/],
  ["malformed amiId", ng({ amiType: "CUSTOM", amiId: "ami-xyz" }), "nodeGroups[0].amiId", /AMI id: ami- followed by 8 or 17 hex digits/],
  ["releaseVersion with a custom AMI", ng({ amiType: "CUSTOM", amiId: "ami-0123456789abcdef0", releaseVersion: "1.35.0-20260101" }), "nodeGroups[0].releaseVersion", /custom AMI in the launch template, EKS fails the deployment/],
  ["remoteAccess with rootVolume", ng({ rootVolume: { size: 30 }, remoteAccess: { sshKeyName: "ops" } }), "nodeGroups[0].remoteAccess", /cannot be combined with rootVolume.*EKS rejects remote access/],
  ["remoteAccess with a custom AMI", ng({ amiType: "CUSTOM", amiId: "ami-0123456789abcdef0", remoteAccess: { sshKeyName: "ops" } }), "nodeGroups[0].remoteAccess", /cannot be combined with amiId/],
  ["CAPACITY_BLOCK without a reservation", ng({ capacityType: "CAPACITY_BLOCK" }), "nodeGroups[0].capacityType", /add capacityReservationId/],
  ["a reservation without CAPACITY_BLOCK", ng({ capacityReservationId: "cr-0123456789abcdef0" }), "nodeGroups[0].capacityReservationId", /only with capacityType CAPACITY_BLOCK, not ON_DEMAND/],
  ["CAPACITY_BLOCK with two instance types", ng({ capacityType: "CAPACITY_BLOCK", capacityReservationId: "cr-0123456789abcdef0", instanceTypes: ["p5.48xlarge", "p4d.24xlarge"], scaling: { minSize: 0, maxSize: 2, desiredSize: 0 } }), "nodeGroups[0].instanceTypes", /must be one type with CAPACITY_BLOCK/],
  ["release of another Kubernetes version", ng({ releaseVersion: "1.34.2-20260101" }), "nodeGroups[0].releaseVersion", /release for Kubernetes 1.34, but the nodes run the cluster's 1.35/],
  ["Amazon Linux release in Bottlerocket form", ng({ releaseVersion: "1.35.0-abcdef12" }), "nodeGroups[0].releaseVersion", /<kubernetes version>-<YYYYMMDD>/],
  ["Bottlerocket release without its commit", ng({ amiType: "BOTTLEROCKET_x86_64", releaseVersion: "1.50.0-build.7" }), "nodeGroups[0].releaseVersion", /Bottlerocket release version/],
  ["a security group twice", ng({ securityGroupIds: ["sg-0a1b2c3d4e5f60719", "sg-0a1b2c3d4e5f60719"] }), "nodeGroups[0].securityGroupIds[1]", /must not repeat/],
];

const WARNINGS: [string, unknown, string, RegExp][] = [
  ["an unencrypted volume", ng({ rootVolume: { encrypted: false } }), "nodeGroups[0].rootVolume.encrypted", /not encrypted.*EKS_NODE_VOLUME_UNENCRYPTED/],
  ["a customer managed key", ng({ rootVolume: { kmsKeyArn: KEY } }), "nodeGroups[0].rootVolume.kmsKeyArn", /AWSServiceRoleForAutoScaling/],
  ["io2 over 1000 IOPS per GiB", ng({ rootVolume: { type: "io2", size: 20, iops: 30000 } }), "nodeGroups[0].rootVolume.iops", /exceeds 1000 IOPS per GiB/],
  ["diskSize beside rootVolume.size", ng({ diskSize: 30, rootVolume: { size: 40 } }), "nodeGroups[0].diskSize", /is not used: rootVolume.size \(40 GiB\)/],
  ["maxPods beyond the VPC CNI's addresses", ng({ instanceTypes: ["t3.large"], kubelet: { maxPods: 110 } }), "nodeGroups[0].kubelet.maxPods", /exceeds the 35 pods the VPC CNI can give addresses on t3.large.*ENABLE_PREFIX_DELEGATION/],
  ["an empty kubelet", ng({ kubelet: {} }), "nodeGroups[0].kubelet", /holds no settings/],
  ["six security groups", ng({ securityGroupIds: ["sg-0a1b2c3d4e5f60711", "sg-0a1b2c3d4e5f60712", "sg-0a1b2c3d4e5f60713", "sg-0a1b2c3d4e5f60714", "sg-0a1b2c3d4e5f60715"] }), "nodeGroups[0].securityGroupIds", /makes 6 security groups per network interface/],
  ["propagateTags with no tags", ng({ propagateTags: true }), "nodeGroups[0].propagateTags", /no tags to put/],
  ["a Capacity Block scaled above 0", ng({ capacityType: "CAPACITY_BLOCK", capacityReservationId: "cr-0123456789abcdef0", instanceTypes: ["p5.48xlarge"] }), "nodeGroups[0].scaling.desiredSize", /desired size 0 when upgrading/],
];

describe("node group compute rules", () => {
  it("GIVEN kubelet flags the kubelet accepts (its own label namespaces, taints with effects) WHEN validated THEN no flag is refused", () => {
    const { errors } = problems(ng({ kubelet: { flags: ["--node-labels=team=payments,node.kubernetes.io/lifecycle=spot,topology.kubernetes.io/zone=us-east-1a", "--register-with-taints=dedicated=batch:NoSchedule,gpu:NoExecute"] } }));
    expect(errors.filter((e) => e.path.includes("kubelet"))).toEqual([]);
  });

  it.each(ERRORS)("GIVEN %s WHEN validated THEN it is an error at its path with the rule", (_what, config, path, message) => {
    const { errors } = problems(config);
    expect({ paths: errors.map((e) => e.path), matched: errors.some((e) => e.path === path && message.test(`${e.rule} ${e.fix}`)) }).toEqual({
      paths: expect.arrayContaining([path]),
      matched: true,
    });
  });

  it.each(WARNINGS)("GIVEN %s WHEN validated THEN it is accepted with a warning at its path", (_what, config, path, message) => {
    const { errors, warnings } = problems(config);
    expect(errors).toEqual([]);
    expect(warnings.some((w) => w.path === path && message.test(`${w.rule} ${w.fix}`))).toBe(true);
  });

  it.each([
    ["the hardened launch template", ng({ rootVolume: { size: 100, iops: 6000, throughput: 500 }, kubelet: { maxPods: 110, flags: ["--node-labels=a=b"] }, instanceTypes: ["m6i.xlarge"], securityGroupIds: ["sg-0a1b2c3d4e5f60719"], nodeRepair: true }, { addons: { "vpc-cni": { configurationValues: { env: { ENABLE_PREFIX_DELEGATION: "true" } } } } })],
    ["a custom AMI", ng({ amiType: "CUSTOM", amiId: "ami-0123456789abcdef0", kubelet: { maxPods: 29 }, instanceTypes: ["m6i.large"] })],
    ["a Capacity Block at 0", ng({ capacityType: "CAPACITY_BLOCK", capacityReservationId: "cr-0123456789abcdef0", instanceTypes: ["p5.48xlarge"], scaling: { minSize: 0, maxSize: 2, desiredSize: 0 } })],
    ["Bottlerocket maxPods and a release pin", ng({ amiType: "BOTTLEROCKET_x86_64", kubelet: { maxPods: 17 }, instanceTypes: ["t3.medium"], releaseVersion: "1.50.0-a1b2c3d4" })],
    ["io2 within its limits", ng({ rootVolume: { type: "io2", size: 100, iops: 20000 } })],
  ])("GIVEN %s WHEN validated THEN there is no error and no warning of these rules", (_what, config) => {
    const { errors, warnings } = problems(config);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => /rootVolume|kubelet|amiId|releaseVersion|securityGroupIds|propagateTags|capacityReservationId/.test(w.path))).toEqual([]);
  });
});
