/**
 * `npm run plan-review`: a saved plan's JSON read as a pull-request comment. The review itself (`reviewPlan`) on plan
 * documents built here, the file reading (`readPlanFile`) on real files, and the compiled entry point's exit codes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { codeSpan, PlanFileError, readPlanFile, renderPath, reviewPlan } from "../src/review/plan-review";
import { change, cluster, nodeGroup, plan } from "../test-support/plan-fixtures";
import { ROOT, runNode } from "../test-support/app-process";

const PLAN_REVIEW = path.join(ROOT, "dist", "plan-review.js");
const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-plan-review-"));

/** The review's section about `address` (from its heading to the next one). */
function sectionOf(markdown: string, address: string): string {
  const sections = markdown.split(/\n(?=### )/);
  const found = sections.find((s) => s.includes(address));
  if (!found) throw new Error(`no section mentions ${address}:\n${markdown}`);
  return found;
}

const REPLACED_NODE_GROUP = change(
  "aws_eks_node_group.node_group_general",
  ["delete", "create"],
  nodeGroup("general", "payments", ["m5.large"]),
  nodeGroup("general", "payments", ["m6i.large"]),
  { replacePaths: [["instance_types"]], reason: "replace_because_cannot_update", afterUnknown: { arn: true, id: true } },
);

describe("reviewPlan: the summary", () => {
  it("GIVEN a plan without changes WHEN reviewed THEN it says no changes and exits 0", () => {
    const review = reviewPlan(plan([change("aws_eks_cluster.cluster", ["no-op"], cluster("payments", "10.100.0.0/16"), cluster("payments", "10.100.0.0/16"))]));
    expect(review.code).toBe(0);
    expect(review.markdown).toMatch(/^## Terraform plan review\n\n\*\*No changes\.\*\*/);
    expect(review.markdown).not.toContain("###");
  });

  it("GIVEN a plan document without resource_changes (an empty configuration) WHEN reviewed THEN it says no changes", () => {
    const { resource_changes: _, ...empty } = plan([]);
    expect(reviewPlan(empty)).toEqual({ code: 0, markdown: expect.stringContaining("**No changes.**") });
  });

  it("GIVEN an in-place update and a data source read WHEN reviewed THEN it counts the update only and exits 0", () => {
    const review = reviewPlan(
      plan([
        change("aws_eks_node_group.node_group_general", ["update"], nodeGroup("general", "payments", ["m5.large"], 2), nodeGroup("general", "payments", ["m5.large"], 3)),
        change("data.aws_vpc.default", ["read"], null, {}),
      ]),
    );
    expect(review.code).toBe(0);
    expect(review.markdown).toContain("**0 to create, 1 to update in place, 0 to replace, 0 to destroy.**");
    expect(review.markdown).toContain("Nothing is replaced or destroyed.");
  });

  it("GIVEN a plan that errored WHEN reviewed THEN the comment says it cannot be applied, and it exits 1", () => {
    const review = reviewPlan(plan([], { errored: true, applyable: false }));
    expect(review.markdown).toContain("> **This plan errored:** Terraform could not finish planning, so it cannot be applied");
    expect(review.code).toBe(1);
  });

  it("GIVEN a plan that forgets the cluster (removed from state, left running) WHEN reviewed THEN it is listed and it exits 1", () => {
    const review = reviewPlan(plan([change("aws_eks_cluster.cluster", ["forget"], cluster("payments", "10.100.0.0/16"), null)]));
    expect(review.code).toBe(1);
    expect(review.markdown).toContain("Forgotten: removed from Terraform's state and left running in AWS, managed by nothing");
    expect(review.markdown).toContain("- `aws_eks_cluster.cluster`: `forget`");
  });
});

describe("reviewPlan: odd but valid plans", () => {
  it("GIVEN a replace path through a set element WHEN reviewed THEN the path is shown with [*], not dropped", () => {
    const review = reviewPlan(
      plan([
        change("aws_eks_node_group.node_group_general", ["delete", "create"], nodeGroup("general", "payments", ["m5.large"]), nodeGroup("general", "payments", ["m5.large"]), {
          replacePaths: [["taint", { key: "a", value: "b", effect: "NO_SCHEDULE" }, "key"]],
          reason: "replace_because_cannot_update",
        }),
      ]),
    );
    expect(review.markdown).toContain("| `taint[*].key` |");
  });

  it("GIVEN compute resources replaced (Karpenter's queue and a discovery tag, a Fargate profile) WHEN reviewed THEN each is named in EKS terms with its config key", () => {
    const review = reviewPlan(
      plan([
        change("aws_sqs_queue.karpenter_interruption_queue", ["delete", "create"], { name: "Karpenter-payments" }, { name: "payments-interruptions" }, { replacePaths: [["name"]], reason: "replace_because_cannot_update" }),
        change('aws_ec2_tag.karpenter_discovery_subnet["subnet-0a1b2c3d4e5f60001"]', ["delete"], { key: "karpenter.sh/discovery", resource_id: "subnet-0a1b2c3d4e5f60001", value: "payments" }, null),
        change("aws_eks_fargate_profile.fargate_profile_system", ["delete", "create"], { fargate_profile_name: "system", cluster_name: "payments" }, { fargate_profile_name: "system", cluster_name: "payments" }, { replacePaths: [["selector"]], reason: "replace_because_cannot_update" }),
      ]),
    );
    expect(sectionOf(review.markdown, "aws_sqs_queue.karpenter_interruption_queue")).toContain("the Karpenter interruption queue `payments-interruptions`");
    expect(sectionOf(review.markdown, "aws_sqs_queue.karpenter_interruption_queue")).toMatch(/\| `name` \| `karpenter[^`]*` \|/);
    expect(sectionOf(review.markdown, "aws_ec2_tag.karpenter_discovery_subnet")).toContain("the tag `karpenter.sh/discovery` on `subnet-0a1b2c3d4e5f60001`");
    expect(sectionOf(review.markdown, "aws_eks_fargate_profile.fargate_profile_system")).toContain("Fargate profile `system`");
    expect(sectionOf(review.markdown, "aws_eks_fargate_profile.fargate_profile_system")).toMatch(/\| `selector` \| `fargateProfiles\[\][^`]*` \|/);
    expect(review.code).toBe(1);
  });

  it("GIVEN a deposed cluster being deleted WHEN reviewed THEN it says only the deposed object goes, not the cluster in use", () => {
    const review = reviewPlan(plan([change("aws_eks_cluster.cluster", ["delete"], cluster("payments", "10.100.0.0/16"), null, { deposed: "a1b2c3d4" })]));
    expect(review.markdown).toContain("This is a deposed object (`a1b2c3d4`)");
    expect(review.markdown).toContain("**What happens:** Terraform deletes the deposed object only: the current one, created by that earlier apply, stays.");
    expect(review.markdown).not.toContain("The cluster is deleted with everything running in it");
  });

  it("GIVEN 3,000 node groups replaced WHEN reviewed THEN the comment stays under GitHub's 65,536 characters and counts them all", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      change(`aws_eks_node_group.node_group_g${i}`, ["delete", "create"], nodeGroup(`g${i}`, "payments", ["m5.large"]), nodeGroup(`g${i}`, "payments", ["m6i.large"]), {
        replacePaths: [["instance_types"]],
      }),
    );
    const review = reviewPlan(plan(many));
    expect(review.markdown.length).toBeLessThan(65_536);
    expect(review.code).toBe(1);
    expect(review.markdown).toContain("**0 to create, 0 to update in place, 3000 to replace, 0 to destroy.**");
    expect(review.markdown).toContain("Also replaced or destroyed (listed only: the comment would be too long for a pull request):");
    expect(review.markdown).toMatch(/- \.\.\. and \d+ more \(see the plan itself\)/);
  });
});

describe("reviewPlan: replacements", () => {
  it("GIVEN a node group replaced for its instance types WHEN reviewed THEN it exits 1, names it, shows before -> after, the drain and the safer path", () => {
    const review = reviewPlan(plan([REPLACED_NODE_GROUP]));
    expect(review.code).toBe(1);
    expect(review.markdown).toContain("**0 to create, 0 to update in place, 1 to replace, 0 to destroy.**");
    const section = sectionOf(review.markdown, "aws_eks_node_group.node_group_general");
    expect(section).toMatch(/^### Replaced: node group `general` of cluster `payments`\n/);
    expect(section).toContain("the old one is destroyed first, then the new one is created, because an attribute that cannot change in place changed (`replace_because_cannot_update`)");
    expect(section).toContain('| `instance_types` | `nodeGroups[].instanceTypes` | `["m5.large"]` | `["m6i.large"]` |');
    expect(section).toMatch(/\*\*What happens:\*\*.*drains each old node.*15 minutes.*PodDisruptionBudget/);
    expect(section).toMatch(/\*\*Safer path:\*\* Add a new node group with the new settings.*cordon and drain the old nodes.*remove the old node group/);
  });

  it("GIVEN a cluster replaced for its service CIDR WHEN reviewed THEN the path is rendered with its index and the loss of workloads, endpoint, CA and IRSA is said", () => {
    const review = reviewPlan(
      plan([
        change("aws_eks_cluster.cluster", ["delete", "create"], cluster("payments", "10.100.0.0/16"), cluster("payments", "172.20.0.0/16"), {
          replacePaths: [["kubernetes_network_config", 0, "service_ipv4_cidr"]],
          reason: "replace_because_cannot_update",
        }),
      ]),
    );
    expect(review.code).toBe(1);
    const section = sectionOf(review.markdown, "aws_eks_cluster.cluster");
    expect(section).toMatch(/^### Replaced: cluster `payments`\n/);
    expect(section).toContain("| `kubernetes_network_config[0].service_ipv4_cidr` | `network.serviceIpv4Cidr` | `10.100.0.0/16` | `172.20.0.0/16` |");
    expect(section).toMatch(/every workload.*certificate authority.*kubeconfig.*OIDC issuer.*IRSA/);
    expect(section).toMatch(/\*\*Safer path:\*\* Revert the edit.*new cluster beside this one/);
  });

  it("GIVEN the cluster role replaced for its name WHEN reviewed THEN it is called the cluster role (from its trust policy) with the name change", () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const review = reviewPlan(
      plan([
        change("aws_iam_role.cluster_role", ["delete", "create"], { name: "payments-eks-cluster", assume_role_policy: trust }, { name: "payments-cluster", assume_role_policy: trust }, {
          replacePaths: [["name"]],
          reason: "replace_because_cannot_update",
        }),
      ]),
    );
    const section = sectionOf(review.markdown, "aws_iam_role.cluster_role");
    expect(section).toMatch(/^### Replaced: the cluster role `payments-cluster`\n/);
    expect(section).toContain("| `name` | `clusterRole.name` | `payments-eks-cluster` | `payments-cluster` |");
    expect(section).toContain("**Safer path:** Keep the role's name");
  });

  it("GIVEN a node role known only by its address WHEN reviewed THEN it is called the node role", () => {
    const review = reviewPlan(plan([change("aws_iam_role.node_role_payments-eks-node", ["delete", "create"], { name: "payments-eks-node" }, { name: "payments-eks-node" }, { reason: "replace_by_request" })]));
    const section = sectionOf(review.markdown, "aws_iam_role.node_role_payments-eks-node");
    expect(section).toMatch(/^### Replaced: the node role `payments-eks-node`\n/);
    expect(section).toContain("because it was asked for (`-replace`)");
    expect(section).not.toContain("| Forces replacement");
  });

  it("GIVEN a create_before_destroy replacement WHEN reviewed THEN the order is said", () => {
    const review = reviewPlan(plan([change("aws_launch_template.node_group_general_launch_template", ["create", "delete"], { name: "lt-a" }, { name: "lt-b" }, { replacePaths: [["name"]] })]));
    expect(review.markdown).toContain("the new one is created before the old one is destroyed (`create_before_destroy`)");
    expect(review.markdown).toContain("### Replaced: the node launch template `lt-b`");
  });

  it("GIVEN an add-on replaced WHEN reviewed THEN it says whether preserve keeps the software", () => {
    const addon = (version: string) => ({ addon_name: "coredns", cluster_name: "payments", addon_version: version, preserve: true });
    const review = reviewPlan(plan([change("aws_eks_addon.addons_coredns", ["delete", "create"], addon("v1"), addon("v2"), { replacePaths: [["addon_name"]] })]));
    const section = sectionOf(review.markdown, "aws_eks_addon.addons_coredns");
    expect(section).toMatch(/^### Replaced: add-on `coredns` of cluster `payments`\n/);
    expect(section).toContain("`preserve` is true: the software stays on the cluster.");
  });

  it("GIVEN resources in a module WHEN reviewed THEN the module address is shown and the resource is described by its real names", () => {
    const review = reviewPlan(
      plan([
        change("module.x.aws_eks_cluster.cluster", ["delete", "create"], cluster("payments", "10.100.0.0/16"), cluster("payments", "172.20.0.0/16"), {
          replacePaths: [["kubernetes_network_config", 0, "service_ipv4_cidr"]],
        }),
      ]),
    );
    expect(review.code).toBe(1);
    expect(sectionOf(review.markdown, "module.x.aws_eks_cluster.cluster")).toMatch(/^### Replaced: cluster `payments`\n\n`module\.x\.aws_eks_cluster\.cluster` is replaced/);
  });

  it("GIVEN sensitive and unknown values WHEN reviewed THEN they read (sensitive) and (known after apply), never the value", () => {
    const review = reviewPlan(
      plan([
        change("aws_eks_node_group.node_group_general", ["delete", "create"], { node_group_name: "general", labels: { secret: "hunter2" }, launch_template: [{ id: "lt-1" }] }, { node_group_name: "general", labels: { secret: "swordfish" }, launch_template: [{ id: null }] }, {
          replacePaths: [["labels", "secret"], ["launch_template", 0, "id"]],
          beforeSensitive: { labels: true },
          afterSensitive: { labels: { secret: true } },
          afterUnknown: { launch_template: [{ id: true }] },
        }),
      ]),
    );
    expect(review.markdown).toContain("| `labels.secret` |  | *(sensitive)* | *(sensitive)* |");
    expect(review.markdown).toContain("| `launch_template[0].id` | `nodeGroups[].imds` | `lt-1` | *(known after apply)* |");
    expect(review.markdown).not.toMatch(/hunter2|swordfish/);
  });

  it("GIVEN an unknown resource type WHEN replaced THEN it is described generically by type and address", () => {
    const review = reviewPlan(plan([change("aws_s3_bucket.logs", ["delete", "create"], { bucket: "a" }, { bucket: "b" }, { replacePaths: [["bucket"]] })]));
    const section = sectionOf(review.markdown, "aws_s3_bucket.logs");
    expect(section).toMatch(/^### Replaced: `aws_s3_bucket` resource\n/);
    expect(section).toContain("**What happens:** Terraform deletes this resource and creates it again");
  });
});

describe("reviewPlan: destruction", () => {
  it("GIVEN a node group removed from the configuration WHEN reviewed THEN it exits 1 and says why and what the nodes go through", () => {
    const review = reviewPlan(
      plan([
        change("aws_eks_node_group.node_group_batch", ["delete"], nodeGroup("batch", "payments", ["c6i.large"]), null, { reason: "delete_because_no_resource_config" }),
        change("aws_eks_node_group.node_group_general", ["no-op"], nodeGroup("general", "payments", ["m5.large"]), nodeGroup("general", "payments", ["m5.large"])),
      ]),
    );
    expect(review.code).toBe(1);
    expect(review.markdown).toContain("**0 to create, 0 to update in place, 0 to replace, 1 to destroy.**");
    const section = sectionOf(review.markdown, "aws_eks_node_group.node_group_batch");
    expect(section).toMatch(/^### Destroyed: node group `batch` of cluster `payments`\n/);
    expect(section).toContain("is destroyed, because it was removed from the configuration (`delete_because_no_resource_config`)");
    expect(section).toMatch(/Every node of the group is terminated: EKS drains each old node/);
  });

  it("GIVEN the secrets key and the log group destroyed WHEN reviewed THEN the sections are sorted by address and say what is lost", () => {
    const review = reviewPlan(
      plan([
        change("aws_kms_key.secrets_key", ["delete"], { description: "payments secrets" }, null),
        change("aws_cloudwatch_log_group.cluster_logs", ["delete"], { name: "/aws/eks/payments/cluster" }, null),
      ]),
    );
    const headings = review.markdown.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual(["### Destroyed: the log group `/aws/eks/payments/cluster`", "### Destroyed: the KMS key `payments secrets`"]);
    expect(sectionOf(review.markdown, "aws_kms_key.secrets_key")).toMatch(/scheduled for deletion.*secrets.*cannot be decrypted/);
    expect(sectionOf(review.markdown, "aws_cloudwatch_log_group.cluster_logs")).toContain("logs stored in it are deleted");
  });

  it("GIVEN the same plan twice in a different order WHEN reviewed THEN the comments are identical", () => {
    const a = change("aws_kms_key.secrets_key", ["delete"], {}, null);
    const b = change("aws_eks_addon.addons_vpc-cni", ["delete"], { addon_name: "vpc-cni" }, null);
    expect(reviewPlan(plan([a, b])).markdown).toBe(reviewPlan(plan([b, a])).markdown);
  });
});

describe("reviewPlan: hostile values", () => {
  const HOSTILE = "ev`il | <script>alert(1)</script>\n## owned\u202e";
  /** The cells of a table row as GFM splits them: a backslash pairs with the next character, a bare `|` splits. */
  const gfmCells = (row: string): string[] => {
    const cells: string[] = [];
    let cell = "";
    for (let i = 1; i < row.length - 1; i++) {
      if (row[i] === "\\") cell += row[i] + row[++i];
      else if (row[i] === "|") cells.push(cell), (cell = "");
      else cell += row[i];
    }
    return [...cells, cell].map((c) => c.trim());
  };

  it("GIVEN names and values with backticks, pipes, HTML and newlines WHEN reviewed THEN they stay inside code spans and the table keeps its columns", () => {
    const review = reviewPlan(
      plan([change("aws_eks_node_group.node_group_x", ["delete", "create"], nodeGroup(HOSTILE, HOSTILE, ["a"]), nodeGroup(HOSTILE, HOSTILE, [HOSTILE]), { replacePaths: [["instance_types"], [HOSTILE], ["a\\|b"]] })]),
    );
    const lines = review.markdown.split("\n");
    // No line of the comment starts with the injected heading, and no raw newline or bidi override survives.
    expect(lines).not.toContain("## owned");
    expect(review.markdown).not.toMatch(/[\u202e\r]/);
    const heading = lines.find((l) => l.startsWith("### "))!;
    expect(heading).toBe("### Replaced: node group ``ev`il | <script>alert(1)</script>\\u000A## owned\\u202E`` of cluster ``ev`il | <script>alert(1)</script>\\u000A## owned\\u202E``");
    // Every table row has exactly four cells: pipes in values are escaped.
    const rows = lines.filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(gfmCells(row)).toHaveLength(4);
    // Outside code spans there is no HTML.
    const outsideCode = review.markdown.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
    expect(outsideCode).not.toMatch(/<script/);
  });

  it("GIVEN text with backtick runs WHEN made a code span THEN the fence is longer than any run, padded when it touches the edge", () => {
    expect(codeSpan("a``b")).toBe("```a``b```");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(codeSpan("a|b", { inTable: true })).toBe("`a\\|b`");
    expect(codeSpan("a\\|b", { inTable: true })).toBe("`a\\u005C\\|b`");
    expect(codeSpan("")).toBe("*(empty)*");
  });

  it("GIVEN plan paths WHEN rendered THEN they read as Terraform writes them", () => {
    expect(renderPath(["scaling_config", 0, "desired_size"])).toBe("scaling_config[0].desired_size");
    expect(renderPath(["tags", "kubernetes.io/role"])).toBe('tags["kubernetes.io/role"]');
  });
});

describe("reviewPlan and readPlanFile: what is not a plan", () => {
  const rejects = (doc: unknown, message: RegExp) => {
    expect(() => reviewPlan(doc)).toThrow(PlanFileError);
    expect(() => reviewPlan(doc)).toThrow(message);
  };

  it("GIVEN a list THEN it is refused as a list", () => rejects([], /^the JSON is a list, not a Terraform plan; expected the JSON that `terraform show -json <saved plan>` prints$/));
  it("GIVEN a state file THEN it is refused as a state file", () => rejects({ version: 4, terraform_version: "1.9.8", serial: 3, lineage: "x", resources: [] }, /^it is a Terraform state file, not a plan/));
  it("GIVEN the JSON of a state THEN it is refused as a state", () => rejects({ format_version: "1.0", values: { root_module: {} } }, /^it is the JSON of a state \(terraform show -json without a plan file\), not a plan/));
  it("GIVEN a Terraform JSON configuration THEN it is refused as configuration", () => rejects({ terraform: {}, resource: {} }, /^it is Terraform configuration \(\.tf\.json\), not a plan/));
  it("GIVEN an object without format_version THEN it says so", () => rejects({ resource_changes: [] }, /^no "format_version": not a Terraform plan/));
  it("GIVEN format_version 2.0 THEN it is refused as unsupported", () => rejects({ format_version: "2.0", resource_changes: [] }, /^unsupported plan format_version "2\.0"/));
  it("GIVEN resource_changes that is not a list THEN it says so", () => rejects({ format_version: "1.2", resource_changes: {} }, /^"resource_changes" is not a list/));
  it("GIVEN a malformed resource change THEN it names the entry", () => rejects(plan([{ address: "a.b" }]), /^resource_changes\[0\] has no "address" or "type"/));

  const file = (name: string, content: string) => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const readRejects = (target: string, message: RegExp) => {
    expect(() => readPlanFile(target)).toThrow(PlanFileError);
    expect(() => readPlanFile(target)).toThrow(message);
  };

  it("GIVEN a file that is not JSON THEN it is refused as not JSON", () => readRejects(file("plan.json", "Terraform will perform the following actions:"), /^not JSON \(.*\); expected the JSON/));
  it("GIVEN an empty file THEN it is refused as empty", () => readRejects(file("plan.json", " \n"), /^it is empty; expected the JSON/));
  it("GIVEN a folder THEN it is refused as a folder", () => readRejects(scratch(), /^it is a folder, not a regular file$/));
  it("GIVEN a missing file THEN it says no such file", () => readRejects(path.join(scratch(), "nope.json"), /^no such file$/));
  it("GIVEN a binary plan file THEN it is refused as not UTF-8", () => readRejects(file("tfplan", "PK\u0003\u0004\u00ff\u00fe"), /^(it is not UTF-8 text|not JSON)/));
  it("GIVEN a file over 256 MiB THEN it is refused by its size before it is read", () => {
    const big = path.join(scratch(), "big.json");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 256 * 1024 * 1024 + 1); // sparse: no disk used
    readRejects(big, /^it is more than 256 MiB \(256\.0 MiB or more\); a plan file may be at most 268435456 bytes$/);
  });
  it("GIVEN a named pipe THEN it is refused at once, without waiting for a writer", () => {
    const fifo = path.join(scratch(), "plan.json");
    if (spawnSync("mkfifo", [fifo]).status !== 0) return; // no mkfifo here: nothing to check
    readRejects(fifo, /^it is a named pipe \(FIFO\), not a regular file$/);
  });
  it("GIVEN a plan file THEN it reads it", () => expect(readPlanFile(file("plan.json", JSON.stringify(plan([]))))).toEqual(plan([])));
});

describe("node dist/plan-review.js through the real entry point", () => {
  const dir = scratch();
  const write = (name: string, doc: unknown) => {
    fs.writeFileSync(path.join(dir, name), typeof doc === "string" ? doc : JSON.stringify(doc));
    return name;
  };
  const run = (...args: string[]) => runNode(PLAN_REVIEW, dir, args);

  it("GIVEN an in-place plan THEN it exits 0 and prints the comment on stdout", () => {
    const result = run(write("update.json", plan([change("aws_eks_cluster.cluster", ["update"], cluster("p", "10.100.0.0/16"), cluster("p", "10.100.0.0/16"))])));
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/^## Terraform plan review\n\n\*\*0 to create, 1 to update in place/);
  });

  it("GIVEN a plan replacing a node group THEN it exits 1 with the review on stdout", () => {
    const result = run(write("replace.json", plan([REPLACED_NODE_GROUP])));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("### Replaced: node group `general` of cluster `payments`");
    expect(result.stdout).not.toContain(dir);
  });

  it("GIVEN the example plan test-support/plans/replace-node-group.json THEN it exits 1", () => {
    const result = runNode(PLAN_REVIEW, ROOT, ["test-support/plans/replace-node-group.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("| `instance_types` | `nodeGroups[].instanceTypes` | `[\"m5.large\"]` | `[\"m6i.large\"]` |");
  });

  it("GIVEN a state file THEN it exits 2 with one line naming the file, and no stack", () => {
    const result = run(write("state.json", { version: 4, serial: 1, lineage: "x", resources: [] }));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("error: state.json: it is a Terraform state file, not a plan; expected the JSON that `terraform show -json <saved plan>` prints\n");
  });

  it("GIVEN a file that is not JSON THEN it exits 2 with one line", () => {
    const result = run(write("text.json", "not json"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: text\.json: not JSON \(.*\); expected the JSON that `terraform show -json <saved plan>` prints\n$/);
  });

  it("GIVEN no argument THEN it exits 2 with the usage line", () => {
    const result = run();
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("usage: npm run plan-review -- <plan.json>  (plan.json: terraform show -json <saved plan> > plan.json)\n");
  });
});

describe("reviewPlan: the created VPC (issue 15)", () => {
  const tags = (name: string) => ({ tags: { Name: name } });
  it("GIVEN the VPC, a subnet, a NAT gateway, a route and an endpoint replaced WHEN reviewed THEN each is named in network terms, with network.create keys and impacts", () => {
    const review = reviewPlan(
      plan([
        change("aws_vpc.vpc", ["delete", "create"], { cidr_block: "10.0.0.0/16", ...tags("orders-vpc") }, { cidr_block: "10.1.0.0/16", ...tags("orders-vpc") }, { replacePaths: [["cidr_block"]] }),
        change("aws_subnet.private_subnet_eu-west-1a", ["delete", "create"], { cidr_block: "10.0.0.0/19", availability_zone: "eu-west-1a" }, { cidr_block: "10.1.0.0/19", availability_zone: "eu-west-1a" }, { replacePaths: [["cidr_block"], ["vpc_id"]] }),
        change("aws_nat_gateway.nat_gateway_eu-west-1a", ["delete", "create"], { subnet_id: "subnet-1" }, { subnet_id: "subnet-2" }, { replacePaths: [["subnet_id"]] }),
        change("aws_route.private_route_table_eu-west-1b_default_route", ["delete", "create"], { route_table_id: "rtb-1", destination_cidr_block: "0.0.0.0/0" }, { route_table_id: "rtb-2", destination_cidr_block: "0.0.0.0/0" }, { replacePaths: [["route_table_id"]] }),
        change("aws_vpc_endpoint.vpc_endpoint_sts", ["delete", "create"], { service_name: "com.amazonaws.eu-west-1.sts", vpc_id: "vpc-1" }, { service_name: "com.amazonaws.eu-west-1.sts", vpc_id: "vpc-2" }, { replacePaths: [["vpc_id"]] }),
      ]),
    );
    expect(review.code).toBe(1);
    const vpc = sectionOf(review.markdown, "aws_vpc.vpc");
    expect(vpc).toMatch(/^### Replaced: the VPC `orders-vpc`\n/);
    expect(vpc).toContain('| `cidr_block` | `network.create.cidr` | `10.0.0.0/16` | `10.1.0.0/16` |');
    expect(vpc).toMatch(/\*\*What happens:\*\*.*everything in it goes.*DependencyViolation/);
    const subnet = sectionOf(review.markdown, "aws_subnet.private_subnet_eu-west-1a");
    expect(subnet).toMatch(/^### Replaced: the private subnet in `eu-west-1a`\n/);
    expect(subnet).toContain("| `vpc_id` | `network.create.cidr` |");
    expect(subnet).toMatch(/\*\*What happens:\*\*.*node groups using it are replaced/);
    expect(sectionOf(review.markdown, "aws_nat_gateway.nat_gateway_eu-west-1a")).toMatch(/^### Replaced: the NAT gateway in `eu-west-1a`\n[\s\S]*lose outbound internet access/);
    expect(sectionOf(review.markdown, "aws_route.private_route_table_eu-west-1b_default_route")).toMatch(/^### Replaced: the `0\.0\.0\.0\/0` route of the private route table in `eu-west-1b`\n/);
    expect(sectionOf(review.markdown, "aws_vpc_endpoint.vpc_endpoint_sts")).toMatch(/^### Replaced: the VPC endpoint `com\.amazonaws\.eu-west-1\.sts`\n[\s\S]*nodes reach that AWS API/);
  });
});
