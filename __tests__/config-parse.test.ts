/** Reading a cluster configuration file that cannot be tricked: src/config/parse.ts. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigFileError, MAX_CONFIG_BYTES, MAX_DEPTH, parseConfigFile, parseConfigText, pathSegments } from "../src/config/parse";
import { printable } from "../src/config/printable";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-parse-"));
  dirs.push(dir);
  return dir;
}

function file(name: string, content: string | Buffer): string {
  const at = path.join(tmpDir(), name);
  fs.writeFileSync(at, content);
  return at;
}

/** The message of the ConfigFileError that `run` throws (fails when it throws nothing or something else). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigFileError) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

const json = (text: string) => parseConfigText(text, "json", "c.json");
const yaml = (text: string) => parseConfigText(text, "yaml", "c.yaml");

describe("reading the file", () => {
  it("GIVEN a JSON and a YAML file WHEN read THEN each is parsed by its ending, in any case", () => {
    // GIVEN
    const a = file("a.json", '{"name": "from-json"}');
    const b = file("b.YML", "name: from-yml\n");
    const c = file("c.Yaml", "name: from-yaml\n");
    // WHEN / THEN
    expect(parseConfigFile(a).raw).toEqual({ name: "from-json" });
    expect(parseConfigFile(b).raw).toEqual({ name: "from-yml" });
    expect(parseConfigFile(c).raw).toEqual({ name: "from-yaml" });
  });

  it("GIVEN another ending WHEN read THEN it is refused", () => {
    expect(failure(() => parseConfigFile(file("c.txt", "name: x\n")))).toMatch(/c\.txt: a cluster configuration must end in \.json, \.yaml or \.yml$/);
  });

  it("GIVEN a missing file WHEN read THEN the message says so in words", () => {
    const missing = path.join(tmpDir(), "missing.yaml");
    expect(failure(() => parseConfigFile(missing))).toBe(`${missing}: cannot read the cluster configuration named by CLUSTER_CONFIG: no such file`);
  });

  it("GIVEN a folder WHEN read THEN it is refused as a folder", () => {
    const dir = path.join(tmpDir(), "folder.yaml");
    fs.mkdirSync(dir);
    expect(failure(() => parseConfigFile(dir))).toMatch(/folder\.yaml: cannot read the cluster configuration named by CLUSTER_CONFIG: it is a folder/);
  });

  it("GIVEN a FIFO with no writer WHEN read THEN it returns at once with an error instead of blocking", () => {
    // GIVEN
    const fifo = path.join(tmpDir(), "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    // WHEN
    const message = failure(() => parseConfigFile(fifo));
    // THEN
    expect(message).toBe(`${fifo}: cannot read the cluster configuration named by CLUSTER_CONFIG: it is a named pipe (FIFO), not a regular file`);
  });

  it("GIVEN a character device WHEN read THEN it is refused before anything is read", () => {
    // /dev/zero would never end: the check must come before reading. Its name has no .yaml ending, so a symlink.
    const link = path.join(tmpDir(), "zero.yaml");
    fs.symlinkSync("/dev/zero", link);
    expect(failure(() => parseConfigFile(link))).toMatch(/zero\.yaml: cannot read .*: it is a character device, not a regular file$/);
    expect(failure(() => parseConfigFile("/dev/zero"))).toMatch(/^\/dev\/zero: cannot read .*: it is a character device, not a regular file$/);
  });

  it("GIVEN a socket WHEN read THEN it is refused naming what it is", async () => {
    // GIVEN
    const socket = path.join(tmpDir(), "s.yaml");
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      // WHEN / THEN
      expect(failure(() => parseConfigFile(socket))).toMatch(/s\.yaml: cannot read .*: it is a socket, not a regular file$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("GIVEN a symlink to a regular file WHEN read THEN it is followed", () => {
    const target = file("real.yaml", "name: linked\n");
    const link = path.join(tmpDir(), "link.yaml");
    fs.symlinkSync(target, link);
    expect(parseConfigFile(link).raw).toEqual({ name: "linked" });
  });

  it("GIVEN a symlink loop WHEN read THEN the message is in words, without the raw error text", () => {
    // GIVEN
    const dir = tmpDir();
    fs.symlinkSync(path.join(dir, "b.yaml"), path.join(dir, "a.yaml"));
    fs.symlinkSync(path.join(dir, "a.yaml"), path.join(dir, "b.yaml"));
    // WHEN
    const message = failure(() => parseConfigFile(path.join(dir, "a.yaml")));
    // THEN
    expect(message).toMatch(/a\.yaml: cannot read the cluster configuration named by CLUSTER_CONFIG: too many symbolic links \(a symbolic link loop\?\)$/);
    expect(message).not.toMatch(/Error:|ELOOP:|errno/);
  });

  it("GIVEN a path through a file WHEN read THEN it says a part of the path is not a folder", () => {
    const notDir = file("plain", "x");
    expect(failure(() => parseConfigFile(path.join(notDir, "c.yaml")))).toMatch(/: a part of the path is not a folder$/);
  });

  it("GIVEN a name too long WHEN read THEN it says so", () => {
    const long = path.join(tmpDir(), `${"n".repeat(300)}.yaml`);
    const message = failure(() => parseConfigFile(long));
    expect(message).toMatch(/: the path or one of its names is too long$/);
    expect(message).not.toMatch(/ENAMETOOLONG/);
  });

  (process.getuid?.() === 0 ? it.skip : it)("GIVEN an unreadable file WHEN read THEN permission denied", () => {
    const locked = file("locked.yaml", "name: x\n");
    fs.chmodSync(locked, 0o000);
    expect(failure(() => parseConfigFile(locked))).toMatch(/locked\.yaml: cannot read .*: permission denied$/);
  });

  it("GIVEN a file over 4 MiB WHEN read THEN it is refused by its size", () => {
    // GIVEN a sparse file one byte over the limit
    const big = path.join(tmpDir(), "big.json");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, MAX_CONFIG_BYTES + 1);
    // WHEN / THEN
    expect(failure(() => parseConfigFile(big))).toMatch(/big\.json: cannot read .*: it is more than 4 MiB .*; a cluster configuration may be at most 4 MiB \(4194304 bytes\)$/);
  });

  it("GIVEN a file of exactly 4 MiB WHEN read THEN it is accepted", () => {
    const text = `{"name": "edge"}${" ".repeat(MAX_CONFIG_BYTES - 16)}`;
    expect(Buffer.byteLength(text)).toBe(MAX_CONFIG_BYTES);
    expect(parseConfigFile(file("edge.json", text)).raw).toEqual({ name: "edge" });
  });

  it("GIVEN a UTF-8 BOM WHEN read as JSON or YAML THEN it is dropped", () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(parseConfigFile(file("bom.json", Buffer.concat([bom, Buffer.from('{"name": "bom"}')]))).raw).toEqual({ name: "bom" });
    expect(parseConfigFile(file("bom.yaml", Buffer.concat([bom, Buffer.from("name: bom\n")]))).raw).toEqual({ name: "bom" });
    expect(json('\ufeff{"a": 1}').raw).toEqual({ a: 1 });
    expect(yaml("\ufeffa: 1").raw).toEqual({ a: 1 });
  });

  it("GIVEN bytes that are not UTF-8 WHEN read THEN the message says where", () => {
    // GIVEN a Latin-1 "é" on line 2
    const latin1 = file("latin1.yaml", Buffer.from([...Buffer.from("name: x\ndescription: caf"), 0xe9, 0x0a]));
    // WHEN / THEN
    expect(failure(() => parseConfigFile(latin1))).toMatch(/latin1\.yaml: cannot read .*: it is not UTF-8 text \(0xE9 at byte 24, line 2\); save it as UTF-8$/);
    const utf16 = file("utf16.json", Buffer.from('\ufeff{"a": 1}', "utf16le"));
    expect(failure(() => parseConfigFile(utf16))).toMatch(/it is not UTF-8 text \(it looks like UTF-16\)/);
  });

  it("GIVEN a file name with control and bidi characters WHEN it cannot be read THEN the name is printed escaped", () => {
    const name = path.join(tmpDir(), "evil\u001b[31m\u202e.yaml");
    const message = failure(() => parseConfigFile(name));
    expect(message).toContain("evil\\u001B[31m\\u202E.yaml: cannot read");
    expect(message).not.toMatch(/[\u001b\u202e]/);
  });
});

describe("JSON", () => {
  it("GIVEN numbers at the edges WHEN parsed THEN 1e999 is Infinity and -0 stays -0", () => {
    const raw = json('{"big": 1e999, "small": -1e999, "zero": -0, "n": 1.5E-3, "i": 12345678901234567890}').raw as Record<string, number>;
    expect(raw.big).toBe(Infinity);
    expect(raw.small).toBe(-Infinity);
    expect(Object.is(raw.zero, -0)).toBe(true);
    expect(raw.n).toBe(0.0015);
    expect(raw.i).toBe(12345678901234567890);
  });

  it("GIVEN escapes and a lone surrogate WHEN parsed THEN strings are as JSON defines them", () => {
    expect(json('["\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9", "\\ud800", "é"]').raw).toEqual(['"\\/\b\f\n\r\té', "\ud800", "é"]);
  });

  it.each([
    ['{"region": }', "c.json:1:12: not valid JSON: expected a value, found '}'"],
    ['{"a": 1,}', "c.json:1:9: not valid JSON: expected a key in double quotes, found '}' (JSON allows no comma before '}')"],
    ["[1,\n 2,\n]", "c.json:3:1: not valid JSON: expected a value, found ']' (JSON allows no comma before ']')"],
    ['{\n  "a": "abc', 'c.json:2:8: not valid JSON: the string is not closed (a closing " is missing)'],
    ['{"a": "x\ny"}', 'c.json:1:9: not valid JSON: a string cannot hold a line break (is a closing " missing?); write \\n instead'],
    ['{"a": "\u0007"}', "c.json:1:8: not valid JSON: a string cannot hold the control character \\u0007; write it as an escape"],
    ['{"a": "\\x"}', "c.json:1:8: not valid JSON: '\\x' is not a JSON escape (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)"],
    ["// note\n{}", "c.json:1:1: not valid JSON: expected a value, found '/' (JSON has no comments)"],
    ["{'a': 1}", "c.json:1:2: not valid JSON: expected a key in double quotes, found \"'\" (JSON strings are written in double quotes)"],
    ['{"a": NaN}', "c.json:1:7: not valid JSON: expected a value, found 'NaN' (JSON has no NaN or Infinity)"],
    ['{"a": Infinity}', "c.json:1:7: not valid JSON: expected a value, found 'Infinity' (JSON has no NaN or Infinity)"],
    ['{"a": 012}', "c.json:1:7: not valid JSON: a number cannot start with 0 (leading zeros are not allowed in JSON)"],
    ['{"a": 1.}', "c.json:1:9: not valid JSON: expected a digit after the decimal point, found '}'"],
    ['{"a": .5}', "c.json:1:7: not valid JSON: expected a value, found '.'"],
    ['{"a": +1}', "c.json:1:7: not valid JSON: expected a value, found '+'"],
    ['{"a" 1}', "c.json:1:6: not valid JSON: expected ':' after the key \"a\", found '1'"],
    ['{"a": 1 "b": 2}', "c.json:1:9: not valid JSON: expected ',' or '}' after a value in an object, found '\"'"],
    ["[1 2]", "c.json:1:4: not valid JSON: expected ',' or ']' after a value in an array, found '2'"],
    ['{"a": True}', "c.json:1:7: not valid JSON: expected a value, found 'True'"],
    ['{"a": 1}\n{"b": 2}', "c.json:2:1: not valid JSON: expected the end of the file after the value, found '{'"],
    ["", "c.json:1:1: not valid JSON: expected a value, found the end of the file (the file is empty)"],
    ['{"a": "\u202e"} \u202e', "c.json:1:12: not valid JSON: expected the end of the file after the value, found '\\u202E'"],
  ])("GIVEN %j WHEN parsed THEN the error has its line and column", (text, message) => {
    expect(failure(() => json(text))).toBe(message);
  });

  it("GIVEN a key twice in one object WHEN parsed THEN both lines are named", () => {
    const text = '{\n  "x": 1,\n  "name": "a",\n  "tags": {"name": "ok"},\n\n\n\n\n  "name": "b"\n}';
    expect(failure(() => json(text))).toBe(
      'c.json:9:3: not valid JSON: the key "name" appears twice in one object (lines 3 and 9); JSON parsers disagree on which one wins, so remove one',
    );
  });

  it("GIVEN an escaped key twice (the same key written two ways) WHEN parsed THEN it is a duplicate, shown escaped", () => {
    expect(failure(() => json('{"a\\u0007": 1,\n "a\\u0007": 2}'))).toBe(
      'c.json:2:2: not valid JSON: the key "a\\u0007" appears twice in one object (lines 1 and 2); JSON parsers disagree on which one wins, so remove one',
    );
  });

  it("GIVEN a key twice on one line WHEN parsed THEN the line is named once", () => {
    expect(failure(() => json('{"a": 1, "a": 2}'))).toBe(
      'c.json:1:10: not valid JSON: the key "a" appears twice in one object (both on line 1); JSON parsers disagree on which one wins, so remove one',
    );
  });

  it("GIVEN 30,000 keys WHEN parsed THEN all are kept (duplicates found with a set, not by pairs)", () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i < 30_000; i++) tags[`tag-${i}`] = `v${i}`;
    const raw = json(JSON.stringify({ tags })).raw as { tags: Record<string, string> };
    expect(Object.keys(raw.tags)).toHaveLength(30_000);
    expect(failure(() => json(JSON.stringify({ tags }).replace(/}}$/, ',"tag-7":"again"}}')))).toMatch(/the key "tag-7" appears twice in one object/);
  });

  it("GIVEN nesting at the limit WHEN parsed THEN it is accepted, and one level more is refused", () => {
    expect(json(`${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}`).raw).toBeDefined();
    expect(failure(() => json(`${"[".repeat(MAX_DEPTH + 1)}${"]".repeat(MAX_DEPTH + 1)}`))).toBe("c.json:1:65: not accepted: nested more than 64 levels deep");
  });

  it("GIVEN 100,000 nested brackets WHEN parsed THEN the depth error comes, never a stack overflow", () => {
    expect(failure(() => json("[".repeat(100_000)))).toBe("c.json:1:65: not accepted: nested more than 64 levels deep");
    expect(failure(() => json('{"a":'.repeat(100_000)))).toBe("c.json:1:321: not accepted: nested more than 64 levels deep");
  });
});

describe("prototype keys are plain data", () => {
  const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

  function expectPlain(raw: unknown): void {
    const top = raw as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(Object.getPrototypeOf(top)).toBeNull();
    expect(Object.keys(top)).toEqual(names);
    for (const name of names) {
      expect(Object.getPrototypeOf(top[name])).toBeNull();
      expect(Object.keys(top[name])).toEqual(names);
      expect(Object.getPrototypeOf(top[name].__proto__[0])).toBeNull();
      expect(Object.keys(top[name].__proto__[0])).toEqual(names);
      expect(Array.isArray(top[name].__proto__)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }

  it("GIVEN JSON with __proto__, constructor, toString, hasOwnProperty and valueOf at three levels WHEN parsed THEN each is an own key", () => {
    const leaf = `{${names.map((n) => `"${n}": {"polluted": 1}`).join(", ")}}`;
    const middle = `{${names.map((n) => (n === "__proto__" ? `"${n}": [${leaf}]` : `"${n}": 2`)).join(", ")}}`;
    const text = `{${names.map((n) => `"${n}": ${middle}`).join(", ")}}`;
    const raw = json(text).raw;
    expectPlain(raw);
    expect(Object.keys(json('{"__proto__": 1}').raw as object)).toContain("__proto__");
  });

  it("GIVEN YAML with the same keys WHEN parsed THEN each is an own key", () => {
    const leaf = `{${names.map((n) => `${n}: {polluted: 1}`).join(", ")}}`;
    const lines: string[] = [];
    for (const n of names) {
      lines.push(`${n}:`);
      for (const m of names) lines.push(m === "__proto__" ? `  ${m}: [${leaf}]` : `  ${m}: 2`);
    }
    expectPlain(yaml(lines.join("\n")).raw);
  });
});

describe("YAML", () => {
  it("GIVEN the examples WHEN parsed THEN the data equals what the yaml package gives", () => {
    const examples = path.join(__dirname, "..", "examples");
    for (const name of fs.readdirSync(examples).filter((n) => n.endsWith(".yaml"))) {
      const at = path.join(examples, name);
      expect(JSON.stringify(parseConfigFile(at).raw)).toBe(JSON.stringify(YAML.parse(fs.readFileSync(at, "utf8"))));
    }
  });

  it("GIVEN an empty file or only comments WHEN parsed THEN raw is null", () => {
    expect(yaml("").raw).toBeNull();
    expect(yaml("# nothing here\n\n").raw).toBeNull();
    expect(yaml("---\n").raw).toBeNull();
  });

  it("GIVEN .inf, .nan and big integers WHEN parsed THEN they stay numbers for the schema to judge", () => {
    const raw = yaml("a: .inf\nb: -.inf\nc: .nan\nd: 123456789012345678901\ne: 0x1F\n").raw as Record<string, number>;
    expect(raw.a).toBe(Infinity);
    expect(raw.b).toBe(-Infinity);
    expect(raw.c).toBeNaN();
    expect(raw.d).toBe(123456789012345678901);
    expect(raw.e).toBe(31);
  });

  it("GIVEN numbers and booleans as keys WHEN parsed THEN they are the text as written, never a number's other spelling", () => {
    expect(yaml("80: x\ntrue: y\n1.5: z\n").raw).toEqual({ "80": "x", true: "y", "1.5": "z" });
    expect(yaml("tags: { 0x10: hex, 012: oct, True: t, 1e3: exp, 0o7: o, 1_000: u }\n").raw).toEqual({
      tags: { "0x10": "hex", "012": "oct", True: "t", "1e3": "exp", "0o7": "o", "1_000": "u" },
    });
  });

  it.each([
    ["a: 1\nb: 2\na: 3\n", 'c.yaml:3:1: not valid YAML: the key "a" appears twice in one map (lines 1 and 3); YAML parsers disagree on which one wins, so remove one'],
    ["80: x\n'80': y\n", 'c.yaml:2:1: not valid YAML: the key "80" appears twice in one map (lines 1 and 2); YAML parsers disagree on which one wins, so remove one'],
    ["? [a, b]\n: 1\n", "c.yaml:1:3: not accepted: a key must be text, not a list or a map"],
    ["~: 1\n", 'c.yaml:1:1: not accepted: a key is empty or null; write the key (in quotes if it is meant to be text, e.g. "null")'],
    ["name: [a\n", "c.yaml:2:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["a: 1\n  b: 2\n", "c.yaml:1:4: not valid YAML: Nested mappings are not allowed in compact mappings"],
    ['a: "\\q"\n', "c.yaml:1:5: not valid YAML: Invalid escape sequence \\q"],
  ])("GIVEN %j WHEN parsed THEN it is refused with its line", (text, message) => {
    expect(failure(() => yaml(text))).toBe(message);
  });

  it("GIVEN 30,000 keys and one repeated at the end WHEN parsed THEN both lines are named", () => {
    let text = "tags:\n";
    for (let i = 0; i < 30_000; i++) text += `  tag-${i}: v${i}\n`;
    expect(Object.keys((yaml(text).raw as { tags: object }).tags)).toHaveLength(30_000);
    expect(failure(() => yaml(`${text}  tag-5: again\n`))).toMatch(/^c\.yaml:30002:3: not valid YAML: the key "tag-5" appears twice in one map \(lines 7 and 30002\)/);
  });

  describe("merge keys", () => {
    it("GIVEN <<: *base with an override WHEN parsed THEN merged keys come first and explicit keys win", () => {
      const raw = yaml("base: &base {instanceTypes: [t3.small], diskSize: 20, labels: {a: b}}\ngroup:\n  diskSize: 50\n  <<: *base\n  name: g\n").raw;
      expect(raw).toEqual({ base: { instanceTypes: ["t3.small"], diskSize: 20, labels: { a: "b" } }, group: { instanceTypes: ["t3.small"], diskSize: 50, labels: { a: "b" }, name: "g" } });
      const group = (raw as Record<string, Record<string, unknown>>).group;
      expect(Object.keys(group)).toEqual(["instanceTypes", "diskSize", "labels", "name"]);
      expect(Object.getPrototypeOf(group.labels)).toBeNull();
      // a copy, not the anchor's object
      expect(group.labels).not.toBe((raw as Record<string, Record<string, unknown>>).base.labels);
    });

    it("GIVEN <<: [*a, *b] WHEN parsed THEN the first map given wins", () => {
      expect(yaml("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n").raw).toEqual({ a: { x: 1 }, b: { x: 2, y: 2 }, c: { x: 1, y: 2, z: 3 } });
    });

    it("GIVEN a quoted '<<' WHEN parsed THEN it is an ordinary key", () => {
      expect(yaml('"<<": 1\n').raw).toEqual({ "<<": 1 });
    });

    it.each([
      ["<<: 5\n", "c.yaml:1:5"],
      ["list: &l [1]\nm:\n  <<: *l\n", "c.yaml:3:7"],
      ["a: &a {x: 1}\nm:\n  <<: [*a, 5]\n", "c.yaml:3:7"],
    ])("GIVEN %j WHEN parsed THEN the merge is refused in words", (text, where) => {
      const message = failure(() => yaml(text));
      expect(message).toBe(
        `${where}: not accepted: the merge key << must be given a map, an alias of one (<<: *defaults) or a list of them (<<: [*a, *b]); write the keys out instead`,
      );
      expect(message).not.toMatch(/Symbol/);
    });

    it("GIVEN << twice in one map WHEN parsed THEN it is refused", () => {
      expect(failure(() => yaml("a: &a {x: 1}\nm:\n  <<: *a\n  <<: *a\n"))).toMatch(/^c\.yaml:4:3: not valid YAML: the merge key << appears twice in one map/);
    });
  });

  describe("aliases", () => {
    it("GIVEN one anchor used 200 times WHEN parsed THEN it is accepted, each use its own copy", () => {
      let text = "base: &ng {instanceTypes: [t3.micro, t3.small], scaling: {minSize: 1, maxSize: 3, desiredSize: 2}, labels: {a: b, c: d}}\nnodeGroups:\n";
      for (let i = 0; i < 200; i++) text += "  - *ng\n";
      const raw = yaml(text).raw as { nodeGroups: Record<string, unknown>[] };
      expect(raw.nodeGroups).toHaveLength(200);
      expect(raw.nodeGroups[199]).toEqual(raw.nodeGroups[0]);
      expect(raw.nodeGroups[199]).not.toBe(raw.nodeGroups[0]);
    });

    it("GIVEN a billion-laughs file WHEN parsed THEN it is refused (fast, without expanding it)", () => {
      let text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
      for (let level = 1; level < 9; level++) {
        const prev = String.fromCharCode(96 + level);
        const name = String.fromCharCode(97 + level);
        text += `${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]\n`;
      }
      expect(failure(() => yaml(text))).toMatch(
        /^c\.yaml:\d+:\d+: not accepted: YAML aliases expand to more than 100,000 values \(an alias bomb\?\); write the values out or use fewer aliases$/,
      );
    });

    it("GIVEN an alias to an anchor that is not defined (or defined later) WHEN parsed THEN the line is given", () => {
      expect(failure(() => yaml("a: 1\nb: *nowhere\n"))).toBe("c.yaml:2:4: not valid YAML: the alias *nowhere has no anchor &nowhere before it");
      expect(failure(() => yaml("a: *later\nb: &later 1\n"))).toBe("c.yaml:1:4: not valid YAML: the alias *later has no anchor &later before it");
    });

    it("GIVEN an alias inside its own anchor WHEN parsed THEN it is refused, no stack overflow and no hang", () => {
      expect(failure(() => yaml("a: &x [*x]\n"))).toBe("c.yaml:1:8: not accepted: the alias *x is inside the value of its own anchor &x (a recursive alias)");
      expect(failure(() => yaml("a: &x\n  b:\n    c: *x\n"))).toBe("c.yaml:3:8: not accepted: the alias *x is inside the value of its own anchor &x (a recursive alias)");
    });

    it("GIVEN an anchor defined again WHEN an alias follows THEN it refers to the latest definition", () => {
      expect(yaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n").raw).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    });

    it("GIVEN an alias as a key WHEN it names a scalar THEN it is that text", () => {
      expect(yaml("a: &k name\n*k : 1\n").raw).toEqual({ a: "name", name: 1 });
    });
  });

  describe("tags", () => {
    it.each([
      ["!!omap\n- a: 1\n", "c.yaml:2:1", "!!omap"],
      ["tags: !!set {a, b}\n", "c.yaml:1:13", "!!set"],
      ["data: !!binary aGVsbG8=\n", "c.yaml:1:16", "!!binary"],
      ["when: !!timestamp 2001-12-14\n", "c.yaml:1:19", "!!timestamp"],
      ["pairs: !!pairs [a: 1]\n", "c.yaml:1:16", "!!pairs"],
      ["name: !Ref Foo\n", "c.yaml:1:12", "!Ref"],
      ["%TAG !! tag:example.com,2000:\n---\na: !!str x\n", "c.yaml:3:10", "tag:example.com,2000:str"],
    ])("GIVEN %j WHEN parsed THEN the tag is refused with its line", (text, where, tag) => {
      expect(failure(() => yaml(text))).toBe(`${where}: not accepted: YAML tag ${tag} is not supported: write a plain map, list, string, number, boolean or null`);
    });

    it("GIVEN a core tag on the wrong kind of value WHEN parsed THEN it is refused", () => {
      expect(failure(() => yaml("a: !!seq {x: 1}\n"))).toBe("c.yaml:1:10: not accepted: YAML tag !!seq does not fit a map: remove the tag");
    });

    it("GIVEN core tags that fit WHEN parsed THEN they are plain data", () => {
      expect(yaml('a: !!str 12\nb: !!int "12"\nc: !!map {x: !!null ""}\nd: !!seq [!!bool true, !!float 1.5]\n').raw).toEqual({
        a: "12",
        b: 12,
        c: { x: null },
        d: [true, 1.5],
      });
    });

    it("GIVEN a %YAML 1.1 document WHEN parsed THEN it is refused rather than read with other rules", () => {
      expect(failure(() => yaml("%YAML 1.1\n---\nenabled: yes\n"))).toMatch(/^c\.yaml:1:1: not accepted: the %YAML 1\.1 directive asks for YAML 1\.1 rules .*remove the directive/);
      expect(yaml("%YAML 1.2\n---\nenabled: yes\n").raw).toEqual({ enabled: "yes" });
    });

    it("GIVEN an unknown directive WHEN parsed THEN the library's warning is an error", () => {
      expect(failure(() => yaml("%FOO bar\n---\na: 1\n"))).toBe("c.yaml:1:1: not valid YAML: Unknown directive %FOO");
    });
  });

  it("GIVEN two documents WHEN parsed THEN it is refused at the second", () => {
    const message = "not accepted: a second YAML document starts here; a cluster configuration is one YAML document (no second `---`, nothing after `...`): to describe several clusters, list them under clusters: [...]";
    expect(failure(() => yaml("name: a\n---\nname: b\n"))).toBe(`c.yaml:2:1: ${message}`);
    expect(failure(() => yaml("name: a\n...\nname: b\n"))).toBe(`c.yaml:3:1: ${message}`);
    expect(failure(() => yaml("---\nname: a\n---\n"))).toBe(`c.yaml:3:1: ${message}`);
    expect(yaml("---\nname: a\n...\n# the end\n").raw).toEqual({ name: "a" });
  });

  describe("depth", () => {
    it("GIVEN nesting at the limit WHEN parsed THEN it is accepted, one level more is refused", () => {
      expect(yaml(`${"{a: ".repeat(MAX_DEPTH)}1${"}".repeat(MAX_DEPTH)}`).raw).toBeDefined();
      expect(failure(() => yaml(`${"{a: ".repeat(MAX_DEPTH + 1)}1${"}".repeat(MAX_DEPTH + 1)}`))).toBe("c.yaml:1:257: not accepted: nested more than 64 levels deep");
    });

    it.each([
      ["100,000 [", "[".repeat(100_000), "c.yaml:1:65"],
      ["100,000 [ closed", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, "c.yaml:1:65"],
      ["100,000 compact - ", `${"- ".repeat(100_000)}x`, "c.yaml:1:261"],
      ["block maps indented 1,000 deep", Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n"), "c.yaml:65:65"],
      ["an alias that nests past the limit", `a: &a ${"[".repeat(40)}1${"]".repeat(40)}\nb: ${"[".repeat(30)}*a${"]".repeat(30)}\n`, "c.yaml:2:34"],
    ])("GIVEN %s WHEN parsed THEN the depth error comes, never a stack overflow", (_, text, where) => {
      const message = failure(() => yaml(text));
      expect(message).toBe(`${where}: not accepted: nested more than 64 levels deep`);
      expect(message).not.toMatch(/call stack/);
    });
  });

  it("GIVEN half a million stray commas WHEN parsed THEN the first error is reported", () => {
    expect(failure(() => yaml(`[${",".repeat(500_000)}`))).toBe("c.yaml:1:3: not valid YAML: Unexpected , in flow sequence");
  });

  it("GIVEN a file of a million tiny values WHEN parsed THEN it is refused at the token limit, not parsed for seconds", () => {
    expect(failure(() => yaml("- 1\n".repeat(1_000_000)))).toMatch(/^c\.yaml:\d+:\d+: not accepted: more than 600,000 YAML tokens; a cluster configuration is a few thousand/);
  });
});

describe("lineOf", () => {
  it("GIVEN YAML WHEN asked for nested paths THEN it gives the line of the value, or of its nearest ancestor in the file", () => {
    // GIVEN
    const parsed = yaml(
      [
        "name: ok", // 1
        "nodeGroups:", // 2
        "  - name: a", // 3
        "    diskSize: 0", // 4
        "    labels:", // 5
        '      "a/b": c', // 6
        '      "say \\"hi\\"": d', // 7
        "    scaling:", // 8
        "      minSize: 2", // 9
        "tags:", // 10
        "  __proto__: x", // 11
        "  empty:", // 12
        "  # a comment", // 13
        "  last: y", // 14
      ].join("\n"),
    );
    // WHEN / THEN
    expect(parsed.lineOf("name")).toBe(1);
    expect(parsed.lineOf("nodeGroups[0].diskSize")).toBe(4);
    expect(parsed.lineOf('nodeGroups[0].labels["a/b"]')).toBe(6);
    expect(parsed.lineOf('nodeGroups[0].labels["say \\"hi\\""]')).toBe(7);
    expect(parsed.lineOf("nodeGroups[0].scaling.desiredSize")).toBe(9); // absent: the value of scaling starts on line 9
    expect(parsed.lineOf("nodeGroups[3].name")).toBe(3); // absent item: the list
    expect(parsed.lineOf('tags["__proto__"]')).toBe(11);
    expect(parsed.lineOf("tags.__proto__")).toBe(11);
    expect(parsed.lineOf("tags.empty")).toBe(12);
    expect(parsed.lineOf("(top level)")).toBe(1);
    expect(parsed.lineOf("region")).toBe(1);
    // the same answers again, from the index built once
    for (let i = 0; i < 1000; i++) expect(parsed.lineOf('nodeGroups[0].labels["a/b"]')).toBe(6);
  });

  it("GIVEN a key path WHEN asked THEN it gives the key's line, for the key and for its value", () => {
    const parsed = yaml("labels:\n  ? long-key\n  : value\nbase:\n  region: x\n");
    expect(parsed.lineOf('labels["long-key"]')).toBe(2);
    expect(parsed.lineOf('labels["long-key"] (the key)')).toBe(2);
    expect(parsed.lineOf("base")).toBe(4);
  });

  it("GIVEN merged and aliased values WHEN asked THEN it gives the line where they are used", () => {
    const parsed = yaml(["base: &b", "  x: 1", "  deep: {y: 2}", "group:", "  name: g", "  <<: *b", "other: *b"].join("\n"));
    expect(parsed.lineOf("group.x")).toBe(6);
    expect(parsed.lineOf("group.deep.y")).toBe(6);
    expect(parsed.lineOf("group.name")).toBe(5);
    expect(parsed.lineOf("other.deep.y")).toBe(7);
    expect(parsed.lineOf("base.deep.y")).toBe(3);
  });

  it("GIVEN JSON WHEN asked for nested paths THEN it gives the line of the key, or of the value of a list item", () => {
    const parsed = json('{\n  "name": "ok",\n  "region": "nowhere",\n  "tags": {\n    "a/b":\n      "v",\n    "__proto__": 1\n  },\n  "list": [\n    1,\n    {"k": 2}\n  ]\n}\n');
    expect(parsed.lineOf("region")).toBe(3);
    expect(parsed.lineOf('tags["a/b"]')).toBe(5);
    expect(parsed.lineOf('tags["a/b"] (the key)')).toBe(5);
    expect(parsed.lineOf('tags["__proto__"]')).toBe(7);
    expect(parsed.lineOf("list[1].k")).toBe(11);
    expect(parsed.lineOf("list[1].missing")).toBe(11);
    expect(parsed.lineOf("list[5]")).toBe(9);
    expect(parsed.lineOf("missing.path")).toBe(1);
  });

  it("GIVEN an empty YAML file WHEN asked THEN the line is unknown", () => {
    expect(yaml("").lineOf("name")).toBeUndefined();
  });
});

describe("pathSegments", () => {
  it.each([
    ["a.b", ["a", "b"]],
    ["nodeGroups[0].labels", ["nodeGroups", 0, "labels"]],
    ['nodeGroups[0].labels["a/b"]', ["nodeGroups", 0, "labels", "a/b"]],
    ['tags["__proto__"]', ["tags", "__proto__"]],
    ['tags["with \\"quotes\\", ] and . inside"].x', ["tags", 'with "quotes", ] and . inside', "x"]],
    ['tags["\\u0007\\n\\u202e"]', ["tags", "\u0007\n\u202e"]],
    ["clusters[1].name (the key)", ["clusters", 1, "name"]],
    ["(top level)", []],
    ['tags["unterminated', ["tags"]],
  ])("GIVEN %j WHEN split THEN %j", (issuePath, segments) => {
    expect(pathSegments(issuePath)).toEqual(segments);
  });
});

describe("printable", () => {
  it("GIVEN control, bidi and invisible characters WHEN printed THEN they are escaped", () => {
    expect(printable("a\u0000b\u001bc\u007fd\u0085e\u202ef\u2066g\u200eh\u061ci\u2028j\u2029k\u200bl\ufeffm")).toBe(
      "a\\u0000b\\u001Bc\\u007Fd\\u0085e\\u202Ef\\u2066g\\u200Eh\\u061Ci\\u2028j\\u2029k\\u200Bl\\uFEFFm",
    );
    expect(printable("lone \ud800 surrogate")).toBe("lone \\uD800 surrogate");
    expect(printable("plain text, é, 日本, emoji 🚀")).toBe("plain text, é, 日本, emoji 🚀");
  });

  it("GIVEN long text WHEN printed THEN it is cut with ...", () => {
    expect(printable("x".repeat(200))).toBe(`${"x".repeat(120)}...`);
    expect(printable("x".repeat(100), 60)).toBe(`${"x".repeat(60)}...`);
    expect(printable("\u0007".repeat(100), 20)).toBe(`${"\\u0007".repeat(3)}...`);
  });

  it("GIVEN a long key in a message WHEN printed THEN it is cut", () => {
    const key = "k".repeat(500);
    expect(failure(() => json(`{"${key}": 1, "${key}": 2}`))).toMatch(new RegExp(`the key "${"k".repeat(60)}\\.\\.\\." appears twice`));
  });
});
