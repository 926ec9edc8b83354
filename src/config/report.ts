/** How configuration problems and warnings read on the terminal. */
import { ConfigError, LoadedClusters } from "./load";
import { Issue } from "./schema-parts";

function show(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function describe(issue: Issue, lines: ReadonlyMap<string, number>, label = "rule"): string {
  const line = lines.get(issue.path);
  return [
    `  ${issue.path}${line !== undefined ? ` (line ${line})` : ""}: ${show(issue.value)}`,
    `      ${label}: ${issue.rule}`,
    `      fix:  ${issue.fix}`,
  ].join("\n");
}

/** Issues by their line in the file (stable; those without a line keep their order, last). */
function inFileOrder(issues: readonly Issue[], lines: ReadonlyMap<string, number>): Issue[] {
  return [...issues].sort((a, b) => (lines.get(a.path) ?? Infinity) - (lines.get(b.path) ?? Infinity));
}

/** Every problem of a rejected configuration, and that nothing was written. */
export function formatConfigError(error: ConfigError): string {
  const count = `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`;
  return [
    `error: ${error.source} is not a valid cluster configuration (${count}); nothing was written.`,
    ...inFileOrder(error.issues, error.lines).map((issue) => describe(issue, error.lines)),
  ].join("\n");
}

/** The warnings of an accepted configuration: legal, but risky. */
export function formatWarnings(loaded: LoadedClusters): string {
  if (loaded.warnings.length === 0) return "";
  return [
    `warning: ${loaded.source}: ${loaded.warnings.length} legal but risky setting${loaded.warnings.length === 1 ? "" : "s"}:`,
    ...inFileOrder(loaded.warnings, loaded.lines).map((w) => describe(w, loaded.lines, "risk")),
  ].join("\n");
}
