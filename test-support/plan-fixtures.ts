/**
 * Builders of `terraform show -json` plan documents for the plan-review tests: only the fields the review reads,
 * shaped as Terraform 1.x writes them.
 */

/** The options of one resource change. */
export interface ChangeOptions {
  readonly replacePaths?: readonly (readonly unknown[])[];
  readonly reason?: string;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
  readonly deposed?: string;
}

/** `module.a.module.b.aws_x.y` -> its module address, type and name. */
function parts(address: string): { module_address?: string; type: string; name: string } {
  const segments = address.split(".");
  const name = segments.pop()!;
  const type = segments.pop()!;
  return segments.length > 0 ? { module_address: segments.join("."), type, name } : { type, name };
}

/** One entry of `resource_changes`. */
export function change(address: string, actions: readonly string[], before: unknown, after: unknown, options: ChangeOptions = {}): Record<string, unknown> {
  return {
    address,
    ...parts(address),
    mode: "managed",
    provider_name: "registry.terraform.io/hashicorp/aws",
    ...(options.deposed ? { deposed: options.deposed } : {}),
    change: {
      actions,
      before,
      after,
      after_unknown: options.afterUnknown ?? {},
      before_sensitive: options.beforeSensitive ?? {},
      after_sensitive: options.afterSensitive ?? {},
      ...(options.replacePaths ? { replace_paths: options.replacePaths } : {}),
    },
    ...(options.reason ? { action_reason: options.reason } : {}),
  };
}

/** A plan document with these resource changes. */
export function plan(resourceChanges: readonly unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    configuration: { root_module: {} },
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

/** A node group as the plan shows it. */
export function nodeGroup(name: string, cluster: string, instanceTypes: readonly string[], desired = 2): Record<string, unknown> {
  return {
    node_group_name: name,
    cluster_name: cluster,
    instance_types: instanceTypes,
    scaling_config: [{ desired_size: desired, max_size: 3, min_size: 1 }],
    capacity_type: "ON_DEMAND",
  };
}

/** A cluster as the plan shows it. */
export function cluster(name: string, serviceCidr: string): Record<string, unknown> {
  return { name, version: "1.33", kubernetes_network_config: [{ service_ipv4_cidr: serviceCidr, ip_family: "ipv4" }] };
}
