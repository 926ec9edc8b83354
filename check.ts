#!/usr/bin/env node
/**
 * `npm run check`: security findings of the clusters in CLUSTER_CONFIG (or the embedded default), computed from
 * the Terraform they synthesize (in memory: it writes nothing).
 *
 * Exit codes: 0 no open finding; 1 the configuration does not pass: open findings, or an invalid configuration (the
 * last line says which); 2 an internal error (a short message; the stack only with DEBUG=1).
 */
import { ConfigError, ConfigFileError, loadClusters } from "./src/config/load";
import { formatConfigError } from "./src/config/report";
import { ExitCode, runEntryPoint } from "./src/output/entry-point";

async function check(): Promise<ExitCode> {
  let clusters;
  try {
    ({ clusters } = loadClusters(process.env.CLUSTER_CONFIG));
  } catch (error) {
    if (error instanceof ConfigError) console.error(formatConfigError(error));
    else if (error instanceof ConfigFileError) console.error(`error: ${error.message}`);
    else throw error;
    console.error("check failed: the configuration is invalid, so no findings were computed");
    return ExitCode.Rejected;
  }
  // Synthesis (cdktf) loads only after the configuration passed: errors come back at once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkClusters } = require("./src/review/check") as typeof import("./src/review/check");
  const { report, code } = checkClusters(clusters);
  (code === ExitCode.Success ? console.log : console.error)(report);
  return code;
}

void runEntryPoint(check);
