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

function runApp(cwd: string, args: string[] = ["--handoff"]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

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
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    tree = readTree(path.join(first, "cdktf.out"));
  });

  it("writes the stack JSON, the manifest and the hand-off folder, nothing else", () => {
    expect(Object.keys(tree).sort()).toEqual(["handoff/simple-bank/main.tf", "manifest.json", "stacks/simple-bank/cdk.tf.json"]);
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
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true", FORCE_COLOR: "0" },
    });
    expect([cli.status, cli.stderr]).toEqual([0, expect.anything()]);
    expect(fs.readFileSync(path.join(out, "stacks", "simple-bank", "cdk.tf.json"), "utf8")).toBe(tree["stacks/simple-bank/cdk.tf.json"]);
  });
});
