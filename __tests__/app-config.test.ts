/** CLUSTER_CONFIG through the real entry point: good files, bad files, and cdktf.out left untouched. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLES, outputSiblings, readTree, runApp, snapshot } from "../test-support/app-process";

describe("CLUSTER_CONFIG through the real entry point", () => {
  it("GIVEN a multi-cluster file WHEN synthesized THEN each cluster gets its stack and hand-off, and stale ones go", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cfg-"));
    // folders of a cluster synthesized before and no longer configured
    for (const kind of ["stacks", "handoff"]) fs.mkdirSync(path.join(dir, "cdktf.out", kind, "simple-bank"), { recursive: true });
    fs.writeFileSync(path.join(dir, "cdktf.out", "stacks", "simple-bank", "cdk.tf.json"), "{}");
    const run = runApp(dir, ["--handoff"], { CLUSTER_CONFIG: path.join(EXAMPLES, "multi-env.yaml") });
    expect(run.code).toBe(0);
    expect(Object.keys(readTree(path.join(dir, "cdktf.out"))).sort()).toEqual([
      "handoff/simple-bank-dev/REVIEW.md",
      "handoff/simple-bank-dev/main.tf",
      "handoff/simple-bank-prod/REVIEW.md",
      "handoff/simple-bank-prod/main.tf",
      "manifest.json",
      "stacks/simple-bank-dev/cdk.tf.json",
      "stacks/simple-bank-prod/cdk.tf.json",
    ]);
  });

  it("GIVEN a relative path WHEN synthesized THEN it is read from the working folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-rel-"));
    fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify({ name: "relative", logging: { types: ["audit"] } }));
    const run = runApp(dir, [], { CLUSTER_CONFIG: "c.json" });
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", "relative", "cdk.tf.json"))).toBe(true);
  });

  describe("GIVEN a previous good synth", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-keep-"));
    let before: Record<string, string> = {};
    beforeAll(() => {
      expect(runApp(dir).code).toBe(0);
      before = snapshot(path.join(dir, "cdktf.out"));
    });

    it("WHEN the config breaks rules THEN it exits 1, lists every problem with path, value, rule and fix, and touches nothing", () => {
      fs.writeFileSync(
        path.join(dir, "bad.yaml"),
        ["name: simple-bank", "nodeGroups:", "  - instanceType: [t3.micro]", "    scaling: { minSize: 1, maxSize: 2, desiredSize: 5 }", ""].join("\n"),
      );
      const run = runApp(dir, ["--handoff"], { CLUSTER_CONFIG: "bad.yaml" });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^error: bad.yaml is not a valid cluster configuration \(2 problems\); nothing was written./);
      expect(run.stderr).toMatch(/nodeGroups\[0\].instanceType \(line 3\): \["t3.micro"\]\n\s+rule: is not a known key of nodeGroups\[0\]\n\s+fix:  did you mean `instanceTypes`\?/);
      expect(run.stderr).toMatch(/nodeGroups\[0\].scaling.desiredSize \(line 4\): 5\n\s+rule: .*minSize <= desiredSize <= maxSize/);
      expect(snapshot(path.join(dir, "cdktf.out"))).toEqual(before);
      expect(outputSiblings(dir)).toEqual([]); // no lock, no temporary folder
    });

    it("WHEN the file is missing THEN it exits 1 naming the file and touches nothing", () => {
      const run = runApp(dir, ["--handoff"], { CLUSTER_CONFIG: "missing.yaml" });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: missing.yaml: cannot read the cluster configuration named by CLUSTER_CONFIG: no such file; nothing was written./);
      expect(snapshot(path.join(dir, "cdktf.out"))).toEqual(before);
    });

    it("WHEN the YAML does not parse THEN it exits 1 naming file and line, and touches nothing", () => {
      fs.writeFileSync(path.join(dir, "broken.yaml"), "name: a\nnodeGroups: [\n  name: b\n");
      const run = runApp(dir, [], { CLUSTER_CONFIG: "broken.yaml" });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: broken.yaml:\d+:\d+: not valid YAML/);
      expect(snapshot(path.join(dir, "cdktf.out"))).toEqual(before);
    });
  });

  it("GIVEN no cdktf.out and a bad config WHEN run THEN it exits 1 and creates nothing: no cdktf.out, no lock, no temporary folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-none-"));
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ region: "nowhere" }));
    for (const args of [["--handoff"], []]) {
      const run = runApp(dir, args, { CLUSTER_CONFIG: "bad.json" });
      expect([args, run.code, run.stderr]).toEqual([args, 1, expect.stringMatching(/^error: bad.json is not a valid cluster configuration/)]);
      expect([args, fs.readdirSync(dir)]).toEqual([args, ["bad.json"]]);
    }
  });
});

