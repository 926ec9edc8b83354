/**
 * Address stability (issue 16, part 5): the Terraform addresses a stack produces, a record of them per example, and
 * the comparison that fails when one changes.
 *
 * An address (`aws_eks_cluster.cluster`, `aws_iam_role.node_role_simple-bank-eks-node`) is the key of a real resource
 * in every user's Terraform state. Rename it (a construct ID, a naming rule in src/config/names.ts, a construct moved
 * under another parent: see ReadableStack) and Terraform plans to destroy the real resource and create a new one,
 * unless a `moved` block says where it went. These helpers read no cdktf: they work on the synthesized Terraform JSON
 * (cdk.tf.json's document), so the suite, `npm run record-addresses` and a one-off history check read it alike.
 */
import { editDistance } from "../src/config/schema-parts";
import * as fs from "fs";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { ClusterConfig } from "../src/config/schema";

/** A `moved` block: Terraform moves the state at `from` to `to` instead of destroying and creating. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/** What a stack declares at its addresses: resources and data sources, and the `moved` blocks it ships. */
export interface StackAddresses {
  /** Resource (`type.name`) and data source (`data.type.name`) addresses, sorted. */
  readonly addresses: readonly string[];
  /** `moved` blocks (cdktf writes one for `resource.moveFromId(...)` / `moveToId(...)`), sorted by `from`. */
  readonly moved: readonly MovedBlock[];
}

type Blocks = Record<string, Record<string, unknown>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Code-unit order: the same on every machine and locale (localeCompare is neither). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The addresses of a synthesized stack: `document` is cdk.tf.json's content, parsed, or its text. Outputs, providers,
 * variables and locals are no resources and are left out; `"//"` keys (cdktf's metadata) are skipped.
 */
export function addressesOf(document: string | Record<string, unknown>): StackAddresses {
  const tf = typeof document === "string" ? (JSON.parse(document) as Record<string, unknown>) : document;
  const addresses: string[] = [];
  const collect = (blocks: unknown, prefix: string): void => {
    if (!isObject(blocks)) return;
    for (const [type, byName] of Object.entries(blocks as Blocks)) {
      if (type === "//" || !isObject(byName)) continue;
      for (const name of Object.keys(byName)) if (name !== "//") addresses.push(`${prefix}${type}.${name}`);
    }
  };
  collect(tf.resource, "");
  collect(tf.data, "data.");
  const moved = (Array.isArray(tf.moved) ? tf.moved : [])
    .filter((m): m is MovedBlock => isObject(m) && typeof m.from === "string" && typeof m.to === "string")
    .map(({ from, to }) => ({ from, to }));
  return {
    addresses: addresses.sort(byCodeUnits),
    moved: moved.sort((a, b) => byCodeUnits(a.from, b.from) || byCodeUnits(a.to, b.to)),
  };
}

const MOVED_LINE = /^moved (\S+) -> (\S+)$/;

/**
 * A record file's text: a header of `#` lines, one address per line (sorted), then one line per `moved` block,
 * `moved <from> -> <to>`. Readable in a diff: a renamed address is one line out and one in.
 */
export function formatRecord(what: string, stack: StackAddresses): string {
  return [
    `# Terraform addresses of ${what}: the keys of real resources in users' state.`,
    "# Checked by __tests__/address-stability.test.ts; rewritten by `npm run record-addresses`.",
    ...stack.addresses,
    ...stack.moved.map((m) => `moved ${m.from} -> ${m.to}`),
    "",
  ].join("\n");
}

/** A record file's text read back (`formatRecord`'s inverse): `#` lines and blank lines are comments. */
export function parseRecord(text: string): StackAddresses {
  const addresses: string[] = [];
  const moved: MovedBlock[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const move = MOVED_LINE.exec(line);
    if (move) moved.push({ from: move[1], to: move[2] });
    else if (line.startsWith("moved ")) throw new Error(`unreadable record line: ${line} (expected "moved <from> -> <to>")`);
    else addresses.push(line);
  }
  return { addresses, moved };
}

/** `aws_iam_role` of `aws_iam_role.x`, `data.aws_vpc` of `data.aws_vpc.x`: the part before the name. */
function kindOf(address: string): string {
  return address.slice(0, address.lastIndexOf("."));
}

function nameOf(address: string): string {
  return address.slice(address.lastIndexOf(".") + 1);
}


/**
 * The new address `gone` looks renamed to: among `candidates` (addresses that are new), those of the same type, the
 * one with the closest name, when exactly one is closest; undefined otherwise (Terraform cannot move a resource to
 * another type, so none of those is a rename).
 */
export function likelyRename(gone: string, candidates: readonly string[]): string | undefined {
  const sameKind = candidates.filter((c) => kindOf(c) === kindOf(gone));
  if (sameKind.length <= 1) return sameKind[0];
  const scored = sameKind.map((c) => ({ c, d: editDistance(nameOf(gone), nameOf(c)) })).sort((x, y) => x.d - y.d);
  return scored[0].d < scored[1].d ? scored[0].c : undefined;
}

/** The outcome of comparing a record with what a stack produces now. */
export interface AddressComparison {
  /** Recorded resource addresses gone without a `moved` block: each a real resource Terraform would destroy. */
  readonly destroyed: readonly string[];
  /** `moved` blocks that are wrong: Terraform would refuse the plan. */
  readonly badMoves: readonly string[];
  /** Differences that destroy nothing but leave the record incomplete: re-record. */
  readonly harmless: readonly string[];
  /** The failure message, or undefined when the record matches exactly. */
  readonly message: string | undefined;
}

/**
 * Compares the recorded addresses of `example` (a label for messages: `default`, `multi-env.simple-bank-dev`) with
 * the ones produced now.
 *
 * - A recorded resource address that is gone, and not covered by a `moved` block from it to an address that exists,
 *   is a real resource Terraform would destroy (and create again at its new address): the message says how to keep it.
 * - A `moved` block whose `from` is still produced, whose `to` is not, or that changes the resource type is an error
 *   Terraform reports at plan time.
 * - A recorded `moved` block that is gone is reported: a user who has not applied since it was added would lose the
 *   resource.
 * - New addresses, a covered rename and a data source gone or new destroy nothing (a data source is only read): they
 *   are reported as harmless, to re-record so that the record stays complete.
 */
export function compareAddresses(example: string, recorded: StackAddresses, current: StackAddresses): AddressComparison {
  const now = new Set(current.addresses);
  const before = new Set(recorded.addresses);
  const added = current.addresses.filter((a) => !before.has(a));
  const movedFrom = new Map(current.moved.map((m) => [m.from, m]));
  const destroyed: string[] = [];
  const badMoves: string[] = [];
  const harmless: string[] = [];
  const destroyMessages: string[] = [];

  for (const address of recorded.addresses) {
    if (now.has(address)) continue;
    if (address.startsWith("data.")) {
      harmless.push(`${address} (example ${example}) is no longer read: a data source holds no real resource, so nothing is destroyed.`);
      continue;
    }
    const move = movedFrom.get(address);
    if (move && now.has(move.to) && kindOf(move.to) === kindOf(address)) {
      harmless.push(`${address} (example ${example}) moved to ${move.to} by a moved block: Terraform keeps the real resource.`);
      continue;
    }
    destroyed.push(address);
    const target = likelyRename(address, added);
    const to = target ?? "its new address";
    destroyMessages.push(
      `${address} (example ${example}) is no longer produced. Terraform would destroy the real resource and create a new one at ${to}. ` +
        `If you renamed a construct id, keep the old id, or ship a moved block: \`resource.moveFromId("${address}")\` in the construct ` +
        `(cdktf writes \`moved { from = ${address} to = ${target ?? "<new address>"} }\`), then re-record with \`npm run record-addresses\`. ` +
        "If the resource is removed on purpose (users' real one is to be destroyed), re-record and say so in the change.",
    );
  }

  for (const m of current.moved) {
    const label = `moved { from = ${m.from} to = ${m.to} } (example ${example})`;
    if (now.has(m.from)) badMoves.push(`${label}: ${m.from} is still produced; Terraform refuses a moved block whose from is in use ("Moved object still exists"). Move from an address nothing uses any more.`);
    if (!now.has(m.to)) badMoves.push(`${label}: ${m.to} is not produced; the move has no target. Name the address the resource has now.`);
    if (kindOf(m.from) !== kindOf(m.to)) {
      badMoves.push(`${label}: moves between resource types; Terraform 1.11 accepts that only where the provider supports the pair, which hashicorp/aws does for almost none. Keep the type, or import the resource instead.`);
    }
    if (m.from.startsWith("data.") || m.to.startsWith("data.")) badMoves.push(`${label}: data sources cannot be moved (they hold no state to keep); drop the block.`);
  }

  const movesNow = new Set(current.moved.map((m) => `${m.from} -> ${m.to}`));
  for (const m of recorded.moved) {
    if (!movesNow.has(`${m.from} -> ${m.to}`)) {
      destroyed.push(m.from);
      destroyMessages.push(
        `moved { from = ${m.from} to = ${m.to} } (example ${example}) is no longer shipped. A user who has not applied since it was added ` +
          `still has ${m.from} in state, and Terraform would destroy that real resource. Keep the \`moveFromId("${m.from}")\` call; ` +
          "drop it only when every deployment has applied it, then re-record with `npm run record-addresses`.",
      );
    }
  }

  for (const address of added) {
    const covered = current.moved.some((m) => m.to === address);
    harmless.push(
      `${address} (example ${example}) is new${covered ? " (the target of a moved block)" : ""}: harmless, but not in the record yet; re-record with \`npm run record-addresses\` so the record stays complete.`,
    );
  }
  const recordedMoves = new Set(recorded.moved.map((m) => `${m.from} -> ${m.to}`));
  for (const m of current.moved) {
    if (!recordedMoves.has(`${m.from} -> ${m.to}`)) harmless.push(`moved { from = ${m.from} to = ${m.to} } (example ${example}) is new: re-record with \`npm run record-addresses\` so the record keeps it.`);
  }

  const sections: string[] = [];
  if (destroyMessages.length > 0) {
    sections.push(
      `Terraform addresses changed: renaming an address destroys real resources in every deployment of example ${example}.\n` +
        destroyMessages.map((m) => `  - ${m}`).join("\n"),
    );
  }
  if (badMoves.length > 0) sections.push(`Invalid moved blocks (Terraform would refuse the plan):\n${badMoves.map((m) => `  - ${m}`).join("\n")}`);
  if (harmless.length > 0) sections.push(`Record incomplete (destroys nothing):\n${harmless.map((m) => `  - ${m}`).join("\n")}`);
  return { destroyed, badMoves, harmless, message: sections.length > 0 ? sections.join("\n\n") : undefined };
}

/** One stack whose addresses are recorded: the record file's name (without `.txt`), what it is, and its cluster. */
export interface RecordedStack {
  readonly record: string;
  readonly what: string;
  readonly cluster: ClusterConfig;
}

/** The project folder, from test-support/ (the suite) or dist/test-support/ (the compiled record script). */
export const ROOT = path.basename(path.dirname(__dirname)) === "dist" ? path.resolve(__dirname, "..", "..") : path.resolve(__dirname, "..");
export const EXAMPLES_DIR = path.join(ROOT, "examples");
export const RECORDS_DIR = path.join(ROOT, "test-support", "addresses");

/**
 * Every stack the project documents: the embedded default (`default`) and each cluster of each `examples/*.yaml`:
 * `<example>` for a one-cluster file, `<example>.<cluster name>` for each cluster of a multi-cluster one.
 */
export function recordedStacks(): RecordedStack[] {
  const stacks: RecordedStack[] = loadClusters(undefined).clusters.map((cluster) => ({ record: "default", what: "the embedded default", cluster }));
  const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml")).sort(byCodeUnits);
  for (const file of files) {
    const example = file.slice(0, -".yaml".length);
    const { clusters } = loadClusters(path.join(EXAMPLES_DIR, file));
    for (const cluster of clusters) {
      stacks.push(
        clusters.length === 1
          ? { record: example, what: `examples/${file}`, cluster }
          : { record: `${example}.${cluster.name}`, what: `examples/${file}, stack ${cluster.name}`, cluster },
      );
    }
  }
  return stacks;
}

export function recordPath(record: string): string {
  return path.join(RECORDS_DIR, `${record}.txt`);
}
