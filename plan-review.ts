#!/usr/bin/env node
/**
 * `npm run plan-review -- <plan.json>`: a saved Terraform plan, in the JSON of `terraform show -json <plan>`, read as
 * Markdown for a pull-request comment (stdout): what is created, updated, replaced and destroyed, and for each
 * replacement or destruction what it does to the running cluster and the safer path.
 *
 * Exit codes: 0 nothing is replaced or destroyed; 1 something is (or forgotten, or the plan errored); 2 the file is not a readable plan (one line
 * `error: <file>: <why>`), a usage error, or an internal error (a short message; the stack only with DEBUG=1).
 */
import { printable } from "./src/config/printable";
import { ExitCode, runEntryPoint } from "./src/output/entry-point";
import { PlanFileError, readPlanFile, reviewPlan } from "./src/review/plan-review";

const USAGE = "usage: npm run plan-review -- <plan.json>  (plan.json: terraform show -json <saved plan> > plan.json)";

async function planReview(args: readonly string[]): Promise<ExitCode> {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    console.log(USAGE);
    return ExitCode.Success;
  }
  if (args.length !== 1 || args[0] === "") {
    console.error(USAGE);
    return ExitCode.Failed;
  }
  const file = args[0];
  try {
    const { markdown, code } = reviewPlan(readPlanFile(file));
    process.stdout.write(markdown);
    return code;
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    console.error(`error: ${printable(file, 240)}: ${error.message}`);
    return ExitCode.Failed;
  }
}

void runEntryPoint(() => planReview(process.argv.slice(2)));
