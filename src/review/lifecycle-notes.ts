/**
 * What the lifecycle guards (issue 15) add to the synth-time replacement warnings and the plan review:
 * - a cluster under `prevent_destroy` (deletionProtection) that an edit would replace: Terraform refuses the plan
 *   ("Instance cannot be destroyed"), so the warning says so, with the way through;
 * - `bootstrap_self_managed_addons`, which forces a new cluster in hashicorp/aws 5.100.0: set at creation only, kept
 *   out of every later diff by `ignore_changes`, and replacing only when that guard is gone.
 * Reads Terraform JSON and plan JSON only (src/review's rule).
 */
import { preview } from "../config/printable";
import { IMPACTS } from "./impacts";
import { Replacement } from "./replacements";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a resource body of Terraform JSON has `lifecycle.prevent_destroy = true`. */
export function preventsDestroy(body: unknown): boolean {
  if (!isObject(body)) return false;
  const lifecycle = Array.isArray(body.lifecycle) ? body.lifecycle[0] : body.lifecycle;
  return isObject(lifecycle) && lifecycle.prevent_destroy === true;
}

/** The body of `type.name` in a Terraform JSON document. */
function bodyOf(terraform: Json, address: string): unknown {
  const [type, name] = address.split(".");
  const section = terraform.resource;
  const byName = isObject(section) ? section[type] : undefined;
  return isObject(byName) ? byName[name] : undefined;
}

/**
 * The warning for resources the edit replaces while the new configuration (`next`) keeps them under `prevent_destroy`:
 * Terraform refuses any plan that destroys them, so the plan fails before anything changes. Undefined when none.
 * (A resource removed from the configuration takes its `prevent_destroy` with it: Terraform then destroys it.)
 */
export function preventDestroyWarning(clusterName: string, next: Json, replacements: readonly Replacement[]): string | undefined {
  const refused = replacements.filter((r) => r.action === "replaced" && preventsDestroy(bodyOf(next, r.address.replace(/\[[^\]]*\]$/, ""))));
  if (refused.length === 0) return undefined;
  const lines = [
    `warning: cluster ${preview(clusterName, 80)}: deletionProtection is on (lifecycle prevent_destroy), so Terraform will refuse the plan of this change ("Instance cannot be destroyed"): ` +
      `it would replace ${refused.map((r) => r.address).join(", ")}. Nothing is changed; plan and apply fail until the edit is reverted.`,
    `      safer: ${(IMPACTS.aws_eks_cluster?.safer ?? "").replace(/`/g, "")}`,
    "      to replace it on purpose: first apply deletionProtection: false on its own, then apply the edit, then turn deletionProtection back on.",
  ];
  return lines.join("\n");
}

/**
 * The plan review's note on a cluster replaced because of `bootstrap_self_managed_addons`: with the app's
 * `ignore_changes` in place that cannot happen, so the guard was lost (the key removed, Auto Mode turned off, or a
 * configuration not made by this app).
 */
export function bootstrapNote(type: string, replacePaths: readonly (readonly (string | number)[])[]): string[] {
  if (type !== "aws_eks_cluster" || !replacePaths.some((p) => p[0] === "bootstrap_self_managed_addons")) return [];
  return [
    "`bootstrap_self_managed_addons` cannot change on an existing cluster (hashicorp/aws 5.100.0 replaces the cluster). " +
      "The app writes it only with `lifecycle { ignore_changes = [bootstrap_self_managed_addons] }`, so it applies at " +
      "creation and is never diffed afterwards; this plan diffs it, so that guard is gone: `bootstrapSelfManagedAddons` " +
      "was removed from the configuration (Terraform then compares the default, true, with the state) or Auto Mode was " +
      "turned off. Put the key back with the value the cluster was created with (the plan's Before) and plan again.",
  ];
}
