/**
 * Formats the HCL cdktf renders (one attribute, block edge or list item per line) the way `terraform fmt` does:
 * two-space indentation by nesting depth, `=` aligned across runs of single-line attributes, and inline object braces
 * spaced (`{ "a" = 1 }`). It replaces cdktf's WebAssembly formatter, which costs ~0.45 s to start on every synth; the
 * contract tests run `terraform fmt -check` on every hand-off it writes.
 */

/** What a line does to the nesting depth, looking only at code (not at strings or interpolations in them). */
function scan(line: string): { leadingClosers: number; net: number } {
  let net = 0;
  let leadingClosers = 0;
  let leading = true;
  // A stack of contexts: inside a string, or inside an interpolation (with its own brace count).
  const contexts: ({ kind: "string" } | { kind: "interpolation"; braces: number })[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const top = contexts[contexts.length - 1];
    if (top?.kind === "string") {
      if (ch === "\\") i++;
      else if (ch === '"') contexts.pop();
      else if ((ch === "$" || ch === "%") && line[i + 1] === "{" && line[i - 1] !== ch) {
        contexts.push({ kind: "interpolation", braces: 0 });
        i++;
      }
      continue;
    }
    if (ch === '"') {
      contexts.push({ kind: "string" });
      leading = false;
      continue;
    }
    if (top?.kind === "interpolation") {
      if (ch === "{") top.braces++;
      else if (ch === "}" && top.braces-- === 0) contexts.pop();
      continue;
    }
    if ("{[(".includes(ch)) net++;
    else if ("}])".includes(ch)) {
      net--;
      if (leading) leadingClosers++;
    }
    if (ch !== " " && !"}])".includes(ch)) leading = false;
  }
  return { leadingClosers, net };
}

/** `{ a = 1 }` for an object opened and closed on one line, outside strings. */
function spaceInlineBraces(line: string): string {
  let out = "";
  let inString = false;
  let interpolation = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString && interpolation === 0) {
      out += ch;
      if (ch === "\\") out += line[++i] ?? "";
      else if (ch === '"') inString = false;
      else if (ch === "$" && line[i + 1] === "{") {
        out += line[++i];
        interpolation = 1;
      }
      continue;
    }
    if (interpolation > 0) {
      out += ch;
      if (ch === "{") interpolation++;
      else if (ch === "}") interpolation--;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === "{" && i + 1 < line.length && line[i + 1] !== " " && line[i + 1] !== "}") out += "{ ";
    else if (ch === "}" && out.length > 0 && !out.endsWith(" ") && !out.endsWith("{")) out += " }";
    else out += ch;
  }
  return out;
}

/** Made on first use: creating a segmenter costs ~15 ms, and most names are ASCII. */
let graphemes: Intl.Segmenter | undefined;

/** The width `terraform fmt` gives a name when it aligns `=`: its grapheme clusters (`"é"` with a combining accent is 3). */
export function columns(name: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(name)) return name.length;
  graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return [...graphemes.segment(name)].length;
}

const ATTRIBUTE = /^("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*)\s*=\s*(.*)$/;

export function formatHcl(hcl: string): string {
  const lines = hcl.split("\n").map((l) => l.trim());
  const out: string[] = [];
  let depth = 0;
  // A run of single-line attributes at one depth, waiting for its `=` to be aligned.
  let run: { indent: string; name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => columns(a.name)));
    for (const a of run) out.push(`${a.indent}${a.name}${" ".repeat(width - columns(a.name))} = ${a.value}`);
    run = [];
  };

  for (const raw of lines) {
    if (raw === "") {
      flush();
      out.push("");
      continue;
    }
    const line = spaceInlineBraces(raw);
    const { leadingClosers, net } = scan(line);
    const indent = "  ".repeat(Math.max(0, depth - leadingClosers));
    const attribute = ATTRIBUTE.exec(line);
    if (attribute && net === 0 && !line.startsWith("#")) {
      if (run.length > 0 && run[0].indent !== indent) flush();
      run.push({ indent, name: attribute[1], value: attribute[2] });
    } else {
      flush();
      out.push(attribute ? `${indent}${attribute[1]} = ${attribute[2]}` : `${indent}${line}`);
    }
    depth += net;
  }
  flush();
  return out.join("\n");
}
