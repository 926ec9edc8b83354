/**
 * `npm run check` through its real entry point: exit codes (0 no open finding; 1 open findings or an invalid
 * configuration; 2 internal error) and reports. It writes nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CHECK, EXAMPLES, ROOT, runNode, runNodeEval } from "../test-support/app-process";

const INTERNAL_ERROR = /^error: internal error in eks-cdktf \(RangeError: Maximum call stack size exceeded\); this is a bug: please report it with the configuration that caused it\. Run with DEBUG=1 for details\.\n$/;

describe("npm run check (node dist/check.js) through the real entry point", () => {
  const runCheck = (cwd: string, env: Record<string, string> = {}) => runNode(CHECK, cwd, [], { EKS_CDKTF_TODAY: "2026-11-24", ...env });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-check-"));

  it("GIVEN the walk-through default THEN it exits 1 listing each finding with its ids and fix, and writes nothing", () => {
    const run = runCheck(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^simple-bank: 6 open findings, 0 waived\n  CRITICAL CKV_AWS_39 \/ AVD-AWS-0040  aws_eks_cluster.cluster\n/);
    expect(run.stderr).toMatch(/fix: endpoint: \{ access: private \}/);
    expect(run.stderr.trimEnd().split("\n").pop()).toMatch(/^check failed: 6 open findings/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("GIVEN examples/hardened.yaml THEN it exits 0 with no waivers", () => {
    const run = runCheck(dir, { CLUSTER_CONFIG: path.join(EXAMPLES, "hardened.yaml") });
    expect([run.code, run.stdout]).toEqual([0, "simple-bank-hardened: 0 open findings, 0 waived\ncheck passed: no open findings\n"]);
  });

  it("GIVEN an invalid configuration THEN it exits 1 (the configuration does not pass) with the problems, and says so last", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-check-bad-"));
    fs.writeFileSync(path.join(scratch, "bad.json"), JSON.stringify({ waivers: [{ rule: "CKV_AWS_39" }] }));
    const run = runCheck(scratch, { CLUSTER_CONFIG: "bad.json" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/waivers\[0\].reason.*\n\s+rule: is required/);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe("check failed: the configuration is invalid, so no findings were computed");
    expect(fs.readdirSync(scratch)).toEqual(["bad.json"]);
  });

  it("GIVEN a missing file THEN it exits 1 naming it", () => {
    const run = runCheck(dir, { CLUSTER_CONFIG: "missing.yaml" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: missing.yaml: cannot read/);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe("check failed: the configuration is invalid, so no findings were computed");
  });

  describe("GIVEN an internal error (the findings' computation overflows the stack)", () => {
    // A test script around the compiled pieces: the real check.ts, with checkClusters replaced by an endless recursion.
    const script = [
      `const review = require(${JSON.stringify(path.join(ROOT, "dist", "src", "review", "check.js"))});`,
      "review.checkClusters = function deep() { return deep() + 1; };",
      `require(${JSON.stringify(CHECK)});`,
    ].join("\n");

    it("WHEN run THEN it exits 2 with the one-line message and no stack trace", () => {
      const run = runNodeEval(script, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(INTERNAL_ERROR);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    });

    it("WHEN run with DEBUG=1 THEN the stack follows the message", () => {
      const run = runNodeEval(script, dir, { DEBUG: "1" });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: internal error in eks-cdktf \(RangeError: Maximum call stack size exceeded\)/);
      expect(run.stderr).toMatch(/^RangeError: Maximum call stack size exceeded\n\s+at deep/m);
    });
  });
});
