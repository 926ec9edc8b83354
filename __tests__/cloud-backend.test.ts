/**
 * HCP Terraform state (issue 15): `backend.cloud` as Terraform's `cloud` block, in the stack's JSON and in the
 * hand-off HCL (equivalent, and valid for `terraform validate`), and the backend change warning across it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { detachedClusterStack } from "../src/constructs/cluster-stack";
import { handoffHcl, handoffJson } from "../src/output/handoff";
import { replacementWarnings } from "../src/output/synth-output";
import { ClusterConfig } from "../src/config/schema";
import { bothSections } from "../test-support/hcl-equivalence";
import { describeWithTerraform, offlineCopy, workdir } from "../test-support/terraform";
import { offlineClusterConfig } from "../test-support/synth";

type Cloud = NonNullable<NonNullable<ClusterConfig["backend"]>["cloud"]>;
const NAMED: Cloud = { organization: "acme-platform", workspace: "eks-payments-prod" };
const TAGGED: Cloud = { organization: "acme-platform", workspaceTags: ["eks", "env:prod"], project: "platform", hostname: "tfe.example.com" };
const withCloud = (cloud: Cloud) => offlineClusterConfig({ backend: { cloud } });
const stackJson = (config: ClusterConfig) => JSON.parse(JSON.stringify(detachedClusterStack(config).toTerraform())) as Record<string, any>;

describe("backend.cloud", () => {
  it("GIVEN a named workspace THEN the terraform block has a cloud block with organization and workspaces.name, and no backend", () => {
    const terraform = stackJson(withCloud(NAMED)).terraform;
    expect(terraform.cloud).toEqual({ organization: "acme-platform", workspaces: { name: "eks-payments-prod" } });
    expect(terraform).not.toHaveProperty("backend");
    // hostname left out: Terraform's default, app.terraform.io
    expect(terraform.cloud).not.toHaveProperty("hostname");
  });

  it("GIVEN workspace tags, a project and a hostname THEN workspaces.tags and project, and the hostname", () => {
    expect(stackJson(withCloud(TAGGED)).terraform.cloud).toEqual({
      organization: "acme-platform",
      hostname: "tfe.example.com",
      workspaces: { tags: ["eks", "env:prod"], project: "platform" },
    });
  });

  it("GIVEN a cloud backend THEN the hand-off renders cloud { ... workspaces { ... } } as blocks", () => {
    const hcl = handoffHcl(stackJson(withCloud(TAGGED)), "simple-bank");
    expect(hcl).toContain(
      ["  cloud {", '    hostname     = "tfe.example.com"', '    organization = "acme-platform"', "    workspaces {", '      project = "platform"', '      tags    = ["eks", "env:prod"]', "    }", "  }"].join("\n"),
    );
    expect(hcl).not.toMatch(/workspaces = /);
    expect(hcl).not.toMatch(/backend "/);
  });

  it.each([
    ["named workspace", NAMED],
    ["tagged workspaces", TAGGED],
  ])("GIVEN a %s THEN the hand-off HCL and the JSON are the same configuration, terraform block included", async (_what, cloud) => {
    const json = stackJson(withCloud(cloud));
    const both = await bothSections(handoffHcl(json, "simple-bank"), handoffJson(json));
    expect(both.hcl).toEqual(both.json);
    expect((both.hcl as any).terraform.cloud).toBeDefined();
  });

  describe("backend change warnings", () => {
    const warningsBetween = (before: ClusterConfig, after: ClusterConfig) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-cloud-"));
      try {
        fs.mkdirSync(path.join(dir, "stacks", before.name), { recursive: true });
        fs.writeFileSync(path.join(dir, "stacks", before.name, "cdk.tf.json"), JSON.stringify(stackJson(before)));
        const loaded = { source: "t.yaml", clusters: [after], given: [{}], warnings: [], lines: new Map() };
        return replacementWarnings(dir, new Map([[after.name, stackJson(after)]]), loaded);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };

    it("GIVEN local state WHEN moved to HCP Terraform THEN the state backend change warning, naming the cloud block", () => {
      const [warning] = warningsBetween(offlineClusterConfig(), withCloud(NAMED));
      expect(warning).toMatch(/the state backend changed \(\{"local":\{"path":"\.\.\/\.\.\/\.\.\/terraform\.simple-bank\.tfstate"\}\} -> \{"cloud":\{"organization":"acme-platform","workspaces":\{"name":"eks-payments-prod"\}\}\}\)\. Terraform will ask to migrate the state/);
    });

    it("GIVEN one workspace WHEN another is named THEN the warning too; the same THEN none", () => {
      expect(warningsBetween(withCloud(NAMED), withCloud({ ...NAMED, workspace: "eks-payments-prod-2" })).join("\n")).toMatch(/the state backend changed .*eks-payments-prod-2/);
      expect(warningsBetween(withCloud(NAMED), withCloud(NAMED))).toEqual([]);
    });
  });
});

describeWithTerraform("backend.cloud with Terraform", (terraform) => {
  it("GIVEN a cloud block THEN the hand-off initializes without the backend (-backend=false: no login, no network) and validates", () => {
    for (const cloud of [NAMED, TAGGED]) {
      const dir = workdir({ "main.tf": handoffHcl(stackJson(withCloud(cloud)), "simple-bank") });
      terraform.init(dir);
      expect(terraform.validate(dir)).toMatchObject({ valid: true, error_count: 0 });
    }
  }, 120_000);

  it("GIVEN the stack's JSON with a cloud block THEN validates too, and the offline copy swaps it for local state", () => {
    const json = stackJson(withCloud(NAMED));
    const dir = workdir({ "cdk.tf.json": JSON.stringify(json) });
    terraform.init(dir);
    expect(terraform.validate(dir)).toMatchObject({ valid: true, error_count: 0 });
    const offline = JSON.parse(offlineCopy(JSON.stringify(json)));
    expect(offline.terraform).not.toHaveProperty("cloud");
    expect(offline.terraform.backend).toEqual({ local: { path: "terraform.tfstate" } });
  }, 120_000);
});
