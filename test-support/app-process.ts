/** Runs the compiled entry points as child processes, and reads what they wrote. */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");
export const MAIN = path.join(ROOT, "dist", "main.js");

export const CHECK = path.join(ROOT, "dist", "check.js");

/** The environment of a child: this one's, without the variables the app reads unless `env` gives them. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  for (const name of ["CLUSTER_CONFIG", "CDKTF_OUTDIR", "SYNTH_HCL_OUTPUT", "DEBUG", "EKS_CDKTF_LOCK_TIMEOUT"]) delete base[name];
  return { ...base, ...env };
}

/** Runs a compiled entry point in `cwd`, with CLUSTER_CONFIG (and the others the app reads) only when `env` gives it. */
export function runNode(script: string, cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", env: childEnv(env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `node -e <code>` in `cwd` (a test's own script around the compiled pieces). */
export function runNodeEval(code: string, cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["-e", code], { cwd, encoding: "utf8", env: childEnv(env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the app without waiting: the child (to kill it) and its end. */
export function startApp(cwd: string, args: string[] = [], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** What the app leaves beside the output in `dir`: lock, temporary, previous and retired folders (sorted names). */
export function outputSiblings(dir: string, output = "cdktf.out"): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith(`${output}.`) || n.startsWith(`.${output}.`))
    .sort();
}

/** Runs the app as `npm run synth` does (`--handoff`), or with the given arguments. */
export function runApp(cwd: string, args: string[] = ["--handoff"], env: Record<string, string> = {}) {
  return runNode(MAIN, cwd, args, env);
}

/** Every file below `dir` with its content and modification time: equal trees mean nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(readTree(dir))) files[name] = `${fs.statSync(path.join(dir, name)).mtimeMs} ${content}`;
  return files;
}

export const EXAMPLES = path.join(ROOT, "examples");

/** Every file below `dir`, relative path -> content. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}
