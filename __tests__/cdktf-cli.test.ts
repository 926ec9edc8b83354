/**
 * The cdktf CLI runs the same app: `cdktf synth` (with CLUSTER_CONFIG) writes what `npm run synth` writes, hand-off
 * included, byte for byte; and a second `cdktf synth` with fewer clusters works with the CLI's own removal of stacks
 * it no longer synthesizes (it lists `stacks/` before the app runs and deletes the leftovers afterwards).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { synthesizeTerraform } from "../src/review/check";
import { EXAMPLES, readTree, ROOT, runApp } from "../test-support/app-process";

function cdktfSynth(out: string, env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true", FORCE_COLOR: "0" };
  for (const name of ["CLUSTER_CONFIG", "CDKTF_OUTDIR", "SYNTH_HCL_OUTPUT", "DEBUG", "EKS_CDKTF_LOCK_TIMEOUT"]) delete base[name];
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"), "synth", "--output", out], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...base, ...env },
  });
}

/** What the app may leave beside an output folder: nothing, once it is done (no lock, no temporary folder). */
const besides = (out: string) => fs.readdirSync(path.dirname(out)).filter((n) => n.startsWith(`${path.basename(out)}.`) || n.startsWith(`.${path.basename(out)}.`));

describe("cdktf CLI", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cli-"));
  const multiEnv = { CLUSTER_CONFIG: path.join(EXAMPLES, "multi-env.yaml") };

  it("GIVEN cdktf.json THEN it runs the compiled app without ts-node, and `cdktf synth` writes the same stacks as the app", () => {
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
    expect(cdktfJson.app).toBe("node dist/main.js");
    const cli = cdktfSynth(out, multiEnv);
    expect([cli.status, cli.stderr]).toEqual([0, expect.anything()]);
    expect(fs.readdirSync(path.join(out, "stacks")).sort()).toEqual(["simple-bank-dev", "simple-bank-prod"]);
    // The same Terraform as the app builds in process
    for (const cluster of loadClusters(path.join(EXAMPLES, "multi-env.yaml")).clusters) {
      const written = JSON.parse(fs.readFileSync(path.join(out, "stacks", cluster.name, "cdk.tf.json"), "utf8"));
      expect(written).toEqual(synthesizeTerraform(cluster));
    }
  });

  it("WHEN compared with `npm run synth` THEN the output, hand-off included, is the same bytes, and nothing is left beside it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cli-app-"));
    expect(runApp(dir, ["--handoff"], multiEnv).code).toBe(0);
    const cliTree = readTree(out);
    expect(Object.keys(cliTree).filter((f) => f.startsWith("handoff/")).sort()).toEqual([
      "handoff/simple-bank-dev/REVIEW.md",
      "handoff/simple-bank-dev/main.tf",
      "handoff/simple-bank-prod/REVIEW.md",
      "handoff/simple-bank-prod/main.tf",
    ]);
    expect(cliTree).toEqual(readTree(path.join(dir, "cdktf.out")));
    expect(besides(out)).toEqual([]);
  });

  it("GIVEN that output WHEN `cdktf synth` runs with fewer clusters THEN it succeeds and only the configured cluster is left", () => {
    // Before the app wrote its output whole, this failed: the app removed the stale stack folder, then the CLI
    // failed to remove it again (ENOENT). The app now leaves it empty for the CLI to delete.
    const cli = cdktfSynth(out);
    expect([cli.status, cli.stdout.includes("ENOENT") || cli.stderr.includes("ENOENT")]).toEqual([0, false]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cli-app-"));
    expect(runApp(dir).code).toBe(0);
    expect(readTree(out)).toEqual(readTree(path.join(dir, "cdktf.out")));
    expect(fs.readdirSync(path.join(out, "stacks"))).toEqual(["simple-bank"]);
    expect(besides(out)).toEqual([]);
  });
});
