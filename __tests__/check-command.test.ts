/** `npm run check` through its real entry point: exit codes and reports. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CHECK, EXAMPLES, runNode } from "../test-support/app-process";

describe("npm run check (node dist/check.js) through the real entry point", () => {
  const runCheck = (cwd: string, env: Record<string, string> = {}) => runNode(CHECK, cwd, [], { EKS_CDKTF_TODAY: "2026-11-24", ...env });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-check-"));

  it("GIVEN the walk-through default THEN it exits 1 listing each finding with its ids and fix, and writes nothing", () => {
    const run = runCheck(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^simple-bank: 5 open findings, 0 waived\n  CRITICAL CKV_AWS_39 \/ AVD-AWS-0040  aws_eks_cluster.cluster\n/);
    expect(run.stderr).toMatch(/fix: endpoint: \{ access: private \}/);
    expect(run.stderr.trimEnd().split("\n").pop()).toMatch(/^check failed: 5 open findings/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("GIVEN examples/hardened.yaml THEN it exits 0 with no waivers", () => {
    const run = runCheck(dir, { CLUSTER_CONFIG: path.join(EXAMPLES, "hardened.yaml") });
    expect([run.code, run.stdout]).toEqual([0, "simple-bank-hardened: 0 open findings, 0 waived\ncheck passed: no open findings\n"]);
  });


  it("GIVEN an invalid configuration THEN it exits 2 with the problems", () => {
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ waivers: [{ rule: "CKV_AWS_39" }] }));
    const run = runCheck(dir, { CLUSTER_CONFIG: "bad.json" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/waivers\[0\].reason.*\n\s+rule: is required/);
  });
});
