/** The validation rules of an IPv6 cluster (network.ipFamily: ipv6, issue 15): a config, the path named, the message. */
import { problems, warningsOf } from "../test-support/config-problems";
import { resolveParsed } from "../src/config/load";

const ZONES = ["eu-west-1a", "eu-west-1b"];
const v6 = (network: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
  region: "eu-west-1",
  network: { ipFamily: "ipv6", create: { cidr: "10.0.0.0/16", availabilityZones: ZONES }, ...network },
  ...more,
});
const GIVEN_SUBNETS = { create: undefined, subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] };

// [what, config, path, message]
const ERRORS: [string, unknown, string, RegExp][] = [
  // EKS API KubernetesNetworkConfigRequest.serviceIpv4Cidr: "Don't specify a value if you select ipv6 for ipFamily"
  ["a service CIDR", v6({ serviceIpv4Cidr: "172.20.0.0/16" }), "network.serviceIpv4Cidr", /cannot be given with network.ipFamily ipv6: EKS assigns an IPv6 cluster's service addresses from the unique local range fc00::\/7/],
  // EKS API KubernetesNetworkConfigRequest.ipFamily: 1.21 and later
  ["Kubernetes 1.20", v6({}, { kubernetesVersion: "1.20" }), "kubernetesVersion", /is older than 1\.21: EKS creates IPv6 clusters only for Kubernetes 1\.21 and later/],
  // EKS API KubernetesNetworkConfigRequest.ipFamily: the VPC CNI add-on 1.10.1 or later
  ["no vpc-cni add-on", v6({}, { addons: { "vpc-cni": null } }), "addons", /has no vpc-cni, which an IPv6 cluster needs/],
  // EKS API KubernetesNetworkConfigRequest.ipFamily: "You can't specify ipv6 for clusters in China Regions."
  ["a China region", { ...v6(GIVEN_SUBNETS), region: "cn-north-1" }, "network.ipFamily", /is not available in cn-north-1: "You can't specify ipv6 for clusters in China Regions"/],
  // EKS User Guide, cni-ipv6.html: "Windows Pods and services aren't supported"
  [
    "a Windows node group",
    v6({}, { nodeGroups: [{ name: "win", amiType: "WINDOWS_CORE_2022_x86_64", instanceTypes: ["m6i.large"], scaling: { minSize: 1, maxSize: 2, desiredSize: 1 } }] }),
    "nodeGroups[0].amiType",
    /is a Windows AMI, and IPv6 clusters do not support Windows/,
  ],
];

describe("network.ipFamily rules", () => {
  it.each(ERRORS)("GIVEN ipv6 with %s WHEN validated THEN the config is refused at the key, saying why", (_what, config, path, message) => {
    // WHEN
    const found = problems(config);
    // THEN
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule: expect.stringMatching(message) })]));
  });

  it("GIVEN ipv6 with a created VPC and the default add-ons WHEN validated THEN it is accepted with no IPv6 warning", () => {
    const loaded = resolveParsed(v6(), "test.yaml");
    expect(loaded.clusters[0].network.ipFamily).toBe("ipv6");
    expect(loaded.warnings.filter((w) => w.path === "network.ipFamily" || w.path.startsWith('addons["vpc-cni"]'))).toEqual([]);
  });

  it("GIVEN no ipFamily WHEN validated THEN it stays unset (ipv4, nothing written)", () => {
    expect(resolveParsed({ region: "eu-west-1" }, "test.yaml").clusters[0].network.ipFamily).toBeUndefined();
  });

  it("GIVEN ipv6 with given subnets WHEN validated THEN a warning says they must be dual-stack, which cannot be checked offline", () => {
    const warnings = warningsOf(v6(GIVEN_SUBNETS));
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "network.ipFamily", rule: expect.stringMatching(/needs dual-stack subnets, which cannot be checked offline: .* auto-assign IPv6 addresses/) }),
      ]),
    );
  });

  it("GIVEN ipv6 with the default VPC looked up WHEN validated THEN the same dual-stack warning", () => {
    const warnings = warningsOf({ region: "eu-west-1", network: { ipFamily: "ipv6" } });
    expect(warnings.map((w) => w.path)).toContain("network.ipFamily");
  });

  it("GIVEN ipv6 with vpc-cni pinned older than v1.10.1 WHEN validated THEN a warning names the first version that supports IPv6", () => {
    const warnings = warningsOf(v6({}, { addons: { "vpc-cni": { version: "v1.9.3-eksbuild.1" } } }));
    expect(warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'addons["vpc-cni"].version', rule: expect.stringMatching(/is older than v1\.10\.1, the first Amazon VPC CNI that supports IPv6 clusters/) })]),
    );
    expect(warningsOf(v6({}, { addons: { "vpc-cni": { version: "v1.10.1-eksbuild.1" } } })).filter((w) => /IPv6/.test(w.rule))).toEqual([]);
  });

  it("GIVEN ipv6 with EKS Auto Mode and no vpc-cni WHEN validated THEN no vpc-cni error (Auto Mode brings its own networking)", () => {
    const loaded = resolveParsed(v6({}, { kubernetesVersion: "1.35", autoMode: { enabled: true }, addons: { "vpc-cni": null }, nodeGroups: [] }), "test.yaml");
    expect(Object.keys(loaded.clusters[0].addons)).not.toContain("vpc-cni");
  });

  it("GIVEN ipv4 with a service CIDR and Windows nodes WHEN validated THEN none of the IPv6 rules apply", () => {
    const found = problems({
      region: "eu-west-1",
      network: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
      nodeGroups: [{ name: "win", amiType: "WINDOWS_CORE_2022_x86_64", instanceTypes: ["m6i.large"], scaling: { minSize: 1, maxSize: 2, desiredSize: 1 } }],
    });
    expect(found.filter((p) => /IPv6|ipv6/.test(p.rule))).toEqual([]);
  });
});
