/**
 * fast-check generators for the property suites (`__tests__/config-properties.test.ts`,
 * `__tests__/properties-terraform.test.ts`):
 *
 * - valid cluster configurations built from the schema's rules (docs/config-reference.md), partial as config files
 *   are (every key may be left to its default), with hostile but legal strings where the schema allows any text
 *   (tags, SSH key names, S3 state keys, waiver reasons: template markers, quotes, controls, bidi, separators, lone
 *   surrogates, cdktf's token markers) and prototype names where names are free (tag and label keys, add-ons, node
 *   group, cluster and role names; `__proto__` only where the loader keeps it);
 * - configurations with names that collide once sanitized into Terraform names;
 * - hostile mutations of valid configurations: wrong types, unknown and prototype-named keys, edge numbers, hostile
 *   and very long strings, broken `clusters` lists;
 * - config file texts: JSON and YAML written from those values in many styles (BOM, CRLF, whitespace and escapes,
 *   flow and block, tags, anchors and aliases, merge keys, directives), and texts the parser must refuse (duplicate
 *   keys, unsupported tags, YAML 1.1, several documents, alias bombs, deep nesting), plus token soup and cut texts.
 *
 * Everything shrinks: structure comes from fast-check's combinators, and the fix-ups that keep a configuration valid
 * are plain functions applied in `map`.
 */
import { createHash } from "crypto";
import * as fc from "fast-check";
import {
  defaultAddonRoleName,
  defaultAutoModeNodeRoleName,
  defaultClusterRoleName,
  defaultKarpenterControllerRoleName,
  defaultKarpenterNodeRoleName,
  defaultNodeRoleName,
  defaultPodExecutionRoleName,
  defaultServiceAccountRoleName,
} from "../src/config/role-names";
import { AMI_FAMILY_PREFIXES, AMI_ROOT_VOLUMES } from "../src/config/catalogs/ami-root-volumes";
import { selectorMatches } from "../src/config/fargate-auto-mode";
import { defaultKarpenterQueueName, KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT, SQS_QUEUE_NAME_MAX } from "../src/config/karpenter";
import { GP3_THROUGHPUT_PER_IOPS, VOLUME_LIMITS } from "../src/config/rules/node-group-compute";
import { addonCatalogEntry } from "../src/config/catalogs/addon-versions";
import type { Document as YamlDocument } from "yaml";
import { RULE_IDS } from "../src/config/catalogs/security-rules";
import { partitionOfRegion } from "../src/config/catalogs/regions";
import { architectureOf, hasNvidiaGpu } from "../src/config/instance-types";
import { cdktfMarker, policyNameOf, terraformName, usesLaunchTemplate } from "../src/config/names";
import { nonPublicRangeOf } from "../src/config/rules";
import { ACCESS_POLICIES, AUTHENTICATION_MODES, AUTO_MODE_NODE_POOLS, CAPACITY_TYPES, ENDPOINT_ACCESS_VALUES, LOG_RETENTION_DAYS, LOG_TYPES, SUPPORT_TYPES } from "../src/config/schema";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const YAML = require("yaml") as typeof import("yaml");

/** A generated configuration (or part of one): plain data as a parser returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

// ---- plain data helpers ---------------------------------------------------------------------------------------

/** Keys that name Object.prototype members (and friends): ordinary data in a config, never code. */
export const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "isPrototypeOf",
  "__defineGetter__",
  "toJSON",
  "then",
] as const;

/** Prototype names that are valid EKS cluster / node group names and Kubernetes label names. */
export const PROTOTYPE_NAMES = ["constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf", "toJSON", "then"] as const;

/** An object whose keys are own data properties whatever their names (`__proto__` included), as JSON.parse makes. */
export function objectOf(entries: Iterable<readonly [string, unknown]>): Record<string, Json> {
  const o: Record<string, Json> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Sets an own data property (so `__proto__` is a key like any other). */
export function setKey(o: Record<string, Json>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A deep copy with own keys only; shared objects become separate copies. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isObject(value)) return objectOf(Object.keys(value).map((k) => [k, clone(value[k])])) as T;
  return value;
}

/** `s` cut to at most `max` code points, padded with `pad` to at least `min`. */
function fit(s: string, min: number, max: number, pad = "x"): string {
  const chars = Array.from(s).slice(0, max);
  while (chars.length < min) chars.push(pad);
  return chars.join("");
}

/** Like String.prototype.toWellFormed (Node 20): lone surrogates as U+FFFD, as any UTF-8 file holds them. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

// ---- hostile but legal strings --------------------------------------------------------------------------------

/** Pieces of text that break naive templating, quoting, terminals, heredocs and parsers. */
export const TRICKY_FRAGMENTS = [
  "${",
  "%{",
  "$${x}",
  "%%{x}",
  "$$",
  "${var.x}",
  "${aws_eks_cluster.cluster.name}",
  "%{ if true }x%{ endif }",
  "}",
  "$",
  "%",
  "{",
  '"',
  "'",
  "`",
  "\\",
  "\\n",
  "\\u0041",
  "\\\"",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u001b]0;title\u0007",
  "\u007f",
  "\u0085",
  "\u200b",
  "\u200e",
  "\u202e",
  "\u2066",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ud800",
  "\udc00",
  "\ud83d\ude00",
  "\u00e9",
  "e\u0301",
  "\u4e2d",
  "EOF",
  "\nEOF\n",
  "\nEOT\n",
  "<<EOF",
  "<<-EOT\n",
  "#",
  "//",
  "/*",
  "*/",
  " ",
  "  ",
  "-",
  ":",
  ": ",
  "- ",
  "&a",
  "*a",
  "!!str",
  "? ",
  "[",
  "]",
  ",",
  "null",
  "true",
  "0x1F",
  "1e999",
  "~",
  "=",
  "<<",
  "aws:",
  // cdktf's own token markers and token numbers: a writer that passes them on makes cdktf resolve them
  "${TfToken[TOKEN.1]}",
  "#{TfToken[TOKEN.2]}",
  "&{TfToken[TOKEN.0]}",
  "{TfToken[",
  "-8.10956221259138e+298",
  "8.109562212591383e+298",
  "-1.8881545897087503e+289",
  "String Map Token Value",
  "_children",
  "_metadata",
] as const;

/** HCL's keywords: an object key spelled like one must be quoted (`for` opens a for expression). */
const HCL_KEYWORDS = ["for", "in", "if", "else", "endif", "endfor", "true", "false", "null"] as const;

/** Keys cdktf itself reads in a map: a tags map with both is taken for a construct. */
const CDKTF_KEYS = ["_children", "_metadata", "String Map Token Value", "Any Map Token Value", "//"] as const;

/** A string of `minLength`-`maxLength` code points, mostly hostile: template markers, quotes, controls, bidi, surrogates. */
export function trickyString(o: { minLength?: number; maxLength: number }): fc.Arbitrary<string> {
  const min = o.minLength ?? 0;
  const pieces = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...TRICKY_FRAGMENTS), { maxLength: 8 }).map((a) => a.join("")) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.oneof(fc.constantFrom(...TRICKY_FRAGMENTS), fc.string({ unit: "grapheme-ascii", maxLength: 3 })), { maxLength: 10 }).map((a) => a.join("")),
    },
  );
  const boundary = fc.constantFrom("a".repeat(o.maxLength), "\ud83d\ude00".repeat(o.maxLength), "${".repeat(Math.floor(o.maxLength / 2)), "%{x}".repeat(Math.floor(o.maxLength / 4)));
  return fc.oneof({ weight: 30, arbitrary: pieces }, { weight: 1, arbitrary: boundary }).map((s) => fit(s, min, o.maxLength));
}

/** What AWS accepts in tags (IAM's pattern, as src/config/schema.ts checks it), in Unicode NFC as Terraform reads it. */
const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;

/** `text` with every character AWS refuses in a tag written as `_`, in NFC, cut to `min`-`max` characters. */
function tagText(text: string, min: number, max: number): string {
  const allowed = Array.from(text.normalize("NFC"), (c) => (TAG_CHARACTER.test(c) ? c : "_")).join("");
  return fit(allowed.normalize("NFC"), min, max);
}

/**
 * A tag key: 1-128 characters AWS accepts, not starting with aws: (any case); prototype names (but `__proto__`, which
 * cdktf cannot write: the loader rejects it, see src/config/names.ts), keys cdktf reads and its token numbers included.
 */
export const tagKeyArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: trickyString({ minLength: 1, maxLength: 128 })
      .map((k) => tagText(k, 1, 128))
      .map((k) => (/^aws:/i.test(k) ? fit(`x${k}`, 1, 128) : k))
      .filter((k) => k !== "__proto__"),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS.filter((k) => k !== "__proto__"), ...CDKTF_KEYS) },
  // Keys an HCL writer must quote: keywords that open expressions or mean values, a leading digit or dash
  { weight: 1, arbitrary: fc.constantFrom(...HCL_KEYWORDS, "-x", "1a", "a.b", "a/b", "a:b", "é") },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9:/=+@._-]{0,12}$/).filter((k) => !/^aws:/i.test(k)) },
);
export const tagValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: trickyString({ maxLength: 256 }).map((v) => tagText(v, 0, 256)) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...CDKTF_KEYS, "Any Map Token Value") },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9 ._:/=+@-]{0,16}$/) },
);

/** Tags: at most 50 (usually a few), keys unique. */
export const tagsArb: fc.Arbitrary<Record<string, string>> = fc
  .oneof(
    { withCrossShrink: true },
    { weight: 20, arbitrary: fc.uniqueArray(fc.tuple(tagKeyArb, tagValueArb), { selector: ([k]) => k, maxLength: 6 }) },
    {
      // exactly 50, the limit: a few generated tags and plain ones to fill (so a failure shrinks to the generated ones)
      weight: 1,
      arbitrary: fc.uniqueArray(fc.tuple(tagKeyArb, tagValueArb), { selector: ([k]) => k, maxLength: 6 }).map((entries) => {
        const filled: [string, string][] = [...entries];
        for (let i = 0; filled.length < 50; i++) if (!filled.some(([k]) => k === `t${i}`)) filled.push([`t${i}`, ""]);
        return filled;
      }),
    },
  )
  .map((entries) => objectOf(entries));

// ---- names and ids --------------------------------------------------------------------------------------------

export const REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "ca-central-1", "me-south-1"] as const;

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const awsId = (prefix: string) => fc.oneof(hex(17), hex(8)).map((h) => `${prefix}-${h}`);
export const subnetIdArb = awsId("subnet");
export const securityGroupIdArb = awsId("sg");
export const vpcIdArb = awsId("vpc");
const accountArb = fc.oneof(fc.constant("111122223333"), fc.stringMatching(/^\d{12}$/));

/** EKS cluster and node group names: letters, digits, - and _, starting with a letter or digit; prototype names too. */
export function eksNameArb(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z_-]{0,24}$/) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 1, arbitrary: fc.constant(`n${"0".repeat(maxLength - 1)}`) },
  );
}

/** IAM role names: 1-64 of letters, digits and + = , . @ _ -; prototype names included. */
export const roleNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[\w+=,.@-]{1,20}$/) },
  { weight: 2, arbitrary: fc.constantFrom("simple-bank-eks-node", "simple-bank-eks-cluster", "__proto__", "constructor", "eks.nodes", "a+b=c,d@e") },
  { weight: 1, arbitrary: fc.constant("r".repeat(64)) },
);
const pathSegmentArb = fc.stringMatching(/^[\w+=,.@-]{1,8}$/);
export const roleArnArb: fc.Arbitrary<string> = fc
  .tuple(accountArb, fc.array(pathSegmentArb, { maxLength: 2 }), roleNameArb)
  .map(([account, path, name]) => `arn:aws:iam::${account}:role/${path.map((p) => `${p}/`).join("")}${name}`);

/** `{ name }` (created) or `{ arn }` (existing). */
export const roleRefArb = (names: fc.Arbitrary<string>): fc.Arbitrary<Json> =>
  fc.oneof({ weight: 3, arbitrary: names.map((name) => ({ name })) }, { weight: 1, arbitrary: roleArnArb.map((arn) => ({ arn })) });

/** Node role names whose Terraform names stay distinct once sanitized (`eks.nodes` -> `eks_nodes`). */
const NODE_ROLE_NAMES = ["simple-bank-eks-node", "nodes", "__proto__", "eks.nodes", "constructor", "batch+spot", "r@1"] as const;

// ---- network ----------------------------------------------------------------------------------------------------

function ipv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}
function network(address: number, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return `${ipv4(address - (address % size))}/${prefix}`;
}
/** An IPv4 CIDR with host bits zero. */
export const cidrArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
  .map(([address, prefix]) => network(address, prefix));
/** A service CIDR inside 10/8, 172.16/12 or 192.168/16 with a /12 to /24 mask. */
export const serviceCidrArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom([10 * 2 ** 24, 8], [(172 * 256 + 16) * 2 ** 16, 12], [(192 * 256 + 168) * 2 ** 16, 16]), fc.nat(), fc.integer({ min: 12, max: 24 }))
  .map(([[base, basePrefix], offset, prefix]) => network(base + (offset % 2 ** (32 - basePrefix)), Math.max(prefix, basePrefix)));

// ---- node groups --------------------------------------------------------------------------------------------------

/** AMI types and instance types that fit them (one CPU architecture, the accelerator the AMI is for). */
const MACHINES: readonly { amiTypes: readonly string[]; instanceTypes: readonly string[]; random?: (t: string) => boolean }[] = [
  {
    amiTypes: ["AL2023_x86_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_x86_64_FIPS", "AL2_x86_64", "WINDOWS_CORE_2019_x86_64", "WINDOWS_FULL_2022_x86_64"],
    instanceTypes: ["t3.micro", "t3.small", "t3.medium", "t3a.large", "m5.large", "m6i.xlarge", "c5.2xlarge", "r5.large", "m7i.48xlarge", "c6a.metal", "t2.nano"],
    random: (t) => architectureOf(t) === "x86_64",
  },
  {
    amiTypes: ["AL2023_ARM_64_STANDARD", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_ARM_64_FIPS", "AL2_ARM_64"],
    instanceTypes: ["t4g.small", "m7g.large", "m6g.xlarge", "c7g.large", "r6g.medium", "a1.large", "c6gn.xlarge", "is4gen.large"],
    random: (t) => architectureOf(t) === "arm64",
  },
  {
    amiTypes: ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "AL2_x86_64_GPU"],
    instanceTypes: ["g5.xlarge", "g6.2xlarge", "p4d.24xlarge", "p5.48xlarge", "g4dn.xlarge", "gr6.4xlarge"],
    random: (t) => architectureOf(t) === "x86_64" && hasNvidiaGpu(t),
  },
  { amiTypes: ["AL2023_ARM_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA"], instanceTypes: ["g5g.xlarge", "g5g.2xlarge"] },
  { amiTypes: ["AL2023_x86_64_NEURON"], instanceTypes: ["inf2.xlarge", "trn1.2xlarge", "inf1.xlarge", "trn1n.32xlarge"] },
];
const randomInstanceType = fc.stringMatching(/^[a-z]{1,3}[0-9][a-z]{0,3}\.[a-z0-9]{1,8}$/);

const machineArb: fc.Arbitrary<{ amiType: string; instanceTypes: string[] }> = fc.oneof(
  ...MACHINES.map((m) =>
    fc.record({
      amiType: fc.constantFrom(...m.amiTypes),
      instanceTypes: fc.uniqueArray(
        m.random ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...m.instanceTypes) }, { weight: 1, arbitrary: randomInstanceType.filter(m.random) }) : fc.constantFrom(...m.instanceTypes),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  ),
);

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/);
const labelNameArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.constant(`l${"-".repeat(61)}l`) },
);
/** A Kubernetes label or taint key: [DNS-subdomain prefix/]name, never kubernetes.io/ or k8s.io/. */
export const labelKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: labelNameArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(dnsLabel, { minLength: 1, maxLength: 3 }), labelNameArb)
      .map(([prefix, name]) => `${prefix.join(".")}/${name}`)
      // EKS takes 63 characters for the whole key, prefix included
      .filter((k) => !/(^|\.)(kubernetes\.io|k8s\.io)\//.test(k) && k.length <= 63),
  },
);
/** A label value as EKS takes it: 1-63 characters (Kubernetes would allow an empty one; EKS does not). */
export const labelValueArb: fc.Arbitrary<string> = labelNameArb;
/** A taint value: 0-63 characters. */
export const taintValueArb: fc.Arbitrary<string> = fc.oneof(fc.constant(""), labelNameArb);

const TAINT_SPELLINGS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE", "NoSchedule", "NoExecute", "PreferNoSchedule"] as const;
export const taintArb: fc.Arbitrary<Json> = fc.record(
  { key: labelKeyArb, value: taintValueArb, effect: fc.constantFrom(...TAINT_SPELLINGS) },
  { requiredKeys: ["key", "effect"], noNullPrototype: true },
);

const scalingArb = fc
  .tuple(fc.integer({ min: 0, max: 450 }), fc.integer({ min: 0, max: 450 }), fc.integer({ min: 0, max: 450 }))
  .map((n) => {
    const [minSize, desiredSize, maxSize] = [...n].sort((a, b) => a - b);
    return { minSize, maxSize: Math.max(maxSize, 1), desiredSize };
  });
const updateArb = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map((maxUnavailable) => ({ maxUnavailable })),
  fc.integer({ min: 1, max: 100 }).map((maxUnavailablePercentage) => ({ maxUnavailablePercentage })),
);
/** SSH (remote access) or an IMDSv2 launch template, never both (EKS rejects both). */
const nodeAccessArb = fc.oneof(
  fc.record(
    // EC2 key pair names: printable ASCII (template markers, quotes and backslashes included), so the tricky
    // strings with every other character as `_`
    { sshKeyName: trickyString({ minLength: 1, maxLength: 255 }).map((k) => fit(Array.from(k, (c) => (/^[\x20-\x7e]$/.test(c) ? c : "_")).join(""), 1, 255)), sourceSecurityGroupIds: fc.uniqueArray(securityGroupIdArb, { maxLength: 2 }) },
    { requiredKeys: ["sshKeyName"], noNullPrototype: true },
  ).map((remoteAccess) => ({ remoteAccess })),
  fc.integer({ min: 1, max: 64 }).map((hopLimit) => ({ imds: { hopLimit } })),
);

// ---- node groups beyond the basics (issue 14): launch template settings, node repair, versions ---------------------

/** A KMS key ARN with the placeholders PARTITION and REGION (fixCluster puts the cluster's in). */
const kmsKeyArnArb = fc
  .tuple(accountArb, fc.oneof(fc.uuid(), hex(32).map((h) => `mrk-${h}`)))
  .map(([account, id]) => `arn:PARTITION:kms:REGION:${account}:key/${id}`);

/**
 * The root volume as generated: any type, size, IOPS and throughput within the schema's ranges (edges included);
 * fixCluster brings them within the type's own limits, the AMI's floor and the IOPS and throughput ratios.
 */
const rootVolumeArb = fc.record(
  {
    size: fc.oneof(fc.integer({ min: 1, max: 65536 }), fc.constantFrom(1, 4, 19, 20, 50, 16384, 16385, 65536)),
    type: fc.constantFrom("gp3", "gp2", "io1", "io2"),
    iops: fc.oneof(fc.integer({ min: 100, max: 256000 }), fc.constantFrom(100, 3000, 16000, 64000, 256000)),
    throughput: fc.oneof(fc.integer({ min: 125, max: 1000 }), fc.constantFrom(125, 750, 1000)),
    encrypted: fc.boolean(),
    kmsKeyArn: kmsKeyArnArb,
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** Kubelet flags the schema takes (`--name[=value]`, value of letters, digits and . _ , : / = @ * -), edges included. */
export const kubeletFlagArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), fc.option(fc.stringMatching(/^[A-Za-z0-9._,:\/=@*-]{0,30}$/)))
      // (labels and taints the kubelet is given are checked: rules/node-group-compute.ts; written below)
      .filter(([n]) => n !== "node-labels" && n !== "register-with-taints")
      .map(([n, v]) => `--${n}${v === null ? "" : `=${v}`}`),
  },
  {
    // Node labels and taints as the kubelet takes them: label keys outside kubernetes.io / k8s.io but the kubelet's own
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.uniqueArray(fc.tuple(fc.oneof({ weight: 4, arbitrary: labelKeyArb }, { weight: 1, arbitrary: fc.constantFrom("node.kubernetes.io/lifecycle", "kubernetes.io/arch", "x.kubelet.kubernetes.io/y") }), taintValueArb), { selector: ([k]) => k, minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom("NoSchedule", "PreferNoSchedule", "NoExecute"),
      )
      .map(([pairs, taint, effect]) =>
        taint ? `--register-with-taints=${pairs.map(([k, v]) => `${k}${v === "" ? "" : `=${v}`}:${effect}`).join(",")}` : `--node-labels=${pairs.map(([k, v]) => `${k}=${v}`).join(",")}`,
      ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "--node-labels=team=payments,example.com/tier=a.b",
      "--register-with-taints=dedicated=batch:NoSchedule",
      "--v=4",
      "--a",
      "--0",
      "--x=",
      "--x==",
      "--a=--==NODEADM==--",
      "--a=--==NODEADM==",
      "--eviction-hard=memory.available=100Mi",
      "--a=*",
      "--a=@,:/.",
      "--a=---",
      "--a-=-",
      "--constructor=__proto__",
      "--tostring=x",
      "--e=1e999",
      "--n=-8.10956221259138e-298",
      `--a=${"=".repeat(1020)}`,
      `--${"z".repeat(1022)}`,
    ),
  },
);

const kubeletArb = fc.record(
  {
    maxPods: fc.oneof(fc.integer({ min: 1, max: 250 }), fc.constantFrom(1, 110, 250)),
    flags: fc.oneof(
      { weight: 9, arbitrary: fc.uniqueArray(kubeletFlagArb, { minLength: 1, maxLength: 4 }) },
      // 50, the limit: a few generated flags and plain ones to fill
      { weight: 1, arbitrary: fc.uniqueArray(kubeletFlagArb, { minLength: 1, maxLength: 3 }).map((flags) => [...flags, ...Array.from({ length: 50 }, (_, i) => `--f${i}=${i}`)].filter((f, i, all) => all.indexOf(f) === i).slice(0, 50)) },
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A release version's parts; fixCluster writes the form the AMI type takes (Amazon Linux, Bottlerocket, other). */
const releaseArb = fc.record(
  {
    patch: fc.nat({ max: 12 }),
    date: fc.stringMatching(/^20[0-9]{6}$/),
    build: hex(8),
    bottlerocket: fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 60 })),
    // Free text where no family rule applies (Windows): the schema's pattern, at its length limit too
    free: fc.oneof(fc.stringMatching(/^\d{1,3}\.\d{1,3}(\.\d{1,3})?-[0-9A-Za-z.]{1,20}$/), fc.constantFrom(`1.2-${"9".repeat(96)}`, "1.35.0-20260101", "0.0-.", "10.0.17763-1e999")),
  },
  { noNullPrototype: true },
);

/**
 * The settings of issue 14 a node group may have, as one optional part (so that many groups still have none, and
 * remote access, which a launch template rules out, keeps its share): root volume, kubelet, a custom AMI, extra
 * security groups, tags at launch, a Capacity Block, node repair, forced updates, a pinned release.
 */
const computeArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        rootVolume: rootVolumeArb,
        kubelet: kubeletArb,
        // Rarer than the rest: each turns the group into another kind (custom AMI, Capacity Block)
        amiId: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: awsId("ami") }),
        securityGroupIds: fc.oneof({ weight: 6, arbitrary: fc.uniqueArray(securityGroupIdArb, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.uniqueArray(securityGroupIdArb, { minLength: 15, maxLength: 15 }) }),
        propagateTags: fc.boolean(),
        capacityReservationId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: awsId("cr") }),
        nodeRepair: fc.boolean(),
        forceUpdateVersion: fc.boolean(),
        release: releaseArb,
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
);

/** Where a generated group keeps its release version's parts until fixCluster writes the version (not a key of the data). */
const RELEASE = Symbol("release");

/** One node group as a file gives it: a name, and any other key may be left to the default node group's. */
export function nodeGroupArb(names: fc.Arbitrary<string> = eksNameArb(63)): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        name: names,
        role: roleRefArb(fc.constantFrom(...NODE_ROLE_NAMES)),
        machine: machineArb,
        // CAPACITY_BLOCK comes with its reservation (computeArb's capacityReservationId)
        capacityType: fc.constantFrom(...CAPACITY_TYPES.filter((t) => t !== "CAPACITY_BLOCK")),
        diskSize: fc.integer({ min: 1, max: 16384 }),
        scaling: scalingArb,
        update: updateArb,
        labels: fc.uniqueArray(fc.tuple(labelKeyArb, labelValueArb), { selector: ([k]) => k, maxLength: 4 }).map((e) => objectOf(e)),
        taints: fc.array(taintArb, { maxLength: 3 }),
        access: nodeAccessArb,
        subnetIds: fc.uniqueArray(subnetIdArb, { minLength: 1, maxLength: 3 }),
        ignoreDesiredSizeChanges: fc.boolean(),
        tags: tagsArb,
        compute: computeArb,
      },
      { requiredKeys: ["name"], noNullPrototype: true },
    )
    .map(({ machine, access, compute, ...rest }) => {
      const { amiId, capacityReservationId, release, ...settings } = compute ?? {};
      const group: Json = { ...rest, ...(machine ?? {}), ...(access ?? {}), ...settings };
      // A custom AMI: amiType CUSTOM beside the id (the instance types keep one architecture)
      if (amiId !== undefined) Object.assign(group, { amiType: "CUSTOM", amiId });
      // A Capacity Block: its capacity type, and one instance type (the reservation's)
      if (capacityReservationId !== undefined) {
        Object.assign(group, { capacityType: "CAPACITY_BLOCK", capacityReservationId });
        if (Array.isArray(group.instanceTypes)) group.instanceTypes = group.instanceTypes.slice(0, 1);
      }
      // The release version's parts (written out in fixCluster, which knows the cluster's version)
      if (release !== undefined) Object.defineProperty(group, RELEASE, { value: release, enumerable: false, writable: true, configurable: true });
      return group;
    });
}

// ---- the cluster ----------------------------------------------------------------------------------------------------

const PINNED = fc
  .tuple(fc.nat({ max: 20 }), fc.nat({ max: 40 }), fc.nat({ max: 9 }), fc.integer({ min: 1, max: 9 }))
  .map(([a, b, c, d]) => `v${a}.${b}.${c}-eksbuild.${d}`);
const addonNameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "aws-ebs-csi-driver", "kubecost_kubecost") },
  { weight: 1, arbitrary: fc.constantFrom("constructor", "prototype", "valueof", "tostring") },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/) },
);
/** A role of an add-on's own (kept for add-ons the table gives a service account; fixCluster drops the rest). */
const addonRoleArb = fc.record(
  { identity: fc.constantFrom("pod-identity", "irsa"), roleName: fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,40}$/) },
  { requiredKeys: [], noNullPrototype: true },
);

/** Any JSON value an add-on's configuration may hold: hostile strings and keys (well-formed Unicode), a few levels deep. */
const configurationValueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    trickyString({ maxLength: 20 }).filter((s) => (s as string & { isWellFormed(): boolean }).isWellFormed()),
    fc.array(tie("value"), { maxLength: 3 }),
    fc
      .uniqueArray(fc.tuple(fc.oneof(trickyString({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "replicaCount", "env")), tie("value")), {
        selector: ([k]) => k,
        maxLength: 3,
      })
      .map((e) => objectOf(e.filter(([k]) => (k as string & { isWellFormed(): boolean }).isWellFormed()))),
  ),
})).value;
const configurationArb = fc
  .uniqueArray(fc.tuple(fc.oneof(trickyString({ maxLength: 12 }), fc.constantFrom("__proto__", "replicaCount")), configurationValueArb), { selector: ([k]) => k, maxLength: 4 })
  .map((e) => objectOf(e.filter(([k]) => (k as string & { isWellFormed(): boolean }).isWellFormed())));
const addonValueArb = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.constantFrom("latest", "default"), PINNED).map((version) => ({ version })) },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          version: fc.oneof(fc.constantFrom("latest", "default"), PINNED),
          configurationValues: configurationArb,
          role: addonRoleArb,
          resolveConflictsOnCreate: fc.constantFrom("NONE", "OVERWRITE"),
          resolveConflictsOnUpdate: fc.constantFrom("NONE", "OVERWRITE", "PRESERVE"),
          preserve: fc.boolean(),
        },
        { requiredKeys: ["version"] },
      ),
  },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const DEFAULT_ADDONS = ["vpc-cni", "coredns", "kube-proxy"] as const;

const isWellFormedText = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** A Kubernetes service account with a role: Pod Identity or IRSA, managed policies and/or an inline policy. */
const serviceAccountArb = fc
  .record(
    {
      namespace: fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/), fc.constantFrom("default", "kube-system", "a".repeat(63))),
      name: fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?){0,2}$/), fc.constant("s".repeat(200))),
      identity: fc.constantFrom("pod-identity", "irsa"),
      managedPolicyArns: fc.uniqueArray(
        fc.tuple(fc.constantFrom("aws", "111122223333"), fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,30}$/)).map(([account, name]) => `arn:aws:iam::${account}:policy/${name}`),
        // distinct once made Terraform names (rules.ts checkPolicyNames)
        { selector: (arn) => terraformName([policyNameOf(arn)]), maxLength: 3 },
      ),
      inlinePolicy: fc
        .tuple(fc.constantFrom("s3:GetObject", "sqs:*", "dynamodb:Query"), trickyString({ maxLength: 30 }).filter(isWellFormedText))
        .map(([action, resource]) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: `arn:aws:s3:::${resource}` }] })),
    },
    { requiredKeys: ["namespace", "name"], noNullPrototype: true },
  )
  // A role grants something (rules.ts checkWorkloadIdentity)
  .map((s) => (s.inlinePolicy === undefined && !((s.managedPolicyArns?.length ?? 0) > 0) ? { ...s, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } : s));

const principalArb = fc
  .tuple(accountArb, fc.constantFrom("role", "user"), fc.array(pathSegmentArb, { maxLength: 2 }), fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/))
  .map(([account, type, path, name]) => ({ account, type, name, arn: `arn:aws:iam::${account}:${type}/${path.map((p) => `${p}/`).join("")}${name}` }));
const policiesArb = fc.uniqueArray(
  fc.record(
    {
      policy: fc.constantFrom(...ACCESS_POLICIES),
      namespaces: fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/), fc.stringMatching(/^[a-z0-9][-a-z0-9]{0,8}\*$/)), { maxLength: 3 }),
    },
    { requiredKeys: ["policy"], noNullPrototype: true },
  ),
  { selector: (p) => p.policy, minLength: 1, maxLength: 3 },
);
/** Access entries with one entry per principal, whose Terraform names stay distinct (account, type, last name). */
const accessEntriesArb = fc
  .uniqueArray(fc.tuple(principalArb, policiesArb), { selector: ([p]) => `${p.account}_${p.type}_${p.name}`, maxLength: 3 })
  .map((entries) => entries.map(([p, policies]) => ({ principalArn: p.arn, policies })));

const waiverArb = fc.record(
  { rule: fc.constantFrom(...RULE_IDS), reason: trickyString({ minLength: 10, maxLength: 500 }) },
  { noNullPrototype: true },
);

/**
 * An S3 object key: one line (the schema's `.` stops at line ends), neither starting nor ending with /, and without
 * what cdktf reads as its tokens (the backend block is literal in Terraform JSON: no escape exists, the loader rejects
 * them; hostile values test that).
 */
const s3KeyArb = trickyString({ minLength: 2, maxLength: 1024 })
  .map((k) => {
    const chars = Array.from(k.replace(/[\n\r\u2028\u2029]/g, "_"));
    if (chars[0] === "/") chars[0] = "k";
    if (chars[chars.length - 1] === "/") chars[chars.length - 1] = "k";
    return chars.join("");
  })
  .filter((k) => !/\{TfToken\[|\d[eE][-+]?\d|Map Token Value/.test(k));

// ---- Karpenter, Fargate profiles, EKS Auto Mode (issue 14) ------------------------------------------------------------

/** Names of roles the cluster creates for Karpenter, Fargate and Auto Mode: any IAM name, long and odd ones included. */
const newRoleNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: roleNameArb },
  { weight: 1, arbitrary: fc.constantFrom("@".repeat(64), "+=,.@_-".repeat(10).slice(0, 64), "Karpenter", "KARPENTER", "a", "_", "prototype", "simple-bank-karpenter", "x".repeat(63)) },
);
/** Kubernetes namespaces (DNS labels): prototype names and the 63-character limit included. */
const namespaceArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/) },
  { weight: 1, arbitrary: fc.constantFrom("kube-system", "karpenter", "default", "constructor", "tostring", "0", "a".repeat(63)) },
);

export const karpenterArb: fc.Arbitrary<Json> = fc.record(
  {
    identity: fc.constantFrom("pod-identity", "irsa"),
    namespace: namespaceArb,
    serviceAccount: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?){0,2}$/) },
      { weight: 1, arbitrary: fc.constantFrom("karpenter", "constructor", "0", "a.b.c", `${"s".repeat(63)}.${"t".repeat(63)}.${"u".repeat(63)}.${"v".repeat(61)}`) },
    ),
    controllerRoleName: newRoleNameArb,
    nodeRoleName: newRoleNameArb,
    interruptionQueue: fc.boolean(),
    interruptionQueueName: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/) },
      // 80 is SQS's limit; the five EventBridge rule names (64 at most) are then cut and hashed
      { weight: 1, arbitrary: fc.constantFrom("q".repeat(80), "_".repeat(80), "-", "0", "Karpenter-simple-bank", `${"a".repeat(50)}-${"b".repeat(29)}`) },
    ),
    discoverySubnetIds: fc.uniqueArray(subnetIdArb, { maxLength: 3 }),
    discoverySecurityGroup: fc.boolean(),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A Fargate selector's namespace: a DNS label with the wildcards * and ?. */
const fargateNamespaceArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9*?]([-a-z0-9*?]{0,10}[a-z0-9*?])?$/) },
  { weight: 2, arbitrary: fc.constantFrom("*", "?", "kube-system", "kube-*", "*-system", "??", "k?be-sys*", "default", "*".repeat(63), "a".repeat(63), "constructor") },
);
/** A Fargate selector's label key: a Kubernetes label key (kubernetes.io/ prefixes allowed) with * and ? as wildcards. */
const fargateLabelKeyArb = fc.oneof(
  { weight: 3, arbitrary: labelKeyArb },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "k8s-app",
      "app.kubernetes.io/name",
      "eks.amazonaws.com/component",
      "kubernetes.io/os",
      "k8s.io/x",
      "*",
      "?",
      "app*",
      "a?c",
      "*.example.com/*",
      "*/team",
      // 317 characters, the limit: a 253-character prefix and a 63-character name
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}/${"n".repeat(63)}`,
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9*?]([-A-Za-z0-9_.*?]{0,8}[A-Za-z0-9*?])?$/) },
);
const fargateLabelValueArb = fc.oneof(
  { weight: 3, arbitrary: labelValueArb },
  { weight: 2, arbitrary: fc.constantFrom("", "*", "?", "kube-dns", "coredns", "a*b", "*".repeat(63), "v?") },
);
const fargateSelectorArb = fc.record(
  {
    namespace: fargateNamespaceArb,
    labels: fc.uniqueArray(fc.tuple(fargateLabelKeyArb, fargateLabelValueArb), { selector: ([k]) => k, maxLength: 5 }).map((e) => objectOf(e)),
  },
  { requiredKeys: ["namespace"], noNullPrototype: true },
);
/** The selector of the EKS User Guide's profile for CoreDNS (a Fargate-only cluster needs one). */
const CORE_DNS_SELECTOR = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };

export const fargateProfileArb: fc.Arbitrary<Json> = fc.record(
  {
    // (`arns` is refused: the output fargate_profile_arns has its construct ID; collidingClusterArb tries it)
    name: fc.oneof({ weight: 6, arbitrary: eksNameArb(100) }, { weight: 1, arbitrary: fc.constantFrom("system", `p${"0".repeat(99)}`, "Resource", "arn", "arns_", "ARNS") }),
    selectors: fc.oneof(
      { weight: 5, arbitrary: fc.array(fargateSelectorArb, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(fargateSelectorArb, { minLength: 5, maxLength: 5 }) },
      { weight: 1, arbitrary: fc.constant([CORE_DNS_SELECTOR]) },
    ),
    subnetIds: fc.uniqueArray(subnetIdArb, { minLength: 1, maxLength: 3 }),
    // A shared name now and then: profiles naming one role share it
    podExecutionRoleName: fc.oneof({ weight: 3, arbitrary: newRoleNameArb }, { weight: 1, arbitrary: fc.constant("fargate-pods") }),
  },
  { requiredKeys: ["name", "selectors"], noNullPrototype: true },
);
export const fargateProfilesArb: fc.Arbitrary<Json[]> = fc.oneof(
  { weight: 8, arbitrary: fc.uniqueArray(fargateProfileArb, { selector: (p) => p.name, maxLength: 3 }) },
  // 10, EKS's quota: plain profiles to fill
  {
    weight: 1,
    arbitrary: fc.uniqueArray(fargateProfileArb, { selector: (p) => p.name, maxLength: 2 }).map((profiles) => {
      const filled = [...profiles];
      for (let i = 0; filled.length < 10; i++) if (!filled.some((p) => p.name === `fp${i}`)) filled.push({ name: `fp${i}`, selectors: [{ namespace: `ns${i}` }] });
      return filled;
    }),
  },
);

export const autoModeArb: fc.Arbitrary<Json> = fc.record(
  {
    enabled: fc.constantFrom(true, true, true, false),
    nodePools: fc.uniqueArray(fc.constantFrom(...AUTO_MODE_NODE_POOLS), { minLength: 1, maxLength: 2 }),
    nodeRoleName: newRoleNameArb,
  },
  { requiredKeys: ["enabled"], noNullPrototype: true },
);

// ---- a created VPC, load balancer subnet tags, lifecycle guards, HCP Terraform state (issue 15) ---------------------

/** Zone letters: fixCluster writes `<region><letter>` (the rule wants the cluster region's zones). */
const ZONE_LETTERS = ["a", "b", "c", "d", "e", "f", "z"] as const;

/** A VPC CIDR, /16 to /28: mostly private space (RFC 1918, RFC 6598), Docker's bridge (a warning) and public ranges (a warning). */
const vpcCidrArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom([10 * 2 ** 24, 8], [(172 * 256 + 16) * 2 ** 16, 12], [(192 * 256 + 168) * 2 ** 16, 16], [(100 * 256 + 64) * 2 ** 16, 10]), fc.nat(), fc.integer({ min: 16, max: 28 }))
      .map(([[base, basePrefix], offset, prefix]) => network(base + (offset % 2 ** (32 - basePrefix)), Math.max(prefix, basePrefix))),
  },
  { weight: 2, arbitrary: fc.constantFrom("10.0.0.0/16", "10.255.255.240/28", "192.168.0.0/16", "172.17.0.0/16", "172.16.0.0/16", "100.64.0.0/16", "10.0.0.0/20", "10.0.0.0/25", "10.0.0.0/26") },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 16, max: 28 })).map(([address, prefix]) => network(address, prefix)) },
);

/** `network.create` as generated: the zones as letters until fixCluster knows the region, sizes fixed there to fit. */
export const createdVpcArb: fc.Arbitrary<Json> = fc.record(
  {
    cidr: vpcCidrArb,
    availabilityZones: fc.uniqueArray(fc.constantFrom(...ZONE_LETTERS), { minLength: 2, maxLength: 3 }),
    natGateways: fc.constantFrom("one-per-zone", "single"),
    privateSubnetPrefix: fc.oneof(fc.integer({ min: 16, max: 28 }), fc.constantFrom(16, 19, 28)),
    publicSubnetPrefix: fc.oneof(fc.integer({ min: 16, max: 28 }), fc.constantFrom(16, 24, 28)),
  },
  { requiredKeys: ["cidr", "availabilityZones"], noNullPrototype: true },
);

/** An IPv4 CIDR as its first address and size (plain arithmetic, apart from src/config/vpc-layout.ts). */
export function cidrRange(cidr: string): { start: number; size: number; prefix: number } {
  const [address, prefix] = cidr.split("/");
  const start = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  return { start, size: 2 ** (32 - Number(prefix)), prefix: Number(prefix) };
}
const rangesOverlap = (a: string, b: string) => {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return x.start < y.start + y.size && y.start < x.start + x.size;
};

/**
 * The subnets of a created VPC as the README's layout describes them (private blocks 0-2 of the private size from the
 * VPC's first address, then public blocks from the first address after three private ones), computed here on their own
 * so the suite checks src/config/vpc-layout.ts rather than repeating it. Prefix defaults: the VPC's + 3 and + 8, at most 28.
 */
export function expectedLayout(create: { cidr: string; availabilityZones: readonly string[]; privateSubnetPrefix?: number; publicSubnetPrefix?: number }): {
  zone: string;
  privateCidr: string;
  publicCidr: string;
}[] {
  const vpc = cidrRange(create.cidr);
  const privatePrefix = create.privateSubnetPrefix ?? Math.min(vpc.prefix + 3, 28);
  const publicPrefix = create.publicSubnetPrefix ?? Math.min(vpc.prefix + 8, 28);
  const privateSize = 2 ** (32 - privatePrefix);
  const publicSize = 2 ** (32 - publicPrefix);
  const publicStart = Math.ceil((vpc.start + 3 * privateSize) / publicSize) * publicSize;
  return create.availabilityZones.map((zone, i) => ({
    zone,
    privateCidr: `${ipv4(vpc.start + i * privateSize)}/${privatePrefix}`,
    publicCidr: `${ipv4(publicStart + i * publicSize)}/${publicPrefix}`,
  }));
}

/** Whether every subnet of the layout lies inside the VPC (the subnets cannot overlap by construction: disjoint blocks, public after private). */
export function layoutFits(create: Json): boolean {
  const vpc = cidrRange(create.cidr);
  return expectedLayout(create).every((z) =>
    [z.privateCidr, z.publicCidr].every((cidr) => {
      const s = cidrRange(cidr);
      return s.prefix >= vpc.prefix && s.start >= vpc.start && s.start + s.size <= vpc.start + vpc.size;
    }),
  );
}

/** `network.create` made to agree with rules/network.ts: zones of the region, subnets that fit (sizes dropped to the defaults, then a /16). */
function fixCreatedVpc(create: Json, region: string): Json {
  const out: Json = { ...create, availabilityZones: create.availabilityZones.map((letter: string) => `${region}${letter}`) };
  const tries: Json[] = [
    out,
    (({ publicSubnetPrefix: _p, ...rest }) => rest)(out),
    (({ privateSubnetPrefix: _p, ...rest }) => rest)(out),
    (({ privateSubnetPrefix: _p, publicSubnetPrefix: _q, ...rest }) => rest)(out),
  ];
  const fitting = tries.find(layoutFits);
  if (fitting) return fitting;
  const { privateSubnetPrefix: _p, publicSubnetPrefix: _q, ...rest } = out;
  return { ...rest, cidr: network(cidrRange(out.cidr).start, 16) };
}

/** `network.subnetTags` on given subnets: public ones under elb, private ones under internalElb (fixCluster keeps each subnet under one). */
export const subnetTagsArb: fc.Arbitrary<Json> = fc.record(
  {
    elb: fc.uniqueArray(fc.oneof(subnetIdArb, fc.constantFrom("subnet-0123abcd", "subnet-00000000000000000")), { minLength: 1, maxLength: 3 }),
    internalElb: fc.uniqueArray(fc.oneof(subnetIdArb, fc.constantFrom("subnet-0123abcd", "subnet-ffffffffffffffff0")), { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** Letters, digits, - and _ as HCP Terraform names take them: prototype names, lone separators, the length limit, near-tokens. */
function hcpNameArb(max: number, extra = ""): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(new RegExp(`^[A-Za-z0-9_${extra}-]{1,24}$`)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "prototype", "then", "-", "_", "--", "0", "-0", "1e999", "e", "E1", "Infinity", "NaN", "null", "true", "_children", "_metadata", "EOF", "x".repeat(max), "-".repeat(max), "8e298"),
    },
  );
}

/**
 * HCP Terraform's `cloud` block within the schema's patterns, without what cdktf reads as its tokens (the cloud block
 * is literal in Terraform JSON, like the S3 backend's: hostile values test that the loader rejects those).
 */
export const cloudBackendArb: fc.Arbitrary<Json> = fc
  .record(
    {
      organization: hcpNameArb(255),
      workspace: hcpNameArb(90),
      workspaceTags: fc.uniqueArray(fc.oneof(hcpNameArb(255, ":"), fc.constantFrom(":", "env:prod", "a:b:c", "::", "-:_")), { minLength: 1, maxLength: 4 }),
      project: fc.oneof(
        { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9 _-]{3,20}$/) },
        { weight: 1, arbitrary: fc.constantFrom("   ", " a ", "Default Project", "constructor", "__proto__", "p".repeat(40), "_children", "Map Token", "String Map Token") },
      ),
      hostname: fc.oneof(
        { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?){1,3}(:\d{1,5})?$/) },
        { weight: 1, arbitrary: fc.constantFrom("app.terraform.io", "tfe.example.com:443", "a.b:99999", "1.2.3.4", "xn--bcher-kva.example", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`) },
      ),
      tagged: fc.boolean(),
    },
    { requiredKeys: ["organization", "workspace", "workspaceTags", "tagged"], noNullPrototype: true },
  )
  .map(({ tagged, workspace, workspaceTags, ...rest }) => ({ ...rest, ...(tagged ? { workspaceTags } : { workspace }) }))
  .filter((cloud: Json) => [cloud.organization, cloud.workspace, ...(cloud.workspaceTags ?? []), cloud.project, cloud.hostname].every((s) => s === undefined || cdktfMarker(s) === undefined));

/**
 * Spellings within the cloud block's patterns that cdktf 0.21 reads as its tokens: a token number written without `.`
 * and `+` (letters, digits and - only), list token numbers, the map token placeholders (a project takes spaces), and a
 * host name whose labels spell a token number.
 */
export const CLOUD_TOKEN_SPELLINGS = {
  name: ["-810956221259138e284", "810956221259138e284", "-8109562212591383e283", "18881545897087503e273", "x-810956221259138e284"],
  tag: ["810956221259138e284", "env:-810956221259138e284"],
  project: ["String Map Token Value", "Any Map Token Value", "810956221259138e284"],
  hostname: ["8.10956221259138e298", "8.10956221259138e298.example", "tfe.8.10956221259138e298"],
} as const;

/** Issue 15's keys made to agree with rules/network.ts and rules/lifecycle.ts (and with each other's rules). */
function fixNetworkAndGuards(c: Json, createVpc: Json, subnetTags: Json, region: string): void {
  for (const key of ["deletionProtection", "zonalShift", "bootstrapSelfManagedAddons"]) if (c[key] === undefined) delete c[key];
  // EKS: "When EKS Auto Mode is enabled, bootstrapSelfManagedAddons must be set to false"
  if (c.bootstrapSelfManagedAddons === true && c.autoMode?.enabled === true) c.bootstrapSelfManagedAddons = false;
  // (Created VPCs in the aws partition only: a change under way elsewhere refuses them in other partitions without a key
  // this generator must not write yet, network.create.endpoints)
  if (isObject(createVpc) && partitionOfRegion(region) === "aws") {
    // One network mode: the created VPC's private subnets are everyone's (no vpcId, no subnet IDs anywhere, no subnetTags)
    const { vpcId: _v, subnetIds: _s, ...network } = c.network ?? {};
    network.create = fixCreatedVpc(createVpc, region);
    if (typeof network.serviceIpv4Cidr === "string" && rangesOverlap(network.serviceIpv4Cidr, network.create.cidr)) delete network.serviceIpv4Cidr;
    c.network = network;
    for (const g of c.nodeGroups ?? []) if (isObject(g)) delete g.subnetIds;
    if (Array.isArray(c.fargateProfiles)) c.fargateProfiles = c.fargateProfiles.map(({ subnetIds: _d, ...p }: Json) => p);
    if (c.karpenter?.discoverySubnetIds !== undefined) {
      const { discoverySubnetIds: _d, ...k } = c.karpenter;
      c.karpenter = k;
    }
  } else if (isObject(subnetTags)) {
    // A subnet is public or private: under one role only; and at least one subnet named
    const internal: string[] = subnetTags.internalElb ?? [];
    const elb: string[] = (subnetTags.elb ?? []).filter((s: string) => !internal.includes(s));
    const tags = { ...(elb.length > 0 ? { elb } : {}), ...(internal.length > 0 ? { internalElb: internal } : {}) };
    if (Object.keys(tags).length > 0) c.network = { ...(c.network ?? {}), subnetTags: tags };
  }
}

export interface ClusterOptions {
  /**
   * A plan needs no AWS API: explicit subnets (no VPC lookup) and no `latest` add-on (no version lookup), as
   * test-support/synth.ts `offlineClusterConfig`.
   */
  readonly offline?: boolean;
  /** Cluster names (default: any EKS name). */
  readonly names?: fc.Arbitrary<string>;
}

/**
 * One valid cluster as a config file gives it: every key optional (each left out takes the default), values within
 * every documented rule. `resolveClusters` must accept it.
 */
export function validClusterArb(options: ClusterOptions = {}): fc.Arbitrary<Json> {
  const offline = options.offline ?? false;
  // Versions EKS still creates on the tests' day (EKS_CDKTF_TODAY, test-support/fixed-date.js: 1.32 and later; 1.31's
  // extended support ended 2026-11-26), and unknown later ones (a warning, not an error)
  const versionArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("1.32", "1.33", "1.34", "1.35") },
    { weight: 1, arbitrary: fc.stringMatching(/^1\.\d\d$/).filter((v) => Number(v.slice(2)) >= 32) },
  );
  return fc
    .record(
      {
        name: options.names ?? eksNameArb(100),
        region: offline ? fc.constantFrom(...REGIONS) : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...REGIONS) }, { weight: 1, arbitrary: fc.constantFrom("cn-north-1", "us-gov-west-1", "eusc-de-east-1", "us-isob-east-1") }),
        kubernetesVersion: versionArb,
        tags: tagsArb,
        clusterRole: roleRefArb(roleNameArb),
        network: fc.record(
          {
            vpcId: vpcIdArb,
            subnetIds: fc.uniqueArray(subnetIdArb, { minLength: 2, maxLength: 4 }),
            securityGroupIds: fc.uniqueArray(securityGroupIdArb, { maxLength: 5 }),
            serviceIpv4Cidr: serviceCidrArb,
          },
          { requiredKeys: offline ? ["subnetIds"] : [], noNullPrototype: true },
        ),
        endpoint: fc.record(
          { access: fc.constantFrom(...ENDPOINT_ACCESS_VALUES), publicAccessCidrs: fc.uniqueArray(cidrArb, { maxLength: 4 }) },
          { requiredKeys: [], noNullPrototype: true },
        ),
        secretsEncryption: fc.oneof(fc.constant({ createKey: true }), fc.uuid().map((id) => ({ kmsKeyArn: `arn:aws:kms:REGION:111122223333:key/${id}` }))),
        logging: fc.record(
          { types: fc.uniqueArray(fc.constantFrom(...LOG_TYPES), { maxLength: 5 }), retentionDays: fc.constantFrom(...LOG_RETENTION_DAYS) },
          { requiredKeys: [], noNullPrototype: true },
        ),
        access: fc.record(
          { authenticationMode: fc.constantFrom(...AUTHENTICATION_MODES), clusterCreatorAdmin: fc.boolean(), entries: accessEntriesArb },
          { requiredKeys: [], noNullPrototype: true },
        ),
        upgradePolicy: fc.constantFrom(...SUPPORT_TYPES).map((supportType) => ({ supportType })),
        backend: fc.oneof(
          {
            weight: 2,
            arbitrary: fc
              .record(
                { bucket: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/), key: s3KeyArb, region: fc.constantFrom(...REGIONS) },
                { requiredKeys: ["bucket"], noNullPrototype: true },
              )
              .map((s3) => ({ s3 })),
          },
          // HCP Terraform (issue 15)
          { weight: 1, arbitrary: cloudBackendArb.map((cloud) => ({ cloud })) },
        ),
        addons: fc.uniqueArray(fc.tuple(addonNameArb, addonValueArb), { selector: ([k]) => k, maxLength: 5 }).map((e) => objectOf(e)),
        waivers: fc.array(waiverArb, { maxLength: 2 }),
        nodeGroups: fc.uniqueArray(nodeGroupArb(), { selector: (g) => g.name, minLength: 1, maxLength: 3 }),
        serviceAccounts: fc.uniqueArray(serviceAccountArb, { selector: (s) => `${s.namespace}/${s.name}`, maxLength: 3 }),
        karpenter: karpenterArb,
        fargateProfiles: fargateProfilesArb,
        autoMode: autoModeArb,
        // With Fargate profiles or Auto Mode: sometimes no node group at all (they run the pods)
        withoutNodeGroups: fc.constantFrom(false, false, false, true),
        share: fc.constantFrom("none", "none", "none", "labels", "tags", "extends"),
        // Issue 15: a created VPC (fixCluster moves it to network.create and drops what it excludes), ELB role tags on
        // given subnets (network.subnetTags), the lifecycle guards; each left out often, so the stacks of before stay common
        createVpc: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: createdVpcArb }),
        subnetTags: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: subnetTagsArb }),
        deletionProtection: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
        zonalShift: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
        bootstrapSelfManagedAddons: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
      },
      { requiredKeys: offline ? ["network", "share"] : ["share"], noNullPrototype: true },
    )
    .map((c) => fixCluster(c, offline));
}

/** Makes generated parts agree with the rules that span keys (and share objects, for YAML anchors). */
function fixCluster(generated: Json, offline: boolean): Json {
  const { share, createVpc, subnetTags, ...c } = generated;
  const groups: Json[] = c.nodeGroups ?? [];
  if (share === "extends" && groups.length >= 2) {
    // The second group repeats the first with changes (YAML can write it as `<<: *first` plus the changes).
    const [first, second] = groups;
    const merged = objectOf([...Object.keys(first).map((k) => [k, first[k]] as const), ...Object.keys(second).map((k) => [k, second[k]] as const)]);
    if (merged.remoteAccess !== undefined && merged.imds !== undefined) delete merged[Object.prototype.hasOwnProperty.call(second, "imds") ? "remoteAccess" : "imds"];
    const release = second[RELEASE] ?? first[RELEASE];
    if (release !== undefined) Object.defineProperty(merged, RELEASE, { value: release, enumerable: false, writable: true, configurable: true });
    groups[1] = merged;
  }
  const minor = Number(String(c.kubernetesVersion ?? "1.35").slice(2));
  const region = c.region ?? "us-east-1";
  if (c.secretsEncryption?.kmsKeyArn) c.secretsEncryption = { kmsKeyArn: c.secretsEncryption.kmsKeyArn.replace("REGION", region) };
  if (c.logging?.retentionDays !== undefined && !(c.logging.types?.length > 0)) c.logging = { ...c.logging, types: ["audit"] };
  if (c.access?.authenticationMode === "CONFIG_MAP" && c.access.entries !== undefined) {
    const { entries: _dropped, ...rest } = c.access;
    c.access = rest;
  }
  if (c.endpoint?.access === "private" && c.endpoint.publicAccessCidrs?.length > 0) c.endpoint = { access: "private" };
  // A public endpoint takes public CIDRs only, and an empty list would leave EKS's 0.0.0.0/0 (rules.ts)
  if (c.endpoint?.access !== "private" && Array.isArray(c.endpoint?.publicAccessCidrs)) {
    const cidrs = c.endpoint.publicAccessCidrs.filter((cidr: string) => !nonPublicRangeOf(cidr));
    c.endpoint = { ...c.endpoint, publicAccessCidrs: cidrs.length > 0 ? cidrs : ["203.0.113.0/24"] };
  }
  // Every ARN in the region's partition (rules.ts checkPartitions)
  const partition = partitionOfRegion(region) ?? "aws";
  const inPartition = (arn: string) => arn.replace(/^arn:[^:]+:/, `arn:${partition}:`);
  if (c.secretsEncryption?.kmsKeyArn) c.secretsEncryption = { kmsKeyArn: inPartition(c.secretsEncryption.kmsKeyArn) };
  if (c.clusterRole?.arn) c.clusterRole = { arn: inPartition(c.clusterRole.arn) };
  for (const e of c.access?.entries ?? []) e.principalArn = inPartition(e.principalArn);
  for (const s of c.serviceAccounts ?? []) if (Array.isArray(s.managedPolicyArns)) s.managedPolicyArns = s.managedPolicyArns.map(inPartition);
  // Add-on roles only where the table knows the service account and a role is needed (rules.ts checkWorkloadIdentity),
  // and a service account gets one role: an add-on's or an entry's
  const taken = new Set<string>();
  for (const name of Object.keys(c.addons ?? {})) {
    const a = c.addons[name];
    if (a === null || typeof a !== "object" || a.role === undefined) continue;
    const entry = addonCatalogEntry(name);
    if (!entry?.serviceAccount || !entry.namespace || !entry.needsIamRole || !entry.managedPolicy) {
      const { role: _dropped, ...rest } = a;
      c.addons[name] = rest;
    } else taken.add(`${entry.namespace}/${entry.serviceAccount}`);
  }
  if (Array.isArray(c.serviceAccounts)) c.serviceAccounts = c.serviceAccounts.filter((s: Json) => !taken.has(`${s.namespace}/${s.name}`));
  // EKS Pod Identity needs its agent: not removed with null (rules.ts checkWorkloadIdentity)
  const podIdentity =
    (c.serviceAccounts ?? []).some((s: Json) => (s.identity ?? "pod-identity") === "pod-identity") ||
    Object.values(c.addons ?? {}).some((a: any) => a?.role !== undefined && (a.role.identity ?? "pod-identity") === "pod-identity");
  if (podIdentity && c.addons && c.addons["eks-pod-identity-agent"] === null) delete c.addons["eks-pod-identity-agent"];
  // IAM role names are case-insensitive and one role is not both the cluster's and the nodes' (rules.ts checkRoleNames)
  const nodeRoleNames = new Set((c.nodeGroups ?? []).map((g: Json) => g?.role?.name).filter((n: unknown): n is string => typeof n === "string").map((n: string) => n.toLowerCase()));
  // ... nor the default node role's name, which node groups naming no role get (src/config/role-names.ts)
  nodeRoleNames.add(defaultNodeRoleName(typeof c.name === "string" ? c.name : "simple-bank").toLowerCase());
  // Every role name once (service account and add-on roles too, derived or given)
  const clusterName = typeof c.name === "string" ? c.name : "simple-bank";
  const roleNames = new Set<string>([...(nodeRoleNames as Set<string>), String(c.clusterRole?.name ?? defaultClusterRoleName(clusterName)).toLowerCase()]);
  const claim = (name: string) => {
    if (roleNames.has(name.toLowerCase())) return false;
    roleNames.add(name.toLowerCase());
    return true;
  };
  // Karpenter, Fargate and Auto Mode roles (issue 14), given or derived, before the service accounts' derived ones
  fixComputeRoles(c, clusterName, claim);
  if (Array.isArray(c.serviceAccounts)) c.serviceAccounts = c.serviceAccounts.filter((s: Json) => claim(defaultServiceAccountRoleName(clusterName, s.namespace, s.name)));
  for (const name of Object.keys(c.addons ?? {})) {
    const role = c.addons[name]?.role;
    if (role && !claim(role.roleName ?? defaultAddonRoleName(clusterName, name))) c.addons[name] = { ...c.addons[name], role: { ...role, roleName: fit(`${name}-${roleNames.size}`, 1, 64) } };
  }
  if (typeof c.clusterRole?.name === "string" && nodeRoleNames.has(c.clusterRole.name.toLowerCase())) c.clusterRole = { name: fit(`${c.clusterRole.name}-cp`, 1, 64) };
  for (const g of c.nodeGroups ?? []) {
    if (g.amiType?.startsWith("AL2_") && minor >= 33) {
      g.amiType = { AL2_x86_64: "AL2023_x86_64_STANDARD", AL2_x86_64_GPU: "AL2023_x86_64_NVIDIA", AL2_ARM_64: "AL2023_ARM_64_STANDARD" }[g.amiType as string];
    }
    if (g.role?.arn) g.role = { arn: inPartition(g.role.arn) };
    // The AMI family's smallest disk (catalogs/ami-root-volumes.ts): 20 GiB, Windows 50
    const minDisk = String(g.amiType ?? "").startsWith("WINDOWS_") ? 50 : 20;
    if ((g.diskSize ?? 20) < minDisk) g.diskSize = minDisk;
    // Taints unique by key and effect (kubectl spellings included)
    if (Array.isArray(g.taints)) {
      const effect = (e: string) => ({ NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" } as Record<string, string>)[e] ?? e;
      g.taints = g.taints.filter((t: Json, i: number) => g.taints.findIndex((u: Json) => u.key === t.key && effect(u.effect) === effect(t.effect)) === i);
    }
    // At most 50 tags once the cluster's are merged on (rules.ts checkMergedTags)
    if (g.tags) {
      const clusterKeys = Object.keys(c.tags ?? {});
      const extra = Object.keys(g.tags).filter((k) => !clusterKeys.includes(k));
      for (const k of extra.slice(Math.max(0, 50 - clusterKeys.length))) delete g.tags[k];
    }
    const maxSize = g.scaling?.maxSize ?? 2;
    if (g.update?.maxUnavailable > maxSize) g.update = { maxUnavailable: maxSize };
    fixNodeGroupCompute(g, { kubernetesVersion: String(c.kubernetesVersion ?? "1.35"), region, partition });
  }
  fixClusterCompute(c);
  if (offline) {
    const addons = c.addons ?? objectOf([]);
    for (const name of DEFAULT_ADDONS) if (!Object.prototype.hasOwnProperty.call(addons, name)) setKey(addons, name, { version: "default" });
    for (const name of Object.keys(addons)) {
      const a = addons[name];
      if (a !== null && (a.version === undefined || a.version === "latest")) addons[name] = { ...a, version: `v1.${name.length}.0-eksbuild.1` };
    }
    c.addons = addons;
  }
  // kube-proxy builds exist for the cluster's own minor only (an error otherwise: src/config/catalog-checks.ts)
  const kubeProxy = c.addons?.["kube-proxy"];
  if (kubeProxy && typeof kubeProxy.version === "string" && kubeProxy.version.startsWith("v")) {
    c.addons["kube-proxy"] = { ...kubeProxy, version: `v${c.kubernetesVersion ?? "1.35"}.0-eksbuild.1` };
  }
  fixNetworkAndGuards(c, createVpc, subnetTags, region);
  // Honest reuse: the same object in two places (YAML writes it once, with an anchor and an alias).
  if (share === "labels" && groups.length >= 2 && groups[0].labels) groups[1].labels = groups[0].labels;
  if (share === "tags" && groups.length >= 1 && c.tags) groups[0].tags = c.tags;
  return c;
}

/** The AMI family's smallest volume (catalogs/ami-root-volumes.ts); undefined for CUSTOM. */
function amiFloor(amiType: unknown): number | undefined {
  const family = AMI_FAMILY_PREFIXES.find((p) => String(amiType ?? "AL2023_x86_64_STANDARD").startsWith(p));
  return family ? AMI_ROOT_VOLUMES[family].safeMinimumDiskSizeGiB : undefined;
}
const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);

/**
 * A node group's settings of issue 14 made to agree with rules/node-group-compute.ts and rules.ts: custom AMIs and
 * Capacity Blocks complete, the root volume within its type's limits, the AMI's floor and the IOPS and throughput
 * ratios, its key in the cluster's region and partition, kubelet settings only where the AMI takes them, a release
 * version of the AMI family's form and the cluster's version, and no remote access beside a launch template.
 * New objects, never changes in place: a group may share objects with another (`extends`).
 */
function fixNodeGroupCompute(g: Json, cluster: { kubernetesVersion: string; region: string; partition: string }): void {
  if (g.amiId !== undefined) g.amiType = "CUSTOM";
  if (g.capacityReservationId !== undefined) {
    g.capacityType = "CAPACITY_BLOCK";
    if (Array.isArray(g.instanceTypes) && g.instanceTypes.length > 1) g.instanceTypes = g.instanceTypes.slice(0, 1);
  } else if (g.capacityType === "CAPACITY_BLOCK") g.capacityType = "ON_DEMAND";
  const amiType = String(g.amiType ?? "AL2023_x86_64_STANDARD");
  if (g.rootVolume !== undefined) {
    const v: Json = { ...g.rootVolume };
    const type = (v.type ?? "gp3") as keyof typeof VOLUME_LIMITS;
    const limits: { minSize: number; maxSize: number; minIops?: number; maxIops?: number; iopsPerGiB?: number } = VOLUME_LIMITS[type];
    if (v.size !== undefined) v.size = clamp(v.size, Math.max(limits.minSize, amiFloor(amiType) ?? 1), limits.maxSize);
    const size: number = v.size ?? g.diskSize ?? 20;
    if (limits.minIops === undefined || limits.maxIops === undefined) delete v.iops;
    else if (v.iops !== undefined || type !== "gp3") {
      // io1 and io2 need IOPS; gp3 at most 500 per GiB (a volume under 6 GiB cannot have gp3's 3000: left to the default)
      const max = type === "gp3" ? Math.min(limits.maxIops, size * limits.iopsPerGiB!) : limits.maxIops;
      if (max < limits.minIops) delete v.iops;
      else v.iops = clamp(v.iops ?? limits.minIops, limits.minIops, max);
    }
    if (type !== "gp3") delete v.throughput;
    else if (v.throughput !== undefined) v.throughput = Math.min(v.throughput, Math.floor((v.iops ?? VOLUME_LIMITS.gp3.defaultIops) * GP3_THROUGHPUT_PER_IOPS));
    if (v.encrypted === false) delete v.kmsKeyArn;
    if (v.kmsKeyArn !== undefined) v.kmsKeyArn = v.kmsKeyArn.replace("PARTITION", cluster.partition).replace("REGION", cluster.region);
    g.rootVolume = v;
  }
  if (g.kubelet !== undefined) {
    // AL2 and Windows take no kubelet settings, Bottlerocket no flags (maxPods only)
    if (amiType.startsWith("AL2_") || amiType.startsWith("WINDOWS_")) delete g.kubelet;
    else if (amiType.startsWith("BOTTLEROCKET_") && g.kubelet.flags !== undefined) {
      const { flags: _dropped, ...rest } = g.kubelet;
      g.kubelet = rest;
    }
  }
  const release = g[RELEASE];
  if (release !== undefined && amiType !== "CUSTOM") {
    if (amiType.startsWith("AL2")) g.releaseVersion = `${cluster.kubernetesVersion}.${release.patch}-${release.date}`;
    else if (amiType.startsWith("BOTTLEROCKET_")) g.releaseVersion = `${release.bottlerocket[0]}.${release.bottlerocket[1]}.${release.patch}-${release.build}`;
    else g.releaseVersion = release.free;
  }
  if (g.remoteAccess !== undefined && usesLaunchTemplate(g)) delete g.remoteAccess;
}

/**
 * Karpenter, Fargate profiles and Auto Mode made to agree with rules/karpenter.ts, rules/fargate-auto-mode.ts and
 * rules.ts: access entries on (Karpenter's node role and Auto Mode need them), Karpenter's service account its own,
 * the Pod Identity agent kept when Karpenter uses Pod Identity, a queue name within SQS's 80 characters, and no node
 * groups only where Fargate or Auto Mode run the pods.
 */
/** Labels of the Karpenter controller's pods (the Helm chart's, for a release named karpenter). */
const KARPENTER_CONTROLLER_POD_LABELS = { "app.kubernetes.io/name": "karpenter", "app.kubernetes.io/instance": "karpenter" };

function fixClusterCompute(c: Json): void {
  const withoutNodeGroups = c.withoutNodeGroups === true;
  delete c.withoutNodeGroups;
  const autoMode = c.autoMode?.enabled === true;
  if (withoutNodeGroups && (autoMode || c.fargateProfiles?.length > 0)) c.nodeGroups = [];
  if ((c.karpenter !== undefined || autoMode) && c.access?.authenticationMode === "CONFIG_MAP") c.access = { ...c.access, authenticationMode: "API_AND_CONFIG_MAP" };
  if (c.karpenter === undefined) return;
  // A controller that can run only on Fargate (rules/karpenter.ts): IRSA (Fargate pods get no Pod Identity), and a
  // profile that selects its pods
  if (Array.isArray(c.nodeGroups) && c.nodeGroups.length === 0 && !autoMode && c.fargateProfiles?.length > 0) {
    c.karpenter = { ...c.karpenter, identity: "irsa" };
    const namespace = c.karpenter.namespace ?? KARPENTER_NAMESPACE;
    const selected = c.fargateProfiles.some((p: Json) => p.selectors.some((sel: Json) => selectorMatches(sel, namespace, KARPENTER_CONTROLLER_POD_LABELS)));
    if (!selected) {
      const [first, ...others] = c.fargateProfiles;
      c.fargateProfiles = [{ ...first, selectors: [...first.selectors.slice(0, 4), { namespace }] }, ...others];
    }
  }
  const k = c.karpenter;
  if ((k.identity ?? "pod-identity") === "pod-identity" && c.addons && c.addons["eks-pod-identity-agent"] === null) delete c.addons["eks-pod-identity-agent"];
  const namespace = k.namespace ?? KARPENTER_NAMESPACE;
  const serviceAccount = k.serviceAccount ?? KARPENTER_SERVICE_ACCOUNT;
  if (Array.isArray(c.serviceAccounts)) c.serviceAccounts = c.serviceAccounts.filter((s: Json) => !(s.namespace === namespace && s.name === serviceAccount));
  const name = typeof c.name === "string" ? c.name : "simple-bank";
  if (k.interruptionQueue !== false && k.interruptionQueueName === undefined && defaultKarpenterQueueName(name).length > SQS_QUEUE_NAME_MAX) {
    c.karpenter = { ...k, interruptionQueueName: `karpenter-${name.slice(0, SQS_QUEUE_NAME_MAX - 10)}` };
  }
}

/**
 * Every role Karpenter, Fargate and Auto Mode create gets a name no other role has (IAM names are case-insensitive;
 * rules.ts checkRoleNames), given or derived (a derived name that is taken is replaced by a given one); Fargate
 * profiles may share a pod execution role by naming it exactly, and pod execution roles stay distinct once made
 * Terraform names (`pod_execution_role_<name>`, names.ts).
 */
function fixComputeRoles(c: Json, clusterName: string, claim: (name: string) => boolean): void {
  const own = (name: string, taken: (n: string) => boolean = () => false): string => {
    let candidate = name;
    // (-own<n>, never -<n>: validFileArb's other clusters append -<i> to the names they give)
    for (let i = 1; taken(candidate) || !claim(candidate); i++) candidate = fit(`${name.slice(0, 56)}-own${i}`, 1, 64);
    return candidate;
  };
  if (c.karpenter !== undefined) {
    const k = { ...c.karpenter };
    const controller = k.controllerRoleName ?? defaultKarpenterControllerRoleName(clusterName);
    const controllerOwn = own(controller);
    if (controllerOwn !== controller || k.controllerRoleName !== undefined) k.controllerRoleName = controllerOwn;
    const node = k.nodeRoleName ?? defaultKarpenterNodeRoleName(clusterName);
    const nodeOwn = own(node);
    if (nodeOwn !== node || k.nodeRoleName !== undefined) k.nodeRoleName = nodeOwn;
    c.karpenter = k;
  }
  if (Array.isArray(c.fargateProfiles)) {
    const podRoles = new Map<string, string>(); // exact name -> Terraform name
    const terraformNames = new Set<string>();
    c.fargateProfiles = c.fargateProfiles.map((p: Json) => {
      const name: string = p.podExecutionRoleName ?? defaultPodExecutionRoleName(clusterName);
      if (podRoles.has(name)) return p;
      const chosen = own(name, (n) => terraformNames.has(terraformName([n])));
      podRoles.set(chosen, terraformName([chosen]));
      terraformNames.add(terraformName([chosen]));
      return chosen === name ? p : { ...p, podExecutionRoleName: chosen };
    });
  }
  if (c.autoMode?.enabled === true) {
    const name = c.autoMode.nodeRoleName ?? defaultAutoModeNodeRoleName(clusterName);
    const chosen = own(name);
    if (chosen !== name || c.autoMode.nodeRoleName !== undefined) c.autoMode = { ...c.autoMode, nodeRoleName: chosen };
  }
}

/** The cluster with every role it names made its own (`-<i>` appended): IAM role names are unique in an account. */
function ownRoleNames(c: Json, i: number): Json {
  if (i === 0) return c;
  const own = (role: Json) => (typeof role?.name === "string" ? { name: suffixed(role.name, i) } : role);
  return {
    ...c,
    ...(c.clusterRole ? { clusterRole: own(c.clusterRole) } : {}),
    ...(Array.isArray(c.nodeGroups) ? { nodeGroups: c.nodeGroups.map((g: Json) => (g?.role ? { ...g, role: own(g.role) } : g)) } : {}),
    ...(c.karpenter ? { karpenter: { ...c.karpenter, ...ownName(c.karpenter, "controllerRoleName", i), ...ownName(c.karpenter, "nodeRoleName", i) } } : {}),
    ...(Array.isArray(c.fargateProfiles) ? { fargateProfiles: c.fargateProfiles.map((p: Json) => ({ ...p, ...ownName(p, "podExecutionRoleName", i) })) } : {}),
    ...(c.autoMode ? { autoMode: { ...c.autoMode, ...ownName(c.autoMode, "nodeRoleName", i) } } : {}),
  };
}

/** `{ [key]: <the name at key>-<i> }` when `o` names a role at `key`, else nothing. */
function ownName(o: Json, key: string, i: number): Json {
  return typeof o?.[key] === "string" ? { [key]: suffixed(o[key], i) } : {};
}

/**
 * `<name>-<i>` within IAM's 64 characters; a name cut to fit keeps a hash of the whole, so two names that differ only
 * past the cut stay different (a seed once made a Karpenter controller and node role one name this way).
 */
function suffixed(name: string, i: number): string {
  if (name.length <= 60) return `${name}-${i}`;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, 50)}-${hash}-${i}`;
}

/** A valid file: one cluster, or `{ clusters: [...] }` with unique names. */
export function validFileArb(options: ClusterOptions = {}): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 3, arbitrary: validClusterArb(options) },
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(validClusterArb({ ...options, names: options.names ?? fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/) }), { selector: (c) => c.name, minLength: 1, maxLength: 3 })
        .map((clusters) => ({ clusters: clusters.map((c, i) => ({ ...ownRoleNames(c, i), name: c.name ?? `c${i}` })) })),
    },
  );
}

// ---- names that collide once sanitized into Terraform names ----------------------------------------------------

/**
 * Valid-looking clusters whose names clash in Terraform: `eks.nodes` and `eks_nodes` roles, access entries
 * `role/a/admin` and `role/b/admin`, a node group `x` with a launch template beside a node group `x_launch_template`,
 * an add-on at `latest` beside one named `<it>_version`, a role beside `<it>_<policy>`, a node group named after an
 * output (`arns`: `node_group_arns`). Each must be rejected with a
 * ConfigError or synthesize; never crash.
 */
export const collidingClusterArb: fc.Arbitrary<Json> = fc
  .tuple(
    fc.constantFrom(
      "roles",
      "roleSuffix",
      "principals",
      "principalPolicy",
      "principalDots",
      "launchTemplate",
      "addonVersion",
      "outputName",
      "podExecutionRoles",
      "podExecutionRoleCase",
      "fargateOutput",
      "fargateTwice",
      "karpenterRoles",
      "computeRoles",
      "computeLaunchTemplate",
    ),
    fc.constantFrom(".", "_", "+", "=", ",", "@", "-"),
    fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
    fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
  )
  .map(([kind, separator, a, b]) => {
    const group = (name: string, extra: Json = {}) => ({ name, ...extra });
    const entry = (arn: string) => ({ principalArn: arn, policies: [{ policy: "AmazonEKSViewPolicy" }] });
    const profile = (name: string, extra: Json = {}) => ({ name, selectors: [{ namespace: b }], ...extra });
    switch (kind) {
      case "roles":
        return { nodeGroups: [group("g1", { role: { name: `${a}${separator}${b}` } }), group("g2", { role: { name: `${a}_${b}` } })] };
      case "roleSuffix":
        return { nodeGroups: [group("g1", { role: { name: a } }), group("g2", { role: { name: `${a}_AmazonEKS_CNI_Policy` } })] };
      case "principals":
        return { access: { entries: [entry(`arn:aws:iam::111122223333:role/${a}/admin`), entry(`arn:aws:iam::111122223333:role/${b}x/admin`)] } };
      case "principalPolicy":
        return { access: { entries: [entry(`arn:aws:iam::111122223333:role/${a}`), entry(`arn:aws:iam::111122223333:role/${a}_AmazonEKSViewPolicy`)] } };
      case "principalDots":
        return { access: { entries: [entry(`arn:aws:iam::111122223333:user/${a}${separator}${b}`), entry(`arn:aws:iam::111122223333:user/${a}_${b}`)] } };
      case "launchTemplate":
        return { nodeGroups: [group(a, { imds: { hopLimit: 2 } }), group(`${a}_launch_template`)] };
      case "outputName":
        // aws_eks_node_group.node_group_arns beside output.node_group_arns (Terraform keeps them apart)
        return { nodeGroups: [group(a.length % 2 === 0 ? "arns" : "statuses")] };
      case "podExecutionRoles":
        // pod_execution_role_a_b twice
        return { fargateProfiles: [profile("p1", { podExecutionRoleName: `${a}${separator}${b}` }), profile("p2", { podExecutionRoleName: `${a}_${b}` })] };
      case "podExecutionRoleCase":
        return { fargateProfiles: [profile("p1", { podExecutionRoleName: a }), profile("p2", { podExecutionRoleName: a.toUpperCase() })] };
      case "fargateOutput":
        // aws_eks_fargate_profile.fargate_profile_arns beside output.fargate_profile_arns
        return { fargateProfiles: [profile("arns"), profile(a)] };
      case "fargateTwice":
        return { fargateProfiles: [profile(a), profile(a, { selectors: [{ namespace: `${b}*` }] })] };
      case "karpenterRoles":
        // Karpenter's roles named as a node role (another case), as each other, or as the cluster role's default
        return {
          nodeGroups: [group("g1", { role: { name: a } })],
          karpenter: separator === "." ? { controllerRoleName: a.toUpperCase() } : separator === "_" ? { controllerRoleName: b, nodeRoleName: b } : { nodeRoleName: "simple-bank-eks-cluster" },
        };
      case "computeRoles":
        // Auto Mode's node role, a pod execution role and Karpenter's defaults meeting
        return {
          autoMode: { enabled: true, nodeRoleName: separator === "-" ? "simple-bank-karpenter" : `${a}${separator}${b}` },
          karpenter: {},
          fargateProfiles: [profile("p1", { podExecutionRoleName: separator === "-" ? "simple-bank-karpenter-node" : `${a}_${b}` })],
        };
      case "computeLaunchTemplate":
        // node_group_<a>_launch_template from a launch template of issue 14's settings beside a group of that name
        return { nodeGroups: [group(a, separator === "." ? { kubelet: { maxPods: 20 } } : { rootVolume: { size: 30 } }), group(`${a}_launch_template`)] };
      default:
        return { addons: { [a]: { version: "latest" }, [`${a}_version`]: { version: "default" } } };
    }
  });

// ---- issue 15's keys at their edges ---------------------------------------------------------------------------------

const EDGE_KINDS = [
  "cloudToken",
  "cloudLimits",
  "cloudShape",
  "vpcCidr",
  "vpcZones",
  "vpcPrefixes",
  "vpcWith",
  "vpcWarning",
  "subnetTags",
  "bootstrap",
] as const;

/**
 * A valid cluster with one of issue 15's keys at an edge: HCP Terraform names that cdktf reads as tokens though the
 * patterns allow them, names one past their limits, s3 beside cloud, workspace beside workspaceTags; VPC CIDRs and
 * prefixes past AWS's limits, host bits, layouts that do not fit, zones of another region or zone IDs, one or four
 * zones; a created VPC beside vpcId, subnetIds, subnet IDs of node groups, Fargate profiles and Karpenter, subnetTags,
 * an overlapping service CIDR; empty and overlapping subnetTags; bootstrapSelfManagedAddons against Auto Mode and
 * without the networking add-ons. Each must be rejected with a ConfigError or synthesize with its values literal.
 */
export const issue15EdgeArb: fc.Arbitrary<Json> = fc.tuple(validClusterArb(), fc.constantFrom(...EDGE_KINDS), fc.nat(), fc.nat()).map(([config, kind, pick, pick2]) => {
  const c = clone(config);
  const region: string = c.region ?? "us-east-1";
  const one = <T>(values: readonly T[]): T => values[pick % values.length];
  const cloud = (extra: Json) => {
    c.backend = { cloud: { organization: "acme", workspace: "eks", ...extra } };
  };
  const created = (create: Json) => {
    const { vpcId: _v, subnetIds: _s, subnetTags: _t, ...network } = c.network ?? {};
    c.network = { ...network, create: { cidr: "10.0.0.0/16", availabilityZones: [`${region}a`, `${region}b`], ...create } };
    for (const g of c.nodeGroups ?? []) delete g.subnetIds;
    if (Array.isArray(c.fargateProfiles)) c.fargateProfiles = c.fargateProfiles.map(({ subnetIds: _d, ...p }: Json) => p);
    if (c.karpenter) delete c.karpenter.discoverySubnetIds;
    if (typeof c.network.serviceIpv4Cidr === "string" && rangesOverlap(c.network.serviceIpv4Cidr, c.network.create.cidr)) delete c.network.serviceIpv4Cidr;
  };
  switch (kind) {
    case "cloudToken": {
      const field = one(["organization", "workspace", "workspaceTags", "project", "hostname"] as const);
      const spellings = field === "workspaceTags" ? CLOUD_TOKEN_SPELLINGS.tag : field === "project" ? CLOUD_TOKEN_SPELLINGS.project : field === "hostname" ? CLOUD_TOKEN_SPELLINGS.hostname : CLOUD_TOKEN_SPELLINGS.name;
      const value = spellings[pick2 % spellings.length];
      if (field === "workspaceTags") c.backend = { cloud: { organization: "acme", workspaceTags: ["eks", value] } };
      else cloud({ [field]: value });
      break;
    }
    case "cloudLimits":
      cloud(
        one<Json>([
          { organization: "o".repeat(256) },
          { organization: "o".repeat(255) },
          { workspace: "w".repeat(91) },
          { workspace: "w".repeat(90) },
          { organization: "" },
          { organization: "acme corp" },
          { workspace: "eks.prod" },
          { project: "ab" },
          { project: "p".repeat(41) },
          { project: "abc" },
          { hostname: "https://app.terraform.io" },
          { hostname: "app.terraform.io/" },
          { hostname: "localhost" },
          { hostname: "APP.terraform.io" },
          { hostname: `${"h".repeat(250)}.io` },
          { hostname: "a.b:123456" },
          { hostname: "a.b:65535" },
          { token: "x" },
        ]),
      );
      break;
    case "cloudShape":
      c.backend = one<Json>([
        { s3: { bucket: "state-bucket" }, cloud: { organization: "acme", workspace: "eks" } },
        { cloud: { organization: "acme", workspace: "eks", workspaceTags: ["eks"] } },
        { cloud: { organization: "acme" } },
        { cloud: { organization: "acme", workspaceTags: [] } },
        { cloud: { organization: "acme", workspaceTags: ["eks", "eks"] } },
        { cloud: { workspace: "eks" } },
        { cloud: {} },
        {},
        { cloud: { organization: "acme", workspace: "eks", hostname: "app.terraform.io", project: "Default Project" } },
      ]);
      break;
    case "vpcCidr":
      created({ cidr: one(["10.0.0.0/15", "10.0.0.0/29", "10.0.0.1/16", "10.0.0.0/8", "0.0.0.0/0", "256.0.0.0/16", "10.0.0.0", "10.0.0.0/016", " 10.0.0.0/16", "10.0.0.0/28", "10.0.0.0/27", "10.0.0.0/26", "::/0", "10.0.0.0/16\n"]) });
      break;
    case "vpcZones":
      created({
        availabilityZones: one<string[]>([
          [`${region}a`],
          [`${region}a`, `${region}b`, `${region}c`, `${region}d`],
          [`${region}a`, `${region}a`],
          [`${region}a`, region === "eu-west-1" ? "us-east-1b" : "eu-west-1b"],
          ["use1-az1", "use1-az2"],
          [`${region}a`, `${region}-b`],
          [`${region}a`, `${region}1`],
          [`${region}a`, `${region}A`],
          [`${region}a`, `${region}aa`],
          [`${region}z`, `${region}y`, `${region}x`],
        ]),
      });
      break;
    case "vpcPrefixes":
      created(
        one<Json>([
          { privateSubnetPrefix: 15 },
          { publicSubnetPrefix: 29 },
          { privateSubnetPrefix: 16 },
          { privateSubnetPrefix: 17, publicSubnetPrefix: 17 },
          { privateSubnetPrefix: 18, publicSubnetPrefix: 18, availabilityZones: [`${region}a`, `${region}b`, `${region}c`] },
          { cidr: "10.0.0.0/20", privateSubnetPrefix: 16 },
          { cidr: "10.0.0.0/26" },
          { cidr: "10.0.0.0/25" },
          { cidr: "10.0.0.0/28", privateSubnetPrefix: 28, publicSubnetPrefix: 28 },
          { privateSubnetPrefix: 28, publicSubnetPrefix: 16 },
          { privateSubnetPrefix: 19.5 },
          { natGateways: "none" },
          { natGateways: "single", availabilityZones: [`${region}a`, `${region}b`, `${region}c`] },
        ]),
      );
      break;
    case "vpcWith": {
      created({});
      const subnets = ["subnet-0123abcd", "subnet-0123abce"];
      const what = one(["vpcId", "subnetIds", "nodeGroup", "fargate", "karpenter", "subnetTags", "serviceCidr", "serviceCidrFree"] as const);
      if (what === "vpcId") c.network.vpcId = "vpc-0123abcd";
      else if (what === "subnetIds") c.network.subnetIds = subnets;
      else if (what === "nodeGroup") c.nodeGroups = [{ ...(c.nodeGroups?.[0] ?? { name: "general" }), subnetIds: subnets }, ...(c.nodeGroups ?? []).slice(1)];
      else if (what === "fargate") c.fargateProfiles = [{ name: "fp", selectors: [{ namespace: "default" }], subnetIds: subnets }];
      else if (what === "karpenter") c.karpenter = { ...(c.karpenter ?? {}), discoverySubnetIds: subnets };
      else if (what === "subnetTags") c.network.subnetTags = { elb: subnets };
      else if (what === "serviceCidr") c.network.serviceIpv4Cidr = one(["10.0.0.0/16", "10.0.128.0/24", "10.0.0.0/12"]);
      else c.network.serviceIpv4Cidr = "172.20.0.0/16";
      break;
    }
    case "vpcWarning":
      created({ cidr: one(["172.17.0.0/16", "172.16.0.0/12", "8.8.0.0/16", "100.64.0.0/16", "11.0.0.0/16", "192.168.255.240/28"]), natGateways: one(["single", "one-per-zone"]) });
      if (pick2 % 2 === 0) c.tags = { ...(c.tags ?? {}), environment: "production" };
      break;
    case "subnetTags": {
      const { create: _c, ...network } = c.network ?? {};
      c.network = {
        ...network,
        subnetTags: one<Json>([
          {},
          { elb: [] },
          { internalElb: [] },
          { elb: ["subnet-0123abcd"], internalElb: ["subnet-0123abcd"] },
          { elb: ["subnet-0123abcd", "subnet-0123abcd"] },
          { elb: ["subnet-0123abcd"], internalElb: ["subnet-0123abce", "subnet-0123abcd"] },
          { elb: ["vpc-0123abcd"] },
          { elb: ["subnet-0123abcd"], public: ["subnet-0123abce"] },
          { internalElb: ["subnet-0123abcd"] },
        ]),
      };
      break;
    }
    case "bootstrap":
      if (pick % 3 === 0) c.autoMode = { ...(c.autoMode ?? {}), enabled: true };
      c.bootstrapSelfManagedAddons = pick % 2 === 0;
      if (pick2 % 2 === 0) c.addons = { ...(c.addons ?? {}), "vpc-cni": null, "kube-proxy": null, coredns: null };
      c.deletionProtection = pick2 % 3 === 0;
      break;
  }
  return c;
});

// ---- hostile values ---------------------------------------------------------------------------------------------------

/** A string of about 1 MiB holding template markers and controls (built once). */
let hugeString: string | undefined;
export function huge(): string {
  return (hugeString ??= `${"${x}%{y}\u202e\u0000\n".repeat(1 << 16)}${"a".repeat(1 << 19)}`);
}

/** Keys a config may hold by mistake or malice: prototype names, real keys in the wrong place, odd strings. */
export const SCHEMA_KEYS = [
  "name",
  "region",
  "kubernetesVersion",
  "tags",
  "clusterRole",
  "network",
  "endpoint",
  "secretsEncryption",
  "logging",
  "access",
  "upgradePolicy",
  "backend",
  "addons",
  "waivers",
  "nodeGroups",
  "clusters",
  "labels",
  "taints",
  "scaling",
  "update",
  "version",
  "arn",
  "s3",
  "rootVolume",
  "kubelet",
  "amiId",
  "securityGroupIds",
  "propagateTags",
  "capacityReservationId",
  "nodeRepair",
  "forceUpdateVersion",
  "releaseVersion",
  "karpenter",
  "fargateProfiles",
  "autoMode",
  "selectors",
  "nodePools",
  "flags",
  "maxPods",
  "podExecutionRoleName",
  "interruptionQueueName",
  // issue 15
  "create",
  "cidr",
  "availabilityZones",
  "natGateways",
  "privateSubnetPrefix",
  "publicSubnetPrefix",
  "subnetTags",
  "elb",
  "internalElb",
  "cloud",
  "organization",
  "workspace",
  "workspaceTags",
  "project",
  "hostname",
  "deletionProtection",
  "zonalShift",
  "bootstrapSelfManagedAddons",
] as const;
export const hostileKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...SCHEMA_KEYS) },
  { weight: 2, arbitrary: trickyString({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "<<", "a.b", "a[0]", '"', "\\", "nodeGroups[0]", "tags[\"x\"]", "(top level)") },
);

export const hostileScalarArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(null, true, false, 0, -0, 1, -1, 1.5, 0.1, 2, 1e21, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN, 451, 16385, 3653, 65),
  },
  { weight: 4, arbitrary: trickyString({ maxLength: 300 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom("latest", "NoSchedule", "1.30", "1.3", "us-east-1", "subnet-0123abcd", "sg-0123abcd", "private", "API", "CUSTOM", "AL2_x86_64", "t3.micro", "m7g.large", "0.0.0.0/0", "10.0.0.1/8", "kubernetes.io/x", "aws:x") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "CAPACITY_BLOCK",
      "gp3",
      "io2",
      "st1",
      "ami-0123abcd",
      "cr-0123abcd",
      "--node-labels=a=b",
      "--x=${y}",
      "-x",
      "*",
      "?",
      "**",
      "kube-*",
      "general-purpose",
      "auto",
      "pod-identity",
      "1.35.0-20260101",
      "1.26.2-360b7a38",
      "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
      "arn:aws:kms:us-east-1:111122223333:alias/aws/ebs",
      "q".repeat(81),
      "r".repeat(65),
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  // The edges of issue 14's ranges (sizes, IOPS, throughput, maxPods) and one past them
  { weight: 1, arbitrary: fc.constantFrom(3, 4, 99, 100, 124, 125, 1000, 1001, 2999, 3000, 16000, 16001, 64000, 64001, 65536, 65537, 250, 251, 256000, 256001) },
  // Issue 15: subnet prefixes at and past AWS's /16-/28, VPC CIDRs, zones, NAT modes, HCP Terraform names at their
  // limits and the ones cdktf reads as tokens within the patterns
  { weight: 1, arbitrary: fc.constantFrom(15, 16, 28, 29, 90, 91, 255, 256) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "10.0.0.0/16",
      "10.0.0.0/15",
      "10.0.0.0/29",
      "10.0.0.1/16",
      "172.17.0.0/16",
      "us-east-1a",
      "us-east-1",
      "use1-az1",
      "eu-west-1z",
      "one-per-zone",
      "single",
      "app.terraform.io",
      "https://app.terraform.io",
      "env:prod",
      "Default Project",
      "w".repeat(91),
      "o".repeat(256),
      ...CLOUD_TOKEN_SPELLINGS.name,
      ...CLOUD_TOKEN_SPELLINGS.project,
      ...CLOUD_TOKEN_SPELLINGS.hostname,
    ),
  },
);

/** Any plain value: scalars, lists and maps (with hostile keys), a few levels deep. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: hostileScalarArb },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.uniqueArray(fc.tuple(hostileKeyArb, tie("value")), { selector: ([k]) => k, maxLength: 4 }).map((e) => objectOf(e)) },
  ),
})).value;

/** A value of another JSON type than `value` (null, boolean, number, string, list, map). */
export function otherTypeThan(value: unknown, pick: number): unknown {
  const kind = value === null ? "null" : Array.isArray(value) ? "list" : typeof value === "object" ? "map" : typeof value;
  const candidates: [string, unknown][] = [
    ["null", null],
    ["boolean", true],
    ["number", 7],
    ["string", "7"],
    ["list", []],
    ["map", objectOf([["constructor", "x"]])],
  ];
  const others = candidates.filter(([k]) => k !== kind);
  return others[pick % others.length][1];
}

/** One place in a value: the container and the key (an index for lists); the root has none. */
export interface Slot {
  readonly parent: Json;
  readonly key: string | number;
  /** Keys from the root: ["nodeGroups", 0, "tags", "x"]. */
  readonly path: readonly (string | number)[];
}

/** Every place in `value`, parents before children. */
export function slotsOf(value: Json): Slot[] {
  const slots: Slot[] = [];
  const walk = (node: Json, path: (string | number)[]) => {
    if (Array.isArray(node)) node.forEach((item, i) => (slots.push({ parent: node, key: i, path: [...path, i] }), walk(item, [...path, i])));
    else if (isObject(node)) for (const k of Object.keys(node)) slots.push({ parent: node, key: k, path: [...path, k] }), walk(node[k], [...path, k]);
  };
  walk(value, []);
  return slots;
}

export type MutationKind = "replace" | "retype" | "add" | "delete" | "wrap" | "protoKeys";
export interface Mutation {
  readonly at: number;
  readonly kind: MutationKind;
  readonly key: string;
  readonly value: unknown;
  readonly pick: number;
}
export const mutationArb: fc.Arbitrary<Mutation> = fc.record(
  {
    at: fc.nat(),
    kind: fc.constantFrom<MutationKind>("replace", "retype", "add", "delete", "wrap", "protoKeys"),
    key: hostileKeyArb,
    value: hostileValueArb,
    pick: fc.nat(),
  },
  { noNullPrototype: true },
);

/** `config` (copied) with the mutations applied, each at the place `at` picks among all places. */
export function mutate(config: Json, mutations: readonly Mutation[]): Json {
  let root = clone(config);
  for (const m of mutations) {
    const slots = slotsOf(root);
    if (slots.length === 0) {
      root = m.kind === "retype" ? otherTypeThan(root, m.pick) : m.value;
      continue;
    }
    const { parent, key } = slots[m.at % slots.length];
    const current = parent[key];
    switch (m.kind) {
      case "replace":
        parent[key] = m.value;
        break;
      case "retype":
        parent[key] = otherTypeThan(current, m.pick);
        break;
      case "add":
        if (Array.isArray(current)) current.push(m.value);
        else if (isObject(current)) setKey(current, m.key, m.value);
        else if (isObject(parent)) setKey(parent, m.key, m.value);
        else parent.push(m.value);
        break;
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case "wrap":
        parent[key] = m.pick % 2 === 0 ? [current] : objectOf([[m.key, current]]);
        break;
      case "protoKeys": {
        const target = isObject(current) ? current : isObject(parent) ? parent : undefined;
        if (target) for (const k of PROTOTYPE_KEYS.slice(0, 1 + (m.pick % PROTOTYPE_KEYS.length))) setKey(target, k, m.value);
        break;
      }
    }
  }
  return root;
}

/** Files that break the `clusters` list or the top level. */
export const brokenTopLevelArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, [], "simple-bank", 42, true, [null], [{}], objectOf([["clusters", [null]]]), objectOf([["clusters", []]]), objectOf([["clusters", null]])),
  fc.constantFrom<unknown>(objectOf([["clusters", {}]]), objectOf([["clusters", "a"]]), objectOf([["clusters", [[]]]]), objectOf([["__proto__", objectOf([["clusters", []]])]])),
  validClusterArb().map((c) => ({ clusters: [c, c] })),
  fc.tuple(validClusterArb(), hostileKeyArb, hostileValueArb).map(([c, k, v]) => objectOf([["clusters", [c]], [k === "clusters" ? "name" : k, v]])),
  fc.array(fc.oneof(validClusterArb(), hostileValueArb), { maxLength: 3 }).map((clusters) => ({ clusters })),
);

/** A valid cluster with one of its strings (or keys) replaced by a string of about 1 MiB: sparingly, it costs. */
export const hugeStringArb: fc.Arbitrary<Json> = fc.tuple(validClusterArb(), fc.nat(), fc.boolean()).map(([config, at, asKey]) => {
  const c = clone(config);
  const slots = slotsOf(c);
  if (slots.length === 0) return objectOf([[asKey ? huge() : "name", huge()]]);
  const { parent, key } = slots[at % slots.length];
  if (asKey && isObject(parent[key])) setKey(parent[key], huge(), "x");
  else parent[key] = huge();
  return c;
});

/** Any value a config file may hold: valid, colliding, mutated, broken at the top, arbitrary, or (rarely) huge. */
export const anyConfigValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 30, arbitrary: validFileArb() },
  { weight: 10, arbitrary: collidingClusterArb },
  { weight: 8, arbitrary: issue15EdgeArb },
  { weight: 40, arbitrary: fc.tuple(validFileArb(), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([c, m]) => mutate(c, m)) },
  { weight: 10, arbitrary: brokenTopLevelArb },
  { weight: 10, arbitrary: hostileValueArb },
  { weight: 1, arbitrary: hugeStringArb },
);

/** The same data with every map as a null-prototype object, as parse.ts returns it. */
export function withNullPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullPrototypes);
  if (!isObject(value)) return value;
  const o = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value)) o[k] = withNullPrototypes(value[k]);
  return o;
}

// ---- JSON text ----------------------------------------------------------------------------------------------------------

export interface JsonStyle {
  /** Whitespace written after each `{`, `[`, `,` and `:` (and before closing brackets). */
  readonly space: string;
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly escapeSlash: boolean;
  readonly escapeNonAscii: boolean;
  /** Every n-th character of a string written as \uXXXX (0: none). */
  readonly unicodeEvery: number;
  /** Write the first key of the n-th object twice (a duplicate key), or never. */
  readonly duplicateAt?: number;
}
export const jsonStyleArb: fc.Arbitrary<JsonStyle> = fc.record(
  {
    space: fc.constantFrom("", " ", "\n  ", "\t", "\r\n", " \n\t "),
    bom: fc.boolean(),
    crlf: fc.boolean(),
    escapeSlash: fc.boolean(),
    escapeNonAscii: fc.boolean(),
    unicodeEvery: fc.constantFrom(0, 0, 0, 1, 3),
  },
  { noNullPrototype: true },
);

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

function jsonString(s: string, style: JsonStyle): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (style.unicodeEvery > 0 && i % style.unicodeEvery === 0) out += hex4(c);
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x2f && style.escapeSlash) out += "\\/";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || (c > 0x7e && style.escapeNonAscii)) out += hex4(c);
    else out += s[i];
  }
  return `${out}"`;
}

/**
 * JSON text of `value` in `style`. Numbers JSON cannot write come out as text a JSON parser must judge: Infinity as
 * 1e999 (which reads back as Infinity), NaN as `NaN` (not JSON), -0 as -0.
 */
export function writeJson(value: unknown, style: JsonStyle): string {
  const sp = style.space;
  let objects = 0;
  const write = (v: unknown): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "boolean") return String(v);
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "NaN";
      if (!Number.isFinite(v)) return v > 0 ? "1e999" : "-1e999";
      return Object.is(v, -0) ? "-0" : JSON.stringify(v);
    }
    if (typeof v === "string") return jsonString(v, style);
    if (Array.isArray(v)) return v.length === 0 ? "[]" : `[${sp}${v.map(write).join(`,${sp}`)}${sp}]`;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 0) return "{}";
    const members = keys.map((k) => `${jsonString(k, style)}${sp}:${sp}${write(o[k])}`);
    if (style.duplicateAt !== undefined && objects++ === style.duplicateAt) members.push(members[0]);
    return `{${sp}${members.join(`,${sp}`)}${sp}}`;
  };
  let text = write(value);
  if (style.crlf) text = text.replace(/\r?\n/g, "\r\n");
  return `${style.bom ? "\ufeff" : ""}${text}`;
}

// ---- YAML text ----------------------------------------------------------------------------------------------------------

export interface YamlStyle {
  readonly indent: number;
  readonly collectionStyle: "any" | "block" | "flow";
  readonly stringType: "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";
  readonly lineWidth: number;
  /** Explicit !!str / !!int / !!float / !!bool / !!null tags on scalars (they change nothing). */
  readonly tagScalars: boolean;
  /** `%YAML 1.2` and `---` first. */
  readonly directive: boolean;
  /** `...` last. */
  readonly documentEnd: boolean;
  /** A comment line first. */
  readonly comment: boolean;
  /** The second node group written as `<<: *first` plus what differs (a merge key), when there are two. */
  readonly mergeNodeGroups: boolean;
  readonly bom: boolean;
  readonly crlf: boolean;
}
export const yamlStyleArb: fc.Arbitrary<YamlStyle> = fc.record(
  {
    indent: fc.constantFrom(2, 4),
    collectionStyle: fc.constantFrom("any", "block", "flow"),
    stringType: fc.constantFrom("PLAIN", "PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
    // yaml 2.9.1 folds lines wrongly when a deep indentation leaves less than its minContentWidth (`undefined` written
    // into the text, escapes cut): widths of 40 and more, and the round trip checks the yaml package reads its own text
    lineWidth: fc.constantFrom(0, 40, 80),
    tagScalars: fc.boolean(),
    directive: fc.boolean(),
    documentEnd: fc.boolean(),
    comment: fc.boolean(),
    mergeNodeGroups: fc.boolean(),
    bom: fc.boolean(),
    crlf: fc.boolean(),
  },
  { noNullPrototype: true },
);

const CORE = "tag:yaml.org,2002:";

type YamlNodeOf = ReturnType<YamlDocument["createNode"]>;

/**
 * The YAML document of `value`, built node by node (yaml's own `new Document(value)` drops a `__proto__` key):
 * an object met twice is written once with an anchor and then as an alias; a key "<<" is tagged as a string, or a
 * reader that applies merge keys would take it for one; strings that a block scalar cannot carry (blank, or with
 * spaces at an end: yaml 2.9.1 writes `" "` as an empty `|-`) stay quoted.
 */
function yamlDocument(value: unknown, blockStrings = false): { doc: YamlDocument; nodes: Map<object, YamlNodeOf>; mergeKeys: Set<unknown> } {
  const doc = new YAML.Document(null, { merge: true }) as unknown as YamlDocument;
  const nodes = new Map<object, YamlNodeOf>();
  let anchors = 0;
  const build = (v: unknown): YamlNodeOf => {
    if (typeof v === "object" && v !== null) {
      const earlier = nodes.get(v);
      if (earlier) {
        const target = earlier as unknown as { anchor?: string };
        target.anchor ??= `a${++anchors}`;
        return doc.createAlias(earlier as Parameters<YamlDocument["createAlias"]>[0], target.anchor) as unknown as YamlNodeOf;
      }
    }
    if (Array.isArray(v)) {
      const seq = new YAML.YAMLSeq();
      nodes.set(v, seq as unknown as YamlNodeOf);
      for (const item of v) seq.items.push(build(item));
      return seq as unknown as YamlNodeOf;
    }
    if (isObject(v)) {
      const map = new YAML.YAMLMap();
      nodes.set(v, map as unknown as YamlNodeOf);
      for (const k of Object.keys(v)) {
        const key = new YAML.Scalar(k);
        if (k === "<<") key.tag = `${CORE}str`;
        map.items.push(new YAML.Pair(key, build(v[k])));
      }
      return map as unknown as YamlNodeOf;
    }
    const scalar = new YAML.Scalar(v);
    if (blockStrings && typeof v === "string" && !/^\S(.*\S)?$/su.test(v)) scalar.type = "QUOTE_DOUBLE";
    return scalar as unknown as YamlNodeOf;
  };
  doc.contents = build(value) as YamlDocument["contents"];
  return { doc, nodes, mergeKeys: new Set() };
}

/** Whether two values hold the same data (shared or equal), for a merge key to stand in for one. */
function sameValue(a: unknown, b: unknown): boolean {
  const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : Object.is(x, -0) ? "-0" : x));
  return a === b || text(a) === text(b);
}

/**
 * The second node group written as `<<: *first` plus the keys in which it differs from the first: possible when
 * it has every key of the first (else the merge would add keys it does not have).
 */
function mergeSecondNodeGroup(doc: YamlDocument, value: unknown, nodes: Map<object, YamlNodeOf>, mergeKeys: Set<unknown>): void {
  if (!isObject(value) || !Array.isArray(value.nodeGroups) || value.nodeGroups.length < 2) return;
  const [g0, g1] = value.nodeGroups;
  if (!isObject(g0) || !isObject(g1) || g0 === g1 || Object.prototype.hasOwnProperty.call(g1, "<<")) return;
  if (Object.keys(g0).some((k) => !Object.prototype.hasOwnProperty.call(g1, k))) return;
  const first = nodes.get(g0) as unknown as { anchor?: string };
  const second = nodes.get(g1);
  if (!YAML.isMap(first) || !YAML.isMap(second)) return;
  first.anchor ??= "first";
  second.items = second.items.filter((pair) => {
    const key = YAML.isScalar(pair.key) ? String(pair.key.value) : undefined;
    return !(key !== undefined && Object.prototype.hasOwnProperty.call(g0, key) && sameValue(g0[key], g1[key]));
  });
  // Aliases in the pairs dropped pointed at anchors still written earlier (in the first group or before it).
  const mergeKey = new YAML.Scalar("<<");
  mergeKeys.add(mergeKey);
  second.items.unshift(new YAML.Pair(mergeKey, doc.createAlias(first as Parameters<YamlDocument["createAlias"]>[0], first.anchor)));
}

/** YAML text of `value` in `style`; reading it back gives `value`. */
export function writeYaml(value: unknown, style: YamlStyle): string {
  const { doc, nodes, mergeKeys } = yamlDocument(value, style.stringType.startsWith("BLOCK"));
  if (style.mergeNodeGroups) mergeSecondNodeGroup(doc, value, nodes, mergeKeys);
  if (style.tagScalars) {
    YAML.visit(doc, {
      Scalar(_, node) {
        const v = node.value;
        if (node.tag || mergeKeys.has(node)) return;
        if (typeof v === "string") node.tag = `${CORE}str`;
        else if (typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0)) node.tag = `${CORE}int`;
        else if (typeof v === "number" && !Number.isInteger(v)) node.tag = `${CORE}float`;
        else if (typeof v === "boolean") node.tag = `${CORE}bool`;
        else if (v === null) node.tag = `${CORE}null`;
      },
    });
  }
  let text = doc.toString({
    indent: style.indent,
    collectionStyle: style.collectionStyle,
    defaultStringType: style.stringType,
    defaultKeyType: "PLAIN",
    lineWidth: style.lineWidth,
  });
  if (style.directive) text = `%YAML 1.2\n---\n${text}`;
  if (style.documentEnd) text = `${text}...\n`;
  if (style.comment) text = `# yaml-language-server: $schema=../cluster-config.schema.json\n${text}`;
  if (style.crlf) text = text.replace(/\r?\n/g, "\r\n");
  return `${style.bom ? "\ufeff" : ""}${text}`;
}

// ---- texts a parser must refuse, and texts of no particular shape ------------------------------------------------------

export type Format = "json" | "yaml";

/** A config file's text, and what reading it must give where that is known. */
export interface ConfigText {
  readonly format: Format;
  readonly text: string;
  /**
   * `value`: it parses to `value`; `fileError`: parsing throws ConfigFileError whose message matches this regular
   * expression (case-insensitive);
   * undefined: only that nothing crashes.
   */
  readonly expect?: { readonly value: unknown } | { readonly fileError: string };
}

/** Nesting `depth` levels deep, in JSON or YAML flow or block style. */
export function nested(format: Format, style: "flow" | "block" | "map", depth: number): string {
  if (format === "json" || style === "flow") return style === "map" ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`;
  if (style === "map") {
    let text = "";
    for (let i = 0; i < depth; i++) text += `${"  ".repeat(i)}a:\n`;
    return `${text}${"  ".repeat(depth)}x\n`;
  }
  let text = "";
  for (let i = 0; i < depth; i++) text += `${"  ".repeat(i)}-\n`;
  return `${text}${"  ".repeat(depth)}x\n`;
}

/** The billion laughs: each level an alias list of the one before. */
export function aliasBomb(levels: number, width: number): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

const UNSUPPORTED_TAGS = ["!!set", "!!omap", "!!pairs", "!!binary", "!!timestamp", "!custom", "!<tag:example.com,2000:app/x>", "!!python/object:os.system"] as const;

/** Plain YAML of a value (block style unless told), keys "<<" written as strings. */
export function yamlText(value: unknown, options: { collectionStyle?: "any" | "block" | "flow" } = {}): string {
  return yamlDocument(value).doc.toString({ lineWidth: 0, collectionStyle: options.collectionStyle ?? "block" });
}

/** A valid cluster with at least one key, so its YAML is a block map that more keys can follow. */
const someClusterArb = validClusterArb().map((c) => ({ name: "simple-bank", ...c }));

/** YAML (from a value) that the parser must refuse, and a word its message must hold. */
export const refusedYamlArb: fc.Arbitrary<ConfigText> = fc.oneof(
  fc.tuple(validClusterArb(), fc.constantFrom(...UNSUPPORTED_TAGS)).map(([v, tag]) => ({
    format: "yaml" as const,
    text: `${tag} ${yamlText(v, { collectionStyle: "flow" })}`,
    expect: { fileError: "tag|!|set|map" },
  })),
  fc.tuple(someClusterArb, fc.constantFrom(...UNSUPPORTED_TAGS)).map(([v, tag]) => ({
    format: "yaml" as const,
    text: `${yamlText(v)}extra: ${tag} x\n`,
    expect: { fileError: "tag|!|set|map" },
  })),
  validClusterArb().map((v) => ({ format: "yaml" as const, text: `%YAML 1.1\n---\n${yamlText(v)}`, expect: { fileError: "1.1" } })),
  fc.tuple(validClusterArb(), validClusterArb()).map(([a, b]) => ({ format: "yaml" as const, text: `${yamlText(a)}---\n${yamlText(b)}`, expect: { fileError: "document" } })),
  fc.tuple(someClusterArb, fc.constantFrom(...SCHEMA_KEYS, ...PROTOTYPE_KEYS)).map(([v, key]) => ({
    format: "yaml" as const,
    text: `${JSON.stringify(key)}: 1\n${yamlText(v)}${JSON.stringify(key)}: 2\n`,
    expect: { fileError: "twice" },
  })),
  fc.tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 5, max: 12 })).map(([levels, width]) => ({ format: "yaml" as const, text: aliasBomb(levels + 4, width), expect: { fileError: "alias" } })),
  fc.constantFrom<ConfigText>(
    { format: "yaml", text: "a: &x [*x]\n", expect: { fileError: "alias" } },
    { format: "yaml", text: "a: *nowhere\n", expect: { fileError: "alias" } },
    { format: "yaml", text: "a: &x\n  b: *x\n", expect: { fileError: "alias" } },
    { format: "yaml", text: "tags: {<<: x}\n", expect: { fileError: "merge" } },
    { format: "yaml", text: "<<: [1, 2]\n", expect: { fileError: "merge" } },
  ),
);

/** Deep nesting at and around the parser's limit (64) and far beyond. */
export const nestingArb: fc.Arbitrary<ConfigText & { depth: number }> = fc
  .tuple(fc.constantFrom<Format>("json", "yaml"), fc.constantFrom<"flow" | "block" | "map">("flow", "block", "map"), fc.constantFrom(1, 2, 63, 64, 65, 66, 200, 1000, 100_000))
  .map(([format, style, wanted]) => {
    // Block YAML indents each level: its text grows with the square of the depth, so it stops at 1000 levels.
    const depth = format === "yaml" && style !== "flow" ? Math.min(wanted, 1000) : wanted;
    return { format, depth, text: nested(format, style, depth) };
  });

/** Bits of YAML and JSON syntax in any order: the parser must answer, never crash or hang. */
export const tokenSoupArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "- ", ": ", ":", "? ", "&a ", "*a", "&b ", "*b", "<<: ", "<<", "!!set ", "!!str ", "!!int ", "!custom ", "!", "|", ">", "|-", ">+", "'", '"', "#", "\n", "\r\n", "  ", "\t",
        "---\n", "...\n", "%YAML 1.1\n", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "[", "]", "{", "}", ",", "key", "name", "clusters", "nodeGroups", "tags", "__proto__", "constructor",
        "null", "~", "true", "yes", "1e999", "-0", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "9".repeat(400), "\\", "\\u00", "\ufeff", "\u0000", "\u2028", "\ud800", "@", "`",
        "${x}", "%{y}",
      ),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

/** A config text of any kind, and what reading it must give where known. */
export const configTextArb: fc.Arbitrary<ConfigText> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(anyConfigValueArb, jsonStyleArb).map(([v, s]) => ({ format: "json" as const, text: writeJson(v, s) })) },
  { weight: 3, arbitrary: fc.tuple(anyConfigValueArb, yamlStyleArb).map(([v, s]) => ({ format: "yaml" as const, text: writeYaml(v, s) })) },
  { weight: 1, arbitrary: refusedYamlArb },
  {
    weight: 1,
    arbitrary: fc.tuple(anyConfigValueArb, jsonStyleArb, fc.nat()).map(([v, s, at]) => ({ format: "json" as const, text: writeJson(v, { ...s, duplicateAt: at % 3 }) })),
  },
  { weight: 1, arbitrary: nestingArb },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom<Format>("json", "yaml"), tokenSoupArb).map(([format, text]) => ({ format, text })) },
  {
    weight: 1,
    // A text cut short, or with a piece of soup put in: syntax errors anywhere.
    arbitrary: fc
      .tuple(fc.constantFrom<Format>("json", "yaml"), validFileArb(), fc.nat(), tokenSoupArb, fc.boolean())
      .map(([format, v, at, soup, cut]) => {
        const text = format === "json" ? JSON.stringify(v, null, 2) : yamlText(v);
        const i = at % (text.length + 1);
        return { format, text: cut ? text.slice(0, i) : `${text.slice(0, i)}${soup}${text.slice(i)}` };
      }),
  },
);

// ---- running properties ---------------------------------------------------------------------------------------------

/** PROPERTY_RUNS=<n> multiplies every property's runs (and time budgets, and the Terraform sample). */
export const PROPERTY_MULTIPLIER = Math.max(1, Math.floor(Number(process.env.PROPERTY_RUNS ?? "1")) || 1);
/** PROPERTY_SEED=<seed> replays a run (fast-check prints the seed of a failure). */
export const PROPERTY_SEED: number | undefined =
  process.env.PROPERTY_SEED !== undefined && process.env.PROPERTY_SEED !== "" ? Number(process.env.PROPERTY_SEED) : undefined;

/**
 * fast-check parameters: `numRuns` runs (times PROPERTY_RUNS), stopping early without failing when `budgetMs`
 * (times PROPERTY_RUNS) is spent, so a slow machine runs fewer cases instead of timing out.
 */
export function runs<Ts>(numRuns: number, budgetMs: number): fc.Parameters<Ts> {
  return {
    numRuns: numRuns * PROPERTY_MULTIPLIER,
    seed: PROPERTY_SEED,
    interruptAfterTimeLimit: budgetMs * PROPERTY_MULTIPLIER,
    markInterruptAsFailure: false,
  };
}

/** Checks a property; on failure throws fast-check's report (seed, path, shrunk counterexample, error), cut to 20k characters. */
export function holds<Ts>(name: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts>): void {
  report(name, fc.check(property, params), params);
}

/** `holds` for an asynchronous property (`fc.asyncProperty`). */
export async function holdsAsync<Ts>(name: string, property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts>): Promise<void> {
  report(name, await fc.check(property, params), params);
}

function report<Ts>(name: string, details: fc.RunDetails<Ts>, params: fc.Parameters<Ts>): void {
  if (details.failed) {
    const report = fc.defaultReportMessage(details) ?? `property "${name}" failed`;
    const cut = report.length > 12_000 ? `${report.slice(0, 10_000)}\n...[${report.length - 12_000} characters cut]...\n${report.slice(-2_000)}` : report;
    const error = details.errorInstance instanceof Error ? `${details.errorInstance.constructor.name}: ${details.errorInstance.message}` : String(details.errorInstance);
    throw new Error(`${name}\nReplay with PROPERTY_SEED=${details.seed}\nError: ${error.slice(0, 6000)}\n${cut}`);
  }
  if (details.interrupted) {
    // eslint-disable-next-line no-console
    console.warn(`property "${name}": time budget spent after ${details.numRuns} of ${params.numRuns} runs (seed ${details.seed})`);
  }
}

/** Runs `fn`, failing when it takes longer than `limitMs` (a hang or a blow-up on some input). */
export function timed<T>(limitMs: number, what: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  try {
    return fn();
  } finally {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms > limitMs) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`);
  }
}

// ---- reading the output -----------------------------------------------------------------------------------------------

/** An interpolation of the empty string: reads as nothing (the writer may use it to split cdktf's token markers). */
const EMPTY_INTERPOLATION = '${""}';

/**
 * The string a Terraform template (a JSON string value or key) stands for when it holds no interpolation or
 * directive but `${""}`: `$${` reads as `${` and `%%{` as `%{`, as HCL's scanner reads them, and `${""}` as nothing.
 * Undefined when any other `${` or `%{` is left: Terraform would evaluate the user's text as an expression.
 */
export function templateLiteral(template: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += template.slice(i + 1, i + 3);
      i += 3;
    } else if (template.startsWith(EMPTY_INTERPOLATION, i)) {
      i += EMPTY_INTERPOLATION.length;
    } else if (template.startsWith("${", i) || template.startsWith("%{", i)) {
      return undefined;
    } else {
      out += template[i];
      i++;
    }
  }
  return out;
}

/** Characters a terminal acts on or hides: controls (but \n), bidi and invisible format characters, separators, lone surrogates. */
const UNSAFE_TEXT =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character of `text` unsafe on a terminal, as \uXXXX with its surroundings; undefined when there is none. */
export function unsafeCharacterIn(text: string): string | undefined {
  const m = UNSAFE_TEXT.exec(text);
  if (!m) return undefined;
  return `\\u${m[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40))}`;
}
