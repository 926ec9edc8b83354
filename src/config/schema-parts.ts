/**
 * The building blocks of the config schema, on valibot (https://valibot.dev): one definition gives the TypeScript
 * type (`Infer`), the validation (valibot, every problem at once, each turned into path, value, rule and fix), the
 * JSON Schema (@valibot/to-json-schema) and, from the metadata each block carries, the merge of a config file onto
 * the defaults and the reference page.
 *
 * Two containers are our own valibot schemas, because valibot's skip keys we must see: its records silently drop
 * the keys `__proto__`, `prototype` and `constructor` (valid tag, label and add-on names), and its strict objects
 * report only the first unknown key. Everything else is valibot's.
 */
import * as v from "valibot";

/** One problem with a config value. */
export interface Issue {
  /** Where: `nodeGroups[0].scaling.desiredSize`. */
  readonly path: string;
  /** The value found there (undefined when the key is missing). */
  readonly value: unknown;
  /** What is required, and why. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/** What a block carries beyond valibot's own description, for the reference page and the merge. */
export interface Meta {
  /** One line: what the key is. */
  readonly description: string;
  /** What is allowed, in words, for the reference page. */
  readonly allowed: string;
  /** Lists: each given item is completed from this one (objects merge); otherwise a given list replaces the default. */
  readonly itemBase?: unknown;
  /** Maps: a new entry is completed from this one (an add-on given as `{}` is at `latest`). */
  readonly entryBase?: unknown;
  /** Maps: an entry set to null in a config file removes the default's entry of that key. */
  readonly nullRemoves?: boolean;
  /** Objects: keys of which exactly one must be given; such an object replaces the default instead of merging. */
  readonly exactlyOneOf?: readonly string[];
}

/** A block of the schema: a valibot schema whose output is T. */
export type Node<T> = v.BaseSchema<unknown, T, v.BaseIssue<unknown>>;
export type Infer<S> = S extends Node<infer T> ? T : never;

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;
type Dataset = { value: unknown; typed?: boolean; issues?: v.BaseIssue<unknown>[] };
type RunConfig = v.Config<v.BaseIssue<unknown>>;
type Runnable = AnySchema & { "~run": (dataset: Dataset, config: RunConfig) => Dataset };

// ---- messages ---------------------------------------------------------------------------------------------------

/** valibot carries one message string per issue; ours holds the rule and the fix, split again by `toIssues`. */
const SEPARATOR = "\u0000";
const message = (rule: string, fix: string) => `${rule}${SEPARATOR}${fix}`;
type Say = (input: unknown) => { rule: string; fix: string };
const say =
  (problem: Say) =>
  (issue: v.BaseIssue<unknown>): string => {
    const { rule, fix } = problem(issue.input);
    return message(rule, fix);
  };

/** The path of a child: `a.b`, `a[0]`, `tags["team"]` (quoted when not an identifier). */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A value in words, for a rule: `the number Infinity`, `the string "x"`, `a list`. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return `the number ${String(value)}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Sets a key as an own data property, so `__proto__` is a key like any other. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assignment is an own data property for every key but `__proto__`, whose assignment would set the prototype.
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// ---- metadata -----------------------------------------------------------------------------------------------------

const metaOf = new WeakMap<object, Meta>();

function withMeta<T>(schema: AnySchema, meta: Meta): Node<T> {
  const described = v.pipe(schema, v.description(meta.description)) as unknown as Node<T>;
  metaOf.set(described, meta);
  return described;
}

/** The metadata of a block (of the block inside `optional(...)` too). */
export function meta(schema: AnySchema): Meta {
  const found = metaOf.get(unwrap(schema));
  if (!found) throw new Error("schema block without metadata");
  return found;
}

/** The block inside `optional(...)`. */
export function unwrap(schema: AnySchema): AnySchema {
  return schema.type === "optional" ? (schema as unknown as { wrapped: AnySchema }).wrapped : schema;
}

/** Runs a block's valibot pipeline; the containers below call it for their children. */
function run(schema: AnySchema, value: unknown, config: RunConfig): Dataset {
  return (schema as Runnable)["~run"]({ value }, config);
}

function pathItem(input: unknown, key: string | number, value: unknown, origin: "key" | "value" = "value"): v.IssuePathItem {
  return { type: typeof key === "number" ? "array" : "object", origin, input, key, value } as unknown as v.IssuePathItem;
}

function addIssue(dataset: Dataset, issue: Partial<v.BaseIssue<unknown>> & { message: string }): void {
  const full = { kind: "schema", type: "custom", expected: null, received: "", ...issue } as v.BaseIssue<unknown>;
  (dataset.issues ??= []).push(full);
  dataset.typed = false;
}

// ---- blocks --------------------------------------------------------------------------------------------------------

/** A rule of a string beyond its pattern: returns the problem, or undefined. */
export type StringCheck = (value: string) => { rule: string; fix: string } | undefined;

export interface StringOptions {
  readonly description: string;
  readonly pattern?: RegExp;
  /** The rule, in words, that `pattern` enforces. */
  readonly patternRule?: string;
  /** Lengths count Unicode characters (code points), as AWS and JSON Schema do. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** How to fix a value that breaks the pattern or length. */
  readonly fix?: string;
  readonly checks?: readonly StringCheck[];
  /** What is allowed, in words, for the reference page (default: the pattern rule or the length). */
  readonly allowed?: string;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Unicode characters of a string (code points), without building an array of them. */
function characters(value: string): number {
  if (!SURROGATE.test(value)) return value.length;
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export function string(o: StringOptions): Node<string> {
  const range = o.maxLength === undefined ? `at least ${o.minLength}` : `${o.minLength ?? 0} to ${o.maxLength}`;
  const actions: v.PipeItem<any, any, any>[] = [];
  if (o.minLength !== undefined || o.maxLength !== undefined) {
    actions.push(
      v.check(
        (s: string) => {
          const n = characters(s);
          return (o.minLength === undefined || n >= o.minLength) && (o.maxLength === undefined || n <= o.maxLength);
        },
        say((s) => ({ rule: `must be ${range} characters long (it has ${characters(s as string)})`, fix: o.fix ?? `use ${range} characters` })),
      ),
    );
  }
  if (o.pattern) {
    const pattern = o.pattern;
    actions.push(v.regex(pattern, say(() => ({ rule: o.patternRule ?? `must match ${pattern.source}`, fix: o.fix ?? `match ${pattern.source}` }))));
  }
  for (const check of o.checks ?? []) {
    actions.push(
      v.rawCheck(({ dataset, addIssue: add }) => {
        const problem = check(dataset.value as string);
        if (problem) add({ message: message(problem.rule, problem.fix) });
      }),
    );
  }
  const allowed = o.allowed ?? (o.patternRule ? o.patternRule.replace(/^must be /, "") : o.maxLength !== undefined ? `string of ${o.minLength ?? 0}-${o.maxLength} characters` : "string");
  const base = v.string(say((x) => ({ rule: `must be a string, not ${typeName(x)}`, fix: o.fix ?? "write it as a string in quotes" })));
  const schema = actions.length > 0 ? v.pipe(base, ...(actions as [v.PipeItem<string, string, v.BaseIssue<unknown>>])) : base;
  const node = withMeta<string>(schema as AnySchema, { description: o.description, allowed });
  jsonExtras.set(node, {
    ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
    ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
  });
  return node;
}

export interface EnumOptions<V extends string> {
  readonly description: string;
  /** Other spellings accepted and rewritten to the API's: `{ NoSchedule: "NO_SCHEDULE" }`. */
  readonly aliases?: Readonly<Record<string, V>>;
  /** Why the value is restricted, shown with the allowed values. */
  readonly why?: string;
}

export function enumOf<const V extends string>(values: readonly V[], o: EnumOptions<V>): Node<V> {
  const aliases = o.aliases ?? {};
  const spellings = [...values, ...Object.keys(aliases)];
  const schema = v.pipe(
    v.picklist(
      spellings,
      say((x) => {
        const near = typeof x === "string" ? nearest(x, spellings) : undefined;
        return {
          rule: `must be one of ${values.join(", ")}${o.why ? ` (${o.why})` : ""}`,
          fix: near ? `did you mean ${near}?` : `use one of ${values.join(", ")}`,
        };
      }),
    ),
    // Before the transform: JSON Schema conversion stops at the first transform.
    v.description(o.description),
    v.transform((x: string) => (hasOwn(aliases, x) ? aliases[x] : (x as V))),
  );
  const aliasText = Object.keys(aliases);
  jsonExtras.set(schema, { type: "string" });
  metaOf.set(schema, {
    description: o.description,
    allowed: `one of ${values.map((x) => `\`${x}\``).join(", ")}${aliasText.length ? ` (also ${aliasText.map((a) => `\`${a}\``).join(", ")})` : ""}`,
  });
  return schema as unknown as Node<V>;
}

export interface IntegerOptions {
  readonly description: string;
  readonly minimum: number;
  readonly maximum: number;
  readonly fix?: string;
  /** The only values allowed, when they are a list rather than a range (and why). */
  readonly values?: readonly number[];
  readonly why?: string;
}

export function integer(o: IntegerOptions): Node<number> {
  const { minimum, maximum } = o;
  const fix = o.fix ?? `use a whole number from ${minimum} to ${maximum}`;
  const notWhole = say((x) => ({ rule: `must be a whole number, not ${typeName(x)}`, fix }));
  const actions: v.PipeItem<any, any, any>[] = [
    v.integer(notWhole),
    v.minValue(minimum, say(() => ({ rule: `must be from ${minimum} to ${maximum}`, fix }))),
    v.maxValue(maximum, say(() => ({ rule: `must be from ${minimum} to ${maximum}`, fix }))),
  ];
  const allowedValues = o.values;
  if (allowedValues) {
    actions.push(
      v.check(
        (n: number) => allowedValues.includes(n),
        say((x) => {
          const n = x as number;
          const closest = [...allowedValues].sort((a, b) => Math.abs(a - n) - Math.abs(b - n))[0];
          return { rule: `must be one of ${allowedValues.join(", ")}${o.why ? ` (${o.why})` : ""}`, fix: `use ${closest}, the nearest allowed value` };
        }),
      ),
    );
  }
  // v.number() turns NaN away itself; Infinity reaches v.integer(), which turns it away as not whole.
  const schema = v.pipe(v.number(notWhole), ...(actions as [v.PipeItem<number, number, v.BaseIssue<unknown>>]));
  const node = withMeta<number>(schema as AnySchema, {
    description: o.description,
    allowed: allowedValues ? `one of ${allowedValues.join(", ")}` : `integer ${minimum}–${maximum}`,
  });
  if (allowedValues) jsonExtras.set(node, { enum: [...allowedValues], minimum: undefined, maximum: undefined });
  return node;
}

export function boolean(o: { readonly description: string }): Node<boolean> {
  return withMeta<boolean>(v.boolean(say((x) => ({ rule: `must be true or false, not ${typeName(x)}`, fix: "write true or false, without quotes" }))), {
    description: o.description,
    allowed: "`true` or `false`",
  });
}

export interface ArrayOptions {
  readonly description: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Items must be distinct. */
  readonly unique?: boolean;
  /** Why the bounds exist, shown in the rule. */
  readonly why?: string;
  /** Each given item is completed from this one (objects merge); otherwise the given list replaces the default. */
  readonly itemBase?: unknown;
}

export function array<T>(item: Node<T>, o: ArrayOptions): Node<readonly T[]> {
  const why = o.why ? ` (${o.why})` : "";
  const actions: v.PipeItem<any, any, any>[] = [];
  if (o.minItems !== undefined) {
    const min = o.minItems;
    actions.push(v.minLength(min, say(() => ({ rule: `must have at least ${min} item${min === 1 ? "" : "s"}${why}`, fix: `give at least ${min}` }))));
  }
  if (o.maxItems !== undefined) {
    const max = o.maxItems;
    actions.push(v.maxLength(max, say((x) => ({ rule: `must have at most ${max} items, not ${(x as unknown[]).length}${why}`, fix: `give at most ${max}` }))));
  }
  if (o.unique) {
    actions.push(
      v.rawCheck(({ dataset, addIssue: add }) => {
        const seen = new Set<string>();
        (dataset.value as unknown[]).forEach((value, i) => {
          const key = JSON.stringify(value);
          if (seen.has(key)) add({ message: message("must not repeat an earlier item", "remove the duplicate"), path: [pathItem(dataset.value, i, value)], input: value });
          seen.add(key);
        });
      }),
    );
  }
  actions.push(v.readonly());
  const base = v.array(item as AnySchema, say((x) => ({ rule: `must be a list, not ${typeName(x)}`, fix: `write a list, e.g. [${JSON.stringify(x) ?? String(x)}]` })));
  const bounds = [o.minItems !== undefined ? `at least ${o.minItems}` : "", o.maxItems !== undefined ? `at most ${o.maxItems}` : ""].filter(Boolean).join(", ");
  const node = withMeta<readonly T[]>(v.pipe(base, ...(actions as [v.PipeItem<unknown[], unknown[], v.BaseIssue<unknown>>])) as unknown as AnySchema, {
    description: o.description,
    allowed: `list of ${meta(item).allowed}${bounds ? ` (${bounds})` : ""}`,
    itemBase: o.itemBase,
  });
  if (o.unique) jsonExtras.set(node, { uniqueItems: true });
  return node;
}

export interface RecordOptions {
  readonly description: string;
  readonly maxEntries?: number;
  readonly why?: string;
  /** Entries set to null in a config file remove the default's entry of that key. */
  readonly nullRemoves?: boolean;
  /** A new entry is completed from this one (an add-on given as `{}` is at `latest`). */
  readonly entryBase?: unknown;
}

/**
 * A map from string keys to values of one block (tags, labels, add-ons by name). Unlike valibot's `record`, every
 * own key counts, `__proto__` and `constructor` included, and the output keeps them as own keys.
 */
export function record<T>(key: Node<string>, value: Node<T>, o: RecordOptions): Node<Readonly<Record<string, T>>> {
  const notMap = say((x) => ({ rule: `must be a map of names to values, not ${typeName(x)}`, fix: "write key: value pairs" }));
  const schema = {
    ...v.record(v.string(), v.unknown()),
    key,
    value,
    "~run"(dataset: Dataset, config: RunConfig): Dataset {
      const input = dataset.value;
      if (!isPlainObject(input)) {
        addIssue(dataset, { input, message: notMap({ input } as v.BaseIssue<unknown>) });
        return dataset;
      }
      const output: Record<string, unknown> = {};
      dataset.typed = true;
      const keys = Object.keys(input);
      if (o.maxEntries !== undefined && keys.length > o.maxEntries) {
        addIssue(dataset, {
          input: `${keys.length} entries`,
          message: message(`must have at most ${o.maxEntries} entries${o.why ? ` (${o.why})` : ""}`, `remove ${keys.length - o.maxEntries}`),
        });
      }
      for (const k of keys) {
        const entry = input[k];
        const keyResult = run(key, k, config);
        for (const issue of keyResult.issues ?? []) addIssue(dataset, { ...issue, path: [pathItem(input, k, entry, "key")] });
        const valueResult = run(value, entry, config);
        for (const issue of valueResult.issues ?? []) addIssue(dataset, { ...issue, path: [pathItem(input, k, entry), ...(issue.path ?? [])] });
        if (!keyResult.issues && !valueResult.issues) setOwn(output, k, valueResult.value);
      }
      dataset.value = output;
      return dataset;
    },
  };
  const node = withMeta<Readonly<Record<string, T>>>(schema as unknown as AnySchema, {
    description: o.description,
    allowed: `map of ${meta(key).allowed} to ${meta(value).allowed}${o.maxEntries ? ` (at most ${o.maxEntries})` : ""}`,
    entryBase: o.entryBase,
    nullRemoves: o.nullRemoves,
  });
  if (o.maxEntries !== undefined) jsonExtras.set(node, { maxProperties: o.maxEntries });
  return node;
}

/**
 * The first place in a value that JSON text cannot carry as it is: a number that is not finite, a string or key that is
 * not well-formed Unicode (a lone surrogate), anything but null, booleans, numbers, strings, lists and plain maps.
 */
function jsonProblem(value: unknown, path: (string | number)[]): { path: (string | number)[]; rule: string; value: unknown } | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : { path, value, rule: `must be a finite number, not ${String(value)}` };
  if (typeof value === "string") {
    return (value as string & { isWellFormed(): boolean }).isWellFormed()
      ? undefined
      : { path, value, rule: "must be well-formed Unicode (it holds a lone surrogate, which JSON text cannot carry)" };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonProblem(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const k of Object.keys(value)) {
      if (!(k as string & { isWellFormed(): boolean }).isWellFormed()) return { path: [...path, k], value: k, rule: "must be a well-formed Unicode key (it holds a lone surrogate)" };
      const found = jsonProblem(value[k], [...path, k]);
      if (found) return found;
    }
    return undefined;
  }
  return { path, value, rule: `must be a JSON value (null, true/false, a number, a string, a list or a map), not ${typeName(value)}` };
}

/**
 * A map of any JSON values (an add-on's configuration): every key kept as an own key (`__proto__` included), values
 * checked to be JSON, the map otherwise taken as it is (it replaces, never merges with, a default).
 */
export function jsonMap(o: { readonly description: string }): Node<Readonly<Record<string, unknown>>> {
  const value = withMeta<unknown>(
    v.pipe(
      v.unknown(),
      v.rawCheck(({ dataset, addIssue: add }) => {
        const found = jsonProblem(dataset.value, []);
        if (found) {
          add({
            message: message(found.rule, "write plain JSON/YAML data: strings, numbers, true/false, null, lists and maps"),
            ...(found.path.length > 0 ? { path: found.path.map((k) => pathItem(undefined, k, undefined)) as [v.IssuePathItem, ...v.IssuePathItem[]] } : {}),
            input: found.value,
          });
        }
      }),
    ) as unknown as AnySchema,
    { description: "Any JSON value", allowed: "any JSON value" },
  );
  return record(string({ description: "Key", allowed: "any key" }), value, { description: o.description });
}

/** Marks an object field that may be absent from the complete configuration (no default). */
export function optional<T>(schema: Node<T>): Node<T | undefined> {
  return v.optional(schema as AnySchema) as unknown as Node<T | undefined>;
}

type Shape = Record<string, Node<any>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<Sh extends Shape> = { [K in keyof Sh]: undefined extends Infer<Sh[K]> ? K : never }[keyof Sh];
export type InferShape<Sh extends Shape> = Simplify<
  { readonly [K in Exclude<keyof Sh, OptionalKeys<Sh>>]: Infer<Sh[K]> } & {
    readonly [K in OptionalKeys<Sh>]?: Exclude<Infer<Sh[K]>, undefined>;
  }
>;

export interface ObjectOptions {
  readonly description: string;
  /** Keys of which exactly one must be given; such an object replaces the default instead of merging. */
  readonly exactlyOneOf?: readonly string[];
}

/**
 * An object with known keys (valibot's `looseObject` for the fields), reporting every unknown key with the nearest
 * known one, every missing required key, and an `exactlyOneOf` violation, all at once.
 */
export function object<Sh extends Shape>(shape: Sh, o: ObjectOptions): Node<InferShape<Sh>> {
  const known = Object.keys(shape);
  const knownList = `use one of ${known.join(", ")}`;
  const base = v.looseObject(
    shape,
    (issue: v.BaseIssue<unknown>) => {
      const last = issue.path?.[issue.path.length - 1] as { key?: string } | undefined;
      if (issue.input === undefined && last?.key !== undefined && hasOwn(shape, last.key)) {
        return message("is required", `add ${last.key}: ${meta(shape[last.key]).allowed}`);
      }
      return message(`must be an object (key: value pairs), not ${typeName(issue.input)}`, `write { ${known.join(", ")} }`);
    },
  );
  const exclusive = o.exactlyOneOf;
  const schema = {
    ...base,
    type: "strict_object",
    "~run"(dataset: Dataset, config: RunConfig): Dataset {
      const input = dataset.value;
      if (!isPlainObject(input)) {
        addIssue(dataset, { input, message: message(`must be an object (key: value pairs), not ${typeName(input)}`, `write { ${known.join(", ")} }`) });
        return dataset;
      }
      const result = (base as unknown as Runnable)["~run"](dataset, config);
      const output: Record<string, unknown> = {};
      let unknown = 0;
      for (const key of Object.keys(input)) {
        if (hasOwn(shape, key)) {
          if (hasOwn(result.value as object, key)) output[key] = (result.value as Record<string, unknown>)[key];
          continue;
        }
        // Suggestions for the first unknown keys only: a file of many thousand unknown keys is not a typo.
        const near = unknown++ < SUGGESTIONS ? nearest(key, known) : undefined;
        const fix = near ? `did you mean \`${near}\`?` : knownList;
        addIssue(result, { input: input[key], message: message(UNKNOWN_KEY, fix), path: [pathItem(input, key, input[key])] });
      }
      if (exclusive) {
        const given = exclusive.filter((k) => hasOwn(input, k) && input[k] !== undefined);
        if (given.length !== 1) {
          addIssue(result, {
            input,
            message: message(
              `must have exactly one of ${exclusive.join(", ")}${given.length ? `, not ${given.join(" and ")}` : ""}`,
              given.length ? `keep only one of ${given.join(", ")}` : `add ${exclusive.join(" or ")}`,
            ),
          });
        }
      }
      result.value = output;
      return result;
    },
  };
  return withMeta<InferShape<Sh>>(schema as unknown as AnySchema, {
    description: o.description,
    allowed: exclusive ? `object with exactly one of ${exclusive.map((k) => `\`${k}\``).join(", ")}` : "object",
    exactlyOneOf: exclusive,
  });
}

/** The rule of an unknown key; `toIssues` adds where it is not known. */
const UNKNOWN_KEY = "\u0001unknown key";
/** Unknown keys of one object that get a did-you-mean. */
const SUGGESTIONS = 100;

/** The shape of an object block: its fields' blocks. */
export function fieldsOf(schema: AnySchema): Readonly<Record<string, AnySchema>> | undefined {
  const s = unwrap(schema) as unknown as { type: string; entries?: Record<string, AnySchema> };
  return s.type === "strict_object" ? s.entries : undefined;
}

/** The item block of a list, or the key and value blocks of a map. */
export function childrenOf(schema: AnySchema): { item?: AnySchema; key?: AnySchema; value?: AnySchema } {
  const s = unwrap(schema) as unknown as { type: string; item?: AnySchema; key?: AnySchema; value?: AnySchema };
  if (s.type === "array") return { item: s.item };
  if (s.type === "record") return { key: s.key, value: s.value };
  return {};
}

// ---- validation ----------------------------------------------------------------------------------------------------

/** Validates `value` against a block: the typed value, or every problem (paths below `at`). */
export function validate<T>(schema: Node<T>, value: unknown, at: string): { value?: T; issues: Issue[] } {
  const result = v.safeParse(schema, value, { abortEarly: false, abortPipeEarly: true });
  if (result.success) return { value: result.output, issues: [] };
  return { issues: toIssues(result.issues, at) };
}

function toIssues(issues: readonly v.BaseIssue<unknown>[], at: string): Issue[] {
  return issues.map((issue) => {
    let path = at;
    let keyOrigin = false;
    for (const item of issue.path ?? []) {
      const p = item as unknown as { key: string | number; origin?: string };
      path = childPath(path, p.key);
      keyOrigin = p.origin === "key";
    }
    const [rawRule, fix = "see docs/config-reference.md"] = issue.message.split(SEPARATOR);
    const parent = issue.path && issue.path.length > 1 ? issue.path.slice(0, -1).reduce((p, item) => childPath(p, (item as { key: string | number }).key), at) : at;
    const rule = rawRule === UNKNOWN_KEY ? `is not a known key${parent ? ` of ${parent}` : ""}` : rawRule;
    const last = issue.path?.[issue.path.length - 1] as { key?: unknown; value?: unknown } | undefined;
    const missing = rule === "is required";
    if (missing) keyOrigin = false;
    const value = missing ? undefined : keyOrigin ? last?.key : issue.input;
    return { path: keyOrigin ? `${path} (the key)` : path, value, rule, fix };
  });
}

// ---- did you mean ---------------------------------------------------------------------------------------------------

/** The closest candidate by edit distance, when it is close enough to be a likely typo. Long words get none. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 40) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// ---- merge ------------------------------------------------------------------------------------------------------------

/** `given` laid onto `base` as the block says: objects merge, lists replace (or complete each item), maps merge. */
export function merge(schema: AnySchema, base: unknown, given: unknown): unknown {
  if (given === undefined) return base;
  const block = unwrap(schema);
  const m = metaOf.get(block);
  const fields = fieldsOf(block);
  if (fields) {
    if (m?.exactlyOneOf || !isPlainObject(base) || !isPlainObject(given)) return given;
    const merged: Record<string, unknown> = {};
    for (const k of Object.keys(base)) setOwn(merged, k, base[k]);
    for (const k of Object.keys(given)) setOwn(merged, k, hasOwn(fields, k) ? merge(fields[k], base[k], given[k]) : given[k]);
    return merged;
  }
  const { item, value } = childrenOf(block);
  if (item) return m?.itemBase !== undefined && Array.isArray(given) ? given.map((g) => merge(item, m.itemBase, g)) : given;
  if (value) {
    if (!isPlainObject(base) || !isPlainObject(given)) return given;
    const merged: Record<string, unknown> = {};
    for (const k of Object.keys(base)) setOwn(merged, k, base[k]);
    for (const k of Object.keys(given)) {
      if (given[k] === null && m?.nullRemoves) delete merged[k];
      else setOwn(merged, k, merge(value, hasOwn(base, k) ? base[k] : m?.entryBase, given[k]));
    }
    return merged;
  }
  return given;
}

// ---- JSON Schema ---------------------------------------------------------------------------------------------------

/** JSON Schema keywords valibot's converter cannot derive from a block (lengths in characters, value lists). */
const jsonExtras = new WeakMap<object, Record<string, unknown>>();

/**
 * The JSON Schema of a block, by @valibot/to-json-schema, with what only our metadata knows: defaults (from
 * `defaultValue`, and each list item's or map entry's base), lengths in characters, value lists, exactly-one-of,
 * and null entries that remove a default.
 */
export function jsonSchemaOf(schema: AnySchema, defaultValue: unknown): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { toJsonSchema } = require("@valibot/to-json-schema") as typeof import("@valibot/to-json-schema");
  const converted = toJsonSchema(schema, {
    target: "draft-07",
    typeMode: "input",
    errorMode: "throw",
    // Checks in code (code points, cross-key rules) have no JSON Schema form; the extras above carry what does.
    ignoreActions: ["check", "raw_check", "readonly", "transform"],
  }) as Record<string, unknown>;
  delete converted.$schema;
  decorate(schema, converted, defaultValue);
  return converted;
}

/** Walks the block and its JSON Schema side by side, adding what the converter cannot know. */
function decorate(schema: AnySchema, json: Record<string, unknown>, defaultValue: unknown): void {
  const block = unwrap(schema);
  const m = metaOf.get(block);
  const extras = jsonExtras.get(block) ?? {};
  for (const [k, x] of Object.entries(extras)) {
    if (x === undefined) delete json[k];
    else json[k] = x;
  }
  if (defaultValue !== undefined) json.default = defaultValue;
  const fields = fieldsOf(block);
  if (fields) {
    if (m?.exactlyOneOf) json.oneOf = m.exactlyOneOf.map((k) => ({ required: [k] }));
    // A key with a default may be left out of a file; an object without one (remoteAccess) needs its keys.
    if (defaultValue !== undefined || (Array.isArray(json.required) && json.required.length === 0)) delete json.required;
    const properties = json.properties as Record<string, Record<string, unknown>>;
    const defaults = isPlainObject(defaultValue) ? defaultValue : {};
    for (const k of Object.keys(fields)) decorate(fields[k], properties[k], hasOwn(defaults, k) ? defaults[k] : undefined);
    return;
  }
  const { item, key, value } = childrenOf(block);
  if (item) decorate(item, json.items as Record<string, unknown>, m?.itemBase);
  if (key) decorate(key, json.propertyNames as Record<string, unknown>, undefined);
  if (value) {
    const entry = json.additionalProperties as Record<string, unknown>;
    decorate(value, entry, m?.entryBase);
    if (m?.nullRemoves) json.additionalProperties = { anyOf: [entry, { type: "null" }] };
  }
}
