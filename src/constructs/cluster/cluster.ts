import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DEFAULT_CLUSTER } from "../../config/defaults";
import { AccessSettings, EndpointAccess, EndpointSettings, LoggingSettings, UpgradePolicySettings } from "../../config/schema";
import { ServiceRole } from "../service-role";
import { clusterGuardArguments } from "./lifecycle-guards";
import { tagsArgument } from "../tags";

/**
 * Props of `Cluster`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface ClusterProps {
  /** Cluster name. */
  readonly name: string;
  /** Kubernetes version, e.g. `"1.35"`: always a string (the number 1.30 would reach Terraform as "1.3"). */
  readonly kubernetesVersion: string;
  /** The cluster role; the cluster waits for its policy attachments. */
  readonly role: ServiceRole;
  /** Subnets for the control plane's network interfaces. */
  readonly subnetIds: readonly string[];
  /**
   * Additional security groups for the control plane's network interfaces.
   * @default [] - only the cluster security group EKS creates
   */
  readonly securityGroupIds?: readonly string[];
  /**
   * CIDR block from which Kubernetes Service IP addresses are assigned.
   * @default - EKS chooses 10.100.0.0/16 or 172.20.0.0/16
   */
  readonly serviceIpv4Cidr?: string;
  /**
   * IP family of pods and services (`kubernetes_network_config.ip_family`). EKS: "You can only specify an IP family
   * when you create a cluster and can't change this value once the cluster is created" (KubernetesNetworkConfigRequest):
   * the argument forces a new cluster in hashicorp/aws 5.100.0. With ipv6, EKS assigns services addresses from fc00::/7
   * and pods from the subnets' IPv6 blocks; no service CIDR is given.
   * @default - not written (ipv4, EKS's default)
   */
  readonly ipFamily?: "ipv4" | "ipv6";
  /**
   * API server endpoint access.
   * @default { access: "public-and-private", publicAccessCidrs: ["0.0.0.0/0"] }
   */
  readonly endpoint?: EndpointSettings;
  /**
   * KMS key that envelope-encrypts Kubernetes secrets (given, or created by `SecretsEncryptionKey`).
   * @default - secrets are not envelope-encrypted
   */
  readonly secretsEncryption?: { readonly kmsKeyArn: string };
  /**
   * Authentication mode and whether the cluster's creator gets admin access (`access_config`).
   * @default { authenticationMode: "API_AND_CONFIG_MAP", clusterCreatorAdmin: true } - as the console
   */
  readonly access?: Pick<AccessSettings, "authenticationMode" | "clusterCreatorAdmin">;
  /**
   * Support type when the Kubernetes version leaves standard support.
   * @default - EKS's default (EXTENDED)
   */
  readonly upgradePolicy?: UpgradePolicySettings;
  /**
   * What else the cluster must wait for, e.g. its log group (so EKS does not create one that never expires).
   * @default []
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Control-plane logs.
   * @default { types: [] } - no control-plane logs
   */
  readonly logging?: LoggingSettings;
  /** Tags of the cluster. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * EKS Auto Mode: compute (the built-in node pools, with their node role), block storage and load balancing, all three
   * on together (EKS: "The compute, block storage, and load balancing capabilities must all be enabled or disabled in
   * the same request"), and `bootstrap_self_managed_addons = false` (EKS: "When EKS Auto Mode is enabled,
   * bootstrapSelfManagedAddons must be set to false"). That argument forces a new cluster in hashicorp/aws 5.100.0, so
   * Terraform ignores later changes of it (as terraform-aws-eks v21 does): an existing cluster turned to Auto Mode keeps
   * its stored value instead of being replaced.
   * @default - Auto Mode off: none of these arguments is written
   */
  readonly autoMode?: AutoModeProps;
  /**
   * Refuse every plan that destroys or replaces the cluster: `lifecycle { prevent_destroy = true }`. hashicorp/aws
   * 5.100.0's aws_eks_cluster has no `deletion_protection` argument (EKS's own deletion protection is not in the
   * provider we pin), so this is Terraform's guard: it holds against `terraform destroy` and replacements planned from
   * this configuration, not against the console, the CLI, or removing the resource from the configuration.
   * @default false - nothing written
   */
  readonly deletionProtection?: boolean;
  /**
   * Amazon Application Recovery Controller zonal shift: `zonal_shift_config { enabled = ... }` (EKS User Guide, "Learn
   * about Amazon Application Recovery Controller (ARC) zonal shift in Amazon EKS", zone-shift.html). Changes in place.
   * @default - not written: EKS's default (off), and Terraform leaves whatever the cluster has
   */
  readonly zonalShift?: boolean;
  /**
   * Whether EKS installs the unmanaged vpc-cni, kube-proxy and CoreDNS at creation. The argument forces a new cluster
   * in hashicorp/aws 5.100.0, so when given it is written together with `lifecycle { ignore_changes =
   * [bootstrap_self_managed_addons] }` (merged with Auto Mode's, which already ignores it): it takes effect when the
   * cluster is created and is never diffed afterwards. Auto Mode's `false` wins (EKS requires it).
   * @default - not written (EKS's default, true), as before
   */
  readonly bootstrapSelfManagedAddons?: boolean;
}

/** EKS Auto Mode's settings of the cluster (`compute_config`). */
export interface AutoModeProps {
  /** ARN of the node role of the built-in node pools; it cannot change once Auto Mode is on (changing it replaces the cluster). */
  readonly nodeRoleArn: string;
  /** The built-in node pools, `general-purpose` and/or `system` (at least one: EKS refuses a node role without pools). */
  readonly nodePools: readonly string[];
}

/** The two booleans of `vpc_config` that an endpoint access setting means. */
export function endpointFlags(access: EndpointAccess): { endpointPublicAccess: boolean; endpointPrivateAccess: boolean } {
  return {
    endpointPublicAccess: access !== "private",
    endpointPrivateAccess: access !== "public",
  };
}

/** A copy of the list, or undefined when it is empty (no `x = []` in the generated Terraform). */
function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** The EKS control plane. It waits for its role's policy attachments, so EKS can use the role from the start. */
export class Cluster extends Construct {
  public readonly resource: EksCluster;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const endpoint = props.endpoint ?? DEFAULT_CLUSTER.endpoint;
    const access = props.access ?? DEFAULT_CLUSTER.access;
    const flags = endpointFlags(endpoint.access);
    const autoMode = props.autoMode;
    // Written only for ipv6, so an IPv4 cluster's Terraform is as it was before the key existed.
    const ipFamily = props.ipFamily === "ipv6" ? { ipFamily: "ipv6" } : undefined;

    this.resource = new EksCluster(this, "Resource", {
      name: props.name,
      version: props.kubernetesVersion,
      roleArn: props.role.roleArn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        securityGroupIds: nonEmpty(props.securityGroupIds),
        ...flags,
        // Only meaningful with a public endpoint; EKS rejects CIDRs on a private-only one.
        publicAccessCidrs: flags.endpointPublicAccess ? [...endpoint.publicAccessCidrs] : undefined,
      },
      kubernetesNetworkConfig: autoMode
        ? { serviceIpv4Cidr: props.serviceIpv4Cidr, ...ipFamily, elasticLoadBalancing: { enabled: true } }
        : props.serviceIpv4Cidr || ipFamily
          ? { serviceIpv4Cidr: props.serviceIpv4Cidr, ...ipFamily }
          : undefined,
      ...(autoMode
        ? {
            computeConfig: { enabled: true, nodePools: [...autoMode.nodePools], nodeRoleArn: autoMode.nodeRoleArn },
            storageConfig: { blockStorage: { enabled: true } },
            bootstrapSelfManagedAddons: false,
            lifecycle: { ignoreChanges: ["bootstrap_self_managed_addons"] },
          }
        : {}),
      // Lifecycle guards (issue 15): nothing unless given; merges with Auto Mode's lifecycle above.
      ...clusterGuardArguments(props, autoMode ? { ignoreChanges: ["bootstrap_self_managed_addons"] } : undefined),
      encryptionConfig: props.secretsEncryption
        ? { provider: { keyArn: props.secretsEncryption.kmsKeyArn }, resources: ["secrets"] }
        : undefined,
      enabledClusterLogTypes: nonEmpty(props.logging?.types),
      accessConfig: {
        authenticationMode: access.authenticationMode,
        bootstrapClusterCreatorAdminPermissions: access.clusterCreatorAdmin,
      },
      upgradePolicy: props.upgradePolicy ? { supportType: props.upgradePolicy.supportType } : undefined,
      tags: tagsArgument(props.tags),
      dependsOn: [...props.role.dependables, ...(props.dependsOn ?? [])],
    });
  }

  public get name(): string {
    return this.resource.name;
  }

  /** The cluster's Kubernetes version as EKS reports it (a reference, so dependents follow upgrades). */
  public get version(): string {
    return this.resource.version;
  }

  /**
   * For `replace_triggered_by` in what lives in the cluster: `aws_eks_cluster.<id>.id`. The id is the cluster's name,
   * known and unchanged through in-place updates (a version upgrade, tags, logging), unknown only in a plan that
   * replaces the cluster: then, and only then, the resources naming it are replaced too.
   */
  public get replacementTrigger(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}.id`;
  }
}
