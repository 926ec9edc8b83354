/** Every file in examples/ is accepted, synthesizes, and passes `terraform validate` on every stack. */
import * as fs from "fs";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { synthCluster } from "../test-support/synth";
import { describeWithTerraform, validateStacks } from "../test-support/terraform";

const EXAMPLES = path.resolve(__dirname, "..", "examples");
const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

describe("examples", () => {
  it("GIVEN the examples folder THEN it holds the five documented examples", () => {
    expect(files).toEqual(["existing-vpc.yaml", "multi-env.yaml", "private-endpoint.yaml", "spot-and-arm.yaml", "walkthrough.yaml"]);
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

describeWithTerraform("examples under Terraform", (terraform) => {
  it("GIVEN every stack of every example WHEN validated THEN Terraform accepts them all without warnings", () => {
    const stacks: Record<string, string> = {};
    for (const file of files) {
      for (const cluster of loadClusters(path.join(EXAMPLES, file)).clusters) stacks[cluster.name] = synthCluster(cluster);
    }
    expect(Object.keys(stacks).sort()).toEqual([
      "payments",
      "simple-bank",
      "simple-bank-batch",
      "simple-bank-dev",
      "simple-bank-private",
      "simple-bank-prod",
    ]);
    const result = validateStacks(terraform, stacks);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
