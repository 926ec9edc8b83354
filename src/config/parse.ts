/**
 * Reads a cluster configuration file (JSON, or YAML by its .yaml / .yml ending) into plain data that cannot
 * surprise the code after it: only regular files of at most 4 MiB are read, and only as UTF-8; JSON is parsed by a
 * strict RFC 8259 parser that rejects duplicate keys; YAML is parsed by the `yaml` package and then checked here
 * (duplicate keys, tags, aliases and merge keys, nesting depth). Every object in the result has a null prototype,
 * so keys such as `__proto__` or `constructor` are ordinary data. Every failure is a ConfigFileError whose message
 * names the file, the line and column where known, and what is wrong, with user text escaped for the terminal.
 */
import * as path from "path";
import type { Alias, Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from "yaml";
import { printable } from "./printable";
import { childPath } from "./schema-parts";
import { FileReadError, readRegularFile } from "./read-file";

/** A config file that cannot be read or parsed (message already says file[:line:col] and why). */
export class ConfigFileError extends Error {
  public readonly name = "ConfigFileError";
}

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024; // 4 MiB
export const MAX_DEPTH = 64; // nesting depth of maps/lists

export interface ParsedFile {
  /**
   * The parsed value: only plain data. Every object is a null-prototype object (Object.create(null)) so keys such as
   * __proto__, constructor, toString are ordinary own data properties; arrays are plain arrays; strings, finite or
   * non-finite numbers, booleans, null.
   */
  readonly raw: unknown;
  /**
   * 1-based line of the value at an issue path (`nodeGroups[0].labels["a/b"]`, `tags["__proto__"]`,
   * `clusters[1].name (the key)`), or of its nearest ancestor present in the file; undefined when unknown.
   * The index behind it is built on the first call, once.
   */
  readonly lineOf: (issuePath: string) => number | undefined;
}

const WHY_CLUSTER_CONFIG = "cannot read the cluster configuration named by CLUSTER_CONFIG";

// ---------------------------------------------------------------------------------------------------------------
// Printing user text safely

/** A key as shown in messages: in double quotes, escaped, cut when long. */
function quoted(key: string): string {
  return `"${printable(key, 60)}"`;
}

/** The file name as shown in messages. */
function shown(file: string): string {
  return printable(file, 240);
}

// ---------------------------------------------------------------------------------------------------------------
// Paths and lines

/**
 * `nodeGroups[0].labels["a/b"]` -> ["nodeGroups", 0, "labels", "a/b"]. A key in brackets is a JSON string and may
 * hold any character (escaped); a trailing " (the key)" is ignored. Reading stops at anything else (such as
 * "(top level)"), leaving the segments read so far.
 */
export function pathSegments(issuePath: string): (string | number)[] {
  const text = issuePath.endsWith(" (the key)") ? issuePath.slice(0, -" (the key)".length) : issuePath;
  const segments: (string | number)[] = [];
  const identifier = /[A-Za-z_][A-Za-z0-9_]*/y;
  const index = /\[(\d+)\]/y;
  const quoted = /\[("(?:[^"\\]|\\[\s\S])*")\]/y;
  let i = 0;
  while (i < text.length) {
    if (text[i] === "." && segments.length > 0) i++;
    identifier.lastIndex = index.lastIndex = quoted.lastIndex = i;
    let m: RegExpExecArray | null;
    if ((m = identifier.exec(text))) {
      segments.push(m[0]);
      i = identifier.lastIndex;
    } else if ((m = index.exec(text))) {
      segments.push(Number(m[1]));
      i = index.lastIndex;
    } else if ((m = quoted.exec(text))) {
      let key: unknown;
      try {
        key = JSON.parse(m[1]);
      } catch {
        break;
      }
      segments.push(key as string);
      i = quoted.lastIndex;
    } else {
      break;
    }
  }
  return segments;
}

/** Offset -> 1-based line and column, by binary search over the line starts (built once). */
class Lines {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  public at(offset: number): { line: number; col: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  }
  public line(offset: number): number {
    return this.at(offset).line;
  }
  public where(offset: number): string {
    const { line, col } = this.at(offset);
    return `${line}:${col}`;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** "lines 3 and 9", or "both on line 3". */
function bothLines(first: number, second: number): string {
  return first === second ? `both on line ${first}` : `lines ${first} and ${second}`;
}

/** Where a path's value (and its key, for a map entry) starts. */
interface Place {
  value: number;
  key?: number;
}

/** lineOf over an index built on first use: the path's own key (or value), else its nearest ancestor's value. */
function lineFinder(lines: Lines, buildIndex: () => Map<string, Place>): ParsedFile["lineOf"] {
  let index: Map<string, Place> | undefined;
  return (issuePath) => {
    index ??= buildIndex();
    const segments = pathSegments(issuePath);
    const prefixes = [""];
    for (const segment of segments) prefixes.push(childPath(prefixes[prefixes.length - 1], segment));
    for (let n = segments.length; n >= 0; n--) {
      const place = index.get(prefixes[n]);
      // The path's own key where it has one (`base:` above its block of values), else where its value starts.
      if (place) return lines.line(n === segments.length && place.key !== undefined ? place.key : place.value);
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the file

/** Reads a config file (regular files of at most MAX_CONFIG_BYTES, UTF-8) and parses it by its ending. */
export function parseConfigFile(file: string): ParsedFile {
  const text = readConfigText(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return parseConfigText(text, "json", file);
  if (ext === ".yaml" || ext === ".yml") return parseConfigText(text, "yaml", file);
  throw new ConfigFileError(`${shown(file)}: a cluster configuration must end in .json, .yaml or .yml`);
}

function cannotRead(file: string, why: string): ConfigFileError {
  return new ConfigFileError(`${shown(file)}: ${WHY_CLUSTER_CONFIG}: ${why}`);
}

function readConfigText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_CONFIG_BYTES, tooLarge);
  } catch (error) {
    if (error instanceof FileReadError) throw cannotRead(file, error.message);
    throw error;
  }
  try {
    // fatal: invalid UTF-8 throws; a leading BOM is dropped (ignoreBOM: false)
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw cannotRead(file, notUtf8(bytes));
  }
}

function tooLarge(size: number): string {
  const mib = (size / (1024 * 1024)).toFixed(1);
  return `it is ${size >= MAX_CONFIG_BYTES ? `more than 4 MiB (${mib} MiB or more)` : `${mib} MiB`}; a cluster configuration may be at most 4 MiB (${MAX_CONFIG_BYTES} bytes)`;
}

/** Where the first byte that is not UTF-8 stands, in words. */
export function notUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return "it is not UTF-8 text (it looks like UTF-16); save it as UTF-8";
  }
  const at = firstBadUtf8(bytes);
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const byte = at < bytes.length ? `0x${bytes[at].toString(16).toUpperCase().padStart(2, "0")}` : "a cut-off character";
  return `it is not UTF-8 text (${byte} at byte ${at}, line ${line}); save it as UTF-8`;
}

function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

/** Parses config text (a leading BOM is dropped); `file` is only used in messages. */
export function parseConfigText(text: string, format: "json" | "yaml", file: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === "json" ? parseJson(body, file) : parseYaml(body, file);
}

function depthMessage(file: string, where: string | undefined): string {
  return `${shown(file)}${where ? `:${where}` : ""}: not accepted: nested more than ${MAX_DEPTH} levels deep`;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON (RFC 8259), one pass, no recursion

interface Frame {
  isObject: boolean;
  object?: Record<string, unknown>;
  array?: unknown[];
  /** Offset of each key of the object, to name both lines of a duplicate. */
  keys?: Map<string, number>;
  key: string;
  /** Path of this container (only when an index is built). */
  path: string;
}

function parseJson(text: string, file: string): ParsedFile {
  const lines = new Lines(text);
  const raw = readJson(text, file, lines, undefined);
  return {
    raw,
    lineOf: lineFinder(lines, () => {
      const index = new Map<string, Place>();
      readJson(text, file, lines, index);
      return index;
    }),
  };
}

/** JSON whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function readJson(text: string, file: string, lines: Lines, index: Map<string, Place> | undefined): unknown {
  const n = text.length;
  let i = 0;
  const stack: Frame[] = [];
  /** Offset of the key of the value being read (only when an index is built). */
  let keyAt: number | undefined;
  let afterComma = false;

  const fail = (at: number, message: string): never => {
    throw new ConfigFileError(`${shown(file)}:${lines.where(at)}: not valid JSON: ${message}`);
  };
  const found = (at: number): string => {
    if (at >= n) return "the end of the file";
    const word = /[A-Za-z_$][A-Za-z0-9_$]*/y;
    word.lastIndex = at;
    const m = word.exec(text);
    if (m) return `'${printable(m[0], 30)}'`;
    const cp = text.codePointAt(at)!;
    const ch = String.fromCodePoint(cp);
    return ch === "'" ? `"'"` : `'${printable(ch)}'`;
  };
  const hint = (at: number): string => {
    const c = text[at];
    if (c === "/") return " (JSON has no comments)";
    if (c === "'") return " (JSON strings are written in double quotes)";
    if (/^(NaN|-?Infinity)\b/.test(text.slice(at, at + 10))) return " (JSON has no NaN or Infinity)";
    return "";
  };
  const expected = (at: number, what: string): never => fail(at, `${what}, found ${found(at)}${hint(at)}`);
  const skip = (): void => {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
  };

  const readString = (): string => {
    const start = i;
    i++; // the opening quote
    let out = "";
    let from = i;
    for (;;) {
      if (i >= n) fail(start, 'the string is not closed (a closing " is missing)');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(from, i);
        i++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(from, i);
        const e = text[i + 1];
        switch (e) {
          case '"':
          case "\\":
          case "/":
            out += e;
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(i, "\\u in a string must be followed by 4 hex digits");
            out += String.fromCharCode(parseInt(hex, 16)); // lone surrogates are allowed, as in JSON
            i += 4;
            break;
          }
          default:
            if (e === undefined) fail(start, 'the string is not closed (a closing " is missing)');
            fail(i, `'\\${printable(e)}' is not a JSON escape (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)`);
        }
        i += 2;
        from = i;
        continue;
      }
      if (c < 0x20) {
        if (c === 0x0a || c === 0x0d) fail(i, 'a string cannot hold a line break (is a closing " missing?); write \\n instead');
        fail(i, `a string cannot hold the control character ${printable(String.fromCharCode(c))}; write it as an escape`);
      }
      i++;
    }
  };

  const digits = (): number => {
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      i++;
    }
    return i - start;
  };

  const readNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++; // -
    if (text.charCodeAt(i) === 0x30) {
      i++;
      const c = text.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) fail(start, "a number cannot start with 0 (leading zeros are not allowed in JSON)");
    } else if (digits() === 0) {
      expected(i, "expected a digit after '-'");
    }
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (digits() === 0) expected(i, "expected a digit after the decimal point");
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (digits() === 0) expected(i, "expected a digit in the exponent");
    }
    return Number(text.slice(start, i)); // 1e999 is Infinity (the schema says so); -0 stays -0
  };

  /** Reads `"key" :` inside an object; the value follows. */
  const readKey = (frame: Frame, afterComma: boolean): void => {
    skip();
    if (text.charCodeAt(i) !== 0x22) {
      const trailing = afterComma && text[i] === "}" ? " (JSON allows no comma before '}')" : "";
      fail(i, `expected a key in double quotes, found ${found(i)}${trailing || hint(i)}`);
    }
    const at = i;
    const key = readString();
    const keys = (frame.keys ??= new Map());
    const first = keys.get(key);
    if (first !== undefined) {
      fail(
        at,
        `the key ${quoted(key)} appears twice in one object (${bothLines(lines.line(first), lines.line(at))}); ` +
          "JSON parsers disagree on which one wins, so remove one",
      );
    }
    keys.set(key, at);
    frame.key = key;
    skip();
    if (text.charCodeAt(i) !== 0x3a) expected(i, `expected ':' after the key ${quoted(key)}`);
    i++;
    if (index) keyAt = at;
  };

  let value: unknown;
  for (;;) {
    // ---- a value starts here
    skip();
    const start = i;
    let valuePath = "";
    if (index) {
      const parent = stack[stack.length - 1];
      valuePath = parent === undefined ? "" : childPath(parent.path, parent.isObject ? parent.key : parent.array!.length);
      index.set(valuePath, parent?.isObject ? { value: start, key: keyAt } : { value: start });
    }
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      // { or [
      if (stack.length >= MAX_DEPTH) throw new ConfigFileError(depthMessage(file, lines.where(i)));
      i++;
      const frame: Frame =
        c === 0x7b
          ? { isObject: true, object: Object.create(null) as Record<string, unknown>, key: "", path: valuePath }
          : { isObject: false, array: [], key: "", path: valuePath };
      stack.push(frame);
      skip();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        i++;
        stack.pop();
        value = frame.object ?? frame.array;
      } else {
        if (frame.isObject) readKey(frame, false);
        afterComma = false;
        continue;
      }
    } else if (c === 0x22) {
      value = readString();
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      value = readNumber();
    } else if (text.startsWith("true", i)) {
      value = true;
      i += 4;
    } else if (text.startsWith("false", i)) {
      value = false;
      i += 5;
    } else if (text.startsWith("null", i)) {
      value = null;
      i += 4;
    } else {
      const closer = text[i] === "]" || text[i] === "}";
      const trailing = afterComma && closer ? ` (JSON allows no comma before '${text[i]}')` : "";
      fail(i, `expected a value, found ${found(i)}${trailing || hint(i)}${i >= n && n === 0 ? " (the file is empty)" : ""}`);
    }

    // ---- a value is complete: put it in its container, then close containers that end here
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skip();
        if (i < n) expected(i, "expected the end of the file after the value");
        return value;
      }
      if (top.isObject) top.object![top.key] = value; // null prototype: __proto__ is an own key
      else top.array!.push(value);
      skip();
      const d = text.charCodeAt(i);
      if (d === 0x2c) {
        i++;
        if (top.isObject) readKey(top, true);
        afterComma = true;
        break;
      }
      if (top.isObject ? d === 0x7d : d === 0x5d) {
        i++;
        stack.pop();
        value = top.object ?? top.array;
        continue;
      }
      expected(i, top.isObject ? "expected ',' or '}' after a value in an object" : "expected ',' or ']' after a value in an array");
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// YAML: the `yaml` package parses; the checks and the plain data are built here

type YamlLib = typeof import("yaml");
let yamlLib: YamlLib | undefined;
function yaml(): YamlLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlLib ??= require("yaml") as YamlLib);
}

const CORE = "tag:yaml.org,2002:";
const SCALAR_TAGS = new Set(["str", "int", "float", "bool", "null"].map((t) => CORE + t));

/** Values that aliases may add beyond the nodes written in the file: 10x the file, at least 100,000, at most 1,000,000. */
function aliasBudget(sourceNodes: number): number {
  return Math.min(1_000_000, Math.max(100_000, 10 * sourceNodes));
}

/** CST tokens, as far as the depth check needs them. */
interface CstToken {
  type: string;
  offset: number;
  value?: CstToken;
  items?: { key?: CstToken | null; value?: CstToken | null }[];
}

interface YamlContext {
  readonly file: string;
  readonly lines: Lines;
  readonly y: YamlLib;
  /** The current node of each anchor, in document order. */
  readonly anchors: Map<string, YamlNode>;
  readonly aliasTarget: Map<Alias, YamlNode>;
  /** Collections being checked (ancestors of the current node): an alias to one of them is recursive. */
  readonly open: Set<YamlNode>;
  sourceNodes: number;
  extra: number;
  budget: number;
}

function yamlFail(ctx: { file: string; lines: Lines }, at: number | undefined, message: string): never {
  throw new ConfigFileError(`${shown(ctx.file)}${at === undefined ? "" : `:${ctx.lines.where(at)}`}: ${message}`);
}

function startOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
}

/** `tag:yaml.org,2002:set` -> `!!set`. */
function shortTag(tag: string): string {
  return printable(tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag, 60);
}

function parseYaml(text: string, file: string): ParsedFile {
  const lines = new Lines(text);
  const y = yaml();
  let doc: Document.Parsed;
  try {
    const docs = composeYaml(text, file, lines, y);
    if (docs === undefined) return { raw: null, lineOf: () => undefined };
    doc = docs;
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw new ConfigFileError(depthMessage(file, undefined));
    throw error;
  }

  const ctx: YamlContext = {
    file,
    lines,
    y,
    anchors: new Map(),
    aliasTarget: new Map(),
    open: new Set(),
    sourceNodes: 0,
    extra: 0,
    budget: 0,
  };
  checkNode(ctx, doc.contents, 1);
  // Warnings that change or drop data (unresolved tags, unknown directives, ...) are errors here; only the
  // indentation of a flow collection's closing bracket is let through.
  const warning = doc.warnings.find((w) => w.code !== "BAD_INDENT");
  if (warning) yamlFail(ctx, warning.pos[0], `not valid YAML: ${printable(firstLine(warning.message), 200)}`);

  ctx.budget = aliasBudget(ctx.sourceNodes);
  const raw = buildNode(ctx, doc.contents, 1, undefined);
  return { raw, lineOf: lineFinder(lines, () => indexYaml(ctx, doc, raw)) };
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

const MULTIPLE_DOCUMENTS =
  "not accepted: a second YAML document starts here; a cluster configuration is one YAML document (no second `---`, nothing after `...`): to describe several clusters, list them under clusters: [...]";

/** Tokens (the YAML lexer's lexemes: indicators, scalars, spaces, line breaks) a file may hold. */
export const MAX_YAML_TOKENS = 600_000;

/** Lexes and parses with depth checks before composing (the composer recurses), then composes one document. */
function composeYaml(text: string, file: string, lines: Lines, y: YamlLib): Document.Parsed | undefined {
  const ctx = { file, lines };
  const lexer = new y.Lexer();
  const parser = new y.Parser();
  const tokens: CstToken[] = [];
  // Cheap early stops while lexing, so that megabytes of `[[[[` or `- - - -` never reach the parser's stack:
  // flow collections open more than MAX_DEPTH deep, or more block indicators on one line than MAX_DEPTH levels
  // can hold (each level opens with at most two: `? key : value`).
  let offset = 0;
  let flow = 0;
  let indicators = 0;
  let scalarNext = false;
  // A second document starts at a second document-mode marker, or at a `---` that does not follow the marker.
  let documents = 0;
  let docStarted = false;
  let lexemes = 0;
  for (const lexeme of lexer.lex(text, false)) {
    // The library spends ~2.5 µs a token: bound the time a file of tiny values can take (~1.5 s).
    if (++lexemes > MAX_YAML_TOKENS) {
      yamlFail(ctx, offset, `not accepted: more than ${MAX_YAML_TOKENS.toLocaleString("en-US")} YAML tokens; a cluster configuration is a few thousand: write less, or split it into several files`);
    }
    if (scalarNext) {
      scalarNext = false;
    } else {
      if (lexeme === "\x02" || (lexeme === "---" && !docStarted)) {
        if (++documents > 1) yamlFail(ctx, offset, MULTIPLE_DOCUMENTS);
      }
      docStarted = lexeme === "\x02";
      switch (lexeme) {
        case "\x1f": // the next lexeme is a scalar's source
          scalarNext = true;
          break;
        case "[":
        case "{":
          if (++flow > MAX_DEPTH) yamlFail(ctx, offset, `not accepted: nested more than ${MAX_DEPTH} levels deep`);
          break;
        case "]":
        case "}":
          if (flow > 0) flow--;
          break;
        case "-":
        case "?":
        case ":":
          if (flow === 0 && ++indicators > 2 * MAX_DEPTH + 2) yamlFail(ctx, offset, `not accepted: nested more than ${MAX_DEPTH} levels deep`);
          break;
        case "\n":
        case "\r\n":
          indicators = 0;
          break;
      }
    }
    for (const token of parser.next(lexeme)) tokens.push(token as CstToken);
    if (lexeme !== "\x1f" && lexeme !== "\x02" && lexeme !== "\x18") offset += lexeme.length;
  }
  for (const token of parser.end()) tokens.push(token as CstToken);

  const documentTokens = tokens.filter((t) => t.type === "document");
  if (documentTokens.length > 1) {
    yamlFail(ctx, documentTokens[1].offset, MULTIPLE_DOCUMENTS);
  }
  // The composer recurses once per level: check the depth of the parse tree first, without recursion.
  const stack: [CstToken, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.items) {
      if (depth + 1 > MAX_DEPTH) yamlFail(ctx, token.offset, `not accepted: nested more than ${MAX_DEPTH} levels deep`);
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }

  const composer = new y.Composer({
    uniqueKeys: false, // checked here, in linear time
    merge: true,
    // maxAliasCount is a toJS() option: toJS() is not used, aliases are expanded here with a budget
    schema: "core",
    customTags: [],
    prettyErrors: false,
    intAsBigInt: false,
  });
  // Only the first error is reported: stop composing there, rather than let a file of a million stray commas
  // build a million error objects. (onError is the composer's own error sink, an instance property in yaml 2.x;
  // without it, every error is collected and the first one is still the one reported.)
  const sink = composer as unknown as { onError?: (source: unknown, code: string, message: string, warning?: boolean) => void };
  const collect = sink.onError;
  let firstError: { offset: number | undefined; message: string } | undefined;
  const stop = new Error("stop composing");
  if (typeof collect === "function") {
    sink.onError = (source, code, message, warning) => {
      collect(source, code, message, warning);
      if (warning) return;
      // The composer catches errors around each collection and reports them again: keep the first one.
      firstError ??= { offset: errorOffset(source), message };
      throw stop;
    };
  }
  let docs: Document.Parsed[];
  try {
    docs = Array.from(composer.compose(tokens as Parameters<typeof composer.compose>[0]));
  } catch (error) {
    if (error !== stop || !firstError) throw error;
    return failOn(ctx, firstError.offset, firstError.message);
  }
  const doc = docs[0];
  const stream = doc ? undefined : composer.streamInfo();
  const first = doc ? doc.errors[0] : stream!.errors[0];
  if (first) failOn(ctx, first.pos[0], first.message);
  if (!doc) {
    const warning = stream!.warnings.find((w) => w.code !== "BAD_INDENT");
    if (warning) yamlFail(ctx, warning.pos[0], `not valid YAML: ${printable(firstLine(warning.message), 200)}`);
    return undefined;
  }
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== "1.2") {
    const at = text.lastIndexOf("%YAML", doc.range[0]);
    yamlFail(
      ctx,
      at >= 0 ? at : doc.range[0],
      `not accepted: the %YAML ${printable(version.version, 20)} directive asks for YAML 1.1 rules (yes/no as booleans, 0777 as octal, 1:20 as a number, !!set ...), ` +
        "which are not applied here; remove the directive (the file is read as YAML 1.2) and write such values plainly",
    );
  }
  return doc;
}

/** Where a composer error stands: an offset, a [start, end] range or a token with an offset. */
function errorOffset(source: unknown): number | undefined {
  if (typeof source === "number") return source;
  if (Array.isArray(source)) return typeof source[0] === "number" ? source[0] : undefined;
  const offset = (source as { offset?: unknown } | null | undefined)?.offset;
  return typeof offset === "number" ? offset : undefined;
}

/** A syntax error from the yaml package, as our message (the composer's own stack overflow is a depth problem). */
function failOn(ctx: { file: string; lines: Lines }, offset: number | undefined, message: string): never {
  if (/call stack/i.test(message)) throw new ConfigFileError(depthMessage(ctx.file, offset === undefined ? undefined : ctx.lines.where(offset)));
  return yamlFail(ctx, offset, `not valid YAML: ${printable(firstLine(message), 200)}`);
}

function isMergeKey(y: YamlLib, key: unknown): boolean {
  return y.isScalar(key) && typeof key.value === "symbol";
}

/** The string a scalar key stands for (numbers and booleans as their text); errors for anything else. */
function keyString(ctx: YamlContext, pair: Pair, map: YAMLMap): string {
  const { y } = ctx;
  const keyNode = y.isAlias(pair.key) ? ctx.aliasTarget.get(pair.key) : pair.key;
  const at = startOf(pair.key) ?? startOf(pair.value) ?? startOf(map);
  if (keyNode === undefined || keyNode === null) yamlFail(ctx, at, "not accepted: a key is empty; write the key (in quotes if it is meant to be text)");
  if (!y.isScalar(keyNode)) yamlFail(ctx, at, "not accepted: a key must be text, not a list or a map");
  const v = keyNode.value;
  if (typeof v === "string") return v;
  // A key the YAML schema reads as a number or boolean (`80`, `0x10`, `True`, `1e3`) is the text as written: map keys
  // are text, and `0x10` must not become "16".
  const source = (keyNode as { source?: unknown }).source;
  if ((typeof v === "number" || typeof v === "boolean") && typeof source === "string" && source !== "") return source;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null) yamlFail(ctx, at, "not accepted: a key is empty or null; write the key (in quotes if it is meant to be text, e.g. \"null\")");
  return yamlFail(ctx, at, "not accepted: a key must be text");
}

/** Checks the tree as written (aliases not followed): tags, keys, duplicates, merge keys, aliases, depth. */
function checkNode(ctx: YamlContext, node: unknown, depth: number): void {
  const { y } = ctx;
  if (node === null || node === undefined) return;
  ctx.sourceNodes++;
  if (y.isAlias(node)) {
    const target = ctx.anchors.get(node.source);
    const name = printable(node.source, 60);
    if (target === undefined) yamlFail(ctx, startOf(node), `not valid YAML: the alias *${name} has no anchor &${name} before it`);
    if (ctx.open.has(target)) {
      yamlFail(ctx, startOf(node), `not accepted: the alias *${name} is inside the value of its own anchor &${name} (a recursive alias)`);
    }
    ctx.aliasTarget.set(node, target);
    return;
  }
  if (!y.isNode(node)) yamlFail(ctx, undefined, "not accepted: an unexpected YAML construct");
  const n = node as YamlNode & { anchor?: string; tag?: string };
  if (n.anchor) ctx.anchors.set(n.anchor, n);
  const isMap = y.isMap(n);
  const isSeq = y.isSeq(n);
  if (n.tag) {
    const ok = y.isScalar(n) ? SCALAR_TAGS.has(n.tag) : isMap ? n.tag === `${CORE}map` : isSeq ? n.tag === `${CORE}seq` : false;
    if (!ok) {
      const known = SCALAR_TAGS.has(n.tag) || n.tag === `${CORE}map` || n.tag === `${CORE}seq`;
      const kind = y.isScalar(n) ? "a single value" : isMap ? "a map" : isSeq ? "a list" : "this value";
      yamlFail(
        ctx,
        startOf(n),
        known
          ? `not accepted: YAML tag ${shortTag(n.tag)} does not fit ${kind}: remove the tag`
          : `not accepted: YAML tag ${shortTag(n.tag)} is not supported: write a plain map, list, string, number, boolean or null`,
      );
    }
  }
  if (y.isScalar(n)) {
    const v = n.value;
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      yamlFail(ctx, startOf(n), "not accepted: only plain values are supported: a string, number, boolean or null");
    }
    return;
  }
  if (!isMap && !isSeq) yamlFail(ctx, startOf(n), "not accepted: only plain maps, lists, strings, numbers, booleans and null are supported");
  if (depth > MAX_DEPTH) yamlFail(ctx, startOf(n), `not accepted: nested more than ${MAX_DEPTH} levels deep`);
  ctx.open.add(n);
  if (isSeq) {
    for (const item of (n as YAMLSeq).items) {
      if (y.isPair(item)) yamlFail(ctx, startOf(item.key) ?? startOf(n), "not accepted: a key: value pair is not supported here");
      checkNode(ctx, item, depth + 1);
    }
  } else {
    const map = n as YAMLMap;
    const seen = new Map<string, number | undefined>();
    let merged = false;
    for (const pair of map.items) {
      if (isMergeKey(y, pair.key)) {
        if (merged) yamlFail(ctx, startOf(pair.key), "not valid YAML: the merge key << appears twice in one map; write <<: [*a, *b] to merge several maps");
        merged = true;
        checkNode(ctx, pair.value, depth);
        checkMergeSource(ctx, pair);
        continue;
      }
      checkNode(ctx, pair.key, depth + 1);
      const key = keyString(ctx, pair, map);
      const at = startOf(pair.key);
      if (seen.has(key)) {
        const before = seen.get(key);
        const where = before !== undefined && at !== undefined ? ` (${bothLines(ctx.lines.line(before), ctx.lines.line(at))})` : "";
        yamlFail(ctx, at, `not valid YAML: the key ${quoted(key)} appears twice in one map${where}; YAML parsers disagree on which one wins, so remove one`);
      }
      seen.set(key, at);
      checkNode(ctx, pair.value, depth + 1);
    }
  }
  ctx.open.delete(n);
}

/** `<<:` takes a map, an alias of a map, or a list of those (YAML 1.1 merge keys). */
function checkMergeSource(ctx: YamlContext, pair: Pair): void {
  const { y } = ctx;
  const isMapSource = (node: unknown): boolean => y.isMap(y.isAlias(node) ? ctx.aliasTarget.get(node) : node);
  const value = pair.value;
  const ok = y.isSeq(value) ? value.items.length > 0 && value.items.every(isMapSource) : isMapSource(value);
  if (!ok) {
    yamlFail(
      ctx,
      startOf(value) ?? startOf(pair.key),
      "not accepted: the merge key << must be given a map, an alias of one (<<: *defaults) or a list of them (<<: [*a, *b]); write the keys out instead",
    );
  }
}

/** The plain data, aliases expanded (within the budget) and merge keys applied: merged keys first, own keys win. */
function buildNode(ctx: YamlContext, node: unknown, depth: number, via: Alias | undefined): unknown {
  const { y } = ctx;
  if (node === null || node === undefined) return null;
  if (y.isAlias(node)) return buildNode(ctx, ctx.aliasTarget.get(node), depth, via ?? node);
  if (via !== undefined && ++ctx.extra > ctx.budget) {
    yamlFail(
      ctx,
      startOf(via),
      `not accepted: YAML aliases expand to more than ${ctx.budget.toLocaleString("en-US")} values (an alias bomb?); write the values out or use fewer aliases`,
    );
  }
  if (y.isScalar(node)) return node.value;
  if (depth > MAX_DEPTH) yamlFail(ctx, startOf(via ?? node), `not accepted: nested more than ${MAX_DEPTH} levels deep`);
  if (y.isSeq(node)) return node.items.map((item) => buildNode(ctx, item, depth + 1, via));
  const map = node as YAMLMap;
  const out = Object.create(null) as Record<string, unknown>;
  for (const pair of map.items) {
    if (!isMergeKey(y, pair.key)) continue;
    const sources = y.isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const from = buildNode(ctx, source, depth, via) as Record<string, unknown>;
      for (const key of Object.keys(from)) if (!(key in out)) out[key] = from[key]; // the first map given wins
    }
  }
  for (const pair of map.items) {
    if (isMergeKey(y, pair.key)) continue;
    out[keyString(ctx, pair, map)] = buildNode(ctx, pair.value, depth + 1, via); // null prototype: __proto__ is an own key
  }
  return out;
}

/**
 * Path -> place, for lineOf. Aliases are not followed: a path under an alias is found at the alias (where the value
 * is used), and a key that comes from a merge at its `<<` line.
 */
function indexYaml(ctx: YamlContext, doc: Document.Parsed, raw: unknown): Map<string, Place> {
  const { y } = ctx;
  const index = new Map<string, Place>();
  const placeOf = (node: unknown, fallback: number | undefined): number | undefined => {
    // an empty value (`key:` and nothing) stands where its key does
    if (node === null || node === undefined || (y.isScalar(node) && node.value === null && (node as { source?: string }).source === "")) return fallback;
    return startOf(node) ?? fallback;
  };
  const walk = (node: unknown, value: unknown, at: string): void => {
    if (y.isSeq(node) && Array.isArray(value)) {
      node.items.forEach((item, i) => {
        const p = childPath(at, i);
        const place = placeOf(item, startOf(node));
        if (place !== undefined) index.set(p, { value: place });
        walk(item, value[i], p);
      });
    } else if (y.isMap(node) && typeof value === "object" && value !== null) {
      const own = new Set<string>();
      let merge: Pair | undefined;
      for (const pair of node.items) {
        if (isMergeKey(y, pair.key)) {
          merge = pair;
          continue;
        }
        const key = keyString(ctx, pair, node);
        own.add(key);
        const p = childPath(at, key);
        const keyAt = startOf(pair.key);
        const place = placeOf(pair.value, keyAt);
        if (place !== undefined) index.set(p, { value: place, key: keyAt });
        walk(pair.value, (value as Record<string, unknown>)[key], p);
      }
      if (merge) {
        const keyAt = startOf(merge.key);
        const place = startOf(merge.value) ?? keyAt;
        if (place !== undefined) {
          for (const key of Object.keys(value)) if (!own.has(key)) index.set(childPath(at, key), { value: place, key: keyAt });
        }
      }
    }
  };
  const root = startOf(doc.contents);
  if (root !== undefined) index.set("", { value: root });
  walk(doc.contents, raw, "");
  return index;
}
