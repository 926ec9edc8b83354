import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { App, Testing } from "cdktf";
import { ClusterStack } from "../src/constructs/cluster-stack";
import { ReadableStack } from "../src/constructs/readable-stack";
import { renderHandoffHcl } from "../src/output/handoff";
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { resolveClusters } from "../src/config/load";
import { addresses, clusterConfig, nodeGroupSettings, parse, resource, synthCluster } from "../test-support/synth";

describe("ClusterStack", () => {
  describe("GIVEN the embedded default (the walk-through, updated)", () => {
    const synthesized = synthCluster();
    const tf = parse(synthesized);

    it("THEN it is the stack simple-bank in us-east-1 with the pinned provider", () => {
      expect(synthesized).toHaveProviderWithProperties(AwsProvider, { region: "us-east-1" });
      expect(tf.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "5.100.0" });
    });

    it("THEN node groups, add-ons and access entries are replaced with the cluster (EKS keeps none of them across a new cluster)", () => {
      const withAccess = parse(
        synthCluster(
          clusterConfig({
            access: { ...DEFAULT_CLUSTER.access, entries: [{ principalArn: "arn:aws:iam::111122223333:role/admins", policies: [{ policy: "AmazonEKSClusterAdminPolicy" }] }] },
          }),
        ),
      );
      const inCluster = ["aws_eks_node_group", "aws_eks_addon", "aws_eks_access_entry", "aws_eks_access_policy_association"].flatMap((type) =>
        Object.entries(withAccess.resource[type] ?? {}).map(([name, r]: [string, any]) => [`${type}.${name}`, r.lifecycle?.replace_triggered_by]),
      );
      expect(inCluster.length).toBe(6);
      for (const [address, trigger] of inCluster) expect([address, trigger]).toEqual([address, ["aws_eks_cluster.cluster.id"]]);
      // and nothing else is
      for (const type of ["aws_eks_cluster", "aws_iam_role", "aws_iam_role_policy_attachment"]) {
        for (const r of Object.values<any>(withAccess.resource[type])) expect(r.lifecycle?.replace_triggered_by).toBeUndefined();
      }
    });

    it("THEN it keeps local state in the project folder through a relative path", () => {
      expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.simple-bank.tfstate" } });
    });

    it("THEN it creates exactly the walk-through's resources at stable addresses", () => {
      expect(addresses(synthesized)).toEqual([
        "aws_eks_addon.addons_coredns",
        "aws_eks_addon.addons_kube-proxy",
        "aws_eks_addon.addons_vpc-cni",
        "aws_eks_cluster.cluster",
        "aws_eks_node_group.node_group_simple-bank",
        "aws_iam_role.cluster_role",
        "aws_iam_role.node_role_simple-bank-eks-node",
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEC2ContainerRegistryReadOnly",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKSWorkerNodePolicy",
        "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKS_CNI_Policy",
        "data.aws_availability_zones.network_zones",
        "data.aws_eks_addon_version.addons_coredns_version",
        "data.aws_eks_addon_version.addons_kube-proxy_version",
        "data.aws_eks_addon_version.addons_vpc-cni_version",
        "data.aws_partition.current",
        "data.aws_subnets.network_subnets",
        "data.aws_vpc.network_vpc",
      ]);
    });

    it("THEN the cluster has the walk-through's settings on Kubernetes 1.35", () => {
      expect(synthesized).toHaveResourceWithProperties(EksCluster, {
        name: "simple-bank",
        version: "1.35",
        role_arn: "${aws_iam_role.cluster_role.arn}",
        vpc_config: {
          subnet_ids: "${data.aws_subnets.network_subnets.ids}",
          endpoint_public_access: true,
          endpoint_private_access: true,
          public_access_cidrs: ["0.0.0.0/0"],
        },
      });
      expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "simple-bank-eks-cluster" });
      expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "simple-bank-eks-node" });
    });

    it("THEN the node group is the walk-through's on AL2023 and follows the cluster's version", () => {
      expect(synthesized).toHaveResourceWithProperties(EksNodeGroup, {
        node_group_name: "simple-bank",
        version: "${aws_eks_cluster.cluster.version}",
        node_role_arn: "${aws_iam_role.node_role_simple-bank-eks-node.arn}",
        subnet_ids: "${data.aws_subnets.network_subnets.ids}",
        ami_type: "AL2023_x86_64_STANDARD",
        capacity_type: "ON_DEMAND",
        instance_types: ["t3.micro"],
        disk_size: 20,
        scaling_config: { min_size: 1, max_size: 2, desired_size: 1 },
        update_config: { max_unavailable: 1 },
      });
    });

    it("THEN every policy ARN comes from the partition lookup, never a literal arn:aws:", () => {
      expect(synthesized).toHaveDataSource(DataAwsPartition);
      const attachments = Object.values(tf.resource.aws_iam_role_policy_attachment);
      expect(attachments).toHaveLength(4);
      for (const a of attachments) expect(a.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.current\.partition\}:iam::aws:policy\//);
    });

    it("THEN the cluster waits for its role's policy", () => {
      expect(resource(synthesized, "aws_eks_cluster", "cluster").depends_on).toEqual([
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy",
      ]);
    });

    it("THEN nodes wait for their role's policies and for vpc-cni and kube-proxy, not coredns", () => {
      const dependsOn = resource(synthesized, "aws_eks_node_group", "node_group_simple-bank").depends_on;
      expect(dependsOn).toEqual(
        expect.arrayContaining([
          "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKS_CNI_Policy",
          "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEKSWorkerNodePolicy",
          "aws_iam_role_policy_attachment.node_role_simple-bank-eks-node_AmazonEC2ContainerRegistryReadOnly",
          "aws_eks_addon.addons_vpc-cni",
          "aws_eks_addon.addons_kube-proxy",
        ]),
      );
      expect(dependsOn).toHaveLength(5);
    });

    it("THEN coredns waits for the node group, and vpc-cni / kube-proxy wait for nothing but the cluster", () => {
      expect(resource(synthesized, "aws_eks_addon", "addons_coredns").depends_on).toEqual(["aws_eks_node_group.node_group_simple-bank"]);
      expect(resource(synthesized, "aws_eks_addon", "addons_vpc-cni").depends_on).toBeUndefined();
      expect(resource(synthesized, "aws_eks_addon", "addons_kube-proxy").depends_on).toBeUndefined();
      for (const name of ["addons_vpc-cni", "addons_kube-proxy", "addons_coredns"]) {
        expect(resource(synthesized, "aws_eks_addon", name).cluster_name).toBe("${aws_eks_cluster.cluster.name}");
      }
    });

    it("THEN it outputs what a user needs to connect, each with a description", () => {
      const outputs = tf.output!;
      expect(Object.keys(outputs).sort()).toEqual([
        "cluster_arn",
        "cluster_certificate_authority_data",
        "cluster_endpoint",
        "cluster_name",
        "cluster_oidc_issuer_url",
        "kubeconfig_command",
        "node_group_arns",
        "node_group_statuses",
      ]);
      for (const o of Object.values(outputs)) expect(o.description).toMatch(/\w+/);
      expect(outputs.cluster_endpoint.value).toBe("${aws_eks_cluster.cluster.endpoint}");
      expect(outputs.cluster_certificate_authority_data.value).toBe("${aws_eks_cluster.cluster.certificate_authority[0].data}");
      expect(outputs.cluster_oidc_issuer_url.value).toBe("${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}");
      expect(outputs.node_group_arns.value).toEqual({ "simple-bank": "${aws_eks_node_group.node_group_simple-bank.arn}" });
      expect(outputs.node_group_statuses.value).toEqual({ "simple-bank": "${aws_eks_node_group.node_group_simple-bank.status}" });
      expect(outputs.kubeconfig_command.value).toBe("aws eks update-kubeconfig --region us-east-1 --name simple-bank");
    });

    it("THEN synthesizing again gives the same bytes", () => {
      expect(synthCluster()).toBe(synthesized);
    });
  });

  it("GIVEN eks-pod-identity-agent and metrics-server WHEN synthesized THEN nodes wait for the agent and metrics-server waits for nodes", () => {
    const synthesized = synthCluster(
      clusterConfig({ addons: { ...DEFAULT_CLUSTER.addons, "eks-pod-identity-agent": { version: "default" }, "metrics-server": { version: "default" } } }),
    );
    expect(resource(synthesized, "aws_eks_node_group", "node_group_simple-bank").depends_on).toContain("aws_eks_addon.addons_eks-pod-identity-agent");
    expect(resource(synthesized, "aws_eks_addon", "addons_metrics-server").depends_on).toEqual(["aws_eks_node_group.node_group_simple-bank"]);
  });

  it("GIVEN two node groups WHEN synthesized THEN they share the node role and coredns waits for both", () => {
    const synthesized = synthCluster(clusterConfig({ nodeGroups: [nodeGroupSettings(), nodeGroupSettings({ name: "batch" })] }));
    expect(Object.keys(parse(synthesized).resource.aws_iam_role).sort()).toEqual(["cluster_role", "node_role_simple-bank-eks-node"]);
    expect(resource(synthesized, "aws_eks_node_group", "node_group_batch").node_role_arn).toBe("${aws_iam_role.node_role_simple-bank-eks-node.arn}");
    expect(resource(synthesized, "aws_eks_addon", "addons_coredns").depends_on).toEqual([
      "aws_eks_node_group.node_group_simple-bank",
      "aws_eks_node_group.node_group_batch",
    ]);
  });

  it("GIVEN existing role ARNs WHEN synthesized THEN no IAM resources are created and the ARNs are used", () => {
    const clusterRoleArn = "arn:aws:iam::111122223333:role/eks-cluster";
    const nodeRoleArn = "arn:aws:iam::111122223333:role/eks-nodes";
    const synthesized = synthCluster(clusterConfig({ clusterRole: { arn: clusterRoleArn }, nodeGroups: [nodeGroupSettings({ role: { arn: nodeRoleArn } })] }));
    const tf = parse(synthesized);
    expect(tf.resource.aws_iam_role).toBeUndefined();
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(resource(synthesized, "aws_eks_cluster", "cluster").role_arn).toBe(clusterRoleArn);
    expect(resource(synthesized, "aws_eks_node_group", "node_group_simple-bank").node_role_arn).toBe(nodeRoleArn);
  });

  it("GIVEN a node group with its own subnets WHEN synthesized THEN it uses them and the cluster keeps the cluster's", () => {
    const synthesized = synthCluster(clusterConfig({ nodeGroups: [nodeGroupSettings({ subnetIds: ["subnet-0ccc", "subnet-0ddd"] })] }));
    expect(resource(synthesized, "aws_eks_node_group", "node_group_simple-bank").subnet_ids).toEqual(["subnet-0ccc", "subnet-0ddd"]);
    expect(resource(synthesized, "aws_eks_cluster", "cluster").vpc_config.subnet_ids).toBe("${data.aws_subnets.network_subnets.ids}");
  });

  it("GIVEN cluster tags WHEN synthesized THEN every taggable resource carries them", () => {
    const synthesized = synthCluster(clusterConfig({ tags: { team: "payments" } }));
    const tf = parse(synthesized);
    for (const type of ["aws_iam_role", "aws_eks_cluster", "aws_eks_addon", "aws_eks_node_group"]) {
      for (const [name, r] of Object.entries(tf.resource[type])) expect([name, r.tags]).toEqual([name, { team: "payments" }]);
    }
  });

  it("GIVEN a local state path WHEN synthesized THEN the backend uses it", () => {
    const stack = new ClusterStack(Testing.app(), DEFAULT_CLUSTER, { localStatePath: "terraform.tfstate" });
    expect(parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: "terraform.tfstate" } });
  });

  it("GIVEN two constructs that would get one Terraform name WHEN synthesized THEN it fails naming both", () => {
    // a role named "x_y" and one named "x.y" both become node_role_x_y
    const config = clusterConfig({ nodeGroups: [nodeGroupSettings({ name: "a", role: { name: "x_y" } }), nodeGroupSettings({ name: "b", role: { name: "x.y" } })] });
    expect(() => synthCluster(config)).toThrow(/node_role_x_y.*claimed by both/);
  });

  describe("GIVEN the production options", () => {
    const admins = "arn:aws:iam::111122223333:role/platform-admins";
    const synthesized = synthCluster(
      clusterConfig({
        logging: { types: ["api", "audit"], retentionDays: 90 },
        secretsEncryption: { createKey: true },
        access: { authenticationMode: "API", clusterCreatorAdmin: false, entries: [{ principalArn: admins, policies: [{ policy: "AmazonEKSClusterAdminPolicy" }] }] },
        upgradePolicy: { supportType: "STANDARD" },
        backend: { s3: { bucket: "acme-terraform-state" } },
      }),
    );
    const cluster = resource(synthesized, "aws_eks_cluster", "cluster");

    it("THEN the cluster waits for its log group, its role's policy and the KMS grant", () => {
      expect(cluster.depends_on).toEqual([
        "aws_iam_role_policy_attachment.cluster_role_AmazonEKSClusterPolicy",
        "aws_iam_role_policy.cluster_role_secrets_encryption",
        "aws_cloudwatch_log_group.cluster_logs",
      ]);
      expect(resource(synthesized, "aws_cloudwatch_log_group", "cluster_logs").name).toBe("/aws/eks/simple-bank/cluster");
    });

    it("THEN secrets use the created key, which the cluster role may use", () => {
      expect(cluster.encryption_config).toEqual({ provider: { key_arn: "${aws_kms_key.secrets_key.arn}" }, resources: ["secrets"] });
      expect(resource(synthesized, "aws_iam_role_policy", "cluster_role_secrets_encryption")).toMatchObject({
        name: "EKSSecretsEncryption",
        role: "${aws_iam_role.cluster_role.name}",
        policy:
          '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], "Resource" = aws_kms_key.secrets_key.arn}]})}',
      });
    });

    it("THEN access config, upgrade policy and access entries are set", () => {
      expect(cluster.access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
      expect(cluster.upgrade_policy).toEqual({ support_type: "STANDARD" });
      expect(resource(synthesized, "aws_eks_access_entry", "access_111122223333_role_platform-admins").principal_arn).toBe(admins);
    });

    it("THEN state goes to S3 with the default key and region, the lock file and encryption", () => {
      expect(parse(synthesized).terraform.backend).toEqual({
        s3: { bucket: "acme-terraform-state", key: "simple-bank/terraform.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
      });
    });
  });

  it("GIVEN the default WHEN synthesized THEN access is the console's: API_AND_CONFIG_MAP with the creator as admin", () => {
    expect(resource(synthCluster(), "aws_eks_cluster", "cluster").access_config).toEqual({
      authentication_mode: "API_AND_CONFIG_MAP",
      bootstrap_cluster_creator_admin_permissions: true,
    });
    expect(resource(synthCluster(), "aws_eks_cluster", "cluster").upgrade_policy).toBeUndefined();
  });

  it("GIVEN a given KMS key WHEN synthesized THEN no key is created and the cluster role may use the given one", () => {
    const kmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const synthesized = synthCluster(clusterConfig({ secretsEncryption: { kmsKeyArn } }));
    expect(parse(synthesized).resource.aws_kms_key).toBeUndefined();
    expect(resource(synthesized, "aws_iam_role_policy", "cluster_role_secrets_encryption").policy).toContain(`"Resource" = "${kmsKeyArn}"`);
  });

  it("GIVEN an S3 bucket with its own key and region WHEN synthesized THEN they are used", () => {
    const synthesized = synthCluster(clusterConfig({ backend: { s3: { bucket: "b-state", key: "eks/x.tfstate", region: "eu-west-1" } } }));
    expect(parse(synthesized).terraform.backend.s3).toMatchObject({ key: "eks/x.tfstate", region: "eu-west-1" });
  });
});

describe("ClusterStack: workload identity", () => {
  const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
  const [config] = resolveClusters(
    {
      addons: { "vpc-cni": { role: {} }, "aws-ebs-csi-driver": { version: "default", role: { identity: "irsa" } } },
      serviceAccounts: [
        { namespace: "orders", name: "api", managedPolicyArns: [S3] },
        { namespace: "orders", name: "worker", identity: "irsa", inlinePolicy: { Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:us-east-1:111122223333:${q}" }] } },
      ],
    },
    "test.yaml",
  ).clusters;
  const tf = parse(synthCluster(config));

  it("GIVEN service accounts and add-on roles THEN the OIDC provider, a role each, one association, and the add-ons bound by their mechanism", () => {
    expect(Object.keys(tf.resource.aws_iam_openid_connect_provider)).toEqual(["oidc_provider"]);
    expect(Object.keys(tf.resource.aws_iam_role).sort()).toEqual(
      ["addon_role_aws-ebs-csi-driver", "addon_role_vpc-cni", "cluster_role", "node_role_simple-bank-eks-node", "service_account_orders_api", "service_account_orders_worker"].sort(),
    );
    expect(tf.resource.aws_eks_pod_identity_association).toEqual({
      service_account_orders_api_association: expect.objectContaining({ namespace: "orders", service_account: "api", role_arn: "${aws_iam_role.service_account_orders_api.arn}" }),
    });
    expect(tf.resource.aws_eks_addon["addons_vpc-cni"].pod_identity_association).toEqual([{ role_arn: "${aws_iam_role.addon_role_vpc-cni.arn}", service_account: "aws-node" }]);
    expect(tf.resource.aws_eks_addon["addons_aws-ebs-csi-driver"].service_account_role_arn).toBe("${aws_iam_role.addon_role_aws-ebs-csi-driver.arn}");
    expect(tf.resource.aws_eks_addon["addons_eks-pod-identity-agent"]).toBeDefined();
  });

  it("THEN the node role has no CNI policy, and the inline policy is the document as given, $ escaped for Terraform", () => {
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((a) => a.startsWith("node_role_")).sort()).toEqual([
      "node_role_simple-bank-eks-node_AmazonEC2ContainerRegistryReadOnly",
      "node_role_simple-bank-eks-node_AmazonEKSWorkerNodePolicy",
    ]);
    expect(tf.resource.aws_iam_role_policy.service_account_orders_worker_inline.policy).toBe(
      '{"Statement":[{"Action":"sqs:*","Effect":"Allow","Resource":"arn:aws:sqs:us-east-1:111122223333:$${q}"}]}',
    );
  });

  it("THEN the outputs hold the provider's ARN and every role's ARN by service account and by add-on", () => {
    expect(tf.output!.oidc_provider_arn.value).toBe("${aws_iam_openid_connect_provider.oidc_provider.arn}");
    expect(tf.output!.service_account_role_arns.value).toEqual({
      "orders/api": "${aws_iam_role.service_account_orders_api.arn}",
      "orders/worker": "${aws_iam_role.service_account_orders_worker.arn}",
    });
    expect(tf.output!.addon_role_arns.value).toEqual({
      "aws-ebs-csi-driver": "${aws_iam_role.addon_role_aws-ebs-csi-driver.arn}",
      "vpc-cni": "${aws_iam_role.addon_role_vpc-cni.arn}",
    });
  });

  it("GIVEN no service accounts and no add-on roles THEN none of it: no provider, no identity outputs", () => {
    const plain = parse(synthCluster(DEFAULT_CLUSTER));
    expect(plain.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(Object.keys(plain.output!)).not.toContain("oidc_provider_arn");
    expect(plain.output!.service_account_role_arns).toBeUndefined();
  });
});

describe("ReadableStack", () => {
  it("GIVEN one name for two kinds of element THEN both keep it: Terraform needs names unique per kind and type only", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    new IamRole(stack, "x.y", { name: "r", assumeRolePolicy: "{}" });
    new IamRolePolicyAttachment(stack, "x_y", { role: "r", policyArn: "arn:aws:iam::aws:policy/P" });
    const tf = JSON.parse(Testing.synth(stack));
    expect([Object.keys(tf.resource.aws_iam_role), Object.keys(tf.resource.aws_iam_role_policy_attachment)]).toEqual([["x_y"], ["x_y"]]);
  });

  it("GIVEN two elements of one type with one name THEN it fails naming both and the type", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    new IamRole(stack, "a.b", { name: "r1", assumeRolePolicy: "{}" });
    new IamRole(stack, "a_b", { name: "r2", assumeRolePolicy: "{}" });
    expect(() => Testing.synth(stack)).toThrow('Terraform name "a_b" (resource aws_iam_role) is claimed by both s/a.b and s/a_b; rename one of them.');
  });
});

describe("GIVEN names of Object.prototype members (constructor, toString, ...)", () => {
  const tags = { constructor: "x", toString: "y", hasOwnProperty: "h", valueOf: "v" };
  const config = (name: string) =>
    clusterConfig({
      name,
      tags,
      addons: Object.assign(Object.create(null), DEFAULT_CLUSTER.addons, { constructor: { version: "latest" } }),
      nodeGroups: [nodeGroupSettings({ name: "constructor", labels: { toString: "a", constructor: "b" }, tags: { valueOf: "group" } })],
    });

  it("WHEN clusters named constructor and toString are synthesized by one app THEN each stack is written with every such key", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-proto-"));
    const app = new App({ outdir });
    // WHEN
    for (const name of ["constructor", "toString"]) new ClusterStack(app, config(name));
    app.synth();
    // THEN
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks)).toEqual(["constructor", "toString"]);
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "constructor", "cdk.tf.json"), "utf8"));
    expect(tf.resource.aws_eks_cluster.cluster.tags).toEqual(tags);
    expect(tf.resource.aws_eks_node_group.node_group_constructor).toMatchObject({ labels: { toString: "a", constructor: "b" }, tags: { ...tags, valueOf: "group" } });
    expect(Object.keys(tf.resource.aws_eks_addon)).toContain("addons_constructor");
    expect(tf.output.node_group_arns.value).toEqual({ constructor: "${aws_eks_node_group.node_group_constructor.arn}" });
    expect(tf.resource.aws_eks_cluster.cluster.role_arn).toBe("${aws_iam_role.cluster_role.arn}");
  });

  it("WHEN rendered as the hand-off THEN the keys are there as written (in cdk.tf.json's sorted order)", () => {
    const hcl = renderHandoffHcl(config("constructor"));
    expect(hcl).toContain('resource "aws_eks_addon" "addons_constructor"');
    expect(hcl).toMatch(/tags = \{\n\s+constructor\s+= "x"\n\s+hasOwnProperty = "h"\n\s+toString\s+= "y"\n\s+valueOf\s+= "v"\n/);
  });
});

