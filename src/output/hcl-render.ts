/**
 * Terraform JSON (a synthesized `cdk.tf.json`, parsed) as HCL that means the same to Terraform, written from the JSON
 * structure, never by patching HCL text:
 *
 * - Blocks and attributes. In Terraform's JSON syntax a nested block and an object-valued attribute look alike; the
 *   provider schema (src/output/provider-blocks.ts, generated from `terraform providers schema -json`) says which
 *   attribute paths of a resource, data source or provider are blocks. Meta-arguments are Terraform's own:
 *   `lifecycle` is a block, `depends_on`, `ignore_changes`, `replace_triggered_by` and `provider` are references.
 *   cdktf's `"//"` metadata keys are dropped from block bodies (where Terraform ignores them too), never from values.
 * - Strings. A JSON string is a template; it is written as a quoted template with the same template content: literal
 *   text escaped for a quoted string, `${...}` / `%{...}` sequences (references, function calls, directives) and the
 *   escapes `$${` / `%%{` copied as they are. A string that is one interpolation, `"${expr}"`, is written as the
 *   expression (what Terraform reads the same way). Settings Terraform reads literally in JSON (the `terraform`
 *   block: backend, required_providers, required_version; variable defaults) become quoted strings with `${` and
 *   `%{` escaped, so HCL reads them literally too.
 * - Layout as `terraform fmt` leaves it: two-space indentation, `=` aligned across runs of single-line attributes
 *   (by grapheme clusters, as fmt counts), one blank line between top-level blocks, keys in the JSON's order.
 */
import { hclEscape } from "../config/names";
import { DATA_BLOCKS, NestingMode, PROVIDER_BLOCKS, RESOURCE_BLOCKS } from "./provider-blocks";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One line-start item of a body: an attribute (its value rendered, maybe over several lines) or a nested block. */
type Item = { kind: "attribute"; name: string; value: string } | { kind: "block"; header: string; body: Item[] };

/** How strings in a part of the configuration are read: as templates, or literally (the terraform block). */
type StringMode = "template" | "literal";

const INDENT = "  ";

/** Top-level keys in the order they are written; anything else is refused rather than guessed at. */
const TOP_LEVEL = ["terraform", "provider", "variable", "locals", "data", "resource", "moved", "output"] as const;

/**
 * Renders a Terraform JSON configuration as HCL. Throws on what it cannot render faithfully: a resource or data
 * source type missing from the block table, a top-level key, a block-body key or a meta-argument it does not know.
 */
export function renderHcl(terraformJson: Record<string, unknown>): string {
  const json = terraformJson as JsonObject;
  for (const key of Object.keys(json)) {
    if (key !== "//" && !(TOP_LEVEL as readonly string[]).includes(key)) throw new Error(`renderHcl: unsupported top-level key ${JSON.stringify(key)}`);
  }
  const blocks: Item[] = [];
  const terraform = json.terraform;
  if (terraform !== undefined) blocks.push({ kind: "block", header: "terraform", body: terraformBody(asObject(terraform, "terraform")) });

  const providers = json.provider;
  if (providers !== undefined) {
    for (const [name, configs] of Object.entries(asObject(providers, "provider"))) {
      const table = PROVIDER_BLOCKS[name] ?? {};
      for (const config of asList(configs)) {
        blocks.push({ kind: "block", header: `provider ${quoteLabel(name)}`, body: schemaBody(asObject(config, `provider.${name}`), table, "", META_PROVIDER) });
      }
    }
  }

  const variables = json.variable;
  if (variables !== undefined) {
    for (const [name, variable] of Object.entries(asObject(variables, "variable"))) {
      blocks.push({ kind: "block", header: `variable ${quoteLabel(name)}`, body: variableBody(asObject(variable, `variable.${name}`)) });
    }
  }

  const locals = json.locals;
  if (locals !== undefined) {
    for (const group of asList(locals)) {
      blocks.push({ kind: "block", header: "locals", body: schemaBody(asObject(group, "locals"), {}, "", {}) });
    }
  }

  for (const kind of ["data", "resource"] as const) {
    const section = json[kind];
    if (section === undefined) continue;
    const tables = kind === "data" ? DATA_BLOCKS : RESOURCE_BLOCKS;
    for (const [type, instances] of Object.entries(asObject(section, kind))) {
      const table = tables[type];
      if (table === undefined) {
        throw new Error(`renderHcl: no block table for ${kind} type ${JSON.stringify(type)}; add it to src/output/provider-blocks.ts`);
      }
      for (const [name, body] of Object.entries(asObject(instances, `${kind}.${type}`))) {
        for (const one of asList(body)) {
          blocks.push({ kind: "block", header: `${kind} ${quoteLabel(type)} ${quoteLabel(name)}`, body: schemaBody(asObject(one, `${kind}.${type}.${name}`), table, "", META_RESOURCE) });
        }
      }
    }
  }

  // `moved { from = <address>  to = <address> }` (cdktf's moveFromId / moveToId): both addresses are bare traversals.
  const moved = json.moved;
  if (moved !== undefined) {
    for (const move of asList(moved)) {
      const { from, to, ...rest } = asObject(move, "moved");
      if (Object.keys(rest).length > 0) throw new Error(`renderHcl: unsupported moved block key ${JSON.stringify(Object.keys(rest)[0])}`);
      blocks.push({ kind: "block", header: "moved", body: [attribute("from", reference(from)), attribute("to", reference(to))] });
    }
  }

  const outputs = json.output;
  if (outputs !== undefined) {
    for (const [name, output] of Object.entries(asObject(outputs, "output"))) {
      blocks.push({ kind: "block", header: `output ${quoteLabel(name)}`, body: schemaBody(asObject(output, `output.${name}`), CONDITION_BLOCKS, "", META_OUTPUT) });
    }
  }

  return blocks.map((block) => writeItems([block], "").join("\n")).join("\n\n") + "\n";
}

// ---- Bodies ---------------------------------------------------------------------------------------------------

/** How each meta-argument is written; `lifecycle` is a block of its own kind. */
type Meta = "references" | "reference" | "lifecycle" | "value";

const META_RESOURCE: Readonly<Record<string, Meta>> = {
  depends_on: "references",
  provider: "reference",
  lifecycle: "lifecycle",
  count: "value",
  for_each: "value",
};
const META_OUTPUT: Readonly<Record<string, Meta>> = { depends_on: "references" };
const META_PROVIDER: Readonly<Record<string, Meta>> = {};

/** Custom conditions: `precondition` / `postcondition` blocks (in lifecycle and outputs). */
const CONDITION_BLOCKS: Readonly<Record<string, NestingMode>> = { precondition: "list", postcondition: "list" };

/** Keys that need labelled or dynamic blocks this renderer does not write. */
const UNSUPPORTED_BODY_KEYS = new Set(["dynamic", "provisioner", "connection"]);

/**
 * A block body: each key a nested block when the table lists `prefix + key`, a meta-argument when `meta` names it,
 * else an attribute whose strings are templates. `"//"` (cdktf's metadata; a comment in Terraform's JSON bodies) is
 * dropped.
 */
function schemaBody(body: JsonObject, table: Readonly<Record<string, NestingMode>>, prefix: string, meta: Readonly<Record<string, Meta>>): Item[] {
  const items: Item[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    const path = `${prefix}${key}`;
    const mode = table[path];
    if (mode !== undefined) {
      if (mode === "map" || mode === "group") throw new Error(`renderHcl: nesting mode ${mode} of ${path} is not supported`);
      for (const one of mode === "single" ? [value] : asList(value)) {
        if (one === null) continue;
        items.push({ kind: "block", header: attributeName(key), body: schemaBody(asObject(one, path), table, `${path}.`, {}) });
      }
      continue;
    }
    if (prefix === "" && UNSUPPORTED_BODY_KEYS.has(key) && meta !== META_PROVIDER) throw new Error(`renderHcl: ${key} blocks are not supported`);
    switch (prefix === "" ? meta[key] : undefined) {
      case "references":
        items.push(attribute(key, references(value)));
        break;
      case "reference":
        items.push(attribute(key, reference(value)));
        break;
      case "lifecycle":
        for (const one of asList(value)) items.push({ kind: "block", header: "lifecycle", body: lifecycleBody(asObject(one, `${path}`)) });
        break;
      default:
        items.push(attribute(key, value, "template"));
    }
  }
  return items;
}

function lifecycleBody(body: JsonObject): Item[] {
  const items: Item[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    if (key === "ignore_changes") {
      // `"all"` is the keyword; otherwise a list of attribute references.
      items.push(attribute(key, value === "all" ? "all" : references(value)));
    } else if (key === "replace_triggered_by") {
      items.push(attribute(key, references(value)));
    } else if (key === "precondition" || key === "postcondition") {
      for (const one of asList(value)) items.push({ kind: "block", header: key, body: schemaBody(asObject(one, key), {}, "", {}) });
    } else {
      items.push(attribute(key, value, "template"));
    }
  }
  return items;
}

/** `terraform { ... }`: required_providers, backend "<type>", cloud; everything in it is read literally. */
function terraformBody(body: JsonObject): Item[] {
  const items: Item[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    if (key === "required_providers") {
      for (const one of asList(value)) items.push({ kind: "block", header: key, body: literalBody(asObject(one, key)) });
    } else if (key === "backend") {
      for (const one of asList(value)) {
        for (const [type, settings] of Object.entries(asObject(one, key))) {
          items.push({ kind: "block", header: `backend ${quoteLabel(type)}`, body: literalBody(asObject(settings, `backend.${type}`)) });
        }
      }
    } else if (key === "cloud") {
      // `workspaces { name = ... }` (or tags, project) is a nested block of the cloud block, not an argument.
      for (const one of asList(value)) {
        const { workspaces, ...settings } = asObject(one, key);
        const body = literalBody(settings);
        for (const w of asList(workspaces)) body.push({ kind: "block", header: "workspaces", body: literalBody(asObject(w, "cloud.workspaces")) });
        items.push({ kind: "block", header: key, body });
      }
    } else {
      items.push(attribute(key, value, "literal"));
    }
  }
  return items;
}

/** A body of literal attributes (objects in it are attribute values, e.g. `aws = { source = ..., version = ... }`). */
function literalBody(body: JsonObject): Item[] {
  return Object.entries(body)
    .filter(([key]) => key !== "//")
    .map(([key, value]) => attribute(key, value, "literal"));
}

/** `variable "<name>"`: `type` is a type expression, `default` a literal value, the rest templates. */
function variableBody(body: JsonObject): Item[] {
  const items: Item[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    if (key === "type") {
      if (typeof value !== "string") throw new Error("renderHcl: a variable type must be a string");
      const inner = singleInterpolation(value);
      items.push(attribute(key, inner ?? value));
    } else if (key === "default") {
      items.push(attribute(key, value, "literal"));
    } else if (key === "validation") {
      for (const one of asList(value)) items.push({ kind: "block", header: key, body: schemaBody(asObject(one, key), {}, "", {}) });
    } else {
      items.push(attribute(key, value, "template"));
    }
  }
  return items;
}

/** An attribute: `value` already rendered (a string) or a JSON value to render in `mode`. */
function attribute(name: string, value: Json | string, mode?: StringMode): Item {
  const rendered = mode === undefined ? (value as string) : renderValue(value as Json, mode);
  return { kind: "attribute", name: attributeName(name), value: rendered };
}

function attributeName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`renderHcl: ${JSON.stringify(name)} is not an attribute or block name`);
  return name;
}

/** `depends_on = [aws_iam_role.r, ...]`: each string a reference, written bare. */
function references(value: Json): string {
  const list = asList(value).map(reference);
  return list.length === 0 ? "[]" : `[${list.join(", ")}]`;
}

function reference(value: Json): string {
  if (typeof value !== "string") throw new Error(`renderHcl: expected a reference, got ${JSON.stringify(value)}`);
  const text = singleInterpolation(value) ?? value;
  if (!REFERENCE.test(text)) throw new Error(`renderHcl: ${JSON.stringify(value)} is not a reference`);
  return text;
}

/** A traversal: `aws_iam_role.r`, `aws_eks_cluster.c.certificate_authority[0].data`, `tags["a"]`, `module.m`. */
const REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*$/;

// ---- Values ---------------------------------------------------------------------------------------------------

/** An identifier HCL takes as an object key's literal name, without a keyword's meaning. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(["for", "in", "if", "else", "endif", "endfor", "true", "false", "null"]);

/**
 * A JSON value as an HCL expression, its continuation lines indented relative to the line it starts on (the caller
 * moves them right with `reindent`).
 */
function renderValue(value: Json, mode: StringMode): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`renderHcl: ${value} is not a Terraform number`);
    return String(value);
  }
  if (typeof value === "string") return mode === "template" ? templateExpression(value) : `"${quoteLiteral(value)}"`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => renderValue(v, mode));
    if (value.every((v) => v === null || typeof v !== "object") && items.every((item) => !item.includes("\n"))) return `[${items.join(", ")}]`;
    return `[\n${items.map((item) => `${INDENT}${reindent(item, INDENT)},`).join("\n")}\n]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const items: Item[] = entries.map(([key, v]) => ({ kind: "attribute", name: objectKey(key, mode), value: renderValue(v, mode) }));
  return `{\n${writeItems(items, INDENT).join("\n")}\n}`;
}

/**
 * An object key: bare when it is an identifier without a keyword's meaning, else quoted. In Terraform's JSON syntax a
 * key in an expression is a template too (`terraformLiterals` escapes keys), so it is written with the same template
 * content; a literal key has `${` / `%{` escaped.
 */
function objectKey(key: string, mode: StringMode): string {
  if (IDENTIFIER.test(key) && !KEYWORDS.has(key)) return key;
  return `"${mode === "template" ? quotedTemplate(key) : quoteLiteral(key)}"`;
}

/** A JSON template string as an HCL expression: the bare expression when it is one interpolation, else quoted. */
function templateExpression(template: string): string {
  const expression = singleInterpolation(template);
  if (expression !== undefined) {
    const spaced = spaceExpression(expression);
    return spaced ?? (expression.includes("\n") ? `(${expression})` : expression);
  }
  return `"${quotedTemplate(template)}"`;
}

/**
 * The expression of a template that is exactly one interpolation `${expr}`, trimmed, or undefined. Strip markers
 * (`${~ expr ~}`) are dropped: with no literal text beside them they strip nothing (terraform fmt unwraps them too).
 */
export function singleInterpolation(template: string): string | undefined {
  if (!template.startsWith("${")) return undefined;
  const end = sequenceEnd(template, 0);
  if (end !== template.length) return undefined;
  let expression = template.slice(2, -1);
  if (expression.startsWith("~")) expression = expression.slice(1);
  if (expression.endsWith("~")) expression = expression.slice(0, -1);
  expression = expression.trim();
  return expression === "" ? undefined : expression;
}

/**
 * The content of an HCL quoted template that is the same template as the JSON string: literal text escaped, and the
 * `${...}` / `%{...}` sequences and the `$${` / `%%{` escapes copied as they are.
 */
export function quotedTemplate(template: string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if ((ch === "$" || ch === "%") && template[i + 1] === ch && template[i + 2] === "{") {
      out += template.slice(i, i + 3);
      i += 3;
    } else if ((ch === "$" || ch === "%") && template[i + 1] === "{") {
      const end = sequenceEnd(template, i);
      if (end < 0) throw new Error(`renderHcl: unterminated ${ch}{ in ${JSON.stringify(template)}`);
      out += spaceInterpolation(template.slice(i, end));
      i = end;
    } else {
      const cp = template.codePointAt(i) as number;
      const char = String.fromCodePoint(cp);
      out += hclEscape(char);
      i += char.length;
    }
  }
  return out;
}

/** Literal text as the content of an HCL quoted string: escaped, with `${` and `%{` escaped as `$${` and `%%{`. */
export function quoteLiteral(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const char = String.fromCodePoint(cp);
    if ((char === "$" || char === "%") && text[i + 1] === "{") out += char + char;
    else out += hclEscape(char);
    i += char.length;
  }
  return out;
}


/**
 * The index just after the `}` that closes the `${` or `%{` at `start`, or -1. Inside, brackets nest, and quoted
 * strings are followed with their escapes (`\"`, `$${`, `%%{`) and their own interpolations.
 */
export function sequenceEnd(text: string, start: number): number {
  const stack: ({ kind: "code"; depth: number } | { kind: "string" })[] = [{ kind: "code", depth: 0 }];
  for (let i = start + 2; i < text.length; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (top.kind === "string") {
      if (ch === "\\") i++;
      else if (ch === '"') stack.pop();
      else if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") i += 2;
      else if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
        stack.push({ kind: "code", depth: 0 });
        i++;
      }
    } else if (ch === '"') stack.push({ kind: "string" });
    else if ("([{".includes(ch)) top.depth++;
    else if (")]}".includes(ch)) {
      if (top.depth > 0) top.depth--;
      else {
        stack.pop();
        if (stack.length === 0) return i + 1;
      }
    }
  }
  return -1;
}

// ---- Expression spacing ---------------------------------------------------------------------------------------

/** A token of an expression: a whole quoted string (its interpolations spaced), a word or number, or punctuation. */
type Token = { kind: "string" | "word" | "punct"; text: string };

const PUNCTUATION = ["...", "==", "!=", "<=", ">=", "&&", "||", "=>", "{", "}", "[", "]", "(", ")", ",", ".", "=", ":", "?", "+", "-", "*", "/", "%", "<", ">", "!"];
/** After these a `-` or `!` is unary. */
const BEFORE_UNARY = new Set(["(", "[", "{", ",", "=", ":", "?", "==", "!=", "<=", ">=", "&&", "||", "=>", "+", "-", "*", "/", "%", "<", ">", "!"]);

/**
 * `${expr}` or `%{directive}` with its content spaced as `terraform fmt` spaces it (`%{if x}`); as it is when the
 * content cannot be tokenized here. Strip markers (`${~ x ~}`) stay.
 */
function spaceInterpolation(sequence: string): string {
  let inner = sequence.slice(2, -1);
  const open = inner.startsWith("~") ? "~" : "";
  const close = inner.endsWith("~") && inner.length > open.length ? "~" : "";
  inner = inner.slice(open.length, inner.length - close.length);
  const spaced = spaceExpression(inner);
  if (spaced === undefined) return sequence;
  // terraform fmt parts an object's braces from the sequence's own: `${ { a = 1 } }`.
  const before = spaced.startsWith("{") ? " " : "";
  const after = spaced.endsWith("}") ? " " : "";
  return `${sequence[0]}{${open}${before}${spaced}${after}${close}}`;
}

/**
 * An expression re-spaced token by token as `terraform fmt` writes a one-line expression (`jsonencode({ "a" = 1 })`,
 * `a + b`, `f(x, y)`, `x[0].y`), or undefined (left as it is) when it holds what this does not tokenize: newlines,
 * comments, heredocs, or characters outside HCL's expression syntax. Only whitespace between tokens changes, which
 * HCL ignores on one line; the tokens, strings included, are copied.
 */
export function spaceExpression(expression: string): string | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i];
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch === "\n" || ch === "\r" || ch === "#" || expression.startsWith("//", i) || expression.startsWith("/*", i) || expression.startsWith("<<", i)) return undefined;
    if (ch === '"') {
      let j = i + 1;
      let text = '"';
      for (;;) {
        if (j >= expression.length) return undefined;
        const c = expression[j];
        if (c === "\\") {
          text += expression.slice(j, j + 2);
          j += 2;
        } else if (c === '"') {
          text += c;
          j++;
          break;
        } else if ((c === "$" || c === "%") && expression[j + 1] === c && expression[j + 2] === "{") {
          text += expression.slice(j, j + 3);
          j += 3;
        } else if ((c === "$" || c === "%") && expression[j + 1] === "{") {
          const end = sequenceEnd(expression, j);
          if (end < 0) return undefined;
          text += spaceInterpolation(expression.slice(j, end));
          j = end;
        } else {
          text += c;
          j++;
        }
      }
      tokens.push({ kind: "string", text });
      i = j;
      continue;
    }
    const word = /^(?:[A-Za-z_][A-Za-z0-9_-]*|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(expression.slice(i));
    if (word) {
      tokens.push({ kind: "word", text: word[0] });
      i += word[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => expression.startsWith(p, i));
    if (punct === undefined) return undefined;
    tokens.push({ kind: "punct", text: punct });
    i += punct.length;
  }
  if (tokens.length === 0) return undefined;
  let out = tokens[0].text;
  for (let k = 1; k < tokens.length; k++) {
    if (spaceBetween(tokens[k - 2], tokens[k - 1], tokens[k])) out += " ";
    out += tokens[k].text;
  }
  return out;
}

/** `terraform fmt`'s spacing between two tokens of one line (hclwrite's spaceAfterToken, for the tokens above). */
function spaceBetween(before: Token | undefined, prev: Token, next: Token): boolean {
  const p = prev.kind === "punct" ? prev.text : undefined;
  const n = next.kind === "punct" ? next.text : undefined;
  if (n === "," || n === ")" || n === "]" || n === "..." || n === "." || p === ".") return false;
  if (p === "(" || p === "[") return false;
  if (p === "{") return n !== "}";
  if (n === "}") return true;
  // A call or an index follows a name directly; after a keyword (`in [...]`, `if (...)`) comes a space.
  const name = prev.kind === "word" && !KEYWORDS.has(prev.text);
  if (n === "(") return !name;
  if (n === "[") return !(name || prev.kind === "string" || p === "]" || p === ")" || p === "}");
  if ((p === "-" || p === "!") && (before === undefined || (before.kind === "punct" && BEFORE_UNARY.has(before.text)))) return false;
  return true;
}

// ---- Layout ---------------------------------------------------------------------------------------------------


/**
 * The lines of a body at `indent`: `=` aligned across each run of consecutive single-line attributes (a multi-line
 * value or a block ends a run, as in `terraform fmt`).
 */
function writeItems(items: readonly Item[], indent: string): string[] {
  const lines: string[] = [];
  let run: { name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => columns(a.name)));
    for (const a of run) lines.push(`${indent}${a.name}${" ".repeat(width - columns(a.name))} = ${a.value}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === "attribute" && !item.value.includes("\n")) {
      run.push(item);
      continue;
    }
    flush();
    if (item.kind === "attribute") {
      lines.push(`${indent}${item.name} = ${reindent(item.value, indent)}`);
    } else if (item.body.length === 0) {
      lines.push(`${indent}${item.header} {`, `${indent}}`);
    } else {
      lines.push(`${indent}${item.header} {`, ...writeItems(item.body, indent + INDENT), `${indent}}`);
    }
  }
  flush();
  return lines;
}

/** Made on first use: creating a segmenter costs ~15 ms, and most names are ASCII. */
let graphemes: Intl.Segmenter | undefined;

/** The width `terraform fmt` gives a name when it aligns `=`: its grapheme clusters (`"é"` with a combining accent is 3). */
export function columns(name: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(name)) return name.length;
  graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return [...graphemes.segment(name)].length;
}

/** A value rendered at indentation "" placed at `indent`: its continuation lines moved right. */
function reindent(value: string, indent: string): string {
  return indent === "" ? value : value.replace(/\n/g, `\n${indent}`);
}

// ---- Helpers --------------------------------------------------------------------------------------------------

function quoteLabel(label: string): string {
  return `"${quoteLiteral(label)}"`;
}

function asObject(value: unknown, where: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`renderHcl: ${where} must be an object`);
  return value as JsonObject;
}

function asList(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
