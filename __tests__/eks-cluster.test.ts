import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { ConfigError } from "../src/config/load";
import { EksCluster, EksClusterProps } from "../src/constructs/eks-cluster";
import { ReadableStack } from "../src/constructs/readable-stack";
import { parse, TerraformJson } from "../test-support/synth";

const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];

/** A stack of the user's own with a provider, the way a cdktf app starts. */
function userStack(region: string | undefined = "eu-west-1", kind: "plain" | "readable" = "plain"): TerraformStack {
  const app = Testing.app();
  const stack = kind === "readable" ? new ReadableStack(app, "platform") : new TerraformStack(app, "platform");
  new AwsProvider(stack, "aws", region === undefined ? {} : { region });
  return stack;
}

const ORDERS: EksClusterProps = {
  name: "orders",
  network: { subnetIds: SUBNETS },
  nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], scaling: { minSize: 1, maxSize: 3, desiredSize: 2 } }],
};

function synthesized(stack: TerraformStack): TerraformJson {
  return parse(Testing.synth(stack));
}

/** The one resource of `type` in the stack (with its Terraform name). */
function only(tf: TerraformJson, type: string): [string, Record<string, any>] {
  const entries = Object.entries(tf.resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0];
}

/** The message of what `build` throws. */
function thrown(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("EksCluster in a stack of the user's own", () => {
  test("builds the cluster, its roles, add-ons and node groups with the stack's provider", () => {
    // GIVEN a plain TerraformStack with an AWS provider
    const stack = userStack();
    // WHEN an EksCluster is added with typed props
    new EksCluster(stack, "orders", ORDERS);
    const tf = synthesized(stack);
    // THEN the cluster and its node group are there, created by the stack's provider (no provider argument)
    const [, cluster] = only(tf, "aws_eks_cluster");
    expect(cluster.name).toBe("orders");
    expect(cluster.vpc_config.subnet_ids).toEqual(SUBNETS);
    expect(cluster.provider).toBeUndefined();
    const [, group] = only(tf, "aws_eks_node_group");
    expect(group.scaling_config).toEqual({ min_size: 1, max_size: 3, desired_size: 2 });
    expect(group.instance_types).toEqual(["m6i.large"]);
    // AND the defaults of a config file apply: the walk-through's add-ons, roles named after the cluster
    expect(Object.keys(tf.resource.aws_eks_addon).length).toBeGreaterThanOrEqual(3);
    const roleNames = Object.values(tf.resource.aws_iam_role).map((r) => r.name);
    expect(roleNames).toEqual(expect.arrayContaining(["orders-eks-cluster", "orders-eks-node"]));
    // AND no outputs of its own: the user's stack decides what to output
    expect(tf.output).toBeUndefined();
  });

  test("takes the region from the stack's provider when the props give none", () => {
    // GIVEN a provider in eu-west-1 and props without a region
    const eks = new EksCluster(userStack("eu-west-1"), "orders", ORDERS);
    // THEN the configuration's region is the provider's
    expect(eks.config.region).toBe("eu-west-1");
  });

  test("exposes the values other constructs need as references", () => {
    // GIVEN a cluster in a user's stack
    const stack = userStack();
    const eks = new EksCluster(stack, "orders", ORDERS);
    // WHEN the user's own constructs use them
    new TerraformOutput(stack, "endpoint", { value: eks.clusterEndpoint });
    new TerraformOutput(stack, "ca", { value: eks.clusterCertificateAuthorityData });
    new TerraformOutput(stack, "issuer", { value: eks.oidcIssuerUrl });
    new TerraformOutput(stack, "sg", { value: eks.clusterSecurityGroupId });
    new TerraformOutput(stack, "cluster_role", { value: eks.clusterRoleArn });
    new TerraformOutput(stack, "node_roles", { value: eks.nodeRoleArns });
    new TerraformOutput(stack, "name", { value: eks.clusterName });
    const tf = synthesized(stack);
    // THEN they are references to the generated resources
    const [clusterName] = only(tf, "aws_eks_cluster");
    const out = (id: string) => tf.output?.[id]?.value;
    expect(out("endpoint")).toBe(`\${aws_eks_cluster.${clusterName}.endpoint}`);
    expect(out("ca")).toBe(`\${aws_eks_cluster.${clusterName}.certificate_authority[0].data}`);
    expect(out("issuer")).toBe(`\${aws_eks_cluster.${clusterName}.identity[0].oidc[0].issuer}`);
    expect(out("sg")).toBe(`\${aws_eks_cluster.${clusterName}.vpc_config[0].cluster_security_group_id}`);
    expect(out("name")).toBe(`\${aws_eks_cluster.${clusterName}.name}`);
    expect(out("cluster_role")).toMatch(/^\$\{aws_iam_role\.[\w-]+\.arn\}$/);
    expect(Object.keys(out("node_roles") as object)).toEqual(["orders-eks-node"]);
    // AND the members give the constructs themselves
    expect(eks.nodeGroups.map((g) => g.name)).toEqual(["general"]);
    expect(eks.cluster.resource.terraformResourceType).toBe("aws_eks_cluster");
  });

  test("in a ReadableStack, addresses read as the path below the stack", () => {
    // GIVEN a ReadableStack
    const stack = userStack("eu-west-1", "readable");
    // WHEN the cluster is added as "orders"
    new EksCluster(stack, "orders", ORDERS);
    const tf = synthesized(stack);
    // THEN its resources are named after the construct id and what they are
    expect(Object.keys(tf.resource.aws_eks_cluster)).toEqual(["orders_cluster"]);
    expect(Object.keys(tf.resource.aws_eks_node_group)).toEqual(["orders_node_group_general"]);
    expect(Object.keys(tf.data?.aws_partition ?? {})).toEqual(["orders_current"]);
  });

  test("two clusters in one stack keep apart: their own addresses and role names", () => {
    // GIVEN one stack
    const stack = userStack("eu-west-1", "readable");
    // WHEN two clusters are added
    new EksCluster(stack, "orders", ORDERS);
    new EksCluster(stack, "payments", { ...ORDERS, name: "payments" });
    const tf = synthesized(stack);
    // THEN both are there, each with its roles
    expect(Object.keys(tf.resource.aws_eks_cluster).sort()).toEqual(["orders_cluster", "payments_cluster"]);
    const roleNames = Object.values(tf.resource.aws_iam_role).map((r) => r.name);
    expect(roleNames).toEqual(expect.arrayContaining(["orders-eks-cluster", "payments-eks-cluster", "orders-eks-node", "payments-eks-node"]));
  });

  test("two clusters of one name, or one role name, are refused at synth", () => {
    // GIVEN two clusters named alike in one region, and a third sharing the second's cluster role by name
    const stack = userStack("eu-west-1", "readable");
    new EksCluster(stack, "orders", ORDERS);
    new EksCluster(stack, "orders-again", ORDERS);
    new EksCluster(stack, "payments", { ...ORDERS, name: "payments", clusterRole: { name: "Orders-EKS-Cluster" } });
    // WHEN synthesized THEN each clash is named with what AWS answers
    const error = thrown(() => Testing.synth(stack, true));
    expect(error.message).toMatch(/EksCluster platform\/orders: cluster name "orders" in eu-west-1 is also EksCluster platform\/orders-again's: .*ResourceInUseException/);
    expect(error.message).toMatch(/EksCluster platform\/payments: IAM role "Orders-EKS-Cluster" \(clusterRole.name\) is also created by EksCluster platform\/orders \(clusterRole.name\): .*EntityAlreadyExists/);
  });

  test("an aliased provider passed in props creates every resource and data source", () => {
    // GIVEN a stack with a default provider and an aliased one for another region
    const stack = userStack("us-east-1");
    const west = new AwsProvider(stack, "west", { region: "eu-west-1", alias: "west" });
    // WHEN the cluster is given the aliased provider
    const eks = new EksCluster(stack, "orders", { ...ORDERS, provider: west });
    const tf = synthesized(stack);
    // THEN every resource and data source names it, and the region follows it
    const providers = [tf.resource, tf.data ?? {}].flatMap((section) => Object.values(section).flatMap((byName) => Object.values(byName).map((r) => r.provider)));
    expect(providers.length).toBeGreaterThan(10);
    expect(new Set(providers)).toEqual(new Set(["aws.west"]));
    expect(eks.config.region).toBe("eu-west-1");
  });

  test("without an AWS provider in the stack, synth says what to add", () => {
    // GIVEN a stack without a provider
    const stack = new TerraformStack(Testing.app(), "bare");
    // WHEN a cluster is added and the stack synthesized with cdktf's validations
    new EksCluster(stack, "orders", { ...ORDERS, region: "eu-west-1" });
    // THEN the error names the fix
    expect(() => Testing.synth(stack, true)).toThrow(/EksCluster bare\/orders needs an AWS provider: add `new AwsProvider\(stack, "aws", \{ region: "eu-west-1" \}\)`/);
  });

  test("a provider added after the cluster is found at synth, and its region checked", () => {
    // GIVEN clusters added before the stack's provider
    const same = new TerraformStack(Testing.app(), "same");
    new EksCluster(same, "orders", { ...ORDERS, region: "eu-west-1" });
    new AwsProvider(same, "aws", { region: "eu-west-1" });
    const other = new TerraformStack(Testing.app(), "other");
    new EksCluster(other, "orders", ORDERS);
    new AwsProvider(other, "aws", { region: "eu-west-1" });
    // THEN the same region synthesizes, and a cluster left at the default region is told to give the provider's
    expect(() => Testing.synth(same, true)).not.toThrow();
    expect(() => Testing.synth(other, true)).toThrow(/EksCluster other\/orders: region "us-east-1" is not the region of the AWS provider that creates it \("eu-west-1"\): give the cluster region "eu-west-1"/);
  });
});

describe("EksCluster validates its props as a config file is validated", () => {
  test("min above max: a ConfigError with the path, value, rule and fix", () => {
    // GIVEN typed props with minSize above maxSize
    const props: EksClusterProps = { ...ORDERS, nodeGroups: [{ name: "general", scaling: { minSize: 3, maxSize: 1, desiredSize: 1 } }] };
    // WHEN the cluster is built
    const error = thrown(() => new EksCluster(userStack(), "orders", props));
    // THEN it is a ConfigError whose message lists the problem
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^EksCluster platform\/orders: not a valid cluster configuration \(\d+ problems?\):/);
    expect(error.message).toContain("nodeGroups[0].scaling.minSize");
    expect(error.message).toMatch(/rule: .*maxSize/);
    expect(error.message).toMatch(/fix: /);
    expect((error as ConfigError).issues.some((i) => i.path === "nodeGroups[0].scaling.minSize")).toBe(true);
  });

  test("every problem at once, the provider's region among them", () => {
    // GIVEN props with several problems, one of them a region other than the provider's
    const props = {
      ...ORDERS,
      region: "us-west-2",
      kubernetesVersion: "1.2",
      nodeGroups: [{ name: "general", capacityType: "SPOTT" }],
    } as unknown as EksClusterProps;
    // WHEN the cluster is built
    const error = thrown(() => new EksCluster(userStack("eu-west-1"), "orders", props)) as ConfigError;
    // THEN each is reported
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["region", "kubernetesVersion", "nodeGroups[0].capacityType"]));
    expect(error.message).toContain('must be the region of the AWS provider that creates the cluster ("eu-west-1")');
  });

  test("nothing is left in the stack by a rejected cluster", () => {
    // GIVEN a stack
    const stack = userStack();
    // WHEN a rejected cluster is added
    thrown(() => new EksCluster(stack, "orders", { ...ORDERS, name: "" }));
    // THEN the stack holds nothing of it, and the id may be used again for the corrected cluster
    expect(stack.node.tryFindChild("orders")).toBeUndefined();
    expect(() => new EksCluster(stack, "orders", ORDERS)).not.toThrow();
  });

  test("legal but risky settings become warning annotations", () => {
    // GIVEN props with a risky setting (an instance type the catalog does not know)
    const stack = userStack();
    const eks = new EksCluster(stack, "orders", { ...ORDERS, nodeGroups: [{ name: "general", instanceTypes: ["m99i.large"] }] });
    // THEN a warning names it
    const warnings = eks.node.metadata.filter((m) => String(m.type).includes("warn")).map((m) => String(m.data));
    expect(warnings.some((w) => w.includes("nodeGroups[0].instanceTypes") && w.includes("m99i.large"))).toBe(true);
  });

  test("a configuration from resolveClusters is not validated again (EksCluster.fromConfig)", () => {
    // GIVEN the app's way in: a resolved configuration
    const { resolveClusters } = jest.requireActual("../src/config/load") as typeof import("../src/config/load");
    const loaded = resolveClusters({ name: "orders", network: { subnetIds: SUBNETS } }, "test");
    // WHEN built through fromConfig in a fresh app
    const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "platform");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const eks = EksCluster.fromConfig(stack, "orders", loaded.clusters[0]);
    // THEN it is the same configuration, and no warnings are added a second time
    expect(eks.config).toBe(loaded.clusters[0]);
    expect(eks.node.metadata.filter((m) => String(m.type).includes("warn"))).toEqual([]);
  });
});
