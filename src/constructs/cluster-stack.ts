import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, LocalBackend, S3Backend, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { Cluster } from "./cluster/cluster";
import { ClusterAccess } from "./cluster/cluster-access";
import { ClusterAddons } from "./cluster/cluster-addons";
import { ClusterLogGroup } from "./cluster/cluster-log-group";
import { CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES } from "../config/defaults";
import { ClusterConfig, RoleReference, roleKey } from "../config/schema";
import { ManagedNodeGroup } from "./managed-node-group";
import { NetworkLookup } from "./network-lookup";
import { ReadableStack } from "./readable-stack";
import { SecretsEncryptionKey } from "./cluster/secrets-encryption-key";
import { ServiceRole } from "./service-role";

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
 * `aws_eks_node_group.node_group_<name>`, `aws_iam_role.node_role_<role name>`.
 */
export class ClusterStack extends ReadableStack {
  public readonly cluster: Cluster;
  public readonly addons: ClusterAddons;
  public readonly nodeGroups: readonly ManagedNodeGroup[];

  constructor(scope: Construct, config: ClusterConfig, options: ClusterStackOptions = {}) {
    super(scope, config.name);

    new AwsProvider(this, "aws", { region: config.region });
    // cdktf writes the short source "aws"; spell out the registry address readers of the hand-off expect.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
    this.addBackend(config, options);
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
    const secretsKeyArn = config.secretsEncryption?.createKey
      ? new SecretsEncryptionKey(this, "secrets_key", { clusterName: config.name, tags: config.tags }).keyArn
      : config.secretsEncryption?.kmsKeyArn;
    if (secretsKeyArn) {
      clusterRole.addInlinePolicy("secrets_encryption", "EKSSecretsEncryption", [
        { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: secretsKeyArn },
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

    new ClusterAccess(this, "access", { clusterName: this.cluster.name, entries: config.access.entries, partition, tags: config.tags });

    this.addons = new ClusterAddons(this, "addons", {
      clusterName: this.cluster.name,
      kubernetesVersion: config.kubernetesVersion,
      addons: config.addons,
      tags: config.tags,
    });

    // Node groups naming the same role share it: IAM role names are unique in an account.
    const nodeRoles = new Map<string, ServiceRole>();
    const nodeRole = (ref: RoleReference): ServiceRole => {
      const key = roleKey(ref);
      let role = nodeRoles.get(key);
      if (!role) {
        role = new ServiceRole(this, `node_role_${key}`, {
          role: ref,
          servicePrincipal: "ec2.amazonaws.com",
          managedPolicyNames: NODE_ROLE_POLICIES,
          partition,
          tags: config.tags,
        });
        nodeRoles.set(key, role);
      }
      return role;
    };

    this.nodeGroups = config.nodeGroups.map(
      (group) =>
        new ManagedNodeGroup(this, `node_group_${group.name}`, {
          settings: group,
          clusterName: this.cluster.name,
          kubernetesVersion: this.cluster.version,
          role: nodeRole(group.role),
          subnetIds: group.subnetIds ?? network.subnetIds,
          dependsOn: this.addons.beforeNodes,
          clusterTags: config.tags,
        }),
    );
    this.addons.waitFor(this.nodeGroups.map((g) => g.resource));

    this.addOutputs(config);
  }

  /** S3 with S3's lock file and encryption when configured; otherwise local state by a relative path. */
  private addBackend(config: ClusterConfig, options: ClusterStackOptions): void {
    const s3 = config.backend?.s3;
    if (!s3) {
      new LocalBackend(this, { path: options.localStatePath ?? `../../../terraform.${config.name}.tfstate` });
      return;
    }
    const backend = new S3Backend(this, {
      bucket: s3.bucket,
      key: s3.key ?? `${config.name}/terraform.tfstate`,
      region: s3.region ?? config.region,
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
    output(
      "kubeconfig_command",
      "Command that adds the cluster to your kubeconfig, so kubectl can reach it.",
      `aws eks update-kubeconfig --region ${config.region} --name ${config.name}`,
    );
  }
}
