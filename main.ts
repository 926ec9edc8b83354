#!/usr/bin/env node
/**
 * The app: validate the clusters (CLUSTER_CONFIG, or the embedded default) before building anything, then one
 * Terraform stack per cluster in cdktf.out/stacks/<cluster>/cdk.tf.json. `cdktf synth | diff | deploy` run it as
 * it is (cdktf.json); `npm run synth` adds `--handoff`, which also writes each cluster's HCL and REVIEW.md to
 * cdktf.out/handoff/<cluster>/. A rejected configuration exits 1 and writes nothing.
 */
import { ConfigError, ConfigFileError, loadClusters } from "./src/config/load";
import { formatConfigError, formatWarnings } from "./src/config/report";

function main(): number {
  let loaded;
  try {
    loaded = loadClusters(process.env.CLUSTER_CONFIG);
  } catch (error) {
    if (error instanceof ConfigError) console.error(formatConfigError(error));
    else if (error instanceof ConfigFileError) console.error(`error: ${error.message}; nothing was written.`);
    else throw error;
    return 1;
  }
  const warnings = formatWarnings(loaded);
  if (warnings) console.error(warnings);

  // cdktf and the constructs load only now: a rejected configuration is reported without their ~0.3 s.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require("cdktf") as typeof import("cdktf");
  const { ClusterStack } = require("./src/constructs/cluster-stack") as typeof import("./src/constructs/cluster-stack");
  const { removeStaleFolders, writeHandoff } = require("./src/output/handoff") as typeof import("./src/output/handoff");
  /* eslint-enable @typescript-eslint/no-require-imports */

  const app = new App();
  for (const cluster of loaded.clusters) new ClusterStack(app, cluster);
  app.synth();

  if (process.argv.includes("--handoff")) {
    for (const [i, cluster] of loaded.clusters.entries()) writeHandoff(cluster, loaded.given[i], app.outdir);
  }
  removeStaleFolders(app.outdir, loaded.clusters.map((c) => c.name));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
