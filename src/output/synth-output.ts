/**
 * The app's whole output, written by one run: cdktf's manifest.json and `stacks/<cluster>/cdk.tf.json`, and each
 * cluster's hand-off (`handoff/<cluster>/main.tf`, `REVIEW.md`), together in cdktf.out (or CDKTF_OUTDIR, which the
 * cdktf CLI sets), atomically and one run at a time (see atomic-output.ts).
 *
 * Loads cdktf: require it only after the configuration passed.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { LoadedClusters } from "../config/load";
import { ClusterStack } from "../constructs/cluster-stack";
import { CarryOverPolicy, writeOutputAtomically } from "./atomic-output";
import { withSortedKeys, writeHandoff } from "./handoff";
import { renderHcl } from "./hcl-render";
import { preview } from "../config/printable";

/** The files the app writes, per folder: never carried over from a previous output (stale ones must not linger). */
const GENERATED: Record<string, readonly string[]> = {
  "": ["manifest.json"],
  stacks: ["cdk.tf.json", "cdk.tf", "metadata.json"],
  handoff: ["main.tf", "REVIEW.md", "karpenter.yaml"],
};

/**
 * What of the previous output the new one keeps: files the app does not write (Terraform's `.terraform/`,
 * `.terraform.lock.hcl`, a hand-off's `terraform.tfstate`...), except in the folders of clusters no longer configured.
 *
 * `cliRun`: the cdktf CLI ran the app (it sets CDKTF_OUTDIR). The CLI lists `stacks/` before running the app and
 * afterwards deletes the folders of stacks the app no longer synthesized, failing (ENOENT) on any already gone; for
 * it, such a folder is left empty for it to delete.
 */
export function carryOverPolicy(cliRun: boolean): CarryOverPolicy {
  return {
    replacedFolders: ["stacks", "handoff"],
    isGenerated: (relative) => {
      const parts = relative.split(path.sep);
      if (parts.length === 1) return GENERATED[""].includes(parts[0]);
      return parts.length === 3 && (GENERATED[parts[0]] ?? []).includes(parts[2]);
    },
    placeholder: (relative) => cliRun && relative.split(path.sep)[0] === "stacks",
  };
}

/**
 * A cluster stack that `cdktf synth --hcl` writes as HCL rendered from its own Terraform JSON (`renderHcl`, as the
 * hand-off is): cdk.tf then means what cdk.tf.json would, with no second rendering of the configuration.
 */
class HclClusterStack extends ClusterStack {
  public toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const json = withSortedKeys(JSON.parse(JSON.stringify(this.toTerraform()))) as Record<string, unknown>;
    const { "//": metadata, ...configuration } = json;
    return { hcl: renderHcl(configuration), metadata: (metadata ?? {}) as Record<string, unknown> };
  }
}

/**
 * Synthesizes every cluster's stack and hand-off into `outdir`, an empty folder; returns each stack's Terraform JSON,
 * read once, by cluster name.
 */
export function synthesizeInto(outdir: string, loaded: LoadedClusters): Map<string, Record<string, unknown>> {
  const app = new App({ outdir });
  const stacks = loaded.clusters.map((cluster) => (app.hclOutput ? new HclClusterStack(app, cluster) : new ClusterStack(app, cluster)));
  app.synth();
  const documents = new Map<string, Record<string, unknown>>();
  loaded.clusters.forEach((cluster, i) => {
    // With `cdktf synth --hcl` cdktf writes cdk.tf instead of cdk.tf.json: then the stack itself is the document.
    const terraform = (
      app.hclOutput ? JSON.parse(JSON.stringify(stacks[i].toTerraform())) : JSON.parse(fs.readFileSync(path.join(outdir, "stacks", cluster.name, "cdk.tf.json"), "utf8"))
    ) as Record<string, unknown>;
    writeHandoff(cluster, loaded.given[i], outdir, terraform);
    documents.set(cluster.name, terraform);
  });
  return documents;
}

/** A stack's Terraform JSON in an output folder, or undefined when there is none (first synth, `--hcl`) or it is unreadable. */
function stackJsonIn(outdir: string, cluster: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", cluster, "cdk.tf.json"), "utf8"));
    return json !== null && typeof json === "object" && !Array.isArray(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The replacement warnings of every cluster whose previous stack is in `previousDir` (the output being replaced):
 * what the new stacks (`documents`, from `synthesizeInto`) will make Terraform replace or destroy
 * (src/review/replacements.ts).
 */
export function replacementWarnings(previousDir: string, documents: ReadonlyMap<string, Record<string, unknown>>, loaded: LoadedClusters): string[] {
  const warnings: string[] = [];
  for (const cluster of loaded.clusters) {
    const previous = stackJsonIn(previousDir, cluster.name);
    const next = previous && documents.get(cluster.name);
    if (!previous || !next) continue;
    // Loaded only when there is something to compare (~10 ms of start-up otherwise).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { formatReplacements, replacementsBetween } = require("../review/replacements") as typeof import("../review/replacements");
    const backend = backendChange(cluster.name, previous, next);
    if (backend) warnings.push(backend);
    const found = replacementsBetween(previous, next, cluster);
    const text = formatReplacements(cluster.name, found);
    if (text) warnings.push(text);
    // deletionProtection (prevent_destroy): Terraform refuses a plan that replaces the cluster (src/review/lifecycle-notes.ts)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const refused = (require("../review/lifecycle-notes") as typeof import("../review/lifecycle-notes")).preventDestroyWarning(cluster.name, next, found);
    if (refused) warnings.push(refused);
  }
  // A cluster renamed or removed: its stack goes, and with it the only configuration that manages what it created.
  const configured = new Set(loaded.clusters.map((c) => c.name));
  const gone = stackNamesIn(previousDir).filter((name) => !configured.has(name) && stackJsonIn(previousDir, name));
  for (const name of gone) {
    warnings.push(
      `warning: cluster ${preview(name, 80)} is no longer in the configuration: its stack is removed from the output, but what it created in AWS keeps running, ` +
        "unmanaged, and its state stays where its backend keeps it. Renamed? A cluster's name cannot change in place: the new name is a new cluster. " +
        `To delete the old one, synthesize the configuration that still has it and run cdktf destroy ${preview(name, 80)} first.`,
    );
  }
  return warnings;
}

/** The stack folders of an output, sorted. */
function stackNamesIn(outdir: string): string[] {
  try {
    return fs.readdirSync(path.join(outdir, "stacks")).sort();
  } catch {
    return [];
  }
}

/** A warning when the state backend changed: Terraform then looks for the state elsewhere. */
function backendChange(cluster: string, previous: Record<string, unknown>, next: Record<string, unknown>): string | undefined {
  // A `cloud` block (HCP Terraform) sits beside where `backend` would: compared as `{ cloud: ... }`.
  const backendOf = (json: Record<string, unknown>) => {
    const terraform = json.terraform as { backend?: unknown; cloud?: unknown } | undefined;
    return JSON.stringify(terraform?.backend ?? (terraform?.cloud !== undefined ? { cloud: terraform.cloud } : null));
  };
  if (backendOf(previous) === backendOf(next)) return undefined;
  return (
    `warning: cluster ${preview(cluster, 80)}: the state backend changed (${preview(JSON.parse(backendOf(previous)), 120)} -> ${preview(JSON.parse(backendOf(next)), 120)}). ` +
    "Terraform will ask to migrate the state (terraform init -migrate-state); planned against an empty state instead, it would create a second cluster."
  );
}

/**
 * Writes the output of the loaded clusters to cdktf.out, or to CDKTF_OUTDIR when set (the cdktf CLI sets it from
 * `--output` or cdktf.json), replacing the previous output whole once the new one is complete. Before the swap, the new
 * stacks are compared with the previous ones: what an edit will make Terraform replace or destroy is printed as a
 * warning (stderr) once the new output is in place.
 */
export async function writeClusterOutput(loaded: LoadedClusters, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const outputName = env.CDKTF_OUTDIR || "cdktf.out";
  let warnings: string[] = [];
  await writeOutputAtomically(
    outputName,
    (dir) => {
      warnings = replacementWarnings(outputName, synthesizeInto(dir, loaded), loaded);
    },
    carryOverPolicy(env.CDKTF_OUTDIR !== undefined),
  );
  for (const warning of warnings) console.error(warning);
}
