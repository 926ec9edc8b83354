/**
 * The package as a consumer uses it: packed with `npm pack`, installed from the tarball into a scratch project
 * with its own cdktf app, strict TypeScript and the peers from the registry (through npm's cache), compiled with
 * that project's own `tsc`, run with `node`, and its synthesized stack validated by the real Terraform CLI.
 * The npm and TypeScript steps always run; the Terraform step needs the CLI and the provider mirror
 * (test-support/terraform.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";
import {
  CommandResult,
  ConsumerProject,
  createConsumerProject,
  PACKAGE_ROOT,
  PackedPackage,
  packageOf,
  packPackage,
  resolvesInPackage,
  specifiersOf,
} from "../test-support/consumer";
import { describeWithTerraform } from "../test-support/terraform";

/** The lead's example: an `EksCluster` in the consumer's own stack, with the consumer's own provider. */
const PLATFORM = `import { App, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ConfigError, EksCluster, EksClusterProps } from "eks-cdktf";

class Platform extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const provider = new AwsProvider(this, "aws", { region: "eu-west-1" });
    const props: EksClusterProps = {
      name: "orders",
      region: "eu-west-1",
      network: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] },
      nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], capacityType: "SPOT", scaling: { minSize: 1, maxSize: 3, desiredSize: 2 } }],
      provider,
    };
    const eks = new EksCluster(this, "orders", props);
    // the members' declared types, as a strict consumer sees them
    const strings: Record<string, string> = {
      cluster_name: eks.clusterName,
      cluster_arn: eks.clusterArn,
      endpoint: eks.clusterEndpoint,
      certificate_authority_data: eks.clusterCertificateAuthorityData,
      oidc_issuer_url: eks.oidcIssuerUrl,
      cluster_security_group_id: eks.clusterSecurityGroupId,
      cluster_role_arn: eks.clusterRoleArn,
    };
    for (const [name, value] of Object.entries(strings)) new TerraformOutput(this, name, { value });
    const nodeGroupCount: number = eks.nodeGroups.length;
    const kubernetesVersion: string = eks.config.kubernetesVersion;
    const clusterResourceId: string = eks.cluster.resource.id;
    const addonNames: string[] = Object.keys(eks.config.addons);
    if (!(ConfigError.prototype instanceof Error)) throw new Error("ConfigError is not an Error");
    console.log(JSON.stringify({ nodeGroupCount, kubernetesVersion, addonNames, clusterResourceIdIsToken: clusterResourceId.startsWith("\${") }));
  }
}

const app = new App();
new Platform(app, "platform");
app.synth();
`;

/** A prop of the wrong type (a capacity type outside the closed set, a count as a string): tsc must refuse it. */
const WRONG_TYPES = `import { TerraformStack, App } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "eks-cdktf";

const app = new App();
const stack = new TerraformStack(app, "platform");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new EksCluster(stack, "orders", {
  name: "orders",
  nodeGroups: [
    {
      name: "general",
      capacityType: "SPOTT",
      scaling: { minSize: 1, maxSize: 3, desiredSize: "2" },
    },
  ],
});
app.synth();
`;

/** Typed, but invalid: minSize above maxSize. The program reports the ConfigError as a library user would. */
const MIN_ABOVE_MAX = `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ConfigError, EksCluster } from "eks-cdktf";

const app = new App();
const stack = new TerraformStack(app, "platform");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
try {
  new EksCluster(stack, "orders", {
    name: "orders",
    network: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] },
    nodeGroups: [{ name: "general", scaling: { minSize: 3, maxSize: 1, desiredSize: 1 } }],
  });
  app.synth();
  console.log("no error");
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.log(JSON.stringify({ name: error.name, message: error.message, issues: error.issues }));
  process.exitCode = 3;
}
`;

/** The same program without the catch: what a user sees from an uncaught ConfigError. */
const MIN_ABOVE_MAX_UNCAUGHT = MIN_ABOVE_MAX.replace("new App()", 'new App({ outdir: "uncaught.out" })')
  .replace("{ ConfigError, EksCluster }", "{ EksCluster }")
  .replace(/try \{\n([\s\S]*?)\} catch[\s\S]*$/, (_all, body: string) => body.replace(/^ {2}/gm, ""));

const RULE = "must satisfy 0 <= minSize <= desiredSize <= maxSize (minSize 3, desiredSize 1, maxSize 1)";
const FIX = "lower minSize to 1 or less, or raise maxSize";

function position(source: string, token: string): { line: number; column: number } {
  const offset = source.indexOf(token);
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe("GIVEN the package packed with npm pack and installed from the tarball into a strict TypeScript cdktf project", () => {
  let packed: PackedPackage;
  let consumer: ConsumerProject;

  beforeAll(() => {
    packed = packPackage();
    consumer = createConsumerProject(packed.tarball, {
      files: {
        "src/main.ts": PLATFORM,
        "src/min-above-max.ts": MIN_ABOVE_MAX,
        "src/uncaught.ts": MIN_ABOVE_MAX_UNCAUGHT,
        // outside tsconfig.json's src/: compiled on its own, where it must fail
        "wrong/wrong-types.ts": WRONG_TYPES,
        "tsconfig.wrong.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true, rootDir: "." }, include: ["wrong/*.ts"] }),
      },
    });
    // eslint-disable-next-line no-console
    console.log(`npm pack: ${packed.ms} ms; ${consumer.install.command}: ${consumer.install.ms} ms (${consumer.dir})`);
  }, 600_000);

  afterAll(() => {
    if (packed) fs.rmSync(path.dirname(packed.tarball), { recursive: true, force: true });
    if (consumer && process.env.KEEP_CONSUMER !== "1") consumer.remove();
  });

  describe("WHEN its file list is read", () => {
    it("THEN it holds the compiled library, its declarations, the JSON Schema, the docs and the README", () => {
      expect(packed.files).toEqual(
        expect.arrayContaining([
          "package.json",
          "README.md",
          "cluster-config.schema.json",
          "docs/config-reference.md",
          "dist/src/index.js",
          "dist/src/index.d.ts",
          "dist/src/constructs/eks-cluster.js",
          "dist/src/constructs/eks-cluster.d.ts",
          "dist/src/review/kubernetes-support.json",
        ]),
      );
    });

    it("THEN it holds no tests, test support, bench, app entry points, TypeScript sources, source maps or build info", () => {
      const unwanted = packed.files.filter(
        (f) =>
          /^(dist\/)?(__tests__|test-support|bench|examples|help|cdktf\.out)\//.test(f) ||
          /^(dist\/)?(main|check|plan-review)\.(js|d\.ts|ts)$/.test(f) ||
          (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
          f.endsWith(".map") ||
          f.endsWith(".tsbuildinfo") ||
          /^(cdktf\.json|jest\.config\.js|tsconfig\.json|package-lock\.json)$/.test(f),
      );
      expect(unwanted).toEqual([]);
    });

    it("THEN every compiled file has its source in src/ (no stale output of deleted sources is shipped)", () => {
      const stale = packed.files
        .filter((f) => f.startsWith("dist/src/") && (f.endsWith(".js") || f.endsWith(".d.ts")))
        .filter((f) => !fs.existsSync(path.join(PACKAGE_ROOT, f.replace(/^dist\//, "").replace(/(\.d\.ts|\.js)$/, ".ts"))));
      expect(stale).toEqual([]);
    });

    it("THEN every relative import resolves inside the package, and every package imported is a dependency, a peer or Node's", () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(consumer.dir, "node_modules", "eks-cdktf", "package.json"), "utf8"));
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      const builtins = new Set(builtinModules);
      const files = new Set(packed.files);
      const unresolved: string[] = [];
      const undeclared: string[] = [];
      for (const file of packed.files.filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) {
        const source = fs.readFileSync(path.join(consumer.dir, "node_modules", "eks-cdktf", file), "utf8");
        for (const specifier of specifiersOf(source)) {
          const pkg = packageOf(specifier);
          if (pkg === undefined) {
            if (!resolvesInPackage(files, file, specifier)) unresolved.push(`${file}: ${specifier}`);
          } else if (!declared.has(pkg) && !builtins.has(pkg) && !(pkg === "node" && file.endsWith(".d.ts"))) {
            undeclared.push(`${file}: ${specifier}`);
          }
        }
      }
      expect(unresolved).toEqual([]);
      expect(undeclared).toEqual([]);
    });
  });

  describe("WHEN installed", () => {
    it("THEN npm accepted the peers, and cdktf and constructs are one copy shared by the consumer, the package and the provider", () => {
      const pkgDir = path.join(consumer.dir, "node_modules", "eks-cdktf");
      const awsDir = path.join(consumer.dir, "node_modules", "@cdktf", "provider-aws");
      const peers = ["constructs", "cdktf", "@cdktf/provider-aws/lib/provider"];
      const fromConsumer = consumer.resolveFrom(consumer.dir, peers);
      for (const peer of peers) expect(fromConsumer[peer]).toEqual(expect.stringContaining(path.join(fs.realpathSync(consumer.dir), "node_modules")));
      expect(consumer.resolveFrom(pkgDir, peers)).toEqual(fromConsumer);
      expect(consumer.resolveFrom(awsDir, ["constructs", "cdktf"])).toEqual({ constructs: fromConsumer.constructs, cdktf: fromConsumer.cdktf });
      expect(fs.existsSync(path.join(pkgDir, "node_modules"))).toBe(false);
      const manifest = JSON.parse(fs.readFileSync(path.join(consumer.dir, "package.json"), "utf8"));
      expect(manifest.dependencies["eks-cdktf"]).toMatch(/^file:.*eks-cdktf-0\.1\.0\.tgz$/);
    });

    it("THEN the exports map serves the library, the JSON Schema and package.json, and nothing deeper", () => {
      const pkgDir = fs.realpathSync(path.join(consumer.dir, "node_modules", "eks-cdktf"));
      expect(
        consumer.resolveFrom(consumer.dir, ["eks-cdktf", "eks-cdktf/cluster-config.schema.json", "eks-cdktf/package.json", "eks-cdktf/dist/src/config/load"]),
      ).toEqual({
        "eks-cdktf": path.join(pkgDir, "dist", "src", "index.js"),
        "eks-cdktf/cluster-config.schema.json": path.join(pkgDir, "cluster-config.schema.json"),
        "eks-cdktf/package.json": path.join(pkgDir, "package.json"),
        "eks-cdktf/dist/src/config/load": { error: "ERR_PACKAGE_PATH_NOT_EXPORTED" },
      });
    });
  });

  describe("WHEN the consumer's programs are compiled with its own tsc (strict, node16 resolution, no skipLibCheck)", () => {
    let compiled: CommandResult;
    let wrong: CommandResult;

    beforeAll(() => {
      compiled = consumer.tsc();
      wrong = consumer.tsc("tsconfig.wrong.json");
      // eslint-disable-next-line no-console
      console.log(`tsc: ${compiled.ms} ms; tsc of the wrongly typed program: ${wrong.ms} ms`);
    }, 300_000);

    it("THEN the EksCluster program and the min-above-max programs compile without a diagnostic", () => {
      expect(compiled.stdout + compiled.stderr).toBe("");
      expect(compiled.code).toBe(0);
    });

    it("THEN the program with wrongly typed props fails with exactly their two errors", () => {
      expect(wrong.code).toBe(2);
      expect(wrong.stdout.trim().split("\n")).toHaveLength(2);
    });

    it("THEN the capacity type outside the closed set fails with TS2820 at capacityType, naming the allowed values and the likely one", () => {
      const at = position(WRONG_TYPES, 'capacityType: "SPOTT"');
      expect(wrong.stdout).toContain(
        `wrong/wrong-types.ts(${at.line},${at.column}): error TS2820: Type '"SPOTT"' is not assignable to type '"ON_DEMAND" | "SPOT" | "CAPACITY_BLOCK" | undefined'. Did you mean '"SPOT"'?`,
      );
    });

    it("THEN the desired size given as a string fails with TS2322 at desiredSize", () => {
      const at = position(WRONG_TYPES, 'desiredSize: "2"');
      expect(wrong.stdout).toContain(`wrong/wrong-types.ts(${at.line},${at.column}): error TS2322: Type 'string' is not assignable to type 'number'.`);
    });

    describe("AND the EksCluster program runs", () => {
      let ran: CommandResult;
      let stack: any;

      beforeAll(() => {
        ran = consumer.node("dist/main.js");
        const file = path.join(consumer.dir, "cdktf.out", "stacks", "platform", "cdk.tf.json");
        stack = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
      }, 300_000);

      it("THEN it exits 0 and synthesizes the platform stack into its own cdktf.out", () => {
        expect(ran.stderr).toBe("");
        expect(ran.code).toBe(0);
        expect(JSON.parse(ran.stdout.trim().split("\n")[0])).toEqual({
          nodeGroupCount: 1,
          kubernetesVersion: expect.stringMatching(/^1\.\d+$/),
          addonNames: expect.arrayContaining(["vpc-cni", "coredns", "kube-proxy"]),
          clusterResourceIdIsToken: true,
        });
        expect(stack).toBeDefined();
      });

      it("THEN the stack has the consumer's one AWS provider, and the cluster and node group with the given settings", () => {
        expect(stack.provider.aws).toEqual([expect.objectContaining({ region: "eu-west-1" })]);
        const clusters = Object.values(stack.resource.aws_eks_cluster) as any[];
        expect(clusters).toHaveLength(1);
        expect(clusters[0]).toMatchObject({ name: "orders", vpc_config: { subnet_ids: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] } });
        const groups = Object.values(stack.resource.aws_eks_node_group) as any[];
        expect(groups).toHaveLength(1);
        expect(groups[0]).toMatchObject({
          node_group_name: "general",
          instance_types: ["m6i.large"],
          capacity_type: "SPOT",
          scaling_config: { min_size: 1, max_size: 3, desired_size: 2 },
        });
        // the default provider needs no mention on the resources
        expect(clusters[0].provider).toBeUndefined();
        expect(Object.keys(stack.output)).toEqual(
          expect.arrayContaining(["cluster_name", "cluster_arn", "endpoint", "certificate_authority_data", "oidc_issuer_url", "cluster_security_group_id", "cluster_role_arn"]),
        );
        expect(stack.output.endpoint.value).toMatch(/^\$\{aws_eks_cluster\.[\w-]+\.endpoint\}$/);
      });

      describeWithTerraform("AND Terraform", (terraform) => {
        it("THEN terraform init (from the provider mirror) and terraform validate accept the consumer's stack", () => {
          const dir = path.join(consumer.dir, "cdktf.out", "stacks", "platform");
          terraform.init(dir);
          const result = terraform.validate(dir);
          expect(result.diagnostics).toEqual([]);
          expect(result.valid).toBe(true);
        }, 300_000);
      });
    });

    describe("AND the program with minSize 3 above maxSize 1 runs", () => {
      it("THEN it catches the package's ConfigError, whose message names the path, the value, the rule and the fix", () => {
        const ran = consumer.node("dist/min-above-max.js");
        expect(ran.stderr).toBe("");
        expect(ran.code).toBe(3);
        const error = JSON.parse(ran.stdout);
        expect(error.issues).toEqual([{ path: "nodeGroups[0].scaling.minSize", value: 3, rule: RULE, fix: FIX }]);
        expect(error.message).toBe(
          [
            "EksCluster platform/orders: not a valid cluster configuration (1 problem):",
            "  nodeGroups[0].scaling.minSize: 3",
            `      rule: ${RULE}`,
            `      fix:  ${FIX}`,
          ].join("\n"),
        );
      });

      it("THEN uncaught, it exits 1 with Node's report of the ConfigError and its message, and nothing synthesized", () => {
        const ran = consumer.node("dist/uncaught.js");
        expect(ran.code).toBe(1);
        expect(ran.stdout).toBe("");
        expect(ran.stderr).toContain(`rule: ${RULE}`);
        expect(ran.stderr).toMatch(/^\w*Error: EksCluster platform\/orders: not a valid cluster configuration \(1 problem\):$/m);
        // the App and the stack make their folders when constructed; no file is written into them
        const written = fs.readdirSync(path.join(consumer.dir, "uncaught.out"), { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
        expect(written.map((e) => e.name)).toEqual([]);
      });
    });
  });
});
