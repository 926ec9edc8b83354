import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { spawnSync } from "child_process";
import { Testing } from "cdktf";
import { OidcProvider } from "../src/constructs/identity/oidc-provider";
import { POD_IDENTITY_TRUST_POLICY, ServiceAccountRole, ServiceAccountRoleProps } from "../src/constructs/identity/service-account-role";
import { ReadableStack } from "../src/constructs/readable-stack";
import { parse, resource, synthScope } from "../test-support/synth";
import { describeWithTerraform, validateStacks, workdir } from "../test-support/terraform";

const PARTITION = "${data.aws_partition.current.partition}";
const CLUSTER_NAME = "${aws_eks_cluster.cluster.name}";
const ISSUER = "${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}";
const EBS_POLICY = `arn:${PARTITION}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`;
const S3_POLICY = `arn:${PARTITION}:iam::aws:policy/AmazonS3ReadOnlyAccess`;
/** The IRSA condition keys' prefix, as the trust policy's jsonencode() writes it. */
const ISSUER_HOST_PATH = '${replace(aws_iam_openid_connect_provider.oidc.url, "https://", "")}';

/** A role for `app`/`payments` (or as overridden), beside an OIDC provider named `oidc`, in a readable stack. */
function synthRole(props: Partial<ServiceAccountRoleProps> = {}, id = "payments_app"): string {
  return synthScope((scope) => {
    const oidcProvider = new OidcProvider(scope, "oidc", { issuerUrl: ISSUER });
    new ServiceAccountRole(scope, id, {
      namespace: "payments",
      serviceAccount: "app",
      identity: "pod-identity",
      roleName: "payments-app",
      clusterName: CLUSTER_NAME,
      oidcProvider,
      ...props,
    });
  });
}

describe("ServiceAccountRole", () => {
  describe("with EKS Pod Identity", () => {
    it("GIVEN identity pod-identity WHEN synthesized THEN the role trusts pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession only", () => {
      // GIVEN / WHEN
      const synthesized = synthRole();
      // THEN
      const role = resource(synthesized, "aws_iam_role", "payments_app");
      expect(role.name).toBe("payments-app");
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      });
      expect(role.assume_role_policy).toBe(POD_IDENTITY_TRUST_POLICY);
    });

    it("GIVEN identity pod-identity WHEN synthesized THEN an association binds the service account to the role in the cluster", () => {
      // GIVEN / WHEN
      const synthesized = synthRole();
      // THEN
      expect(Object.keys(parse(synthesized).resource.aws_eks_pod_identity_association)).toEqual(["payments_app_association"]);
      const association = resource(synthesized, "aws_eks_pod_identity_association", "payments_app_association");
      expect(association).toMatchObject({
        cluster_name: CLUSTER_NAME,
        namespace: "payments",
        service_account: "app",
        role_arn: "${aws_iam_role.payments_app.arn}",
      });
      // no lifecycle without replaceWithCluster, no depends_on without policies
      expect(association.lifecycle).toBeUndefined();
      expect(association.depends_on).toBeUndefined();
    });

    it("GIVEN replaceWithCluster WHEN synthesized THEN the association is replaced with the cluster", () => {
      // GIVEN / WHEN
      const synthesized = synthRole({ replaceWithCluster: "aws_eks_cluster.cluster.id" });
      // THEN
      expect(resource(synthesized, "aws_eks_pod_identity_association", "payments_app_association").lifecycle).toEqual({
        replace_triggered_by: ["aws_eks_cluster.cluster.id"],
      });
    });

    it("GIVEN policies WHEN synthesized THEN the association waits for the role's attachments and inline policy", () => {
      // GIVEN / WHEN
      const synthesized = synthRole({ managedPolicyArns: [S3_POLICY], inlinePolicy: '{"Version":"2012-10-17","Statement":[]}' });
      // THEN
      expect(resource(synthesized, "aws_eks_pod_identity_association", "payments_app_association").depends_on).toEqual([
        "aws_iam_role_policy_attachment.payments_app_AmazonS3ReadOnlyAccess",
        "aws_iam_role_policy.payments_app_inline",
      ]);
    });

    it("GIVEN associate false (an add-on binds the role) WHEN synthesized THEN no association is created", () => {
      // GIVEN
      let role: ServiceAccountRole | undefined;
      // WHEN
      const synthesized = synthScope((scope) => {
        role = new ServiceAccountRole(scope, "ebs_csi", {
          namespace: "kube-system",
          serviceAccount: "ebs-csi-controller-sa",
          identity: "pod-identity",
          roleName: "ebs-csi",
          clusterName: CLUSTER_NAME,
          associate: false,
        });
      });
      // THEN
      expect(role!.association).toBeUndefined();
      expect(parse(synthesized).resource.aws_eks_pod_identity_association).toBeUndefined();
      expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "ebs-csi", assume_role_policy: POD_IDENTITY_TRUST_POLICY });
    });

    it("GIVEN tags WHEN synthesized THEN the role and the association carry them, and neither when empty", () => {
      const tagged = synthRole({ tags: { team: "payments" } });
      expect(tagged).toHaveResourceWithProperties(IamRole, { tags: { team: "payments" } });
      expect(tagged).toHaveResourceWithProperties(EksPodIdentityAssociation, { tags: { team: "payments" } });
      const untagged = synthRole({ tags: {} });
      expect(resource(untagged, "aws_iam_role", "payments_app").tags).toBeUndefined();
      expect(resource(untagged, "aws_eks_pod_identity_association", "payments_app_association").tags).toBeUndefined();
    });
  });

  describe("with IRSA", () => {
    it("GIVEN identity irsa WHEN synthesized THEN the trust policy is a jsonencode() of one web identity statement for the service account", () => {
      // GIVEN / WHEN
      const synthesized = synthRole({ identity: "irsa" });
      // THEN
      const policy: string = resource(synthesized, "aws_iam_role", "payments_app").assume_role_policy;
      expect(policy).toBe(
        "${jsonencode({" +
          '"Version" = "2012-10-17", "Statement" = [{' +
          '"Effect" = "Allow", ' +
          '"Principal" = {"Federated" = aws_iam_openid_connect_provider.oidc.arn}, ' +
          '"Action" = "sts:AssumeRoleWithWebIdentity", ' +
          '"Condition" = {"StringEquals" = {' +
          `"${ISSUER_HOST_PATH}:sub" = "system:serviceaccount:payments:app", ` +
          `"${ISSUER_HOST_PATH}:aud" = "sts.amazonaws.com"` +
          "}}}]})}",
      );
    });

    it("GIVEN identity irsa WHEN synthesized THEN each condition is StringEquals on the issuer's sub and aud", () => {
      // GIVEN / WHEN
      const policy: string = resource(synthRole({ identity: "irsa", namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" }), "aws_iam_role", "payments_app").assume_role_policy;
      // THEN: condition by condition
      expect(policy).toContain('"Principal" = {"Federated" = aws_iam_openid_connect_provider.oidc.arn}');
      expect(policy).toContain('"Action" = "sts:AssumeRoleWithWebIdentity"');
      expect(policy).toContain(`"${ISSUER_HOST_PATH}:sub" = "system:serviceaccount:kube-system:ebs-csi-controller-sa"`);
      expect(policy).toContain(`"${ISSUER_HOST_PATH}:aud" = "sts.amazonaws.com"`);
      expect(policy.match(/"StringEquals"/g)).toHaveLength(1);
      expect(policy.match(/"Effect"/g)).toHaveLength(1);
      expect(policy).not.toContain("undefined");
      expect(policy).not.toContain("TfToken");
    });

    it("GIVEN identity irsa WHEN synthesized THEN no Pod Identity association is created", () => {
      expect(parse(synthRole({ identity: "irsa" })).resource.aws_eks_pod_identity_association).toBeUndefined();
    });

    it("GIVEN identity irsa without an OIDC provider WHEN constructed THEN it throws a clear error", () => {
      expect(() =>
        synthScope((scope) => {
          new ServiceAccountRole(scope, "payments_app", {
            namespace: "payments",
            serviceAccount: "app",
            identity: "irsa",
            roleName: "payments-app",
            clusterName: CLUSTER_NAME,
          });
        }),
      ).toThrow(/payments_app: identity "irsa" needs the cluster's OIDC provider/);
    });
  });

  describe("policies", () => {
    it("GIVEN managed policy ARNs WHEN synthesized THEN each gets its own attachment named after the policy", () => {
      // GIVEN / WHEN
      const synthesized = synthRole({ managedPolicyArns: [EBS_POLICY, S3_POLICY] });
      // THEN
      const attachments = parse(synthesized).resource.aws_iam_role_policy_attachment;
      expect(Object.keys(attachments).sort()).toEqual(["payments_app_AmazonEBSCSIDriverPolicy", "payments_app_AmazonS3ReadOnlyAccess"]);
      expect(attachments.payments_app_AmazonEBSCSIDriverPolicy).toEqual({ role: "${aws_iam_role.payments_app.name}", policy_arn: EBS_POLICY });
      expect(attachments.payments_app_AmazonS3ReadOnlyAccess).toEqual({ role: "${aws_iam_role.payments_app.name}", policy_arn: S3_POLICY });
      expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: EBS_POLICY });
      expect(parse(synthesized).resource.aws_iam_policy_attachment).toBeUndefined();
    });

    it("GIVEN no managed policies and no inline policy WHEN synthesized THEN there are no attachments and no dependables", () => {
      let role: ServiceAccountRole | undefined;
      const synthesized = synthScope((scope) => {
        role = new ServiceAccountRole(scope, "r", { namespace: "n", serviceAccount: "s", identity: "pod-identity", roleName: "r", clusterName: "c" });
      });
      expect(parse(synthesized).resource.aws_iam_role_policy_attachment).toBeUndefined();
      expect(parse(synthesized).resource.aws_iam_role_policy).toBeUndefined();
      expect(role!.dependables).toEqual([]);
    });

    it("GIVEN two ARNs with the same policy name WHEN constructed THEN it throws naming both", () => {
      const custom = "arn:aws:iam::111122223333:policy/team/AmazonS3ReadOnlyAccess";
      expect(() => synthRole({ managedPolicyArns: [S3_POLICY, custom] })).toThrow(
        `payments_app: the managed policies "${S3_POLICY}" and "${custom}" share the name "AmazonS3ReadOnlyAccess"`,
      );
    });

    it("GIVEN an inline policy WHEN synthesized THEN it is aws_iam_role_policy <id>_inline named inline, and a dependable", () => {
      // GIVEN
      const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] });
      let role: ServiceAccountRole | undefined;
      // WHEN
      const synthesized = synthScope((scope) => {
        role = new ServiceAccountRole(scope, "payments_app", {
          namespace: "payments",
          serviceAccount: "app",
          identity: "pod-identity",
          roleName: "payments-app",
          clusterName: CLUSTER_NAME,
          managedPolicyArns: [S3_POLICY],
          inlinePolicy: document,
        });
      });
      // THEN
      expect(Object.keys(parse(synthesized).resource.aws_iam_role_policy)).toEqual(["payments_app_inline"]);
      expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: "inline", role: "${aws_iam_role.payments_app.name}", policy: document });
      const [attachment, inline] = role!.dependables;
      expect(role!.dependables).toHaveLength(2);
      expect(attachment).toBeInstanceOf(IamRolePolicyAttachment);
      expect((attachment as IamRolePolicyAttachment).node.id).toBe("AmazonS3ReadOnlyAccess");
      expect(inline).toBeInstanceOf(IamRolePolicy);
      expect((inline as IamRolePolicy).node.id).toBe("inline");
    });
  });
});

/** A stack with a provider, an OIDC provider for a literal issuer, and one role of each kind with policies. */
function contractStack(): string {
  const stack = new ReadableStack(Testing.app(), "identity");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const oidcProvider = new OidcProvider(stack, "oidc", { issuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", tags: { team: "payments" } });
  new ServiceAccountRole(stack, "ebs_csi", {
    namespace: "kube-system",
    serviceAccount: "ebs-csi-controller-sa",
    identity: "irsa",
    roleName: "ebs-csi",
    clusterName: "simple-bank",
    oidcProvider,
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
  });
  new ServiceAccountRole(stack, "payments_app", {
    namespace: "payments",
    serviceAccount: "app",
    identity: "pod-identity",
    roleName: "payments-app",
    clusterName: "simple-bank",
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    inlinePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] }),
    tags: { team: "payments" },
    replaceWithCluster: "aws_iam_openid_connect_provider.oidc.id",
  });
  return Testing.synth(stack);
}

describeWithTerraform("ServiceAccountRole against Terraform", (terraform) => {
  it("GIVEN an OIDC provider and a role of each kind WHEN validated THEN Terraform accepts them", () => {
    const result = validateStacks(terraform, { identity: contractStack() });
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("GIVEN the IRSA trust policy WHEN Terraform evaluates it for a known provider THEN it is exactly the one-statement JSON document", () => {
    // GIVEN the synthesized expression, the provider's attributes replaced by locals with known values
    const issuer = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const arn = `arn:aws:iam::111122223333:oidc-provider/${issuer}`;
    const expression: string = resource(contractStack(), "aws_iam_role", "ebs_csi").assume_role_policy;
    const policy = expression.split("aws_iam_openid_connect_provider.oidc.arn").join("local.arn").split("aws_iam_openid_connect_provider.oidc.url").join("local.url");
    const dir = workdir({ "main.tf.json": JSON.stringify({ locals: { arn, url: `https://${issuer}`, policy } }) });
    // WHEN
    const result = spawnSync(terraform.bin, ["console", "-no-color"], { cwd: dir, env: terraform.env, input: "local.policy\n", encoding: "utf8" });
    // THEN
    expect(result.status).toBe(0);
    expect(JSON.parse(JSON.parse(result.stdout.trim()))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:kube-system:ebs-csi-controller-sa", [`${issuer}:aud`]: "sts.amazonaws.com" } },
        },
      ],
    });
  });
});
