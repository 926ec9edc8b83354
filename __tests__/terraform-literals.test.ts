/**
 * User strings reach Terraform literally: `terraformLiteral` (src/config/names.ts), applied once to the whole
 * configuration by ClusterStack, in cdk.tf.json and in the hand-off HCL, read back by Terraform itself (validate,
 * offline plan) and by @cdktf/hcl2json; and cdktf never takes a user string for one of its tokens.
 */
import * as fs from "fs";
import * as path from "path";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DefaultTokenResolver, StringConcat, TerraformStack, Testing, Token, Tokenization } from "cdktf";
import * as fc from "fast-check";
import { terraformLiteral, terraformLiterals } from "../src/config/names";
import { ClusterConfig } from "../src/config/schema";
import { backendSetting, ClusterStack, detachedClusterStack } from "../src/constructs/cluster-stack";
import { terraformStringExpression } from "../src/constructs/terraform-literal";
import { renderHandoffHcl } from "../src/output/handoff";
import { renderHcl } from "../src/output/hcl-render";
import { nodeGroupSettings, offlineClusterConfig } from "../test-support/synth";
import { describeWithTerraform, offlineCopy, workdir } from "../test-support/terraform";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: hcl2json } = require("@cdktf/hcl2json") as { parse: (file: string, hcl: string) => Promise<Record<string, any>> };

// ---- what Terraform reads: the template rules, written out independently of the implementation ----------------

/** The text a constant Terraform template (JSON syntax) reads as: `$${` -> `${`, `%%{` -> `%{`, `${""}` -> nothing. */
function templateText(template: string): string {
  let out = "";
  for (let i = 0; i < template.length; ) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += `${template[i]}{`;
      i += 3;
    } else if (template.startsWith('${""}', i)) i += 5;
    else if (template.startsWith("${", i) || template.startsWith("%{", i)) throw new Error(`an interpolation in ${JSON.stringify(template)} at ${i}`);
    else out += template[i++];
  }
  return out;
}

/** The text the content of an HCL quoted string reads as: its escapes, then the template rules (no interpolation). */
function hclStringText(content: string): string {
  let out = "";
  for (let i = 0; i < content.length; ) {
    const ch = content[i];
    if (ch === "\\") {
      const next = content[i + 1];
      const simple: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", r: "\r", t: "\t" };
      if (next in simple) {
        out += simple[next];
        i += 2;
      } else if (next === "u") {
        out += String.fromCharCode(parseInt(content.slice(i + 2, i + 6), 16));
        i += 6;
      } else throw new Error(`a bad escape in ${content}`);
    } else if (content.startsWith("$${", i) || content.startsWith("%%{", i)) {
      out += `${ch}{`;
      i += 3;
    } else if (content.startsWith("${", i) || content.startsWith("%{", i) || ch === '"' || ch === "\n") {
      throw new Error(`code in the HCL string ${JSON.stringify(content)} at ${i}`);
    } else out += content[i++];
  }
  return out;
}

// ---- cdktf: real token markers, to be sure a user string naming one is never resolved --------------------------

const oracle = new TerraformStack(Testing.app(), "oracle");
const partition = new DataAwsPartition(oracle, "p").partition;
/** A registered string token, `${TfToken[TOKEN.n]}`: cdktf would resolve it to `${data.aws_partition.p.partition}`. */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/.exec(partition)![0];
/** A registered number token as text, e.g. `-8.109562212591601e+298`. */
const NUMBER_TOKEN = String(Token.asNumber(partition));
/** What cdktf's resolution makes of a string (throws where cdktf throws). */
const resolveWithCdktf = (s: string): unknown => Tokenization.resolve(s, { scope: oracle, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

/** Strings that Terraform or cdktf would read as something else than their text. */
const HOSTILE: readonly string[] = [
  'a"b',
  "a\\b",
  "a\\\"b",
  "a\nb\r\n",
  "a\tb\u0001\u007f",
  "${1+1}",
  "%{ if true }x%{ endif }",
  "$${x}",
  "$$${x}",
  "$$$${x}",
  "%%{x}",
  "$",
  "${",
  "}",
  "ü€😀",
  "a\u2028b\u202ec\u0085", // a line separator, a bidi override, a C1 control: escaped in HCL, where they would break or hide a line
  STRING_TOKEN,
  `$${STRING_TOKEN}`,
  `x${STRING_TOKEN}y`,
  STRING_TOKEN.replace("$", "#"),
  STRING_TOKEN.replace("$", "&"),
  NUMBER_TOKEN,
  NUMBER_TOKEN.slice(1),
  `eks-${NUMBER_TOKEN.slice(1)}-`,
  "String Map Token Value",
  "Any Map Token Value",
  "_children",
  "[x]",
  "{x}",
  "123",
];

describe("terraformLiteral", () => {
  it.each([
    ["${1+1}", "$${1+1}"],
    ["%{ if true }x%{ endif }", "%%{ if true }x%%{ endif }"],
    ["$${x}", "$$${x}"],
    ["$$${x}", "$$$${x}"],
    ["%%{x}", "%%%{x}"],
    ["$x and %y and }{", "$x and %y and }{"],
    ["8e298 x-8e298 1e5", "8e298 x-8e298 1e5"],
  ])("GIVEN %j THEN JSON gets %j", (raw, json) => {
    expect(terraformLiteral(raw)).toBe(json);
    expect(templateText(json)).toBe(raw);
  });

  it("GIVEN cdktf's markers THEN they are split: ${\"\"} in JSON, a \\u escape in HCL", () => {
    expect(terraformLiteral("${TfToken[TOKEN.1]}")).toBe('$${Tf${""}Token[TOKEN.1]}');
    expect(terraformLiteral("${TfToken[TOKEN.1]}", "hcl")).toBe("$${\\u0054fToken[TOKEN.1]}");
    expect(terraformLiteral("-8.109562212591601e+298")).toBe('-8.109562212591601e${""}+298');
    expect(terraformLiteral("-8.109562212591601e+298", "hcl")).toBe("-8.109562212591601\\u0065+298");
    expect(terraformLiteral("_children")).toBe('_${""}children');
    expect(terraformLiteral('a"b\\c\nd', "hcl")).toBe('a\\"b\\\\c\\nd');
    expect(terraformLiteral("a\u2028b\u202ec", "hcl")).toBe("a\\u2028b\\u202ec");
  });

  it("GIVEN names the schema accepts THEN nothing changes (construct IDs and addresses stay)", () => {
    for (const name of ["simple-bank", "simple-bank-eks-node", "eks.nodes+x=y,z@w", "kubecost_kubecost", "arn:aws:iam::111122223333:role/a/b", "8e298"]) {
      expect([terraformLiteral(name), terraformLiteral(name, "hcl")]).toEqual([name, name]);
    }
  });

  const text = fc
    .array(
      fc.oneof(
        fc.constantFrom("$", "%", "{", "}", "${", "%{", "$${", "%%{", '"', "\\", "\n", "\t", "e", "-", "+", ".", "_children", "TfToken[", "]}", "#", "&"),
        fc.constantFrom(STRING_TOKEN, NUMBER_TOKEN, NUMBER_TOKEN.slice(1), "String Map Token Value"),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(""));

  it("GIVEN any text THEN Terraform reads the JSON literal and the HCL literal back as that text", () => {
    fc.assert(
      fc.property(text, (raw) => {
        expect(templateText(terraformLiteral(raw))).toBe(raw);
        expect(hclStringText(terraformLiteral(raw, "hcl"))).toBe(raw);
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN any text THEN cdktf's resolution leaves its literal as it is (no reference, no error)", () => {
    fc.assert(
      fc.property(text, (raw) => {
        for (const literal of [terraformLiteral(raw), terraformLiteral(raw, "hcl")]) expect(resolveWithCdktf(literal)).toBe(literal);
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN the raw text instead THEN cdktf turns markers into an unrelated reference or throws (why the escape exists)", () => {
    expect(resolveWithCdktf(STRING_TOKEN)).toBe("${data.aws_partition.p.partition}");
    expect(resolveWithCdktf(`$${STRING_TOKEN}`)).toBe("$${data.aws_partition.p.partition}");
    expect(resolveWithCdktf(NUMBER_TOKEN)).toBe("${data.aws_partition.p.partition}");
    expect(() => resolveWithCdktf(STRING_TOKEN.replace("$", "#"))).toThrow(/encoded list token/);
    expect(() => resolveWithCdktf("String Map Token Value")).toThrow(/encoded map token/);
  });

  it("GIVEN a config THEN terraformLiterals escapes every string, keys included, into null-prototype objects", () => {
    const config = terraformLiterals({ tags: { "${k}": "${v}", constructor: "c" }, list: ["%{x}"], n: 1, b: true, z: null });
    expect(Object.getPrototypeOf(config.tags)).toBeNull();
    expect(config).toEqual({ tags: { "$${k}": "$${v}", constructor: "c" }, list: ["%%{x}"], n: 1, b: true, z: null });
  });

  it("GIVEN literal text inside jsonencode() THEN it is written as a quoted HCL string, escaped once", () => {
    const stack = new TerraformStack(Testing.app(), "fn");
    const raw = `a"b\${x}${NUMBER_TOKEN}`;
    const expression = Tokenization.resolve(terraformStringExpression(raw), { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(expression).toBe(`"${terraformLiteral(raw, "hcl")}"`);
  });
});

// ---- a stack with hostile strings in every string the configuration has ---------------------------------------

/** Tag keys that are not identifiers, prototype names, cdktf's and HCL's own words, and every hostile string. */
const HOSTILE_KEYS = [
  "a b",
  "team/x",
  "kubernetes.io/role",
  "//",
  "for",
  "-x",
  "constructor",
  "toString",
  "value",
  "dynamic",
  "_metadata",
  "withinArray",
  "interpolationAsList",
  "length",
  "0",
  ...HOSTILE.filter((s) => s !== ""),
];
const hostileMap = (prefix: string) => Object.fromEntries(HOSTILE_KEYS.map((k, i) => [k, `${prefix}${HOSTILE[i % HOSTILE.length]}`]));

/** Offline-plannable (explicit subnets, pinned add-ons): hostile strings wherever the provider takes any string. */
const PLANNABLE: ClusterConfig = offlineClusterConfig({
  tags: hostileMap(""),
  nodeGroups: [
    nodeGroupSettings({
      tags: { ...hostileMap("group:"), "${1+1}": "group wins" },
      labels: hostileMap("label:"),
      taints: [{ key: 'k"${x}', value: "%{v}\\", effect: "NO_SCHEDULE" }],
      remoteAccess: { sshKeyName: `ssh ${STRING_TOKEN} "key"\n$\${x}` },
    }),
  ],
});

/** Everywhere else too (validated, not planned: the provider checks some of these values). */
const EVERYWHERE: ClusterConfig = {
  ...PLANNABLE,
  clusterRole: { name: 'role"${x}' },
  network: { securityGroupIds: ["sg-${x}"], subnetIds: ["subnet-%{a}", `subnet-${STRING_TOKEN}`], serviceIpv4Cidr: "10.0.0.0/16${x}" },
  endpoint: { access: "public-and-private", publicAccessCidrs: ["0.0.0.0/0${x}"] },
  secretsEncryption: { kmsKeyArn: `arn:aws:kms:us-east-1:111122223333:alias/a"b\${x}${NUMBER_TOKEN}` },
  addons: { "vpc-cni": { version: "v1${x}" }, coredns: { version: "latest" } },
  nodeGroups: [{ ...PLANNABLE.nodeGroups[0], role: { name: "nodes${x}" }, subnetIds: ["subnet-${y}"], instanceTypes: ["t3.${x}"] }],
  backend: { s3: { bucket: "acme-state", key: 'eks/${x}/%{y}/"k"\\{z}', region: "eu-west-1" } },
};

/** Every string in a Terraform JSON value, with its path. */
function strings(value: unknown, at = ""): [string, string][] {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => [[`${at}{key}`, k] as [string, string], ...strings(v, `${at}.${k}`)]);
  return [];
}

describe("GIVEN hostile strings in every string of the configuration", () => {
  const tf = detachedClusterStack(EVERYWHERE).toTerraform() as Record<string, any>;
  const eks = tf.resource.aws_eks_cluster.cluster;
  const group = tf.resource.aws_eks_node_group["node_group_simple-bank"];
  const lit = (s: string) => terraformLiteral(s);
  const litMap = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [lit(k), lit(v)]));

  it("WHEN synthesized THEN cdk.tf.json holds each as its literal, tags and labels keys included", () => {
    for (const type of ["aws_eks_cluster", "aws_iam_role", "aws_eks_addon"]) {
      for (const r of Object.values<any>(tf.resource[type])) expect(r.tags).toEqual(litMap(EVERYWHERE.tags));
    }
    expect(group.tags).toEqual(litMap({ ...EVERYWHERE.tags, ...EVERYWHERE.nodeGroups[0].tags }));
    expect(group.tags[lit("${1+1}")]).toBe("group wins");
    expect(group.labels).toEqual(litMap(EVERYWHERE.nodeGroups[0].labels));
    expect(group.taint).toEqual([{ key: lit('k"${x}'), value: lit("%{v}\\"), effect: "NO_SCHEDULE" }]);
    expect(group.remote_access.ec2_ssh_key).toBe(lit(EVERYWHERE.nodeGroups[0].remoteAccess!.sshKeyName));
    expect(group.subnet_ids).toEqual(["subnet-$${y}"]);
    expect(group.instance_types).toEqual(["t3.$${x}"]);
    expect(tf.resource.aws_iam_role.cluster_role.name).toBe('role"$${x}');
    expect(Object.values<any>(tf.resource.aws_iam_role).map((r) => r.name).sort()).toEqual(['nodes$${x}', 'role"$${x}']);
    expect(eks.vpc_config).toMatchObject({
      security_group_ids: ["sg-$${x}"],
      subnet_ids: ["subnet-%%{a}", lit(`subnet-${STRING_TOKEN}`)],
      public_access_cidrs: ["0.0.0.0/0$${x}"],
    });
    expect(eks.kubernetes_network_config.service_ipv4_cidr).toBe("10.0.0.0/16$${x}");
    expect(eks.encryption_config.provider.key_arn).toBe(lit(EVERYWHERE.secretsEncryption!.kmsKeyArn!));
    expect(tf.resource.aws_eks_addon["addons_vpc-cni"].addon_version).toBe("v1$${x}");
  });

  it("THEN no user string became a reference: every interpolation is the empty one or ours", () => {
    const ours = /^(""|(data\.)?aws_[\w.-]+(\[\d+\][\w.-]*)*|jsonencode\(.*\))$/s;
    const { backend, ...terraformBlock } = tf.terraform;
    expect(backend).toBeDefined(); // literal by design: see the backend tests
    for (const [at, s] of strings({ ...tf, terraform: terraformBlock })) {
      for (const m of s.matchAll(/(?<!\$)\$\{((?:[^{}"]|"(?:[^"\\]|\\.)*"|\{[^{}]*\})*)\}/g)) expect([at, m[1]]).toEqual([at, expect.stringMatching(ours)]);
    }
  });

  it("THEN the key policy's jsonencode() holds the given ARN as a quoted HCL string", () => {
    expect(tf.resource.aws_iam_role_policy.cluster_role_secrets_encryption.policy).toContain(`"Resource" = "${terraformLiteral(EVERYWHERE.secretsEncryption!.kmsKeyArn!, "hcl")}"`);
  });

  it("THEN the backend, which Terraform reads literally in JSON, holds the settings as given", () => {
    expect(tf.terraform.backend.s3).toMatchObject({ bucket: "acme-state", key: 'eks/${x}/%{y}/"k"\\{z}', region: "eu-west-1" });
  });

  it("THEN a backend setting cdktf would read as a token is refused (JSON reads the backend literally: no escape)", () => {
    expect(() => backendSetting(`eks/${STRING_TOKEN}`, "backend.s3.key")).toThrow(/cannot be escaped/);
    expect(backendSetting("[x]", "k")).toBe("[x]");
  });

  it("WHEN rendered as the hand-off THEN hcl2json reads every tag, label and value as cdk.tf.json has it", async () => {
    // GIVEN
    const hcl = renderHandoffHcl(EVERYWHERE);
    // WHEN
    const read = await hcl2json("main.tf", hcl);
    // THEN: hcl2json writes JSON templates (`$${`), folding constant interpolations: compare what Terraform reads
    const text = (value: any): any =>
      typeof value === "string"
        ? templateText(value)
        : Array.isArray(value)
          ? value.map(text)
          : value && typeof value === "object"
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [templateText(k), text(v)]))
            : value;
    const hclGroup = read.resource.aws_eks_node_group["node_group_simple-bank"][0];
    const hclEks = read.resource.aws_eks_cluster.cluster[0];
    expect(text(hclEks.tags)).toEqual(EVERYWHERE.tags);
    expect(text(hclEks.tags)).toEqual(text(eks.tags));
    expect(text(hclGroup.tags)).toEqual(text(group.tags));
    expect(text(hclGroup.labels)).toEqual(EVERYWHERE.nodeGroups[0].labels);
    expect(text(hclGroup.taint)).toEqual([{ key: 'k"${x}', value: "%{v}\\", effect: "NO_SCHEDULE" }]);
    expect(text(hclGroup.remote_access[0].ec2_ssh_key)).toBe(EVERYWHERE.nodeGroups[0].remoteAccess!.sshKeyName);
    expect(text(hclEks.vpc_config[0].subnet_ids)).toEqual(EVERYWHERE.network.subnetIds);
    expect(text(hclEks.encryption_config[0].provider[0].key_arn)).toBe(EVERYWHERE.secretsEncryption!.kmsKeyArn);
    expect(text(read.terraform[0].backend.s3[0].key)).toBe(EVERYWHERE.backend!.s3!.key);
    expect(Object.keys(read.output.node_group_arns[0].value)).toEqual(["simple-bank"]);
  });

  it("WHEN node groups are named for, value and dynamic THEN the hand-off outputs map them as cdk.tf.json does", async () => {
    const config = { ...PLANNABLE, nodeGroups: ["for", "value", "dynamic", "constructor"].map((name) => nodeGroupSettings({ name })) };
    const read = await hcl2json("main.tf", renderHandoffHcl(config));
    const json = detachedClusterStack(config).toTerraform() as Record<string, any>;
    expect(read.output.node_group_arns[0].value).toEqual(json.output.node_group_arns.value);
  });
});

describeWithTerraform("Terraform reads the literals", (terraform) => {
  /** The offline provider settings (mock keys, no AWS calls), for a test's copy of the hand-off only. */
  const OFFLINE_PROVIDER = [
    '  access_key                  = "mock-access-key"',
    '  secret_key                  = "mock-secret-key"',
    "  skip_credentials_validation = true",
    "  skip_requesting_account_id  = true",
    "  skip_metadata_api_check     = true",
    "  skip_region_validation      = true",
  ].join("\n");

  /**
   * cdk.tf.json and the hand-off of one config as the modules `json` and `hcl` of one scratch root, so the provider's
   * schema loads once for both (~5 s a Terraform process). Modules take no backend: cut from both. The hand-off as
   * written is also kept, outside the modules, as `handoff.tf` for `terraform fmt`.
   */
  function bothAsModules(config: ClusterConfig, offline: boolean): string {
    const synthesized = JSON.stringify(detachedClusterStack(config).toTerraform());
    const json = JSON.parse(offline ? offlineCopy(synthesized) : synthesized);
    delete json.terraform.backend;
    const hcl = renderHandoffHcl(config);
    const module = hcl.replace(/\n  backend "\w+" \{\n[\s\S]*?\n  \}\n/, "\n");
    return workdir({
      "main.tf": 'module "json" {\n  source = "./json"\n}\n\nmodule "hcl" {\n  source = "./hcl"\n}\n',
      "json/cdk.tf.json": JSON.stringify(json),
      "hcl/main.tf": offline ? module.replace('\nprovider "aws" {\n', `\nprovider "aws" {\n${OFFLINE_PROVIDER}\n`) : module,
      "handoff/main.tf": hcl,
    });
  }

  describe("GIVEN hostile strings WHEN cdk.tf.json and the hand-off are validated and planned offline", () => {
    type Plan = { resource_changes: { address: string; change: { after: Record<string, any> } }[] };
    let dir = "";
    let plan: Plan;
    beforeAll(() => {
      dir = bothAsModules(PLANNABLE, true);
      terraform.init(dir);
      terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
      plan = JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"]));
    });
    const after = (address: string) => plan.resource_changes.find((r) => r.address === address)!.change.after;

    it("THEN Terraform accepts both, without a warning, and the hand-off is formatted", () => {
      expect(terraform.validate(dir)).toMatchObject({ valid: true, diagnostics: [] });
      expect(terraform.run(dir, ["fmt", "-check", "-diff", "-no-color", "handoff/main.tf"])).toMatchObject({ code: 0, stdout: "" });
    });

    it.each(["json", "hcl"])("THEN the %s plan holds the user's text exactly (tags, keys included, labels, taints, SSH key): ${1+1} stays ${1+1}", (module) => {
      const group = PLANNABLE.nodeGroups[0];
      expect(after(`module.${module}.aws_eks_cluster.cluster`).tags).toEqual(PLANNABLE.tags);
      expect(after(`module.${module}.aws_iam_role.cluster_role`).tags).toEqual(PLANNABLE.tags);
      const nodes = after(`module.${module}.aws_eks_node_group.node_group_simple-bank`);
      expect(nodes.tags).toEqual({ ...PLANNABLE.tags, ...group.tags });
      expect(nodes.tags["${1+1}"]).toBe("group wins");
      expect(nodes.labels).toEqual(group.labels);
      expect(nodes.taint).toEqual([{ key: 'k"${x}', value: "%{v}\\", effect: "NO_SCHEDULE" }]);
      expect(nodes.remote_access[0].ec2_ssh_key).toBe(group.remoteAccess!.sshKeyName);
    });
  });

  it("GIVEN hostile strings everywhere WHEN cdk.tf.json and the hand-off are validated THEN the only complaints are IAM's name rule, about the literal names", () => {
    // The provider checks IAM role names itself: that it sees `role"${x}` and `nodes${x}` as text is the point.
    const dir = bothAsModules(EVERYWHERE, false);
    terraform.init(dir);
    const result = terraform.validate(dir);
    const complaints = result.diagnostics.map((d) => `${(d as { address?: string }).address}: ${d.summary}`).sort();
    expect(complaints).toEqual(
      ["hcl", "json"].flatMap((module) => [
        `module.${module}.aws_iam_role.cluster_role: invalid value for name (must match [\\w+=,.@-])`,
        `module.${module}.aws_iam_role.node_role_nodes___x_: invalid value for name (must match [\\w+=,.@-])`,
      ]),
    );
  });

  /** Applies a configuration of nothing but `terraform {}` settings and returns the state files it made. */
  function stateFiles(files: Record<string, string>): string[] {
    const dir = workdir(files);
    terraform.init(dir, { backend: true });
    terraform.ok(dir, ["apply", "-input=false", "-auto-approve", "-no-color"]);
    return fs.readdirSync(dir).filter((f) => f.endsWith(".tfstate"));
  }

  const STATE = 'st$${x}%%{y}"q\\z.tfstate';

  it("GIVEN $${ in the backend block THEN JSON reads it literally and HCL as a template: the stack and its HCL rendering each end up at the path", () => {
    // Terraform's own behaviour
    expect(stateFiles({ "main.tf.json": JSON.stringify({ terraform: { backend: { local: { path: STATE } } } }) })).toEqual([STATE]);
    expect(stateFiles({ "main.tf": 'terraform {\n  backend "local" {\n    path = "h$${x}%%{y}.tfstate"\n  }\n}\n' })).toEqual(["h${x}%{y}.tfstate"]);
    // what the stack writes for a state path, in each syntax, ends up as that path
    const terraformBlock = (syntax: "json" | "hcl"): Record<string, string> => {
      const stack = detachedClusterStack(offlineClusterConfig(), { localStatePath: STATE });
      const block = { terraform: { backend: (stack.toTerraform() as any).terraform.backend } };
      return syntax === "json" ? { "main.tf.json": JSON.stringify(block) } : { "main.tf": renderHcl(block) };
    };
    expect(stateFiles(terraformBlock("json"))).toEqual([STATE]);
    expect(stateFiles(terraformBlock("hcl"))).toEqual([STATE]);
  });

  it("GIVEN $${ in required_providers THEN JSON reads it literally and HCL as a template (we write only our own there)", () => {
    const source = (files: Record<string, string>) => {
      const dir = workdir(files);
      return /Invalid provider type "([^"]*)"/.exec(terraform.run(dir, ["validate", "-no-color"]).stderr)?.[1];
    };
    expect(source({ "main.tf.json": JSON.stringify({ terraform: { required_providers: { x: { source: "hashicorp/x$${y}" } } } }) })).toBe("x$${y}");
    expect(source({ "main.tf": 'terraform {\n  required_providers {\n    x = { source = "hashicorp/x$${y}" }\n  }\n}\n' })).toBe("x${y}");
  });
});

describe("ClusterStack", () => {
  it("GIVEN the walk-through WHEN synthesized THEN the stack is as before (the literals of plain text are that text)", () => {
    const synthesized = Testing.synth(new ClusterStack(Testing.app(), offlineClusterConfig({ tags: { team: "payments", "cost-center": "42" } })));
    expect(JSON.parse(synthesized).resource.aws_eks_cluster.cluster.tags).toEqual({ team: "payments", "cost-center": "42" });
  });

  it("GIVEN the examples THEN none holds a string the literals change", () => {
    const examples = path.resolve(__dirname, "..", "examples");
    for (const file of fs.readdirSync(examples)) {
      const text = fs.readFileSync(path.join(examples, file), "utf8");
      expect([file, /\$\{|%\{|TfToken/.test(text)]).toEqual([file, false]);
    }
  });
});
