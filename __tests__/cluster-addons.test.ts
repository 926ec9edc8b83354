import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { TerraformOutput } from "cdktf";
import { addonConfigurationJson, AddonProps, ADDONS_BEFORE_NODES, ClusterAddons } from "../src/constructs/cluster/cluster-addons";
import { parse, resource, synthScope } from "../test-support/synth";

function synthAddons(addons: Record<string, AddonProps>, tags?: Record<string, string>): string {
  return synthScope((scope) => {
    new ClusterAddons(scope, "addons", { clusterName: "simple-bank", kubernetesVersion: "1.35", addons, tags });
  });
}

describe("ClusterAddons", () => {
  it("looks up the most recent version for the configured Kubernetes version with `latest`", () => {
    // GIVEN / WHEN
    const synthesized = synthAddons({ "vpc-cni": { version: "latest" } });
    // THEN
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsEksAddonVersion, {
      addon_name: "vpc-cni",
      kubernetes_version: "1.35",
      most_recent: true,
    });
    expect(synthesized).toHaveResourceWithProperties(EksAddon, {
      cluster_name: "simple-bank",
      addon_name: "vpc-cni",
      addon_version: "${data.aws_eks_addon_version.addons_vpc-cni_version.version}",
      resolve_conflicts_on_create: "OVERWRITE",
      resolve_conflicts_on_update: "OVERWRITE",
    });
  });

  it("leaves the version to EKS with `default`", () => {
    const synthesized = synthAddons({ coredns: { version: "default" } });
    expect(resource(synthesized, "aws_eks_addon", "addons_coredns").addon_version).toBeUndefined();
    expect(parse(synthesized).data).toBeUndefined();
  });

  it("pins a given version without a lookup", () => {
    const synthesized = synthAddons({ "kube-proxy": { version: "v1.32.0-eksbuild.2" } });
    expect(synthesized).toHaveResourceWithProperties(EksAddon, { addon_name: "kube-proxy", addon_version: "v1.32.0-eksbuild.2" });
    expect(parse(synthesized).data).toBeUndefined();
  });

  it("allows any add-on name and tags every add-on", () => {
    const synthesized = synthAddons({ "aws-ebs-csi-driver": { version: "default" } }, { team: "payments" });
    expect(synthesized).toHaveResourceWithProperties(EksAddon, { addon_name: "aws-ebs-csi-driver", tags: { team: "payments" } });
  });

  it("splits DaemonSet add-ons nodes need from add-ons that run on nodes", () => {
    // GIVEN
    let addons: ClusterAddons | undefined;
    synthScope((scope) => {
      addons = new ClusterAddons(scope, "addons", {
        clusterName: "c",
        kubernetesVersion: "1.35",
        addons: Object.fromEntries(["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "metrics-server"].map((n) => [n, { version: "default" }])),
      });
    });
    // WHEN
    const before = addons!.beforeNodes.map((a) => a.node.id).sort();
    const after = addons!.afterNodes.map((a) => a.node.id).sort();
    // THEN
    expect(before).toEqual(["eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(after).toEqual(["coredns", "metrics-server"]);
    expect([...ADDONS_BEFORE_NODES].sort()).toEqual(before);
  });

  it("makes only the after-nodes add-ons wait for the given node groups", () => {
    // GIVEN
    const synthesized = synthScope((scope) => {
      const addons = new ClusterAddons(scope, "addons", {
        clusterName: "c",
        kubernetesVersion: "1.35",
        addons: { "vpc-cni": { version: "default" }, coredns: { version: "default" } },
      });
      // a stand-in node group: any dependable resource
      const nodes = new ClusterAddons(scope, "nodes", { clusterName: "c", kubernetesVersion: "1.35", addons: { x: { version: "default" } } });
      // WHEN
      addons.waitFor([nodes.addons.x]);
      new TerraformOutput(scope, "o", { value: "" });
    });
    // THEN
    expect(resource(synthesized, "aws_eks_addon", "addons_coredns").depends_on).toEqual(["aws_eks_addon.nodes_x"]);
    expect(resource(synthesized, "aws_eks_addon", "addons_vpc-cni").depends_on).toBeUndefined();
  });
  it("GIVEN add-ons named constructor and kubecost_kubecost THEN they are add-ons like any other, with their version lookups", () => {
    // GIVEN: constructs 10 keeps children in a plain object, where "constructor" would be found already
    const addons = Object.assign(Object.create(null) as Record<string, AddonProps>, {
      constructor: { version: "latest" },
      kubecost_kubecost: { version: "latest" },
    });
    // WHEN
    const synthesized = synthAddons(addons);
    // THEN
    expect(Object.keys(parse(synthesized).resource.aws_eks_addon).sort()).toEqual(["addons_constructor", "addons_kubecost_kubecost"]);
    expect(Object.keys(parse(synthesized).data!.aws_eks_addon_version).sort()).toEqual(["addons_constructor_version", "addons_kubecost_kubecost_version"]);
    expect(resource(synthesized, "aws_eks_addon", "addons_constructor").addon_name).toBe("constructor");
  });

  it("GIVEN configuration, conflict resolution and preserve THEN they reach the add-on; without them OVERWRITE and nothing else", () => {
    const synthesized = synthAddons({
      coredns: { version: "default", configurationValues: '{"replicaCount":3}', resolveConflictsOnCreate: "NONE", resolveConflictsOnUpdate: "PRESERVE", preserve: true },
      "kube-proxy": { version: "default" },
    });
    expect(resource(synthesized, "aws_eks_addon", "addons_coredns")).toMatchObject({
      configuration_values: '{"replicaCount":3}',
      resolve_conflicts_on_create: "NONE",
      resolve_conflicts_on_update: "PRESERVE",
      preserve: true,
    });
    const plain = resource(synthesized, "aws_eks_addon", "addons_kube-proxy");
    expect(plain).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "OVERWRITE" });
    expect(plain.configuration_values).toBeUndefined();
    expect(plain.preserve).toBeUndefined();
  });
});

describe("addonConfigurationJson", () => {
  it("GIVEN maps in any key order THEN the same text, keys sorted at every level, lists in their order, every own key kept", () => {
    const a = { z: 1, a: { y: [3, 1, { b: null, a: true }], x: "é\"\n" } };
    const b = { a: { x: "é\"\n", y: [3, 1, { a: true, b: null }] }, z: 1 };
    expect(addonConfigurationJson(a)).toBe('{"a":{"x":"é\\"\\n","y":[3,1,{"a":true,"b":null}]},"z":1}');
    expect(addonConfigurationJson(b)).toBe(addonConfigurationJson(a));
    const proto = Object.create(null);
    Object.defineProperty(proto, "__proto__", { value: { x: 1 }, enumerable: true });
    expect(addonConfigurationJson(proto)).toBe('{"__proto__":{"x":1}}');
    expect(JSON.parse(addonConfigurationJson(a))).toEqual(a);
  });
});
