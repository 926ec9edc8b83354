#!/usr/bin/env node
/**
 * The app: one Terraform stack per cluster, written to cdktf.out/stacks/<cluster>/cdk.tf.json.
 * `cdktf synth | diff | deploy` run it as it is (cdktf.json); `npm run synth` adds `--handoff`, which also
 * writes each cluster's configuration as HCL to cdktf.out/handoff/<cluster>/.
 */
import { App } from "cdktf";
import { ClusterStack } from "./src/cluster-stack";
import { DEFAULT_CLUSTER } from "./src/config/defaults";
import { writeHandoff } from "./src/handoff";

async function main(): Promise<void> {
  const clusters = [DEFAULT_CLUSTER];

  const app = new App();
  for (const cluster of clusters) new ClusterStack(app, cluster);
  app.synth();

  if (process.argv.includes("--handoff")) {
    for (const cluster of clusters) await writeHandoff(cluster, app.outdir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
