#!/usr/bin/env node
/**
 * The app: validate the clusters (CLUSTER_CONFIG, or the embedded default) before building anything, then write the
 * whole output of one run: cdktf's manifest.json and one Terraform stack per cluster in
 * cdktf.out/stacks/<cluster>/cdk.tf.json, and each cluster's hand-off (HCL and REVIEW.md) in
 * cdktf.out/handoff/<cluster>/. `npm run synth` and `cdktf synth | diff | deploy` (cdktf.json) run it alike;
 * `--handoff` is accepted and changes nothing. The output is replaced whole, one run at a time
 * (src/output/atomic-output.ts); CDKTF_OUTDIR (set by the cdktf CLI) moves it.
 *
 * Exit codes: 0 written; 1 invalid configuration, nothing written (nothing created: not even the lock);
 * 2 anything else: the output could not be written (the message says why), or an internal error (a short message;
 * the stack only with DEBUG=1).
 */
import { ConfigError, ConfigFileError, loadClusters } from "./src/config/load";
import { formatConfigError, formatWarnings } from "./src/config/report";
import { ExitCode, runEntryPoint } from "./src/output/entry-point";

async function main(): Promise<ExitCode> {
  let loaded;
  try {
    loaded = loadClusters(process.env.CLUSTER_CONFIG);
  } catch (error) {
    if (error instanceof ConfigError) console.error(formatConfigError(error));
    else if (error instanceof ConfigFileError) console.error(`error: ${error.message}; nothing was written.`);
    else throw error;
    return ExitCode.Rejected;
  }
  const warnings = formatWarnings(loaded);
  if (warnings) console.error(warnings);

  // cdktf and the constructs load only now: a rejected configuration is reported without their ~0.3 s.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeClusterOutput } = require("./src/output/synth-output") as typeof import("./src/output/synth-output");
  await writeClusterOutput(loaded);
  return ExitCode.Success;
}

void runEntryPoint(main);
