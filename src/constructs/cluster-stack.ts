import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, LocalBackend, S3Backend, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { Cluster } from "./cluster/cluster";
import { ClusterAccess } from "./cluster/cluster-access";
import { addonConfigurationJson, AddonProps, ClusterAddons } from "./cluster/cluster-addons";
import { ClusterLogGroup } from "./cluster/cluster-log-group";
import { CLUSTER_ROLE_POLICIES, nodeRolePoliciesOf } from "../config/defaults";
import { addonCatalogEntry } from "../config/catalogs/addon-versions";
import { addonRoleId, cdktfMarker, nodeGroupId, nodeRoleId, OIDC_PROVIDER_ID, roleKey, serviceAccountRoleId, terraformLiteral, terraformLiterals } from "../config/names";
import { OidcProvider } from "./identity/oidc-provider";
import { ServiceAccountRole } from "./identity/service-account-role";
import { ClusterConfig, RoleReference } from "../config/schema";
import { ManagedNodeGroup } from "./managed-node-group";
import { NetworkLookup } from "./network-lookup";
import { ReadableStack } from "./readable-stack";
import { SecretsEncryptionKey } from "./cluster/secrets-encryption-key";
import { ServiceRole } from "./service-role";
import { terraformStringExpression } from "./terraform-literal";

export interface ClusterStackOptions {
  /**
   * Path of the local state file, relative to the folder Terraform runs in (ignored with an S3 backend).
   * @default "../../../terraform.<name>.tfstate" - the project folder, as cdktf keeps it, seen from
   * `cdktf.out/stacks/<name>/` (cdktf deletes stack folders it no longer synthesizes, so state must not live there)
   */
  readonly localStatePath?: string;
}

/**
 * A prepared stack that belongs to no synthesized app, to render (`toTerraform`, `toHclTerraform`) without writing
 * anything: cdktf's App creates its outdir, so it gets a scratch one that is removed again.
 */
export function detachedClusterStack(config: ClusterConfig, options: ClusterStackOptions = {}): ClusterStack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-"));
  try {
    const stack = new ClusterStack(new App({ outdir }), config, options);
    stack.prepareStack();
    return stack;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * One EKS cluster as one Terraform stack, named after the cluster: provider, network lookup, IAM roles,
 * control plane, add-ons, managed node groups and outputs.
 *
 * Terraform addresses follow `ReadableStack`: `aws_eks_cluster.cluster`, `aws_eks_addon.addons_coredns`,
 * `aws_eks_node_group.node_group_<name>`, `aws_iam_role.node_role_<role name>` (src/config/names.ts holds the rules,
 * and `nameCollisions` there rejects configurations in which two of them would meet).
 *
 * The configuration is literal data: every string in it reaches Terraform as that text. The constructor passes the
 * whole configuration through `terraformLiterals` (src/config/names.ts) once, before building anything, so every
 * string, of every key present or future, is escaped exactly once; the constructs below get Terraform strings. Two
 * places take the configuration as given instead, each with the writing of its context: the backend block (not a
 * template in Terraform's JSON syntax; `backendSetting`) and the KMS key ARN inside the key policy's `jsonencode()`
 * (an expression; `terraformStringExpression`).
 */
export class ClusterStack extends ReadableStack {
  public readonly cluster: Cluster;
  public readonly addons: ClusterAddons;
  public readonly nodeGroups: readonly ManagedNodeGroup[];
  /** The cluster's IAM OIDC provider, when a role uses IRSA. */
  public readonly oidcProvider?: OidcProvider;
  /** The roles of `serviceAccounts`, in their order. */
  public readonly serviceAccountRoles: readonly ServiceAccountRole[];
  /** The add-ons' own roles, by add-on name. */
  public readonly addonRoles: Readonly<Record<string, NonNullable<AddonProps["role"]>>>;

  constructor(scope: Construct, given: ClusterConfig, options: ClusterStackOptions = {}) {
    super(scope, given.name);
    // From here on, `config` holds Terraform strings: what Terraform reads back as the given text.
    const config = terraformLiterals(given);

    new AwsProvider(this, "aws", { region: config.region });
    // cdktf writes the short source "aws"; spell out the registry address readers of the hand-off expect.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
    this.addBackend(given, options);
    const partition = new DataAwsPartition(this, "current").partition;

    const network = new NetworkLookup(this, "network", {
      vpcId: config.network.vpcId,
      subnetIds: config.network.subnetIds,
    });

    const clusterRole = new ServiceRole(this, "cluster_role", {
      role: config.clusterRole,
      servicePrincipal: "eks.amazonaws.com",
      managedPolicyNames: CLUSTER_ROLE_POLICIES,
      partition,
      tags: config.tags,
    });

    // Secrets encryption: a created key, or a given one; the cluster role may use it either way.
    const createdKey = config.secretsEncryption?.createKey
      ? new SecretsEncryptionKey(this, "secrets_key", { clusterName: config.name, tags: config.tags })
      : undefined;
    const secretsKeyArn = createdKey?.keyArn ?? config.secretsEncryption?.kmsKeyArn;
    // The same key inside the policy's jsonencode(), an expression: a reference as it is, a given ARN as a quoted string.
    const givenKeyArn = given.secretsEncryption?.kmsKeyArn;
    const policyKeyArn = createdKey?.keyArn ?? (givenKeyArn === undefined ? undefined : terraformStringExpression(givenKeyArn));
    if (policyKeyArn) {
      clusterRole.addInlinePolicy("secrets_encryption", "EKSSecretsEncryption", [
        { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: policyKeyArn },
      ]);
    }
    const logGroup =
      config.logging.retentionDays !== undefined
        ? new ClusterLogGroup(this, "cluster_logs", { clusterName: config.name, retentionDays: config.logging.retentionDays, tags: config.tags })
        : undefined;

    this.cluster = new Cluster(this, "cluster", {
      name: config.name,
      kubernetesVersion: config.kubernetesVersion,
      role: clusterRole,
      subnetIds: network.subnetIds,
      securityGroupIds: config.network.securityGroupIds,
      serviceIpv4Cidr: config.network.serviceIpv4Cidr,
      endpoint: config.endpoint,
      secretsEncryption: secretsKeyArn ? { kmsKeyArn: secretsKeyArn } : undefined,
      logging: config.logging,
      access: config.access,
      upgradePolicy: config.upgradePolicy,
      tags: config.tags,
      dependsOn: logGroup ? [logGroup.resource] : [],
    });

    // What lives in the cluster is replaced with it (see `replaceWithCluster`).
    const replaceWithCluster = this.cluster.replacementTrigger;
    new ClusterAccess(this, "access", { clusterName: this.cluster.name, entries: config.access.entries, partition, tags: config.tags, replaceWithCluster });

    // Workload identity: the OIDC provider (when a role uses IRSA), the service accounts' roles, the add-ons' roles.
    const usesIrsa = config.serviceAccounts.some((s) => s.identity === "irsa") || Object.values(config.addons).some((a) => a.role?.identity === "irsa");
    this.oidcProvider = usesIrsa
      ? new OidcProvider(this, OIDC_PROVIDER_ID, { issuerUrl: this.cluster.resource.identity.get(0).oidc.get(0).issuer, tags: config.tags })
      : undefined;
    this.serviceAccountRoles = config.serviceAccounts.map((s, i) => {
      const inline = given.serviceAccounts[i]?.inlinePolicy;
      return new ServiceAccountRole(this, serviceAccountRoleId(s.namespace, s.name), {
        namespace: s.namespace,
        serviceAccount: s.name,
        identity: s.identity,
        roleName: s.roleName ?? "",
        managedPolicyArns: s.managedPolicyArns,
        inlinePolicy: inline === undefined ? undefined : terraformLiteral(addonConfigurationJson(inline)),
        clusterName: this.cluster.name,
        oidcProvider: this.oidcProvider,
        tags: config.tags,
        replaceWithCluster,
      });
    });
    const addonRoles = Object.create(null) as Record<string, NonNullable<AddonProps["role"]>>;
    for (const [name, settings] of Object.entries(config.addons)) {
      const role = settings.role;
      const entry = addonCatalogEntry(name);
      if (!role || !entry?.serviceAccount || !entry.namespace) continue;
      const identity = role.identity ?? "pod-identity";
      addonRoles[name] = {
        identity,
        serviceAccount: entry.serviceAccount,
        role: new ServiceAccountRole(this, addonRoleId(name), {
          namespace: entry.namespace,
          serviceAccount: entry.serviceAccount,
          identity,
          roleName: role.roleName ?? "",
          managedPolicyArns: role.managedPolicyArns ?? [],
          clusterName: this.cluster.name,
          oidcProvider: this.oidcProvider,
          // The add-on binds the role itself (its pod_identity_association block, or service_account_role_arn).
          associate: false,
          tags: config.tags,
        }),
      };
    }
    this.addonRoles = addonRoles;

    this.addons = new ClusterAddons(this, "addons", {
      clusterName: this.cluster.name,
      kubernetesVersion: config.kubernetesVersion,
      addons: addonProps(config, given, addonRoles),
      tags: config.tags,
      replaceWithCluster,
    });

    // Node groups naming the same role share it: IAM role names are unique in an account. With a role of its own
    // for vpc-cni, the CNI policy stays off the node role (EKS best practices: least privilege for the CNI).
    const nodeRolePolicies = nodeRolePoliciesOf(config);
    const nodeRoles = new Map<string, ServiceRole>();
    const nodeRole = (ref: RoleReference): ServiceRole => {
      const key = roleKey(ref);
      let role = nodeRoles.get(key);
      if (!role) {
        role = new ServiceRole(this, nodeRoleId(ref), {
          role: ref,
          servicePrincipal: "ec2.amazonaws.com",
          managedPolicyNames: nodeRolePolicies,
          partition,
          tags: config.tags,
        });
        nodeRoles.set(key, role);
      }
      return role;
    };

    this.nodeGroups = config.nodeGroups.map(
      (group) =>
        new ManagedNodeGroup(this, nodeGroupId(group.name), {
          settings: group,
          clusterName: this.cluster.name,
          kubernetesVersion: this.cluster.version,
          role: nodeRole(group.role),
          subnetIds: group.subnetIds ?? network.subnetIds,
          dependsOn: this.addons.beforeNodes,
          clusterTags: config.tags,
          replaceWithCluster,
        }),
    );
    this.addons.waitFor(this.nodeGroups.map((g) => g.resource));

    this.addOutputs(config);
  }

  /** S3 with S3's lock file and encryption when configured; otherwise local state by a relative path. */
  private addBackend(given: ClusterConfig, options: ClusterStackOptions): void {
    const setting = backendSetting;
    const s3 = given.backend?.s3;
    if (!s3) {
      new LocalBackend(this, { path: setting(options.localStatePath ?? `../../../terraform.${given.name}.tfstate`, "local state path") });
      return;
    }
    const backend = new S3Backend(this, {
      bucket: setting(s3.bucket, "backend.s3.bucket"),
      key: setting(s3.key ?? `${given.name}/terraform.tfstate`, "backend.s3.key"),
      region: setting(s3.region ?? given.region, "backend.s3.region"),
      encrypt: true,
    });
    // Terraform 1.10+ locks with a lock file in the bucket; cdktf 0.21's S3Backend has no property for it.
    backend.addOverride("use_lockfile", true);
  }

  private addOutputs(config: ClusterConfig): void {
    const eks = this.cluster.resource;
    const output = (id: string, description: string, value: unknown) =>
      new TerraformOutput(this, id, { description, value });

    output("cluster_name", "Name of the EKS cluster.", eks.name);
    output("cluster_arn", "ARN of the EKS cluster.", eks.arn);
    output("cluster_endpoint", "URL of the Kubernetes API server.", eks.endpoint);
    output(
      "cluster_certificate_authority_data",
      "Base64-encoded certificate authority data of the cluster, for kubeconfig.",
      eks.certificateAuthority.get(0).data,
    );
    output(
      "cluster_oidc_issuer_url",
      "OIDC issuer URL of the cluster, for IAM roles for service accounts.",
      eks.identity.get(0).oidc.get(0).issuer,
    );
    output(
      "node_group_arns",
      "ARN of each managed node group, by node group name.",
      Object.fromEntries(this.nodeGroups.map((g) => [g.name, g.resource.arn])),
    );
    output(
      "node_group_statuses",
      "Status of each managed node group, by node group name.",
      Object.fromEntries(this.nodeGroups.map((g) => [g.name, g.resource.status])),
    );
    if (this.oidcProvider) output("oidc_provider_arn", "ARN of the cluster's IAM OIDC provider, which IRSA roles trust.", this.oidcProvider.arn);
    if (this.serviceAccountRoles.length > 0) {
      output(
        "service_account_role_arns",
        "ARN of each service account's IAM role, by <namespace>/<name>.",
        Object.fromEntries(config.serviceAccounts.map((s, i) => [`${s.namespace}/${s.name}`, this.serviceAccountRoles[i].roleArn])),
      );
    }
    if (Object.keys(this.addonRoles).length > 0) {
      output(
        "addon_role_arns",
        "ARN of each add-on's own IAM role, by add-on name.",
        Object.fromEntries(Object.entries(this.addonRoles).map(([name, r]) => [name, r.role.roleArn])),
      );
    }
    output(
      "kubeconfig_command",
      "Command that adds the cluster to your kubeconfig, so kubectl can reach it.",
      `aws eks update-kubeconfig --region ${config.region} --name ${config.name}`,
    );
  }
}

/**
 * The add-ons' props: the settings as Terraform strings, each configuration written as JSON text from the map as
 * given (its own escapes would not survive JSON's), then made a Terraform literal as a whole.
 */
function addonProps(config: ClusterConfig, given: ClusterConfig, roles: Readonly<Record<string, NonNullable<AddonProps["role"]>>>): Record<string, AddonProps> {
  const out = Object.create(null) as Record<string, AddonProps>;
  for (const name of Object.keys(config.addons)) {
    const { configurationValues: _escaped, role: _role, ...settings } = config.addons[name];
    const values = Object.prototype.hasOwnProperty.call(given.addons, name) ? given.addons[name]?.configurationValues : undefined;
    out[name] = {
      ...settings,
      ...(values !== undefined ? { configurationValues: terraformLiteral(addonConfigurationJson(values)) } : {}),
      ...(roles[name] ? { role: roles[name] } : {}),
    };
  }
  return out;
}

/**
 * A backend setting as Terraform must read it. Terraform's JSON syntax reads the backend block literally (no template:
 * `$${x}` stays `$${x}`), so the setting is written as given, and what cdktf would take for one of its tokens cannot
 * be escaped there: an error (validation's `unsupportedValues` reports it first). The HCL renderings (`cdktf synth
 * --hcl`, the hand-off) write the terraform block's strings with `${` escaped, so HCL reads them literally too.
 */
export function backendSetting(value: string, what: string): string {
  const marker = cdktfMarker(value);
  if (marker !== undefined) {
    throw new Error(
      `${what} ${JSON.stringify(value)} holds ${JSON.stringify(marker)}, which cdktf reads as one of its tokens; Terraform reads the backend block literally, so it cannot be escaped: change it.`,
    );
  }
  return value;
}
