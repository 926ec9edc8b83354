/** Helpers for the suites: synthesize the stack or a construct and read the Terraform JSON back. */
import { Testing } from "cdktf";
// Declares cdktf's matchers on jest's `expect` for the type-checker.
import "cdktf/lib/testing/adapters/jest";
import { ClusterStack, detachedClusterStack } from "../src/constructs/cluster-stack";
import { ReadableStack } from "../src/constructs/readable-stack";
import { DEFAULT_CLUSTER, DEFAULT_NODE_GROUP } from "../src/config/defaults";
import { ClusterConfig, NodeGroupSettings } from "../src/config/schema";

// toHaveResourceWithProperties, toHaveDataSourceWithProperties, ...: registered here, where the construct suites
// get their helpers, so suites that never synthesize do not load cdktf.
Testing.setupJest();

/** Synthesized Terraform JSON, as an object. */
export interface TerraformJson {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, { value: unknown; description?: string }>;
  provider: Record<string, Record<string, any>[]>;
  terraform: Record<string, any>;
}

/** The embedded default with top-level keys replaced. */
export function clusterConfig(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return { ...DEFAULT_CLUSTER, ...overrides };
}

/** The default node group with keys replaced. */
export function nodeGroupSettings(overrides: Partial<NodeGroupSettings> = {}): NodeGroupSettings {
  return { ...DEFAULT_NODE_GROUP, ...overrides };
}

/**
 * A config whose plan needs no AWS API: explicit subnets and pinned add-on versions. The pins are builds
 * src/config/catalogs/addon-versions.ts lists for Kubernetes 1.35 (the default's version), so the config passes the
 * catalog checks: kube-proxy must be a build of the cluster's own minor.
 */
export function offlineClusterConfig(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return clusterConfig({
    network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] },
    addons: {
      "vpc-cni": { version: "v1.21.1-eksbuild.7" },
      coredns: { version: "v1.13.2-eksbuild.4" },
      "kube-proxy": { version: "v1.35.3-eksbuild.2" },
    },
    ...overrides,
  });
}

/** `Testing.synth` of the cluster stack built from `config`. */
export function synthCluster(config: ClusterConfig = DEFAULT_CLUSTER): string {
  return Testing.synth(new ClusterStack(Testing.app(), config));
}

/** Each named config's synthesized stack, for `validateStacks`. */
export function stacksOf(configs: Readonly<Record<string, ClusterConfig>>): Record<string, string> {
  return Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, synthCluster(config)]));
}

/** Each named config's hand-off main.tf, for `validateHandoffs`. */
export function handoffsOf(configs: Readonly<Record<string, ClusterConfig>>): Record<string, string> {
  // (required here, not imported: suites that only synthesize do not load the renderer)
  const { renderHandoffHcl } = require("../src/output/handoff") as typeof import("../src/output/handoff");
  return Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, renderHandoffHcl(config)]));
}

/**
 * The stack's Terraform JSON as the app writes it: `Testing.synth` drops every `"//"` key (cdktf's comments), and a
 * tag key may be `//`.
 */
export function synthStackJson(config: ClusterConfig): string {
  return JSON.stringify(detachedClusterStack(config).toTerraform());
}

export function parse(synthesized: string): TerraformJson {
  return JSON.parse(synthesized) as TerraformJson;
}

/** The one resource of `type` named `name`; fails the test when it is absent. */
export function resource(synthesized: string, type: string, name: string): Record<string, any> {
  const found = parse(synthesized).resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name} in: ${Object.keys(parse(synthesized).resource[type] ?? {}).join(", ")}`);
  return found;
}

/** Every Terraform address in the synthesized JSON: `aws_eks_cluster.cluster`, `data.aws_vpc.network_vpc`. */
export function addresses(synthesized: string): string[] {
  const tf = parse(synthesized);
  const list: string[] = [];
  for (const [type, byName] of Object.entries(tf.resource ?? {})) list.push(...Object.keys(byName).map((n) => `${type}.${n}`));
  for (const [type, byName] of Object.entries(tf.data ?? {})) list.push(...Object.keys(byName).map((n) => `data.${type}.${n}`));
  return list.sort();
}

/** Like `Testing.synthScope`, but in a `ReadableStack`: constructs get the Terraform names they get in production. */
export function synthScope(build: (scope: ReadableStack) => void): string {
  const stack = new ReadableStack(Testing.app(), "test");
  build(stack);
  return Testing.synth(stack);
}
