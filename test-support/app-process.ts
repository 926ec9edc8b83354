/** Runs the compiled entry points as child processes, and reads what they wrote. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");
export const MAIN = path.join(ROOT, "dist", "main.js");

export const CHECK = path.join(ROOT, "dist", "check.js");

/** Runs a compiled entry point in `cwd`, with CLUSTER_CONFIG only when `env` gives it. */
export function runNode(script: string, cwd: string, args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete base.CLUSTER_CONFIG;
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", env: { ...base, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
