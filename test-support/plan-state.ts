/**
 * Update and replace plans without AWS: "plan with `-refresh=false` against a state file made from a create plan".
 *
 * - `stateFromPlan`: a Terraform state (format 4) whose resources are a create plan's planned values, every unknown
 *   value filled with a deterministic placeholder of its schema type (plausible ids, ARNs and a few EKS defaults;
 *   an unknown copied from another resource, like a role ARN, gets that resource's filled value).
 * - `planEdit`: create-plans one synthesized stack, writes that state, and plans another stack against it.
 * - `EditPlanner`: the same, but one work folder, init, create plan and state for several edited stacks.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { offlineCopy, Terraform, workdir } from "./terraform";

// ---- plan JSON (`terraform show -json <plan>`) ----------------------------------------------------------------

export type PathStep = string | number;

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly change: {
    readonly actions: string[];
    readonly before: Record<string, any> | null;
    readonly after: Record<string, any> | null;
    readonly after_unknown?: Record<string, any>;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    readonly replace_paths?: PathStep[][];
  };
  readonly action_reason?: string;
}

export interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values: Record<string, any>;
}

export interface PlannedModule {
  readonly address?: string;
  readonly resources?: PlannedResource[];
  readonly child_modules?: PlannedModule[];
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly planned_values: { outputs?: Record<string, unknown>; root_module: PlannedModule };
  readonly resource_changes: ResourceChange[];
  readonly output_changes?: Record<string, unknown>;
  readonly prior_state?: unknown;
  readonly configuration: any;
  readonly errored?: boolean;
}

// ---- provider schemas ----------------------------------------------------------------------------------------

type CtyType = string | [string, any] | [string, any, any];

interface SchemaAttribute {
  type?: CtyType;
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock; min_items?: number; max_items?: number }>;
}

export interface ProviderSchemas {
  provider_schemas: Record<string, { resource_schemas: Record<string, { version: number; block: SchemaBlock }> }>;
}

let cachedSchemas: ProviderSchemas | undefined;

/**
 * `terraform providers schema -json` in an initialized folder, once per process (~3 s, 13 MB for hashicorp/aws):
 * every later call returns the first answer.
 */
export function providerSchemas(terraform: Terraform, dir: string): ProviderSchemas {
  cachedSchemas ??= JSON.parse(terraform.ok(dir, ["providers", "schema", "-json"])) as ProviderSchemas;
  return cachedSchemas;
}

// ---- the state -----------------------------------------------------------------------------------------------

/** Fixed, so that two runs write the same file. */
export const STATE_LINEAGE = "00000000-0000-4000-8000-000000000000";
export const STATE_SERIAL = 1;
const ACCOUNT = "123456789012";

/**
 * A state file made from `terraform show -json` of a create plan: one instance per managed resource to create,
 * its attributes the planned values with each unknown filled (`computed-<address>-<path>` for strings, 0, false,
 * [] for lists and sets of values and for sets of blocks, {} for maps, one filled element for unknown lists of
 * objects and list blocks). Needs the provider schemas for the types of the unknowns: pass them, or call
 * `providerSchemas` first (the cached answer is the default). Outputs are left empty; data sources are not stored
 * (a plan reads them again).
 */
export function stateFromPlan(plan: PlanJson, schemas: ProviderSchemas | undefined = cachedSchemas): string {
  if (!schemas) throw new Error("stateFromPlan needs the provider schemas: pass them, or call providerSchemas(terraform, dir) first");
  const changes = plan.resource_changes.filter((rc) => rc.mode === "managed" && rc.change.after !== null && !rc.change.actions.includes("delete"));
  const planned = new Map(plannedResources(plan.planned_values.root_module).map((r) => [r.address, r]));
  const configs = resourceConfigs(plan.configuration?.root_module ?? {}, "");

  const fill = new Filler(schemas);
  // Copies between resources (role_arn = aws_iam_role.x.arn) follow chains a few links long: fill until stable.
  let attributes = new Map<string, Record<string, any>>();
  for (let pass = 0; pass < 8; pass++) {
    const next = new Map<string, Record<string, any>>();
    for (const rc of changes) {
      const config = configs.get(configAddress(rc));
      next.set(rc.address, fill.resource(rc, config?.expressions ?? {}, moduleOf(rc), attributes));
    }
    const stable = JSON.stringify([...next]) === JSON.stringify([...attributes]);
    attributes = next;
    if (stable) break;
  }

  // One state resource per (module, type, name); its instances by index key.
  const resources = new Map<string, any>();
  for (const rc of changes) {
    const key = `${rc.module_address ?? ""}|${rc.type}|${rc.name}`;
    let resource = resources.get(key);
    if (!resource) {
      resource = {
        ...(rc.module_address ? { module: rc.module_address } : {}),
        mode: "managed",
        type: rc.type,
        name: rc.name,
        provider: `provider[${JSON.stringify(providerSource(rc.provider_name))}]`,
        instances: [],
      };
      resources.set(key, resource);
    }
    const config = configs.get(configAddress(rc));
    const dependencies = config ? dependenciesOf(config, moduleOf(rc), changes) : [];
    resource.instances.push({
      ...(rc.index !== undefined ? { index_key: rc.index } : {}),
      schema_version: planned.get(rc.address)?.schema_version ?? fill.schemaVersion(rc) ?? 0,
      attributes: attributes.get(rc.address),
      sensitive_attributes: [],
      ...(dependencies.length > 0 ? { dependencies } : {}),
    });
  }

  return JSON.stringify(
    {
      version: 4,
      terraform_version: plan.terraform_version,
      serial: STATE_SERIAL,
      lineage: STATE_LINEAGE,
      outputs: {},
      resources: [...resources.values()],
      check_results: null,
    },
    null,
    2,
  );
}

function plannedResources(module: PlannedModule): PlannedResource[] {
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(plannedResources)];
}

/** `registry.terraform.io/hashicorp/aws` as written in a plan's provider_name (already the full source). */
function providerSource(providerName: string): string {
  return providerName.includes("/") ? providerName : `registry.terraform.io/hashicorp/${providerName}`;
}

/** The address inside its module: placeholders do not depend on where a stack is planned. */
function localAddress(rc: ResourceChange): string {
  return rc.module_address && rc.address.startsWith(`${rc.module_address}.`) ? rc.address.slice(rc.module_address.length + 1) : rc.address;
}

function moduleOf(rc: ResourceChange): string {
  return rc.module_address ? `${rc.module_address}.` : "";
}

/** The configuration address of a change: its module path without instance keys, then type.name. */
function configAddress(rc: ResourceChange): string {
  const module = (rc.module_address ?? "").replace(/\[[^\]]*\]/g, "");
  return `${module ? `${module}.` : ""}${rc.type}.${rc.name}`;
}

/** Every resource configuration by full address (module.a.type.name), with its module prefix. */
function resourceConfigs(module: any, prefix: string): Map<string, any> {
  const out = new Map<string, any>();
  for (const r of module.resources ?? []) out.set(`${prefix}${r.address}`, r);
  for (const [name, call] of Object.entries<any>(module.module_calls ?? {})) {
    for (const [address, r] of resourceConfigs(call.module ?? {}, `${prefix}module.${name}.`)) out.set(address, r);
  }
  return out;
}

/** Managed resources a resource's configuration refers to or depends on, as state addresses. */
function dependenciesOf(config: any, module: string, changes: ResourceChange[]): string[] {
  const refs = new Set<string>(config.depends_on ?? []);
  collectReferences(config.expressions ?? {}, refs);
  const known = new Set(changes.map((rc) => `${rc.module_address ? `${rc.module_address.replace(/\[[^\]]*\]/g, "")}.` : ""}${rc.type}.${rc.name}`));
  const out = new Set<string>();
  for (const ref of refs) {
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)/.exec(ref);
    if (!m || ["data", "var", "local", "module", "each", "count", "path", "terraform", "self"].includes(m[1])) continue;
    const address = `${module.replace(/\[[^\]]*\]/g, "")}${m[1]}.${m[2]}`;
    if (known.has(address)) out.add(address);
  }
  return [...out].sort();
}

function collectReferences(node: any, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectReferences(n, into));
  else if (node && typeof node === "object") {
    for (const ref of node.references ?? []) into.add(ref);
    for (const [k, v] of Object.entries(node)) if (k !== "references" && k !== "constant_value") collectReferences(v, into);
  }
}

// ---- filling unknowns ----------------------------------------------------------------------------------------

/** The schema of a value: an attribute's type, or a block (of a block type). */
type Shape = { kind: "type"; type: CtyType } | { kind: "block"; block: SchemaBlock } | { kind: "blocks"; nesting: string; block: SchemaBlock; min: number; max: number };

class Filler {
  constructor(private readonly schemas: ProviderSchemas | undefined) {}

  public schemaVersion(rc: ResourceChange): number | undefined {
    return this.resourceSchema(rc)?.version;
  }

  private resourceSchema(rc: ResourceChange) {
    return this.schemas?.provider_schemas[providerSource(rc.provider_name)]?.resource_schemas[rc.type];
  }

  /** The planned attributes of `rc` with every unknown filled; references resolved against `others`' fills. */
  public resource(rc: ResourceChange, expressions: any, module: string, others: Map<string, Record<string, any>>): Record<string, any> {
    const schema = this.resourceSchema(rc);
    const ctx: Context = { rc, module, others };
    const after = clone(rc.change.after ?? {});
    const filled = this.fillBlock(after, rc.change.after_unknown ?? {}, schema?.block, expressions, [], ctx);
    // Every attribute of the schema, null when the plan had none: the state Terraform itself writes.
    for (const name of Object.keys(schema?.block.attributes ?? {})) if (!(name in filled)) filled[name] = null;
    return filled;
  }

  private fillBlock(value: Record<string, any>, unknown: any, block: SchemaBlock | undefined, expressions: any, at: PathStep[], ctx: Context) {
    const out: Record<string, any> = { ...value };
    // Inside a nested block the SDKv2 provider writes zero values, not nulls, for the arguments the config leaves out
    // (a read-back update_config holds max_unavailable_percentage = 0): without this an update plan shows null -> 0.
    if (at.length > 0) {
      for (const [name, attribute] of Object.entries(block?.attributes ?? {})) {
        if (out[name] === null && !attribute.computed && typeof attribute.type === "string") out[name] = zeroValue(attribute.type);
      }
    }
    const unknowns = unknown && typeof unknown === "object" && !Array.isArray(unknown) ? unknown : {};
    for (const key of new Set([...Object.keys(out), ...Object.keys(unknowns)])) {
      out[key] = this.fill(out[key], unknowns[key], shapeOf(block, key), expressions?.[key], [...at, key], ctx);
    }
    return out;
  }

  /** `value` (the planned value, or undefined where unknown) with the unknowns `unknown` marks filled. */
  private fill(value: any, unknown: any, shape: Shape | undefined, expression: any, at: PathStep[], ctx: Context): any {
    if (unknown === true) {
      const copied = this.resolveReference(expression, ctx);
      if (copied !== undefined) return clone(copied);
      return this.placeholder(shape, at, ctx);
    }
    if (Array.isArray(value)) {
      const element = elementShape(shape);
      const unknowns = Array.isArray(unknown) ? unknown : [];
      return value.map((v, i) => this.fill(v, unknowns[i], element, pick(expression, i), [...at, i], ctx));
    }
    if (value && typeof value === "object") {
      if (shape?.kind === "block") return this.fillBlock(value, unknown, shape.block, expression, at, ctx);
      if (!unknown || typeof unknown !== "object") return value;
      const out: Record<string, any> = { ...value };
      for (const [key, u] of Object.entries(unknown)) out[key] = this.fill(out[key], u, attributeShape(shape, key), expression?.[key], [...at, key], ctx);
      return out;
    }
    return value;
  }

  /** A pure reference (`${aws_iam_role.x.arn}`) to another resource's attribute: that resource's filled value. */
  private resolveReference(expression: any, ctx: Context): unknown {
    if (!expression || typeof expression !== "object" || Array.isArray(expression)) return undefined;
    // A list of pure references (`["${aws_subnet.a.id}", "${aws_subnet.b.id}"]`, a created VPC's subnet IDs): each filled value
    if (Array.isArray(expression.constant_value)) {
      const elements = expression.constant_value.map((element: unknown) => this.resolveReference({ constant_value: element }, ctx));
      return elements.length > 0 && elements.every((e: unknown) => e !== undefined) ? elements : undefined;
    }
    const text: unknown = expression.constant_value;
    const pure = typeof text === "string" ? /^\$\{([^{}]+)\}$/.exec(text) : null;
    const reference: string | undefined = pure ? pure[1].trim() : undefined;
    if (!reference) return undefined;
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]+\])?((?:\.[A-Za-z0-9_]+|\[\d+\])+)$/.exec(reference);
    if (!m || ["data", "var", "local", "module", "each", "count", "path", "terraform", "self"].includes(m[1])) return undefined;
    const address = `${ctx.module}${m[1]}.${m[2]}${m[3] ?? ""}`;
    let target: any = ctx.others.get(address);
    for (const step of m[4].match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
      if (target === undefined || target === null) return undefined;
      target = step.startsWith(".") ? target[step.slice(1)] : target[Number(step.slice(1, -1))];
    }
    return target === null ? undefined : target;
  }

  private placeholder(shape: Shape | undefined, at: PathStep[], ctx: Context): any {
    const special = plausible(ctx.rc, at);
    if (special !== undefined) return special;
    if (!shape) return `computed-${localAddress(ctx.rc)}-${at.join(".")}`;
    if (shape.kind === "block") return this.blockElement(shape.block, at, ctx);
    if (shape.kind === "blocks") {
      // Sets of blocks (inline policies, taints) are empty; an optional-and-computed list block (upgrade_policy,
      // kubernetes_network_config) is what AWS reports back: one element.
      if (shape.nesting === "set" || shape.max !== 1) return [];
      return [this.blockElement(shape.block, [...at, 0], ctx)];
    }
    return this.typed(shape.type, at, ctx);
  }

  private blockElement(block: SchemaBlock, at: PathStep[], ctx: Context): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
      out[name] = attribute.computed ? this.placeholder(attributeShapeOf(attribute), [...at, name], ctx) : typeof attribute.type === "string" ? zeroValue(attribute.type) : null;
    }
    for (const [name, nested] of Object.entries(block.block_types ?? {})) {
      out[name] = (nested.min_items ?? 0) > 0 ? [this.blockElement(nested.block, [...at, name, 0], ctx)] : nested.nesting_mode === "single" ? null : [];
    }
    return out;
  }

  private typed(type: CtyType, at: PathStep[], ctx: Context): any {
    if (type === "string") return `computed-${localAddress(ctx.rc)}-${at.join(".")}`;
    if (type === "number") return 0;
    if (type === "bool") return false;
    if (type === "dynamic") return null;
    const [kind, inner] = type as [string, any];
    if (kind === "map") return {};
    if (kind === "object") {
      return Object.fromEntries(Object.entries<CtyType>(inner).map(([name, t]) => [name, this.typed(t, [...at, name], ctx)]));
    }
    if (kind === "list" && Array.isArray(inner) && inner[0] === "object") return [this.typed(inner as CtyType, [...at, 0], ctx)];
    return []; // list, set or tuple of values
  }
}

interface Context {
  readonly rc: ResourceChange;
  readonly module: string;
  readonly others: Map<string, Record<string, any>>;
}

function shapeOf(block: SchemaBlock | undefined, key: string): Shape | undefined {
  const attribute = block?.attributes?.[key];
  if (attribute) return attributeShapeOf(attribute);
  const nested = block?.block_types?.[key];
  if (nested) {
    if (nested.nesting_mode === "single" || nested.nesting_mode === "group") return { kind: "block", block: nested.block };
    return { kind: "blocks", nesting: nested.nesting_mode, block: nested.block, min: nested.min_items ?? 0, max: nested.max_items ?? 0 };
  }
  return undefined;
}

function attributeShapeOf(attribute: SchemaAttribute): Shape | undefined {
  if (attribute.type !== undefined) return { kind: "type", type: attribute.type };
  if (attribute.nested_type) {
    const block: SchemaBlock = { attributes: attribute.nested_type.attributes };
    if (attribute.nested_type.nesting_mode === "single") return { kind: "block", block };
    return { kind: "blocks", nesting: attribute.nested_type.nesting_mode, block, min: 0, max: 0 };
  }
  return undefined;
}

function elementShape(shape: Shape | undefined): Shape | undefined {
  if (!shape) return undefined;
  if (shape.kind === "blocks") return { kind: "block", block: shape.block };
  if (shape.kind === "type" && Array.isArray(shape.type)) return { kind: "type", type: shape.type[1] };
  return undefined;
}

function attributeShape(shape: Shape | undefined, key: string): Shape | undefined {
  if (shape?.kind === "type" && Array.isArray(shape.type) && shape.type[0] === "object") return { kind: "type", type: shape.type[1][key] };
  if (shape?.kind === "type" && Array.isArray(shape.type) && shape.type[0] === "map") return { kind: "type", type: shape.type[1] };
  return undefined;
}

function zeroValue(type: string): unknown {
  return type === "string" ? "" : type === "number" ? 0 : type === "bool" ? false : null;
}

function pick(expression: any, i: number): any {
  return Array.isArray(expression) ? expression[i] : undefined;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function hex(text: string, length: number): string {
  return crypto.createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * What AWS would report for some computed attributes, where a bare placeholder would be implausible: ids as the
 * provider builds them, ARNs, tags_all (the resource's own tags: the stacks set no default_tags), and the EKS
 * defaults of blocks a config may leave out.
 */
function plausible(rc: ResourceChange, at: PathStep[]): unknown {
  const after = rc.change.after ?? {};
  const top = at.length === 1 ? at[0] : undefined;
  const name: string = after.name ?? after.node_group_name ?? after.addon_name ?? rc.name;
  if (top === "tags_all") return { ...(after.tags ?? {}) };
  if (top === "id") {
    switch (rc.type) {
      case "aws_eks_cluster":
      case "aws_iam_role":
      case "aws_iam_policy":
      case "aws_kms_alias":
      case "aws_cloudwatch_log_group":
        return after.name ?? name;
      case "aws_eks_node_group":
        return `${after.cluster_name}:${after.node_group_name}`;
      case "aws_eks_addon":
        return `${after.cluster_name}:${after.addon_name}`;
      case "aws_eks_access_entry":
        return `${after.cluster_name}:${after.principal_arn}`;
      case "aws_iam_role_policy_attachment":
        return `${after.role}-${hex(localAddress(rc), 26)}`;
      case "aws_iam_role_policy":
        return `${after.role}:${after.name}`;
      case "aws_launch_template":
        return `lt-${hex(localAddress(rc), 17)}`;
      case "aws_kms_key":
        return `${hex(localAddress(rc), 8)}-${hex(localAddress(rc) + 1, 4)}-4${hex(localAddress(rc) + 2, 3)}-8${hex(localAddress(rc) + 3, 3)}-${hex(localAddress(rc) + 4, 12)}`;
      default:
        return `${rc.type.replace(/^aws_/, "")}-${hex(localAddress(rc), 17)}`;
    }
  }
  if (top === "arn") {
    switch (rc.type) {
      case "aws_iam_role":
        return `arn:aws:iam::${ACCOUNT}:role/${after.path ?? "/"}${after.name}`.replace("role//", "role/");
      case "aws_eks_cluster":
        return `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/${after.name}`;
      case "aws_eks_node_group":
        return `arn:aws:eks:us-east-1:${ACCOUNT}:nodegroup/${after.cluster_name}/${after.node_group_name}/${hex(localAddress(rc), 8)}`;
      case "aws_eks_addon":
        return `arn:aws:eks:us-east-1:${ACCOUNT}:addon/${after.cluster_name}/${after.addon_name}/${hex(localAddress(rc), 8)}`;
      case "aws_launch_template":
        return `arn:aws:ec2:us-east-1:${ACCOUNT}:launch-template/lt-${hex(localAddress(rc), 17)}`;
      default:
        return `arn:aws:${rc.type.split("_")[1] ?? "aws"}:us-east-1:${ACCOUNT}:${rc.type}/${hex(localAddress(rc), 17)}`;
    }
  }
  if (rc.type === "aws_eks_cluster" && top === "kubernetes_network_config") {
    return [{ ip_family: "ipv4", service_ipv4_cidr: "172.20.0.0/16", service_ipv6_cidr: "", elastic_load_balancing: [] }];
  }
  if (rc.type === "aws_eks_cluster" && top === "endpoint") return `https://${hex(localAddress(rc), 32).toUpperCase()}.gr7.us-east-1.eks.amazonaws.com`;
  if (rc.type === "aws_eks_cluster" && at.join(".") === "identity.0.oidc.0.issuer") {
    return `https://oidc.eks.us-east-1.amazonaws.com/id/${hex(localAddress(rc), 32).toUpperCase()}`;
  }
  // The whole block unknown (a create plan): the same issuer, inside its structure
  if (rc.type === "aws_eks_cluster" && at.join(".") === "identity") {
    return [{ oidc: [{ issuer: `https://oidc.eks.us-east-1.amazonaws.com/id/${hex(localAddress(rc), 32).toUpperCase()}` }] }];
  }
  if (rc.type === "aws_eks_cluster" && top === "upgrade_policy") return [{ support_type: "EXTENDED" }];
  if ((rc.type === "aws_eks_cluster" || rc.type === "aws_eks_node_group") && top === "status") return "ACTIVE";
  if (rc.type === "aws_launch_template" && (top === "latest_version" || top === "default_version")) return 1;
  if (top === "name_prefix" || top === "node_group_name_prefix") return "";
  return undefined;
}

// ---- planning edits ------------------------------------------------------------------------------------------

/**
 * One work folder for plans against a created stack: init (once), a create plan of `before`, the state made from it;
 * then `plan(after)` puts each edited stack in place and plans it with `-refresh=false` against that state.
 */
export class EditPlanner {
  public readonly dir: string;
  /** The create plan of `before`. */
  public readonly createPlan: PlanJson;
  /** The state file written from it. */
  public readonly state: string;

  constructor(
    private readonly terraform: Terraform,
    before: string,
  ) {
    this.dir = workdir({ "cdk.tf.json": offlineCopy(before) });
    terraform.init(this.dir, { backend: true });
    terraform.ok(this.dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=create.bin"]);
    this.createPlan = JSON.parse(terraform.ok(this.dir, ["show", "-json", "create.bin"])) as PlanJson;
    this.state = stateFromPlan(this.createPlan, providerSchemas(terraform, this.dir));
    // offlineCopy's backend: the local state file of the working folder.
    fs.writeFileSync(path.join(this.dir, "terraform.tfstate"), this.state);
  }

  /** `after` (synthesized, made offline here) planned against the state; the plan as `terraform show -json` gives it. */
  public plan(after: string): PlanJson {
    fs.writeFileSync(path.join(this.dir, "cdk.tf.json"), offlineCopy(after));
    this.terraform.ok(this.dir, ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=edit.bin"]);
    return JSON.parse(this.terraform.ok(this.dir, ["show", "-json", "edit.bin"])) as PlanJson;
  }
}

/** The plan of the change from stack `before` to stack `after` (both synthesized), made offline. */
export function planEdit(terraform: Terraform, before: string, after: string): PlanJson {
  return new EditPlanner(terraform, before).plan(after);
}

/** A stack before and after an edit, both synthesized (`synthCluster`). */
export interface Edit {
  readonly before: string;
  readonly after: string;
}

/**
 * Several edits in one Terraform run: each edit's stack becomes a module (`module.<name>`) of one root that holds
 * the (shared) offline provider, so one init, one create plan, one state and one edit plan cover them all (the
 * provider schema loads a few times in all, not a few times per edit). Returns each edit's plan with its resource
 * changes and planned values cut out of its module and addressed as in a stack of its own
 * (`aws_eks_cluster.cluster`). Every stack must have the same provider configuration (region).
 */
export function planEdits<K extends string>(terraform: Terraform, edits: Record<K, Edit>): Record<K, PlanJson> {
  const names = Object.keys(edits) as K[];
  for (const name of names) if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new Error(`edit name ${JSON.stringify(name)} is not a module name`);
  let root: { provider: unknown; terraform: Record<string, unknown> } | undefined;
  const moduleFiles = (which: "before" | "after") => {
    const files: Record<string, string> = {};
    for (const name of names) {
      const stack = JSON.parse(offlineCopy(edits[name][which]));
      const provider = JSON.stringify(stack.provider);
      if (root === undefined) {
        root = { provider: stack.provider, terraform: { ...stack.terraform } };
      } else if (JSON.stringify(root.provider) !== provider) {
        throw new Error(`edit ${name}: provider configuration differs from the others', plan it with planEdit`);
      }
      delete stack.provider;
      delete stack.terraform.backend;
      files[`${name}/cdk.tf.json`] = JSON.stringify(stack, null, 2);
    }
    return files;
  };
  const before = moduleFiles("before");
  const main = JSON.stringify(
    { terraform: root!.terraform, provider: root!.provider, module: Object.fromEntries(names.map((name) => [name, { source: `./${name}` }])) },
    null,
    2,
  );
  const dir = workdir({ "main.tf.json": main, ...before });
  terraform.init(dir, { backend: true });
  terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=create.bin"]);
  const create = JSON.parse(terraform.ok(dir, ["show", "-json", "create.bin"])) as PlanJson;
  fs.writeFileSync(path.join(dir, "terraform.tfstate"), stateFromPlan(create, providerSchemas(terraform, dir)));
  for (const [file, content] of Object.entries(moduleFiles("after"))) fs.writeFileSync(path.join(dir, file), content);
  terraform.ok(dir, ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=edit.bin"]);
  const plan = JSON.parse(terraform.ok(dir, ["show", "-json", "edit.bin"])) as PlanJson;
  return Object.fromEntries(names.map((name) => [name, modulePlan(plan, `module.${name}`)])) as Record<K, PlanJson>;
}

/** The part of `plan` in module `module`, addressed as if that module were the root. */
function modulePlan(plan: PlanJson, module: string): PlanJson {
  const prefix = `${module}.`;
  const strip = (address: string) => (address.startsWith(prefix) ? address.slice(prefix.length) : address);
  const reroot = (m: PlannedModule): PlannedModule => ({
    ...(m.address && m.address !== module ? { address: strip(m.address) } : {}),
    resources: (m.resources ?? []).map((r) => ({ ...r, address: strip(r.address) })),
    child_modules: (m.child_modules ?? []).map(reroot),
  });
  const own = (plan.planned_values.root_module.child_modules ?? []).find((m) => m.address === module) ?? { resources: [] };
  const resource_changes = plan.resource_changes
    .filter((rc) => rc.module_address === module || rc.module_address?.startsWith(prefix))
    .map((rc) => {
      const { module_address, ...rest } = rc;
      const inner = module_address === module ? undefined : strip(module_address!);
      return { ...rest, address: strip(rc.address), ...(inner ? { module_address: inner } : {}) } as ResourceChange;
    });
  return { ...plan, planned_values: { root_module: reroot(own) }, resource_changes, configuration: plan.configuration?.root_module?.module_calls?.[module.slice(7)]?.module };
}

/** `address action,action` for every resource change: the short form suites compare. */
export function actionsByAddress(plan: PlanJson): Record<string, string> {
  return Object.fromEntries(plan.resource_changes.map((rc) => [rc.address, rc.change.actions.join(",")]));
}

/** The changes that are not no-ops, as `address: actions`. */
export function changedResources(plan: PlanJson): Record<string, string> {
  return Object.fromEntries(plan.resource_changes.filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => [rc.address, rc.change.actions.join(",")]));
}
