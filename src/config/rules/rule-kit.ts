/** What every rules file shares: where issues go, how paths are written, and readers of values the schema may have refused. */
import { KUBERNETES_VERSION } from "../schema";
import { Issue } from "../schema-parts";

/** Where a rule's issues go. */
export interface Found {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

/** The path of a key below the cluster: `path("nodeGroups", 0, "rootVolume")`. */
export type PathOf = (...keys: (string | number)[]) => string;

export const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
export const isString = (v: unknown): v is string => typeof v === "string";
/** The value as a list, or [] (rules read values the schema may have refused: `withoutRejected` removed them). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The value as a map, or {}. */
export const obj = (v: unknown): Record<string, any> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, any>) : {});
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The add-on that gives pods their EKS Pod Identity credentials (EKS User Guide, "Set up the Amazon EKS Pod Identity Agent"). */
export const POD_IDENTITY_AGENT = "eks-pod-identity-agent";

/** The minor of a Kubernetes version "1.NN", or undefined for anything else. */
export function minorVersion(version: unknown): number | undefined {
  return isString(version) && KUBERNETES_VERSION.test(version) ? Number(version.slice(2)) : undefined;
}
