import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ServiceRole, trustPolicy } from "../src/constructs/service-role";
import { parse, synthScope } from "../test-support/synth";

const PARTITION = "${data.aws_partition.current.partition}";

describe("ServiceRole", () => {
  it("creates a named role trusted by one service", () => {
    // GIVEN / WHEN
    const synthesized = synthScope((scope) => {
      new ServiceRole(scope, "cluster_role", {
        role: { name: "simple-bank-eks-cluster" },
        servicePrincipal: "eks.amazonaws.com",
        managedPolicyNames: ["AmazonEKSClusterPolicy"],
        partition: PARTITION,
      });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: "simple-bank-eks-cluster",
      assume_role_policy: trustPolicy("eks.amazonaws.com"),
    });
    expect(JSON.parse(trustPolicy("ec2.amazonaws.com"))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("attaches each managed policy with its own role policy attachment named after the policy", () => {
    // GIVEN
    const policies = ["AmazonEKS_CNI_Policy", "AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"];
    // WHEN
    const synthesized = synthScope((scope) => {
      new ServiceRole(scope, "node_role", {
        role: { name: "simple-bank-eks-node" },
        servicePrincipal: "ec2.amazonaws.com",
        managedPolicyNames: policies,
        partition: PARTITION,
      });
    });
    // THEN
    const attachments = parse(synthesized).resource.aws_iam_role_policy_attachment;
    expect(Object.keys(attachments).sort()).toEqual(policies.map((p) => `node_role_${p}`).sort());
    for (const policy of policies) {
      expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: "${aws_iam_role.node_role.name}",
        policy_arn: `arn:${PARTITION}:iam::aws:policy/${policy}`,
      });
    }
    // never the account-wide exclusive attachment
    expect(parse(synthesized).resource.aws_iam_policy_attachment).toBeUndefined();
  });

  it("keeps each attachment's address when the policy list is reordered", () => {
    // GIVEN two orders of the same policies
    const synth = (policies: string[]) =>
      Object.keys(
        parse(
          synthScope((scope) => {
            new ServiceRole(scope, "r", { role: { name: "R" }, servicePrincipal: "ec2.amazonaws.com", managedPolicyNames: policies, partition: PARTITION });
          }),
        ).resource.aws_iam_role_policy_attachment,
      ).sort();
    // WHEN / THEN
    expect(synth(["A", "B"])).toEqual(synth(["B", "A"]));
  });

  it("uses an existing role ARN and creates nothing", () => {
    // GIVEN
    const arn = "arn:aws:iam::111122223333:role/existing";
    let role: ServiceRole | undefined;
    // WHEN
    const synthesized = synthScope((scope) => {
      role = new ServiceRole(scope, "node_role", {
        role: { arn },
        servicePrincipal: "ec2.amazonaws.com",
        managedPolicyNames: ["AmazonEKS_CNI_Policy"],
        partition: PARTITION,
      });
    });
    // THEN
    expect(role!.roleArn).toBe(arn);
    expect(role!.dependables).toEqual([]);
    expect(parse(synthesized).resource).toBeUndefined();
  });

  it("tags the role only when tags are given", () => {
    const make = (tags?: Record<string, string>) =>
      synthScope((scope) => {
        new ServiceRole(scope, "r", { role: { name: "R" }, servicePrincipal: "eks.amazonaws.com", managedPolicyNames: [], partition: PARTITION, tags });
      });
    expect(make({ team: "payments" })).toHaveResourceWithProperties(IamRole, { tags: { team: "payments" } });
    expect(parse(make({})).resource.aws_iam_role.r.tags).toBeUndefined();
  });
});
