/**
 * Address stability (issue 16, part 5): every Terraform address the embedded default and each example produce is
 * recorded in test-support/addresses/ and must stay. A renamed address makes Terraform destroy the real resource
 * (an EKS cluster, its node groups, its IAM roles) and create a new one; the failure says how to keep the old id or
 * ship a `moved` block instead. New addresses are harmless but must be recorded too (`npm run record-addresses`).
 */
import * as fs from "fs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { addressesOf, compareAddresses, formatRecord, likelyRename, parseRecord, recordedStacks, recordPath, RECORDS_DIR, StackAddresses } from "../test-support/addresses";
import { synthScope, synthStackJson } from "../test-support/synth";
import { DEFAULT_CLUSTER } from "../src/config/defaults";

const stacks = recordedStacks();

describe("address stability", () => {
  it("GIVEN the examples folder WHEN the records are listed THEN every stack of the default and of every example has one, and no record is stale", () => {
    const expected = stacks.map((s) => `${s.record}.txt`).sort();
    const present = fs.readdirSync(RECORDS_DIR).filter((f) => f.endsWith(".txt")).sort();
    const missing = expected.filter((f) => !present.includes(f));
    const stale = present.filter((f) => !expected.includes(f));
    if (missing.length > 0 || stale.length > 0) {
      throw new Error(
        `Address records out of date: ${missing.length > 0 ? `missing ${missing.join(", ")}` : ""}${missing.length > 0 && stale.length > 0 ? "; " : ""}` +
          `${stale.length > 0 ? `no longer produced ${stale.join(", ")} (an example renamed or removed: its users' stacks keep their resources only under the old stack name)` : ""}. ` +
          "Re-record with `npm run record-addresses`.",
      );
    }
  });

  it.each(stacks.map((s) => [s.record, s] as const))("GIVEN %s WHEN synthesized THEN it produces exactly the recorded Terraform addresses", (_, stack) => {
    const file = recordPath(stack.record);
    if (!fs.existsSync(file)) throw new Error(`No address record for ${stack.what}: run \`npm run record-addresses\` and commit ${file}.`);
    const current = addressesOf(synthStackJson(stack.cluster));
    const { message } = compareAddresses(stack.record, parseRecord(fs.readFileSync(file, "utf8")), current);
    // Thrown, not matched: the message reads as written, with no quoting or escapes.
    if (message !== undefined) throw new Error(message);
  });
});

describe("addressesOf", () => {
  it("GIVEN a stack's Terraform JSON WHEN read THEN resources, data sources (data.) and moved blocks are listed, sorted, and outputs, providers and '//' are not", () => {
    const document = {
      "//": { metadata: {} },
      provider: { aws: [{ region: "eu-west-1" }] },
      output: { cluster_name: { value: "x" } },
      resource: { aws_iam_role: { b: {}, a: {}, "//": {} }, aws_eks_cluster: { cluster: {} } },
      data: { aws_partition: { current: {} } },
      moved: [{ to: "aws_iam_role.a", from: "aws_iam_role.old" }],
    };
    expect(addressesOf(document)).toEqual({
      addresses: ["aws_eks_cluster.cluster", "aws_iam_role.a", "aws_iam_role.b", "data.aws_partition.current"],
      moved: [{ from: "aws_iam_role.old", to: "aws_iam_role.a" }],
    });
    expect(addressesOf(JSON.stringify(document))).toEqual(addressesOf(document));
  });

  it("GIVEN a resource with moveFromId WHEN synthesized by cdktf THEN its moved block is listed from -> to", () => {
    const synthesized = synthScope((scope) => {
      new IamRole(scope, "workers_role", { assumeRolePolicy: "{}" }).moveFromId("aws_iam_role.node_role");
    });
    expect(addressesOf(synthesized)).toEqual({ addresses: ["aws_iam_role.workers_role"], moved: [{ from: "aws_iam_role.node_role", to: "aws_iam_role.workers_role" }] });
  });

  it("GIVEN a record WHEN formatted and read back THEN it is the same, with comments ignored", () => {
    const stack: StackAddresses = { addresses: ["aws_eks_cluster.cluster", "data.aws_partition.current"], moved: [{ from: "aws_iam_role.a", to: "aws_iam_role.b" }] };
    const text = formatRecord("a test", stack);
    expect(text.split("\n")[0]).toMatch(/^# /);
    expect(text).toContain("\nmoved aws_iam_role.a -> aws_iam_role.b\n");
    expect(parseRecord(text)).toEqual(stack);
  });
});

describe("compareAddresses: the check can fail", () => {
  /** A stack with a node role and the partition data source; the role's construct id is `roleId`. */
  const build = (roleId: string, moveFrom?: string) =>
    addressesOf(
      synthScope((scope) => {
        new DataAwsPartition(scope, "current");
        const role = new IamRole(scope, roleId, { assumeRolePolicy: "{}" });
        if (moveFrom) role.moveFromId(moveFrom);
      }),
    );
  const recorded = build("node_role");

  it("GIVEN the same stack WHEN compared with its record THEN there is nothing to report", () => {
    expect(compareAddresses("test", recorded, build("node_role"))).toEqual({ destroyed: [], badMoves: [], harmless: [], message: undefined });
  });

  it("GIVEN a renamed construct id WHEN compared with the record THEN it fails: the real resource would be destroyed, and the message says how to keep it", () => {
    const result = compareAddresses("test", recorded, build("workers_role"));
    expect(result.destroyed).toEqual(["aws_iam_role.node_role"]);
    expect(result.message).toContain(
      "aws_iam_role.node_role (example test) is no longer produced. Terraform would destroy the real resource and create a new one at aws_iam_role.workers_role. " +
        'If you renamed a construct id, keep the old id, or ship a moved block: `resource.moveFromId("aws_iam_role.node_role")` in the construct ' +
        "(cdktf writes `moved { from = aws_iam_role.node_role to = aws_iam_role.workers_role }`), then re-record with `npm run record-addresses`.",
    );
    // The new address is reported too, as harmless.
    expect(result.message).toMatch(/aws_iam_role\.workers_role \(example test\) is new: harmless/);
  });

  it("GIVEN the rename with moveFromId(old address) WHEN compared with the old record THEN nothing is destroyed; only the record is incomplete (harmless)", () => {
    const result = compareAddresses("test", recorded, build("workers_role", "aws_iam_role.node_role"));
    expect(result.destroyed).toEqual([]);
    expect(result.badMoves).toEqual([]);
    expect(result.harmless.join("\n")).toContain("moved to aws_iam_role.workers_role by a moved block");
    expect(result.message).not.toMatch(/destroy the real resource/);
  });

  it("GIVEN the rename with its moved block WHEN re-recorded THEN it passes, and dropping the moved block later fails", () => {
    const moved = build("workers_role", "aws_iam_role.node_role");
    const rerecorded = parseRecord(formatRecord("test", moved));
    expect(compareAddresses("test", rerecorded, moved).message).toBeUndefined();
    const dropped = compareAddresses("test", rerecorded, build("workers_role"));
    expect(dropped.destroyed).toEqual(["aws_iam_role.node_role"]);
    expect(dropped.message).toContain("moved { from = aws_iam_role.node_role to = aws_iam_role.workers_role } (example test) is no longer shipped");
  });

  it("GIVEN a moved block whose from is still produced, or whose to is another type WHEN compared THEN it is reported as one Terraform refuses", () => {
    const stillThere = compareAddresses("test", recorded, { addresses: [...recorded.addresses, "aws_iam_role.x"], moved: [{ from: "aws_iam_role.node_role", to: "aws_iam_role.x" }] });
    expect(stillThere.badMoves.join("\n")).toContain("aws_iam_role.node_role is still produced");
    const otherType = compareAddresses("test", recorded, {
      addresses: ["aws_iam_user.node_role", "data.aws_partition.current"],
      moved: [{ from: "aws_iam_role.node_role", to: "aws_iam_user.node_role" }],
    });
    expect(otherType.badMoves.join("\n")).toContain("moves between resource types");
    expect(otherType.destroyed).toEqual(["aws_iam_role.node_role"]);
  });

  it("GIVEN a data source renamed WHEN compared THEN it is harmless (a data source is only read)", () => {
    const renamed = { addresses: ["aws_iam_role.node_role", "data.aws_partition.partition"], moved: [] };
    const result = compareAddresses("test", recorded, renamed);
    expect(result.destroyed).toEqual([]);
    expect(result.harmless.join("\n")).toContain("data.aws_partition.current (example test) is no longer read: a data source holds no real resource");
  });

  it("GIVEN the default cluster with its node group renamed WHEN compared with the default's record THEN the node group is named as destroyed, with the rename guessed", () => {
    const config = { ...DEFAULT_CLUSTER, nodeGroups: DEFAULT_CLUSTER.nodeGroups.map((g) => ({ ...g, name: "workers" })) };
    const record = parseRecord(fs.readFileSync(recordPath("default"), "utf8"));
    const result = compareAddresses("default", record, addressesOf(synthStackJson(config)));
    expect(result.destroyed).toEqual(["aws_eks_node_group.node_group_simple-bank"]);
    expect(result.message).toContain("create a new one at aws_eks_node_group.node_group_workers.");
  });

  it("GIVEN several new addresses of the gone one's type WHEN guessing the rename THEN the closest name wins, a tie or another type is no guess", () => {
    expect(likelyRename("aws_iam_role.node_role_a", ["aws_iam_role.node_role_b", "aws_iam_role.cluster_role_xyz"])).toBe("aws_iam_role.node_role_b");
    expect(likelyRename("aws_iam_role.r_a", ["aws_iam_role.r_b", "aws_iam_role.r_c"])).toBeUndefined();
    expect(likelyRename("aws_iam_role.a", ["aws_iam_user.a", "data.aws_iam_role.a"])).toBeUndefined();
  });
});
