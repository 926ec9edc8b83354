/**
 * The real entry point, run as `npm run synth` runs it (node dist/main.js --handoff) in scratch folders:
 * what it writes, that the bytes do not depend on the run or the folder, and that `cdktf synth` agrees.
 * Needs `dist/` fresh: `npm test` compiles before running jest.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAIN, readTree, runApp } from "../test-support/app-process";

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
});

