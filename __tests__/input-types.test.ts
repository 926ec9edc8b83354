/**
 * The typed input (src/config/input.ts, generated from the schema): what it accepts and refuses is checked by `tsc`
 * (`npm test` compiles this file first: each `@ts-expect-error` must meet an error), that it agrees with the types
 * valibot infers from the schema, and that the committed file is what `npm run schema` writes now.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  AccessPolicyInput,
  AddonInput,
  AddonRoleInput,
  ClusterInput,
  ConfigInput,
  EndpointInput,
  LoggingInput,
  NodeGroupInput,
  ServiceAccountInput,
  TaintInput,
  UpgradePolicyInput,
  WaiverInput,
} from "../src/config/input";
import { INPUT_FILE } from "../src/config/input-generator";
import { resolveClusters } from "../src/config/load";
import { RULE_IDS } from "../src/config/catalogs/security-rules";
import {
  AccessEntrySettings,
  AddonSettings,
  ClusterConfig,
  LOG_RETENTION_DAYS,
  NodeGroupSettings,
  ServiceAccountSettings,
  SUPPORT_TYPES,
  TaintEffect,
} from "../src/config/schema";

// ---- compile time ----------------------------------------------------------------------------------------------------

/** true when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/**
 * The closed sets of the generated types are those of the types valibot infers from the schema: a value added to or
 * removed from one side only does not compile. (The input also takes the taint effects' Kubernetes spellings.)
 */
export type ClosedSetsAgree = [
  Assert<Equals<NonNullable<EndpointInput["access"]>, ClusterConfig["endpoint"]["access"]>>,
  Assert<Equals<NonNullable<LoggingInput["types"]>[number], ClusterConfig["logging"]["types"][number]>>,
  Assert<Equals<NonNullable<LoggingInput["retentionDays"]>, (typeof LOG_RETENTION_DAYS)[number]>>,
  Assert<Equals<NonNullable<ClusterInput["access"]>["authenticationMode"], ClusterConfig["access"]["authenticationMode"] | undefined>>,
  Assert<Equals<AccessPolicyInput["policy"], AccessEntrySettings["policies"][number]["policy"]>>,
  Assert<Equals<UpgradePolicyInput["supportType"], (typeof SUPPORT_TYPES)[number]>>,
  Assert<Equals<NonNullable<NodeGroupInput["capacityType"]>, NodeGroupSettings["capacityType"]>>,
  Assert<Equals<NonNullable<NodeGroupInput["amiType"]>, NodeGroupSettings["amiType"]>>,
  Assert<Equals<TaintInput["effect"], TaintEffect | "NoSchedule" | "NoExecute" | "PreferNoSchedule">>,
  Assert<Equals<NodeGroupSettings["taints"][number]["effect"], TaintEffect>>,
  Assert<Equals<NonNullable<AddonInput["resolveConflictsOnCreate"]>, NonNullable<AddonSettings["resolveConflictsOnCreate"]>>>,
  Assert<Equals<NonNullable<AddonInput["resolveConflictsOnUpdate"]>, NonNullable<AddonSettings["resolveConflictsOnUpdate"]>>>,
  Assert<Equals<NonNullable<AddonRoleInput["identity"]>, NonNullable<NonNullable<AddonSettings["role"]>["identity"]>>>,
  Assert<Equals<NonNullable<ServiceAccountInput["identity"]>, ServiceAccountSettings["identity"]>>,
  // Keys: the input has the keys of the complete configuration, no more and no fewer.
  Assert<Equals<keyof ClusterInput, keyof ClusterConfig>>,
  Assert<Equals<keyof NodeGroupInput, keyof NodeGroupSettings>>,
  Assert<Equals<keyof AddonInput, keyof AddonSettings>>,
  Assert<Equals<keyof ServiceAccountInput, keyof ServiceAccountSettings>>,
];

/**
 * A complete, validated configuration is an input as it is (lists readonly, every key present), but for two closed
 * sets that valibot infers wider than the schema allows: a waiver's rule (catalogs/security-rules.ts types RULE_IDS
 * `readonly string[]`) and the log retention (schema-parts' `integer` infers `number` for a list of values). Those two
 * stay narrow in the input, where they give completion and compile errors.
 */
type Waiver = ClusterConfig["waivers"][number];
type Logging = ClusterConfig["logging"];
type CompleteWithClosedSets = Omit<ClusterConfig, "waivers" | "logging"> & {
  readonly waivers: readonly (Omit<Waiver, "rule"> & { readonly rule: WaiverInput["rule"] })[];
  readonly logging: Omit<Logging, "retentionDays"> & { readonly retentionDays?: LoggingInput["retentionDays"] };
};
/** Fails to compile once valibot infers those two narrow: then drop CompleteWithClosedSets and check ClusterConfig itself. */
export type WidenedInValibot = [
  Assert<Equals<Waiver["rule"], string>>,
  Assert<Equals<Logging["retentionDays"], number | undefined>>,
];
export const completeIsInput = (config: CompleteWithClosedSets): ClusterInput => config;
export const nodeGroupIsInput = (group: NodeGroupSettings): NodeGroupInput => group;
export const waiverIsInput = (rule: WaiverInput["rule"]): WaiverInput => ({ rule, reason: "accepted for the demo" });

/** What a user of the construct library writes. */
const ORDERS: ClusterInput = {
  name: "orders",
  nodeGroups: [{ name: "general", capacityType: "SPOT", scaling: { minSize: 1, maxSize: 3, desiredSize: 2 }, taints: [{ key: "k", effect: "NoSchedule" }] }],
  addons: { coredns: null, "aws-ebs-csi-driver": {}, "vpc-cni": { role: { identity: "irsa" } } },
  logging: { types: ["api", "audit"], retentionDays: 30 },
  tags: { team: "orders" },
};
const SEVERAL: ConfigInput = { clusters: [{ name: "dev" }, ORDERS] };
const INSTANCE_TYPES: string[] = ["m7g.large"]; // a mutable list is a readonly list's input too
export const mutableLists: NodeGroupInput = { instanceTypes: INSTANCE_TYPES };

export const refused: ConfigInput[] = [
  // @ts-expect-error a misspelled value of a closed set
  { nodeGroups: [{ capacityType: "SPOTT" }] },
  // @ts-expect-error a number written as a string
  { nodeGroups: [{ scaling: { desiredSize: "2" } }] },
  // @ts-expect-error an unknown key in an object literal
  { nodeGroups: [{ nmae: "general" }] },
  // @ts-expect-error an unknown key of the cluster
  { name: "orders", regoin: "eu-west-1" },
  // @ts-expect-error a list item of the wrong type
  { nodeGroups: [{ instanceTypes: [1] }] },
  // @ts-expect-error a list item of the wrong type (a log type outside the closed set)
  { logging: { types: ["api", "kubelet"] } },
  // @ts-expect-error a list where an object belongs
  { endpoint: ["private"] },
  // @ts-expect-error a required key of a list item left out (a taint needs its effect)
  { nodeGroups: [{ taints: [{ key: "k" }] }] },
  // @ts-expect-error a retention period CloudWatch Logs does not offer
  { logging: { retentionDays: 10 } },
  // @ts-expect-error a Kubernetes version as a number
  { kubernetesVersion: 1.35 },
  // @ts-expect-error an add-on as a string
  { addons: { coredns: "latest" } },
];

// ---- run time ----------------------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, "..");

describe("the typed input", () => {
  it("GIVEN a cluster typed as ClusterInput WHEN resolved THEN it is laid onto the default like a file's", () => {
    const [cluster] = resolveClusters(ORDERS).clusters;
    expect(cluster.name).toBe("orders");
    expect(cluster.nodeGroups[0]).toMatchObject({ name: "general", capacityType: "SPOT", scaling: { minSize: 1, maxSize: 3, desiredSize: 2 } });
    expect(cluster.nodeGroups[0].taints).toEqual([{ key: "k", effect: "NO_SCHEDULE" }]);
    expect(resolveClusters(SEVERAL, "code").clusters.map((c) => c.name)).toEqual(["dev", "orders"]);
  });

  it("GIVEN the waivers' rule ids THEN the input lists exactly the ids npm run check knows", () => {
    const text = fs.readFileSync(path.join(ROOT, INPUT_FILE), "utf8");
    const block = /export interface WaiverInput \{[\s\S]*?rule:([\s\S]*?);/.exec(text);
    const ids = [...(block?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([...RULE_IDS]);
  });

  it(`GIVEN the schema WHEN ${INPUT_FILE} is generated THEN the committed file is identical (run \`npm run schema\`)`, () => {
    // json-schema-to-typescript formats with prettier 3, which jest's module system cannot load (it imports ES
    // modules): the generator runs in a child process, on the sources (through the test transform), not on dist/.
    const script = [
      'const fs = require("fs");',
      'const transform = require("./test-support/ts-transform.js");',
      'require.extensions[".ts"] = (m, f) => m._compile(transform.process(fs.readFileSync(f, "utf8"), f).code, f);',
      'require("./src/config/reference.ts").generatedInputTypes().then((t) => process.stdout.write(t), (e) => { console.error(e); process.exit(1); });',
    ].join("\n");
    const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const committed = fs.readFileSync(path.join(ROOT, INPUT_FILE), "utf8");
    if (result.stdout !== committed) throw new Error(`${INPUT_FILE} is out of date: run \`npm run schema\` and commit the result`);
  });
});
