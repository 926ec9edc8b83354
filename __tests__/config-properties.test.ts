/**
 * Property-based tests (fast-check) of the configuration's promises, in process and fast (~15 s):
 *
 * 1. Never a crash: any text (JSON or YAML: written from valid, mutated or arbitrary values in every style, refused on
 *    purpose, cut short, token soup) is parsed into plain null-prototype data, or refused with a printable
 *    ConfigFileError, in time; JSON and YAML written from a value read back as that value; what the parser must refuse
 *    it refuses (duplicate keys, unsupported tags, %YAML 1.1, two documents, alias bombs, nesting past 64 levels). Any
 *    parsed value is resolved, or refused with a ConfigError whose problems each have a path, a rule and a fix (at the
 *    very path of a wrong type or an unknown key), changing nothing in passing; many entries cost linear time. And the
 *    compiled app on generated files exits 0 or 1 as the loader decides, never 2, without a stack trace, writing
 *    nothing on 1.
 * 2. Every accepted config synthesizes (stack, hand-off HCL, REVIEW.md), and the Terraform JSON holds the user's
 *    strings literally: `${` and `%{` escaped as `$${` and `%%{`, so Terraform reads back the user's text.
 * 4. Synthesizing the same config twice gives the same bytes.
 * (3, Terraform itself on a sample, is __tests__/properties-terraform.test.ts.)
 *
 * Generators: test-support/arbitraries.ts. PROPERTY_RUNS=<n> runs n times as many cases (and time), PROPERTY_SEED=<seed>
 * replays a failure (its report prints the seed, the path and the shrunk counterexample).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import * as YAML from "yaml";
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { ConfigError, LoadedClusters, resolveParsed } from "../src/config/load";
import { ConfigFileError, parseConfigText, ParsedFile } from "../src/config/parse";
import { formatConfigError, formatWarnings } from "../src/config/report";
import { ClusterConfig, clusterSchema } from "../src/config/schema";
import { childPath, childrenOf, fieldsOf } from "../src/config/schema-parts";
import { handoffHcl, handoffJson, renderHandoffHcl } from "../src/output/handoff";
import { bothSections } from "../test-support/hcl-equivalence";
import { findingsOf } from "../src/review/findings";
import { resolvedKarpenter } from "../src/config/karpenter";
import { usesLaunchTemplate } from "../src/config/names";
import { createdRoles } from "../src/config/rules";
import { formatReplacements, replacementsBetween } from "../src/review/replacements";
import { reviewDocument } from "../src/review/review-document";
import { MAIN, runApp } from "../test-support/app-process";
import {
  anyConfigValueArb,
  cidrRange,
  collidingClusterArb,
  expectedLayout,
  issue15EdgeArb,
  ConfigText,
  configTextArb,
  Format,
  holds,
  holdsAsync,
  isObject,
  Json,
  jsonStyleArb,
  mutate,
  nestingArb,
  objectOf,
  PROPERTY_MULTIPLIER,
  PROPERTY_SEED,
  refusedYamlArb,
  runs,
  slotsOf,
  templateLiteral,
  timed,
  unsafeCharacterIn,
  validClusterArb,
  validFileArb,
  withNullPrototypes,
  writeJson,
  writeYaml,
  yamlStyleArb,
} from "../test-support/arbitraries";
import { parse, synthStackJson, TerraformJson } from "../test-support/synth";

/** A config file's name as messages show it. */
const FILE: Record<Format, string> = { json: "cluster.json", yaml: "cluster.yaml" };
/** No parse or resolve of a generated text (at most a few MiB) may take this long: beyond it, something blows up. */
const SLOW_MS = 3000;

// ---- outcomes -------------------------------------------------------------------------------------------------------

type Parsed = { parsed: ParsedFile } | { fileError: ConfigFileError };

/** Parses, letting through only ConfigFileError (anything else fails the property with its own stack). */
function parseText(text: string, format: Format, file = FILE[format]): Parsed {
  try {
    return { parsed: timed(SLOW_MS, `parsing ${text.length} characters of ${format}`, () => parseConfigText(text, format, file)) };
  } catch (error) {
    if (error instanceof ConfigFileError) return { fileError: error };
    throw error;
  }
}

type Resolved = { loaded: LoadedClusters } | { configError: ConfigError };

/** Resolves, letting through only ConfigError. */
function resolve(raw: unknown, lineOf?: ParsedFile["lineOf"]): Resolved {
  try {
    return { loaded: timed(SLOW_MS, "resolving", () => resolveParsed(raw, "cluster.yaml", lineOf)) };
  } catch (error) {
    if (error instanceof ConfigError) return { configError: error };
    throw error;
  }
}

/** Resolves a value that must be accepted; fails with the problems found otherwise. */
function accepted(raw: unknown): LoadedClusters {
  const outcome = resolve(raw);
  if ("configError" in outcome) {
    throw new Error(`rejected a config that follows every documented rule:\n${formatConfigError(outcome.configError)}`);
  }
  return outcome.loaded;
}

/** A ConfigError as promised: problems, each with a path, a rule and a fix; lines within the file; printable. */
function expectWellFormedConfigError(error: ConfigError, text?: string): void {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    const described = `issue ${JSON.stringify({ path: issue.path, rule: issue.rule, fix: issue.fix })}`;
    expect({ described, path: typeof issue.path === "string" && issue.path.trim() !== "" }).toEqual({ described, path: true });
    expect({ described, rule: typeof issue.rule === "string" && issue.rule.trim() !== "" }).toEqual({ described, rule: true });
    expect({ described, fix: typeof issue.fix === "string" && issue.fix.trim() !== "" }).toEqual({ described, fix: true });
  }
  const lineCount = text === undefined ? Infinity : (text.match(/\n/g)?.length ?? 0) + 1;
  for (const [where, line] of error.lines) {
    expect({ where, line, ok: Number.isInteger(line) && line >= 1 && line <= lineCount }).toEqual({ where, line, ok: true });
  }
  const report = formatConfigError(error);
  expect({ unsafe: unsafeCharacterIn(report) }).toEqual({ unsafe: undefined });
}

function expectPrintableFileError(error: ConfigFileError, file: string): void {
  expect(error.message.startsWith(file)).toBe(true);
  expect({ unsafe: unsafeCharacterIn(error.message), message: error.message.slice(0, 300) }).toEqual({ unsafe: undefined, message: error.message.slice(0, 300) });
}

/** Only plain data: null-prototype maps (parse.ts promises them), arrays, strings, numbers, booleans, null. */
function expectPlainData(value: unknown, at = "(top level)"): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return;
  if (Array.isArray(value)) return value.forEach((item, i) => expectPlainData(item, `${at}[${i}]`));
  expect({ at, type: typeof value, nullPrototype: typeof value === "object" && Object.getPrototypeOf(value) === null }).toEqual({ at, type: "object", nullPrototype: true });
  for (const key of Object.keys(value as object)) expectPlainData((value as Record<string, unknown>)[key], `${at}.${key}`);
}

/** Equality of plain data: own keys in any order (`__proto__` too), numbers by Object.is (-0 is not 0, NaN is NaN). */
function sameData(a: unknown, b: unknown, at = "(top level)"): string | undefined {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? undefined : `${at}: ${a} vs ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: ${a.length} vs ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = sameData(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (JSON.stringify(ka) !== JSON.stringify(kb)) return `${at}: keys ${JSON.stringify(ka).slice(0, 300)} vs ${JSON.stringify(kb).slice(0, 300)}`;
    for (const k of ka) {
      const d = sameData(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return a === b ? undefined : `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

/** Whether the yaml package itself reads `text` back as `value` (its writer is not ours to test). */
function yamlReadsBack(text: string, value: unknown): boolean {
  try {
    return sameData(YAML.parse(text, { merge: true, maxAliasCount: -1 }), value) === undefined;
  } catch {
    return false;
  }
}

function containsNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(containsNaN);
  if (isObject(value)) return Object.keys(value).some((k) => containsNaN(value[k]));
  return false;
}

/** Identity of every property of the built-in prototypes: resolving a config must change none. */
function prototypeFingerprint(): unknown[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto).map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)?.value]),
  );
}

// ---- synthesis and the user's values in the Terraform JSON -------------------------------------------------------------

/** A map whose keys and values are Terraform templates, read back as literal strings (fails on a live `${` or `%{`). */
function literalMap(map: Record<string, unknown> | undefined, where: string): [string, string][] {
  return Object.keys(map ?? {})
    .map((key): [string, string] => [literalString(key, `${where} key`), literalString(map![key], `${where}[${JSON.stringify(key)}]`)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function literalString(template: unknown, where: string): string {
  if (typeof template !== "string") throw new Error(`${where}: not a string: ${JSON.stringify(template)}`);
  const literal = templateLiteral(template);
  if (literal === undefined) throw new Error(`${where}: ${JSON.stringify(template)} holds a live \${ or %{: Terraform would evaluate the user's text`);
  return literal;
}

function entriesOf(map: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.keys(map ?? {})
    .map((k): [string, string] => [k, map![k]])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Later maps win, keys kept as own keys (`__proto__` included). */
function mergeOwn(...maps: (Readonly<Record<string, string>> | undefined)[]): Record<string, string> {
  return objectOf(maps.flatMap((m) => Object.keys(m ?? {}).map((k) => [k, m![k]] as const)));
}

/** Resource types that carry the cluster's tags (at least these; every other type with tags must carry them too). */
const CLUSTER_TAGGED = ["aws_eks_cluster", "aws_iam_role", "aws_eks_addon", "aws_eks_access_entry", "aws_kms_key", "aws_cloudwatch_log_group"];
/** Resource types that carry the cluster's tags merged with a node group's. */
const GROUP_TAGGED = ["aws_eks_node_group", "aws_launch_template"];
/** Resource types of a created VPC (network.create): the cluster's tags, a Name, and the subnets' role tags (expectCreatedVpc). */
const VPC_TAGGED = ["aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route_table"];
/** Every resource type only a created VPC makes. */
const VPC_TYPES = [...VPC_TAGGED, "aws_route", "aws_route_table_association"];

/**
 * The Terraform JSON holds every user string of `cluster` literally: tags (of every resource that has them), labels,
 * taints, SSH key names read back as the user's text through Terraform's template escapes; the S3 state key as it is.
 */
function expectUserValuesLiteral(cluster: ClusterConfig, tf: TerraformJson): void {
  const tagged = new Set([
    ...CLUSTER_TAGGED,
    ...Object.keys(tf.resource).filter((type) => !GROUP_TAGGED.includes(type) && !VPC_TAGGED.includes(type) && Object.values(tf.resource[type]).some((r) => r.tags !== undefined)),
  ]);
  for (const type of tagged) {
    for (const [name, resource] of Object.entries(tf.resource[type] ?? {})) {
      const tags = literalMap(resource.tags, `${type}.${name}.tags`);
      // Other parts of a created VPC (network.create) carry the cluster's tags and a Name of the cluster's
      const named = cluster.network.create !== undefined && !CLUSTER_TAGGED.includes(type) ? tags.find(([k, v]) => k === "Name" && v.startsWith(`${cluster.name}-`)) : undefined;
      expect({ at: `${type}.${name}.tags`, tags }).toEqual({ at: `${type}.${name}.tags`, tags: entriesOf(named ? mergeOwn(cluster.tags, { Name: named[1] }) : cluster.tags) });
    }
  }
  // Every role the cluster creates (Karpenter's, Fargate's and Auto Mode's too) by the name the config gives or derives
  const roleNames = [...new Set(createdRoles(cluster as unknown as Record<string, Json>, () => "").map((r) => r.name))].sort();
  const iamRoles = Object.entries(tf.resource.aws_iam_role ?? {}).map(([n, r]) => literalString(r.name, `aws_iam_role.${n}.name`));
  expect({ roles: [...new Set(iamRoles)].sort(), count: iamRoles.length }).toEqual({ roles: roleNames, count: roleNames.length });
  expect(literalString(tf.resource.aws_eks_cluster.cluster.name, "aws_eks_cluster.cluster.name")).toBe(cluster.name);

  const groups = Object.entries(tf.resource.aws_eks_node_group ?? {});
  expect(groups.map(([, g]) => literalString(g.node_group_name, "node_group_name")).sort()).toEqual(cluster.nodeGroups.map((g) => g.name).sort());
  for (const [address, resource] of groups) {
    const group = cluster.nodeGroups.find((g) => g.name === templateLiteral(resource.node_group_name))!;
    const at = `aws_eks_node_group.${address}`;
    expect({ at, tags: literalMap(resource.tags, `${at}.tags`) }).toEqual({ at, tags: entriesOf(mergeOwn(cluster.tags, group.tags)) });
    expect({ at, labels: literalMap(resource.labels, `${at}.labels`) }).toEqual({ at, labels: entriesOf(group.labels) });
    const taints = (resource.taint ?? []).map((t: Record<string, unknown>) => ({
      key: literalString(t.key, `${at}.taint.key`),
      ...(t.value !== undefined ? { value: literalString(t.value, `${at}.taint.value`) } : {}),
      effect: t.effect,
    }));
    expect({ at, taints }).toEqual({ at, taints: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })) });
    const sshKey = resource.remote_access?.ec2_ssh_key;
    expect({ at, sshKey: sshKey === undefined ? undefined : literalString(sshKey, `${at}.remote_access.ec2_ssh_key`) }).toEqual({ at, sshKey: group.remoteAccess?.sshKeyName });
    // Issue 14: the pinned release, node repair, forced updates as given
    const release = resource.release_version;
    expect({ at, release: release === undefined ? undefined : literalString(release, `${at}.release_version`) }).toEqual({ at, release: group.releaseVersion });
    expect({ at, repair: resource.node_repair_config?.enabled, force: resource.force_update_version }).toEqual({ at, repair: group.nodeRepair, force: group.forceUpdateVersion });
  }
  const templates = Object.entries(tf.resource.aws_launch_template ?? {});
  expect({ launchTemplates: templates.length }).toEqual({ launchTemplates: cluster.nodeGroups.filter((g) => usesLaunchTemplate(g as unknown as Record<string, unknown>)).length });
  for (const [address, template] of templates) {
    const prefix = literalString(template.name_prefix, `aws_launch_template.${address}.name_prefix`);
    const group = cluster.nodeGroups.find((g) => prefix === `eks-${g.name}-`);
    expect({ address, group: group?.name }).toEqual({ address, group: expect.any(String) });
    const tags = entriesOf(mergeOwn(cluster.tags, group!.tags));
    expect({ address, tags: literalMap(template.tags, `aws_launch_template.${address}.tags`) }).toEqual({ address, tags });
    // Tags at launch (propagateTags): the same tags on instances, volumes and network interfaces
    const specifications = (template.tag_specifications ?? []) as { resource_type: string; tags: Record<string, unknown> }[];
    const atLaunch = specifications.map((spec) => [spec.resource_type, literalMap(spec.tags, `aws_launch_template.${address}.tag_specifications.${spec.resource_type}`)]);
    expect({ address, atLaunch }).toEqual({ address, atLaunch: group!.propagateTags && tags.length > 0 ? ["instance", "volume", "network-interface"].map((t) => [t, tags]) : [] });
    // A custom AMI by its id; kubelet settings in the user data, each flag as written
    expect({ address, image: template.image_id === undefined ? undefined : literalString(template.image_id, `aws_launch_template.${address}.image_id`) }).toEqual({
      address,
      image: group!.amiType === "CUSTOM" ? group!.amiId : undefined,
    });
    const userData = typeof template.user_data === "string" ? template.user_data : "";
    for (const flag of group!.kubelet?.flags ?? []) expect({ address, flag, inUserData: userData.includes(`- \\"${flag}\\"\\n`) }).toEqual({ address, flag, inUserData: true });
    if (group!.kubelet?.maxPods !== undefined) {
      const line = group!.amiType.startsWith("BOTTLEROCKET_") ? `max-pods = ${group!.kubelet.maxPods}\\n` : `maxPods: ${group!.kubelet.maxPods}\\n`;
      expect({ address, line, inUserData: userData.includes(line) }).toEqual({ address, line, inUserData: true });
    }
  }
  // Fargate profiles: names, and selectors (wildcards as written), literally
  const profiles = Object.entries(tf.resource.aws_eks_fargate_profile ?? {}).map(([address, p]) => ({
    name: literalString(p.fargate_profile_name, `aws_eks_fargate_profile.${address}.fargate_profile_name`),
    selectors: ((p.selector ?? []) as Record<string, unknown>[]).map((sel) => ({
      namespace: literalString(sel.namespace, `aws_eks_fargate_profile.${address}.selector.namespace`),
      labels: literalMap(sel.labels as Record<string, unknown> | undefined, `aws_eks_fargate_profile.${address}.selector.labels`),
    })),
  }));
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  expect(profiles.sort(byName)).toEqual(
    cluster.fargateProfiles.map((p) => ({ name: p.name, selectors: p.selectors.map((sel) => ({ namespace: sel.namespace, labels: entriesOf(sel.labels) })) })).sort(byName),
  );
  // Karpenter's interruption queue by its name
  const karpenter = resolvedKarpenter(cluster);
  const queues = Object.values(tf.resource.aws_sqs_queue ?? {}).map((q) => literalString(q.name, "aws_sqs_queue.name"));
  expect(queues).toEqual(karpenter?.interruptionQueueName !== undefined ? [karpenter.interruptionQueueName] : []);
  // Terraform's JSON syntax reads the backend block literally (no template): the user's text as it is.
  const s3 = cluster.backend?.s3;
  if (s3) {
    const backend = (tf.terraform.backend as Record<string, Record<string, unknown>>).s3;
    expect({ key: backend.key, bucket: backend.bucket }).toEqual({ key: s3.key ?? `${cluster.name}/terraform.tfstate`, bucket: s3.bucket });
  }
  // HCP Terraform (issue 15): the cloud block, literal too, and no backend beside it
  const cloud = expectedCloud(cluster);
  expect({ cloud: tf.terraform.cloud, backend: cloud ? tf.terraform.backend : undefined }).toEqual({ cloud, backend: undefined });
  expectCreatedVpc(cluster, tf);
  expectGuards(cluster, tf);
}

/** The `cloud` block `backend.cloud` makes, as Terraform reads it (JSON: literal; HCL: read back): settings as given. */
function expectedCloud(cluster: ClusterConfig): Json {
  const cloud = cluster.backend?.cloud;
  if (!cloud) return undefined;
  const project = cloud.project === undefined ? {} : { project: cloud.project };
  return {
    organization: cloud.organization,
    ...(cloud.hostname === undefined ? {} : { hostname: cloud.hostname }),
    workspaces: cloud.workspace !== undefined ? { name: cloud.workspace, ...project } : { tags: cloud.workspaceTags, ...project },
  };
}

/** A reference list `${toset([...])}` (a for_each over given strings) read back as its strings. */
function tosetList(template: unknown, where: string): string[] {
  const m = typeof template === "string" ? /^\$\{toset\((\[.*\])\)\}$/s.exec(template) : null;
  if (!m) throw new Error(`${where}: not a toset([...]) of strings: ${JSON.stringify(template)}`);
  return JSON.parse(m[1]) as string[];
}

/**
 * A created VPC (network.create) as the README promises it, checked apart from src/config/vpc-layout.ts: the layout's
 * CIDRs (private blocks then public ones), every subnet inside the VPC and none overlapping another or the service
 * CIDR, zones of the region, NAT gateways per zone or one, the cluster's tags with a Name (and the role tags, and
 * Karpenter's discovery tag on private subnets) on every resource, the cluster and node groups on the private subnets.
 * Without network.create: none of these resources. And the ELB role tags on given subnets (network.subnetTags).
 */
function expectCreatedVpc(cluster: ClusterConfig, tf: TerraformJson): void {
  const create = cluster.network.create;
  const resources = (type: string): Record<string, Record<string, Json>> => (tf.resource[type] ?? {}) as Record<string, Record<string, Json>>;
  // network.subnetTags: one aws_ec2_tag per role, for_each over the given subnets, key and value fixed
  const subnetTags = cluster.network.subnetTags;
  const roleTags = Object.entries(resources("aws_ec2_tag"))
    .filter(([address]) => address.startsWith("subnet_role_tag_"))
    .map(([address, t]) => [address, t.key, t.value, tosetList(t.for_each, `aws_ec2_tag.${address}.for_each`)]);
  expect({ roleTags }).toEqual({
    roleTags: [
      ...(subnetTags?.elb?.length ? [["subnet_role_tag_elb", "kubernetes.io/role/elb", "1", [...subnetTags.elb]]] : []),
      ...(subnetTags?.internalElb?.length ? [["subnet_role_tag_internal_elb", "kubernetes.io/role/internal-elb", "1", [...subnetTags.internalElb]]] : []),
    ],
  });
  if (!create) {
    expect({ vpcResources: VPC_TYPES.filter((type) => Object.keys(resources(type)).length > 0) }).toEqual({ vpcResources: [] });
    return;
  }
  const name = cluster.name;
  const tagsOf = (type: string, address: string) => literalMap(resources(type)[address]?.tags, `${type}.${address}.tags`);
  const withName = (tagName: string, ...extra: Record<string, string>[]) => entriesOf(mergeOwn(cluster.tags, ...extra.slice(0, -1), { Name: tagName }, ...extra.slice(-1)));
  const layout = expectedLayout(create);
  const zones = layout.map((z) => z.zone);
  const natZones = create.natGateways === "single" ? zones.slice(0, 1) : zones;
  // Which resources: exactly these addresses
  const addresses = (type: string) => Object.keys(resources(type)).sort();
  expect({
    vpc: addresses("aws_vpc"),
    igw: addresses("aws_internet_gateway"),
    subnets: addresses("aws_subnet"),
    routeTables: addresses("aws_route_table"),
    nat: addresses("aws_nat_gateway"),
    eip: addresses("aws_eip"),
    routes: addresses("aws_route"),
    associations: addresses("aws_route_table_association"),
  }).toEqual({
    vpc: ["vpc"],
    igw: ["internet_gateway"],
    subnets: [...zones.map((z) => `private_subnet_${z}`), ...zones.map((z) => `public_subnet_${z}`)].sort(),
    routeTables: [...zones.map((z) => `private_route_table_${z}`), "public_route_table"].sort(),
    nat: natZones.map((z) => `nat_gateway_${z}`).sort(),
    eip: natZones.map((z) => `nat_gateway_${z}_eip`).sort(),
    routes: [...zones.map((z) => `private_route_table_${z}_default_route`), "public_route_table_default_route"].sort(),
    associations: [...zones.map((z) => `private_subnet_${z}_route_table`), ...zones.map((z) => `public_subnet_${z}_route_table`)].sort(),
  });
  // The VPC, its subnets and their CIDRs, zones and tags
  const vpc = resources("aws_vpc").vpc;
  expect({ cidr: vpc.cidr_block, dns: [vpc.enable_dns_support, vpc.enable_dns_hostnames], tags: tagsOf("aws_vpc", "vpc") }).toEqual({ cidr: create.cidr, dns: [true, true], tags: withName(`${name}-vpc`) });
  expect({ igw: tagsOf("aws_internet_gateway", "internet_gateway"), rt: tagsOf("aws_route_table", "public_route_table") }).toEqual({ igw: withName(`${name}-igw`), rt: withName(`${name}-public`) });
  const discovery: Record<string, string> = resolvedKarpenter(cluster) ? { "karpenter.sh/discovery": name } : {};
  for (const z of layout) {
    const at = z.zone;
    const pub = resources("aws_subnet")[`public_subnet_${at}`];
    const priv = resources("aws_subnet")[`private_subnet_${at}`];
    expect({ at, public: [pub.cidr_block, pub.availability_zone, pub.map_public_ip_on_launch], private: [priv.cidr_block, priv.availability_zone, priv.map_public_ip_on_launch] }).toEqual({
      at,
      public: [z.publicCidr, at, true],
      private: [z.privateCidr, at, undefined],
    });
    expect({ at, public: tagsOf("aws_subnet", `public_subnet_${at}`), private: tagsOf("aws_subnet", `private_subnet_${at}`), rt: tagsOf("aws_route_table", `private_route_table_${at}`) }).toEqual({
      at,
      public: withName(`${name}-public-${at}`, { "kubernetes.io/role/elb": "1" }),
      private: withName(`${name}-private-${at}`, discovery, { "kubernetes.io/role/internal-elb": "1" }),
      rt: withName(`${name}-private-${at}`),
    });
    expect({ at, zoneOfRegion: at.startsWith(cluster.region) && /^[a-z]$/.test(at.slice(cluster.region.length)) }).toEqual({ at, zoneOfRegion: true });
  }
  for (const z of natZones) {
    expect({ z, nat: tagsOf("aws_nat_gateway", `nat_gateway_${z}`), eip: tagsOf("aws_eip", `nat_gateway_${z}_eip`) }).toEqual({ z, nat: withName(`${name}-nat-${z}`), eip: withName(`${name}-nat-${z}-eip`) });
  }
  // What AWS would refuse (CreateSubnet: InvalidSubnet.Range, InvalidSubnet.Conflict; CreateCluster: a service CIDR in
  // the VPC), on the CIDRs the stack holds, with plain arithmetic
  const v = cidrRange(vpc.cidr_block);
  const subnets = Object.entries(resources("aws_subnet")).map(([address, s]) => ({ address, ...cidrRange(s.cidr_block) }));
  for (const s of subnets) {
    expect({ subnet: s.address, prefix: s.prefix, inside: s.prefix >= 16 && s.prefix <= 28 && s.start >= v.start && s.start + s.size <= v.start + v.size }).toEqual({ subnet: s.address, prefix: s.prefix, inside: true });
  }
  const overlapping = subnets.flatMap((a, i) => subnets.slice(i + 1).filter((b) => a.start < b.start + b.size && b.start < a.start + a.size).map((b) => `${a.address} ${b.address}`));
  expect({ overlapping }).toEqual({ overlapping: [] });
  expect({ vpcPrefix: v.prefix >= 16 && v.prefix <= 28 }).toEqual({ vpcPrefix: true });
  const service = cluster.network.serviceIpv4Cidr;
  if (service !== undefined) {
    const sv = cidrRange(service);
    expect({ service, overlapsVpc: sv.start < v.start + v.size && v.start < sv.start + sv.size }).toEqual({ service, overlapsVpc: false });
  }
  // The cluster and every node group on the private subnets, in the zones' order
  const privateRefs = zones.map((z) => `\${aws_subnet.private_subnet_${z}.id}`);
  const eks = tf.resource.aws_eks_cluster.cluster;
  expect({ cluster: (eks.vpc_config as Json).subnet_ids }).toEqual({ cluster: privateRefs });
  for (const [address, g] of Object.entries(resources("aws_eks_node_group"))) expect({ address, subnets: g.subnet_ids }).toEqual({ address, subnets: privateRefs });
  // (Fargate profiles name none: EKS takes the cluster's private subnets, here the created private ones)
  for (const [address, p] of Object.entries(resources("aws_eks_fargate_profile"))) expect({ address, subnets: p.subnet_ids }).toEqual({ address, subnets: undefined });
  // No subnet is looked up or tagged from outside: the created ones carry their tags themselves
  expect({ lookups: Object.keys(tf.data ?? {}).filter((type) => /subnet|vpc/.test(type)) }).toEqual({ lookups: [] });
  // (Karpenter's discovery tag on the cluster security group stays an aws_ec2_tag; its subnets' tags are the subnets' own)
  expect({ subnetDiscoveryTags: Object.keys(resources("aws_ec2_tag")).filter((a) => /subnet/.test(a) && !a.startsWith("subnet_role_tag_")) }).toEqual({ subnetDiscoveryTags: [] });
}

/** The lifecycle guards on aws_eks_cluster (issue 15): as given, and nothing when none is given. */
function expectGuards(cluster: ClusterConfig, tf: TerraformJson): void {
  const eks = tf.resource.aws_eks_cluster.cluster as Record<string, Json>;
  const autoMode = cluster.autoMode.enabled;
  const bootstrapGiven = cluster.bootstrapSelfManagedAddons !== undefined;
  expect({
    zonalShift: eks.zonal_shift_config,
    preventDestroy: eks.lifecycle?.prevent_destroy,
    bootstrap: eks.bootstrap_self_managed_addons,
    ignoresBootstrap: ((eks.lifecycle?.ignore_changes ?? []) as string[]).includes("bootstrap_self_managed_addons"),
  }).toEqual({
    zonalShift: cluster.zonalShift === undefined ? undefined : { enabled: cluster.zonalShift },
    preventDestroy: cluster.deletionProtection === true ? true : undefined,
    // Auto Mode writes false itself (EKS requires it)
    bootstrap: autoMode ? false : cluster.bootstrapSelfManagedAddons,
    ignoresBootstrap: bootstrapGiven || (autoMode && ((eks.lifecycle?.ignore_changes ?? []) as string[]).includes("bootstrap_self_managed_addons")),
  });
}

/** Everything the app makes of an accepted cluster, in process: the stack JSON, the hand-off HCL and REVIEW.md. */
function synthesizeAll(cluster: ClusterConfig, given: unknown): { json: string; hcl: string; review: string } {
  const json = synthStackJson(cluster);
  const hcl = renderHandoffHcl(cluster);
  const tf = parse(json);
  const date = "2026-01-15";
  const review = reviewDocument({ config: cluster, given, terraform: tf as unknown as Record<string, unknown>, findings: findingsOf(tf, cluster.waivers, date), date });
  return { json, hcl, review };
}

// =====================================================================================================================

describe("property 1: parsing never crashes", () => {
  it("GIVEN any config text (written from valid, mutated, colliding or arbitrary values, refused on purpose, cut short, token soup) WHEN parsed THEN it is plain data with null-prototype maps and lines within the file, or a printable ConfigFileError naming the file, within the time limit", () => {
    holds(
      "parse any text",
      fc.property(configTextArb, fc.constantFrom("cluster", "dir/c\u001b[31m\u202ename\u2028"), (input: ConfigText, name) => {
        // GIVEN a text, and a file name that may itself hold terminal controls
        const file = `${name}.${input.format}`;
        // WHEN it is parsed
        const outcome = parseText(input.text, input.format, file);
        // THEN plain data, or a ConfigFileError that names the file and prints safely
        if ("fileError" in outcome) {
          expect(file.startsWith("cluster") ? outcome.fileError.message.startsWith(file) : true).toBe(true);
          expect({ unsafe: unsafeCharacterIn(outcome.fileError.message) }).toEqual({ unsafe: undefined });
          return;
        }
        expectPlainData(outcome.parsed.raw);
        const lineCount = (input.text.match(/\n/g)?.length ?? 0) + 1;
        const paths = ["", "(top level)", "nodeGroups[0].labels[\"a/b\"]", "clusters[1].name (the key)", 'tags["\\u0000\\""]', "x[99999999999999999999]", "[", '["'];
        for (const slot of slotsOf(outcome.parsed.raw).slice(0, 50)) paths.push(slot.path.reduce<string>((p, k) => childPath(p, k), ""));
        for (const p of paths) {
          const line = outcome.parsed.lineOf(p);
          expect({ path: p, line, ok: line === undefined || (Number.isInteger(line) && line >= 1 && line <= lineCount) }).toEqual({ path: p, line, ok: true });
        }
      }),
      runs(100, 2000),
    );
  });

  it("GIVEN JSON written from any value in any style (BOM, CRLF, whitespace, \\u and \\/ escapes, 1e999, -0) WHEN parsed THEN it reads back as exactly that value", () => {
    holds(
      "JSON round trip",
      fc.property(anyConfigValueArb.filter((v) => !containsNaN(v)), jsonStyleArb, (value, style) => {
        // GIVEN the JSON text of a value
        const text = writeJson(value, style);
        // WHEN parsed
        const outcome = parseText(text, "json");
        // THEN the same data
        if ("fileError" in outcome) throw new Error(`refused valid JSON: ${outcome.fileError.message}`);
        expect({ difference: sameData(outcome.parsed.raw, value) }).toEqual({ difference: undefined });
      }),
      runs(100, 1000),
    );
  });

  it("GIVEN YAML written from any value in any style (flow/block, quoting, !!str/!!int tags, anchors and aliases, merge keys, %YAML 1.2, comments, BOM, CRLF) WHEN parsed THEN it reads back as that value", () => {
    holds(
      "YAML round trip",
      fc.property(anyConfigValueArb, yamlStyleArb, (value, style) => {
        // GIVEN the YAML text of a value, one the yaml package itself reads back as that value (its writer folds
        // long lines wrongly in rare deep cases, writing `undefined` into them: those texts say nothing of our parser)
        const text = writeYaml(value, style);
        fc.pre(yamlReadsBack(text, value));
        // WHEN parsed
        const outcome = parseText(text, "yaml");
        // THEN the same data
        if ("fileError" in outcome) throw new Error(`refused valid YAML: ${outcome.fileError.message}\n--- text ---\n${text.slice(0, 2000)}`);
        expect({ difference: sameData(outcome.parsed.raw, value) }).toEqual({ difference: undefined });
      }),
      runs(100, 1500),
    );
  });

  it("GIVEN JSON with a key written twice in one object WHEN parsed THEN a ConfigFileError says the key appears twice", () => {
    holds(
      "JSON duplicate keys",
      fc.property(validClusterArb().map((c) => ({ name: "simple-bank", ...c })), jsonStyleArb, (value, style) => {
        // GIVEN a cluster whose top-level first key is written twice
        const text = writeJson(value, { ...style, duplicateAt: 0 });
        // WHEN parsed THEN refused, saying why
        const outcome = parseText(text, "json");
        expect("fileError" in outcome).toBe(true);
        if ("fileError" in outcome) {
          expect(outcome.fileError.message).toMatch(/appears twice/);
          expectPrintableFileError(outcome.fileError, FILE.json);
        }
      }),
      runs(30, 500),
    );
  });

  it("GIVEN YAML the parser must refuse (unsupported tags, %YAML 1.1, two documents, duplicate keys, alias bombs, recursive or dangling aliases, merge keys of non-maps) WHEN parsed THEN a ConfigFileError says why, in time", () => {
    holds(
      "YAML refused",
      fc.property(refusedYamlArb, (input) => {
        // GIVEN YAML that must be refused WHEN parsed
        const outcome = parseText(input.text, "yaml");
        // THEN a ConfigFileError that says why
        if (!("fileError" in outcome)) throw new Error(`accepted YAML that must be refused:\n${input.text.slice(0, 1000)}`);
        const why = input.expect && "fileError" in input.expect ? input.expect.fileError : "";
        expect(outcome.fileError.message).toMatch(new RegExp(why, "i"));
        expectPrintableFileError(outcome.fileError, FILE.yaml);
      }),
      runs(40, 1000),
    );
  });

  it("GIVEN nesting from 1 to 100000 levels, JSON and YAML, flow and block WHEN parsed THEN up to 64 levels read, deeper is a ConfigFileError (never a RangeError), in time", () => {
    holds(
      "nesting",
      fc.property(nestingArb, (input) => {
        // GIVEN `depth` nested lists or maps WHEN parsed
        const outcome = parseText(input.text, input.format);
        // THEN read up to the documented limit (64), refused beyond it
        const refused = "fileError" in outcome ? outcome.fileError.message : undefined;
        expect({ depth: input.depth, refused: refused !== undefined }).toEqual({ depth: input.depth, refused: input.depth > 64 });
        if (refused) expect(refused).toMatch(/nested more than 64 levels/);
      }),
      { ...runs(30, 5000), numRuns: 30 },
    );
  });
});

describe("property 1: resolving never crashes", () => {
  it("GIVEN any parsed value (valid, mutated, colliding, broken top level or arbitrary; plain or null-prototype maps) WHEN resolved THEN clusters, or a ConfigError whose every problem has a path, rule and fix and prints safely; the input, the embedded default and the built-in prototypes are left unchanged", () => {
    const defaultBefore = JSON.stringify(DEFAULT_CLUSTER);
    const prototypesBefore = prototypeFingerprint();
    holds(
      "resolve any value",
      fc.property(anyConfigValueArb, fc.boolean(), (generated, nullPrototypes) => {
        // GIVEN a value as a parser returns it
        const raw = nullPrototypes ? withNullPrototypes(generated) : generated;
        const before = writeJson(raw, { space: "", bom: false, crlf: false, escapeSlash: false, escapeNonAscii: false, unicodeEvery: 0 });
        // WHEN resolved
        const outcome = resolve(raw);
        // THEN accepted with printable warnings, or a well-formed ConfigError
        if ("configError" in outcome) expectWellFormedConfigError(outcome.configError);
        else expect({ unsafe: unsafeCharacterIn(formatWarnings(outcome.loaded)) }).toEqual({ unsafe: undefined });
        // AND nothing was changed in passing
        expect(writeJson(raw, { space: "", bom: false, crlf: false, escapeSlash: false, escapeNonAscii: false, unicodeEvery: 0 }) === before).toBe(true);
        expect(JSON.stringify(DEFAULT_CLUSTER) === defaultBefore).toBe(true);
        expect(prototypeFingerprint()).toEqual(prototypesBefore);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      runs(150, 2000),
    );
  });

  it("GIVEN a valid config with one value replaced by a value of another JSON type WHEN resolved THEN it is rejected with a problem at exactly that path", () => {
    holds(
      "wrong type is reported where it is",
      fc.property(validClusterArb(), fc.nat(), fc.nat(), (config, at, pick) => {
        // GIVEN a valid cluster and one place in it (not an add-on entry: null there removes a default add-on; not inside
        // an add-on's configurationValues or an inline policy, which take JSON maps of many shapes)
        const slots = slotsOf(config).filter((s) => !(s.path.length === 2 && s.path[0] === "addons") && !(s.path[0] === "addons" && s.path[2] === "configurationValues" && s.path.length > 3) && !(s.path[0] === "serviceAccounts" && s.path[2] === "inlinePolicy" && s.path.length > 3));
        fc.pre(slots.length > 0);
        const slot = slots[at % slots.length];
        const where = slot.path.reduce<string>((p, k) => childPath(p, k), "");
        const broken = mutate(config, []);
        const target = slot.path.slice(0, -1).reduce<Json>((node, k) => node[k], broken);
        const replaced = [null, true, 7, "7", [], objectOf([["constructor", "x"]])].filter((v) => kindOf(v) !== kindOf(target[slot.key]));
        target[slot.key] = replaced[pick % replaced.length];
        // WHEN resolved
        const outcome = resolve(broken);
        // THEN rejected, with a problem at that very path
        if (!("configError" in outcome)) throw new Error(`accepted ${where} = ${JSON.stringify(target[slot.key])}`);
        expectWellFormedConfigError(outcome.configError);
        expect({ where, reported: outcome.configError.issues.some((i) => i.path === where) }).toEqual({ where, reported: true });
      }),
      runs(100, 700),
    );
  });

  it("GIVEN a valid config with an unknown key (prototype names included) added to one of its objects WHEN resolved THEN it is rejected with 'is not a known key' at that key's path", () => {
    holds(
      "unknown keys are reported",
      fc.property(validClusterArb(), fc.nat(), fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "toJSON"), fc.string({ maxLength: 8 })), (config, at, key) => {
        // GIVEN an object of a valid cluster whose schema knows its keys (not a map of free keys such as tags)
        const objects = [{ path: [] as (string | number)[], node: config }, ...slotsOf(config).map((s) => ({ path: [...s.path], node: s.parent[s.key] }))].filter(
          (o) => isObject(o.node) && knownKeysAt(o.path) !== undefined,
        );
        const { path: at2, node } = objects[at % objects.length];
        const known = knownKeysAt(at2)!;
        fc.pre(!known.includes(key) && !Object.prototype.hasOwnProperty.call(node, key) && !(at2.length === 0 && key === "clusters"));
        const broken = mutate(config, []);
        const target = at2.reduce<Json>((n, k) => n[k], broken);
        Object.defineProperty(target, key, { value: "x", enumerable: true, writable: true, configurable: true });
        // WHEN resolved
        const outcome = resolve(broken);
        // THEN rejected, naming the unknown key where it is
        const where = childPath(at2.reduce<string>((p, k) => childPath(p, k), ""), key);
        if (!("configError" in outcome)) throw new Error(`accepted the unknown key ${where}`);
        expectWellFormedConfigError(outcome.configError);
        const issue = outcome.configError.issues.find((i) => i.path === where);
        expect({ where, rule: issue?.rule }).toEqual({ where, rule: expect.stringMatching(/is not a known key/) });
      }),
      runs(100, 600),
    );
  });

  it("GIVEN a config that follows every documented rule WHEN resolved THEN it is accepted and holds the user's tags, labels, taints and names exactly (prototype names included)", () => {
    holds(
      "valid configs are accepted as given",
      fc.property(validFileArb(), fc.boolean(), (file, nullPrototypes) => {
        // GIVEN a valid file WHEN resolved
        const loaded = accepted(nullPrototypes ? withNullPrototypes(file) : file);
        // THEN each cluster holds what the file gave
        const given: Json[] = file.clusters ?? [file];
        expect(loaded.clusters).toHaveLength(given.length);
        loaded.clusters.forEach((cluster, i) => {
          const g = given[i];
          expect(cluster.name).toBe(g.name ?? "simple-bank");
          if (g.tags) expect(entriesOf(cluster.tags)).toEqual(entriesOf(g.tags));
          (g.nodeGroups ?? []).forEach((group: Json, j: number) => {
            const resolved = cluster.nodeGroups[j];
            expect(resolved.name).toBe(group.name);
            if (group.tags) expect(entriesOf(resolved.tags)).toEqual(entriesOf(group.tags));
            if (group.labels) expect(entriesOf(resolved.labels)).toEqual(entriesOf(group.labels));
            if (group.taints) expect(resolved.taints.map((t) => [t.key, t.value])).toEqual(group.taints.map((t: Json) => [t.key, t.value]));
          });
          if (g.addons) for (const name of Object.keys(g.addons)) expect(Object.prototype.hasOwnProperty.call(cluster.addons, name)).toBe(g.addons[name] !== null);
          // Issue 15: a created VPC, subnet tags, the guards and HCP Terraform state as given
          expect({ create: cluster.network.create, subnetTags: cluster.network.subnetTags, cloud: cluster.backend?.cloud }).toEqual({
            create: g.network?.create,
            subnetTags: g.network?.subnetTags,
            cloud: g.backend?.cloud,
          });
          for (const key of ["deletionProtection", "zonalShift", "bootstrapSelfManagedAddons"] as const) expect({ key, value: cluster[key] }).toEqual({ key, value: g[key] });
        });
      }),
      runs(80, 700),
    );
  });
});

describe("property 2: every accepted config synthesizes, with the user's strings literal", () => {
  it("GIVEN an accepted config WHEN synthesized THEN no exception, and every tag, label, taint, SSH key name and state key is the user's string with ${ and %{ escaped", () => {
    holds(
      "accepted configs synthesize literally",
      fc.property(validFileArb(), (file) => {
        // GIVEN an accepted config
        for (const cluster of accepted(file).clusters) {
          // WHEN synthesized
          const tf = parse(synthStackJson(cluster));
          // THEN the user's strings are there, literally
          expectUserValuesLiteral(cluster, tf);
        }
      }),
      runs(30, 2000),
    );
  });

  it("GIVEN names that collide once made Terraform names (eks.nodes/eks_nodes, role/a/admin and role/b/admin, x and x_launch_template, x and x_version, a node group named after an output) WHEN resolved THEN a ConfigError, or it synthesizes", () => {
    holds(
      "collisions are rejected or harmless",
      fc.property(collidingClusterArb, (config) => {
        // GIVEN colliding names WHEN resolved
        const outcome = resolve(config);
        // THEN rejected with well-formed problems, or synthesized without an exception
        if ("configError" in outcome) return expectWellFormedConfigError(outcome.configError);
        for (const cluster of outcome.loaded.clusters) synthesizeAll(cluster, config);
      }),
      runs(30, 1000),
    );
  });

  it("GIVEN any config text WHEN parsed, resolved and (accepted) synthesized with its hand-off HCL and REVIEW.md THEN no exception but ConfigFileError or ConfigError", () => {
    holds(
      "text to Terraform never crashes",
      fc.property(configTextArb, (input) => {
        // GIVEN any text WHEN parsed
        const parsed = parseText(input.text, input.format);
        if ("fileError" in parsed) return;
        // AND resolved
        const outcome = resolve(parsed.parsed.raw, parsed.parsed.lineOf);
        if ("configError" in outcome) return expectWellFormedConfigError(outcome.configError, input.text);
        // THEN every accepted cluster builds, with the user's strings literal in the JSON
        outcome.loaded.clusters.forEach((cluster, i) => {
          const { json } = synthesizeAll(cluster, outcome.loaded.given[i]);
          expectUserValuesLiteral(cluster, parse(json));
        });
      }),
      runs(60, 2500),
    );
  });
});

describe("property 2: issue 15's keys at their edges", () => {
  it("GIVEN a valid config with network.create, network.subnetTags, a lifecycle guard or backend.cloud at an edge (past a limit, against another key, a name within its pattern that cdktf reads as a token) WHEN resolved THEN a well-formed ConfigError, or it synthesizes (stack, hand-off HCL, REVIEW.md) with every value literal", () => {
    holds(
      "issue 15 edges are rejected or built",
      fc.property(issue15EdgeArb, (config) => {
        // GIVEN an edge WHEN resolved
        const outcome = resolve(config);
        // THEN rejected with well-formed problems, or built with the user's values literal
        if ("configError" in outcome) return expectWellFormedConfigError(outcome.configError);
        for (const cluster of outcome.loaded.clusters) {
          const { json } = synthesizeAll(cluster, config);
          expectUserValuesLiteral(cluster, parse(json));
        }
      }),
      runs(30, 1500),
    );
  });
});

describe("property 4: determinism", () => {
  it("GIVEN an accepted config WHEN synthesized twice THEN the Terraform JSON and the hand-off HCL are byte-identical", () => {
    holds(
      "same config, same bytes",
      fc.property(validClusterArb(), (config) => {
        // GIVEN one accepted config
        const [cluster] = accepted(config).clusters;
        // WHEN synthesized twice THEN the same bytes
        expect(synthStackJson(cluster) === synthStackJson(cluster)).toBe(true);
        expect(renderHandoffHcl(cluster) === renderHandoffHcl(cluster)).toBe(true);
      }),
      runs(3, 1500),
    );
  });
});

describe("property 3: a hand-off means what its stack means", () => {
  it("GIVEN any accepted config (hostile strings and keys included) WHEN its hand-off HCL is read back with an HCL parser THEN resources, data sources, outputs and provider settings equal cdk.tf.json's, value by value", async () => {
    await holdsAsync(
      "hand-off equivalent",
      fc.asyncProperty(validClusterArb(), async (config) => {
        // GIVEN one accepted config WHEN its stack and hand-off are made
        const [cluster] = accepted(config).clusters;
        const json = parse(synthStackJson(cluster)) as unknown as Record<string, Json>;
        const both = await bothSections(handoffHcl(json, cluster.name), handoffJson(json));
        // THEN Terraform reads the same configuration from both
        expect(both.hcl).toEqual(both.json);
        // AND the HCP Terraform cloud block (issue 15) holds the user's settings literally in the HCL too
        expect({ cloud: (both.hcl as Json).terraform?.cloud }).toEqual({ cloud: expectedCloud(cluster) });
      }),
      runs(25, 8000),
    );
  }, 60_000);
});

describe("property: replacement warnings", () => {
  it("GIVEN any accepted config WHEN compared with itself THEN no warning; WHEN with another THEN warnings or none, never an exception, each naming a resource of the first", () => {
    holds(
      "replacement warnings",
      fc.property(validClusterArb(), validClusterArb(), (a, b) => {
        const [x] = accepted(a).clusters;
        const [y] = accepted(b).clusters;
        const jx = JSON.parse(synthStackJson(x));
        const jy = JSON.parse(synthStackJson(y));
        // THEN nothing is replaced by no edit
        expect(replacementsBetween(jx, JSON.parse(JSON.stringify(jx)), x)).toEqual([]);
        // THEN an edit names only resources the previous stack had
        const found = replacementsBetween(jx, jy, y);
        const previous = new Set(Object.entries(jx.resource).flatMap(([type, rs]) => Object.keys(rs as object).map((n) => `${type}.${n}`)));
        // (an instance of a for_each resource, `type.name["key"]`, names that resource, whose for_each holds the key)
        for (const r of found) {
          const [, resource, key] = /^([^[]+)(?:\[(.+)\])?$/.exec(r.address) ?? [];
          expect({ address: r.address, previous: previous.has(resource) }).toEqual({ address: r.address, previous: true });
          if (key !== undefined) {
            const [type, name] = resource.split(".");
            expect({ address: r.address, inForEach: String(jx.resource[type][name].for_each).includes(key) }).toEqual({ address: r.address, inForEach: true });
          }
        }
        // THEN the warning names every one of them, or is empty when there is none
        const text = formatReplacements(y.name, found);
        if (found.length === 0) expect(text).toBe("");
        else for (const r of found) expect(text).toContain(` ${r.address} (`);
      }),
      runs(20, 4000),
    );
  });
});

describe("property 1: the compiled app on generated files", () => {
  const appBuilt = fs.existsSync(MAIN);
  const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

  (appBuilt ? it : it.skip)(
    "GIVEN generated config files (valid and hostile, JSON and YAML) WHEN the app runs on each THEN it exits 0 or 1 as the in-process loader decides, without a stack trace, printing safely, and exit 1 creates nothing",
    () => {
      // Two accepted files always (JSON and YAML), then generated texts of any kind.
      const [validJson] = fc.sample(fc.tuple(validFileArb(), jsonStyleArb).map(([v, st]) => ({ format: "json" as const, text: writeJson(v, st) })), { numRuns: 1, seed: PROPERTY_SEED });
      const [validYaml] = fc.sample(fc.tuple(validFileArb(), yamlStyleArb).map(([v, st]) => ({ format: "yaml" as const, text: writeYaml(v, st) })), { numRuns: 1, seed: PROPERTY_SEED });
      holds(
        "the app never crashes",
        fc.property(configTextArb, (input: ConfigText) => {
          // GIVEN a config file in an empty folder
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-prop-"));
          const file = path.join(dir, input.format === "json" ? "cluster.json" : "cluster.yaml");
          fs.writeFileSync(file, input.text);
          try {
            // WHEN the app runs on it
            const run = runApp(dir, ["--handoff"], { CLUSTER_CONFIG: file, EKS_CDKTF_TODAY: "2026-01-15" });
            const head = `exit ${run.code}; stderr: ${run.stderr.slice(0, 1500)}`;
            // THEN 0 or 1, no stack trace, safe to print
            expect({ head, code: run.code === 0 || run.code === 1 }).toEqual({ head, code: true });
            expect({ head, stackTrace: stackTrace.test(run.stderr) }).toEqual({ head, stackTrace: false });
            expect({ unsafe: unsafeCharacterIn(run.stderr) }).toEqual({ unsafe: undefined });
            // AND the same verdict as the loader in process, on the bytes the file holds
            const text = fs.readFileSync(file, "utf8");
            const parsed = parseText(text, input.format, file);
            const outcome = "fileError" in parsed ? undefined : resolve(parsed.parsed.raw, parsed.parsed.lineOf);
            const acceptedHere = outcome !== undefined && "loaded" in outcome;
            expect({ head, exit: run.code }).toEqual({ head, exit: acceptedHere ? 0 : 1 });
            if (run.code === 1) {
              // exit 1 writes nothing: no cdktf.out, no lock, nothing beside the config
              expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
            } else if (outcome && "loaded" in outcome) {
              for (const cluster of outcome.loaded.clusters) {
                expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", cluster.name, "cdk.tf.json"))).toBe(true);
                expect(fs.existsSync(path.join(dir, "cdktf.out", "handoff", cluster.name, "main.tf"))).toBe(true);
              }
            }
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }),
        // A small sample: each run is a process (~0.3-1 s); PROPERTY_RUNS grows it up to ten times.
        { ...runs(3, 20_000), numRuns: 3 * Math.min(PROPERTY_MULTIPLIER, 10), examples: [[validJson], [validYaml]] },
      );
    },
  );
  if (!appBuilt) {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED the app's property: no ${MAIN} (run npm run build)`);
  }
});

// ---- schema navigation -----------------------------------------------------------------------------------------------

/** JSON kind of a value: null, boolean, number, string, list or map. */
function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "list" : typeof value === "object" ? "map" : typeof value;
}

/** The known keys of the object the schema expects at `at` (undefined when it expects a map of free keys, or nothing). */
function knownKeysAt(at: readonly (string | number)[]): string[] | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let node: any = clusterSchema;
  for (const segment of at) {
    const fields = fieldsOf(node);
    if (fields) {
      node = fields[segment as string];
    } else {
      const { item, value } = childrenOf(node);
      node = typeof segment === "number" ? item : value;
    }
    if (!node) return undefined;
  }
  const fields = fieldsOf(node);
  return fields ? Object.keys(fields) : undefined;
}
