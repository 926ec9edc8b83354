/**
 * Writes an output folder (cdktf.out) whole or not at all, one writer at a time.
 *
 * - **Atomic.** The new output is built in a temporary folder beside the output (`.cdktf.out.tmp-<pid>-<random>`,
 *   same parent, so same filesystem) and swapped in with two rename(2) calls: `cdktf.out` -> `.cdktf.out.old-<pid>-
 *   <random>`, then the temporary folder -> `cdktf.out`. Linux cannot rename a folder over a non-empty one (and Node
 *   has no renameat2 exchange), so between those two calls, microseconds with nothing else in between, `cdktf.out`
 *   is missing. A run killed exactly there leaves `.cdktf.out.old-*` and no `cdktf.out`: the next run puts it back
 *   before anything else. Killed at any other moment, the previous output is untouched (or the new one complete).
 *   `cdktf.out` stays a real folder (not a symlink to a generation) so that git's `cdktf.out/` ignore rule, tar,
 *   CI artifact uploads, Docker `COPY` and the cdktf CLI see what they always saw.
 * - **Exclusive.** A lock file beside the output (`cdktf.out.lock`, created with O_EXCL, holding `<pid> <host>`)
 *   serializes runs. A run finding it held by a live process waits, polling every 100 ms, up to a bound (120 s;
 *   EKS_CDKTF_LOCK_TIMEOUT in seconds) and then fails; a lock whose process is dead is taken over. The lock is
 *   released in `finally`, on process exit and on SIGINT / SIGTERM / SIGHUP (which then end the process as the
 *   signal would). Taking over a stale lock renames it away and checks it was the one judged stale; a holder checks
 *   the lock is still its own (same inode) right before touching the output, so a lost race is noticed, not mixed.
 * - **Nothing of value lost.** Files the app did not write (Terraform's `.terraform/`, `.terraform.lock.hcl`, local
 *   state, plans, anything you put there) are carried into the new output by hard link (a copy where links fail),
 *   except in the per-cluster folders of clusters no longer configured, which go, as before.
 * - **Not pulled from under a running process.** The previous output is deleted only when no process works in it
 *   (current folder checked in /proc, where there is one): a `terraform apply` running in `cdktf.out/stacks/<x>` keeps
 *   its folder (renamed `.cdktf.out.retired-*`) until a later run finds it unused.
 * - **Leftovers** of killed runs (temporary folders whose pid is dead, previous outputs, stale locks) are removed by
 *   the next run, under the lock.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Failure } from "./entry-point";

/** A failure to write the output that is neither the configuration's fault nor a bug (exit 2, a clear message). */
export class OutputError extends Failure {}

/** Default bound on waiting for another run's lock. */
export const DEFAULT_LOCK_TIMEOUT_MS = 120_000;
/** How often a waiting run looks at the lock again. */
export const LOCK_POLL_MS = 100;
/** A lock file still empty (or unreadable garbage) after this long is stale: its creator died before writing its pid. */
const EMPTY_LOCK_GRACE_MS = 5_000;

/** The lock timeout from EKS_CDKTF_LOCK_TIMEOUT (seconds, decimals allowed), or the default. */
export function lockTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EKS_CDKTF_LOCK_TIMEOUT;
  if (raw === undefined || raw === "") return DEFAULT_LOCK_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new OutputError(`EKS_CDKTF_LOCK_TIMEOUT must be a number of seconds (0 or more), not ${JSON.stringify(raw)}; nothing was written`);
  }
  return Math.round(seconds * 1000);
}

/** Where a process is alive: `kill(pid, 0)` succeeds, or fails only for lack of permission. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Runs `fn`, ignoring "it is already gone" (another run, or a cleanup, got there first). */
function unlessGone(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (errno(error) !== "ENOENT") throw error;
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if (errno(error) === "ENOENT") return undefined;
    throw error;
  }
}

const randomSuffix = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");

// ---------------------------------------------------------------------------------------------------------------
// Cleanups run on SIGINT / SIGTERM / SIGHUP and on exit: release the lock, remove our temporary folder.

const cleanups = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // best effort: the next run removes what is left
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runCleanups();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // End as the signal would have: the parent sees a death by signal, not an exit code.
  process.kill(process.pid, signal);
}

function registerCleanup(cleanup: () => void): () => void {
  if (cleanups.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", runCleanups);
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) {
      for (const s of SIGNALS) process.removeListener(s, onSignal);
      process.removeListener("exit", runCleanups);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The lock

interface LockHolder {
  /** The holder's pid, when the file holds one. */
  readonly pid?: number;
  /** The holder's host name, when written (a pid on another host cannot be checked: such a lock counts as live). */
  readonly host?: string;
  readonly content: string;
  readonly ino: number;
  readonly ageMs: number;
}

function readHolder(file: string): LockHolder | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    if (errno(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    const content = fs.readFileSync(fd, "utf8");
    const match = /^\s*(\d+)(?:\s+(\S+))?/.exec(content);
    return { pid: match ? Number(match[1]) : undefined, host: match?.[2], content, ino: stat.ino, ageMs: Date.now() - stat.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

function isStale(holder: LockHolder): boolean {
  if (holder.pid === undefined) return holder.ageMs > EMPTY_LOCK_GRACE_MS;
  if (holder.host !== undefined && holder.host !== os.hostname()) return false;
  // Our own pid in a lock we are only now acquiring: left by an earlier process that had our pid (a container
  // restarted with the same pid and hostname), so nobody holds it.
  return holder.pid === process.pid || !processAlive(holder.pid);
}

/**
 * Removes a lock judged stale, only if it is still that lock: it is renamed to a name of our own first, then
 * compared; a fresh lock moved by mistake (another run broke the stale one and took the lock in between) is put
 * back. Should a third run have taken the free slot meanwhile, the fresh lock's owner notices at `stillHeld()`.
 */
function breakStaleLock(file: string, stale: LockHolder): void {
  const grave = `${file}.stale-${process.pid}-${randomSuffix()}`;
  try {
    fs.renameSync(file, grave);
  } catch (error) {
    if (errno(error) === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(grave);
  if (moved && (moved.ino !== stale.ino || moved.content !== stale.content)) {
    try {
      fs.linkSync(grave, file);
    } catch (error) {
      if (errno(error) !== "EEXIST") throw error;
    }
  }
  unlessGone(() => fs.unlinkSync(grave));
}

export interface LockOptions {
  /** Give up after this long (ms) with an OutputError. */
  readonly timeoutMs: number;
  /** Told once, when the lock is held by a live process and this run starts waiting. */
  readonly onWait?: (holderPid: number) => void;
  /** What the error message calls the output (as the user named it). */
  readonly outputName: string;
}

/** The lock of one output folder, held by this process. */
export class OutputLock {
  private released = false;
  private readonly unregister: () => void;

  private constructor(
    /** The lock file's path. */
    readonly file: string,
    private readonly fd: number,
  ) {
    this.unregister = registerCleanup(() => this.release());
  }

  /** Takes the lock: at once, after taking over a stale one, or after waiting for a live holder (async, polling). */
  static async acquire(file: string, options: LockOptions): Promise<OutputLock> {
    const deadline = Date.now() + options.timeoutMs;
    let announced = false;
    for (;;) {
      const fd = OutputLock.tryCreate(file);
      if (fd !== undefined) return new OutputLock(file, fd);
      const holder = readHolder(file);
      if (!holder) continue; // released between our attempt and the read: try again at once
      if (isStale(holder)) {
        breakStaleLock(file, holder);
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder.pid !== undefined ? `another synth (pid ${holder.pid})` : "another synth";
        throw new OutputError(
          `${who} is still writing ${options.outputName} after ${Math.round(options.timeoutMs / 100) / 10} s; gave up, nothing was written. ` +
            `If no synth is running, delete ${options.outputName}.lock and run again (EKS_CDKTF_LOCK_TIMEOUT sets the wait, in seconds)`,
        );
      }
      if (holder.pid === undefined) {
        // Created a moment ago and its pid not written yet (or garbage, stale after EMPTY_LOCK_GRACE_MS): look again.
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      if (!announced) {
        announced = true;
        options.onWait?.(holder.pid);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(LOCK_POLL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  /** Creates the lock file exclusively with our pid and host; undefined when it exists. */
  private static tryCreate(file: string): number | undefined {
    let fd: number;
    try {
      fd = fs.openSync(file, "wx");
    } catch (error) {
      if (errno(error) === "EEXIST") return undefined;
      throw error;
    }
    try {
      fs.writeSync(fd, `${process.pid} ${os.hostname()}\n`);
    } catch (error) {
      fs.closeSync(fd);
      unlessGone(() => fs.unlinkSync(file));
      throw error;
    }
    return fd;
  }

  /** True while the lock file at the path is still the one this process created. */
  stillHeld(): boolean {
    if (this.released) return false;
    try {
      const ours = fs.fstatSync(this.fd);
      const there = fs.statSync(this.file);
      return ours.ino === there.ino && ours.dev === there.dev;
    } catch {
      return false;
    }
  }

  /** Releases the lock (removes the file if it is still ours). Safe to call twice. */
  release(): void {
    if (this.released) return;
    const ours = this.stillHeld();
    this.released = true;
    if (ours) unlessGone(() => fs.unlinkSync(this.file));
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    this.unregister();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Which processes work in a folder

/**
 * Pids whose current folder is `dir` or below it, from /proc (Linux); none where /proc is missing. Processes of
 * other users are not readable and not seen.
 */
export function processesWorkingIn(dir: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + path.sep)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Carrying over what the app does not write

export interface CarryOverPolicy {
  /**
   * Folders (relative to the output) whose child folders belong to one run: a child the new output lacks is not
   * carried over (e.g. `stacks` and `handoff`: the folders of clusters no longer configured go).
   */
  readonly replacedFolders?: readonly string[];
  /** Relative paths the app writes: never carried over, even when this run does not write them. */
  readonly isGenerated?: (relativePath: string) => boolean;
  /** Dropped child folders (relative path) to leave as an empty folder in the new output. */
  readonly placeholder?: (relativePath: string) => boolean;
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (errno(error) === "EEXIST") return;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  }
}

/** Brings the files of `from` that `to` lacks (and the policy keeps) into `to`, by hard link. */
export function carryOver(from: string, to: string, policy: CarryOverPolicy, relative = ""): void {
  const replaced = new Set(policy.replacedFolders ?? []);
  for (const entry of fs.readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const rel = relative ? path.join(relative, entry.name) : entry.name;
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    const existing = lstatOrUndefined(target);
    if (entry.isDirectory()) {
      if (!existing) {
        if (replaced.has(relative)) {
          if (policy.placeholder?.(rel)) fs.mkdirSync(target);
          continue;
        }
        fs.mkdirSync(target);
        fs.chmodSync(target, fs.statSync(source).mode & 0o7777);
      } else if (!existing.isDirectory()) continue;
      carryOver(from, to, policy, rel);
    } else if (!existing && !policy.isGenerated?.(rel)) {
      if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
      else if (entry.isFile()) linkOrCopy(source, target);
      // sockets, FIFOs and devices are not carried
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The output folder

export interface WriteOutputOptions extends CarryOverPolicy {
  /** Bound on waiting for another run (ms); default from EKS_CDKTF_LOCK_TIMEOUT, else 120 s. */
  readonly lockTimeoutMs?: number;
  /** Where notes go (the waiting line, a kept previous output); default stderr. */
  readonly log?: (line: string) => void;
}

/** The real path of the output folder (through a symlink to it), and the names of its siblings. */
export class OutputPaths {
  readonly dir: string;
  readonly parent: string;
  readonly base: string;

  constructor(
    /** The output as the user named it: `cdktf.out`, or CDKTF_OUTDIR. */
    readonly name: string,
  ) {
    // Physical paths: a symlinked output is written where it points; /proc shows processes' folders physically.
    let dir = path.resolve(name);
    if (lstatOrUndefined(dir)?.isSymbolicLink()) {
      try {
        dir = fs.realpathSync(dir);
      } catch {
        // a dangling symlink: replaced by the new output
      }
    }
    this.base = path.basename(dir);
    this.parent = fs.realpathSync(path.dirname(dir));
    this.dir = path.join(this.parent, this.base);
  }

  get lock(): string {
    return path.join(this.parent, `${this.base}.lock`);
  }

  /** A sibling `.<base>.<kind>-<pid>-<random>`: tmp (being written), old (being swapped out), retired (kept: in use). */
  sibling(kind: "tmp" | "old" | "retired"): string {
    return path.join(this.parent, `.${this.base}.${kind}-${process.pid}-${randomSuffix()}`);
  }

  /** The siblings of a kind left by earlier runs, with the pid in their name (`stale`: a lock being taken over). */
  siblings(kind: "tmp" | "old" | "retired" | "stale"): { path: string; pid: number }[] {
    const base = this.base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(kind === "stale" ? `^${base}\\.lock\\.stale-(\\d+)-[a-z0-9]+$` : `^\\.${base}\\.${kind}-(\\d+)-[a-z0-9]+$`);
    let names: string[];
    try {
      names = fs.readdirSync(this.parent);
    } catch (error) {
      if (errno(error) === "ENOENT") return [];
      throw error;
    }
    return names.flatMap((n) => {
      const match = pattern.exec(n);
      return match ? [{ path: path.join(this.parent, n), pid: Number(match[1]) }] : [];
    });
  }
}

function assertFolderOrMissing(paths: OutputPaths): void {
  const stat = lstatOrUndefined(paths.dir);
  if (stat && !stat.isDirectory()) {
    throw new OutputError(`${paths.name} exists and is not a folder; nothing was written. Move it away: the output is written there`);
  }
}

/**
 * True when `from` holds a file the app did not write that `to` lacks or holds as another file (another inode): one
 * written after `from` stopped being the output, such as the state of a `terraform apply` that ran in it.
 */
function holdsFilesOfItsOwn(from: string, to: string, policy: CarryOverPolicy, relative = ""): boolean {
  for (const entry of fs.readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const rel = relative ? path.join(relative, entry.name) : entry.name;
    if (entry.isDirectory()) {
      if (holdsFilesOfItsOwn(from, to, policy, rel)) return true;
    } else if (entry.isFile() && !policy.isGenerated?.(rel)) {
      const mine = fs.statSync(path.join(from, rel));
      const theirs = lstatOrUndefined(path.join(to, rel));
      if (!theirs || theirs.ino !== mine.ino || theirs.dev !== mine.dev) return true;
    }
  }
  return false;
}

/**
 * Deletes a previous output, or (when a process works in it) renames it `.retired-*` for a later run to delete. A
 * retired output no process works in any more is deleted only when every file in it that the app did not write is
 * also in the current output (the same file, by hard link): a file written there after the swap (say the state of an
 * apply that was running in it) is never deleted; the folder is kept and a note says so.
 */
function retire(paths: OutputPaths, previous: string, log: (line: string) => void, policy: CarryOverPolicy = {}): void {
  const users = processesWorkingIn(previous);
  const retiredBefore = path.basename(previous).startsWith(`.${paths.base}.retired-`);
  if (users.length === 0) {
    if (retiredBefore && holdsFilesOfItsOwn(previous, paths.dir, policy)) {
      log(
        `note: kept ${path.basename(previous)}, a previous ${paths.name}: it holds files written after it was replaced ` +
          "(such as the state of a terraform run in it); move what you need into the output, then delete it",
      );
      return;
    }
    fs.rmSync(previous, { recursive: true, force: true });
    return;
  }
  if (!retiredBefore) {
    const retired = paths.sibling("retired");
    fs.renameSync(previous, retired);
    log(`note: kept the previous ${paths.name} as ${path.basename(retired)}: process ${users.join(", ")} works in it; a later run deletes it`);
  }
}

/**
 * Under the lock, before anything else: puts back an output a killed run had moved aside (`cdktf.out` missing,
 * `.cdktf.out.old-*` present), and removes what killed runs left: temporary folders of dead pids, previous outputs
 * no process works in.
 */
export function recoverLeftovers(paths: OutputPaths, log: (line: string) => void = () => undefined, policy: CarryOverPolicy = {}): void {
  const olds = paths.siblings("old");
  if (!lstatOrUndefined(paths.dir) && olds.length > 0) {
    // One at most in practice (swaps are serialized); the latest renamed, should there be more.
    const latest = olds.map((o) => ({ ...o, ctime: fs.lstatSync(o.path).ctimeMs })).sort((a, b) => b.ctime - a.ctime)[0];
    fs.renameSync(latest.path, paths.dir);
    log(`note: restored ${paths.name} from ${path.basename(latest.path)}, left by a run killed while swapping it`);
  }
  for (const leftover of [...paths.siblings("tmp"), ...paths.siblings("stale")]) {
    if (leftover.pid !== process.pid && !processAlive(leftover.pid)) fs.rmSync(leftover.path, { recursive: true, force: true });
  }
  for (const previous of [...paths.siblings("old"), ...paths.siblings("retired")]) {
    if (lstatOrUndefined(previous.path)) retire(paths, previous.path, log, policy);
  }
}

/** Removes a folder when the process ends before it is handed over (on SIGINT / SIGTERM / SIGHUP and exit). */
function temporaryFolder(dir: string): { dispose: () => void; keep: () => void } {
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const unregister = registerCleanup(remove);
  return {
    dispose: () => {
      unregister();
      remove();
    },
    keep: unregister,
  };
}

/**
 * Writes the output folder `outputName` (relative to the current folder, or absolute) atomically and exclusively:
 * `build(dir)` writes the complete new output into a fresh temporary folder, which then replaces the output whole
 * (files the app did not write carried over, as the policy says). Throws OutputError for a lock held too long or
 * an output path that is not a folder; whatever `build` throws, after removing the temporary folder.
 */
export async function writeOutputAtomically(outputName: string, build: (dir: string) => void, options: WriteOutputOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.error(line));
  const timeoutMs = options.lockTimeoutMs ?? lockTimeoutFromEnv();
  fs.mkdirSync(path.dirname(path.resolve(outputName)), { recursive: true });
  const paths = new OutputPaths(outputName);
  assertFolderOrMissing(paths);
  const cwd = process.cwd();
  if (cwd === paths.dir || cwd.startsWith(paths.dir + path.sep) || paths.dir === paths.parent) {
    throw new OutputError(`${outputName} is the current folder or one above it; nothing was written. Name a folder of its own (CDKTF_OUTDIR)`);
  }

  const lockOptions: LockOptions = {
    timeoutMs,
    outputName,
    onWait: (pid) => log(`waiting for another synth (pid ${pid}) to finish writing ${outputName}...`),
  };
  let lock = await OutputLock.acquire(paths.lock, lockOptions);
  let tmp: ReturnType<typeof temporaryFolder> | undefined;
  try {
    const dir = paths.sibling("tmp");
    fs.mkdirSync(dir);
    tmp = temporaryFolder(dir);
    build(dir);

    // The output is touched only by the lock's holder: check we still are (a stale-lock race is noticed here).
    while (!lock.stillHeld()) {
      lock.release();
      lock = await OutputLock.acquire(paths.lock, lockOptions);
    }
    recoverLeftovers(paths, log, options);
    assertFolderOrMissing(paths);

    if (!lstatOrUndefined(paths.dir)) {
      fs.renameSync(dir, paths.dir);
      tmp.keep();
      tmp = undefined;
      return;
    }
    carryOver(paths.dir, dir, options);
    fs.chmodSync(dir, fs.statSync(paths.dir).mode & 0o7777); // the output keeps its permissions
    const previous = paths.sibling("old");
    fs.renameSync(paths.dir, previous);
    fs.renameSync(dir, paths.dir); // between these two renames (microseconds) the output is missing: see the header
    tmp.keep();
    tmp = undefined;
    retire(paths, previous, log, options);
  } finally {
    tmp?.dispose();
    lock.release();
  }
}
