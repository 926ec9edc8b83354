#!/usr/bin/env node
/**
 * `npm run check`: security findings of the clusters in CLUSTER_CONFIG (or the embedded default), computed from
 * the Terraform they synthesize. Exit 0: none open; 1: open findings; 2: the configuration is invalid. Writes nothing.
 */
import { ConfigError, ConfigFileError, loadClusters } from "./src/config/load";
import { formatConfigError } from "./src/config/report";

try {
  const { clusters } = loadClusters(process.env.CLUSTER_CONFIG);
  // Synthesis (cdktf) loads only after the configuration passed: errors come back at once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkClusters } = require("./src/review/check") as typeof import("./src/review/check");
  const { report, code } = checkClusters(clusters);
  (code === 0 ? console.log : console.error)(report);
  process.exitCode = code;
} catch (error) {
  if (error instanceof ConfigError) console.error(formatConfigError(error));
  else if (error instanceof ConfigFileError) console.error(`error: ${error.message}`);
  else throw error;
  process.exitCode = 2;
}
