import * as fs from "fs";
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { detachedClusterStack } from "../src/constructs/cluster-stack";
import { quotedTemplate, renderHcl, singleInterpolation, spaceExpression } from "../src/output/hcl-render";
import { canonSections, readHcl } from "../test-support/hcl-equivalence";
import { describeWithTerraform, validateHandoffs, workdir } from "../test-support/terraform";


type Json = any;

const EXAMPLES = path.join(__dirname, "..", "examples");

/** Every cluster of the default config and of every example, synthesized to Terraform JSON (JSON round-tripped). */
function stacks(): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  const files = [undefined, ...fs.readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(EXAMPLES, f))];
  for (const file of files) {
    for (const config of loadClusters(file).clusters) {
      const json = JSON.parse(JSON.stringify(detachedClusterStack(config).toTerraform()));
      out[`${file ? path.basename(file, path.extname(file)) : "default"}-${config.name}`] = json;
    }
  }
  return out;
}

/** Strings Terraform must read back exactly (written as JSON templates: `$${` and `%%{` are the escapes). */
const HOSTILE_TAGS: Record<string, string> = {
  quotes: 'say "hi"',
  backslashes: "C:\\path\\to\\",
  newlines: "line one\nline two\r\n\ttabbed",
  escaped: "$${1+1} and %%{ if true }x%%{ endif } and $$${x}",
  interpolated: 'x${jsonencode({"a" = "}", "b" = "${"q"}"})}y',
  unicode: "é e\u0301 日本 🚀 \u2028 \u2029 \u200b \u0000 \u007f \u0085",
  "a b": "key with a space",
  for: "keyword key",
  in: "keyword key",
  "-x": "leading dash",
  "//": "comment-looking key",
  "$${k}": "escaped template key",
  "é": "non-ASCII key",
  dollar: "$ and % alone, $$ and %%, ends with $",
};

/** The default stack with hostile tags on the cluster and a hostile output. */
function hostileStack(base: Record<string, Json>): Record<string, Json> {
  const json = JSON.parse(JSON.stringify(base));
  json.resource.aws_eks_cluster.cluster.tags = { ...HOSTILE_TAGS };
  json.output.hostile = { description: 'quotes " and \\ and\nnewline', value: { ...HOSTILE_TAGS, ref: "${aws_eks_cluster.cluster.arn}", mixed: 'a "q" \\ \n\t\u2028 ${aws_eks_cluster.cluster.arn} é $${x} ${replace(aws_eks_cluster.cluster.name, "}", "{")}' } };
  json.output.escaped_only = { value: "$${aws_eks_cluster.cluster.arn}" };
  json.resource.aws_eks_cluster.cluster.lifecycle = { ignore_changes: ["tags", "vpc_config[0].subnet_ids"], create_before_destroy: false };
  json.terraform.backend = { local: { path: "state ${x} %{y} \"q\".tfstate" } };
  // A renamed construct shipped with its moved block (cdktf's moveFromId writes this).
  json.moved = [{ from: "aws_iam_role.cluster_role_before_rename", to: "aws_iam_role.cluster_role" }];
  return json;
}

const ALL = stacks();
const HCL: Record<string, string> = Object.fromEntries(Object.entries(ALL).map(([name, json]) => [name, renderHcl(json)]));
const HOSTILE = hostileStack(ALL["default-simple-bank"]);
const HOSTILE_HCL = renderHcl(HOSTILE);

describe("renderHcl", () => {
  it("covers the default config and every example", () => {
    expect(Object.keys(ALL).length).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.keys(ALL))("%s: resources, data sources, outputs and provider read back as in the JSON", async (name) => {
    const parsed = await readHcl(HCL[name]);
    expect(canonSections(parsed)).toEqual(canonSections(ALL[name]));
  });

  it("hostile strings and keys read back as in the JSON", async () => {
    const parsed = await readHcl(HOSTILE_HCL);
    expect(canonSections(parsed)).toEqual(canonSections(HOSTILE));
    expect(parsed.resource.aws_eks_cluster.cluster[0].tags["//"]).toBe("comment-looking key");
  });

  it("writes strings as quoted templates with the JSON's template content", () => {
    expect(quotedTemplate("$${1+1}")).toBe("$${1+1}");
    expect(quotedTemplate('a"b\\c\nd\u2028')).toBe('a\\"b\\\\c\\nd\\u2028');
    expect(quotedTemplate('x${f("}\\"")}y')).toBe('x${f("}\\"")}y');
    expect(singleInterpolation('${jsonencode({"a" = "${"}"}"})}')).toBe('jsonencode({"a" = "${"}"}"})');
    expect(singleInterpolation("${a.b}-${c.d}")).toBeUndefined();
    expect(singleInterpolation("$${a.b}")).toBeUndefined();
    expect(spaceExpression('jsonencode({"a" = [1, -2], "b" = {}})')).toBe('jsonencode({ "a" = [1, -2], "b" = {} })');
  });

  it("keeps the backend literal and the block-level // dropped, the tag // kept", () => {
    expect(HOSTILE_HCL).toContain('path = "state $${x} %%{y} \\"q\\".tfstate"');
    expect(HOSTILE_HCL).not.toMatch(/^\s*"?\/\/"?\s*=\s*\{/m);
    expect(HOSTILE_HCL).toContain('"//"');
    expect(HOSTILE_HCL).toContain('"for"');
    expect(HOSTILE_HCL).toContain("ignore_changes        = [tags, vpc_config[0].subnet_ids]");
  });

  it("is deterministic", () => {
    for (const [name, json] of Object.entries(ALL)) expect(renderHcl(JSON.parse(JSON.stringify(json)))).toBe(HCL[name]);
  });

  it("writes moved blocks with bare addresses, after the resources", () => {
    expect(HOSTILE_HCL).toContain("\nmoved {\n  from = aws_iam_role.cluster_role_before_rename\n  to   = aws_iam_role.cluster_role\n}\n");
    expect(HOSTILE_HCL.indexOf("\nmoved {")).toBeGreaterThan(HOSTILE_HCL.lastIndexOf('\nresource "'));
    expect(() => renderHcl({ moved: [{ from: "aws_iam_role.a", to: "aws_iam_role.b", extra: 1 }] })).toThrow(/unsupported moved block key "extra"/);
    expect(() => renderHcl({ moved: [{ from: "not an address", to: "aws_iam_role.b" }] })).toThrow(/is not a reference/);
  });

  it("refuses types it has no block table for", () => {
    expect(() => renderHcl({ resource: { aws_unknown_thing: { x: {} } } })).toThrow(/no block table/);
  });
});

describeWithTerraform("renderHcl with the Terraform CLI", (terraform) => {
  it("every stack and the hostile one: terraform fmt -check clean and valid", () => {
    const handoffs = Object.fromEntries(Object.entries({ ...HCL, hostile: HOSTILE_HCL }).map(([name, hcl]) => [name.replace(/[^\w-]/g, "_"), hcl]));
    const result = validateHandoffs(terraform, handoffs);
    expect(result.unformatted).toBe("");
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("one stack on its own, with its backend block", () => {
    const dir = workdir({ "main.tf": HCL["default-simple-bank"] });
    expect(terraform.run(dir, ["fmt", "-check", "-no-color"]).stdout).toBe("");
    terraform.init(dir);
    const result = terraform.validate(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("Terraform itself reads the same values from the JSON and from the HCL (outputs applied, no provider)", () => {
    const values: Record<string, Json> = {
      ...Object.fromEntries(Object.entries(HOSTILE_TAGS).filter(([, v]) => !v.includes("jsonencode")).map(([, v], i) => [`s${i}`, v])),
      keys: Object.fromEntries(Object.keys(HOSTILE_TAGS).map((k, i) => [k, i])),
      directive: "a%{ if true }yes%{ else }no%{ endif }%{~ for k, v in { x = 1 } ~} ${k}=${v} %{ endfor ~}",
      expression: '${jsonencode({"a" = "}", "b" = [for x in ["p", "q"]: upper(x) if x != ""], "c" = true ? -1 : 2})}',
      stripped: '${~ "s" ~}',
      list: ["a\n", 1, null, true, { "for": '${"x"}y' }],
      number: 1.5e300,
    };
    const json = { output: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) };
    const hcl = renderHcl(json);
    const applied = (files: Record<string, string>) => {
      const dir = workdir(files);
      terraform.ok(dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
      return JSON.parse(terraform.ok(dir, ["output", "-json", "-no-color"]));
    };
    const dir = workdir({ "main.tf": hcl });
    expect(terraform.run(dir, ["fmt", "-check", "-no-color"]).stdout).toBe("");
    const fromHcl = applied({ "main.tf": hcl });
    expect(Object.keys(fromHcl).sort()).toEqual(Object.keys(values).sort());
    expect(fromHcl).toEqual(applied({ "main.tf.json": JSON.stringify(json) }));
  });
});
