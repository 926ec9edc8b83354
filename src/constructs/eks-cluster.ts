import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { Cluster } from "./cluster/cluster";
import { ClusterAccess } from "./cluster/cluster-access";
import { addonConfigurationJson, AddonProps, ClusterAddons } from "./cluster/cluster-addons";
import { ClusterLogGroup } from "./cluster/cluster-log-group";
import { SecretsEncryptionKey } from "./cluster/secrets-encryption-key";
import { OidcProvider } from "./identity/oidc-provider";
import { ServiceAccountRole } from "./identity/service-account-role";
import { ManagedNodeGroup } from "./managed-node-group";
import { autoModeNodeRole, clusterRoleSettings } from "./compute/auto-mode";
import { FargateProfile, fargateProfiles as buildFargateProfiles } from "./compute/fargate-profile";
import { Karpenter } from "./compute/karpenter";
import { resolvedKarpenter } from "../config/karpenter";
import { NetworkLookup } from "./network-lookup";
import { CreatedVpc, createVpc } from "./network/created-vpc";
import { createVpcEndpoints, VpcEndpoints } from "./network/vpc-endpoints";
import { interfaceEndpointServices, vpcEndpointsWanted } from "../config/vpc-endpoints";
import { vpcLayout } from "../config/vpc-layout";
import { allowAnyChildId } from "./readable-stack";
import { ServiceRole } from "./service-role";
import { terraformStringExpression } from "./terraform-literal";
import { addonCatalogEntry } from "../config/catalogs/addon-versions";
import { CLUSTER_ROLE_POLICIES, DEFAULT_CLUSTER, nodeRolePoliciesOf } from "../config/defaults";
import { ClusterInput } from "../config/input";
import { KARPENTER_DISCOVERY_TAG, KARPENTER_NODE_ROLE_POLICIES } from "../config/karpenter";
import { ConfigError, resolveClusters } from "../config/load";
import { addonRoleId, AUTO_MODE_NODE_ROLE_ID, nodeGroupId, nodeRoleId, OIDC_PROVIDER_ID, roleKey, serviceAccountRoleId, terraformLiteral, terraformLiterals } from "../config/names";
import { describeIssues } from "../config/report";
import { ClusterConfig, RoleReference } from "../config/schema";
import { createdRoles } from "../config/rules";
import { Issue } from "../config/schema-parts";
import { LoadBalancerSubnetTags } from "./load-balancer-subnet-tags";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn } from "cdktf";
import { CNI_IPV6_POLICY_ID, CNI_IPV6_POLICY_NAME, cniIpv6PolicyStatements } from "./identity/cni-ipv6-policy";

/**
 * Props of `EksCluster`: one cluster as a config file describes it (every key optional, with the same defaults,
 * rules and messages: the config reference in docs/ covers each key), and the provider to create it with.
 */
export interface EksClusterProps extends ClusterInput {
  /**
   * The AWS provider that creates the cluster's resources. Its region, when written literally, is the cluster's
   * region: leave `region` out, or give the same one.
   * @default - the stack's AWS provider without an alias
   */
  readonly provider?: AwsProvider;
}

/** An add-on's own IAM role, with how pods get it and the service account it is for. */
export type AddonRole = NonNullable<AddonProps["role"]>;

/** What a cluster configuration builds: the constructs, and the configuration they were built from. */
export interface ClusterParts {
  /** The complete configuration the cluster was built from: the props with every default filled in. */
  readonly config: ClusterConfig;
  /** The control plane (`resource` is its `aws_eks_cluster`). */
  readonly cluster: Cluster;
  /** The cluster's IAM role, created or given by ARN. */
  readonly clusterRole: ServiceRole;
  /** The node groups' IAM roles (node groups naming the same role share it), by role name or ARN. */
  readonly nodeRoles: ReadonlyMap<string, ServiceRole>;
  /** The managed node groups, in their order. */
  readonly nodeGroups: readonly ManagedNodeGroup[];
  /** The EKS add-ons. */
  readonly addons: ClusterAddons;
  /** Access entries and their policy associations. */
  readonly access: ClusterAccess;
  /** The subnets the cluster uses: given, looked up in the VPC, or the created VPC's private subnets. */
  readonly network: NetworkLookup;
  /** The VPC created for the cluster (`network.create`), with its subnets, gateways and route tables. */
  readonly createdVpc?: CreatedVpc;
  /** The created VPC's endpoints (`network.create.endpoints`): interface endpoints, their security group, S3's gateway. */
  readonly vpcEndpoints?: VpcEndpoints;
  /** The KMS key created for secrets encryption (`secretsEncryption.createKey`). */
  readonly secretsKey?: SecretsEncryptionKey;
  /** The control-plane log group (`logging.retentionDays`). */
  readonly logGroup?: ClusterLogGroup;
  /** The cluster's IAM OIDC provider, when a role uses IRSA. */
  readonly oidcProvider?: OidcProvider;
  /** The roles of `serviceAccounts`, in their order. */
  readonly serviceAccountRoles: readonly ServiceAccountRole[];
  /** The add-ons' own roles, by add-on name. */
  readonly addonRoles: Readonly<Record<string, AddonRole>>;
  /** Karpenter's AWS resources (`karpenter`). */
  readonly karpenter?: Karpenter;
  /** The Fargate profiles, in their order (`fargateProfiles`; absent when there are none). */
  readonly fargateProfiles?: readonly FargateProfile[];
  /** The Fargate pod execution roles (profiles naming the same role share it), by role name. */
  readonly podExecutionRoles?: ReadonlyMap<string, ServiceRole>;
  /** The node role of EKS Auto Mode's built-in node pools (`autoMode.enabled`). */
  readonly autoModeNodeRole?: ServiceRole;
}

/** Marks props that are a configuration `resolveClusters` / `loadClusters` already validated (`EksCluster.fromConfig`). */
const RESOLVED = Symbol("eks-cdktf.resolved-config");

interface ResolvedProps {
  readonly [RESOLVED]: ClusterConfig;
  readonly provider?: AwsProvider;
}

/**
 * One Amazon EKS cluster with everything a cluster configuration describes: IAM roles, control plane, secrets key,
 * log group, access entries, workload identity (OIDC provider, Pod Identity and IRSA roles), add-ons and managed node
 * groups, in the order AWS needs them (the cluster waits for its role's policies; node groups for theirs and for
 * vpc-cni / kube-proxy; coredns for the node groups).
 *
 * It goes into any `TerraformStack` and uses the stack's AWS provider (or `provider`). The props are validated on
 * construction with the rules and messages of a config file: an invalid configuration throws a `ConfigError` that
 * lists every problem (path, value, rule, fix); warnings (legal but risky settings) become cdktf warning annotations.
 *
 * Terraform addresses come from construct ids: in a `ReadableStack` they read as the path below the stack
 * (`aws_eks_cluster.<id>_cluster`); in any other stack cdktf names them (path plus a hash). Either way they stay as
 * they are as long as the construct's id and place do: moving or renaming it replaces the real cluster.
 *
 * @example
 * const eks = new EksCluster(stack, "orders", {
 *   name: "orders",
 *   network: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] },
 *   nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], scaling: { minSize: 1, maxSize: 3, desiredSize: 2 } }],
 * });
 */
export class EksCluster extends Construct implements ClusterParts {
  /**
   * A cluster from a configuration `loadClusters` or `resolveClusters` returned (complete and validated: it is not
   * validated again, and its warnings are the caller's to report).
   */
  public static fromConfig(scope: Construct, id: string, config: ClusterConfig, options: { readonly provider?: AwsProvider } = {}): EksCluster {
    const props: ResolvedProps = { [RESOLVED]: config, provider: options.provider };
    return new EksCluster(scope, id, props as unknown as EksClusterProps);
  }

  /** The complete configuration the cluster was built from: the props with every default filled in. */
  public readonly config: ClusterConfig;
  /** The control plane (`resource` is its `aws_eks_cluster`). */
  public readonly cluster: Cluster;
  /** The cluster's IAM role, created or given by ARN. */
  public readonly clusterRole: ServiceRole;
  /** The node groups' IAM roles (node groups naming the same role share it), by role name or ARN. */
  public readonly nodeRoles: ReadonlyMap<string, ServiceRole>;
  /** The managed node groups, in their order. */
  public readonly nodeGroups: readonly ManagedNodeGroup[];
  /** The EKS add-ons. */
  public readonly addons: ClusterAddons;
  /** Access entries and their policy associations. */
  public readonly access: ClusterAccess;
  /** The subnets the cluster uses: given, looked up in the VPC, or the created VPC's private subnets. */
  public readonly network: NetworkLookup;
  /** The VPC created for the cluster (`network.create`), with its subnets, gateways and route tables. */
  public readonly createdVpc?: CreatedVpc;
  /** The created VPC's endpoints (`network.create.endpoints`): interface endpoints, their security group, S3's gateway. */
  public readonly vpcEndpoints?: VpcEndpoints;
  /** The KMS key created for secrets encryption (`secretsEncryption.createKey`). */
  public readonly secretsKey?: SecretsEncryptionKey;
  /** The control-plane log group (`logging.retentionDays`). */
  public readonly logGroup?: ClusterLogGroup;
  /** The cluster's IAM OIDC provider, when a role uses IRSA. */
  public readonly oidcProvider?: OidcProvider;
  /** The roles of `serviceAccounts`, in their order. */
  public readonly serviceAccountRoles: readonly ServiceAccountRole[];
  /** The add-ons' own roles, by add-on name. */
  public readonly addonRoles: Readonly<Record<string, AddonRole>>;
  /** Karpenter's AWS resources (`karpenter`). */
  public readonly karpenter?: Karpenter;
  /** The Fargate profiles, in their order (`fargateProfiles`; absent when there are none). */
  public readonly fargateProfiles?: readonly FargateProfile[];
  /** The Fargate pod execution roles (profiles naming the same role share it), by role name. */
  public readonly podExecutionRoles?: ReadonlyMap<string, ServiceRole>;
  /** The node role of EKS Auto Mode's built-in node pools (`autoMode.enabled`). */
  public readonly autoModeNodeRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(allowAnyChildId(scope), id);
    allowAnyChildId(this);
    let given: ClusterConfig;
    try {
      const provider = props.provider ?? defaultAwsProvider(this);
      given = (props as unknown as Partial<ResolvedProps>)[RESOLVED] ?? this.validated(props, provider);
      // A provider added to the stack after the cluster is found at synth, and its region checked then.
      if (!provider) this.node.addValidation({ validate: () => providerProblems(this, given) });
      this.node.addValidation({ validate: () => clashesWithOtherClusters(this) });
    } catch (error) {
      // A rejected cluster leaves nothing behind: the scope may take the id again (a corrected retry).
      scope.node.tryRemoveChild(id);
      throw error;
    }
    const parts = buildClusterParts(this, given);
    this.config = parts.config;
    this.cluster = parts.cluster;
    this.clusterRole = parts.clusterRole;
    this.nodeRoles = parts.nodeRoles;
    this.nodeGroups = parts.nodeGroups;
    this.addons = parts.addons;
    this.access = parts.access;
    this.network = parts.network;
    this.createdVpc = parts.createdVpc;
    this.vpcEndpoints = parts.vpcEndpoints;
    this.secretsKey = parts.secretsKey;
    this.logGroup = parts.logGroup;
    this.oidcProvider = parts.oidcProvider;
    this.serviceAccountRoles = parts.serviceAccountRoles;
    this.addonRoles = parts.addonRoles;
    this.karpenter = parts.karpenter;
    this.fargateProfiles = parts.fargateProfiles;
    this.podExecutionRoles = parts.podExecutionRoles;
    this.autoModeNodeRole = parts.autoModeNodeRole;
    // The stack's default provider needs no mention; an aliased one is named on every resource.
    if (props.provider?.alias !== undefined) useProvider(this, props.provider);
  }

  /** Name of the cluster (a reference: what depends on it waits for the cluster). */
  public get clusterName(): string {
    return this.cluster.resource.name;
  }

  /** ARN of the cluster. */
  public get clusterArn(): string {
    return this.cluster.resource.arn;
  }

  /** URL of the Kubernetes API server. */
  public get clusterEndpoint(): string {
    return this.cluster.resource.endpoint;
  }

  /** Base64-encoded certificate authority data of the cluster, for kubeconfig and Kubernetes providers. */
  public get clusterCertificateAuthorityData(): string {
    return this.cluster.resource.certificateAuthority.get(0).data;
  }

  /** OIDC issuer URL of the cluster, for IAM roles for service accounts. */
  public get oidcIssuerUrl(): string {
    return this.cluster.resource.identity.get(0).oidc.get(0).issuer;
  }

  /** The cluster security group EKS creates (control plane and managed nodes). */
  public get clusterSecurityGroupId(): string {
    return this.cluster.resource.vpcConfig.clusterSecurityGroupId;
  }

  /** ARN of the cluster's IAM role. */
  public get clusterRoleArn(): string {
    return this.clusterRole.roleArn;
  }

  /** ARN of each node role, by role name (or by ARN, for a role given by ARN). */
  public get nodeRoleArns(): Readonly<Record<string, string>> {
    const arns = Object.create(null) as Record<string, string>;
    for (const [key, role] of this.nodeRoles) arns[key] = role.roleArn;
    return arns;
  }

  /** The props as a complete, validated configuration; the provider's region fills in a missing region. */
  private validated(props: EksClusterProps, provider: AwsProvider | undefined): ClusterConfig {
    const { provider: _provider, ...input } = props;
    const source = `EksCluster ${this.node.path}`;
    const problems: Issue[] = [];
    const providerRegion = provider && literalRegion(provider);
    if (providerRegion !== undefined && input.region !== undefined && input.region !== providerRegion) {
      problems.push({
        path: "region",
        value: input.region,
        rule: `must be the region of the AWS provider that creates the cluster (${JSON.stringify(providerRegion)}): the resources are created there, while the region selects the partition, the catalogs' checks and the kubeconfig command`,
        fix: `leave region out (the provider's region is used), or pass a provider for ${JSON.stringify(input.region)}`,
      });
    }
    if (provider && providerRegion === undefined && input.region === undefined) {
      Annotations.of(this).addWarning(
        `${source}: region is not given and the AWS provider's region is not written literally, so the configuration's checks, policy ARNs' partition and kubeconfig command assume the default region ${JSON.stringify(DEFAULT_CLUSTER.region)}: give region`,
      );
    }
    const withRegion = input.region === undefined && providerRegion !== undefined ? { ...input, region: providerRegion } : input;
    let loaded;
    try {
      loaded = resolveClusters(withRegion, source);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.issues);
    }
    if (problems.length > 0 || !loaded) throw configError(source, problems);
    for (const warning of describeIssues(loaded.warnings, loaded.lines, "risk")) Annotations.of(this).addWarning(warning);
    return loaded.clusters[0];
  }
}


/**
 * Builds everything a cluster configuration describes directly in `scope`: `EksCluster` builds into itself,
 * `ClusterStack` into the stack (so construct paths, which cdktf writes into cdk.tf.json and `node.findChild` reads,
 * stay as they were before `EksCluster` existed). `given` is a resolved, validated configuration.
 */
export function buildClusterParts(scope: Construct, given: ClusterConfig): ClusterParts {
  // From here on, `config` holds Terraform strings: what Terraform reads back as the given text. Two places take
  // the configuration as given instead: the add-ons' and service accounts' JSON documents (written as JSON text
  // first) and the KMS key ARN inside the key policy's jsonencode() (an expression).
  const config = terraformLiterals(given);
  const partition = new DataAwsPartition(scope, "current").partition;

  // A created VPC (network.create): its private subnets are the cluster's, given to the lookup, which then looks up nothing.
  const createdVpc = config.network.create
    ? createVpc(scope, {
        layout: vpcLayout(config.network.create),
        clusterName: config.name,
        tags: config.tags,
        // Karpenter finds them by tag; aws_ec2_tag on subnets this stack owns would fight their own tags.
        privateSubnetTags: resolvedKarpenter(config) ? { [KARPENTER_DISCOVERY_TAG]: config.name } : undefined,
        // IPv6 cluster (issue 15): dual-stack VPC and subnets, egress-only internet gateway, ::/0 routes.
        ipv6: config.network.ipFamily === "ipv6",
      })
    : undefined;
  // Its VPC endpoints (issue 15, private clusters): the nodes' way to AWS without a NAT gateway (src/config/vpc-endpoints.ts).
  const vpcEndpoints =
    createdVpc && vpcEndpointsWanted(config)
      ? createVpcEndpoints(scope, { vpc: createdVpc, region: config.region, interfaceServices: interfaceEndpointServices(config), clusterName: config.name, tags: config.tags })
      : undefined;
  const network = new NetworkLookup(scope, "network", {
    vpcId: config.network.vpcId,
    subnetIds: createdVpc?.privateSubnetIds ?? config.network.subnetIds,
  });

  const clusterRole = new ServiceRole(scope, "cluster_role", {
    role: config.clusterRole,
    servicePrincipal: "eks.amazonaws.com",
    // With EKS Auto Mode: four more policies and sts:TagSession in the trust (compute/auto-mode.ts)
    ...(config.autoMode.enabled ? clusterRoleSettings(true) : { managedPolicyNames: CLUSTER_ROLE_POLICIES }),
    partition,
    tags: config.tags,
  });

  // Secrets encryption: a created key, or a given one; the cluster role may use it either way.
  const secretsKey = config.secretsEncryption?.createKey
    ? new SecretsEncryptionKey(scope, "secrets_key", { clusterName: config.name, tags: config.tags })
    : undefined;
  const secretsKeyArn = secretsKey?.keyArn ?? config.secretsEncryption?.kmsKeyArn;
  // The same key inside the policy's jsonencode(), an expression: a reference as it is, a given ARN as a quoted string.
  const givenKeyArn = given.secretsEncryption?.kmsKeyArn;
  const policyKeyArn = secretsKey?.keyArn ?? (givenKeyArn === undefined ? undefined : terraformStringExpression(givenKeyArn));
  if (policyKeyArn) {
    clusterRole.addInlinePolicy("secrets_encryption", "EKSSecretsEncryption", [
      { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: policyKeyArn },
    ]);
  }
  const logGroup =
    config.logging.retentionDays !== undefined
      ? new ClusterLogGroup(scope, "cluster_logs", { clusterName: config.name, retentionDays: config.logging.retentionDays, tags: config.tags })
      : undefined;

  // EKS Auto Mode's node role (its access entry is EKS's own); the cluster waits for its policies.
  const autoModeRole =
    config.autoMode.enabled && config.autoMode.nodeRoleName !== undefined
      ? autoModeNodeRole(scope, AUTO_MODE_NODE_ROLE_ID, { roleName: config.autoMode.nodeRoleName, partition, tags: config.tags })
      : undefined;

  const cluster = new Cluster(scope, "cluster", {
    name: config.name,
    kubernetesVersion: config.kubernetesVersion,
    role: clusterRole,
    subnetIds: network.subnetIds,
    securityGroupIds: config.network.securityGroupIds,
    serviceIpv4Cidr: config.network.serviceIpv4Cidr,
    ipFamily: config.network.ipFamily,
    endpoint: config.endpoint,
    secretsEncryption: secretsKeyArn ? { kmsKeyArn: secretsKeyArn } : undefined,
    logging: config.logging,
    access: config.access,
    upgradePolicy: config.upgradePolicy,
    tags: config.tags,
    dependsOn: [...(logGroup ? [logGroup.resource] : []), ...(autoModeRole?.dependables ?? [])],
    autoMode: autoModeRole ? { nodeRoleArn: autoModeRole.roleArn, nodePools: config.autoMode.nodePools } : undefined,
    // Lifecycle guards (issue 15)
    deletionProtection: config.deletionProtection,
    zonalShift: config.zonalShift,
    bootstrapSelfManagedAddons: config.bootstrapSelfManagedAddons,
  });
  // A cluster cannot move to another VPC (EKS UpdateClusterConfig changes subnets only within the cluster's VPC), and
  // the old subnets cannot be deleted while its network interfaces are in them: a replaced created VPC replaces the
  // cluster (a real plan of a changed network.create.cidr otherwise updated the cluster in place; terraform-plans.test.ts).
  if (createdVpc) {
    const vpc = createdVpc.vpc.resource;
    const lifecycle = cluster.resource.lifecycle ?? {};
    cluster.resource.lifecycle = { ...lifecycle, replaceTriggeredBy: [...(lifecycle.replaceTriggeredBy ?? []), `${vpc.terraformResourceType}.${vpc.friendlyUniqueId}.id`] };
  }
  // Load balancer role tags on existing subnets (issue 15): aws_ec2_tag.subnet_role_tag_elb["<subnet>"], ..._internal_elb[...]
  if (config.network.subnetTags) new LoadBalancerSubnetTags(scope, "subnet_role_tag", config.network.subnetTags);

  // What lives in the cluster is replaced with it (see `replacementTrigger`).
  const replaceWithCluster = cluster.replacementTrigger;
  const access = new ClusterAccess(scope, "access", { clusterName: cluster.name, entries: config.access.entries, partition, tags: config.tags, replaceWithCluster });

  // Workload identity: the OIDC provider (when a role uses IRSA), the service accounts' roles, the add-ons' roles.
  const usesIrsa = config.serviceAccounts.some((s) => s.identity === "irsa") || Object.values(config.addons).some((a) => a.role?.identity === "irsa") || resolvedKarpenter(config)?.identity === "irsa";
  const oidcProvider = usesIrsa
    ? new OidcProvider(scope, OIDC_PROVIDER_ID, { issuerUrl: cluster.resource.identity.get(0).oidc.get(0).issuer, tags: config.tags })
    : undefined;
  const serviceAccountRoles = config.serviceAccounts.map((s, i) => {
    const inline = given.serviceAccounts[i]?.inlinePolicy;
    return new ServiceAccountRole(scope, serviceAccountRoleId(s.namespace, s.name), {
      namespace: s.namespace,
      serviceAccount: s.name,
      identity: s.identity,
      roleName: s.roleName ?? "",
      managedPolicyArns: s.managedPolicyArns,
      inlinePolicy: inline === undefined ? undefined : terraformLiteral(addonConfigurationJson(inline)),
      clusterName: cluster.name,
      oidcProvider,
      tags: config.tags,
      replaceWithCluster,
    });
  });
  const addonRoles = Object.create(null) as Record<string, AddonRole>;
  for (const [name, settings] of Object.entries(config.addons)) {
    const role = settings.role;
    const entry = addonCatalogEntry(name);
    if (!role || !entry?.serviceAccount || !entry.namespace) continue;
    const identity = role.identity ?? "pod-identity";
    addonRoles[name] = {
      identity,
      serviceAccount: entry.serviceAccount,
      role: new ServiceAccountRole(scope, addonRoleId(name), {
        namespace: entry.namespace,
        serviceAccount: entry.serviceAccount,
        identity,
        roleName: role.roleName ?? "",
        managedPolicyArns: role.managedPolicyArns ?? [],
        clusterName: cluster.name,
        oidcProvider,
        // The add-on binds the role itself (its pod_identity_association block, or service_account_role_arn).
        associate: false,
        tags: config.tags,
      }),
    };
  }

  // IPv6 (issue 15): the CNI's IPv6 policy on vpc-cni's own role when it has one (EKS recommends it there), else on the node roles below.
  const ipv6 = config.network.ipFamily === "ipv6";
  const cniRole = addonRoles["vpc-cni"]?.role;
  if (ipv6 && cniRole) {
    cniRole.dependables.push(
      new IamRolePolicy(cniRole, CNI_IPV6_POLICY_ID, {
        name: CNI_IPV6_POLICY_NAME,
        role: cniRole.role.name,
        policy: Fn.jsonencode({ Version: "2012-10-17", Statement: cniIpv6PolicyStatements(partition) }),
      }),
    );
  }

  const addons = new ClusterAddons(scope, "addons", {
    clusterName: cluster.name,
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
      role = new ServiceRole(scope, nodeRoleId(ref), {
        role: ref,
        servicePrincipal: "ec2.amazonaws.com",
        managedPolicyNames: nodeRolePolicies,
        partition,
        tags: config.tags,
      });
      if (ipv6 && !cniRole) role.addInlinePolicy(CNI_IPV6_POLICY_ID, CNI_IPV6_POLICY_NAME, cniIpv6PolicyStatements(partition));
      nodeRoles.set(key, role);
    }
    return role;
  };

  const nodeGroups = config.nodeGroups.map(
    (group) =>
      new ManagedNodeGroup(scope, nodeGroupId(group.name), {
        settings: group,
        clusterName: cluster.name,
        kubernetesVersion: cluster.version,
        role: nodeRole(group.role),
        subnetIds: group.subnetIds ?? network.subnetIds,
        // In a created VPC, nodes join only once their subnets' route to the NAT gateway exists, and the VPC endpoints.
        dependsOn: [
          ...addons.beforeNodes,
          ...(createdVpc?.privateRouteTables.flatMap((t) => (t.defaultRoute ? [t.defaultRoute] : [])) ?? []),
          ...(vpcEndpoints?.dependables ?? []),
        ],
        clusterTags: config.tags,
        replaceWithCluster,
        cluster: {
          endpoint: cluster.resource.endpoint,
          certificateAuthority: cluster.resource.certificateAuthority.get(0).data,
          // nodeadm's cidr is the service range: IPv6 in an IPv6 cluster (EKS gives no IPv4 one then).
          serviceIpv4Cidr: ipv6 ? cluster.resource.kubernetesNetworkConfig.serviceIpv6Cidr : cluster.resource.kubernetesNetworkConfig.serviceIpv4Cidr,
          securityGroupId: cluster.resource.vpcConfig.clusterSecurityGroupId,
        },
      }),
  );
  // Fargate profiles (issue 14), with their pod execution roles; coredns and the other Deployment add-ons wait for them too.
  const fargate =
    config.fargateProfiles.length > 0
      ? buildFargateProfiles(scope, {
          profiles: config.fargateProfiles,
          partition,
          region: config.region,
          clusterName: config.name,
          clusterNameRef: cluster.name,
          tags: config.tags,
          replaceWithCluster,
        })
      : undefined;
  addons.waitFor([...nodeGroups.map((g) => g.resource), ...(fargate?.profiles ?? []).map((p) => p.resource)]);

  // Karpenter (issue 14): its node role leaves out the CNI policy as the node groups' roles do.
  const karpenterSettings = resolvedKarpenter(config);
  const karpenter = karpenterSettings
    ? new Karpenter(scope, "karpenter", {
        settings: karpenterSettings,
        clusterName: config.name,
        clusterNameRef: cluster.name,
        clusterArn: cluster.resource.arn,
        clusterSecurityGroupId: cluster.resource.vpcConfig.clusterSecurityGroupId,
        clusterSubnetIds: createdVpc ? [] : network.subnetIds,
        region: config.region,
        partition,
        nodeRolePolicies: KARPENTER_NODE_ROLE_POLICIES.filter((p) => p !== "AmazonEKS_CNI_Policy" || nodeRolePolicies.includes(p)),
        oidcProvider,
        tags: config.tags,
        replaceWithCluster,
      })
    : undefined;
  // Karpenter's nodes run the CNI with their own role too (IPv6, no vpc-cni role of its own).
  if (karpenter && ipv6 && !cniRole) karpenter.nodeRole.role.addInlinePolicy(CNI_IPV6_POLICY_ID, CNI_IPV6_POLICY_NAME, cniIpv6PolicyStatements(partition));

  return {
    config: given,
    cluster,
    clusterRole,
    nodeRoles,
    nodeGroups,
    addons,
    access,
    network,
    createdVpc,
    vpcEndpoints,
    secretsKey,
    logGroup,
    oidcProvider,
    serviceAccountRoles,
    addonRoles,
    karpenter,
    fargateProfiles: fargate?.profiles,
    podExecutionRoles: fargate?.podExecutionRoles,
    autoModeNodeRole: autoModeRole,
  };
}

/** A ConfigError whose message lists every problem, as an exception thrown at a library user should. */
function configError(source: string, issues: readonly Issue[]): ConfigError {
  const error = new ConfigError(source, issues);
  const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  error.message = [`${source}: not a valid cluster configuration (${count}):`, ...describeIssues(issues, new Map())].join("\n");
  return error;
}

/** The stack's AWS provider without an alias, if it has one yet. */
function defaultAwsProvider(scope: Construct): AwsProvider | undefined {
  return TerraformStack.of(scope)
    .node.findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
}

/** The provider's region when it is written literally (not a variable or another resource's attribute). */
function literalRegion(provider: AwsProvider): string | undefined {
  const region = provider.region;
  return typeof region === "string" && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * At synth: what this cluster shares with another `EksCluster` of the app, which AWS refuses at apply. Cluster names
 * are unique per region and account (CreateCluster: ResourceInUseException), IAM role names per account and
 * case-insensitively (CreateRole: EntityAlreadyExists). A config file's clusters get the same checks in `resolveClusters`.
 */
function clashesWithOtherClusters(self: EksCluster): string[] {
  const others = self.node.root.node.findAll().filter((c): c is EksCluster => c instanceof EksCluster && c !== self);
  const roles = (cluster: EksCluster) => createdRoles(cluster.config, (...keys) => keys.join("."));
  const problems: string[] = [];
  for (const other of others) {
    if (other.config.name === self.config.name && other.config.region === self.config.region) {
      problems.push(
        `EksCluster ${self.node.path}: cluster name ${JSON.stringify(self.config.name)} in ${self.config.region} is also EksCluster ${other.node.path}'s: EKS cluster names are unique per region and account (CreateCluster fails with ResourceInUseException); give one of them another name.`,
      );
    }
    const theirs = new Map(roles(other).map((r) => [r.name.toLowerCase(), r]));
    for (const mine of roles(self)) {
      const clash = theirs.get(mine.name.toLowerCase());
      if (clash) {
        problems.push(
          `EksCluster ${self.node.path}: IAM role ${JSON.stringify(mine.name)} (${mine.path}) is also created by EksCluster ${other.node.path} (${clash.path}): IAM role names are unique in an account, case-insensitively (CreateRole fails with EntityAlreadyExists); leave the names out (each cluster then gets <cluster>-eks-cluster / <cluster>-eks-node) or give each its own.`,
        );
      }
    }
  }
  return problems;
}

/** At synth: the stack's AWS provider is there, in the cluster's region; otherwise what to change. */
function providerProblems(cluster: Construct, config: ClusterConfig): string[] {
  const stack = TerraformStack.of(cluster);
  const provider = defaultAwsProvider(cluster);
  if (!provider) {
    return [
      `EksCluster ${cluster.node.path} needs an AWS provider: add \`new AwsProvider(stack, "aws", { region: ${JSON.stringify(config.region)} })\` to stack ${stack.node.id}, or pass \`provider\` in its props.`,
    ];
  }
  const region = literalRegion(provider);
  if (region !== undefined && region !== config.region) {
    return [
      `EksCluster ${cluster.node.path}: region ${JSON.stringify(config.region)} is not the region of the AWS provider that creates it (${JSON.stringify(region)}): give the cluster region ${JSON.stringify(region)}, or pass a provider for ${JSON.stringify(config.region)}.`,
    ];
  }
  return [];
}

/** Every resource and data source below `scope` is created with `provider`. */
function useProvider(scope: Construct, provider: TerraformProvider): void {
  for (const c of scope.node.findAll()) {
    if ((TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c)) && c.provider === undefined) c.provider = provider;
  }
}

/**
 * The add-ons' props: the settings as Terraform strings, each configuration written as JSON text from the map as
 * given (its own escapes would not survive JSON's), then made a Terraform literal as a whole.
 */
function addonProps(config: ClusterConfig, given: ClusterConfig, roles: Readonly<Record<string, AddonRole>>): Record<string, AddonProps> {
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
