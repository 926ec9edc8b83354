/**
 * Exit codes of the app (node dist/main.js): 0 written, 1 invalid configuration (app-config.test.ts), 2 anything
 * else: an output that cannot be written, or an internal error, reported in one line without a stack trace unless
 * DEBUG=1. Internal errors are provoked by test scripts around the compiled pieces (`node -e`), or by real
 * filesystem conditions: never by a hook in the app.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeFailure, ExitCode, Failure, firstLineOf, internalErrorMessage } from "../src/output/entry-point";
import { MAIN, outputSiblings, ROOT, runApp, runNodeEval, snapshot } from "../test-support/app-process";

const scratch = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `eks-cdktf-exit-${name}-`));
const internalError = (cls: string, first: string) =>
  `error: internal error in eks-cdktf (${cls}: ${first}); this is a bug: please report it with the configuration that caused it. Run with DEBUG=1 for details.`;
const STACK_LINE = /^\s+at /m;

describe("the app's internal errors", () => {
  // The real main.ts, with the hand-off writer replaced by an endless recursion: the stack overflows mid-synth, with
  // the lock held and the temporary folder half written.
  const overflowMidSynth = [
    `const handoff = require(${JSON.stringify(path.join(ROOT, "dist", "src", "output", "handoff.js"))});`,
    "handoff.writeHandoff = function deep() { return deep() + 1; };",
    `require(${JSON.stringify(MAIN)});`,
  ].join("\n");

  describe("GIVEN a previous good output and a stack overflow while writing the next one", () => {
    const dir = scratch("overflow");
    let before: Record<string, string> = {};
    beforeAll(() => {
      expect(runApp(dir).code).toBe(0);
      before = snapshot(path.join(dir, "cdktf.out"));
    });

    it("WHEN run THEN it exits 2 with the one-line message, no stack, and leaves the previous output, no lock, no temporary folder", () => {
      const run = runNodeEval(overflowMidSynth, dir);
      expect(run.code).toBe(ExitCode.Failed);
      expect(run.stderr.trimEnd().split("\n").pop()).toBe(internalError("RangeError", "Maximum call stack size exceeded"));
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(snapshot(path.join(dir, "cdktf.out"))).toEqual(before);
      expect(outputSiblings(dir)).toEqual([]);
    });

    it("WHEN run with DEBUG=1 THEN the message is followed by the stack", () => {
      const run = runNodeEval(overflowMidSynth, dir, { DEBUG: "1" });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(internalError("RangeError", "Maximum call stack size exceeded"));
      expect(run.stderr).toMatch(/^RangeError: Maximum call stack size exceeded\n\s+at deep/m);
      expect(snapshot(path.join(dir, "cdktf.out"))).toEqual(before);
    });
  });

  it("GIVEN CDKTF_OUTDIR below a regular file WHEN run THEN it exits 2 with the system error in one line, and no stack", () => {
    const dir = scratch("notdir");
    fs.writeFileSync(path.join(dir, "a-file"), "x");
    const run = runApp(dir, [], { CDKTF_OUTDIR: "a-file/sub/out" });
    expect(run.code).toBe(2);
    const last = run.stderr.trimEnd().split("\n").pop();
    expect(last).toMatch(/^error: internal error in eks-cdktf \(Error: ENOTDIR: not a directory, mkdir '[^']*a-file\/sub'\); this is a bug: .* Run with DEBUG=1 for details\.$/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(fs.readdirSync(dir)).toEqual(["a-file"]);
  });

  it("GIVEN cdktf.out is a regular file WHEN run THEN it exits 2 saying so, and leaves the file as it was", () => {
    const dir = scratch("file");
    fs.writeFileSync(path.join(dir, "cdktf.out"), "mine");
    const run = runApp(dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe("error: cdktf.out exists and is not a folder; nothing was written. Move it away: the output is written there");
    expect(fs.readFileSync(path.join(dir, "cdktf.out"), "utf8")).toBe("mine");
    expect(fs.readdirSync(dir)).toEqual(["cdktf.out"]);
  });

  it("GIVEN CDKTF_OUTDIR naming the current folder WHEN run THEN it exits 2 and does not replace the folder it runs in", () => {
    const dir = scratch("cwd");
    fs.writeFileSync(path.join(dir, "keep.txt"), "mine");
    const run = runApp(dir, [], { CDKTF_OUTDIR: "." });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe("error: . is the current folder or one above it; nothing was written. Name a folder of its own (CDKTF_OUTDIR)");
    expect(fs.readdirSync(dir)).toEqual(["keep.txt"]);
  });

  it("GIVEN a bad EKS_CDKTF_LOCK_TIMEOUT WHEN run THEN it exits 2 naming it, and writes nothing", () => {
    const dir = scratch("timeout");
    const run = runApp(dir, [], { EKS_CDKTF_LOCK_TIMEOUT: "soon" });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe('error: EKS_CDKTF_LOCK_TIMEOUT must be a number of seconds (0 or more), not "soon"; nothing was written');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("the internal-error report (entry-point.ts)", () => {
  it("GIVEN any thrown value WHEN described without DEBUG THEN one line, the class and the first line, escaped and cut", () => {
    const long = new Error(`${"x".repeat(500)}\nsecond line`);
    const hostile = new TypeError("red \u001b[31mtext\u001b[0m \u202eevil\r\nat line two");
    class Weird extends Error {}
    const weird = new Weird();
    Object.defineProperty(weird, "message", { get: () => { throw new Error("getter fails"); } });
    const proxy = new Proxy({}, { get: () => { throw new Error("trap"); }, getPrototypeOf: () => { throw new Error("trap"); } });
    const cases: [unknown, string][] = [
      [new RangeError("Maximum call stack size exceeded"), "RangeError: Maximum call stack size exceeded"],
      [hostile, "TypeError: red \\x1b[31mtext\\x1b[0m \\u202eevil"],
      ["plain string\nmore", "string: plain string"],
      [null, "null: null"],
      [undefined, "undefined: undefined"],
      [42, "number: 42"],
      [{ toString: () => "an object" }, "Object: an object"],
      [weird, "Weird: (message unreadable)"],
      [proxy, "Object: (message unreadable)"],
      [new Error("\n\n  first real line  \nnext"), "Error: first real line"],
    ];
    for (const [value, expected] of cases) {
      const { text, code } = describeFailure(value, false);
      expect([expected, code, text]).toEqual([expected, 2, internalErrorMessage(value)]);
      expect([expected, text]).toEqual([expected, internalError(...(expected.split(/: (.*)/s).slice(0, 2) as [string, string]))]);
      expect([expected, /[\n\r\u001b\u202e]/.test(text)]).toEqual([expected, false]);
    }
    const cut = firstLineOf(long);
    expect([cut.length, cut.endsWith("...")]).toEqual([200, true]);
  });

  it("GIVEN an expected failure (not a bug) THEN `error: <message>` without the internal-error text", () => {
    expect(describeFailure(new Failure("the output is busy"), false)).toEqual({ text: "error: the output is busy", code: 2 });
  });

  it("GIVEN DEBUG=1 THEN the details (stack) follow the line", () => {
    const { text } = describeFailure(new RangeError("deep"), true);
    expect(text.split("\n")[0]).toBe(internalError("RangeError", "deep"));
    expect(text).toMatch(STACK_LINE);
  });

  it("GIVEN an error thrown asynchronously outside the body WHEN run through runEntryPoint THEN exit 2 and one line", () => {
    const run = runNodeEval(
      `require(${JSON.stringify(path.join(ROOT, "dist", "src", "output", "entry-point.js"))}).runEntryPoint(async () => { setTimeout(() => { throw new SyntaxError("late\\nmore"); }, 1); await new Promise((r) => setTimeout(r, 50)); return 0; });`,
      scratch("async"),
    );
    expect([run.code, run.stderr]).toEqual([2, `${internalError("SyntaxError", "late")}\n`]);
  });
});
