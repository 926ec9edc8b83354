import { IResolvable, IResolveContext, Token } from "cdktf";
import { hclEscape, terraformLiteral } from "../config/names";

/**
 * Literal text as a Terraform expression, a quoted HCL string, for the places where cdktf writes expressions rather
 * than strings: the arguments of `Fn.*` calls (e.g. inside `Fn.jsonencode({...})`). There cdktf escapes a plain
 * string by rules of its own (`${` only: not `"`, `\`, `%{`, nor its own token markers), so a plain string would
 * come out wrong; this token resolves to the text as `terraformLiteral` writes it for HCL, in quotes, which reads the
 * same inside a JSON template and in HCL.
 */
export function terraformStringExpression(text: string): string {
  const expression = `"${terraformLiteral(text, "hcl")}"`;
  const resolvable: IResolvable = { creationStack: [], resolve: () => expression, toString: () => expression };
  return Token.asString(resolvable);
}

/** cdktf 0.21's marker of a string token (lib/tokens/private/encoding.js). */
const STRING_TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;
/** What `terraformLiteral` inserts to split a cdktf marker in user text: kept as the interpolation it is. */
const EMPTY_INTERPOLATION = /(\$\{""\})/;

/**
 * A Terraform string (template) as an HCL quoted template, resolved in `context`: literal parts escaped for a quoted
 * string (`\`, `"`, newlines and other control characters; `$${` and `%%{` stay the template escapes they are), each
 * cdktf token as `${<expression>}`, and `terraformLiteral`'s empty interpolations kept. For expressions cdktf cannot
 * write itself: a template inside a `Fn.*` call, an object key holding a reference.
 */
export function hclTemplate(context: IResolveContext, text: string): string {
  return `"${text
    .split(STRING_TOKEN)
    .map((part, i) => {
      if (i % 2 === 0) return part.split(EMPTY_INTERPOLATION).map((p, j) => (j % 2 === 0 ? hclEscape(p) : p)).join("");
      const suppressBraces = context.suppressBraces;
      context.suppressBraces = true;
      const expression = context.resolve(part) as string;
      context.suppressBraces = suppressBraces;
      return `\${${expression}}`;
    })
    .join("")}"`;
}
