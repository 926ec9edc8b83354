/**
 * Contract tests of the node group launch template examples against the real Terraform CLI and hashicorp/aws 5.100.0
 * (the local mirror): examples/launch-template.yaml and examples/custom-ami.yaml validate, and plan offline from the
 * stack and from the hand-off, with the user data Terraform will send decoding to the NodeConfig we wrote.
 * Skipped with a notice where Terraform is missing, unless CI=true.
 */
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";
import { renderHandoffHcl } from "../src/output/handoff";
import { synthCluster } from "../test-support/synth";
import { describeWithTerraform, OFFLINE_PROVIDER, offlineCopy, planFilesJson, Terraform, validateHandoffs, validateStacks } from "../test-support/terraform";

const EXAMPLES = path.join(__dirname, "..", "examples");
const load = (file: string): ClusterConfig => loadClusters(path.join(EXAMPLES, file)).clusters[0];

interface Change {
  address: string;
  change: { actions: string[]; after: Record<string, any>; after_unknown: Record<string, any> };
}

function plan(terraform: Terraform, files: Record<string, string>): Change[] {
  return planFilesJson<{ resource_changes: Change[] }>(terraform, files).resource_changes;
}

/** The hand-off main.tf made plannable offline, as terraform-contract.test.ts does. */
function offlineHandoff(config: ClusterConfig): string {
  const settings = Object.entries(OFFLINE_PROVIDER).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}\n`).join("");
  return renderHandoffHcl(config).replace(/^provider "aws" \{\n/m, (open) => `${open}${settings}`);
}

const LT = "aws_launch_template.node_group_workers_launch_template";

describeWithTerraform("node group launch template examples under Terraform", (terraform) => {
  const launchTemplate = load("launch-template.yaml");
  const customAmi = load("custom-ami.yaml");

  it("GIVEN both examples WHEN validated (stacks and hand-offs) THEN Terraform accepts them without warnings, formatted", () => {
    const stacks = validateStacks(terraform, { lt: synthCluster(launchTemplate), ami: synthCluster(customAmi) });
    expect(stacks.diagnostics).toEqual([]);
    expect(stacks.valid).toBe(true);
    const handoffs = validateHandoffs(terraform, { lt: renderHandoffHcl(launchTemplate), ami: renderHandoffHcl(customAmi) });
    expect(handoffs.unformatted).toBe("");
    expect(handoffs.diagnostics).toEqual([]);
  }, 180_000);

  describe("GIVEN launch-template.yaml WHEN planned offline", () => {
    let changes: Change[];
    beforeAll(() => {
      changes = plan(terraform, { "cdk.tf.json": offlineCopy(synthCluster(launchTemplate)) });
    }, 180_000);
    const after = (address: string) => changes.find((c) => c.address === address)!.change.after;

    it("THEN the launch template holds the encrypted gp3 volume, IMDSv2 with hop limit 1, the security groups and tags", () => {
      const lt = after(LT);
      expect(lt.block_device_mappings).toEqual([
        expect.objectContaining({
          device_name: "/dev/xvda",
          ebs: [expect.objectContaining({ volume_size: 100, volume_type: "gp3", iops: 6000, throughput: 500, encrypted: "true", delete_on_termination: "true" })],
        }),
      ]);
      expect(lt.metadata_options).toEqual([expect.objectContaining({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 })]);
      expect(lt.tag_specifications.map((t: { resource_type: string; tags: unknown }) => [t.resource_type, t.tags])).toEqual([
        ["instance", { team: "payments" }],
        ["volume", { team: "payments" }],
        ["network-interface", { team: "payments" }],
      ]);
      // the list holds the cluster security group, unknown until the cluster exists
      expect(changes.find((c) => c.address === LT)!.change.after_unknown.vpc_security_group_ids).toBeTruthy();
    });

    it("THEN Terraform sends user data that decodes to the NodeConfig with maxPods and the flag", () => {
      const text = Buffer.from(after(LT).user_data as string, "base64").toString("utf8");
      expect(text).toBe(
        [
          "MIME-Version: 1.0",
          'Content-Type: multipart/mixed; boundary="==NODEADM=="',
          "",
          "--==NODEADM==",
          "Content-Type: application/node.eks.aws",
          "",
          "---",
          "apiVersion: node.eks.aws/v1alpha1",
          "kind: NodeConfig",
          "spec:",
          "  kubelet:",
          "    config:",
          "      maxPods: 110",
          "    flags:",
          '      - "--node-labels=workload=general"',
          "",
          "--==NODEADM==--",
          "",
        ].join("\n"),
      );
    });

    it("THEN the node group uses the template, with node repair and no disk_size or remote access", () => {
      const group = after("aws_eks_node_group.node_group_workers");
      expect(group).toMatchObject({ ami_type: "AL2023_x86_64_STANDARD", instance_types: ["m6i.xlarge"], node_repair_config: [{ enabled: true }] });
      expect(group.disk_size ?? null).toBeNull();
      expect(group.remote_access).toEqual([]);
      expect(group.launch_template).toHaveLength(1);
    });

    it("THEN the hand-off plans the same user data", () => {
      const fromHandoff = plan(terraform, { "main.tf": offlineHandoff(launchTemplate) });
      expect(fromHandoff.find((c) => c.address === LT)!.change.after.user_data).toBe(after(LT).user_data);
    }, 180_000);
  });

  describe("GIVEN custom-ami.yaml WHEN planned offline", () => {
    let changes: Change[];
    beforeAll(() => {
      changes = plan(terraform, { "cdk.tf.json": offlineCopy(synthCluster(customAmi)) });
    }, 180_000);
    const change = (address: string) => changes.find((c) => c.address === address.replace("workers", "golden"))!.change;

    it("THEN the template names the AMI and its user data waits for the cluster's endpoint and certificate", () => {
      const lt = change(LT);
      expect(lt.after.image_id).toBe("ami-0123456789abcdef0");
      expect(lt.after_unknown.user_data).toBe(true);
      expect(change("aws_eks_node_group.node_group_workers").after).toMatchObject({ ami_type: "CUSTOM", instance_types: ["m6i.large"] });
    });
  });
});
