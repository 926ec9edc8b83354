/**
 * cdktf.out is written whole and one run at a time (src/output/atomic-output.ts), through the real entry point in
 * scratch folders: runs killed at random moments, runs started together, stale and live locks, leftovers of killed
 * runs, files the app does not write (Terraform's) carried over, and a folder in use kept aside.
 * Needs `dist/` fresh: `npm test` compiles before running jest.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLES, Finished, MAIN, outputSiblings, readTree, runApp, snapshot, startApp } from "../test-support/app-process";

type Key = "A" | "B" | "C";
/** Three configurations with different clusters, so that any mix of two outputs is told apart. */
const CONFIGS: Record<Key, Record<string, string>> = {
  A: {},
  B: { CLUSTER_CONFIG: path.join(EXAMPLES, "multi-env.yaml") },
  C: { CLUSTER_CONFIG: path.join(EXAMPLES, "hardened.yaml") },
};
/** The complete output of each configuration, from a clean run. */
const REFERENCE = {} as Record<Key, Record<string, string>>;

const scratch = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `eks-cdktf-out-${name}-`));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const out = (dir: string) => path.join(dir, "cdktf.out");

/** Which configuration's complete output `tree` is exactly, if any. */
function whichOutput(tree: Record<string, string>): Key | "a mix or a partial output" {
  const keys = Object.keys(REFERENCE) as Key[];
  return keys.find((k) => JSON.stringify(tree) === JSON.stringify(REFERENCE[k])) ?? "a mix or a partial output";
}

/**
 * What a reader sees: cdktf.out; or, for a run killed in the microseconds between its two renames, the previous
 * output moved aside, which the next run puts back (atomic-output.ts's header).
 */
function visibleOutput(dir: string): { tree?: Record<string, string>; from: string } {
  if (fs.existsSync(out(dir))) return { tree: readTree(out(dir)), from: "cdktf.out" };
  const aside = outputSiblings(dir).filter((n) => n.startsWith(".cdktf.out.old-"));
  if (aside.length === 1) return { tree: readTree(path.join(dir, aside[0])), from: aside[0] };
  return { from: aside.length ? `${aside.length} previous outputs aside` : "nothing" };
}

/** Deterministic delays: mulberry32 from a fixed seed. */
function seededDelays(seed: number, count: number, max: number): number[] {
  let a = seed;
  return Array.from({ length: count }, () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  });
}

/** A live process that is not a synth (its pid goes into a lock, or it works in a folder). */
function startSleeper(cwd = os.tmpdir()) {
  const child = spawn("sleep", ["60"], { cwd, stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return { pid: child.pid!, stop: async () => (child.kill("SIGKILL"), await exited) };
}

/** Resolves once the child has written `text` to stderr; fails if it ends first. */
async function stderrShows(started: ReturnType<typeof startApp>, text: string): Promise<void> {
  let stderr = "";
  let ended = false;
  started.child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  void started.done.then(() => (ended = true));
  while (!stderr.includes(text)) {
    if (ended) throw new Error(`the app ended before writing ${JSON.stringify(text)}; stderr: ${stderr}`);
    await sleep(10);
  }
}

/** A pid that was alive a moment ago and is not any more. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

beforeAll(async () => {
  const runs = await Promise.all(
    (Object.keys(CONFIGS) as Key[]).map(async (key) => {
      const dir = scratch(`ref-${key}`);
      const end = await startApp(dir, [], CONFIGS[key]).done;
      expect([key, end.code]).toEqual([key, 0]);
      return [key, readTree(out(dir))] as const;
    }),
  );
  for (const [key, tree] of runs) REFERENCE[key] = tree;
  expect(new Set(Object.values(REFERENCE).map((t) => JSON.stringify(Object.keys(t).sort()))).size).toBe(3);
});

describe("GIVEN runs killed with SIGKILL at any moment", () => {
  it("THEN cdktf.out is absent (before anything was written) or exactly one complete output, and the next run recovers", async () => {
    const dir = scratch("kill");
    let written = false;
    let killedWhileWriting = 0;
    const check = (i: number, how: string, end: Finished, config: Key) => {
      const seen = visibleOutput(dir);
      const context = { run: i, how, config, exit: end.signal ?? end.code };
      if (!seen.tree) expect({ ...context, seen: seen.from, written }).toEqual({ ...context, seen: "nothing", written: false });
      else {
        expect({ ...context, seen: seen.from, is: whichOutput(seen.tree) }).toEqual({ ...context, seen: seen.from, is: expect.stringMatching(/^[AB]$/) });
        written = true;
      }
      if (outputSiblings(dir).some((n) => n.startsWith(".cdktf.out.tmp-"))) killedWhileWriting++;
    };

    // WHEN killed after a random delay (0-800 ms: loading, validating, synthesizing, swapping, or already done),
    // alternating the configuration so that every completed run changes the output
    for (const [i, delay] of seededDelays(20261124, 10, 800).entries()) {
      const config: Key = i % 2 ? "B" : "A";
      const { child, done } = startApp(dir, [], CONFIGS[config]);
      await sleep(delay);
      child.kill("SIGKILL");
      check(i, `after ${delay} ms`, await done, config);
    }
    // WHEN killed while its temporary folder is being written (0-40 ms after it appears): the middle of a write
    for (const [i, delay] of seededDelays(7, 6, 40).entries()) {
      const config: Key = i % 2 ? "A" : "B";
      const { child, done } = startApp(dir, [], CONFIGS[config]);
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished && !outputSiblings(dir).some((n) => n.startsWith(".cdktf.out.tmp-"))) await sleep(1);
      await sleep(delay);
      child.kill("SIGKILL");
      check(10 + i, `${delay} ms into writing`, await done, config);
    }
    expect({ killedWhileWriting: killedWhileWriting > 0 }).toEqual({ killedWhileWriting: true });

    // THEN the next run succeeds, writes its complete output and removes every leftover (lock, temporary folders)
    const run = runApp(dir, [], CONFIGS.B);
    expect([run.code, run.stderr]).toEqual([0, expect.not.stringMatching(/^error/m)]);
    expect(whichOutput(readTree(out(dir)))).toBe("B");
    expect(outputSiblings(dir)).toEqual([]);
  });
});

describe("GIVEN runs started together into one folder", () => {
  it.each([
    [2, ["A", "B"], undefined],
    [3, ["A", "B", "C"], "C"],
  ] as [number, Key[], Key | undefined][])("WHEN %i run with different configurations THEN all exit 0 and the output is exactly one of theirs", async (_n, keys, previous) => {
    const dir = scratch("together");
    if (previous) expect(runApp(dir, [], CONFIGS[previous]).code).toBe(0);
    const ends = await Promise.all(keys.map((key) => startApp(dir, [], CONFIGS[key]).done));
    for (const [i, end] of ends.entries()) {
      expect([keys[i], end.code, end.stderr]).toEqual([keys[i], 0, expect.not.stringMatching(/^error/m)]);
      // a run that waited said so once, naming the holder
      const waits = end.stderr.split("\n").filter((l) => l.startsWith("waiting"));
      expect([keys[i], waits.length <= 1, waits.every((l) => /^waiting for another synth \(pid \d+\) to finish writing cdktf.out\.\.\.$/.test(l))]).toEqual([keys[i], true, true]);
    }
    expect(keys).toContain(whichOutput(readTree(out(dir))));
    expect(outputSiblings(dir)).toEqual([]);
  });
});

describe("the lock (cdktf.out.lock)", () => {
  it("GIVEN a lock left by a dead process THEN the run takes it over at once and writes its output", () => {
    const dir = scratch("stale");
    fs.writeFileSync(path.join(dir, "cdktf.out.lock"), `${deadPid()}\n`);
    const run = runApp(dir);
    expect([run.code, run.stderr]).toEqual([0, expect.not.stringMatching(/waiting|^error/m)]);
    expect(whichOutput(readTree(out(dir)))).toBe("A");
    expect(outputSiblings(dir)).toEqual([]);
  });

  it("GIVEN a lock holding the run's own pid (a container restarted with the same pid and hostname) THEN it is stale, not waited for", () => {
    // GIVEN: the shell writes its own pid into the lock, then becomes the app (exec keeps the pid)
    const dir = scratch("ownpid");
    const script = `echo "$$ $(node -p 'require("os").hostname()')" > cdktf.out.lock && exec "${process.execPath}" "${MAIN}"`;
    // WHEN
    const run = spawnSync("sh", ["-c", script], { cwd: dir, encoding: "utf8", env: { ...process.env, EKS_CDKTF_LOCK_TIMEOUT: "3", CLUSTER_CONFIG: "" } });
    // THEN
    expect([run.status, run.stderr]).toEqual([0, expect.not.stringMatching(/waiting|^error/m)]);
    expect(whichOutput(readTree(out(dir)))).toBe("A");
  });

  it("GIVEN an empty lock a minute old (its creator died before writing its pid) THEN it is taken over", () => {
    const dir = scratch("empty");
    const lock = path.join(dir, "cdktf.out.lock");
    fs.writeFileSync(lock, "");
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, minuteAgo, minuteAgo);
    const run = runApp(dir);
    expect(run.code).toBe(0);
    expect(outputSiblings(dir)).toEqual([]);
  });

  describe("GIVEN a lock held by a live process and a previous output", () => {
    let sleeper: ReturnType<typeof startSleeper>;
    const dir = scratch("live");
    const lock = path.join(dir, "cdktf.out.lock");
    let before: Record<string, string> = {};
    beforeAll(() => {
      expect(runApp(dir).code).toBe(0);
      before = snapshot(out(dir));
      sleeper = startSleeper();
    });
    beforeEach(() => fs.writeFileSync(lock, `${sleeper.pid}\n`));
    afterAll(() => sleeper.stop());

    it("WHEN the bound passes THEN it said once that it waits, fails with exit 2 and the message, and wrote nothing", () => {
      const started = Date.now();
      const run = runApp(dir, [], { ...CONFIGS.B, EKS_CDKTF_LOCK_TIMEOUT: "0.4" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(run.code).toBe(2);
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines.filter((l) => l.startsWith("waiting"))).toEqual([`waiting for another synth (pid ${sleeper.pid}) to finish writing cdktf.out...`]);
      expect(lines.pop()).toBe(
        `error: another synth (pid ${sleeper.pid}) is still writing cdktf.out after 0.4 s; gave up, nothing was written. ` +
          "If no synth is running, delete cdktf.out.lock and run again (EKS_CDKTF_LOCK_TIMEOUT sets the wait, in seconds)",
      );
      expect(snapshot(out(dir))).toEqual(before);
      expect(outputSiblings(dir)).toEqual(["cdktf.out.lock"]);
      expect(fs.readFileSync(lock, "utf8")).toBe(`${sleeper.pid}\n`);
    });

    it("WHEN it is stopped (SIGTERM) while waiting THEN it ends by the signal and leaves the other's lock alone", async () => {
      const started = startApp(dir, [], { EKS_CDKTF_LOCK_TIMEOUT: "30" });
      await stderrShows(started, "waiting for another synth");
      started.child.kill("SIGTERM");
      const end = await started.done;
      expect([end.code, end.signal]).toEqual([null, "SIGTERM"]);
      expect(snapshot(out(dir))).toEqual(before);
      expect(fs.readFileSync(lock, "utf8")).toBe(`${sleeper.pid}\n`);
    });

    it("WHEN the holder finishes while it waits THEN it goes on and writes its output", async () => {
      const started = startApp(dir, [], { ...CONFIGS.B, EKS_CDKTF_LOCK_TIMEOUT: "30" });
      await stderrShows(started, "waiting for another synth");
      fs.unlinkSync(lock); // the holder releases it
      const end = await started.done;
      expect([end.code, end.stderr]).toEqual([0, expect.not.stringMatching(/^error/m)]);
      expect(whichOutput(readTree(out(dir)))).toBe("B");
      expect(outputSiblings(dir)).toEqual([]);
    });
  });
});

describe("leftovers and what is kept", () => {
  it("GIVEN leftovers of killed runs THEN the next run puts a moved-aside output back, removes dead runs' folders and keeps a live one's", async () => {
    const dir = scratch("leftovers");
    expect(runApp(dir).code).toBe(0);
    fs.writeFileSync(path.join(out(dir), "handoff", "simple-bank", "terraform.tfstate"), "state");
    const dead = deadPid();
    // killed between its two renames: the output moved aside, none in place; killed while writing: a temporary folder
    fs.renameSync(out(dir), path.join(dir, `.cdktf.out.old-${dead}-abcdefgh`));
    fs.mkdirSync(path.join(dir, `.cdktf.out.tmp-${dead}-deadbeef`, "stacks"), { recursive: true });
    fs.writeFileSync(path.join(dir, "cdktf.out.lock"), `${dead}\n`);
    const sleeper = startSleeper();
    const live = `.cdktf.out.tmp-${sleeper.pid}-livelive`;
    fs.mkdirSync(path.join(dir, live));
    try {
      const run = runApp(dir);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`note: restored cdktf.out from .cdktf.out.old-${dead}-abcdefgh, left by a run killed while swapping it`);
      // THEN the state of the restored output was carried into the new one
      expect(readTree(out(dir))).toEqual({ ...REFERENCE.A, "handoff/simple-bank/terraform.tfstate": "state" });
      expect(outputSiblings(dir)).toEqual([live]);
    } finally {
      await sleeper.stop();
    }
  });

  it("GIVEN Terraform's files in the output WHEN synthesized again THEN they are kept (hard links), and go with their cluster", () => {
    const dir = scratch("carry");
    expect(runApp(dir, [], CONFIGS.B).code).toBe(0);
    const stack = path.join(out(dir), "stacks", "simple-bank-dev");
    fs.mkdirSync(path.join(stack, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stack, ".terraform", "providers", "terraform-provider-aws"), "binary");
    fs.symlinkSync("terraform-provider-aws", path.join(stack, ".terraform", "providers", "link"));
    fs.writeFileSync(path.join(stack, ".terraform.lock.hcl"), "lock");
    fs.writeFileSync(path.join(stack, "cdk.tf"), "# written by an earlier `cdktf synth --hcl`: generated, not carried");
    const state = path.join(out(dir), "handoff", "simple-bank-prod", "terraform.tfstate");
    fs.writeFileSync(state, "state");
    const inode = fs.statSync(state).ino;

    // WHEN the same clusters are synthesized again
    expect(runApp(dir, [], CONFIGS.B).code).toBe(0);
    expect(readTree(out(dir))).toEqual({
      ...REFERENCE.B,
      "stacks/simple-bank-dev/.terraform/providers/terraform-provider-aws": "binary",
      "stacks/simple-bank-dev/.terraform/providers/link": "binary",
      "stacks/simple-bank-dev/.terraform.lock.hcl": "lock",
      "handoff/simple-bank-prod/terraform.tfstate": "state",
    });
    expect(fs.statSync(state).ino).toBe(inode);
    expect(fs.readlinkSync(path.join(stack, ".terraform", "providers", "link"))).toBe("terraform-provider-aws");

    // WHEN those clusters are no longer configured THEN their folders go, as the cdktf CLI does for stacks
    expect(runApp(dir, [], CONFIGS.A).code).toBe(0);
    expect(readTree(out(dir))).toEqual(REFERENCE.A);
  });

  it("GIVEN cdktf.out is a symlink to a folder elsewhere THEN the output is replaced there and the symlink stays", () => {
    const dir = scratch("symlink");
    const elsewhere = scratch("symlink-target");
    fs.mkdirSync(path.join(elsewhere, "real-out"));
    fs.symlinkSync(path.join(elsewhere, "real-out"), out(dir));
    expect(runApp(dir).code).toBe(0);
    expect(runApp(dir, [], CONFIGS.B).code).toBe(0);
    expect(fs.lstatSync(out(dir)).isSymbolicLink()).toBe(true);
    expect(whichOutput(readTree(path.join(elsewhere, "real-out")))).toBe("B");
    // the lock and the temporary folders live beside the real folder, and are gone
    expect([fs.readdirSync(dir), fs.readdirSync(elsewhere)]).toEqual([["cdktf.out"], ["real-out"]]);
  });

  const withProc = fs.existsSync("/proc/self/cwd") ? it : it.skip;
  withProc("GIVEN a process working in the output (a terraform apply) THEN its folder is kept aside until a later run finds it unused", async () => {
    const dir = scratch("inuse");
    expect(runApp(dir).code).toBe(0);
    const sleeper = startSleeper(path.join(out(dir), "stacks", "simple-bank"));
    try {
      const run = runApp(dir, [], CONFIGS.B);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`^note: kept the previous cdktf.out as \\.cdktf\\.out\\.retired-\\d+-\\w+: process ${sleeper.pid} works in it; a later run deletes it$`, "m"));
      const retired = outputSiblings(dir);
      expect(retired).toEqual([expect.stringMatching(/^\.cdktf\.out\.retired-/)]);
      // THEN the process's folder still exists, under the new name
      expect(fs.readlinkSync(`/proc/${sleeper.pid}/cwd`)).toBe(path.join(fs.realpathSync(dir), retired[0], "stacks", "simple-bank"));
      expect(whichOutput(readTree(out(dir)))).toBe("B");
    } finally {
      await sleeper.stop();
    }
    expect(runApp(dir, [], CONFIGS.B).code).toBe(0);
    expect(outputSiblings(dir)).toEqual([]);
  });

  withProc("GIVEN a process that wrote a file in the output after it was replaced (the state of an apply) THEN no later run deletes that file", async () => {
    // GIVEN a run whose previous output is kept aside because a process works in it
    const dir = scratch("inuse-state");
    expect(runApp(dir).code).toBe(0);
    const sleeper = startSleeper(path.join(out(dir), "stacks", "simple-bank"));
    let retired: string;
    try {
      expect(runApp(dir, [], CONFIGS.B).code).toBe(0);
      [retired] = outputSiblings(dir);
      // ... and the process writes its state there after the swap
      fs.writeFileSync(path.join(dir, retired, "stacks", "simple-bank", "terraform.tfstate"), '{"serial": 1}');
    } finally {
      await sleeper.stop();
    }
    // WHEN a later run finds the folder unused
    const run = runApp(dir, [], CONFIGS.B);
    // THEN the folder, and the state in it, are kept, and the note says why
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^note: kept \.cdktf\.out\.retired-\d+-\w+, a previous cdktf.out: it holds files written after it was replaced/m);
    expect(fs.readFileSync(path.join(dir, retired!, "stacks", "simple-bank", "terraform.tfstate"), "utf8")).toBe('{"serial": 1}');
  });
});
