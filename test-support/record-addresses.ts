/**
 * `npm run record-addresses`: (re)writes test-support/addresses/<record>.txt, the Terraform addresses of the embedded
 * default and of every stack of every examples/*.yaml, which __tests__/address-stability.test.ts holds the synth to.
 *
 * Run it after a change that adds resources, or that moves one with a `moved` block (`moveFromId`). A change that
 * renames an address without a moved block destroys real resources: the suite's message says how to avoid that;
 * re-recording to make it pass is only right when the resource is removed on purpose.
 */
// The catalog checks judge Kubernetes versions on today's date; the suites judge them on one fixed day
// (test-support/fixed-date.js), and so does the record.
process.env.EKS_CDKTF_TODAY = process.env.EKS_CDKTF_TODAY || "2026-12-01";

import * as fs from "fs";
import * as path from "path";
import { detachedClusterStack } from "../src/constructs/cluster-stack";
import { addressesOf, formatRecord, recordedStacks, recordPath, RECORDS_DIR } from "./addresses";

function main(): void {
  fs.mkdirSync(RECORDS_DIR, { recursive: true });
  const stacks = recordedStacks();
  const written = new Set<string>();
  for (const { record, what, cluster } of stacks) {
    // The document as the app writes it into cdk.tf.json (synthStackJson in test-support/synth.ts does the same).
    const document = JSON.parse(JSON.stringify(detachedClusterStack(cluster).toTerraform())) as Record<string, unknown>;
    const file = recordPath(record);
    const text = formatRecord(what, addressesOf(document));
    const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (before !== text) fs.writeFileSync(file, text);
    written.add(path.basename(file));
    console.log(`${before === undefined ? "wrote    " : before === text ? "unchanged" : "rewrote  "} ${path.relative(process.cwd(), file)}`);
  }
  // A record of an example that is gone (or renamed) would fail the suite's completeness check: remove it.
  for (const file of fs.readdirSync(RECORDS_DIR)) {
    if (file.endsWith(".txt") && !written.has(file)) {
      fs.rmSync(path.join(RECORDS_DIR, file));
      console.log(`removed   ${path.relative(process.cwd(), path.join(RECORDS_DIR, file))}`);
    }
  }
}

main();
