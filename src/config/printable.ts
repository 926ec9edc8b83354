/**
 * User values made safe to print on a terminal: no control characters, ANSI escapes, bidi overrides, line or
 * paragraph separators, unusual spaces or other invisible characters reach the screen as themselves (they are
 * shown as `\uXXXX`), and long values are cut.
 */

const UNSAFE_CHAR =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Cn}\u00a0\u034f\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200a\u202f\u205f\u3000\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/u;

/**
 * User text made safe to print in a terminal: control characters (C0, C1, DEL), bidi controls, line and paragraph
 * separators, other invisible format characters, unusual spaces and lone surrogates are written as `\uXXXX`; text
 * longer than `max` characters (after escaping) is cut and ends in "...".
 */
export function printable(text: string, max = 120): string {
  let out = "";
  for (const ch of text) {
    let piece = ch;
    if (UNSAFE_CHAR.test(ch)) {
      piece = "";
      for (let k = 0; k < ch.length; k++) piece += `\\u${ch.charCodeAt(k).toString(16).toUpperCase().padStart(4, "0")}`;
    }
    if (out.length + piece.length > max) return `${out}...`;
    out += piece;
  }
  return out;
}

/** A string in double quotes with `"` and `\` escaped; `printable` escapes the rest (as \uXXXX, one way for all). */
function quote(text: string): string {
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * A value as JSON-like text for a message, built only up to `max` characters (a megabyte value costs no more than
 * a short one): numbers JSON cannot write are shown as `Infinity`, `-Infinity`, `NaN`; missing values as `(missing)`.
 */
export function preview(value: unknown, max = 120): string {
  if (value === undefined) return "(missing)";
  let out = "";
  const budget = max + 1;
  const write = (text: string) => {
    if (out.length < budget) out += text.slice(0, budget - out.length);
  };
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= budget) return;
    if (typeof v === "number") write(Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : String(v)) : String(v));
    else if (typeof v === "string") write(quote(v.length > budget ? v.slice(0, budget) : v));
    else if (v === null || typeof v === "boolean") write(String(v));
    else if (Array.isArray(v)) {
      if (depth > 20) return write("[...]");
      write("[");
      for (let i = 0; i < v.length && out.length < budget; i++) {
        if (i > 0) write(",");
        walk(v[i], depth + 1);
      }
      write("]");
    } else if (typeof v === "object") {
      if (depth > 20) return write("{...}");
      write("{");
      let first = true;
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        if (out.length >= budget) break;
        if (!first) write(",");
        first = false;
        write(`${quote(key.length > budget ? key.slice(0, budget) : key)}:`);
        walk((v as Record<string, unknown>)[key], depth + 1);
      }
      write("}");
    } else write(String(v));
  };
  walk(value, 0);
  return printable(out, max);
}
