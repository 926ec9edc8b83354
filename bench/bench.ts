/**
 * `npm run bench`: whole processes, timed after a warm-up, median / min / max wall time and peak RSS, all in one run
 * so ratios compare like with like on a noisy machine. Peak RSS comes from GNU time (%M: the largest resident set of
 * the process and its waited-for children). Results: printed, and bench/results/latest.json.
 *
 *   floor  node -e 'require("cdktf")'                 what any cdktf app pays before doing anything
 *   A      node dist/main.js                          the cdktf.json app command (cdktf synth / deploy run it)
 *   S      npm run synth                              JSON and the hand-off folder
 *   B      npx ts-node main.ts in bench/baseline      the cdktf template's way: ts-node, provider root import
 *   C1/C10/C50  node dist/main.js, 1/10/50 clusters   how cost grows with clusters
 *   L<kind> in process: parse and validate files of 1,000 and 4,000 node groups, access entries, add-ons and unknown
 *          keys (median of 5): 4x the entries must cost under 8x the time (linear, not quadratic)
 *   H20 / H4J / H4Y / HBOMB  node dist/main.js on hostile files (exit 1 expected): 20 MB JSON (over the size cap),
 *          4 MiB JSON and YAML of ~60,000 tags (parsed, then refused), a YAML alias bomb: each must answer within
 *          2 s in bounded memory
 *
 * BENCH_RUNS (default 5) sets the measured runs per command; --tests also times `npm test` with and without
 * the Terraform suites (once each).
 */
import { spawnSync } from "child_process";
import { ConfigError, resolveParsed } from "../src/config/load";
import { parseConfigText } from "../src/config/parse";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME = "/usr/bin/time";

interface Sample {
  readonly seconds: number;
  readonly rssMiB: number;
}
interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}
interface Result {
  readonly name: string;
  readonly command: string;
  readonly runs: number;
  readonly seconds: Stats;
  readonly rssMiB: Stats;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** One run of `argv` in `cwd`: wall time by hrtime, peak RSS by GNU time. Fails loudly on a non-zero exit. */
function sample(argv: string[], cwd: string, env: NodeJS.ProcessEnv, expectedCode = 0): Sample {
  const rssFile = path.join(os.tmpdir(), `eks-cdktf-bench-${process.pid}.rss`);
  const start = process.hrtime.bigint();
  const run = spawnSync(TIME, ["-f", "%M", "-o", rssFile, ...argv], { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== expectedCode) throw new Error(`${argv.join(" ")} exited ${run.status}, not ${expectedCode}:\n${run.stderr}`);
  const kib = Number(fs.readFileSync(rssFile, "utf8").trim().split("\n").pop());
  return { seconds, rssMiB: kib / 1024 };
}

function measure(name: string, argv: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}, expectedCode = 0): Result {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...extraEnv };
  if (!("CLUSTER_CONFIG" in extraEnv)) delete env.CLUSTER_CONFIG;
  sample(argv, cwd, env, expectedCode); // warm-up: file cache, npx resolution
  const samples = Array.from({ length: RUNS }, () => sample(argv, cwd, env, expectedCode));
  const result = { name, command: argv.join(" "), runs: RUNS, seconds: stats(samples.map((s) => s.seconds)), rssMiB: stats(samples.map((s) => s.rssMiB)) };
  console.log(
    `${name.padEnd(6)} median ${result.seconds.median.toFixed(3)} s (min ${result.seconds.min.toFixed(3)}, max ${result.seconds.max.toFixed(3)})` +
      `  peak RSS ${result.rssMiB.median.toFixed(1)} MiB (min ${result.rssMiB.min.toFixed(1)}, max ${result.rssMiB.max.toFixed(1)})`,
  );
  return result;
}

/** A config file with `count` clusters (the default, renamed), in a scratch folder that is also the working folder. */
function clustersConfig(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `eks-cdktf-bench-c${count}-`));
  const clusters = Array.from({ length: count }, (_, i) => ({ name: `bench-${String(i + 1).padStart(2, "0")}` }));
  fs.writeFileSync(path.join(dir, "clusters.json"), JSON.stringify({ clusters }));
  return dir;
}

/** Files of `n` entries of one kind (a 4 MiB file holds some 100,000 node groups). */
const MANY: Record<string, (n: number) => unknown> = {
  "node groups": (n) => ({ nodeGroups: Array.from({ length: n }, (_, i) => ({ name: `g${i}` })) }),
  "access entries": (n) => ({
    access: { entries: Array.from({ length: n }, (_, i) => ({ principalArn: `arn:aws:iam::111122223333:role/r${i}`, policies: [{ policy: "AmazonEKSViewPolicy" }] })) },
  }),
  "add-ons": (n) => ({ addons: Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { version: "latest" }])) }),
  "unknown keys": (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`u${i}`, 1])),
};

/** Parse and validate time (ms, median of 5 after a warm-up) of a file of `n` entries of `kind`. */
function loadTime(kind: string, n: number): number {
  const text = JSON.stringify(MANY[kind](n), null, 1);
  const once = () => {
    const start = process.hrtime.bigint();
    const parsed = parseConfigText(text, "json", "many.json");
    try {
      resolveParsed(parsed.raw, "many.json", parsed.lineOf);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  once();
  return stats(Array.from({ length: 5 }, once)).median;
}

/** Hostile config files, by bench line name: each must be refused (exit 1) quickly. */
function hostileConfigs(): { dir: string; files: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-bench-h-"));
  const tags = (bytes: number) => {
    const entries: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const entry = `"team-${i}": "value-${i}-${"x".repeat(40)}"`;
      entries.push(entry);
      size += entry.length + 2;
    }
    return entries;
  };
  const json4 = `{"name": "big", "tags": {${tags(4 * 1024 * 1024 - 4096).join(", ")}}}`;
  const yaml4 = `name: big\ntags:\n${tags(4 * 1024 * 1024 - 65536).map((e) => `  ${e}`).join("\n")}\n`;
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ..."bcdefghi".split("").map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)].join("\n");
  const files: Record<string, string> = {
    H20: "twenty-mb.json",
    H4J: "four-mib.json",
    H4Y: "four-mib.yaml",
    HBOMB: "bomb.yaml",
  };
  fs.writeFileSync(path.join(dir, files.H20), `{"name": "big", "tags": {${tags(20 * 1000 * 1000).join(", ")}}}`);
  fs.writeFileSync(path.join(dir, files.H4J), json4);
  fs.writeFileSync(path.join(dir, files.H4Y), yaml4);
  fs.writeFileSync(path.join(dir, files.HBOMB), `${bomb}\n`);
  return { dir, files };
}

function timeOnce(name: string, argv: string[], env: NodeJS.ProcessEnv): { name: string; seconds: number } {
  const start = process.hrtime.bigint();
  const run = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${name} failed:\n${run.stderr}`);
  console.log(`${name.padEnd(30)} ${seconds.toFixed(1)} s`);
  return { name, seconds };
}

function main(): void {
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} is missing: install GNU time (apt-get install time) to measure peak RSS.`);
  if (!fs.existsSync(path.join(ROOT, "dist", "main.js"))) throw new Error("dist/ is missing: npm run build");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-bench-a-"));
  const main = path.join(ROOT, "dist", "main.js");
  console.log(`${RUNS} runs each after a warm-up, on ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

  const floor = measure("floor", [process.execPath, "-e", 'require("cdktf")'], ROOT);
  const a = measure("A", [process.execPath, main], scratch);
  const s = measure("S", ["npm", "run", "--silent", "synth"], ROOT);
  const b = measure("B", ["npx", "ts-node", "main.ts"], path.join(ROOT, "bench", "baseline"));
  const c: Record<number, Result> = {};
  for (const count of [1, 10, 50]) {
    const dir = clustersConfig(count);
    c[count] = measure(`C${count}`, [process.execPath, main], dir, { CLUSTER_CONFIG: "clusters.json" });
  }

  const linear = Object.keys(MANY).map((kind) => {
    const [small, large] = [loadTime(kind, 1000), loadTime(kind, 4000)];
    console.log(`L ${kind.padEnd(15)} 1,000: ${small.toFixed(1)} ms  4,000: ${large.toFixed(1)} ms  ratio ${(large / small).toFixed(2)}`);
    return { kind, small, large };
  });

  const hostile = hostileConfigs();
  const h = Object.entries(hostile.files).map(([name, file]) => measure(name, [process.execPath, main], hostile.dir, { CLUSTER_CONFIG: file }, 1));

  const ratio = (x: number, y: number) => Number((x / y).toFixed(2));
  const marginalMs = ((c[50].seconds.median - c[1].seconds.median) / 49) * 1000;
  const marginalMiB = (c[50].rssMiB.median - c[1].rssMiB.median) / 49;
  const figures = {
    "B/A time": ratio(b.seconds.median, a.seconds.median),
    "B/A memory": ratio(b.rssMiB.median, a.rssMiB.median),
    "B/S time": ratio(b.seconds.median, s.seconds.median),
    "B/S memory": ratio(b.rssMiB.median, s.rssMiB.median),
    "A/floor time": ratio(a.seconds.median, floor.seconds.median),
    "A/floor memory": ratio(a.rssMiB.median, floor.rssMiB.median),
    "marginal ms per cluster": Number(marginalMs.toFixed(1)),
    "marginal MiB per cluster": Number(marginalMiB.toFixed(2)),
  };
  const targets: [string, boolean][] = [
    ["B/A time >= 25", figures["B/A time"] >= 25],
    ["B/A memory >= 10", figures["B/A memory"] >= 10],
    ["B/S time >= 5", figures["B/S time"] >= 5],
    ["A <= 1.5 x floor", figures["A/floor time"] <= 1.5],
    ["marginal <= 20 ms per cluster", marginalMs <= 20],
    ["marginal <= 2 MiB per cluster", marginalMiB <= 2],
    ...linear.map((l): [string, boolean] => [`4x the ${l.kind} cost under 8x the time`, l.large < 8 * Math.max(l.small, 5)]),
    ...h.map((r): [string, boolean] => [`${r.name} refused within 2 s and 300 MiB`, r.seconds.max <= 2 && r.rssMiB.max <= 300]),
  ];

  const tests: { name: string; seconds: number }[] = [];
  if (process.argv.includes("--tests")) {
    console.log("");
    tests.push(timeOnce("npm test without Terraform", ["npm", "test"], { TERRAFORM_BIN: "/nonexistent/terraform", CI: "" }));
    tests.push(timeOnce("npm test", ["npm", "test"], { CI: "true" }));
    targets.push(["npm test without Terraform <= 15 s", tests[0].seconds <= 15], ["npm test <= 120 s", tests[1].seconds <= 120]);
  }

  console.log("");
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(26)} ${v}`);
  console.log("");
  for (const [target, met] of targets) console.log(`${met ? "met   " : "MISSED"} ${target}`);

  const results = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    results: [floor, a, s, b, c[1], c[10], c[50], ...h],
    figures,
    linearity: linear,
    tests,
    targets: Object.fromEntries(targets),
  };
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/latest.json`);
}

main();
