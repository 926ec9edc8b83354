/**
 * What the entry points (`main.ts`: the app, `check.ts`: `npm run check`) do at their edge: the exit codes, and how
 * a failure reads. No stack trace reaches the terminal unless DEBUG=1, whatever the input.
 *
 * Kept free of cdktf and of the constructs, so a rejected configuration is reported without loading them.
 */
import { inspect } from "util";

/** The documented exit codes. */
export const ExitCode = {
  /** The app wrote its output; the check found no open finding. */
  Success: 0,
  /** The configuration does not pass: invalid (nothing written), or (`npm run check`) open findings. */
  Rejected: 1,
  /** Not the configuration's fault: the output could not be written (the message says why), or an internal error. */
  Failed: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure that is not a bug and not the configuration's fault (another synth holds the output, the
 * output path is not a folder...): printed as `error: <message>` and exit 2, without the internal-error text.
 */
export class Failure extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The longest first line of an error message shown (longer ones are cut, with `...`). */
const MAX_MESSAGE = 200;

/**
 * Escapes what a terminal would act on: control characters (ANSI escapes, carriage returns), line and paragraph
 * separators, and bidirectional overrides, as `\xNN` / `\uNNNN`.
 */
function escapeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A getter or a Proxy trap of a thrown value may throw in turn: never let that escape the report. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The class name of any thrown value: `RangeError`, `ConfigError`, `string`, `null`... */
export function errorClassName(error: unknown): string {
  if (error === null) return "null";
  if (typeof error !== "object" && typeof error !== "function") return typeof error;
  const name = attempt(() => {
    const ctor = (error as { constructor?: { name?: unknown } }).constructor;
    const fromCtor = typeof ctor === "function" && typeof ctor.name === "string" && ctor.name ? ctor.name : undefined;
    const fromName = error instanceof Error && typeof error.name === "string" ? error.name : undefined;
    return fromCtor ?? fromName ?? "Object";
  }, "Object");
  return escapeForTerminal(name).slice(0, 60);
}

/** The first non-empty line of the error's message, escaped and cut to MAX_MESSAGE characters. */
export function firstLineOf(error: unknown): string {
  const message = attempt(() => {
    if (error instanceof Error) return String(error.message);
    if (typeof error === "string") return error;
    return String(error);
  }, "(message unreadable)");
  const line = message.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  const chars = Array.from(escapeForTerminal(line.trim()));
  return chars.length > MAX_MESSAGE ? `${chars.slice(0, MAX_MESSAGE - 3).join("")}...` : chars.join("");
}

/** The one line printed for an internal error (a bug): class, first line of the message, what to do. */
export function internalErrorMessage(error: unknown): string {
  return (
    `error: internal error in eks-cdktf (${errorClassName(error)}: ${firstLineOf(error)}); this is a bug: ` +
    "please report it with the configuration that caused it. Run with DEBUG=1 for details."
  );
}

/** Whether details (stack traces) are wanted: DEBUG=1. */
export function debugWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DEBUG === "1";
}

/**
 * The report of a failure escaping an entry point and its exit code: a `Failure` as `error: <message>`, anything
 * else as an internal error. With DEBUG=1 the full error (stack, cause) follows.
 */
export function describeFailure(error: unknown, debug = debugWanted()): { text: string; code: ExitCode } {
  const expected = attempt(() => error instanceof Failure, false);
  const head = expected ? `error: ${escapeForTerminal((error as Failure).message)}` : internalErrorMessage(error);
  if (!debug) return { text: head, code: ExitCode.Failed };
  const details = attempt(() => inspect(error, { depth: 4 }), "(details unreadable)");
  return { text: `${head}\n${details}`, code: ExitCode.Failed };
}

/**
 * Runs an entry point's body and sets the process's exit code: what the body returns, or 2 with the short report
 * when it throws (synchronously, asynchronously, or from a stray callback).
 */
export function runEntryPoint(body: () => number | Promise<number>): Promise<void> {
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    let text: string;
    try {
      text = describeFailure(error).text;
    } catch {
      text = "error: internal error in eks-cdktf (the error could not be described); this is a bug: please report it.";
    }
    process.exitCode = ExitCode.Failed;
    try {
      console.error(text);
    } catch {
      // stderr is gone: the exit code still tells.
    }
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  return (async () => body())().then(
    (code) => {
      if (!failed) process.exitCode = code;
    },
    fail,
  );
}
