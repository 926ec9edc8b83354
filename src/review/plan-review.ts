/**
 * `npm run plan-review`: a saved Terraform plan (`terraform show -json <plan>`) read as a pull-request comment. It
 * counts what the plan creates, updates, replaces and destroys, and for every replaced or destroyed resource says
 * what it is in this project's terms, which attributes force the replacement (before -> after), what that does to a
 * running cluster, and the safer path.
 *
 * Every value from the plan (names, attribute values, reasons) is user-controlled: it reaches the Markdown only in a
 * code span whose fence is longer than any backtick run in it, with control characters escaped, so a hostile name
 * cannot add Markdown or HTML to the comment.
 *
 * Pure apart from `readPlanFile`; never imports the constructs (src/review's architecture rule).
 */
import { preview, printable } from "../config/printable";
import { FileReadError, readRegularFile } from "../config/read-file";
import { GENERIC, IMPACTS, SOURCES } from "./impacts";
import { configKeyFor } from "./replacements";
import { bootstrapNote } from "./lifecycle-notes";

/** A file that is not a readable Terraform plan in JSON: the reason, in words, without the file name. */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The largest plan file read: 256 MiB. Larger files are refused before they are read. */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** What `reviewPlan` returns: the comment, and 1 when something is replaced or destroyed, else 0. */
export interface PlanReview {
  readonly markdown: string;
  readonly code: 0 | 1;
}

type Json = Record<string, unknown>;

/** A plan path (`replace_paths` entry): names and list indexes. */
type PlanPath = readonly (string | number)[];

const HOW_TO = "expected the JSON that `terraform show -json <saved plan>` prints";

// ---------------------------------------------------------------------------------------------------------------
// Reading the file

/** The size refusal, in words. */
function tooLarge(size: number): string {
  return `it is more than 256 MiB (${(size / (1024 * 1024)).toFixed(1)} MiB or more); a plan file may be at most ${MAX_PLAN_BYTES} bytes`;
}

/**
 * Reads and parses a plan file: a regular UTF-8 JSON file of at most 256 MiB. Throws PlanFileError with the reason
 * (missing, a folder, too large, empty, not UTF-8, not JSON). The shape is checked by `reviewPlan`.
 */
export function readPlanFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_PLAN_BYTES, tooLarge);
  } catch (error) {
    if (error instanceof FileReadError) throw new PlanFileError(error.message);
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PlanFileError(`it is not UTF-8 text; ${HOW_TO}`);
  }
  if (text.trim() === "") throw new PlanFileError(`it is empty; ${HOW_TO}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new PlanFileError("it is nested too deeply to read");
    const why = error instanceof Error ? error.message : String(error);
    throw new PlanFileError(`not JSON (${printable(why, 100)}); ${HOW_TO}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The plan's shape

/** A resource change as this review reads it. */
interface Change {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly reason?: string;
  readonly deposed?: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
  readonly afterUnknown: unknown;
  readonly replacePaths: readonly PlanPath[];
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** What a JSON document that is not a plan looks like, in words; undefined when it may be a plan. */
function notAPlan(doc: unknown): string | undefined {
  if (Array.isArray(doc)) return `the JSON is a list, not a Terraform plan; ${HOW_TO}`;
  if (!isObject(doc)) return `the JSON is ${doc === null ? "null" : `a ${typeof doc}`}, not a Terraform plan; ${HOW_TO}`;
  if ("lineage" in doc && "serial" in doc) return `it is a Terraform state file, not a plan; ${HOW_TO}`;
  if (!("format_version" in doc) && ("resource" in doc || "terraform" in doc || "provider" in doc)) {
    return `it is Terraform configuration (.tf.json), not a plan; ${HOW_TO}`;
  }
  if (typeof doc.format_version !== "string") return `no "format_version": not a Terraform plan; ${HOW_TO}`;
  if (!/^1\.\d+$/.test(doc.format_version)) {
    return `unsupported plan format_version "${printable(doc.format_version, 20)}" (this review reads 1.x)`;
  }
  if (!("resource_changes" in doc) && !("planned_values" in doc)) {
    return "values" in doc
      ? `it is the JSON of a state (terraform show -json without a plan file), not a plan; ${HOW_TO}`
      : `no "resource_changes" nor "planned_values": not a Terraform plan; ${HOW_TO}`;
  }
  if ("resource_changes" in doc && !Array.isArray(doc.resource_changes)) return `"resource_changes" is not a list: not a Terraform plan`;
  return undefined;
}

/** A `replace_paths` entry when it is a list of names and indexes. */
function planPath(value: unknown): PlanPath | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  // A step into a set element is the element itself (an object): written `[*]`, as no index names it.
  return value.map((s) => (typeof s === "string" || (typeof s === "number" && Number.isInteger(s)) ? s : SET_ELEMENT));
}

/** A path step into a set element. */
const SET_ELEMENT = "\u0000set element";

/** One entry of `resource_changes`, checked; throws PlanFileError naming the entry when it is malformed. */
function readChange(entry: unknown, index: number): Change {
  const bad = (why: string) => new PlanFileError(`resource_changes[${index}] ${why}: not a Terraform plan`);
  if (!isObject(entry)) throw bad("is not an object");
  const { address, type, change } = entry;
  if (typeof address !== "string" || typeof type !== "string") throw bad('has no "address" or "type"');
  if (!isObject(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === "string")) {
    throw bad('has no "change.actions" list');
  }
  const paths = Array.isArray(change.replace_paths) ? change.replace_paths : [];
  return {
    address,
    type,
    actions: change.actions as string[],
    reason: typeof entry.action_reason === "string" ? entry.action_reason : undefined,
    deposed: typeof entry.deposed === "string" ? entry.deposed : undefined,
    before: change.before,
    after: change.after,
    beforeSensitive: change.before_sensitive,
    afterSensitive: change.after_sensitive,
    afterUnknown: change.after_unknown,
    replacePaths: paths.map(planPath).filter((p): p is PlanPath => p !== undefined),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown, safely

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * User text as a Markdown code span: control characters and invisible characters escaped (printable), cut at
 * `max`, fenced with more backticks than any run inside (padded with spaces when it starts or ends with one). In a
 * table cell, `|` is escaped as `\|` (GFM splits cells before it reads code spans, and drops the backslash), and a
 * backslash just before a `|` is written `\u005C`.
 */
export function codeSpan(text: string, options: { readonly max?: number; readonly inTable?: boolean } = {}): string {
  let body = printable(text, options.max ?? 120);
  if (body === "") return "*(empty)*";
  // A backslash before a pipe would pair with the escape's backslash (GFM reads `\\` then a bare `|`): shown as \u005C.
  if (options.inTable) body = body.replace(/\\(?=\|)/g, "\\u005C").replace(/\|/g, "\\|");
  const fence = "`".repeat(longestBacktickRun(body) + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || (body.startsWith(" ") && body.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A path as Terraform writes it: `scaling_config[0].desired_size`, `tags["team"]`. */
export function renderPath(path: PlanPath): string {
  return path
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      if (step === SET_ELEMENT) return "[*]";
      if (i === 0) return step;
      return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    })
    .join("");
}

/** The value at `path` in a plan value; undefined when absent. */
function valueAt(root: unknown, path: PlanPath): unknown {
  let node = root;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (isObject(node) && typeof step === "string" && Object.prototype.hasOwnProperty.call(node, step)) node = node[step];
    else return undefined;
  }
  return node;
}

/** Whether a `*_sensitive` / `after_unknown` tree marks `path` (or one of its ancestors, or all of it) as true. */
function marked(tree: unknown, path: PlanPath): boolean {
  let node = tree;
  for (const step of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (isObject(node) && typeof step === "string") node = node[step];
    else return false;
  }
  return node === true;
}

/** A value as shown in the comment: compact, in a code span; markers (sensitive, unknown, none) outside of one. */
function shownValue(value: unknown, sensitive: boolean, unknown: boolean, inTable: boolean): string {
  if (sensitive) return "*(sensitive)*";
  if (unknown) return "*(known after apply)*";
  if (value === undefined || value === null) return "*(none)*";
  return codeSpan(typeof value === "string" ? value : preview(value, 120), { inTable });
}

/** A table; cells are already Markdown (values in code spans made with inTable). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// What a change is

type Kind = "create" | "update" | "replace" | "destroy" | "forget" | "unchanged" | "other";

/** The kind of a change by its actions; `read` (data sources) and `no-op` count as unchanged. */
function changeKind(actions: readonly string[]): Kind {
  const key = actions.join(",");
  switch (key) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete,create":
    case "create,delete":
      return "replace";
    case "delete":
      return "destroy";
    case "forget":
      return "forget";
    case "no-op":
    case "read":
    case "":
      return "unchanged";
    default:
      return "other";
  }
}

/** Terraform's action reasons, in words. */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: "an attribute that cannot change in place changed",
  replace_because_tainted: "the object is tainted (a failed create, or `terraform taint`)",
  replace_by_request: "it was asked for (`-replace`)",
  replace_by_triggers: "a `replace_triggered_by` reference changed",
  delete_because_no_resource_config: "it was removed from the configuration",
  delete_because_no_module: "its module was removed from the configuration",
  delete_because_wrong_repetition: "its `count` / `for_each` changed shape",
  delete_because_count_index: "its `count` index is out of range now",
  delete_because_each_key: "its `for_each` key is gone",
  delete_because_no_move_target: "its `moved` target does not exist",
};

/** The reason of a change, in words, with Terraform's code. */
function reasonText(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const words = REASONS[reason];
  return words ? `${words} (${codeSpan(reason)})` : `Terraform says ${codeSpan(reason)}`;
}

/** A string attribute of the resource, from `after` when there is one, else `before`. */
function attribute(change: Change, name: string): string | undefined {
  for (const side of [change.after, change.before]) {
    const value = isObject(side) ? side[name] : undefined;
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/** The services an IAM role's trust policy (a JSON string in the plan) lets assume it. */
function trustedServices(change: Change): string[] {
  const policy = attribute(change, "assume_role_policy");
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy) as Json;
    const statements = ([] as unknown[]).concat(doc.Statement ?? []);
    return statements.flatMap((s) => (isObject(s) && isObject(s.Principal) ? ([] as unknown[]).concat(s.Principal.Service ?? []) : [])).filter((x): x is string => typeof x === "string");
  } catch {
    return [];
  }
}

/** "cluster role", "node role" or "IAM role": from the trust policy, else from the address. */
function roleKind(change: Change): string {
  const services = trustedServices(change);
  if (services.includes("eks.amazonaws.com")) return "cluster role";
  if (services.includes("ec2.amazonaws.com")) return "node role";
  if (services.includes("pods.eks.amazonaws.com")) return "Pod Identity role";
  if ((attribute(change, "assume_role_policy") ?? "").includes("sts:AssumeRoleWithWebIdentity")) return "IRSA role";
  const name = change.address.split(".").pop() ?? "";
  if (name.startsWith("cluster_role")) return "cluster role";
  if (name.startsWith("node_role")) return "node role";
  return "IAM role";
}

/** The last part of an ARN (a managed policy's name). */
const arnName = (arn: string) => arn.split("/").pop() ?? arn;

/** `of cluster `x`` when the change names its cluster. */
function ofCluster(change: Change): string {
  const cluster = attribute(change, "cluster_name");
  return cluster ? ` of cluster ${codeSpan(cluster)}` : "";
}

/** A name in a code span, or the fallback when the plan does not give one. */
const named = (name: string | undefined, what: string) => (name ? `${what} ${codeSpan(name)}` : what);

/** What the resource is, in this project's terms, from its real names in the plan. */
function describe(change: Change): string {
  switch (change.type) {
    case "aws_eks_cluster":
      return named(attribute(change, "name"), "cluster");
    case "aws_eks_node_group":
      return `${named(attribute(change, "node_group_name"), "node group")}${ofCluster(change)}`;
    case "aws_launch_template":
      return named(attribute(change, "name"), "the node launch template");
    case "aws_iam_role":
      return named(attribute(change, "name"), `the ${roleKind(change)}`);
    case "aws_iam_role_policy_attachment": {
      const policy = attribute(change, "policy_arn");
      const role = attribute(change, "role");
      return `${named(policy && arnName(policy), "the policy")} attached to ${named(role, "role")}`;
    }
    case "aws_iam_role_policy":
      return `${named(attribute(change, "name"), "the inline policy")} of ${named(attribute(change, "role"), "role")}`;
    case "aws_eks_addon":
      return `${named(attribute(change, "addon_name"), "add-on")}${ofCluster(change)}`;
    case "aws_eks_access_entry":
      return `the access entry of ${named(attribute(change, "principal_arn"), "principal")}${ofCluster(change)}`;
    case "aws_eks_access_policy_association": {
      const policy = attribute(change, "policy_arn");
      return `${named(policy && arnName(policy), "the access policy")} for ${named(attribute(change, "principal_arn"), "principal")}${ofCluster(change)}`;
    }
    case "aws_cloudwatch_log_group":
      return named(attribute(change, "name"), "the log group");
    case "aws_kms_key":
      return named(attribute(change, "description"), "the KMS key");
    case "aws_kms_alias":
      return named(attribute(change, "name"), "the KMS alias");
    case "aws_iam_openid_connect_provider":
      return named(attribute(change, "url"), "the IAM OIDC provider");
    case "aws_eks_pod_identity_association": {
      const namespace = attribute(change, "namespace");
      const account = attribute(change, "service_account");
      return `the Pod Identity association of ${named(namespace && account ? `${namespace}/${account}` : undefined, "service account")}${ofCluster(change)}`;
    }
    case "aws_eks_fargate_profile":
      return `${named(attribute(change, "fargate_profile_name"), "Fargate profile")}${ofCluster(change)}`;
    case "aws_sqs_queue":
      return named(attribute(change, "name"), "the Karpenter interruption queue");
    case "aws_sqs_queue_policy":
      return "the Karpenter interruption queue's policy";
    case "aws_cloudwatch_event_rule":
      return named(attribute(change, "name"), "the Karpenter interruption rule");
    case "aws_cloudwatch_event_target":
      return `the target of ${named(attribute(change, "rule"), "the Karpenter interruption rule")}`;
    case "aws_ec2_tag": {
      const key = attribute(change, "key");
      const resource = attribute(change, "resource_id");
      return `the tag ${key ? `${codeSpan(key)} ` : ""}on ${resource ? codeSpan(resource) : "a subnet or security group"}`;
    }
    // Issue 15: the created VPC, named by its construct IDs (`private_subnet_<zone>`, ...) and its Name tags
    case "aws_vpc":
      return named(nameTag(change), "the VPC");
    case "aws_subnet": {
      const zone = attribute(change, "availability_zone");
      return `the ${subnetKind(change)}subnet${zone ? ` in ${codeSpan(zone)}` : ""}`;
    }
    case "aws_internet_gateway":
      return named(nameTag(change), "the internet gateway");
    case "aws_egress_only_internet_gateway":
      return named(nameTag(change), "the egress-only internet gateway");
    case "aws_nat_gateway": {
      const zone = zoneIn(change, /^nat_gateway_(.+)$/);
      return zone ? `the NAT gateway in ${codeSpan(zone)}` : named(nameTag(change), "the NAT gateway");
    }
    case "aws_eip": {
      const zone = zoneIn(change, /^nat_gateway_(.+)_eip$/);
      return zone ? `the Elastic IP of the NAT gateway in ${codeSpan(zone)}` : named(nameTag(change), "the Elastic IP");
    }
    case "aws_route_table":
      return routeTableOf(localName(change)) ?? named(nameTag(change), "the route table");
    case "aws_route": {
      const m = /^(.+)_(ipv6_)?default_route$/.exec(localName(change));
      const table = m ? routeTableOf(m[1]) : undefined;
      const destination = attribute(change, "destination_cidr_block") ?? attribute(change, "destination_ipv6_cidr_block");
      return `the ${destination ? `${codeSpan(destination)} ` : ""}route${table ? ` of ${table}` : ""}`;
    }
    case "aws_route_table_association": {
      const m = /^(private|public)_subnet_(.+)_route_table$/.exec(localName(change));
      return m ? `the route table association of the ${m[1]} subnet in ${codeSpan(m[2])}` : "the route table association";
    }
    case "aws_vpc_endpoint":
      return named(attribute(change, "service_name"), "the VPC endpoint");
    case "aws_security_group":
      return named(attribute(change, "name"), "the security group");
    case "aws_vpc_security_group_ingress_rule":
      return localName(change).startsWith("vpc_endpoints_security_group") ? "the HTTPS rule of the VPC endpoints' security group" : "the security group rule";
    default:
      return `${codeSpan(change.type)} resource`;
  }
}

/** The resource's name in its module, index key left out: `private_subnet_eu-west-1a`. */
function localName(change: Change): string {
  const at = change.address.lastIndexOf(`${change.type}.`);
  return (at >= 0 ? change.address.slice(at + change.type.length + 1) : change.address).replace(/\[[^\]]*\]$/, "");
}

/** The `Name` tag, when the plan gives it. */
function nameTag(change: Change): string | undefined {
  for (const side of [change.after, change.before]) {
    const tags = isObject(side) ? side.tags : undefined;
    if (isObject(tags) && typeof tags.Name === "string" && tags.Name !== "") return tags.Name;
  }
  return undefined;
}

/** "private ", "public " or "" for a subnet, from its name, else from map_public_ip_on_launch. */
function subnetKind(change: Change): string {
  const m = /^(private|public)_subnet_/.exec(localName(change));
  if (m) return `${m[1]} `;
  for (const side of [change.after, change.before]) if (isObject(side) && typeof side.map_public_ip_on_launch === "boolean") return side.map_public_ip_on_launch ? "public " : "";
  return "";
}

/** The zone a created VPC's resource name carries. */
function zoneIn(change: Change, pattern: RegExp): string | undefined {
  return pattern.exec(localName(change))?.[1];
}

/** "the public route table", "the private route table in `<zone>`", from a route table's construct ID. */
function routeTableOf(name: string): string | undefined {
  if (name === "public_route_table") return "the public route table";
  const m = /^private_route_table_(.+)$/.exec(name);
  return m ? `the private route table in ${codeSpan(m[1])}` : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// What it does to a running cluster, and the safer path

// ---------------------------------------------------------------------------------------------------------------
// The comment

/** What lives in a cluster: the app replaces it with the cluster (`replace_triggered_by`). */
const IN_CLUSTER = new Set(["aws_eks_node_group", "aws_eks_addon", "aws_eks_access_entry", "aws_eks_access_policy_association"]);

/** The order of a replacement, in words. */
function order(actions: readonly string[]): string {
  return actions[0] === "create"
    ? "the new one is created before the old one is destroyed (`create_before_destroy`)"
    : "the old one is destroyed first, then the new one is created";
}

/** Where a resource of the plan comes from in a cluster configuration (no index: the plan does not know the file). */
function ownerKey(change: Change): string | undefined {
  switch (change.type) {
    case "aws_eks_cluster":
    case "aws_cloudwatch_log_group":
    case "aws_kms_alias":
      return "";
    case "aws_eks_node_group":
    case "aws_launch_template":
      return "nodeGroups[]";
    case "aws_iam_role":
    case "aws_iam_role_policy_attachment":
      return roleKind(change) === "cluster role" ? "clusterRole" : roleKind(change) === "node role" ? "nodeGroups[].role" : undefined;
    case "aws_eks_addon": {
      const name = attribute(change, "addon_name");
      return name ? `addons.${name}` : "addons";
    }
    case "aws_eks_access_entry":
      return "access.entries[]";
    case "aws_eks_pod_identity_association":
      return "serviceAccounts[]";
    case "aws_eks_access_policy_association":
      return "access.entries[].policies[]";
    case "aws_eks_fargate_profile":
      return "fargateProfiles[]";
    case "aws_sqs_queue":
    case "aws_sqs_queue_policy":
    case "aws_cloudwatch_event_rule":
    case "aws_cloudwatch_event_target":
    case "aws_ec2_tag":
      return "karpenter";
    // Issue 15: the created VPC (CONFIG_KEYS names keys from the root)
    case "aws_vpc":
    case "aws_subnet":
    case "aws_internet_gateway":
    case "aws_egress_only_internet_gateway":
    case "aws_nat_gateway":
    case "aws_eip":
    case "aws_route_table":
    case "aws_route":
    case "aws_route_table_association":
    case "aws_vpc_endpoint":
    case "aws_security_group":
    case "aws_vpc_security_group_ingress_rule":
      return "network.create";
    default:
      return undefined;
  }
}

/** The configuration key that sets an attribute forcing a replacement (`nodeGroups[].instanceTypes`), when known. */
function configKey(change: Change, path: PlanPath): string | undefined {
  const owner = ownerKey(change);
  if (owner === undefined) return undefined;
  return configKeyFor(change.type, path.filter((step) => typeof step === "string").join("."), owner) || undefined;
}

/** The table of attributes forcing a replacement, before -> after, with the configuration key that sets each. */
function forcedBy(change: Change): string[] {
  if (change.replacePaths.length === 0) return [];
  const rows = change.replacePaths.map((path) => {
    const key = configKey(change, path);
    return [
      codeSpan(renderPath(path), { inTable: true }),
      key ? codeSpan(key, { inTable: true }) : "",
      shownValue(valueAt(change.before, path), marked(change.beforeSensitive, path), false, true),
      shownValue(valueAt(change.after, path), marked(change.afterSensitive, path), marked(change.afterUnknown, path), true),
    ];
  });
  return ["", table(["Forces replacement", "Config key", "Before", "After"], rows)];
}

/** The `preserve` setting of an add-on, when the plan gives it. */
function preserveNote(change: Change): string[] {
  if (change.type !== "aws_eks_addon" || !isObject(change.before)) return [];
  return [`\`preserve\` is ${change.before.preserve === true ? "true: the software stays on the cluster" : "not true: the software is removed from the cluster"}.`];
}

/** One replaced or destroyed resource. */
function section(change: Change, kind: "replace" | "destroy"): string[] {
  const impact = IMPACTS[change.type] ?? GENERIC;
  const what = describe(change);
  const head = kind === "replace" ? `### Replaced: ${what}` : `### Destroyed: ${what}`;
  const how = kind === "replace" ? `replaced: ${order(change.actions)}` : "destroyed";
  const reason =
    change.reason === "replace_by_triggers" && IN_CLUSTER.has(change.type)
      ? "the cluster it lives in is replaced (its `replace_triggered_by` names the cluster's id): EKS keeps none of it for a new cluster"
      : reasonText(change.reason);
  const lines = [head, "", `${codeSpan(change.address, { max: 200 })} is ${how}${reason ? `, because ${reason}` : ""}.`];
  if (change.deposed) lines.push("", `This is a deposed object (${codeSpan(change.deposed)}), left by an earlier create-before-destroy that did not finish.`);
  lines.push(...forcedBy(change));
  const happens = change.deposed
    ? "Terraform deletes the deposed object only: the current one, created by that earlier apply, stays. Check in the AWS console that the deposed object is not the one still in use."
    : kind === "replace"
      ? impact.replaced
      : impact.destroyed;
  lines.push("", `**What happens:** ${happens}`);
  for (const note of preserveNote(change)) lines.push("", note);
  for (const note of bootstrapNote(change.type, change.replacePaths)) lines.push("", note);
  lines.push("", `**Safer path:** ${impact.safer}`, "");
  return lines;
}

/** The summary line. */
function summary(counts: Readonly<Record<Kind, number>>): string {
  const changed = counts.create + counts.update + counts.replace + counts.destroy + counts.forget + counts.other;
  if (changed === 0) return "**No changes.** The plan leaves every resource as it is.";
  const parts = [`${counts.create} to create`, `${counts.update} to update in place`, `${counts.replace} to replace`, `${counts.destroy} to destroy`];
  if (counts.forget > 0) parts.push(`${counts.forget} to forget (removed from state, left running)`);
  if (counts.other > 0) parts.push(`${counts.other} with other actions`);
  return `**${parts.join(", ")}.**`;
}

/** Notes on the plan as a whole: errored, incomplete. */
function planNotes(plan: Json): string[] {
  if (plan.errored === true) {
    return ["", "> **This plan errored:** Terraform could not finish planning, so it cannot be applied and the changes below may be incomplete. Fix the errors and plan again."];
  }
  if (plan.complete === false) return ["", "> **This plan is incomplete:** some changes are deferred to a later plan."];
  return [];
}

/**
 * The review of a plan (the parsed JSON of `terraform show -json <plan>`): the Markdown comment and the exit code,
 * 1 when something is replaced or destroyed. Throws PlanFileError when the JSON is not a plan.
 */
export function reviewPlan(plan: unknown): PlanReview {
  const wrong = notAPlan(plan);
  if (wrong) throw new PlanFileError(wrong);
  const doc = plan as Json;
  const changes = ((doc.resource_changes as unknown[] | undefined) ?? []).map(readChange);
  changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : (a.deposed ?? "") < (b.deposed ?? "") ? -1 : 1));

  const counts: Record<Kind, number> = { create: 0, update: 0, replace: 0, destroy: 0, forget: 0, unchanged: 0, other: 0 };
  const body: string[] = [];
  const cut: Change[] = [];
  let size = 0;
  for (const change of changes) {
    const kind = changeKind(change.actions);
    counts[kind]++;
    if (kind !== "replace" && kind !== "destroy") continue;
    const lines = section(change, kind);
    const length = lines.join("\n").length + 1;
    // Past the budget, the rest are listed by address only (GitHub refuses comments over 65,536 characters).
    if (cut.length > 0 || size + length > SECTIONS_BUDGET) cut.push(change);
    else {
      body.push(...lines);
      size += length;
    }
  }
  const others = changes.filter((c) => changeKind(c.actions) === "other");
  const forgotten = changes.filter((c) => changeKind(c.actions) === "forget");
  const risky = counts.replace + counts.destroy;
  const out = ["## Terraform plan review", "", summary(counts), ...planNotes(doc)];
  if (risky === 0) {
    if (counts.create + counts.update > 0) out.push("", "Nothing is replaced or destroyed.");
  } else {
    out.push("", `${risky === 1 ? "One resource is" : `${risky} resources are`} replaced or destroyed: read each below before applying.`, "", ...body);
    if (cut.length > 0) out.push(...listed(cut, "Also replaced or destroyed (listed only: the comment would be too long for a pull request)"), "");
    out.push("Sources (AWS documentation): " + SOURCES.map((s) => `<${s}>`).join(", "));
  }
  if (forgotten.length > 0) {
    out.push(
      "",
      ...listed(forgotten, "Forgotten: removed from Terraform's state and left running in AWS, managed by nothing (a `removed` block with `destroy = false`)"),
    );
  }
  if (others.length > 0) out.push("", ...listed(others, "Changes with actions this review does not know"));
  const code = risky > 0 || forgotten.length > 0 || doc.errored === true ? 1 : 0;
  return { markdown: `${out.join("\n").trimEnd()}\n`, code };
}

/** Characters of full sections in one comment; the rest of it (summary, lists, sources) stays well within 65,536. */
const SECTIONS_BUDGET = 45_000;

/** Characters of address lists, after which the rest is counted only. */
const LIST_BUDGET = 12_000;

/** A heading and a bullet per change (address and actions), cut after LIST_BUDGET characters with a count of the rest. */
function listed(changes: readonly Change[], heading: string): string[] {
  const lines = [`${heading}:`];
  let size = 0;
  for (const [i, c] of changes.entries()) {
    const line = `- ${codeSpan(c.address, { max: 200 })}: ${codeSpan(c.actions.join(", "))}`;
    if (size + line.length > LIST_BUDGET) {
      lines.push(`- ... and ${changes.length - i} more (see the plan itself)`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}
