/**
 * src/config/names.ts: the naming rules the constructs use, and the validation-ready checks built on them. Each
 * collision class is shown twice: nameCollisions reports it, and ClusterStack (built without validation) cannot
 * synthesize it; a pair that only looks alike is neither reported nor refused.
 */
import { Testing } from "cdktf";
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import {
  accessPolicyId,
  addonVersionId,
  cdktfMarker,
  constructId,
  derivedNames,
  nameCollisions,
  nodeGroupId,
  nodeRoleId,
  principalId,
  roleKey,
  STACK_CONSTRUCT_IDS,
  terraformName,
  unsupportedKeys,
  unsupportedValues,
} from "../src/config/names";
import { ClusterConfig } from "../src/config/schema";
import { childPath } from "../src/config/schema-parts";
import { ClusterStack } from "../src/constructs/cluster-stack";
import { addresses, clusterConfig, nodeGroupSettings, synthCluster } from "../test-support/synth";

const ACCOUNT = "111122223333";
type Policies = ClusterConfig["access"]["entries"][number]["policies"];
const view: Policies = [{ policy: "AmazonEKSViewPolicy" }];
const entry = (principalArn: string, policies: Policies = view) => ({ principalArn, policies });
const withEntries = (...entries: ReturnType<typeof entry>[]): ClusterConfig =>
  clusterConfig({ access: { authenticationMode: "API", clusterCreatorAdmin: true, entries } });
const withRoles = (...roles: ({ name: string } | { arn: string })[]): ClusterConfig =>
  clusterConfig({ nodeGroups: roles.map((role, i) => nodeGroupSettings({ name: `g${i}`, role })) });

/** A config as the new parser produces it: every object with a null prototype. */
function nullPrototype<T>(value: T): T {
  if (Array.isArray(value)) return value.map(nullPrototype) as T;
  if (typeof value !== "object" || value === null) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: nullPrototype((value as Record<string, unknown>)[key]), enumerable: true, writable: true });
  }
  return out as T;
}

describe("naming rules", () => {
  it("GIVEN a construct path THEN the Terraform name joins it with _, drops Resource and writes other characters _", () => {
    expect(terraformName(["node_role_eks.nodes", "Resource"])).toBe("node_role_eks_nodes");
    expect(terraformName(["addons", "vpc-cni"])).toBe("addons_vpc-cni");
    expect(terraformName(["node_group_a", "launch_template", "Resource"])).toBe("node_group_a_launch_template");
  });

  it("GIVEN an ID with / or a newline THEN it is written as the constructs library keeps it", () => {
    expect(constructId("node_role_arn:aws:iam::1:role/a/x")).toBe("node_role_arn:aws:iam::1:role--a--x");
    expect(constructId("a\nb")).toBe("a--b");
  });

  it("GIVEN config values THEN the construct IDs are the constructs' (and the constructs use these functions)", () => {
    expect(roleKey({ name: "simple-bank-eks-node" })).toBe("simple-bank-eks-node");
    expect(roleKey({ arn: "arn:aws:iam::1:role/x" })).toBe("arn:aws:iam::1:role/x");
    expect(nodeRoleId({ name: "simple-bank-eks-node" })).toBe("node_role_simple-bank-eks-node");
    expect(nodeGroupId("simple-bank")).toBe("node_group_simple-bank");
    expect(principalId("arn:aws-cn:iam::111122223333:role/a/b/ops")).toBe("111122223333_role_ops");
    expect(accessPolicyId("arn:aws:iam::111122223333:user/ann", "AmazonEKSEditPolicy")).toBe("111122223333_user_ann_AmazonEKSEditPolicy");
    expect(addonVersionId("kubecost_kubecost")).toBe("kubecost_kubecost_version");
  });

  it("GIVEN many entities WHEN synthesized THEN every predicted address exists, and every address from the config was predicted", () => {
    // GIVEN roles by name and ARN, node groups with and without a launch template, entries, add-ons at latest and pinned
    const config = clusterConfig({
      access: {
        authenticationMode: "API",
        clusterCreatorAdmin: true,
        entries: [entry(`arn:aws:iam::${ACCOUNT}:role/team/admins`, [{ policy: "AmazonEKSClusterAdminPolicy" }, { policy: "AmazonEKSViewPolicy" }]), entry(`arn:aws:iam::${ACCOUNT}:user/ann`)],
      },
      addons: { "vpc-cni": { version: "latest" }, kubecost_kubecost: { version: "v2.1.0-eksbuild.1" }, constructor: { version: "latest" } },
      nodeGroups: [
        nodeGroupSettings({ name: "a", role: { name: "eks.nodes" }, imds: { hopLimit: 2 } }),
        nodeGroupSettings({ name: "b", role: { arn: `arn:aws:iam::${ACCOUNT}:role/path/nodes` } }),
        nodeGroupSettings({ name: "c", role: { name: "eks.nodes" } }),
      ],
    });
    // WHEN
    const predicted = derivedNames(config, "").flatMap((e) => e.parts.flatMap((p) => p.addresses));
    const synthesized = addresses(synthCluster(config));
    // THEN
    expect(synthesized).toEqual(expect.arrayContaining(predicted));
    const fromConfig = synthesized.filter((a) => /\.(node_role_|node_group_|access_|addons_)/.test(a));
    expect([...new Set(predicted)].sort()).toEqual(fromConfig);
  });
});

describe("nameCollisions", () => {
  it.each(["arns", "statuses"])("GIVEN a node group named %s THEN it would take the stack's output node_group_%s: refused", (name) => {
    // GIVEN
    const config = clusterConfig({ nodeGroups: [nodeGroupSettings({ name })] });
    // WHEN
    const issues = nameCollisions(config, "");
    // THEN
    expect(issues).toEqual([
      {
        path: "nodeGroups[0].name",
        value: name,
        rule: `gets the construct ID node_group_${name}, which the stack itself uses (for its output of that name): node groups are named node_group_<name>`,
        fix: "rename it",
      },
    ]);
    expect(() => synthCluster(config)).toThrow(/There is already a Construct with name 'node_group_/);
  });

  it("GIVEN stacks with every option THEN each child ID the stack gives itself is in STACK_CONSTRUCT_IDS, so a config can be checked against them", () => {
    // GIVEN
    const configs = [
      DEFAULT_CLUSTER,
      clusterConfig({
        secretsEncryption: { createKey: true },
        logging: { types: ["api"], retentionDays: 7 },
        backend: { s3: { bucket: "state-bucket" } },
      }),
    ];
    for (const config of configs) {
      // WHEN
      const stack = new ClusterStack(Testing.app(), config);
      const own = stack.node.children.map((c) => c.node.id).filter((id) => !/^node_(group|role)_/.test(id));
      // THEN
      expect(STACK_CONSTRUCT_IDS).toEqual(expect.arrayContaining(own));
    }
  });

  it("GIVEN role names that differ only in characters Terraform names lack THEN one issue names both, and the stack refuses them", () => {
    // GIVEN
    const config = withRoles({ name: "eks.nodes" }, { name: "eks_nodes" });
    // WHEN
    const issues = nameCollisions(config, "");
    // THEN
    expect(issues).toEqual([
      {
        path: "nodeGroups[1].role.name",
        value: "eks_nodes",
        rule: 'gets the same Terraform name (aws_iam_role.node_role_eks_nodes) as nodeGroups[0].role.name ("eks.nodes"): node roles are named node_role_<role name>, and Terraform names allow only letters, digits, _ and -',
        fix: "rename one of the roles",
      },
    ]);
    expect(() => synthCluster(config)).toThrow(/node_role_eks_nodes.*claimed by both/);
  });

  it.each([
    ["+", "a+b", "a_b"],
    ["=", "a=b", "a,b"],
    ["@", "ops@x", "ops.x"],
  ])("GIVEN role names alike but for %s THEN they collide", (_c, a, b) => {
    expect(nameCollisions(withRoles({ name: a }, { name: b }), "").map((i) => i.path)).toEqual(["nodeGroups[1].role.name"]);
  });

  it("GIVEN two role ARNs whose paths the constructs library writes alike (/ as --) THEN they get one construct ID", () => {
    const config = withRoles({ arn: `arn:aws:iam::${ACCOUNT}:role/a/x` }, { arn: `arn:aws:iam::${ACCOUNT}:role/a--x` });
    const [issue] = nameCollisions(config, "clusters[2]");
    expect(issue).toMatchObject({ path: "clusters[2].nodeGroups[1].role.arn", fix: "rename one of the roles" });
    expect(issue.rule).toBe(
      `gets the same construct ID (node_role_arn:aws:iam::${ACCOUNT}:role--a--x) as clusters[2].nodeGroups[0].role.arn ("arn:aws:iam::${ACCOUNT}:role/a/x"): a role given by ARN gets the construct ID node_role_<ARN>, with / written --`,
    );
    expect(() => synthCluster(config)).toThrow(/There is already a Construct/);
  });

  it("GIVEN role ARNs a/x and a_x THEN nothing collides: ARN roles create no resources and their IDs differ", () => {
    const config = withRoles({ arn: `arn:aws:iam::${ACCOUNT}:role/a/x` }, { arn: `arn:aws:iam::${ACCOUNT}:role/a_x` });
    expect(nameCollisions(config, "")).toEqual([]);
    expect(() => synthCluster(config)).not.toThrow();
  });

  it("GIVEN a colliding role used by two node groups THEN one issue, where it first appears", () => {
    const config = withRoles({ name: "eks.nodes" }, { name: "eks_nodes" }, { name: "eks_nodes" }, { name: "eks.nodes" });
    expect(nameCollisions(config, "").map((i) => i.path)).toEqual(["nodeGroups[1].role.name"]);
  });

  it("GIVEN keys of every shape THEN issue paths are written as the schema writes them", () => {
    const config = clusterConfig({ addons: { "a-b": { version: "latest" }, "a-b_version": { version: "default" }, x: { version: "latest" }, x_version: { version: "default" } } });
    expect(nameCollisions(config, "clusters[1]").map((i) => i.path)).toEqual([
      childPath(childPath("clusters[1]", "addons"), "a-b_version"),
      childPath(childPath("clusters[1]", "addons"), "x_version"),
    ]);
  });

  it("GIVEN node groups sharing one role THEN that is one role, not a collision", () => {
    expect(nameCollisions(withRoles({ name: "r" }, { name: "r" }, { arn: `arn:aws:iam::${ACCOUNT}:role/r` }), "")).toEqual([]);
  });

  it("GIVEN a role R and a role R_AmazonEKS_CNI_Policy THEN no collision: role and policy attachment are different types", () => {
    // aws_iam_role.node_role_R_AmazonEKS_CNI_Policy beside aws_iam_role_policy_attachment.node_role_R_AmazonEKS_CNI_Policy
    const config = withRoles({ name: "R" }, { name: "R_AmazonEKS_CNI_Policy" });
    expect(nameCollisions(config, "")).toEqual([]);
    const synthesized = addresses(synthCluster(config));
    expect(synthesized).toEqual(expect.arrayContaining(["aws_iam_role.node_role_R_AmazonEKS_CNI_Policy", "aws_iam_role_policy_attachment.node_role_R_AmazonEKS_CNI_Policy"]));
  });

  it("GIVEN node group n with a launch template and node group n_launch_template THEN no collision: different types", () => {
    const config = clusterConfig({
      nodeGroups: [nodeGroupSettings({ name: "n", imds: { hopLimit: 2 } }), nodeGroupSettings({ name: "n_launch_template" })],
    });
    expect(nameCollisions(config, "")).toEqual([]);
    expect(addresses(synthCluster(config))).toEqual(
      expect.arrayContaining(["aws_launch_template.node_group_n_launch_template", "aws_eks_node_group.node_group_n_launch_template"]),
    );
  });

  it("GIVEN two principals with one account, type and last name part THEN their access entries get one construct ID", () => {
    const config = withEntries(entry(`arn:aws:iam::${ACCOUNT}:role/team-a/admin`), entry(`arn:aws:iam::${ACCOUNT}:role/team-b/admin`));
    expect(nameCollisions(config, "")).toEqual([
      {
        path: "access.entries[1].principalArn",
        value: `arn:aws:iam::${ACCOUNT}:role/team-b/admin`,
        rule: `gets the same construct ID (access/${ACCOUNT}_role_admin) as access.entries[0].principalArn ("arn:aws:iam::${ACCOUNT}:role/team-a/admin"): access entries are named access_<account>_<role or user>_<last part of the name>`,
        fix: "two principals named this alike cannot both have an access entry: give one of them access through the other, or a role of another name",
      },
    ]);
    expect(() => synthCluster(config)).toThrow(/There is already a Construct/);
  });

  it("GIVEN the same principal in two partitions THEN their entries collide", () => {
    const config = withEntries(entry(`arn:aws:iam::${ACCOUNT}:role/admin`), entry(`arn:aws-cn:iam::${ACCOUNT}:role/admin`));
    expect(nameCollisions(config, "").map((i) => i.path)).toEqual(["access.entries[1].principalArn"]);
  });

  it("GIVEN principal names alike but for . and _ THEN their entries get one Terraform name", () => {
    const config = withEntries(entry(`arn:aws:iam::${ACCOUNT}:role/a.b`), entry(`arn:aws:iam::${ACCOUNT}:role/a_b`));
    const [issue] = nameCollisions(config, "");
    expect(issue.rule).toMatch(/^gets the same Terraform name \(aws_eks_access_entry\.access_111122223333_role_a_b\) as access\.entries\[0\]\.principalArn/);
    expect(issue.rule).toMatch(/Terraform names allow only letters, digits, _ and -$/);
    expect(() => synthCluster(config)).toThrow(/access_111122223333_role_a_b.*claimed by both/);
  });

  it("GIVEN a principal named like another's policy association THEN the entry and the association get one construct ID", () => {
    const config = withEntries(entry(`arn:aws:iam::${ACCOUNT}:role/admin`), entry(`arn:aws:iam::${ACCOUNT}:role/admin_AmazonEKSViewPolicy`));
    expect(nameCollisions(config, "")).toEqual([
      expect.objectContaining({
        path: "access.entries[1].principalArn",
        rule: expect.stringMatching(
          /^gets the same construct ID \(access\/111122223333_role_admin_AmazonEKSViewPolicy\) as access\.entries\[0\]\.policies\[0\]\.policy \("AmazonEKSViewPolicy"\)/,
        ),
      }),
    ]);
    expect(() => synthCluster(config)).toThrow(/There is already a Construct/);
  });

  it("GIVEN add-on x at latest and add-on x_version THEN the add-on and x's version lookup get one construct ID; pinned x is fine", () => {
    const config = clusterConfig({ addons: { kubecost_kubecost: { version: "latest" }, kubecost_kubecost_version: { version: "default" } } });
    expect(nameCollisions(config, "")).toEqual([
      {
        path: "addons.kubecost_kubecost_version",
        value: { version: "default" },
        rule: 'gets the same construct ID (addons/kubecost_kubecost_version) as addons.kubecost_kubecost.version ("latest"): add-ons are named addons_<name>; an add-on at latest reads its version with a lookup named kubecost_kubecost_version',
        fix: "leave out one of the add-ons",
      },
    ]);
    expect(() => synthCluster(config)).toThrow(/There is already a Construct/);
    const pinned = clusterConfig({ addons: { kubecost_kubecost: { version: "v2.1.0-eksbuild.1" }, kubecost_kubecost_version: { version: "default" } } });
    expect(nameCollisions(pinned, "")).toEqual([]);
    expect(() => synthCluster(pinned)).not.toThrow();
  });

  it("GIVEN exact duplicates (rules.ts reports them as such) THEN they are not reported again", () => {
    const config = clusterConfig({
      nodeGroups: [nodeGroupSettings({ name: "a" }), nodeGroupSettings({ name: "a" })],
      access: { authenticationMode: "API", clusterCreatorAdmin: true, entries: [entry(`arn:aws:iam::${ACCOUNT}:role/x`, [...view, ...view]), entry(`arn:aws:iam::${ACCOUNT}:role/x`)] },
    });
    expect(nameCollisions(config, "")).toEqual([]);
  });

  it("GIVEN an invalid, partial config THEN values of the wrong type or shape are skipped", () => {
    const config = {
      nodeGroups: [null, 3, { name: 7, role: { name: ["x"] } }, { name: "a", role: "r" }, { role: { arn: null } }],
      access: { entries: [{ principalArn: "not-an-arn" }, { principalArn: `arn:aws:iam::${ACCOUNT}:role/` }, 4, { policies: "x" }] },
      addons: { "vpc-cni": null, coredns: "latest", x: { version: 1 } },
    };
    expect(nameCollisions(config, "")).toEqual([]);
    expect(nameCollisions(undefined, "")).toEqual([]);
    expect(nameCollisions("x", "")).toEqual([]);
  });

  it("GIVEN null-prototype objects with prototype-named keys THEN they are ordinary keys and collide as any other", () => {
    const config = nullPrototype({ ...withRoles({ name: "constructor" }, { name: "__proto__" }), addons: { constructor: { version: "latest" }, constructor_version: {} } });
    expect(Object.getPrototypeOf(config)).toBeNull();
    expect(nameCollisions(config, "").map((i) => i.path)).toEqual(["addons.constructor_version"]);
  });
});

describe("unsupportedKeys", () => {
  it("GIVEN __proto__ as a tag or label key THEN each is reported; constructor, toString and the like are fine", () => {
    const config = nullPrototype({
      // ["__proto__"]: a computed key is an own key; `__proto__: "z"` in a literal would set the prototype
      tags: { constructor: "x", toString: "y", ["__proto__"]: "z" },
      nodeGroups: [{ name: "a", tags: { ["__proto__"]: "t", valueOf: "v" }, labels: { ["__proto__"]: "l", hasOwnProperty: "h" } }],
    });
    const issues = unsupportedKeys(config, "clusters[0]");
    // paths as the schema writes them (schema-parts' childPath): __proto__ is an identifier
    expect(issues.map((i) => i.path)).toEqual(["clusters[0].tags.__proto__", "clusters[0].nodeGroups[0].tags.__proto__", "clusters[0].nodeGroups[0].labels.__proto__"]);
    expect(issues[0]).toEqual({
      path: "clusters[0].tags.__proto__",
      value: "__proto__",
      rule: 'is a tag key cdktf 0.21 cannot write: it copies every map into a plain JavaScript object, where "__proto__" sets the prototype instead of adding a key, so it would disappear from the Terraform without a word',
      fix: "rename the tag",
    });
    expect(unsupportedKeys(DEFAULT_CLUSTER, "")).toEqual([]);
  });

  it("GIVEN a __proto__ tag WHEN synthesized THEN cdktf drops it (why unsupportedKeys exists) while constructor and toString stay", () => {
    // If this starts failing, cdktf writes __proto__ keys now: drop the check.
    const tags = nullPrototype({ constructor: "x", toString: "y", ["__proto__"]: "z" });
    expect(Object.keys(tags)).toContain("__proto__");
    const tf = JSON.parse(Testing.synth(new ClusterStack(Testing.app(), clusterConfig({ tags }))));
    expect(Object.keys(tf.resource.aws_eks_cluster.cluster.tags).sort()).toEqual(["constructor", "toString"]);
  });
});

describe("unsupportedValues (the backend block, which Terraform's JSON syntax reads literally)", () => {
  it("GIVEN an S3 key holding a cdktf token marker THEN it is reported, and the stack refuses it", () => {
    const config = clusterConfig({ backend: { s3: { bucket: "acme-state", key: "eks/${TfToken[TOKEN.1]}" } } });
    expect(unsupportedValues(config, "")).toEqual([
      {
        path: "backend.s3.key",
        value: "eks/${TfToken[TOKEN.1]}",
        rule: 'holds "${TfToken[TOKEN.1]}", which cdktf 0.21 reads as one of its tokens; it goes into the backend block, where Terraform takes settings literally, so it cannot be escaped',
        fix: "change it (or, for the state key or bucket region, set backend.s3.key / backend.s3.region explicitly)",
      },
    ]);
    expect(() => synthCluster(config)).toThrow(/backend\.s3\.key .* cannot be escaped/);
  });

  it("GIVEN a cluster name holding a number that encodes a cdktf token THEN the name is reported where the state path uses it", () => {
    // "-8.109562212591601e+298"-like numbers: cdktf replaces them in any string by the token they encode
    const name = "x-8109562212591601e283";
    expect(cdktfMarker(name)).toBe("-8109562212591601e283");
    expect(unsupportedValues(clusterConfig({ name }), "").map((i) => i.path)).toEqual(["name"]);
    expect(unsupportedValues(clusterConfig({ name, backend: { s3: { bucket: "acme-state" } } }), "").map((i) => i.path)).toEqual(["name"]);
    expect(unsupportedValues(clusterConfig({ name, backend: { s3: { bucket: "acme-state", key: "k" } } }), "")).toEqual([]);
  });

  it("GIVEN ordinary backend settings and template-like text THEN nothing is reported: the backend writes them as they are", () => {
    expect(unsupportedValues(clusterConfig({ backend: { s3: { bucket: "acme-state", key: "a/${x}/%{y}/8e298", region: "eu-west-1" } } }), "")).toEqual([]);
    expect(unsupportedValues(DEFAULT_CLUSTER, "")).toEqual([]);
    expect(unsupportedValues(null, "")).toEqual([]);
  });
});
