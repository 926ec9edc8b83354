import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { ClusterAccess, principalId } from "../src/constructs/cluster/cluster-access";
import { parse, synthScope } from "../test-support/synth";

const ADMINS = "arn:aws:iam::111122223333:role/platform-admins";
const PARTITION = "${data.aws_partition.current.partition}";

describe("ClusterAccess", () => {
  const synthesized = synthScope((scope) => {
    new ClusterAccess(scope, "access", {
      clusterName: "simple-bank",
      partition: PARTITION,
      entries: [
        { principalArn: ADMINS, policies: [{ policy: "AmazonEKSClusterAdminPolicy" }] },
        { principalArn: "arn:aws:iam::111122223333:user/dev/ann", policies: [{ policy: "AmazonEKSEditPolicy", namespaces: ["payments", "team-*"] }] },
      ],
    });
  });

  it("GIVEN principals WHEN synthesized THEN each gets one access entry", () => {
    expect(synthesized).toHaveResourceWithProperties(EksAccessEntry, { cluster_name: "simple-bank", principal_arn: ADMINS });
    expect(Object.keys(parse(synthesized).resource.aws_eks_access_entry).sort()).toEqual([
      "access_111122223333_role_platform-admins",
      "access_111122223333_user_ann",
    ]);
  });

  it("GIVEN a policy without namespaces WHEN synthesized THEN it is associated cluster-wide with the partition's policy ARN", () => {
    expect(synthesized).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: `arn:${PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      access_scope: { type: "cluster" },
      principal_arn: "${aws_eks_access_entry.access_111122223333_role_platform-admins.principal_arn}",
    });
  });

  it("GIVEN namespaces WHEN synthesized THEN the association is namespace-scoped", () => {
    expect(synthesized).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: `arn:${PARTITION}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy`,
      access_scope: { type: "namespace", namespaces: ["payments", "team-*"] },
    });
  });

  it("GIVEN no entries WHEN synthesized THEN nothing is created", () => {
    expect(parse(synthScope((scope) => new ClusterAccess(scope, "access", { clusterName: "c", partition: "aws", entries: [] }))).resource).toBeUndefined();
  });

  it("GIVEN ARNs with paths WHEN named THEN the ID is account, type and name", () => {
    expect(principalId("arn:aws-cn:iam::111122223333:role/a/b/ops")).toBe("111122223333_role_ops");
  });
});
