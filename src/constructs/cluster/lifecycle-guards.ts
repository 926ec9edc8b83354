import { EksClusterConfig } from "@cdktf/provider-aws/lib/eks-cluster";
import { TerraformResourceLifecycle } from "cdktf";

/** The lifecycle guards of `Cluster` (issue 15): what `ClusterProps` says of each. */
export interface ClusterGuards {
  readonly deletionProtection?: boolean;
  readonly zonalShift?: boolean;
  readonly bootstrapSelfManagedAddons?: boolean;
}

/** The attribute Terraform must never diff once the cluster exists (it forces a new cluster in hashicorp/aws 5.100.0). */
export const BOOTSTRAP_ATTRIBUTE = "bootstrap_self_managed_addons";

/**
 * The arguments of `aws_eks_cluster` the guards add: `zonal_shift_config` when zonal shift is given,
 * `bootstrap_self_managed_addons` when given (Auto Mode's `false` wins: EKS requires it), and a `lifecycle` with
 * `prevent_destroy` and/or `ignore_changes = [bootstrap_self_managed_addons]`, merged with the one Auto Mode writes
 * (`autoModeLifecycle`), without duplicates. Nothing at all when no guard is given, so existing stacks stay as they were.
 */
export function clusterGuardArguments(
  guards: ClusterGuards,
  autoModeLifecycle: TerraformResourceLifecycle | undefined,
): Pick<EksClusterConfig, "zonalShiftConfig" | "bootstrapSelfManagedAddons" | "lifecycle"> {
  const out: { -readonly [K in keyof Pick<EksClusterConfig, "zonalShiftConfig" | "bootstrapSelfManagedAddons" | "lifecycle">]?: EksClusterConfig[K] } = {};
  if (guards.zonalShift !== undefined) out.zonalShiftConfig = { enabled: guards.zonalShift };
  const bootstrap = guards.bootstrapSelfManagedAddons !== undefined;
  if (bootstrap && autoModeLifecycle === undefined) out.bootstrapSelfManagedAddons = guards.bootstrapSelfManagedAddons;
  if (guards.deletionProtection || bootstrap) {
    const given = autoModeLifecycle?.ignoreChanges;
    const ignored = Array.isArray(given) ? [...given] : [];
    if (bootstrap && !ignored.includes(BOOTSTRAP_ATTRIBUTE)) ignored.push(BOOTSTRAP_ATTRIBUTE);
    out.lifecycle = {
      ...autoModeLifecycle,
      ...(guards.deletionProtection ? { preventDestroy: true } : {}),
      ...(ignored.length > 0 ? { ignoreChanges: ignored } : {}),
    };
  }
  return out;
}
