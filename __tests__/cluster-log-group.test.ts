import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ClusterLogGroup } from "../src/constructs/cluster/cluster-log-group";
import { parse, synthScope } from "../test-support/synth";

describe("ClusterLogGroup", () => {
  it("GIVEN a cluster and a retention WHEN synthesized THEN it creates EKS's own group name with that retention", () => {
    const synthesized = synthScope((scope) => {
      new ClusterLogGroup(scope, "cluster_logs", { clusterName: "simple-bank", retentionDays: 90, tags: { team: "payments" } });
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/eks/simple-bank/cluster",
      retention_in_days: 90,
      tags: { team: "payments" },
    });
    expect(Object.keys(parse(synthesized).resource.aws_cloudwatch_log_group)).toEqual(["cluster_logs"]);
  });
});
