/** Rules across keys for Karpenter (issue 14): the controller and node roles, the interruption queue, discovery tags. Every rule mirrors an AWS limit or API error and cites it. */
import { Issue } from "../schema-parts";

/** Where a rule's issues go. */
export interface Found {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

/** The path of a key below the cluster: `path("nodeGroups", 0, "rootVolume")`. */
export type PathOf = (...keys: (string | number)[]) => string;

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkKarpenter(_c: Record<string, any>, _given: Record<string, any>, _path: PathOf, _found: Found): void {
  // Rules land with the feature.
}
