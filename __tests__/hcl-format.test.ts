import { formatHcl } from "../src/output/hcl-format";

describe("formatHcl", () => {
  it("GIVEN cdktf's unindented HCL WHEN formatted THEN blocks are indented and runs of attributes aligned, as terraform fmt does", () => {
    // GIVEN
    const raw = [
      'resource "aws_eks_node_group" "g" {',
      'ami_type = "AL2023_x86_64_STANDARD"',
      'disk_size = 10',
      "instance_types = [",
      '"t3.micro"',
      "]",
      'node_group_name = "g"',
      "node_role_arn = aws_iam_role.r.arn",
      "scaling_config {",
      "desired_size = 1",
      "max_size = 2",
      "}",
      "}",
    ].join("\n");
    // WHEN / THEN
    expect(formatHcl(raw).split("\n")).toEqual([
      'resource "aws_eks_node_group" "g" {',
      '  ami_type  = "AL2023_x86_64_STANDARD"',
      "  disk_size = 10",
      "  instance_types = [",
      '    "t3.micro"',
      "  ]",
      '  node_group_name = "g"',
      "  node_role_arn   = aws_iam_role.r.arn",
      "  scaling_config {",
      "    desired_size = 1",
      "    max_size     = 2",
      "  }",
      "}",
    ]);
  });

  it("GIVEN braces and quotes inside strings WHEN formatted THEN they do not change the depth", () => {
    const raw = ['locals {', 'a = "x { [ ( \\" }"', 'b = "arn:${data.p.current.partition}:iam"', "}", "c = 1"].join("\n");
    expect(formatHcl(raw).split("\n")).toEqual(["locals {", '  a = "x { [ ( \\" }"', '  b = "arn:${data.p.current.partition}:iam"', "}", "c = 1"]);
  });

  it("GIVEN an inline object WHEN formatted THEN its braces are spaced as terraform fmt writes them", () => {
    expect(formatHcl('policy = jsonencode({"Statement" = [{"Effect" = "Allow", "Resource" = aws_kms_key.k.arn}]})')).toBe(
      'policy = jsonencode({ "Statement" = [{ "Effect" = "Allow", "Resource" = aws_kms_key.k.arn }] })',
    );
  });

  it("GIVEN quoted keys in an object WHEN formatted THEN they align too", () => {
    expect(formatHcl('tags = {\n"k e y" = "v"\nteam = "payments"\n}').split("\n")).toEqual(["tags = {", '  "k e y" = "v"', '  team    = "payments"', "}"]);
  });
});
