/** How configuration problems and warnings read on the terminal. */
import { ConfigError, LoadedClusters } from "./load";
import { preview, printable } from "./printable";
import { Issue } from "./schema-parts";

/** At most this many problems are printed one by one; the count says how many there are. */
export const MAX_LISTED = 1000;

/** One problem: every part escaped and cut (paths hold user keys, rules and fixes quote user values). */
function describe(issue: Issue, lines: ReadonlyMap<string, number>, label = "rule"): string {
  const line = lines.get(issue.path);
  return [
    `  ${printable(issue.path, 200)}${line !== undefined ? ` (line ${line})` : ""}: ${preview(issue.value)}`,
    `      ${label}: ${printable(issue.rule, 500)}`,
    `      fix:  ${printable(issue.fix, 500)}`,
  ].join("\n");
}

/** The problems, in file order, at most MAX_LISTED of them. */
export function describeIssues(issues: readonly Issue[], lines: ReadonlyMap<string, number>, label?: string): string[] {
  return listed(issues, lines, label);
}

function listed(issues: readonly Issue[], lines: ReadonlyMap<string, number>, label?: string): string[] {
  const ordered = inFileOrder(issues, lines);
  const shown = ordered.slice(0, MAX_LISTED).map((issue) => describe(issue, lines, label));
  if (ordered.length > MAX_LISTED) shown.push(`  ... and ${ordered.length - MAX_LISTED} more`);
  return shown;
}

/** Issues by their line in the file (stable; those without a line keep their order, last). */
function inFileOrder(issues: readonly Issue[], lines: ReadonlyMap<string, number>): Issue[] {
  return [...issues].sort((a, b) => (lines.get(a.path) ?? Infinity) - (lines.get(b.path) ?? Infinity));
}

/** Every problem of a rejected configuration, and that nothing was written. */
export function formatConfigError(error: ConfigError): string {
  const count = `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`;
  return [
    `error: ${printable(error.source, 200)} is not a valid cluster configuration (${count}); nothing was written.`,
    ...listed(error.issues, error.lines),
  ].join("\n");
}

/** The warnings of an accepted configuration: legal, but risky. */
export function formatWarnings(loaded: LoadedClusters): string {
  if (loaded.warnings.length === 0) return "";
  return [
    `warning: ${printable(loaded.source, 200)}: ${loaded.warnings.length} legal but risky setting${loaded.warnings.length === 1 ? "" : "s"}:`,
    ...listed(loaded.warnings, loaded.lines, "risk"),
  ].join("\n");
}
