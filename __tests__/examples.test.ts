/** Every file in examples/ is accepted, synthesizes, and passes `terraform validate` on every stack. */
import * as fs from "fs";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { renderHandoffHcl } from "../src/output/handoff";
import { synthCluster } from "../test-support/synth";
import { describeWithTerraform, OFFLINE_PROVIDER, offlineCopy, validateHandoffs, validateStacks, workdir } from "../test-support/terraform";

const EXAMPLES = path.resolve(__dirname, "..", "examples");
const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

describe("examples", () => {
  it("GIVEN the examples folder THEN it holds the seven documented examples", () => {
    expect(files).toEqual([
      "auto-mode.yaml",
      "created-vpc.yaml",
      "custom-ami.yaml",
      "existing-vpc.yaml",
      "fargate.yaml",
      "hardened.yaml",
      "ipv6.yaml",
      "karpenter.yaml",
      "launch-template.yaml",
      "multi-env.yaml",
      "private-cluster.yaml",
      "private-endpoint.yaml",
      "protected.yaml",
      "spot-and-arm.yaml",
      "walkthrough.yaml",
      "workload-identity.yaml",
    ]);
  });

  it.each(files)("GIVEN %s WHEN loaded THEN it is accepted and points editors at the JSON Schema", (file) => {
    const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../cluster-config.schema.json");
    expect(loadClusters(path.join(EXAMPLES, file)).clusters.length).toBeGreaterThan(0);
  });

  it("GIVEN walkthrough.yaml WHEN loaded THEN it is exactly the embedded default", () => {
    expect(loadClusters(path.join(EXAMPLES, "walkthrough.yaml")).clusters).toEqual(loadClusters(undefined).clusters);
  });

  it("GIVEN multi-env.yaml WHEN loaded THEN it holds dev and prod", () => {
    expect(loadClusters(path.join(EXAMPLES, "multi-env.yaml")).clusters.map((c) => c.name)).toEqual(["simple-bank-dev", "simple-bank-prod"]);
  });

  it("GIVEN spot-and-arm.yaml WHEN synthesized THEN the Spot group is ARM with the API taint spelling", () => {
    const [cluster] = loadClusters(path.join(EXAMPLES, "spot-and-arm.yaml")).clusters;
    const group = JSON.parse(synthCluster(cluster)).resource.aws_eks_node_group["node_group_batch-arm-spot"];
    expect(group).toMatchObject({ ami_type: "AL2023_ARM_64_STANDARD", capacity_type: "SPOT", taint: [{ key: "workload", value: "batch", effect: "NO_SCHEDULE" }] });
  });

  it("GIVEN private-endpoint.yaml WHEN synthesized THEN the endpoint is private with no public CIDRs", () => {
    const [cluster] = loadClusters(path.join(EXAMPLES, "private-endpoint.yaml")).clusters;
    const eks = JSON.parse(synthCluster(cluster)).resource.aws_eks_cluster.cluster;
    expect(eks.vpc_config).toMatchObject({ endpoint_public_access: false, endpoint_private_access: true });
    expect(eks.vpc_config.public_access_cidrs).toBeUndefined();
  });
});

describe("hardened.yaml", () => {
  const loaded = loadClusters(path.join(EXAMPLES, "hardened.yaml"));
  const tf = JSON.parse(synthCluster(loaded.clusters[0]));

  it("GIVEN the hardened example THEN only the deliberate choices are warned about", () => {
    expect(loaded.warnings.map((w) => w.path).sort()).toEqual(["access.clusterCreatorAdmin", "endpoint.access", "nodeGroups[0].imds.hopLimit", "secretsEncryption"]);
  });

  it("GIVEN the hardened example WHEN synthesized THEN it is private, fully logged with retention, KMS-encrypted, API-mode, IMDSv2", () => {
    const cluster = tf.resource.aws_eks_cluster.cluster;
    expect(cluster.vpc_config).toMatchObject({ endpoint_public_access: false, endpoint_private_access: true });
    expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    expect(tf.resource.aws_cloudwatch_log_group.cluster_logs.retention_in_days).toBe(365);
    expect(cluster.encryption_config.provider.key_arn).toBe("${aws_kms_key.secrets_key.arn}");
    expect(cluster.access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    expect(tf.resource.aws_launch_template["node_group_workers_launch_template"].metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
    expect(tf.resource.aws_eks_node_group.node_group_workers.remote_access).toBeUndefined();
  });

  it("GIVEN the hardened example WHEN synthesized THEN its only data source is the partition (no AWS API call at plan)", () => {
    expect(Object.keys(tf.data)).toEqual(["aws_partition"]);
  });
});

describeWithTerraform("examples under Terraform", (terraform) => {
  it("GIVEN every stack of every example WHEN validated THEN Terraform accepts them all without warnings", () => {
    const stacks: Record<string, string> = {};
    for (const file of files) {
      for (const cluster of loadClusters(path.join(EXAMPLES, file)).clusters) stacks[cluster.name] = synthCluster(cluster);
    }
    expect(Object.keys(stacks).sort()).toEqual([
      "ledger",
      "orders",
      "orders-v6",
      "payments",
      "payments-identity",
      "payments-karpenter",
      "payments-prod",
      "simple-bank",
      "simple-bank-ami",
      "simple-bank-auto",
      "simple-bank-batch",
      "simple-bank-dev",
      "simple-bank-fargate",
      "simple-bank-hardened",
      "simple-bank-lt",
      "simple-bank-private",
      "simple-bank-prod",
    ]);
    const result = validateStacks(terraform, stacks);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("GIVEN every example's hand-off folder WHEN validated THEN Terraform accepts each main.tf without warnings, formatted", () => {
    const handoffs: Record<string, string> = {};
    for (const file of files) {
      for (const cluster of loadClusters(path.join(EXAMPLES, file)).clusters) handoffs[cluster.name] = renderHandoffHcl(cluster);
    }
    expect(Object.keys(handoffs)).toHaveLength(17);
    const result = validateHandoffs(terraform, handoffs);
    expect(result.unformatted).toBe("");
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("GIVEN hardened.yaml WHEN planned offline THEN it plans exactly its resources, with the cluster after its log group and key grant", () => {
    const [cluster] = loadClusters(path.join(EXAMPLES, "hardened.yaml")).clusters;
    const dir = workdir({ "cdk.tf.json": offlineCopy(synthCluster(cluster)) });
    terraform.init(dir, { backend: true });
    terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
    const plan = JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"]));
    const planned = plan.resource_changes.map((r: { address: string; change: { actions: string[] } }) => `${r.address} ${r.change.actions.join(",")}`).sort();
    expect(planned).toEqual([
      "aws_cloudwatch_log_group.cluster_logs create",
      "aws_eks_access_entry.access_111122223333_role_payments-developers create",
      "aws_eks_access_entry.access_111122223333_role_platform-admins create",
      "aws_eks_access_policy_association.access_111122223333_role_payments-developers_AmazonEKSEditPolicy create",
      "aws_eks_access_policy_association.access_111122223333_role_platform-admins_AmazonEKSClusterAdminPolicy create",
      "aws_eks_addon.addons_coredns create",
      "aws_eks_addon.addons_eks-pod-identity-agent create",
      "aws_eks_addon.addons_kube-proxy create",
      "aws_eks_addon.addons_vpc-cni create",
      "aws_eks_cluster.cluster create",
      "aws_eks_node_group.node_group_workers create",
      "aws_iam_role.addon_role_vpc-cni create",
      "aws_iam_role.cluster_role create",
      "aws_iam_role.node_role_simple-bank-hardened-eks-node create",
      "aws_iam_role_policy.cluster_role_secrets_encryption create",
      "aws_iam_role_policy_attachment.addon_role_vpc-cni_AmazonEKS_CNI_Policy create",
      "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy create",
      "aws_iam_role_policy_attachment.node_role_simple-bank-hardened-eks-node_AmazonEC2ContainerRegistryReadOnly create",
      "aws_iam_role_policy_attachment.node_role_simple-bank-hardened-eks-node_AmazonEKSWorkerNodePolicy create",
      "aws_kms_alias.secrets_key_alias create",
      "aws_kms_key.secrets_key create",
      "aws_launch_template.node_group_workers_launch_template create",
    ]);
    const config = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === "aws_eks_cluster.cluster");
    expect(config.depends_on).toEqual(expect.arrayContaining(["aws_cloudwatch_log_group.cluster_logs", "aws_iam_role_policy.cluster_role_secrets_encryption"]));
    const group = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === "aws_eks_node_group.node_group_workers");
    expect(group.expressions.disk_size).toBeUndefined();
    expect(group.expressions.launch_template[0].id.references).toContain("aws_launch_template.node_group_workers_launch_template");
  });

  describe("GIVEN workload-identity.yaml WHEN planned offline, as its stack and as its hand-off", () => {
    const [cluster] = loadClusters(path.join(EXAMPLES, "workload-identity.yaml")).clusters;
    const planOf = (files: Record<string, string>) => {
      const dir = workdir(files);
      terraform.init(dir, { backend: true });
      terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
      return JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"]));
    };
    let plan: any;
    beforeAll(() => {
      plan = planOf({ "cdk.tf.json": offlineCopy(synthCluster(cluster)) });
    }, 120_000);
    const after = (address: string) => plan.resource_changes.find((r: { address: string }) => r.address === address)?.change.after;
    const expressions = (address: string) => plan.configuration.root_module.resources.find((r: { address: string }) => r.address === address).expressions;

    it("THEN it creates the OIDC provider, a role per service account and add-on, one Pod Identity association, and no CNI policy on the node role", () => {
      const addresses: string[] = plan.resource_changes.map((r: { address: string }) => r.address);
      expect(addresses).toEqual(
        expect.arrayContaining([
          "aws_iam_openid_connect_provider.oidc_provider",
          "aws_iam_role.service_account_orders_orders-api",
          "aws_iam_role.service_account_orders_invoice-worker",
          "aws_iam_role.addon_role_vpc-cni",
          "aws_iam_role.addon_role_aws-ebs-csi-driver",
          "aws_eks_pod_identity_association.service_account_orders_orders-api_association",
          "aws_iam_role_policy.service_account_orders_invoice-worker_inline",
          "aws_iam_role_policy_attachment.addon_role_vpc-cni_AmazonEKS_CNI_Policy",
          "aws_iam_role_policy_attachment.addon_role_aws-ebs-csi-driver_AmazonEBSCSIDriverPolicy",
        ]),
      );
      expect(addresses.filter((a) => a.startsWith("aws_eks_pod_identity_association."))).toHaveLength(1);
      expect(addresses.filter((a) => /node_role_.*AmazonEKS_CNI_Policy/.test(a))).toEqual([]);
    });

    it("THEN the OIDC provider is the cluster's issuer for sts.amazonaws.com", () => {
      expect(after("aws_iam_openid_connect_provider.oidc_provider")).toMatchObject({ client_id_list: ["sts.amazonaws.com"] });
      expect(expressions("aws_iam_openid_connect_provider.oidc_provider").url.references).toContain("aws_eks_cluster.cluster.identity[0].oidc[0].issuer");
    });

    it("THEN the Pod Identity role trusts pods.eks.amazonaws.com with AssumeRole and TagSession, and nothing else", () => {
      expect(JSON.parse(after("aws_iam_role.service_account_orders_orders-api").assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      });
      expect(after("aws_eks_pod_identity_association.service_account_orders_orders-api_association")).toMatchObject({ namespace: "orders", service_account: "orders-api" });
    });

    it("THEN the IRSA trust names the OIDC provider and conditions :sub and :aud on its issuer", () => {
      const trust = expressions("aws_iam_role.service_account_orders_invoice-worker").assume_role_policy.references;
      expect(trust).toEqual(expect.arrayContaining(["aws_iam_openid_connect_provider.oidc_provider.arn", "aws_iam_openid_connect_provider.oidc_provider.url"]));
    });

    it("THEN vpc-cni is bound by Pod Identity and the EBS CSI driver by IRSA, each after its role's policy", () => {
      expect(after("aws_eks_addon.addons_vpc-cni").pod_identity_association).toEqual([{ service_account: "aws-node" }].map((x) => expect.objectContaining(x)));
      expect(expressions("aws_eks_addon.addons_aws-ebs-csi-driver").service_account_role_arn.references).toContain("aws_iam_role.addon_role_aws-ebs-csi-driver.arn");
      const config = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === "aws_eks_addon.addons_vpc-cni");
      expect(config.depends_on).toContain("aws_iam_role_policy_attachment.addon_role_vpc-cni_AmazonEKS_CNI_Policy");
    });

    it("THEN the hand-off plans the same resources", () => {
      const settings = Object.entries(OFFLINE_PROVIDER).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}\n`).join("");
      const hcl = renderHandoffHcl(cluster).replace(/^provider "aws" \{\n/m, (open) => `${open}${settings}`);
      const fromHcl = planOf({ "main.tf": hcl });
      const actions = (p: any) => p.resource_changes.map((r: { address: string; change: { actions: string[] } }) => `${r.address} ${r.change.actions}`).sort();
      expect(actions(fromHcl)).toEqual(actions(plan));
    }, 120_000);
  });
});
