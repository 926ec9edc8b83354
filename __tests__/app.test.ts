/**
 * The real entry point, run as `npm run synth` runs it (node dist/main.js --handoff) in scratch folders:
 * what it writes, that the bytes do not depend on the run or the folder, and that `cdktf synth` agrees.
 * Needs `dist/` fresh: `npm test` compiles before running jest.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const MAIN = path.join(ROOT, "dist", "main.js");

function runApp(cwd: string, args: string[] = ["--handoff"], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete base.CLUSTER_CONFIG;
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: "utf8", env: { ...base, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below `dir` with its content and modification time: equal trees mean nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(readTree(dir))) files[name] = `${fs.statSync(path.join(dir, name)).mtimeMs} ${content}`;
  return files;
}

const EXAMPLES = path.join(ROOT, "examples");

/** Every file below `dir`, relative path -> content. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}

describe("npm run synth (node dist/main.js --handoff)", () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first).`);
  });

  const first = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-a-"));
  const second = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-other-folder-"));
  let tree: Record<string, string> = {};

  beforeAll(() => {
    const run = runApp(first);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: the embedded default: 4 legal but risky settings:/);
    expect(run.stderr).not.toMatch(/error/i);
    tree = readTree(path.join(first, "cdktf.out"));
  });

  it("writes the stack JSON, the manifest and the hand-off folder, nothing else", () => {
    expect(Object.keys(tree).sort()).toEqual(["handoff/simple-bank/REVIEW.md", "handoff/simple-bank/main.tf", "manifest.json", "stacks/simple-bank/cdk.tf.json"]);
    expect(JSON.parse(tree["stacks/simple-bank/cdk.tf.json"]).resource.aws_eks_cluster.cluster.name).toBe("simple-bank");
  });

  it("writes no absolute path of the machine", () => {
    for (const [name, content] of Object.entries(tree)) {
      expect([name, content.includes(first)]).toEqual([name, false]);
      expect([name, /"\/(tmp|root|home|work|Users)\//.test(content)]).toEqual([name, false]);
    }
  });

  it("writes the same bytes on a second run and from another folder", () => {
    expect(runApp(first).code).toBe(0);
    expect(readTree(path.join(first, "cdktf.out"))).toEqual(tree);
    expect(runApp(second).code).toBe(0);
    expect(readTree(path.join(second, "cdktf.out"))).toEqual(tree);
  });

  it("without --handoff (the cdktf.json app command) writes the stack JSON only", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-app-"));
    expect(runApp(dir, []).code).toBe(0);
    const appTree = readTree(path.join(dir, "cdktf.out"));
    expect(Object.keys(appTree).sort()).toEqual(["manifest.json", "stacks/simple-bank/cdk.tf.json"]);
    expect(appTree["stacks/simple-bank/cdk.tf.json"]).toBe(tree["stacks/simple-bank/cdk.tf.json"]);
  });

  it("cdktf.json runs the compiled app without ts-node, and `cdktf synth` writes the same stack", () => {
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
    expect(cdktfJson.app).toBe("node dist/main.js");
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cli-"));
    const cli = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"), "synth", "--output", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true", FORCE_COLOR: "0", CLUSTER_CONFIG: path.join(EXAMPLES, "multi-env.yaml") },
    });
    expect([cli.status, cli.stderr]).toEqual([0, expect.anything()]);
    expect(fs.readdirSync(path.join(out, "stacks")).sort()).toEqual(["simple-bank-dev", "simple-bank-prod"]);
    const direct = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-direct-"));
    runApp(direct, [], { CLUSTER_CONFIG: path.join(EXAMPLES, "multi-env.yaml") });
    for (const stack of ["simple-bank-dev", "simple-bank-prod"]) {
      const file = path.join("stacks", stack, "cdk.tf.json");
      expect(fs.readFileSync(path.join(out, file), "utf8")).toBe(fs.readFileSync(path.join(direct, "cdktf.out", file), "utf8"));
    }
  });
});

describe("CLUSTER_CONFIG through the real entry point", () => {
  it("GIVEN a multi-cluster file WHEN synthesized THEN each cluster gets its stack and hand-off, and stale ones go", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cfg-"));
    expect(runApp(dir).code).toBe(0);
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

  it("GIVEN no cdktf.out and a bad config WHEN run THEN no cdktf.out is created", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-none-"));
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ region: "nowhere" }));
    expect(runApp(dir, ["--handoff"], { CLUSTER_CONFIG: "bad.json" }).code).toBe(1);
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });
});

describe("npm run check (node dist/check.js) through the real entry point", () => {
  const CHECK = path.join(ROOT, "dist", "check.js");
  function runCheck(cwd: string, env: Record<string, string> = {}) {
    const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", EKS_CDKTF_TODAY: "2026-11-24" };
    delete base.CLUSTER_CONFIG;
    const result = spawnSync(process.execPath, [CHECK], { cwd, encoding: "utf8", env: { ...base, ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
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

  it("GIVEN every finding waived with a reason THEN it exits 0, listing the waivers", () => {
    const reasons = ["CKV_AWS_39", "CKV_AWS_38", "CKV_AWS_37", "CKV_AWS_58", "AVD-AWS-0130"].map((rule) => ({ rule, reason: `trial cluster, deleted after the demo (${rule})` }));
    fs.writeFileSync(path.join(dir, "waived.json"), JSON.stringify({ waivers: reasons }));
    const run = runCheck(dir, { CLUSTER_CONFIG: "waived.json" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^simple-bank: 0 open findings, 5 waived\n  waived   CKV_AWS_39 \/ AVD-AWS-0040  aws_eks_cluster.cluster: trial cluster/);
  });

  it("GIVEN an invalid configuration THEN it exits 2 with the problems", () => {
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ waivers: [{ rule: "CKV_AWS_39" }] }));
    const run = runCheck(dir, { CLUSTER_CONFIG: "bad.json" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/waivers\[0\].reason.*\n\s+rule: is required/);
  });
});
