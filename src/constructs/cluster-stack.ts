import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { Cluster } from "./cluster/cluster";
import { ClusterAddons } from "./cluster/cluster-addons";
import { AddonRole, buildClusterParts, ClusterParts } from "./eks-cluster";
import { OidcProvider } from "./identity/oidc-provider";
import { ServiceAccountRole } from "./identity/service-account-role";
import { ManagedNodeGroup } from "./managed-node-group";
import { ReadableStack } from "./readable-stack";
import { cdktfMarker, terraformLiteral } from "../config/names";
import { ClusterConfig } from "../config/schema";

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
 * One EKS cluster as one Terraform stack, named after the cluster: the provider, the state backend, everything
 * the configuration describes (built by `buildClusterParts`, as in `EksCluster`, but directly in the stack) and the
 * outputs.
 *
 * Terraform addresses follow `ReadableStack`: `aws_eks_cluster.cluster`, `aws_eks_addon.addons_coredns`,
 * `aws_eks_node_group.node_group_<name>`, `aws_iam_role.node_role_<role name>` (src/config/names.ts holds the rules,
 * and `nameCollisions` there rejects configurations in which two of them would meet).
 *
 * The configuration is literal data: every string in it reaches Terraform as that text (`buildClusterParts` escapes it once,
 * before building anything). The backend block takes it as given (not a template in Terraform's JSON syntax;
 * `backendSetting`).
 */
export class ClusterStack extends ReadableStack {
  /** The cluster and everything in it, built directly in the stack (as `EksCluster` builds into itself). */
  public readonly eks: ClusterParts;

  /** `config`: a configuration `loadClusters` or `resolveClusters` returned (it is not validated again). */
  constructor(scope: Construct, given: ClusterConfig, options: ClusterStackOptions = {}) {
    super(scope, given.name);
    new AwsProvider(this, "aws", { region: terraformLiteral(given.region) });
    // cdktf writes the short source "aws"; spell out the registry address readers of the hand-off expect.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
    this.addBackend(given, options);
    this.eks = buildClusterParts(this, given);
    this.addOutputs(given);
  }

  public get cluster(): Cluster {
    return this.eks.cluster;
  }

  public get addons(): ClusterAddons {
    return this.eks.addons;
  }

  public get nodeGroups(): readonly ManagedNodeGroup[] {
    return this.eks.nodeGroups;
  }

  /** The cluster's IAM OIDC provider, when a role uses IRSA. */
  public get oidcProvider(): OidcProvider | undefined {
    return this.eks.oidcProvider;
  }

  /** The roles of `serviceAccounts`, in their order. */
  public get serviceAccountRoles(): readonly ServiceAccountRole[] {
    return this.eks.serviceAccountRoles;
  }

  /** The add-ons' own roles, by add-on name. */
  public get addonRoles(): Readonly<Record<string, AddonRole>> {
    return this.eks.addonRoles;
  }

  /**
   * S3 with S3's lock file and encryption when configured; HCP Terraform's `cloud` block (one named workspace, or the
   * workspaces of some tags) when configured; otherwise local state by a relative path.
   */
  private addBackend(given: ClusterConfig, options: ClusterStackOptions): void {
    const setting = backendSetting;
    const s3 = given.backend?.s3;
    const cloud = given.backend?.cloud;
    if (cloud) {
      const project = cloud.project === undefined ? undefined : setting(cloud.project, "backend.cloud.project");
      new CloudBackend(this, {
        organization: setting(cloud.organization, "backend.cloud.organization"),
        workspaces:
          cloud.workspace !== undefined
            ? new NamedCloudWorkspace(setting(cloud.workspace, "backend.cloud.workspace"), project)
            : new TaggedCloudWorkspaces((cloud.workspaceTags ?? []).map((t) => setting(t, "backend.cloud.workspaceTags")), project),
        // Written only when given: Terraform's default is app.terraform.io (HCP Terraform).
        hostname: cloud.hostname === undefined ? undefined : setting(cloud.hostname, "backend.cloud.hostname"),
      });
      return;
    }
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

  private addOutputs(given: ClusterConfig): void {
    const config = { region: terraformLiteral(given.region), name: terraformLiteral(given.name), serviceAccounts: given.serviceAccounts };
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
        Object.fromEntries(config.serviceAccounts.map((s, i) => [terraformLiteral(`${s.namespace}/${s.name}`), this.serviceAccountRoles[i].roleArn])),
      );
    }
    if (Object.keys(this.addonRoles).length > 0) {
      output(
        "addon_role_arns",
        "ARN of each add-on's own IAM role, by add-on name.",
        Object.fromEntries(Object.entries(this.addonRoles).map(([name, r]) => [name, r.role.roleArn])),
      );
    }
    const karpenter = this.eks.karpenter;
    if (karpenter) {
      output("karpenter_controller_role_arn", "ARN of the Karpenter controller's IAM role.", karpenter.controllerRoleArn);
      output("karpenter_node_role_name", "Name of the IAM role of Karpenter's nodes: the EC2NodeClass's spec.role.", karpenter.nodeRoleName);
      const queue = karpenter.interruptionQueueName;
      if (queue !== undefined) output("karpenter_interruption_queue_name", "Name of Karpenter's interruption queue: the Helm chart's settings.interruptionQueue.", queue);
    }
    // A created VPC (network.create, issue 15): only then
    const vpc = this.eks.createdVpc;
    if (vpc) {
      output("vpc_id", "ID of the VPC created for the cluster.", vpc.vpcId);
      output("private_subnet_ids", "IDs of the created private subnets (the cluster's and node groups'), in the zones' order.", vpc.privateSubnetIds);
      output("public_subnet_ids", "IDs of the created public subnets (internet-facing load balancers, NAT gateways), in the zones' order.", vpc.publicSubnetIds);
      const endpoints = this.eks.vpcEndpoints;
      if (endpoints) output("vpc_endpoint_ids", "ID of each VPC endpoint of the created VPC, by service (s3, ecr.api, ...).", endpoints.ids);
    }
    // Fargate profiles and EKS Auto Mode (issue 14): only when configured
    const profiles = this.eks.fargateProfiles ?? [];
    if (profiles.length > 0) {
      output("fargate_profile_arns", "ARN of each Fargate profile, by profile name.", Object.fromEntries(profiles.map((p) => [p.name, p.resource.arn])));
    }
    if (this.eks.autoModeNodeRole) {
      output("auto_mode_node_role_arn", "ARN of the node IAM role of EKS Auto Mode's built-in node pools.", this.eks.autoModeNodeRole.roleArn);
    }
    output(
      "kubeconfig_command",
      "Command that adds the cluster to your kubeconfig, so kubectl can reach it.",
      `aws eks update-kubeconfig --region ${config.region} --name ${config.name}`,
    );
  }
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
