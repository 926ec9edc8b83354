import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const COMMITTED = path.join(ROOT, "docs", "api", "README.md");

describe("the API reference (docs/api, TypeDoc from the declarations)", () => {
  let generated: string;

  beforeAll(() => {
    // GIVEN the reference regenerated from the sources now, into a scratch folder
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "api-reference-"));
    try {
      execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--out", out, "--logLevel", "Warn"], { cwd: ROOT, stdio: "pipe" });
      generated = fs.readFileSync(path.join(out, "README.md"), "utf8");
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  test("the committed reference is current", () => {
    // THEN docs/api says what the declarations say
    const committed = fs.readFileSync(COMMITTED, "utf8");
    if (committed !== generated) throw new Error("docs/api/README.md is out of date with the declarations: run `npm run docs:api` and commit docs/api");
  });

  test("documents the library's entry points with their props", () => {
    // THEN EksCluster, its props and the typed input are there, with their documentation
    expect(generated).toContain("### EksCluster");
    expect(generated).toContain("### EksClusterProps");
    expect(generated).toContain("### ClusterInput");
    expect(generated).toMatch(/fromConfig/);
    // AND nothing machine-specific: no absolute paths, no source links to a revision
    expect(generated).not.toContain(ROOT);
    expect(generated).not.toMatch(/blob\/[0-9a-f]{7,40}\//);
  });
});
