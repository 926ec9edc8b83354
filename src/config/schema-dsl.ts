/**
 * A small schema language: one definition gives the TypeScript type (`Infer`), the validation (every problem,
 * each with path, value, rule and fix), the merge of a config file onto the defaults, and the JSON Schema.
 */

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

export interface Doc {
  /** One line: what the key is. */
  readonly description: string;
}

type JsonSchema = Record<string, unknown>;

/** The path of a child: `a.b`, `a[0]`, `tags["team"]` (quoted when not an identifier). */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export abstract class Schema<T> {
  declare readonly __type: T;
  constructor(public readonly doc: Doc) {}
  /** Checks `value`, pushing every problem; returns the value as T when it is valid. */
  public abstract check(value: unknown, path: string, issues: Issue[]): T | undefined;
  /** JSON Schema of this node; `defaultValue` is the embedded default found at this place. */
  public abstract jsonSchema(defaultValue?: unknown): JsonSchema;
  /** Short text of what is allowed, for the reference page. */
  public abstract allowed(): string;
  /** `given` laid onto `base`: replaced unless the schema says it merges. */
  public merge(base: unknown, given: unknown): unknown {
    return given === undefined ? base : given;
  }
  protected withDoc(schema: JsonSchema, defaultValue: unknown): JsonSchema {
    return { description: this.doc.description, ...schema, ...(defaultValue === undefined ? {} : { default: defaultValue }) };
  }
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A rule of a string beyond its pattern: returns the problem, or undefined. */
export type StringCheck = (value: string) => { rule: string; fix: string } | undefined;

export interface StringOptions extends Doc {
  readonly pattern?: RegExp;
  /** The rule, in words, that `pattern` enforces. */
  readonly patternRule?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** How to fix a value that breaks the pattern or length. */
  readonly fix?: string;
  readonly checks?: readonly StringCheck[];
  /** What is allowed, in words, for the reference page (default: the pattern rule or the length). */
  readonly allowed?: string;
}

export class StringSchema extends Schema<string> {
  constructor(public readonly options: StringOptions) {
    super(options);
  }
  public check(value: unknown, path: string, issues: Issue[]): string | undefined {
    const o = this.options;
    if (typeof value !== "string") {
      issues.push({ path, value, rule: `must be a string, not ${typeName(value)}`, fix: o.fix ?? "write it as a string in quotes" });
      return undefined;
    }
    const before = issues.length;
    const length = [...value].length;
    if ((o.minLength !== undefined && length < o.minLength) || (o.maxLength !== undefined && length > o.maxLength)) {
      const range = o.maxLength === undefined ? `at least ${o.minLength}` : `${o.minLength ?? 0} to ${o.maxLength}`;
      issues.push({ path, value, rule: `must be ${range} characters long (it has ${length})`, fix: o.fix ?? `use ${range} characters` });
    } else if (o.pattern && !o.pattern.test(value)) {
      issues.push({ path, value, rule: o.patternRule ?? `must match ${o.pattern.source}`, fix: o.fix ?? `match ${o.pattern.source}` });
    }
    if (issues.length === before) {
      for (const check of o.checks ?? []) {
        const problem = check(value);
        if (problem) issues.push({ path, value, ...problem });
      }
    }
    return issues.length === before ? value : undefined;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    const o = this.options;
    return this.withDoc(
      {
        type: "string",
        ...(o.pattern ? { pattern: o.pattern.source } : {}),
        ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
        ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
      },
      defaultValue,
    );
  }
  public allowed(): string {
    const o = this.options;
    if (o.allowed) return o.allowed;
    if (o.patternRule) return o.patternRule.replace(/^must be /, "");
    if (o.maxLength !== undefined) return `string of ${o.minLength ?? 0}-${o.maxLength} characters`;
    return "string";
  }
}

export interface EnumOptions<V extends string> extends Doc {
  /** Other spellings accepted and rewritten to the API's: `{ NoSchedule: "NO_SCHEDULE" }`. */
  readonly aliases?: Readonly<Record<string, V>>;
  /** Why the value is restricted, shown with the allowed values. */
  readonly why?: string;
}

export class EnumSchema<V extends string> extends Schema<V> {
  constructor(
    public readonly values: readonly V[],
    public readonly options: EnumOptions<V>,
  ) {
    super(options);
  }
  public check(value: unknown, path: string, issues: Issue[]): V | undefined {
    if (typeof value === "string" && (this.values as readonly string[]).includes(value)) return value as V;
    if (typeof value === "string" && this.options.aliases?.[value]) return this.options.aliases[value];
    const near = typeof value === "string" ? nearest(value, [...this.values, ...Object.keys(this.options.aliases ?? {})]) : undefined;
    issues.push({
      path,
      value,
      rule: `must be one of ${this.values.join(", ")}${this.options.why ? ` (${this.options.why})` : ""}`,
      fix: near ? `did you mean ${near}?` : `use one of ${this.values.join(", ")}`,
    });
    return undefined;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    return this.withDoc({ type: "string", enum: [...this.values, ...Object.keys(this.options.aliases ?? {})] }, defaultValue);
  }
  public allowed(): string {
    const aliases = Object.keys(this.options.aliases ?? {});
    return `one of ${this.values.map((v) => `\`${v}\``).join(", ")}${aliases.length ? ` (also ${aliases.map((a) => `\`${a}\``).join(", ")})` : ""}`;
  }
}

export interface IntegerOptions extends Doc {
  readonly minimum: number;
  readonly maximum: number;
  readonly fix?: string;
  /** The only values allowed, when they are a list rather than a range (and why). */
  readonly values?: readonly number[];
  readonly why?: string;
}

export class IntegerSchema extends Schema<number> {
  constructor(public readonly options: IntegerOptions) {
    super(options);
  }
  public check(value: unknown, path: string, issues: Issue[]): number | undefined {
    const { minimum, maximum } = this.options;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      issues.push({ path, value, rule: `must be a whole number, not ${typeName(value)}`, fix: this.options.fix ?? `use a whole number from ${minimum} to ${maximum}` });
      return undefined;
    }
    if (value < minimum || value > maximum) {
      issues.push({ path, value, rule: `must be from ${minimum} to ${maximum}`, fix: this.options.fix ?? `use a whole number from ${minimum} to ${maximum}` });
      return undefined;
    }
    const allowed = this.options.values;
    if (allowed && !allowed.includes(value)) {
      const closest = [...allowed].sort((a, b) => Math.abs(a - value) - Math.abs(b - value))[0];
      issues.push({ path, value, rule: `must be one of ${allowed.join(", ")}${this.options.why ? ` (${this.options.why})` : ""}`, fix: `use ${closest}, the nearest allowed value` });
      return undefined;
    }
    return value;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    const { minimum, maximum, values } = this.options;
    return this.withDoc(values ? { type: "integer", enum: [...values] } : { type: "integer", minimum, maximum }, defaultValue);
  }
  public allowed(): string {
    return this.options.values ? `one of ${this.options.values.join(", ")}` : `integer ${this.options.minimum}–${this.options.maximum}`;
  }
}

export class BooleanSchema extends Schema<boolean> {
  public check(value: unknown, path: string, issues: Issue[]): boolean | undefined {
    if (typeof value === "boolean") return value;
    issues.push({ path, value, rule: `must be true or false, not ${typeName(value)}`, fix: "write true or false, without quotes" });
    return undefined;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    return this.withDoc({ type: "boolean" }, defaultValue);
  }
  public allowed(): string {
    return "`true` or `false`";
  }
}

export interface ArrayOptions extends Doc {
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Items must be distinct. */
  readonly unique?: boolean;
  /** Why the bounds exist, shown in the rule. */
  readonly why?: string;
  /** Each given item is completed from this one (objects merge); otherwise the given list replaces the default. */
  readonly itemBase?: unknown;
}

export class ArraySchema<T> extends Schema<readonly T[]> {
  constructor(
    public readonly item: Schema<T>,
    public readonly options: ArrayOptions,
  ) {
    super(options);
  }
  public check(value: unknown, path: string, issues: Issue[]): readonly T[] | undefined {
    const o = this.options;
    if (!Array.isArray(value)) {
      issues.push({ path, value, rule: `must be a list, not ${typeName(value)}`, fix: `write a list, e.g. [${JSON.stringify(value)}]` });
      return undefined;
    }
    const before = issues.length;
    const why = o.why ? ` (${o.why})` : "";
    if (o.minItems !== undefined && value.length < o.minItems) {
      issues.push({ path, value, rule: `must have at least ${o.minItems} item${o.minItems === 1 ? "" : "s"}${why}`, fix: `give at least ${o.minItems}` });
    }
    if (o.maxItems !== undefined && value.length > o.maxItems) {
      issues.push({ path, value, rule: `must have at most ${o.maxItems} items, not ${value.length}${why}`, fix: `give at most ${o.maxItems}` });
    }
    const items = value.map((item, i) => this.item.check(item, childPath(path, i), issues));
    if (o.unique) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) issues.push({ path: childPath(path, i), value: item, rule: "must not repeat an earlier item", fix: "remove the duplicate" });
        seen.add(key);
      });
    }
    return issues.length === before ? (items as T[]) : undefined;
  }
  public merge(base: unknown, given: unknown): unknown {
    if (given === undefined) return base;
    if (this.options.itemBase !== undefined && Array.isArray(given)) return given.map((g) => this.item.merge(this.options.itemBase, g));
    return given;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    const o = this.options;
    return this.withDoc(
      {
        type: "array",
        items: this.item.jsonSchema(this.options.itemBase),
        ...(o.minItems !== undefined ? { minItems: o.minItems } : {}),
        ...(o.maxItems !== undefined ? { maxItems: o.maxItems } : {}),
        ...(o.unique ? { uniqueItems: true } : {}),
      },
      defaultValue,
    );
  }
  public allowed(): string {
    const bounds = [o(this.options.minItems, "at least"), o(this.options.maxItems, "at most")].filter(Boolean).join(", ");
    return `list of ${this.item.allowed()}${bounds ? ` (${bounds})` : ""}`;
    function o(n: number | undefined, word: string) {
      return n === undefined ? "" : `${word} ${n}`;
    }
  }
}

export interface RecordOptions extends Doc {
  readonly maxEntries?: number;
  readonly why?: string;
  /** Entries set to null in a config file remove the default's entry of that key. */
  readonly nullRemoves?: boolean;
  /** A new entry is completed from this one (an add-on given as `{}` is at `latest`). */
  readonly entryBase?: unknown;
}

/** A map from string keys to values of one schema (tags, labels, add-ons by name). */
export class RecordSchema<T> extends Schema<Readonly<Record<string, T>>> {
  constructor(
    public readonly key: StringSchema,
    public readonly value: Schema<T>,
    public readonly options: RecordOptions,
  ) {
    super(options);
  }
  public check(value: unknown, path: string, issues: Issue[]): Readonly<Record<string, T>> | undefined {
    if (!isPlainObject(value)) {
      issues.push({ path, value, rule: `must be a map of names to values, not ${typeName(value)}`, fix: "write key: value pairs" });
      return undefined;
    }
    const before = issues.length;
    const entries = Object.entries(value);
    if (this.options.maxEntries !== undefined && entries.length > this.options.maxEntries) {
      issues.push({
        path,
        value: `${entries.length} entries`,
        rule: `must have at most ${this.options.maxEntries} entries${this.options.why ? ` (${this.options.why})` : ""}`,
        fix: `remove ${entries.length - this.options.maxEntries}`,
      });
    }
    const result: Record<string, T> = {};
    for (const [k, v] of entries) {
      const at = childPath(path, k);
      this.key.check(k, `${at} (the key)`, issues);
      const checked = this.value.check(v, at, issues);
      if (checked !== undefined) result[k] = checked;
    }
    return issues.length === before ? result : undefined;
  }
  public merge(base: unknown, given: unknown): unknown {
    if (!isPlainObject(base) || !isPlainObject(given)) return given === undefined ? base : given;
    const merged: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(given)) {
      if (v === null && this.options.nullRemoves) delete merged[k];
      else merged[k] = this.value.merge(base[k] ?? this.options.entryBase, v);
    }
    return merged;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    const value = this.value.jsonSchema(this.options.entryBase);
    return this.withDoc(
      {
        type: "object",
        propertyNames: this.key.jsonSchema(),
        additionalProperties: this.options.nullRemoves ? { anyOf: [value, { type: "null" }] } : value,
        ...(this.options.maxEntries !== undefined ? { maxProperties: this.options.maxEntries } : {}),
      },
      defaultValue,
    );
  }
  public allowed(): string {
    return `map of ${this.key.allowed()} to ${this.value.allowed()}${this.options.maxEntries ? ` (at most ${this.options.maxEntries})` : ""}`;
  }
}

/** Marks an object field that may be absent from the complete configuration (no default). */
export class Optional<S extends Schema<unknown>> {
  public readonly optional = true;
  constructor(public readonly schema: S) {}
}
export function optional<S extends Schema<any>>(schema: S): Optional<S> {
  return new Optional(schema);
}

type Field = Schema<any> | Optional<Schema<any>>;
type Shape = Record<string, Field>;
type FieldSchema<F> = F extends Optional<infer S> ? S : F;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type InferShape<Sh extends Shape> = Simplify<
  { readonly [K in keyof Sh as Sh[K] extends Optional<any> ? never : K]: Infer<FieldSchema<Sh[K]>> } & {
    readonly [K in keyof Sh as Sh[K] extends Optional<any> ? K : never]?: Infer<FieldSchema<Sh[K]>>;
  }
>;

export interface ObjectOptions extends Doc {
  /** Keys of which exactly one must be given; such an object replaces the default instead of merging. */
  readonly exactlyOneOf?: readonly string[];
}

export class ObjectSchema<Sh extends Shape> extends Schema<InferShape<Sh>> {
  constructor(
    public readonly shape: Sh,
    public readonly options: ObjectOptions,
  ) {
    super(options);
  }
  public fieldSchema(key: string): Schema<unknown> | undefined {
    const field = this.shape[key];
    return field instanceof Optional ? field.schema : field;
  }
  public isOptional(key: string): boolean {
    return this.shape[key] instanceof Optional;
  }
  public check(value: unknown, path: string, issues: Issue[]): InferShape<Sh> | undefined {
    if (!isPlainObject(value)) {
      issues.push({ path, value, rule: `must be an object (key: value pairs), not ${typeName(value)}`, fix: `write { ${Object.keys(this.shape).join(", ")} }` });
      return undefined;
    }
    const before = issues.length;
    const known = Object.keys(this.shape);
    const result: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const schema = this.fieldSchema(key);
      if (!schema) {
        const near = nearest(key, known);
        issues.push({
          path: childPath(path, key),
          value: v,
          rule: `is not a known key${path ? ` of ${path}` : ""}`,
          fix: near ? `did you mean \`${near}\`?` : `use one of ${known.join(", ")}`,
        });
        continue;
      }
      result[key] = schema.check(v, childPath(path, key), issues);
    }
    const exclusive = this.options.exactlyOneOf;
    if (exclusive) {
      const given = exclusive.filter((k) => value[k] !== undefined);
      if (given.length !== 1) {
        issues.push({
          path,
          value,
          rule: `must have exactly one of ${exclusive.join(", ")}${given.length ? `, not ${given.join(" and ")}` : ""}`,
          fix: given.length ? `keep only one of ${given.join(", ")}` : `add ${exclusive.join(" or ")}`,
        });
      }
    }
    for (const key of known) {
      if (!this.isOptional(key) && value[key] === undefined) {
        issues.push({ path: childPath(path, key), value: undefined, rule: "is required", fix: `add ${key}: ${this.fieldSchema(key)!.allowed()}` });
      }
    }
    return issues.length === before ? (result as InferShape<Sh>) : undefined;
  }
  public merge(base: unknown, given: unknown): unknown {
    if (given === undefined) return base;
    if (this.options.exactlyOneOf || !isPlainObject(base) || !isPlainObject(given)) return given;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, v] of Object.entries(given)) {
      const schema = this.fieldSchema(key);
      merged[key] = schema ? schema.merge(base[key], v) : v;
    }
    return merged;
  }
  public jsonSchema(defaultValue?: unknown): JsonSchema {
    const defaults = isPlainObject(defaultValue) ? defaultValue : {};
    const properties = Object.fromEntries(Object.keys(this.shape).map((k) => [k, this.fieldSchema(k)!.jsonSchema(defaults[k])]));
    const exclusive = this.options.exactlyOneOf;
    const required = Object.keys(this.shape).filter((k) => !this.isOptional(k));
    return this.withDoc(
      {
        type: "object",
        properties,
        additionalProperties: false,
        // Keys with a default here may be left out of a file; an object without one (remoteAccess) needs its keys.
        ...(defaultValue === undefined && required.length > 0 ? { required } : {}),
        ...(exclusive ? { oneOf: exclusive.map((k) => ({ required: [k] })) } : {}),
      },
      defaultValue,
    );
  }
  public allowed(): string {
    return this.options.exactlyOneOf ? `object with exactly one of ${this.options.exactlyOneOf.map((k) => `\`${k}\``).join(", ")}` : "object";
  }
}

/** The closest candidate by edit distance, when it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
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

export const string = (options: StringOptions) => new StringSchema(options);
export const integer = (options: IntegerOptions) => new IntegerSchema(options);
export const boolean = (doc: Doc) => new BooleanSchema(doc);
export const enumOf = <const V extends string>(values: readonly V[], options: EnumOptions<V>) => new EnumSchema<V>(values, options);
export const array = <T>(item: Schema<T>, options: ArrayOptions) => new ArraySchema<T>(item, options);
export const record = <T>(key: StringSchema, value: Schema<T>, options: RecordOptions) => new RecordSchema<T>(key, value, options);
export const object = <Sh extends Shape>(shape: Sh, options: ObjectOptions) => new ObjectSchema<Sh>(shape, options);
