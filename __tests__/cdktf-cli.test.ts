/** The cdktf CLI runs the same app: `cdktf synth` (with CLUSTER_CONFIG) writes what the app writes. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { synthesizeTerraform } from "../src/review/check";
import { EXAMPLES, ROOT } from "../test-support/app-process";

describe("cdktf CLI", () => {
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
    // The same Terraform as the app builds in process (byte identity of the app's own output is app.test.ts's job).
    for (const cluster of loadClusters(path.join(EXAMPLES, "multi-env.yaml")).clusters) {
      const written = JSON.parse(fs.readFileSync(path.join(out, "stacks", cluster.name, "cdk.tf.json"), "utf8"));
      expect(written).toEqual(synthesizeTerraform(cluster));
    }
  });
});
