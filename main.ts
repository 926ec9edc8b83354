#!/usr/bin/env node
/**
 * The app: validate the clusters (CLUSTER_CONFIG, or the embedded default) before building anything, then one
 * Terraform stack per cluster in cdktf.out/stacks/<cluster>/cdk.tf.json. `cdktf synth | diff | deploy` run it as
 * it is (cdktf.json); `npm run synth` adds `--handoff`, which also writes each cluster's HCL and REVIEW.md to
 * cdktf.out/handoff/<cluster>/. A rejected configuration exits 1 and writes nothing.
 */
import { App } from "cdktf";
import { ClusterStack } from "./src/cluster-stack";
import { ConfigError, ConfigFileError, loadClusters } from "./src/config/load";
import { formatConfigError, formatWarnings } from "./src/config/report";
import { removeStaleFolders, writeHandoff } from "./src/handoff";

async function main(): Promise<number> {
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

  const app = new App();
  for (const cluster of loaded.clusters) new ClusterStack(app, cluster);
  app.synth();

  if (process.argv.includes("--handoff")) {
    for (const [i, cluster] of loaded.clusters.entries()) await writeHandoff(cluster, loaded.given[i], app.outdir);
  }
  removeStaleFolders(app.outdir, loaded.clusters.map((c) => c.name));
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
