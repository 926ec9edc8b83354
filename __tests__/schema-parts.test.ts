import { ConfigError, resolveClusters, resolveParsed } from "../src/config/load";
import { clusterSchema } from "../src/config/schema";
import { Issue, merge, record, string, validate } from "../src/config/schema-parts";

/** The problems of a config, or [] when it is accepted. */
function problems(raw: unknown): Issue[] {
  try {
    resolveParsed(raw, "test");
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
}

/** A plain object built the way the parsers build one: every key an own data property, with no prototype. */
function own(entries: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(entries)) out[k] = v;
  return out;
}

describe("schema on valibot: keys that are Object.prototype names", () => {
  const prototypeNames = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "prototype"];

  it.each(prototypeNames)("GIVEN the key %s at the top, in a node group and in an object WHEN validated THEN each is an unknown key", (key) => {
    // GIVEN
    const raw = own({ [key]: 1, nodeGroups: [own({ name: "a", [key]: 2 })], endpoint: own({ [key]: 3 }) });
    // WHEN
    const found = problems(raw);
    // THEN
    const suffix = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    const top = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
    expect(found.map((p) => [p.path, p.rule])).toEqual(
      expect.arrayContaining([
        [top, "is not a known key"],
        [`nodeGroups[0]${suffix}`, "is not a known key of nodeGroups[0]"],
        [`endpoint${suffix}`, "is not a known key of endpoint"],
      ]),
    );
  });

  it("GIVEN tags and labels named like Object.prototype members WHEN loaded THEN they are ordinary keys with their values", () => {
    // GIVEN
    const tags = JSON.parse('{"constructor": "b", "toString": "c", "hasOwnProperty": "d"}');
    const labels = own({ constructor: "x", valueOf: "y" });
    // WHEN
    const { clusters } = resolveClusters(own({ tags, nodeGroups: [own({ name: "g", labels })] }), "test");
    // THEN
    const cluster = clusters[0];
    expect(Object.keys(cluster.tags)).toEqual(["constructor", "toString", "hasOwnProperty"]);
    expect(cluster.tags.constructor).toBe("b");
    expect({ ...cluster.nodeGroups[0].labels }).toEqual({ constructor: "x", valueOf: "y" });
  });

  it("GIVEN a tag key __proto__ WHEN loaded THEN it is refused with the reason (cdktf would drop it), never dropped in silence", () => {
    // GIVEN / WHEN
    const found = problems(JSON.parse('{"tags": {"__proto__": "a", "team": "b"}}'));
    // THEN
    expect(found).toEqual([expect.objectContaining({ path: "tags.__proto__", rule: expect.stringMatching(/cdktf 0.21 cannot write/), fix: "rename the tag" })]);
  });

  it("GIVEN an add-on and a cluster named constructor WHEN loaded THEN the add-on is completed from the entry base", () => {
    // GIVEN / WHEN
    const { clusters } = resolveClusters(own({ name: "constructor", addons: own({ constructor: own({}) }) }), "test");
    // THEN
    expect(clusters[0].name).toBe("constructor");
    expect(Object.getOwnPropertyDescriptor(clusters[0].addons, "constructor")?.value).toEqual({ version: "latest" });
  });

  it("GIVEN a map schema WHEN a key __proto__ is validated THEN valibot's record would drop it, ours keeps it", () => {
    // GIVEN
    const map = record(string({ description: "k" }), string({ description: "v" }), { description: "m" });
    // WHEN
    const { value } = validate(map, JSON.parse('{"__proto__": "kept"}'), "m");
    // THEN
    expect(Object.keys(value ?? {})).toEqual(["__proto__"]);
  });

  it("GIVEN a merge of a given __proto__ key onto the defaults WHEN merged THEN no prototype changes", () => {
    // GIVEN
    const given = JSON.parse('{"tags": {"__proto__": {"polluted": "yes"}}}');
    // WHEN
    const merged = merge(clusterSchema, { tags: {} }, given) as { tags: object };
    // THEN
    expect(Object.getPrototypeOf(merged.tags)).toBe(Object.prototype);
    expect(Object.keys(merged.tags)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("schema on valibot: every problem at once, in words", () => {
  it("GIVEN clusters: [null] WHEN loaded THEN the entry must be an object", () => {
    expect(problems({ clusters: [null] })).toEqual([
      expect.objectContaining({ path: "clusters[0]", value: null, rule: "must be an object (key: value pairs), not null" }),
    ]);
  });

  it("GIVEN non-finite numbers WHEN validated THEN the rule says Infinity or NaN", () => {
    // GIVEN / WHEN
    const found = problems({ nodeGroups: [{ name: "a", diskSize: Infinity, scaling: { minSize: NaN, maxSize: -Infinity, desiredSize: 1 } }] });
    // THEN
    expect(found.map((p) => p.rule)).toEqual(
      expect.arrayContaining([
        "must be a whole number, not the number Infinity",
        "must be a whole number, not the number NaN",
        "must be a whole number, not the number -Infinity",
      ]),
    );
  });

  it("GIVEN three unknown keys in one object WHEN validated THEN all three are reported, not only the first", () => {
    const found = problems({ endpoint: { acess: "private", publicAccesCidrs: [], zzz: 1 } });
    expect(found.map((p) => [p.path, p.fix])).toEqual([
      ["endpoint.acess", "did you mean `access`?"],
      ["endpoint.publicAccesCidrs", "did you mean `publicAccessCidrs`?"],
      ["endpoint.zzz", "use one of access, publicAccessCidrs"],
    ]);
  });

  it("GIVEN a megabyte-long unknown key WHEN validated THEN it gets no suggestion (edit distance is not computed on it)", () => {
    const key = "a".repeat(1024 * 1024);
    const found = problems({ [key]: 1 });
    expect(found).toHaveLength(1);
    expect(found[0].fix).toMatch(/^use one of name, region/);
  });

  it("GIVEN a role with both name and an invalid arn WHEN validated THEN both the arn and the exactly-one-of rule are reported", () => {
    const found = problems({ clusterRole: { name: "a", arn: "b" } });
    expect(found.map((p) => p.path)).toEqual(["clusterRole.arn", "clusterRole"]);
    expect(found[1].rule).toBe("must have exactly one of name, arn, not name and arn");
  });

  it("GIVEN a region the schema rejects WHEN a KMS key names another region THEN only the region is reported (rules skip rejected values)", () => {
    // GIVEN
    const raw = { region: "Mars", secretsEncryption: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } };
    // WHEN
    const found = problems(raw);
    // THEN
    expect(found.map((p) => p.path)).toEqual(["region"]);
  });

  it("GIVEN an invalid AMI type and an Arm instance type WHEN validated THEN no architecture rule reasons from the bad AMI type", () => {
    const found = problems({ nodeGroups: [{ name: "a", amiType: "AL2023_FOO", instanceTypes: ["m7g.large"] }] });
    expect(found.map((p) => p.path)).toEqual(["nodeGroups[0].amiType"]);
  });
});

describe("schema on valibot: what AWS accepts and the old schema refused", () => {
  it("GIVEN an AWS Marketplace add-on and the European Sovereign Cloud region WHEN loaded THEN both are accepted", () => {
    const { clusters } = resolveClusters({ region: "eusc-de-east-1", addons: { kubecost_kubecost: {} } }, "test");
    expect(clusters[0].region).toBe("eusc-de-east-1");
    expect(clusters[0].addons.kubecost_kubecost).toEqual({ version: "latest" });
  });

  it.each(["us-east-1", "us-gov-west-1", "cn-north-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "ap-southeast-7", "eusc-de-east-1"])(
    "GIVEN region %s WHEN loaded THEN it is accepted",
    (region) => {
      expect(problems({ region })).toEqual([]);
    },
  );
});
