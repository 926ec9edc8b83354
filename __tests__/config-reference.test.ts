/** The committed JSON Schema and reference page are what the schema generates today. */
import * as fs from "fs";
import * as path from "path";
import { configJsonSchema, generatedFiles, JSON_SCHEMA_FILE, REFERENCE_FILE } from "../src/config/reference";
import { AMI_TYPES, clusterSchema } from "../src/config/schema";
import { fieldsOf } from "../src/config/schema-parts";

const ROOT = path.resolve(__dirname, "..");

describe("generated schema files", () => {
  it.each(Object.entries(generatedFiles()))("GIVEN the schema WHEN %s is generated THEN the committed file is identical (run `npm run schema`)", (file, content) => {
    expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(content);
  });

  it("GIVEN the JSON Schema THEN it accepts one cluster or { clusters }, forbids unknown keys and carries the defaults", () => {
    const schema = configJsonSchema() as any;
    const cluster = schema.definitions.cluster;
    expect(schema.anyOf).toHaveLength(2);
    expect(cluster.additionalProperties).toBe(false);
    expect(cluster.required).toBeUndefined();
    expect(cluster.properties.kubernetesVersion).toMatchObject({ type: "string", pattern: "^1\\.\\d{2}$", default: "1.35" });
    const group = cluster.properties.nodeGroups.items;
    expect(group.properties.amiType.enum).toEqual([...AMI_TYPES]);
    expect(group.properties.scaling.properties.desiredSize.default).toBe(1);
    expect(group.properties.remoteAccess.required).toEqual(["sshKeyName"]);
    expect(group.properties.role.oneOf).toEqual([{ required: ["name"] }, { required: ["arn"] }]);
  });

  it("GIVEN the reference page THEN it documents every top-level key", () => {
    const page = fs.readFileSync(path.join(ROOT, REFERENCE_FILE), "utf8");
    for (const key of Object.keys(fieldsOf(clusterSchema) ?? {})) expect(page).toContain(`| \`${key}\` |`);
    expect(page).toContain("| `nodeGroups[].scaling.desiredSize` | integer 0–450 | `1` |");
    expect(JSON_SCHEMA_FILE).toBe("cluster-config.schema.json");
  });
});
