/**
 * How configuration values become Terraform strings and Terraform names: the rules the constructs apply, here and
 * pure (no cdktf), so that validation predicts every name before anything is built, and config and constructs cannot
 * drift apart.
 *
 * - Terraform strings. Every string in Terraform's JSON (and HCL) syntax is a template: `${...}` interpolates and
 *   `%{...}` is a directive. `terraformLiteral` writes user text so that Terraform reads it back literally, and so that
 *   cdktf never takes part of it for one of its token markers. `terraformLiterals` does it to a whole configuration:
 *   `ClusterStack` calls it once, so every configuration string reaches Terraform through it.
 * - Terraform names. `terraformName` is `ReadableStack`'s rule (a construct path joined with `_`, other characters
 *   `_`); `constructId` is what the constructs library does to an id; `nodeRoleId`, `nodeGroupId`, `principalId`,
 *   `accessPolicyId`, `addonVersionId` and `LAUNCH_TEMPLATE_ID` are the construct IDs the constructs derive from the
 *   configuration.
 * - Validation, for the loader: `nameCollisions` (two entities, one Terraform name or construct ID), `unsupportedKeys`
 *   (keys cdktf drops) and `unsupportedValues` (backend settings cdktf would take for its tokens).
 */
import { childPath, type Issue } from "./schema-parts";

/**
 * The node role's managed policies (their names are its attachments' construct IDs), read when first needed: names.ts
 * imports nothing of the config layer at load time, so schema.ts may import from it without a cycle
 * (defaults.ts loads schema.ts).
 */
function nodeRolePolicies(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./defaults") as typeof import("./defaults")).NODE_ROLE_POLICIES;
}

// ---- Terraform strings ------------------------------------------------------------------------------------------

/** Where a string is written: Terraform JSON (`cdk.tf.json`) or HCL (the hand-off `main.tf`, a quoted string). */
export type TerraformSyntax = "json" | "hcl";

/**
 * An interpolation of the empty string: Terraform reads nothing, and it splits what cdktf would take for a token
 * marker (`${TfToken[...]}`, a number token) into two harmless halves.
 */
export const EMPTY_INTERPOLATION = '${""}';

/** cdktf 0.21's token markers (lib/tokens/private/encoding.js): `${TfToken[`, `#{TfToken[` (lists), `&{TfToken[` (maps). */
const TOKEN_MARKER = /\{TfToken\[/;
/** cdktf's own pattern for numbers in strings; a match that decodes to a token number is replaced by the token. */
const NUMBER_TOKEN = /[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)/g;
/**
 * Strings cdktf cannot write as they are: its placeholders for map tokens (synth throws on a string equal to one), and
 * `_children`, which beside a `_metadata` key makes cdktf take a map (tags) for a construct (synth throws).
 */
const MAP_TOKEN_VALUES: readonly string[] = ["String Map Token Value", "Any Map Token Value"];
const RESERVED_STRINGS: readonly string[] = [...MAP_TOKEN_VALUES, "_children"];

/**
 * Token numbers a string can name: cdktf numbers its tokens from 0 in the order they are made, a few thousand in the
 * largest app; a number that decodes to a higher index names no token and is left alone (so `8e298` stays as it is).
 */
const TOKEN_INDEX_LIMIT = 2 ** 24;

/**
 * True for a double that cdktf reads as one of its number (or number-list) tokens: top 16 bits 0xfdff (0xfbff), the
 * other 48 the token's index.
 */
function isTokenNumber(x: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const tag = view.getUint16(0);
  return (tag === 0xfdff || tag === 0xfbff) && view.getUint16(2) === 0 && view.getUint32(4) < TOKEN_INDEX_LIMIT;
}

/**
 * The first number in `text` that cdktf would resolve into a token (cdktf's own pattern), with the index right after
 * its `e`. Token numbers are negative; a positive one is taken too, as a `-` written before it (`eks-<name>-`) would
 * make it one.
 */
function numberTokenIn(text: string): { match: string; breakAt: number } | undefined {
  NUMBER_TOKEN.lastIndex = 0;
  for (let m = NUMBER_TOKEN.exec(text); m !== null; m = NUMBER_TOKEN.exec(text)) {
    if (isTokenNumber(-Math.abs(parseFloat(m[0])))) {
      return { match: m[0], breakAt: m.index + m[0].length - m[1].length + 1 };
    }
  }
  return undefined;
}

/**
 * What cdktf 0.21 would read as one of its tokens in `text` (a token marker, a number that encodes a token, a map
 * token placeholder), or undefined. Such text in a string cdktf writes as it is (the backend block: Terraform reads it
 * literally, so it cannot be escaped) would turn into a reference to something else, or make synth throw.
 */
export function cdktfMarker(text: string): string | undefined {
  const marker = /[$#&]?\{TfToken\[[^\]]*\]?\}?/.exec(text);
  if (marker) return marker[0];
  if (MAP_TOKEN_VALUES.includes(text)) return text;
  return numberTokenIn(text)?.match;
}

/**
 * `s` as the content of an HCL quoted string: `\`, `"` and control characters escaped, and, as `\uNNNN`, the characters
 * that would break or hide a line of the hand-off a reviewer reads (C1 controls, line and paragraph separators, bidi
 * controls, zero-width space, BOM): Terraform reads the same text.
 */
export function hclEscape(s: string): string {
  return s.replace(/[\\"\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (ch) => {
    switch (ch) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return unicodeEscape(ch);
    }
  });
}

/**
 * User text as a Terraform string that Terraform reads back as exactly that text, and in which cdktf sees no token:
 *
 * - `${` becomes `$${` and `%{` becomes `%%{`: Terraform's escapes, the only ones its templates have. `$${` is always
 *   the escape, however many `$` come before it (`$$${x}` reads as `$${x}`), so doubling the `$` or `%` in front of
 *   each `{` is exact: `$${x}` is written `$$${x}`, `%%{` becomes `%%%{`.
 * - cdktf's markers are split, by an empty interpolation `${""}` in JSON and by one of their characters written as a
 *   `\uNNNN` escape in HCL (no interpolation: the value stays a plain string): `{TfToken[` (`${TfToken[...]}` would be
 *   resolved into a reference to some unrelated token, `#{TfToken[...]}` and `&{TfToken[...]}` make synth throw or
 *   swallow the map), numbers that encode one of its tokens (cdktf replaces e.g. `-8.109562212591601e+298` by the token it
 *   encodes: split at the `e`; only such 17-digit numbers are touched), and the exact strings
 *   `String Map Token Value` / `Any Map Token Value` (synth throws) and `_children` (a map with the keys `_children`
 *   and `_metadata` is taken for a construct: synth throws).
 * - In HCL (`syntax: "hcl"`), the result is also the content of a quoted string: `\`, `"` and control characters
 *   escaped, so nothing needs a heredoc.
 *
 * Other text comes back unchanged, and no name the schema accepts holds any of the above: construct IDs, and so
 * Terraform addresses, are the same whether derived from the configuration or from its literals.
 *
 * Apply it exactly once, to literal text only (never to a string holding a cdktf token: its reference would become
 * text). Not for the backend block, which Terraform's JSON syntax does not read as a template.
 */
export function terraformLiteral(value: string, syntax: TerraformSyntax = "json"): string {
  const hcl = syntax === "hcl";
  // Splits `text` before the character at `at` (JSON: an empty interpolation), or writes that character as a \u
  // escape (HCL, where quoted strings have them: the value stays a plain string).
  const split = (text: string, at: number) =>
    hcl ? `${text.slice(0, at)}${unicodeEscape(text[at])}${text.slice(at + 1)}` : `${text.slice(0, at)}${EMPTY_INTERPOLATION}${text.slice(at)}`;
  let text = (hcl ? hclEscape(value) : value).replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
  for (let at = text.search(TOKEN_MARKER); at >= 0; at = text.search(TOKEN_MARKER)) text = split(text, at + (hcl ? 1 : 3));
  for (let token = numberTokenIn(text); token !== undefined; token = numberTokenIn(text)) text = split(text, token.breakAt - (hcl ? 1 : 0));
  if (RESERVED_STRINGS.includes(text)) text = split(text, hcl ? 0 : 1);
  return text;
}

/** A character as an HCL `\uNNNN` escape. */
function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A copy of a configuration with every string (values and keys of objects, items of lists) passed through
 * `terraformLiteral`. Objects come back with a null prototype and every key as an own data property, so keys such as
 * `__proto__`, `constructor` or `toString` stay ordinary keys. Numbers, booleans and null are kept.
 */
export function terraformLiterals<T>(value: T, syntax: TerraformSyntax = "json"): T {
  const copy = (v: unknown): unknown => {
    if (typeof v === "string") return terraformLiteral(v, syntax);
    if (Array.isArray(v)) return v.map(copy);
    if (typeof v !== "object" || v === null) return v;
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(v)) {
      Object.defineProperty(out, terraformLiteral(key, syntax), {
        value: copy((v as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return copy(value) as T;
}

// ---- Terraform names and construct IDs ------------------------------------------------------------------------

/**
 * `ReadableStack`'s Terraform name for a construct path below the stack: the IDs joined with `_`, a `Resource` ID
 * adding nothing (it is its parent's main resource), every character but letters, digits, `_` and `-` written `_`.
 */
export function terraformName(path: readonly string[]): string {
  return path
    .filter((id) => id !== "Resource")
    .join("_")
    .replace(/[^A-Za-z0-9_-]/g, "_");
}

/** What the constructs library makes of an ID: `/` and newline (its path and address separators) become `--`. */
export function constructId(id: string): string {
  return id.replace(/[/\n]/g, "--");
}

/** What identifies a role reference (its name, or its ARN): node groups with the same key share one role. */
export function roleKey(role: { readonly name?: string; readonly arn?: string }): string {
  return role.name ?? role.arn ?? "";
}

/** Construct ID of a node role (a child of the stack): `node_role_<role name or ARN>`. */
export function nodeRoleId(role: { readonly name?: string; readonly arn?: string }): string {
  return `node_role_${roleKey(role)}`;
}

/** Construct ID of a node group (a child of the stack): `node_group_<name>`. */
export function nodeGroupId(name: string): string {
  return `node_group_${name}`;
}

/** Construct ID of a node group's launch template (a child of the node group). */
export const LAUNCH_TEMPLATE_ID = "launch_template";

/** Construct ID of a Fargate profile (a child of the stack): `fargate_profile_<name>`. */
export function fargateProfileId(name: string): string {
  return `fargate_profile_${name}`;
}

/** Construct ID of a Fargate pod execution role (a child of the stack; profiles naming one role share it): `pod_execution_role_<role name>`. */
export function podExecutionRoleId(roleName: string): string {
  return `pod_execution_role_${roleName}`;
}

/** Construct ID of the EKS Auto Mode node role (a child of the stack). */
export const AUTO_MODE_NODE_ROLE_ID = "auto_mode_node_role";

/**
 * The node group keys that only a launch template can carry: a group with any of them runs from its own launch
 * template (construct ID `LAUNCH_TEMPLATE_ID`); `amiType: CUSTOM` too (its AMI id and bootstrap live there).
 */
export const LAUNCH_TEMPLATE_KEYS = ["imds", "rootVolume", "kubelet", "amiId", "securityGroupIds", "propagateTags", "capacityReservationId"] as const;

/** Whether a node group (as configured; any shape) gets a launch template of its own. */
export function usesLaunchTemplate(group: Readonly<Record<string, unknown>>): boolean {
  return group.amiType === "CUSTOM" || group.capacityType === "CAPACITY_BLOCK" || LAUNCH_TEMPLATE_KEYS.some((k) => group[k] !== undefined && group[k] !== null && group[k] !== false);
}

/** A managed policy's name: the last part of its ARN (`arn:aws:iam::aws:policy/service-role/X` -> `X`). */
export function policyNameOf(policyArn: string): string {
  return policyArn.slice(policyArn.lastIndexOf("/") + 1);
}

/** Construct ID of the cluster's IAM OIDC provider (for IRSA). */
export const OIDC_PROVIDER_ID = "oidc_provider";

/**
 * Construct ID of a service account's role (a child of the stack): `service_account_<namespace>_<name>`. A namespace
 * holds no `_` or `.` (a DNS label) and a name no `_`, so two accounts never meet once `.` is written `_`.
 */
export function serviceAccountRoleId(namespace: string, name: string): string {
  return `service_account_${namespace}_${name}`;
}

/** Construct ID of an add-on's own role (a child of the stack): `addon_role_<add-on>`. */
export function addonRoleId(addon: string): string {
  return `addon_role_${addon}`;
}

/** Construct ID of an access entry: `arn:aws:iam::111122223333:role/team/platform-admins` -> `111122223333_role_platform-admins`. */
export function principalId(principalArn: string): string {
  const [, , , , account, resource] = principalArn.split(":");
  const [type, ...path] = (resource ?? "").split("/");
  return `${account}_${type}_${path[path.length - 1]}`;
}

/** Construct ID of an access policy association: `<principalId>_<policy>`. */
export function accessPolicyId(principalArn: string, policy: string): string {
  return `${principalId(principalArn)}_${policy}`;
}

/** Construct ID of the version lookup of an add-on at `latest` (a sibling of the add-on): `<name>_version`. */
export function addonVersionId(addonName: string): string {
  return `${addonName}_version`;
}

// ---- validation -------------------------------------------------------------------------------------------------

const isString = (v: unknown): v is string => typeof v === "string";
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : Object.create(null);
const keysOf = (v: unknown): string[] => Object.keys(obj(v));
/** A role or user ARN with the parts `principalId` reads: `arn:<partition>:iam::<account>:<type>/<name>`. */
const PRINCIPAL_ARN = /^arn:[^:]*:iam::[^:]*:[^:/]+\/[^:]*[^:/]$/;

/** One thing the stack creates from one configuration value: its construct path, and Terraform names by kind. */
export interface DerivedName {
  /** Where it comes from in the configuration, and the value there. */
  readonly path: string;
  readonly value: unknown;
  /** The construct path below the stack (IDs as the constructs library keeps them). */
  readonly constructPath: readonly string[];
  /** Terraform addresses it gets (`aws_iam_role.node_role_x`, `data.aws_eks_addon_version.addons_x_version`). */
  readonly addresses: readonly string[];
  /** How such things are named, for the message. */
  readonly naming: string;
  /** How to get out of a collision with it. */
  readonly fix: string;
}

/**
 * One configuration entity: everything built from it, from where it first appears. A value that comes again is the
 * same entity (node groups naming one role share it) or an exact duplicate that rules.ts reports as such (one node
 * group name twice, one principal twice, one policy twice in an entry): not a collision, and not listed again.
 */
export interface DerivedEntity {
  readonly identity: string;
  readonly parts: readonly DerivedName[];
}

const SANITIZED = "Terraform names allow only letters, digits, _ and -";

/**
 * Everything the stack names after the configuration, by entity, predicted with the constructs' own rules (construct
 * IDs from the strings as `terraformLiterals` writes them). Values of the wrong type or shape are skipped: the schema
 * reports them. The stack's fixed names (`cluster`, `cluster_role`, `network_*`, ...) are left out: they share no
 * prefix and no scope with these, so nothing here can take one.
 */
export function derivedNames(cluster: unknown, at: string): DerivedEntity[] {
  const c = obj(cluster);
  const path = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), at);
  const entities: DerivedEntity[] = [];
  const seen = new Set<string>();
  const add = (entity: DerivedEntity) => {
    if (seen.has(entity.identity)) return;
    seen.add(entity.identity);
    entities.push(entity);
  };

  // node roles (created ones: aws_iam_role and one attachment per managed policy) and node groups
  list(c.nodeGroups).forEach((raw, i) => {
    const group = obj(raw);
    const role = obj(group.role);
    const byName = isString(role.name);
    if (byName || isString(role.arn)) {
      const key = (byName ? role.name : role.arn) as string;
      const id = constructId(nodeRoleId({ name: terraformLiteral(key) }));
      add({
        identity: `role ${key}`,
        parts: [
          {
            path: path("nodeGroups", i, "role", byName ? "name" : "arn"),
            value: key,
            constructPath: [id],
            addresses: byName
              ? [`aws_iam_role.${terraformName([id, "Resource"])}`, ...nodeRolePolicies().map((p) => `aws_iam_role_policy_attachment.${terraformName([id, p])}`)]
              : [],
            naming: byName ? "node roles are named node_role_<role name>" : "a role given by ARN gets the construct ID node_role_<ARN>, with / written --",
            fix: "rename one of the roles",
          },
        ],
      });
    }
    if (isString(group.name)) {
      const id = constructId(nodeGroupId(terraformLiteral(group.name)));
      const imds = usesLaunchTemplate(group);
      add({
        identity: `node group ${group.name}`,
        parts: [
          {
            path: path("nodeGroups", i, "name"),
            value: group.name,
            constructPath: [id],
            addresses: [
              `aws_eks_node_group.${terraformName([id, "Resource"])}`,
              ...(imds ? [`aws_launch_template.${terraformName([id, LAUNCH_TEMPLATE_ID, "Resource"])}`] : []),
            ],
            naming: "node groups are named node_group_<name>",
            fix: "rename one of the node groups",
          },
        ],
      });
    }
  });

  // access entries and their policy associations (children of the construct "access")
  list(obj(c.access).entries).forEach((raw, i) => {
    const entry = obj(raw);
    if (!isString(entry.principalArn) || !PRINCIPAL_ARN.test(entry.principalArn)) return;
    const arn = terraformLiteral(entry.principalArn);
    const id = constructId(principalId(arn));
    const parts: DerivedName[] = [
      {
        path: path("access", "entries", i, "principalArn"),
        value: entry.principalArn,
        constructPath: ["access", id],
        addresses: [`aws_eks_access_entry.${terraformName(["access", id])}`],
        naming: "access entries are named access_<account>_<role or user>_<last part of the name>",
        fix: "two principals named this alike cannot both have an access entry: give one of them access through the other, or a role of another name",
      },
    ];
    const policies = new Set<string>();
    list(entry.policies).forEach((p, j) => {
      const policy = obj(p).policy;
      if (!isString(policy) || policies.has(policy)) return;
      policies.add(policy);
      const associationId = constructId(accessPolicyId(arn, terraformLiteral(policy)));
      parts.push({
        path: path("access", "entries", i, "policies", j, "policy"),
        value: policy,
        constructPath: ["access", associationId],
        addresses: [`aws_eks_access_policy_association.${terraformName(["access", associationId])}`],
        naming: "access policy associations are named access_<account>_<role or user>_<name>_<policy>",
        fix: "two principals named this alike cannot both have an access entry: give one of them access through the other, or a role of another name",
      });
    });
    add({ identity: `access entry ${entry.principalArn}`, parts });
  });

  // service accounts' roles: the role, an attachment per policy (named after it), the inline policy, the association
  list(c.serviceAccounts).forEach((raw, i) => {
    const s = obj(raw);
    if (!isString(s.namespace) || !isString(s.name)) return;
    const id = constructId(serviceAccountRoleId(terraformLiteral(s.namespace), terraformLiteral(s.name)));
    add({
      identity: `service account ${s.namespace}/${s.name}`,
      parts: [
        {
          path: path("serviceAccounts", i, "name"),
          value: s.name,
          constructPath: [id],
          addresses: [
            `aws_iam_role.${terraformName([id, "Resource"])}`,
            `aws_eks_pod_identity_association.${terraformName([id, "association"])}`,
            `aws_iam_role_policy.${terraformName([id, "inline"])}`,
            ...list(s.managedPolicyArns)
              .filter(isString)
              .map((arn) => `aws_iam_role_policy_attachment.${terraformName([id, terraformLiteral(policyNameOf(arn))])}`),
          ],
          naming: "service account roles are named service_account_<namespace>_<name>",
          fix: "rename one of the service accounts",
        },
      ],
    });
  });

  // add-on roles
  for (const name of keysOf(obj(c.addons))) {
    const role = obj(obj(c.addons)[name]).role;
    if (role === undefined || role === null) continue;
    const id = constructId(addonRoleId(terraformLiteral(name)));
    add({
      identity: `add-on role ${name}`,
      parts: [
        {
          path: path("addons", name, "role"),
          value: role,
          constructPath: [id],
          addresses: [`aws_iam_role.${terraformName([id, "Resource"])}`],
          naming: "add-on roles are named addon_role_<add-on>",
          fix: "leave out one of the add-ons' roles",
        },
      ],
    });
  }

  // add-ons (children of the construct "addons"), with the version lookup of an add-on at latest
  const addons = obj(c.addons);
  for (const name of keysOf(addons)) {
    const settings = addons[name];
    if (settings === null || settings === undefined) continue; // null removes a default add-on
    const id = constructId(terraformLiteral(name));
    const parts: DerivedName[] = [
      {
        path: path("addons", name),
        value: settings,
        constructPath: ["addons", id],
        addresses: [`aws_eks_addon.${terraformName(["addons", id])}`],
        naming: "add-ons are named addons_<name>",
        fix: "leave out one of the add-ons",
      },
    ];
    if (obj(settings).version === "latest") {
      const versionId = constructId(addonVersionId(terraformLiteral(name)));
      parts.push({
        path: path("addons", name, "version"),
        value: "latest",
        constructPath: ["addons", versionId],
        addresses: [`data.aws_eks_addon_version.${terraformName(["addons", versionId])}`],
        naming: `an add-on at latest reads its version with a lookup named ${versionId}`,
        fix: `pin ${path("addons", name, "version")} (vX.Y.Z-eksbuild.N) or set it to default: then it needs no lookup`,
      });
    }
    add({ identity: `add-on ${name}`, parts });
  }

  // Fargate pod execution roles (profiles naming one role share it) and Fargate profiles (issue 14)
  list(c.fargateProfiles).forEach((raw, i) => {
    const profile = obj(raw);
    if (isString(profile.podExecutionRoleName)) {
      const id = constructId(podExecutionRoleId(terraformLiteral(profile.podExecutionRoleName)));
      add({
        identity: `pod execution role ${profile.podExecutionRoleName}`,
        parts: [
          {
            path: path("fargateProfiles", i, "podExecutionRoleName"),
            value: profile.podExecutionRoleName,
            constructPath: [id],
            addresses: [`aws_iam_role.${terraformName([id, "Resource"])}`, `aws_iam_role_policy_attachment.${terraformName([id, "AmazonEKSFargatePodExecutionRolePolicy"])}`],
            naming: "pod execution roles are named pod_execution_role_<role name>",
            fix: "rename one of the roles",
          },
        ],
      });
    }
    if (isString(profile.name)) {
      const id = constructId(fargateProfileId(terraformLiteral(profile.name)));
      add({
        identity: `Fargate profile ${profile.name}`,
        parts: [
          {
            path: path("fargateProfiles", i, "name"),
            value: profile.name,
            constructPath: [id],
            addresses: [`aws_eks_fargate_profile.${terraformName([id, "Resource"])}`],
            naming: "Fargate profiles are named fargate_profile_<name>",
            fix: "rename the profile",
          },
        ],
      });
    }
  });
  return entities;
}

/**
 * Every pair of configuration entities that would get one Terraform name of one kind (resource type, data source
 * type) or one construct ID: one issue each, at the later of the two, naming the other. Terraform only needs names
 * unique per kind and type, and the constructs library IDs unique per scope; either clash would stop the synth.
 *
 * `cluster` is the merged configuration, possibly invalid: values of the wrong type or shape are skipped. Exact
 * duplicates (one node group name twice, one principal twice, one policy twice in an entry) are rules.ts's to report.
 */
export function nameCollisions(cluster: unknown, at: string): Issue[] {
  const issues: Issue[] = [];
  // The stack's own construct IDs come first: a node group named `arns` would be `node_group_arns`, the output.
  const reserved = new Map(STACK_CONSTRUCT_IDS.map((id) => [id, id]));
  // Each construct path and Terraform address, with the first entity (by order) and part that took it: one pass,
  // linear in the number of names however many entities a hostile file holds.
  const constructPaths = new Map<string, [number, DerivedName]>();
  const addresses = new Map<string, [number, DerivedName]>();
  derivedNames(cluster, at).forEach((later, i) => {
    let clash: [number, DerivedName, DerivedName, string] | undefined;
    const consider = (hit: [number, DerivedName] | undefined, part: DerivedName, what: string) => {
      if (hit && hit[0] !== i && (!clash || hit[0] < clash[0])) clash = [hit[0], hit[1], part, what];
    };
    for (const part of later.parts) {
      const constructPath = part.constructPath.join("/");
      consider(constructPaths.get(constructPath), part, `construct ID (${constructPath})`);
      for (const address of part.addresses) consider(addresses.get(address), part, `Terraform name (${address})`);
    }
    const own = later.parts.find((part) => part.constructPath.length === 1 && reserved.has(part.constructPath[0]));
    if (own) {
      issues.push({
        path: own.path,
        value: own.value,
        rule: `gets the construct ID ${own.constructPath[0]}, which the stack itself uses (for its ${STACK_OUTPUT_IDS.includes(own.constructPath[0]) ? "output" : "resource"} of that name): ${own.naming}`,
        fix: "rename it",
      });
      clash = undefined;
    }
    if (clash) {
      const [, a, b, what] = clash;
      const naming = a.naming === b.naming ? b.naming : `${b.naming}; ${a.naming}`;
      // Names of one kind that differ as construct IDs can only meet once made Terraform names
      const sanitized = what.startsWith("Terraform name") ? `, and ${SANITIZED}` : "";
      issues.push({
        path: b.path,
        value: b.value,
        rule: `gets the same ${what} as ${a.path} (${JSON.stringify(a.value)}): ${naming}${sanitized}`,
        fix: b.fix,
      });
    }
    for (const part of later.parts) {
      const constructPath = part.constructPath.join("/");
      if (!constructPaths.has(constructPath)) constructPaths.set(constructPath, [i, part]);
      for (const address of part.addresses) if (!addresses.has(address)) addresses.set(address, [i, part]);
    }
  });
  return issues;
}

/** The outputs of a cluster stack, by construct ID (which is also the output's name). */
export const STACK_OUTPUT_IDS: readonly string[] = [
  "cluster_name",
  "cluster_arn",
  "cluster_endpoint",
  "cluster_certificate_authority_data",
  "cluster_oidc_issuer_url",
  "node_group_arns",
  "node_group_statuses",
  "kubeconfig_command",
  "oidc_provider_arn",
  "service_account_role_arns",
  "addon_role_arns",
  "fargate_profile_arns",
  "auto_mode_node_role_arn",
  "karpenter_controller_role_arn",
  "karpenter_node_role_name",
  "karpenter_interruption_queue_name",
  "vpc_id",
  "private_subnet_ids",
  "public_subnet_ids",
];

/** Every construct ID a cluster stack gives its own children: no configuration value may derive one of them. */
export const STACK_CONSTRUCT_IDS: readonly string[] = [
  "aws",
  "current",
  "network",
  // a created VPC (network.create); its per-zone IDs are public_subnet_<zone>, private_subnet_<zone>,
  // private_route_table_<zone> and nat_gateway_<zone>, prefixes no configuration name takes
  "vpc",
  "internet_gateway",
  "public_route_table",
  "cluster_role",
  "secrets_key",
  "cluster_logs",
  "cluster",
  "access",
  "addons",
  "backend",
  OIDC_PROVIDER_ID,
  "karpenter",
  AUTO_MODE_NODE_ROLE_ID,
  ...STACK_OUTPUT_IDS,
];

/** Keys cdktf 0.21 cannot write: it builds every map of the Terraform JSON as a plain object (`result[key] = ...`). */
const DROPPED_KEYS: readonly string[] = ["__proto__"];

/**
 * Keys of Terraform maps that cdktf would drop without a word: `__proto__` (a tag or label key, or a node group name,
 * the key of the node group outputs). cdktf's token resolution copies every map into a plain object, where
 * `__proto__` sets the prototype instead of adding a key. Other prototype-named keys (`constructor`, `toString`, ...)
 * are written like any key.
 */
export function unsupportedKeys(cluster: unknown, at: string): Issue[] {
  const issues: Issue[] = [];
  const c = obj(cluster);
  const path = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), at);
  const rule = (what: string) =>
    `is a ${what} cdktf 0.21 cannot write: it copies every map into a plain JavaScript object, where "__proto__" sets the prototype instead of adding a key, so it would disappear from the Terraform without a word`;
  const mapKeys = (map: unknown, what: string, ...at: (string | number)[]) => {
    for (const key of keysOf(map)) {
      if (DROPPED_KEYS.includes(key)) issues.push({ path: path(...at, key), value: key, rule: rule(`${what} key`), fix: `rename the ${what}` });
    }
  };
  mapKeys(c.tags, "tag", "tags");
  list(c.nodeGroups).forEach((raw, i) => {
    const group = obj(raw);
    mapKeys(group.tags, "tag", "nodeGroups", i, "tags");
    mapKeys(group.labels, "label", "nodeGroups", i, "labels");
    if (isString(group.name) && DROPPED_KEYS.includes(group.name)) {
      issues.push({ path: path("nodeGroups", i, "name"), value: group.name, rule: rule("node group name (the key of its outputs)"), fix: "rename the node group" });
    }
  });
  return issues;
}

/**
 * Backend settings that hold what cdktf 0.21 reads as one of its tokens (`cdktfMarker`): Terraform's JSON syntax
 * reads the backend block literally, so no escape exists there, and cdktf would write a reference to something else
 * (or throw). Covers `backend.s3.bucket`, `key` and `region`, and the cluster `name` and `region`, which make the
 * default state key (or local state path) and the bucket's default region.
 */
export function unsupportedValues(cluster: unknown, at: string): Issue[] {
  const issues: Issue[] = [];
  const c = obj(cluster);
  const s3 = obj(obj(c.backend).s3);
  const hasS3 = Object.keys(s3).length > 0;
  const check = (value: unknown, keys: (string | number)[], used: boolean, given: unknown = value) => {
    if (!used || !isString(value)) return;
    const marker = cdktfMarker(value);
    if (marker === undefined) return;
    issues.push({
      path: keys.reduce<string>((p, k) => childPath(p, k), at),
      value: given,
      rule: `holds ${JSON.stringify(marker)}, which cdktf 0.21 reads as one of its tokens; it goes into the backend block, where Terraform takes settings literally, so it cannot be escaped`,
      fix: "change it (or, for the state key or bucket region, set backend.s3.key / backend.s3.region explicitly)",
    });
  };
  check(s3.bucket, ["backend", "s3", "bucket"], hasS3);
  check(s3.key, ["backend", "s3", "key"], hasS3);
  check(s3.region, ["backend", "s3", "region"], hasS3);
  // the default state key and local state path are made of the name
  const name = isString(c.name) ? c.name : undefined;
  check(name === undefined ? undefined : `${name}/terraform.tfstate`, ["name"], hasS3 && !isString(s3.key), name);
  // HCP Terraform's settings go into the cloud block literally too; letters, digits, - and _ are enough to spell a
  // cdktf token (`-810956221259138e284` is a number token; found by the property suite)
  const cloud = obj(obj(c.backend).cloud);
  const hasCloud = Object.keys(cloud).length > 0;
  for (const key of ["organization", "workspace", "project", "hostname"]) check(cloud[key], ["backend", "cloud", key], hasCloud);
  const tags = Array.isArray(cloud.workspaceTags) ? cloud.workspaceTags : [];
  tags.forEach((tag: unknown, i: number) => check(tag, ["backend", "cloud", "workspaceTags", i], hasCloud));
  // (no local state path with an HCP Terraform backend)
  check(name === undefined ? undefined : `../../../terraform.${name}.tfstate`, ["name"], !hasS3 && !hasCloud, name);
  check(c.region, ["region"], hasS3 && !isString(s3.region));
  return issues;
}
