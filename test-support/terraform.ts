/**
 * The real Terraform CLI for contract tests, run through a CLI config of its own that installs providers
 * from the local filesystem mirror only (never the registry).
 *
 * - TERRAFORM_BIN: the terraform binary (default: `terraform` on PATH).
 * - TF_PROVIDER_MIRROR: the filesystem mirror holding hashicorp/aws (default: /opt/tf-plugins).
 * Without Terraform or the mirror the suites are skipped with a printed notice; with CI=true that is an error.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const DEFAULT_PROVIDER_MIRROR = "/opt/tf-plugins";

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ValidateResult {
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: { severity: string; summary: string; detail?: string }[];
}

export class Terraform {
  /** The environment Terraform runs with: our CLI config, no checkpoint calls, no prompts. */
  public readonly env: NodeJS.ProcessEnv;

  constructor(
    public readonly bin: string,
    public readonly mirror: string,
    cliConfigFile: string,
  ) {
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfigFile,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_PLUGIN_CACHE_DIR: "",
    };
  }

  public run(dir: string, args: string[]): TerraformResult {
    const result = spawnSync(this.bin, args, { cwd: dir, env: this.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  }

  /** `terraform init` (backend left alone unless `backend` is true); throws with Terraform's output on failure. */
  public init(dir: string, options: { backend?: boolean } = {}): void {
    const args = ["init", "-input=false", "-no-color"];
    if (!options.backend) args.push("-backend=false");
    this.ok(dir, args);
  }

  /** `terraform validate -json`, parsed. */
  public validate(dir: string): ValidateResult {
    const result = this.run(dir, ["validate", "-json", "-no-color"]);
    return JSON.parse(result.stdout) as ValidateResult;
  }

  /** Runs a command and throws with its output unless it exits 0. */
  public ok(dir: string, args: string[]): string {
    const result = this.run(dir, args);
    if (result.code !== 0) {
      throw new Error(`terraform ${args.join(" ")} failed in ${dir} (exit ${result.code}):\n${result.stderr}\n${result.stdout}`);
    }
    return result.stdout;
  }
}

let located: Terraform | string | undefined;

/** The Terraform CLI, or the reason there is none usable here. */
export function locateTerraform(): Terraform | string {
  if (located !== undefined) return located;
  const bin = process.env.TERRAFORM_BIN || "terraform";
  const mirror = process.env.TF_PROVIDER_MIRROR || DEFAULT_PROVIDER_MIRROR;
  const version = spawnSync(bin, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  if (version.status !== 0) {
    located = `no Terraform CLI at "${bin}" (set TERRAFORM_BIN)`;
  } else if (!fs.existsSync(path.join(mirror, "registry.terraform.io", "hashicorp", "aws"))) {
    located = `no hashicorp/aws provider in the mirror "${mirror}" (set TF_PROVIDER_MIRROR)`;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-tfrc-"));
    const cliConfigFile = path.join(dir, "terraform.tfrc");
    fs.writeFileSync(
      cliConfigFile,
      [
        "provider_installation {",
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(mirror)}`,
        '    include = ["registry.terraform.io/hashicorp/*"]',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    located = new Terraform(bin, mirror, cliConfigFile);
  }
  return located;
}

/**
 * `describe` for suites that need the Terraform CLI: skipped with a printed notice where it is missing,
 * an error when CI=true (CI must never pass by skipping them).
 */
export function describeWithTerraform(name: string, body: (terraform: Terraform) => void): void {
  const terraform = locateTerraform();
  if (typeof terraform === "string") {
    if (process.env.CI === "true") {
      throw new Error(`CI=true, so "${name}" must run, but there is ${terraform}.`);
    }
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": ${terraform}.`);
    describe.skip(name, () => {
      it("needs the Terraform CLI", () => undefined);
    });
    return;
  }
  describe(name, () => body(terraform));
}

/** A fresh temporary folder holding the given files. */
export function workdir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-tf-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Mock credentials and no account, metadata or region checks: a plan that reads nothing from AWS. */
export const OFFLINE_PROVIDER = {
  access_key: "mock-access-key",
  secret_key: "mock-secret-key",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: "true",
  skip_region_validation: true,
} as const;

/**
 * The synthesized configuration made plannable without AWS credentials, for a test's copy only: mock keys,
 * no STS/metadata/region checks, state in the working folder. Only data sources that need no AWS API may be
 * left (give explicit subnet ids and pinned add-on versions).
 */
export function offlineCopy(synthesized: string): string {
  const config = JSON.parse(synthesized);
  for (const provider of config.provider.aws) Object.assign(provider, OFFLINE_PROVIDER);
  // An HCP Terraform `cloud` block goes too: Terraform refuses a backend beside it.
  delete config.terraform.cloud;
  config.terraform.backend = { local: { path: "terraform.tfstate" } };
  return JSON.stringify(config, null, 2);
}

/**
 * Validates several synthesized stacks in one Terraform run (the provider's schema loads once, ~5 s): each stack
 * becomes a module of a scratch root. Their `terraform.backend` blocks are dropped (Terraform ignores backends in
 * modules, with a warning); validate one stack on its own to cover the backend.
 */
/**
 * The JSON (`terraform show -json`) of a create plan of a synthesized stack, planned offline: its backend swapped for
 * local state (`offlineCopy`), no refresh of anything (the stack must need no data source that calls AWS).
 */
export function planOfflineJson<T = unknown>(terraform: Terraform, synthesized: string): T {
  return planFilesJson<T>(terraform, { "cdk.tf.json": offlineCopy(synthesized) });
}

/** The JSON of a create plan of the configuration `files` make (a stack made offline, or a hand-off folder's main.tf). */
export function planFilesJson<T = unknown>(terraform: Terraform, files: Record<string, string>): T {
  const dir = workdir(files);
  terraform.init(dir, { backend: true });
  terraform.ok(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=plan.bin"]);
  return JSON.parse(terraform.ok(dir, ["show", "-json", "plan.bin"])) as T;
}

export function validateStacks(terraform: Terraform, stacks: Record<string, string>): ValidateResult {
  const files: Record<string, string> = {
    "main.tf.json": JSON.stringify({ module: Object.fromEntries(Object.keys(stacks).map((name) => [name, { source: `./${name}` }])) }, null, 2),
  };
  for (const [name, synthesized] of Object.entries(stacks)) {
    const config = JSON.parse(synthesized);
    delete config.terraform.backend;
    delete config.terraform.cloud;
    files[`${name}/cdk.tf.json`] = JSON.stringify(config, null, 2);
  }
  const dir = workdir(files);
  terraform.init(dir);
  return terraform.validate(dir);
}

/**
 * Validates hand-off folders' `main.tf` files in one Terraform run, each as a module of a scratch root; their
 * backend blocks are cut out (Terraform ignores backends in modules, with a warning). Validate one folder on its
 * own to cover the backend. Also returns what `terraform fmt -check` lists: files it would reformat.
 */
export function validateHandoffs(terraform: Terraform, handoffs: Record<string, string>): ValidateResult & { unformatted: string } {
  const files: Record<string, string> = {
    "main.tf": Object.keys(handoffs).map((name) => `module "${name}" {\n  source = "./${name}"\n}\n`).join("\n"),
  };
  for (const [name, hcl] of Object.entries(handoffs)) files[`${name}/main.tf`] = hcl.replace(/\n  backend "\w+" \{\n[\s\S]*?\n  \}\n/, "\n").replace(/\n  cloud \{\n[\s\S]*?\n  \}\n/, "\n");
  const dir = workdir(files);
  const unformatted = terraform.run(dir, ["fmt", "-check", "-recursive", "-no-color"]).stdout;
  terraform.init(dir);
  return { ...terraform.validate(dir), unformatted };
}
