/**
 * `npm run check`: the security findings of every configured cluster, and whether any is neither fixed nor waived.
 * The entry point (check.ts) handles the configuration's errors (exit 1) and internal errors (exit 2).
 */
import { detachedClusterStack } from "../constructs/cluster-stack";
import { ClusterConfig } from "../config/schema";
import { Finding, findingsOf, today, unusedWaivers } from "./findings";

/** The stack's Terraform JSON, synthesized in memory. */
export function synthesizeTerraform(config: ClusterConfig): Record<string, any> {
  return JSON.parse(JSON.stringify(detachedClusterStack(config).toTerraform()));
}

function describe(f: Finding): string {
  return [`  ${f.rule.severity.padEnd(8)} ${f.rule.ids.join(" / ")}  ${f.address}`, `      ${f.rule.title}: ${f.detail}`, `      fix: ${f.rule.fix}`].join("\n");
}

/** The report of all clusters and the exit code: 1 when any finding is open, else 0. */
export function checkClusters(clusters: readonly ClusterConfig[], date = today()): { report: string; code: 0 | 1 } {
  const lines: string[] = [];
  let open = 0;
  for (const cluster of clusters) {
    const findings = findingsOf(synthesizeTerraform(cluster), cluster.waivers, date);
    const openHere = findings.filter((f) => !f.waived);
    open += openHere.length;
    lines.push(`${cluster.name}: ${openHere.length} open finding${openHere.length === 1 ? "" : "s"}, ${findings.length - openHere.length} waived`);
    lines.push(...openHere.map(describe));
    for (const f of findings.filter((x) => x.waived)) lines.push(`  waived   ${f.rule.ids.join(" / ")}  ${f.address}: ${f.waived}`);
    for (const w of unusedWaivers(findings, cluster.waivers)) lines.push(`  warning: the waiver of ${w.rule} matches no finding: remove it`);
  }
  lines.push(
    open > 0
      ? `check failed: ${open} open finding${open === 1 ? "" : "s"}. Fix each with the config key shown, or waive it: waivers: [{ rule: <id>, reason: "..." }]`
      : "check passed: no open findings",
  );
  return { report: lines.join("\n"), code: open > 0 ? 1 : 0 };
}
