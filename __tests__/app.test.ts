/**
 * The real entry point, run as `npm run synth` runs it (node dist/main.js --handoff) in scratch folders:
 * what it writes, that the bytes do not depend on the run, the folder or `--handoff` (the cdktf.json app command).
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
    // no lock, temporary or previous folder left beside it
    expect(fs.readdirSync(first)).toEqual(["cdktf.out"]);
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

  it("GIVEN no --handoff (the cdktf.json app command) WHEN run THEN it writes the same output, hand-off included", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-app-"));
    const run = runApp(dir, []);
    expect([run.code, run.stderr]).toEqual([0, expect.not.stringMatching(/error/i)]);
    // THEN byte for byte what `npm run synth` wrote, and nothing but the output folder in the working folder
    expect(readTree(path.join(dir, "cdktf.out"))).toEqual(tree);
    expect(fs.readdirSync(dir)).toEqual(["cdktf.out"]);
  });

  it("GIVEN SYNTH_HCL_OUTPUT=true (`cdktf synth --hcl`) after a JSON synth WHEN run THEN the same hand-off bytes, and cdk.tf replaces cdk.tf.json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-hcl-"));
    expect(runApp(dir).code).toBe(0);
    const run = runApp(dir, [], { SYNTH_HCL_OUTPUT: "true" });
    expect(run.code).toBe(0);
    const hclTree = readTree(path.join(dir, "cdktf.out"));
    // THEN the previous run's cdk.tf.json is not carried over: Terraform would load both files
    expect(Object.keys(hclTree).filter((f) => f.startsWith("stacks/")).sort()).toEqual(["stacks/simple-bank/cdk.tf", "stacks/simple-bank/metadata.json"]);
    for (const file of ["handoff/simple-bank/REVIEW.md", "handoff/simple-bank/main.tf"]) expect([file, hclTree[file]]).toEqual([file, tree[file]]);
  });

  it("GIVEN SYNTH_HCL_OUTPUT=true and an SSH key name with quotes, a backslash and template sequences WHEN run THEN cdk.tf holds it as an escaped HCL string", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-hcl-escape-"));
    const config = { name: "a", nodeGroups: [{ name: "g", remoteAccess: { sshKeyName: 'a"b\\c${x}%{y}' } }] };
    fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify(config));
    // WHEN
    const run = runApp(dir, [], { SYNTH_HCL_OUTPUT: "true", CLUSTER_CONFIG: "c.json" });
    // THEN
    expect(run.code).toBe(0);
    const hcl = fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "a", "cdk.tf"), "utf8");
    expect(hcl).toMatch(/ec2_ssh_key +=[ ]"a\\"b\\\\c\$\$\{x\}%%\{y\}"\n/);
  });
});
