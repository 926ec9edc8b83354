import { IResolvable, Token } from "cdktf";
import { terraformLiteral } from "../config/names";

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
