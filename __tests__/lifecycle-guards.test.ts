/**
 * The lifecycle guards (issue 15): deletion protection (prevent_destroy), zonal shift, bootstrap_self_managed_addons
 * set at creation only (ignore_changes, merged with Auto Mode's), and the load balancer role tags on existing subnets.
 */
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { replacementsBetween } from "../src/review/replacements";
import { preventDestroyWarning, bootstrapNote } from "../src/review/lifecycle-notes";
import { reviewPlan } from "../src/review/plan-review";
import { addresses, offlineClusterConfig, parse, resource, synthCluster } from "../test-support/synth";

const cluster = (synthesized: string) => resource(synthesized, "aws_eks_cluster", "cluster");
const AUTO = { ...DEFAULT_CLUSTER.autoMode, enabled: true, nodeRoleName: "simple-bank-eks-auto-node" };

describe("deletionProtection", () => {
  it("GIVEN deletionProtection true WHEN synthesized THEN the cluster has lifecycle prevent_destroy and nothing else changes", () => {
    const body = cluster(synthCluster(offlineClusterConfig({ deletionProtection: true })));
    expect(body.lifecycle).toEqual({ prevent_destroy: true });
    expect(body).not.toHaveProperty("deletion_protection");
    expect(body).not.toHaveProperty("bootstrap_self_managed_addons");
  });

  it("GIVEN deletionProtection false or absent THEN no lifecycle is written (the stack as before)", () => {
    const before = synthCluster(offlineClusterConfig());
    expect(cluster(before)).not.toHaveProperty("lifecycle");
    expect(synthCluster(offlineClusterConfig({ deletionProtection: false }))).toBe(before);
  });

  it("GIVEN a protected cluster WHEN an edit replaces it THEN the warning says Terraform refuses the plan, with the way through", () => {
    const previous = JSON.parse(synthCluster(offlineClusterConfig({ deletionProtection: true })));
    const config = offlineClusterConfig({ deletionProtection: true, network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], serviceIpv4Cidr: "172.20.0.0/16" } });
    const next = JSON.parse(synthCluster(config));
    const found = replacementsBetween(previous, next, config);
    expect(found.find((r) => r.address === "aws_eks_cluster.cluster")?.action).toBe("replaced");
    const warning = preventDestroyWarning(config.name, next, found);
    expect(warning).toMatch(/deletionProtection is on \(lifecycle prevent_destroy\), so Terraform will refuse the plan of this change \("Instance cannot be destroyed"\): it would replace aws_eks_cluster.cluster/);
    expect(warning).toMatch(/safer: Revert the edit/);
    expect(warning).toMatch(/first apply deletionProtection: false on its own/);
  });

  it("GIVEN an unprotected cluster replaced, or a protected one only updated THEN no refusal warning", () => {
    const previous = JSON.parse(synthCluster(offlineClusterConfig()));
    const config = offlineClusterConfig({ network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], serviceIpv4Cidr: "172.20.0.0/16" } });
    const next = JSON.parse(synthCluster(config));
    expect(preventDestroyWarning(config.name, next, replacementsBetween(previous, next, config))).toBeUndefined();
    const protectedBefore = JSON.parse(synthCluster(offlineClusterConfig({ deletionProtection: true })));
    const updated = offlineClusterConfig({ deletionProtection: true, logging: { types: ["audit"] } });
    const after = JSON.parse(synthCluster(updated));
    expect(preventDestroyWarning(updated.name, after, replacementsBetween(protectedBefore, after, updated))).toBeUndefined();
  });
});

describe("zonalShift", () => {
  it("GIVEN zonalShift true THEN zonal_shift_config { enabled = true }", () => {
    expect(cluster(synthCluster(offlineClusterConfig({ zonalShift: true }))).zonal_shift_config).toEqual({ enabled: true });
  });

  it("GIVEN zonalShift false THEN written false (turning it off again); absent THEN not written", () => {
    expect(cluster(synthCluster(offlineClusterConfig({ zonalShift: false }))).zonal_shift_config).toEqual({ enabled: false });
    expect(cluster(synthCluster(offlineClusterConfig()))).not.toHaveProperty("zonal_shift_config");
  });

  it("GIVEN zonal shift turned on for an existing cluster THEN nothing is replaced (in place)", () => {
    const config = offlineClusterConfig({ zonalShift: true });
    expect(replacementsBetween(JSON.parse(synthCluster(offlineClusterConfig())), JSON.parse(synthCluster(config)), config)).toEqual([]);
  });
});

describe("bootstrapSelfManagedAddons", () => {
  it("GIVEN false THEN written with ignore_changes = [bootstrap_self_managed_addons]", () => {
    const body = cluster(synthCluster(offlineClusterConfig({ bootstrapSelfManagedAddons: false })));
    expect(body.bootstrap_self_managed_addons).toBe(false);
    expect(body.lifecycle).toEqual({ ignore_changes: ["bootstrap_self_managed_addons"] });
  });

  it("GIVEN true with deletion protection THEN both in one lifecycle", () => {
    const body = cluster(synthCluster(offlineClusterConfig({ bootstrapSelfManagedAddons: true, deletionProtection: true })));
    expect(body.bootstrap_self_managed_addons).toBe(true);
    expect(body.lifecycle).toEqual({ ignore_changes: ["bootstrap_self_managed_addons"], prevent_destroy: true });
  });

  it("GIVEN Auto Mode with bootstrapSelfManagedAddons false and deletion protection THEN Auto Mode's ignore_changes is merged, not repeated", () => {
    const auto = { autoMode: AUTO, access: { ...DEFAULT_CLUSTER.access, authenticationMode: "API" as const } };
    const plain = cluster(synthCluster(offlineClusterConfig(auto)));
    const body = cluster(synthCluster(offlineClusterConfig({ ...auto, bootstrapSelfManagedAddons: false, deletionProtection: true })));
    expect(body.bootstrap_self_managed_addons).toBe(false);
    expect(body.lifecycle).toEqual({ ignore_changes: ["bootstrap_self_managed_addons"], prevent_destroy: true });
    // Auto Mode alone: as before
    expect(plain.lifecycle).toEqual({ ignore_changes: ["bootstrap_self_managed_addons"] });
    expect(cluster(synthCluster(offlineClusterConfig({ ...auto, bootstrapSelfManagedAddons: false }))).lifecycle).toEqual(plain.lifecycle);
  });

  it("GIVEN the key added to an existing cluster, or its value changed THEN nothing is replaced (ignored after creation)", () => {
    const base = JSON.parse(synthCluster(offlineClusterConfig()));
    const added = offlineClusterConfig({ bootstrapSelfManagedAddons: false });
    expect(replacementsBetween(base, JSON.parse(synthCluster(added)), added)).toEqual([]);
    const flipped = offlineClusterConfig({ bootstrapSelfManagedAddons: true });
    expect(replacementsBetween(JSON.parse(synthCluster(added)), JSON.parse(synthCluster(flipped)), flipped)).toEqual([]);
  });

  it("GIVEN the key removed after creation with false THEN the warning names it: the default true replaces the cluster", () => {
    const withKey = JSON.parse(synthCluster(offlineClusterConfig({ bootstrapSelfManagedAddons: false })));
    const config = offlineClusterConfig();
    const found = replacementsBetween(withKey, JSON.parse(synthCluster(config)), config);
    expect(found).toContainEqual(expect.objectContaining({ address: "aws_eks_cluster.cluster", attribute: "bootstrap_self_managed_addons", configKey: "autoMode.enabled / bootstrapSelfManagedAddons" }));
  });

  it("GIVEN a plan replacing the cluster for bootstrap_self_managed_addons THEN the plan review says the guard is gone and how to restore it", () => {
    expect(bootstrapNote("aws_eks_node_group", [["bootstrap_self_managed_addons"]])).toEqual([]);
    const plan = {
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_eks_cluster.cluster",
          type: "aws_eks_cluster",
          change: { actions: ["delete", "create"], before: { name: "simple-bank", bootstrap_self_managed_addons: false }, after: { name: "simple-bank", bootstrap_self_managed_addons: true }, replace_paths: [["bootstrap_self_managed_addons"]] },
          action_reason: "replace_because_cannot_update",
        },
      ],
    };
    expect(reviewPlan(plan).markdown).toMatch(/`bootstrap_self_managed_addons` cannot change on an existing cluster .*ignore_changes = \[bootstrap_self_managed_addons\].*Put the key back with the value the cluster was created with/s);
  });
});

describe("network.subnetTags", () => {
  const TAGGED = offlineClusterConfig({
    network: {
      securityGroupIds: [],
      subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      subnetTags: { elb: ["subnet-0a1b2c3d4e5f60041", "subnet-0a1b2c3d4e5f60042"], internalElb: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] },
    },
  });

  it("GIVEN public and private subnets THEN one aws_ec2_tag per subnet by for_each, keys kubernetes.io/role/elb and internal-elb = 1", () => {
    const synthesized = synthCluster(TAGGED);
    const elb = resource(synthesized, "aws_ec2_tag", "subnet_role_tag_elb");
    expect(elb).toMatchObject({ key: "kubernetes.io/role/elb", value: "1", resource_id: "${each.value}" });
    expect(elb.for_each).toBe('${toset(["subnet-0a1b2c3d4e5f60041", "subnet-0a1b2c3d4e5f60042"])}');
    const internal = resource(synthesized, "aws_ec2_tag", "subnet_role_tag_internal_elb");
    expect(internal).toMatchObject({ key: "kubernetes.io/role/internal-elb", value: "1", resource_id: "${each.value}" });
    expect(internal.for_each).toBe('${toset(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])}');
  });

  it("THEN no subnet is owned here: no aws_subnet, and the cluster keeps its subnets", () => {
    const synthesized = synthCluster(TAGGED);
    expect(addresses(synthesized).filter((a) => /aws_subnet\b|data\.aws_subnets/.test(a))).toEqual([]);
    expect(cluster(synthesized).vpc_config.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]);
  });

  it("GIVEN only elb THEN no internal-elb tags; WHEN a subnet is added THEN the others' tags stay (addresses by subnet id)", () => {
    const one = offlineClusterConfig({ network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], subnetTags: { elb: ["subnet-0a1b2c3d4e5f60042"] } } });
    const synthesized = synthCluster(one);
    expect(Object.keys(parse(synthesized).resource.aws_ec2_tag)).toEqual(["subnet_role_tag_elb"]);
    const more = offlineClusterConfig({ network: { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], subnetTags: { elb: ["subnet-0a1b2c3d4e5f60041", "subnet-0a1b2c3d4e5f60042"] } } });
    expect(replacementsBetween(JSON.parse(synthesized), JSON.parse(synthCluster(more)), more)).toEqual([]);
  });

  it("WHEN a tagged subnet is dropped THEN only its tag is destroyed, named by network.subnetTags", () => {
    expect(replacementsBetween(JSON.parse(synthCluster(TAGGED)), JSON.parse(synthCluster(offlineClusterConfig())), offlineClusterConfig())).toContainEqual(
      expect.objectContaining({ address: 'aws_ec2_tag.subnet_role_tag_elb["subnet-0a1b2c3d4e5f60041"]', action: "destroyed", configKey: "network.subnetTags" }),
    );
  });
});
