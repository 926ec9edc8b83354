/**
 * User values made safe to print on a terminal: no control characters, ANSI escapes, bidi overrides, line or
 * paragraph separators or other invisible format characters reach the screen as themselves (they are shown as
 * `\uXXXX`), and long values are cut.
 */

/** Control (Cc), format (Cf: bidi, zero-width, BOM), line and paragraph separators, lone surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** `text` with every unsafe character as `\uXXXX`, cut to about `max` characters with "...". */
export function printable(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, Math.max(0, max - 3))}...` : text;
  return cut.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
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
    else if (typeof v === "string") write(JSON.stringify(v.length > budget ? v.slice(0, budget) : v));
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
        write(`${JSON.stringify(key.length > budget ? key.slice(0, budget) : key)}:`);
        walk((v as Record<string, unknown>)[key], depth + 1);
      }
      write("}");
    } else write(String(v));
  };
  walk(value, 0);
  return printable(out, max);
}
