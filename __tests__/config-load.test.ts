/** Reading CLUSTER_CONFIG files and laying them onto the embedded default. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CLUSTER, DEFAULT_NODE_GROUP } from "../src/config/defaults";
import { ConfigInput } from "../src/config/input";
import { ConfigError, ConfigFileError, loadClusters, resolveClusters } from "../src/config/load";
import { pathSegments } from "../src/config/parse";
import { formatConfigError, formatWarnings } from "../src/config/report";

function file(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-config-"));
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("merging onto the embedded default", () => {
  it("GIVEN no file WHEN loaded THEN the embedded default is the one cluster", () => {
    const loaded = loadClusters(undefined);
    expect(loaded.source).toBe("the embedded default");
    expect(loaded.clusters).toEqual([DEFAULT_CLUSTER]);
  });

  it("GIVEN an empty object WHEN resolved THEN every key takes its default", () => {
    expect(resolveClusters({}, "x").clusters).toEqual([DEFAULT_CLUSTER]);
  });

  it("GIVEN nested keys WHEN resolved THEN objects merge and lists replace", () => {
    const [cluster] = resolveClusters(
      { endpoint: { publicAccessCidrs: ["203.0.113.0/24"] }, network: { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] } },
      "x",
    ).clusters;
    expect(cluster.endpoint).toEqual({ access: "public-and-private", publicAccessCidrs: ["203.0.113.0/24"] });
    expect(cluster.network).toEqual({ securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] });
  });

  it("GIVEN node groups WHEN resolved THEN each is completed from the default node group, and scaling merges", () => {
    const [cluster] = resolveClusters({ nodeGroups: [{ name: "a", scaling: { maxSize: 5 } }, { name: "b", instanceTypes: ["t3.large"] }] }, "x").clusters;
    expect(cluster.nodeGroups).toEqual([
      { ...DEFAULT_NODE_GROUP, name: "a", scaling: { minSize: 1, maxSize: 5, desiredSize: 1 } },
      { ...DEFAULT_NODE_GROUP, name: "b", instanceTypes: ["t3.large"] },
    ]);
  });

  it("GIVEN a role ARN or an update percentage WHEN resolved THEN it replaces the default instead of merging into a conflict", () => {
    const arn = "arn:aws:iam::111122223333:role/eks";
    const [cluster] = resolveClusters({ clusterRole: { arn }, nodeGroups: [{ update: { maxUnavailablePercentage: 25 } }] }, "x").clusters;
    expect(cluster.clusterRole).toEqual({ arn });
    expect(cluster.nodeGroups[0].update).toEqual({ maxUnavailablePercentage: 25 });
  });

  it("GIVEN add-ons WHEN resolved THEN they merge by name, {} means latest, null leaves a default out", () => {
    const [cluster] = resolveClusters({ addons: { coredns: null, "aws-ebs-csi-driver": {}, "kube-proxy": { version: "default" } } }, "x").clusters;
    expect(cluster.addons).toEqual({
      "vpc-cni": { version: "latest" },
      "kube-proxy": { version: "default" },
      "aws-ebs-csi-driver": { version: "latest" },
    });
  });

  it("GIVEN service accounts and add-on roles WHEN resolved THEN roles get default names, add-on roles the table's policies, and Pod Identity its agent", () => {
    const [c] = resolveClusters(
      {
        name: "payments",
        region: "cn-north-1",
        addons: { "aws-ebs-csi-driver": { version: "default", role: {} }, "vpc-cni": { role: { identity: "irsa", roleName: "cni" } } },
        serviceAccounts: [{ namespace: "orders", name: "orders-api", managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"] }],
      },
      "test.yaml",
    ).clusters;
    expect(c.serviceAccounts).toEqual([
      { namespace: "orders", name: "orders-api", identity: "pod-identity", roleName: "payments-orders-orders-api", managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
    ]);
    expect(c.addons["aws-ebs-csi-driver"].role).toEqual({
      identity: "pod-identity",
      roleName: "payments-aws-ebs-csi-driver",
      managedPolicyArns: ["arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
    });
    expect(c.addons["vpc-cni"].role).toEqual({ identity: "irsa", roleName: "cni", managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonEKS_CNI_Policy"] });
    expect(c.addons["eks-pod-identity-agent"]).toEqual({ version: "default" });
  });

  it("GIVEN only IRSA THEN no Pod Identity agent is added; GIVEN a long name THEN the role name is cut to 64 with a hash", () => {
    const [c] = resolveClusters({ serviceAccounts: [{ namespace: "n", name: "s".repeat(80), identity: "irsa", managedPolicyArns: ["arn:aws:iam::aws:policy/A"] }] }, "t.yaml").clusters;
    expect(c.addons["eks-pod-identity-agent"]).toBeUndefined();
    expect(c.serviceAccounts[0].roleName).toMatch(/^simple-bank-n-s+-[0-9a-f]{8}$/);
    expect(c.serviceAccounts[0].roleName!.length).toBe(64);
  });

  it("GIVEN kubectl's taint spelling WHEN resolved THEN the API spelling is used", () => {
    const [cluster] = resolveClusters({ nodeGroups: [{ taints: [{ key: "k", effect: "PreferNoSchedule" }] }] }, "x").clusters;
    expect(cluster.nodeGroups[0].taints).toEqual([{ key: "k", effect: "PREFER_NO_SCHEDULE" }]);
  });

  it("GIVEN { clusters } WHEN resolved THEN each cluster is merged on its own", () => {
    const { clusters } = resolveClusters({ clusters: [{ name: "dev" }, { name: "prod", region: "eu-west-1" }] }, "x");
    expect(clusters.map((c) => [c.name, c.region, c.kubernetesVersion])).toEqual([
      ["dev", "us-east-1", "1.35"],
      ["prod", "eu-west-1", "1.35"],
    ]);
  });

  it("GIVEN a bad file WHEN resolved THEN the embedded default is left unchanged", () => {
    const before = JSON.stringify(DEFAULT_CLUSTER);
    configError(() => resolveClusters({ nodeGroups: [{ labels: { "kubernetes.io/x": "y" } }], endpoint: { access: "x" } } as unknown as ConfigInput, "x"));
    resolveClusters({ nodeGroups: [{ labels: { a: "b" } }], tags: { t: "v" }, addons: { coredns: null } }, "x");
    expect(JSON.stringify(DEFAULT_CLUSTER)).toBe(before);
  });
});

describe("reading files", () => {
  it("GIVEN a YAML file WHEN loaded THEN it is read by its ending and problems carry line numbers", () => {
    const yaml = file("c.yaml", "name: ok\nnodeGroups:\n  - name: a\n    diskSize: 0\n");
    const error = configError(() => loadClusters(yaml));
    expect(error.issues.map((i) => i.path)).toEqual(["nodeGroups[0].diskSize"]);
    expect(error.lines.get("nodeGroups[0].diskSize")).toBe(4);
    expect(formatConfigError(error)).toMatch(/nodeGroups\[0\].diskSize \(line 4\): 0\n\s+rule: must be from 1 to 16384\n\s+fix: /);
  });

  it("GIVEN a rule on a merged value WHEN reported THEN its line is that of the key it is about", () => {
    const error = configError(() => loadClusters(file("c.yaml", "name: ok\nnodeGroups:\n  - name: a\n    diskSize: 10\n")));
    expect(error.issues.map((i) => i.path)).toEqual(["nodeGroups[0].diskSize"]);
    expect(error.lines.get("nodeGroups[0].diskSize")).toBe(4);
  });

  it("GIVEN no node groups WHEN loaded THEN the warning carries the line of nodeGroups", () => {
    const loaded = loadClusters(file("c.yaml", "name: ok\nlogging: { types: [audit] }\nnodeGroups: []\n"));
    expect(loaded.warnings.map((w) => w.path)).toContain("nodeGroups");
    expect(loaded.lines.get("nodeGroups")).toBe(3);
  });

  it("GIVEN a .yml file WHEN loaded THEN it is YAML too", () => {
    expect(loadClusters(file("c.yml", "name: from-yml\n")).clusters[0].name).toBe("from-yml");
  });

  it("GIVEN a value that comes from the default WHEN it breaks a rule THEN the line of the nearest key in the file is given", () => {
    const error = configError(() => loadClusters(file("c.yaml", "nodeGroups:\n  - name: a\n    scaling:\n      minSize: 2\n")));
    expect(error.issues[0].path).toBe("nodeGroups[0].scaling.desiredSize");
    expect(error.lines.get("nodeGroups[0].scaling.desiredSize")).toBe(4);
  });

  it("GIVEN a JSON file WHEN invalid THEN problems carry line numbers as well", () => {
    const error = configError(() => loadClusters(file("c.json", '{\n  "name": "ok",\n  "region": "nowhere"\n}\n')));
    expect(error.lines.get("region")).toBe(3);
  });

  it("GIVEN a number for kubernetesVersion in YAML WHEN loaded THEN the message explains the quotes", () => {
    const error = configError(() => loadClusters(file("c.yaml", "kubernetesVersion: 1.30\n")));
    expect(formatConfigError(error)).toMatch(/kubernetesVersion \(line 1\): 1.3\n\s+rule: must be a string, not the number 1.3\n\s+fix:  write the version in quotes, e.g. "1.35"/);
  });

  it.each([
    ["a missing file", () => path.join(os.tmpdir(), "no-such-eks-cdktf.yaml"), /no-such-eks-cdktf.yaml: cannot read .*: no such file/],
    ["a folder", () => os.tmpdir(), /cannot read .*: it is a folder/],
    ["an unknown ending", () => file("c.toml", "name = 'x'"), /c.toml: a cluster configuration must end in .json, .yaml or .yml/],
    ["a YAML syntax error", () => file("c.yaml", "name: a\nnodeGroups: [\n  name: b"), /c.yaml:\d+:\d+: not valid YAML: /],
    ["a duplicate YAML key", () => file("c.yaml", "name: a\nname: b\n"), /c.yaml:2:1: not valid YAML: the key "name" appears twice in one map \(lines 1 and 2\)/],
    ["a JSON syntax error", () => file("c.json", '{\n  "name": "a",\n}\n'), /c.json:3:1: not valid JSON: /],
  ])("GIVEN %s WHEN loaded THEN the error names the file", (_what, make, message) => {
    const name = make();
    expect(() => loadClusters(name)).toThrow(ConfigFileError);
    expect(() => loadClusters(name)).toThrow(message);
  });
});

describe("reporting", () => {
  it("GIVEN warnings WHEN formatted THEN each has its path, value, risk and fix", () => {
    const text = formatWarnings(loadClusters(undefined));
    expect(text).toMatch(/^warning: the embedded default: 4 legal but risky settings:/);
    expect(text).toMatch(/endpoint.publicAccessCidrs: \["0.0.0.0\/0"\]\n\s+risk: .*whole internet.*\n\s+fix: /);
  });

  it("GIVEN issue paths WHEN split THEN quoted keys and indexes come back", () => {
    expect(pathSegments('clusters[1].nodeGroups[0].labels["example.com/a b"] (the key)')).toEqual(["clusters", 1, "nodeGroups", 0, "labels", "example.com/a b"]);
  });
});

describe("multi-environment files with YAML anchors and merge keys", () => {
  it("GIVEN an x- key holding an anchor and clusters merging it WHEN loaded THEN each cluster gets the shared keys and its own", () => {
    // GIVEN
    const config = file(
      "envs.yaml",
      [
        "x-base: &base",
        "  region: eu-west-1",
        "  tags: { team: payments }",
        "clusters:",
        "  - <<: *base",
        "    name: payments-dev",
        "  - <<: *base",
        "    name: payments-prod",
        "    region: eu-central-1",
      ].join("\n"),
    );
    // WHEN
    const { clusters } = loadClusters(config);
    // THEN
    expect(clusters.map((c) => [c.name, c.region, c.tags.team])).toEqual([
      ["payments-dev", "eu-west-1", "payments"],
      ["payments-prod", "eu-central-1", "payments"],
    ]);
  });

  it("GIVEN a key beside clusters without the x- prefix WHEN loaded THEN the error names its line and the x- fix", () => {
    // GIVEN
    const config = file("envs.yaml", "base: &base\n  region: eu-west-1\nclusters:\n  - <<: *base\n    name: a\n");
    // WHEN
    const error = configError(() => loadClusters(config));
    // THEN
    expect(formatConfigError(error)).toContain("  base (line 1): {\"region\":\"eu-west-1\"}");
    expect(error.issues[0].fix).toBe("move base into each entry of clusters, or (to hold YAML anchors) name it x-base");
  });
});

describe("IAM role names per cluster (IAM role names are unique per account)", () => {
  it("GIVEN two clusters that name no roles WHEN loaded THEN each gets roles named after it, so both deploy in one account", () => {
    // GIVEN / WHEN
    const { clusters } = resolveClusters({ clusters: [{ name: "dev" }, { name: "prod", nodeGroups: [{ name: "a" }, { name: "b", role: { name: "batch" } }] }] }, "test");
    // THEN
    expect(clusters.map((c) => [c.clusterRole.name, ...c.nodeGroups.map((g) => g.role.name)])).toEqual([
      ["dev-eks-cluster", "dev-eks-node"],
      ["prod-eks-cluster", "prod-eks-node", "batch"],
    ]);
  });

  it("GIVEN a 100-character cluster name WHEN loaded THEN its role names fit IAM's 64 characters and stay unique by a hash", () => {
    // GIVEN
    const a = `${"a".repeat(99)}1`;
    const b = `${"a".repeat(99)}2`;
    // WHEN
    const { clusters } = resolveClusters({ clusters: [{ name: a }, { name: b }] }, "test");
    // THEN
    const names = clusters.flatMap((c) => [c.clusterRole.name!, c.nodeGroups[0].role.name!]);
    expect(names.every((n) => n.length <= 64)).toBe(true);
    expect(new Set(names).size).toBe(4);
    expect(names[0]).toMatch(/^a+-[0-9a-f]{8}-eks-cluster$/);
  });

  it("GIVEN one role name created by two clusters of a file, in any case WHEN loaded THEN the second is refused naming the first", () => {
    // GIVEN / WHEN
    const error = configError(() => resolveClusters({ clusters: [{ name: "a", clusterRole: { name: "shared" } }, { name: "b", clusterRole: { name: "SHARED" } }] }, "test"));
    // THEN
    expect(error.issues.map((i) => [i.path, i.rule.split(":")[0]])).toEqual([["clusters[1].clusterRole.name", "is also a role of another cluster in this file (clusters[0].clusterRole.name"]]);
  });

  it("GIVEN a cluster deployed with the old default names WHEN it names them THEN they are kept as given", () => {
    const { clusters } = resolveClusters({ clusterRole: { name: "AWSEKSClusterRole" }, nodeGroups: [{ name: "simple-bank", role: { name: "AWSEKSNodeRole" } }] }, "test");
    expect([clusters[0].clusterRole.name, clusters[0].nodeGroups[0].role.name]).toEqual(["AWSEKSClusterRole", "AWSEKSNodeRole"]);
  });
});
