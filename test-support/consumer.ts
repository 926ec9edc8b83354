/**
 * The package as a consumer gets it: `npm pack` into a temporary folder (never into the repository), then a scratch
 * project of its own (package.json, strict tsconfig.json, its own TypeScript) that installs the tarball with the
 * peer dependencies from the registry, through npm's cache (`--prefer-offline`: what `npm ci` cached is used
 * without asking the registry; what is not cached, e.g. package metadata `npm ci` never fetches, is downloaded).
 *
 * The peers (cdktf, constructs, @cdktf/provider-aws) are the consumer's own dependencies: npm must resolve them to
 * one copy shared by the consumer and this package (constructs from two copies do not compose).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root (the folder holding package.json). */
export const PACKAGE_ROOT = path.resolve(__dirname, "..");

/** What the scratch project installs beside the tarball: the versions the repository builds and tests with. */
export const CONSUMER_DEPENDENCIES: readonly string[] = [
  "cdktf@0.21.0",
  "constructs@10.8.1",
  "@cdktf/provider-aws@20.1.0",
  "typescript@5.9.3",
  "@types/node@20.19.43",
];

/** A strict consumer: strict mode, Node's module resolution (so `exports` and its `types` apply), and no skipLibCheck. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    noUnusedLocals: true,
    noImplicitReturns: true,
    exactOptionalPropertyTypes: false,
    skipLibCheck: false,
    esModuleInterop: true,
    outDir: "dist",
    rootDir: "src",
  },
  include: ["src/**/*.ts"],
};

export interface CommandResult {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * The environment for npm and the consumer's programs: the caller's, without what an outer `npm test` exports about
 * this repository (npm_package_*, npm_lifecycle_*, npm_config_local_prefix, ...), which must not leak into the
 * scratch project. The cache and config-file locations stay.
 */
export function consumerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig", "npm_config_globalconfig"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith("npm_") || keep.has(key.toLowerCase())) env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", CHECKPOINT_DISABLE: "1", ...extra };
}

/** Runs a command to completion (no shell), timed. */
export function run(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = consumerEnv()): CommandResult {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return {
    command: [command, ...args].join(" "),
    code: result.status ?? -1,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    ms: Date.now() - started,
  };
}

/** Runs a command and throws with its output unless it exits 0. */
export function runOk(cwd: string, command: string, args: readonly string[], env?: NodeJS.ProcessEnv): CommandResult {
  const result = run(cwd, command, args, env);
  if (result.code !== 0) {
    throw new Error(`${result.command} failed in ${cwd} (exit ${result.code}):\n${result.stderr}\n${result.stdout}`);
  }
  return result;
}

/** A file of `npm pack --json`. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

export interface PackedPackage {
  /** The .tgz, in a temporary folder of its own. */
  readonly tarball: string;
  readonly name: string;
  readonly version: string;
  /** Paths inside the package, as `npm pack` lists them. */
  readonly files: readonly string[];
  readonly ms: number;
}

/**
 * `npm pack` of the repository into a fresh temporary folder. It runs the `prepare` script (`tsc`) first, as
 * `npm publish` does, so `dist/` is the current source's.
 */
export function packPackage(): PackedPackage {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-pack-"));
  const result = runOk(PACKAGE_ROOT, "npm", ["pack", "--json", "--pack-destination", destination]);
  // `prepare`'s output goes to stderr with --json; stdout is the JSON array alone
  const [packed] = JSON.parse(result.stdout) as { name: string; version: string; filename: string; files: PackedFile[] }[];
  const tarball = path.join(destination, packed.filename);
  if (!fs.existsSync(tarball)) throw new Error(`npm pack reported ${packed.filename}, but ${tarball} is missing`);
  return { tarball, name: packed.name, version: packed.version, files: packed.files.map((f) => f.path).sort(), ms: result.ms };
}

export interface ConsumerProject {
  readonly dir: string;
  /** How long `npm install` took, and with which arguments. */
  readonly install: CommandResult;
  /** Writes files (paths relative to the project). */
  write(files: Record<string, string>): void;
  /** The project's own TypeScript compiler on one of its tsconfig files (`tsc -p <project>`), without colours. */
  tsc(project?: string): CommandResult;
  /** `node <file>` in the project folder. */
  node(file: string, env?: NodeJS.ProcessEnv): CommandResult;
  /**
   * Where Node itself (a `node` process, not Jest's resolver) resolves each specifier from `fromDir`: the real path
   * (a symlinked copy is the same copy), or the error code when it cannot.
   */
  resolveFrom(fromDir: string, specifiers: readonly string[]): Record<string, string | { error: string }>;
  /** Deletes the project. */
  remove(): void;
}

/**
 * A scratch project in a temporary folder: package.json, a strict tsconfig.json (`CONSUMER_TSCONFIG`, or the one
 * given), then `npm install --prefer-offline` of the tarball and `CONSUMER_DEPENDENCIES` from the npm cache and the
 * registry. npm checks peer dependencies (no --legacy-peer-deps, no --force).
 */
export function createConsumerProject(tarball: string, options: { tsconfig?: object; files?: Record<string, string> } = {}): ConsumerProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-consumer-"));
  const write = (files: Record<string, string>): void => {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
  };
  write({
    "package.json": JSON.stringify({ name: "eks-cdktf-consumer", version: "0.0.0", private: true, license: "UNLICENSED" }, null, 2) + "\n",
    "tsconfig.json": JSON.stringify(options.tsconfig ?? CONSUMER_TSCONFIG, null, 2) + "\n",
    "cdktf.json": JSON.stringify({ language: "typescript", app: "node dist/main.js", terraformProviders: [], terraformModules: [] }, null, 2) + "\n",
    ...(options.files ?? {}),
  });
  const install = runOk(dir, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--save-exact", tarball, ...CONSUMER_DEPENDENCIES]);
  return {
    dir,
    install,
    write,
    tsc: (project = "tsconfig.json") => run(dir, process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", project, "--pretty", "false"]),
    node: (file, env) => run(dir, process.execPath, [file], consumerEnv(env)),
    resolveFrom: (fromDir, specifiers) => {
      const script = `
        const fs = require("fs");
        const out = {};
        for (const s of JSON.parse(process.argv[1])) {
          try { out[s] = fs.realpathSync(require.resolve(s, { paths: [process.cwd()] })); } catch (e) { out[s] = { error: e.code || String(e) }; }
        }
        process.stdout.write(JSON.stringify(out));`;
      return JSON.parse(runOk(fromDir, process.execPath, ["-e", script, JSON.stringify(specifiers)]).stdout);
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Every module specifier a packed file loads: `require("...")` in JavaScript; `import ... from "..."`,
 * `import("...")`, `export ... from "..."` and `/// <reference types="..." />` in declarations.
 */
export function specifiersOf(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\brequire\(\s*"([^"]+)"\s*\)/g,
    /\bfrom\s+"([^"]+)"/g,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /^\s*import\s+"([^"]+)"/gm,
    /\/\/\/\s*<reference\s+types="([^"]+)"/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]);
  return [...found].sort();
}

/** The package name of a bare specifier (`@scope/name/lib/x` -> `@scope/name`), or undefined for a relative one. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  const parts = specifier.replace(/^node:/, "").split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A relative specifier of `fromFile` resolved among the packed files the way Node (or TypeScript, for .d.ts) would. */
export function resolvesInPackage(files: ReadonlySet<string>, fromFile: string, specifier: string): boolean {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const candidates = fromFile.endsWith(".d.ts")
    ? [`${base}.d.ts`, `${base}/index.d.ts`, base.endsWith(".js") ? base.replace(/\.js$/, ".d.ts") : "", base.endsWith(".json") ? base : ""]
    : [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
  return candidates.some((c) => c !== "" && files.has(c));
}
