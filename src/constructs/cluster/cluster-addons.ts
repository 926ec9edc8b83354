import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { dependable, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ADDONS_BEFORE_NODES } from "../../config/defaults";
import { addonVersionId } from "../../config/names";
import { AddonSettings } from "../../config/schema";
import { allowAnyChildId } from "../readable-stack";
import { lifecycleOf } from "../managed-node-group";
import { tagsArgument } from "../tags";
import { ServiceAccountRole, WorkloadIdentity } from "../identity/service-account-role";

export { ADDONS_BEFORE_NODES };

/** One add-on: its settings as in the config file, with its configuration already written as JSON text. */
export interface AddonProps extends Omit<AddonSettings, "configurationValues" | "role"> {
  /**
   * The add-on's configuration as JSON text, a Terraform string (`addonConfigurationJson`, then `terraformLiteral`).
   * @default - none: the add-on's defaults
   */
  readonly configurationValues?: string;
  /**
   * The add-on's own IAM role for its service account: bound through EKS Pod Identity (`pod_identity_association`) or
   * IRSA (`service_account_role_arn`). The add-on waits for the role's policies.
   * @default - none: the add-on's pods use the node role
   */
  readonly role?: { readonly role: ServiceAccountRole; readonly identity: WorkloadIdentity; readonly serviceAccount: string };
}

/**
 * An add-on's configuration as JSON text that does not depend on the order keys were written in: keys sorted (by
 * code units, the same everywhere), no spaces. Every own key is written, `__proto__` included.
 */
export function addonConfigurationJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(addonConfigurationJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${addonConfigurationJson(object[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Props of `ClusterAddons`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ClusterAddonsProps {
  /** Name of the cluster (a reference to it, so the add-ons follow its creation). */
  readonly clusterName: string;
  /** The cluster's Kubernetes version as configured: the `latest` lookups are made for it at plan time. */
  readonly kubernetesVersion: string;
  /**
   * Add-ons by name.
   * @default - none
   */
  readonly addons: Readonly<Record<string, AddonProps>>;
  /** Tags of every add-on. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * A reference (`<type>.<name>.<attribute>`, no `${}`) whose change replaces these resources (Terraform's
   * `replace_triggered_by`): the cluster's `id`, unknown only when the cluster is replaced, so a replaced cluster takes
   * them with it instead of leaving them in state on the old one (EKS refuses to delete a cluster that still has node
   * groups, and a new cluster starts without the old one's add-ons and access entries).
   * @default - not replaced with the cluster
   */
  readonly replaceWithCluster?: string;
}

/**
 * The cluster's EKS add-ons, each at `latest`, EKS's `default`, or a pinned version. Each add-on's construct ID is its
 * name (`aws_eks_addon.addons_<name>`), its version lookup's `<name>_version` (`addonVersionId`); any name is an
 * ordinary ID, `constructor` included.
 */
export class ClusterAddons extends Construct {
  /** Every add-on, by name (a null-prototype object: any name is an ordinary key). */
  public readonly addons: Readonly<Record<string, EksAddon>>;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    allowAnyChildId(this);
    const addons = Object.create(null) as Record<string, EksAddon>;
    for (const [name, settings] of Object.entries(props.addons)) {
      addons[name] = new EksAddon(this, name, {
        clusterName: props.clusterName,
        addonName: name,
        addonVersion: this.addonVersion(name, settings.version, props.kubernetesVersion),
        configurationValues: settings.configurationValues,
        serviceAccountRoleArn: settings.role?.identity === "irsa" ? settings.role.role.roleArn : undefined,
        podIdentityAssociation:
          settings.role?.identity === "pod-identity" ? [{ roleArn: settings.role.role.roleArn, serviceAccount: settings.role.serviceAccount }] : undefined,
        dependsOn: settings.role ? [...settings.role.role.dependables] : undefined,
        resolveConflictsOnCreate: settings.resolveConflictsOnCreate ?? "OVERWRITE",
        resolveConflictsOnUpdate: settings.resolveConflictsOnUpdate ?? "OVERWRITE",
        preserve: settings.preserve,
        tags: tagsArgument(props.tags),
        lifecycle: lifecycleOf([], props.replaceWithCluster),
      });
    }
    this.addons = addons;
  }

  /** The add-ons node groups must wait for (vpc-cni, kube-proxy, eks-pod-identity-agent when present). */
  public get beforeNodes(): EksAddon[] {
    return Object.entries(this.addons)
      .filter(([name]) => ADDONS_BEFORE_NODES.includes(name))
      .map(([, addon]) => addon);
  }

  /** The add-ons that must wait for the node groups (coredns and every other Deployment-based add-on). */
  public get afterNodes(): EksAddon[] {
    return Object.entries(this.addons)
      .filter(([name]) => !ADDONS_BEFORE_NODES.includes(name))
      .map(([, addon]) => addon);
  }

  /** Makes every add-on that runs on nodes (see `afterNodes`) wait for the given node groups. */
  public waitFor(nodeGroups: readonly ITerraformDependable[]): void {
    if (nodeGroups.length === 0) return;
    for (const addon of this.afterNodes) {
      addon.dependsOn = [...(addon.dependsOn ?? []), ...nodeGroups.map(dependable)];
    }
  }

  private addonVersion(name: string, version: string, kubernetesVersion: string): string | undefined {
    if (version === "default") return undefined;
    if (version !== "latest") return version;
    return new DataAwsEksAddonVersion(this, addonVersionId(name), {
      addonName: name,
      kubernetesVersion,
      mostRecent: true,
    }).version;
  }
}
