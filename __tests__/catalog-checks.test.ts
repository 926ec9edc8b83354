/** Checks against the catalogs that age: unknown-but-plausible values warn, what EKS refuses fails. */
import { checkCatalogs, today } from "../src/config/catalog-checks";
import { INSTANCE_FAMILIES, knownInstanceArchitecture } from "../src/config/catalogs/instance-types";
import { ADDON_VERSIONS } from "../src/config/catalogs/addon-versions";
import { EKS_KUBERNETES_VERSIONS } from "../src/config/catalogs/kubernetes-versions";
import { REGIONS_BY_PARTITION } from "../src/config/catalogs/regions";
import { DEFAULT_CLUSTER } from "../src/config/defaults";
import { architectureOf } from "../src/config/instance-types";
import { Issue } from "../src/config/schema-parts";
import { offlineClusterConfig } from "../test-support/synth";

/** The day the catalogs were last checked: 1.28 to 1.31 have left extended support, 1.32 has not. */
const DAY = "2026-12-01";

const cluster = (overrides: Record<string, unknown> = {}) => ({ ...DEFAULT_CLUSTER, ...overrides });
const check = (overrides: Record<string, unknown>, date = DAY, at = "") => checkCatalogs(cluster(overrides), at, date);
const at = (issues: readonly Issue[], path: string) => issues.filter((issue) => issue.path === path);
const only = (issues: readonly Issue[], path: string): Issue => {
  expect(issues.map((issue) => issue.path)).toEqual([path]);
  return issues[0];
};

describe("GIVEN the embedded default and the suites' offline config", () => {
  it.each([
    ["the embedded default", DEFAULT_CLUSTER],
    ["offlineClusterConfig (pinned add-ons)", offlineClusterConfig()],
  ])("WHEN %s is checked on 2026-12-01 THEN there is no error and no warning", (_, config) => {
    expect(checkCatalogs(config, "", DAY)).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN offlineClusterConfig's pins are read THEN each is a build the catalog lists for 1.35", () => {
    const addons = offlineClusterConfig().addons as Record<string, { version: string }>;
    expect(Object.keys(addons).sort()).toEqual(["coredns", "kube-proxy", "vpc-cni"]);
    for (const [name, { version }] of Object.entries(addons)) expect(ADDON_VERSIONS[name].versions["1.35"]).toContain(version);
  });
});

describe("GIVEN a region code", () => {
  it("WHEN it fits the pattern but is not a known Region (us-east-7) THEN a warning names it, the list's source and date, and the nearest Region", () => {
    const { errors, warnings } = check({ region: "us-east-7" });
    expect(errors).toEqual([]);
    const w = only(warnings, "region");
    expect(w.value).toBe("us-east-7");
    expect(w.rule).toBe("is not a region this app knows (list from botocore 1.43.67 endpoints.json, 2026-08-07); a Region launched since then is fine");
    expect(w.fix).toBe("did you mean us-east-1?");
  });

  it("WHEN no Region is near (xx-nowhere-9) THEN the warning says how to check instead of guessing", () => {
    const w = only(check({ region: "xx-nowhere-9" }).warnings, "region");
    expect(w.fix).toMatch(/^check the code with aws ec2 describe-regions --all-regions; if the Region is newer than the list, ignore this warning$/);
  });

  it.each(Object.values(REGIONS_BY_PARTITION).flat())("WHEN it is the known Region %s THEN nothing is reported", (region) => {
    expect(check({ region })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN it is eusc-de-east-1 (European Sovereign Cloud, accepted by the schema's pattern) THEN it is known", () => {
    expect(check({ region: "eusc-de-east-1" }).warnings).toEqual([]);
  });

  it("WHEN the state bucket's region is unknown THEN the warning is at backend.s3.region, below the cluster's path", () => {
    const { warnings } = checkCatalogs(cluster({ backend: { s3: { bucket: "acme-state", region: "eu-west-9" } } }), "clusters[1]", DAY);
    const w = only(warnings, "clusters[1].backend.s3.region");
    expect(w.fix).toBe("did you mean eu-west-1?");
  });

  it.each([[42], ["US-EAST-1"], [undefined], ["us-east-1x"]])("WHEN it is %p (not a string of the right shape: the schema's business) THEN it is skipped", (region) => {
    expect(check({ region })).toEqual({ errors: [], warnings: [] });
  });
});

describe("GIVEN a Kubernetes version", () => {
  it("WHEN it is newer than every known version (1.99) THEN a warning names the list and the newest known version, and nothing fails", () => {
    const { errors, warnings } = check({ kubernetesVersion: "1.99" });
    expect(errors).toEqual([]);
    const w = only(warnings, "kubernetesVersion");
    expect(w.value).toBe("1.99");
    expect(w.rule).toBe(
      "is not a Kubernetes version this app knows EKS to offer (1.28 to 1.36: EKS release calendar copy of early 2026, 1.36 from a report of 2026-10-09); a version EKS released since then is fine",
    );
    expect(w.fix).toBe("check it with aws eks describe-cluster-versions; the newest this app knows is 1.36 (1.35 in the release calendar)");
  });

  it("WHEN it is 1.36 (in the unconfirmed list) THEN nothing is reported", () => {
    expect(check({ kubernetesVersion: "1.36" })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN its extended support ended before the day of the check (1.31 ended 2026-11-26) THEN it is an error citing the date and EKS's refusal", () => {
    const { errors, warnings } = check({ kubernetesVersion: "1.31" });
    expect(warnings).toEqual([]);
    const e = only(errors, "kubernetesVersion");
    expect(e.value).toBe("1.31");
    expect(e.rule).toBe(
      'reached the end of EKS extended support on 2026-11-26 (EKS release calendar; checked on 2026-12-01): EKS creates no cluster on it (CreateCluster fails with "InvalidParameterException: unsupported Kubernetes version")',
    );
    expect(e.fix).toBe("use 1.35 (the oldest version EKS still supports on 2026-12-01 is 1.32)");
  });

  it("WHEN the check runs on the last day of extended support (2026-11-26) THEN 1.31 still passes, and fails the day after", () => {
    expect(check({ kubernetesVersion: "1.31" }, "2026-11-26").errors).toEqual([]);
    expect(check({ kubernetesVersion: "1.31" }, "2026-11-27").errors).toHaveLength(1);
  });

  it.each(Object.entries(EKS_KUBERNETES_VERSIONS).map(([v, e]) => [v, e.endOfExtendedSupport]))(
    "WHEN %s is checked the day after its end of extended support (%s) THEN it fails",
    (version, end) => {
      const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(check({ kubernetesVersion: version }, end).errors).toEqual([]);
      expect(only(check({ kubernetesVersion: version }, next).errors, "kubernetesVersion").rule).toContain(`on ${end}`);
    },
  );

  it("WHEN it is older than every version in the calendar (1.10) THEN it is an error: older versions left support before 1.28 did", () => {
    const e = only(check({ kubernetesVersion: "1.10" }).errors, "kubernetesVersion");
    expect(e.rule).toMatch(/^is older than 1\.28, the oldest version in the EKS release calendar this app has, whose extended support ended on 2025-11-26; EKS retires versions oldest first/);
    expect(e.rule).toContain("unsupported Kubernetes version");
  });

  it("WHEN an old version (1.27) is checked before 1.28's end of extended support THEN it is only a warning (the app cannot tell)", () => {
    const { errors, warnings } = check({ kubernetesVersion: "1.27" }, "2025-06-01");
    expect(errors).toEqual([]);
    only(warnings, "kubernetesVersion");
  });

  it("WHEN EKS_CDKTF_TODAY is set and no date is passed THEN the check uses that day", () => {
    const saved = process.env.EKS_CDKTF_TODAY;
    try {
      process.env.EKS_CDKTF_TODAY = "2026-01-01";
      expect(today()).toBe("2026-01-01");
      expect(checkCatalogs(cluster({ kubernetesVersion: "1.31" }), "")).toEqual({ errors: [], warnings: [] });
      process.env.EKS_CDKTF_TODAY = "2027-04-01";
      expect(only(checkCatalogs(cluster({ kubernetesVersion: "1.32" }), "").errors, "kubernetesVersion").rule).toContain("extended support on 2027-03-23");
    } finally {
      if (saved === undefined) delete process.env.EKS_CDKTF_TODAY;
      else process.env.EKS_CDKTF_TODAY = saved;
    }
  });

  it("WHEN EKS_CDKTF_TODAY is not set THEN today() is the UTC date", () => {
    const saved = process.env.EKS_CDKTF_TODAY;
    try {
      delete process.env.EKS_CDKTF_TODAY;
      expect(today()).toBe(new Date().toISOString().slice(0, 10));
    } finally {
      if (saved !== undefined) process.env.EKS_CDKTF_TODAY = saved;
    }
  });

  it.each([[1.35], ["1.3"], ["v1.35"], [undefined]])("WHEN it is %p (not 1.NN) THEN it is skipped", (kubernetesVersion) => {
    expect(check({ kubernetesVersion })).toEqual({ errors: [], warnings: [] });
  });
});

describe("GIVEN instance types", () => {
  const group = (instanceTypes: unknown[]) => ({ nodeGroups: [{ ...DEFAULT_CLUSTER.nodeGroups[0], instanceTypes }] });

  it("WHEN a type fits family.size but is not known (t3.huge) THEN a warning suggests the family's closest size and lists its sizes, never an error", () => {
    const { errors, warnings } = check(group(["t3.micro", "t3.huge"]));
    expect(errors).toEqual([]);
    const w = only(warnings, "nodeGroups[0].instanceTypes[1]");
    expect(w.value).toBe("t3.huge");
    expect(w.rule).toBe("is not an EC2 instance type this app knows (list from botocore 1.43.67 EC2 API model (InstanceType enum), 2026-08-07); a type launched since then is fine");
    expect(w.fix).toBe("did you mean t3.large? (t3 sizes: nano, micro, small, medium, large, xlarge, 2xlarge)");
  });

  it("WHEN the family is a typo (m7x.large) THEN the nearest family with the same size is suggested", () => {
    const w = only(check(group(["m7x.large"])).warnings, "nodeGroups[0].instanceTypes[0]");
    expect(w.fix).toMatch(/^did you mean m7[aig]\.large\?$/);
  });

  it("WHEN nothing is near (zzzz99.tiny) THEN the warning says how to check", () => {
    const w = only(check(group(["zzzz99.tiny"])).warnings, "nodeGroups[0].instanceTypes[0]");
    expect(w.fix).toMatch(/^check the name with aws ec2 describe-instance-types/);
  });

  it.each([["t3.micro"], ["m8g.48xlarge"], ["c7i-flex.large"], ["p5.48xlarge"], ["inf2.xlarge"], ["trn1.32xlarge"], ["g6.xlarge"], ["i4i.metal"], ["u7i-12tb.224xlarge"]])(
    "WHEN the type is a known one (%s) THEN nothing is reported",
    (type) => {
      expect(check(group([type]))).toEqual({ errors: [], warnings: [] });
    },
  );

  it("WHEN several groups have unknown types THEN each warning has its own path", () => {
    const { warnings } = check({ nodeGroups: [{ instanceTypes: ["t3.micro"] }, { instanceTypes: ["t3.micro", "c5.hugeish"] }] });
    expect(warnings.map((w) => w.path)).toEqual(["nodeGroups[1].instanceTypes[1]"]);
  });

  it.each([[["T3.MICRO"]], [[42]], [["t3"]], ["t3.micro"]])("WHEN the value is %p (not family.size strings) THEN it is skipped", (instanceTypes) => {
    expect(check({ nodeGroups: [{ instanceTypes }] }).warnings).toEqual([]);
  });
});

describe("GIVEN the instance type catalog", () => {
  it("THEN it holds the brief's families with their sizes", () => {
    for (const family of ["t2", "t3", "t3a", "t4g", "m5", "m6i", "m7g", "m8g", "c5", "c8g", "r5", "r8g", "i3", "i4i", "g4dn", "g5", "g6", "p4d", "p5", "inf2", "trn1"]) {
      expect(Object.keys(INSTANCE_FAMILIES)).toContain(family);
    }
    expect(INSTANCE_FAMILIES.t3[1]).toEqual(["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"]);
  });

  it("THEN architectureOf (the rules' x86/Arm check) agrees with it on every listed type, the Apple-silicon Macs and GB200 included", () => {
    const differ: string[] = [];
    for (const [family, [arch, sizes]] of Object.entries(INSTANCE_FAMILIES)) {
      for (const size of sizes) if (architectureOf(`${family}.${size}`) !== arch) differ.push(family);
    }
    expect([...new Set(differ)]).toEqual([]);
  });

  it("THEN knownInstanceArchitecture answers for listed types only (r8g has metal-24xl and metal-48xl, no plain metal)", () => {
    for (const t of ["t3.micro", "t2.2xlarge", "m5.24xlarge", "c7g.16xlarge", "r8g.metal-48xl", "m7i.48xlarge"]) expect(knownInstanceArchitecture(t)).toBeDefined();
    expect(knownInstanceArchitecture("r8g.metal")).toBeUndefined();
    expect(knownInstanceArchitecture("t4g.large")).toBe("arm64");
    expect(knownInstanceArchitecture("t3.huge")).toBeUndefined();
    expect(knownInstanceArchitecture("constructor.large")).toBeUndefined();
  });
});

describe("GIVEN add-on names", () => {
  it.each([
    ["corends", "addons.corends", "did you mean coredns?"],
    ["kube-prxy", 'addons["kube-prxy"]', "did you mean kube-proxy?"],
  ])("WHEN the name is a typo (%s) THEN a warning at %s suggests the known name", (name, path, fix) => {
    const { errors, warnings } = check({ addons: { ...DEFAULT_CLUSTER.addons, [name]: { version: "latest" } } });
    expect(errors).toEqual([]);
    const w = only(warnings, path);
    expect(w.value).toBe(name);
    expect(w.rule).toMatch(/^is not an EKS add-on this app knows \(list from EKS User Guide "AWS add-ons" and add-on pages, copies of 2025-2026\)/);
    expect(w.fix).toBe(fix);
  });

  it("WHEN the name is nothing like a known one (not-an-addon) THEN the warning lists the known add-ons", () => {
    const w = only(check({ addons: { "not-an-addon": { version: "latest" } } }).warnings, 'addons["not-an-addon"]');
    expect(w.fix).toMatch(/^check the name with aws eks describe-addon-versions; known: vpc-cni, coredns, kube-proxy, /);
  });

  it.each([["kubecost_kubecost"], ["solo-io_istio-distro"], ["__proto__"]])("WHEN the name is an AWS Marketplace vendor_product (%s) THEN it is accepted silently", (name) => {
    const addons: Record<string, unknown> = {};
    Object.defineProperty(addons, name, { value: { version: "v2.1.0-eksbuild.1" }, enumerable: true });
    expect(check({ addons })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN the name is an AWS add-on's with _ for - (vpc_cni) THEN it is not taken for a Marketplace name: a warning suggests vpc-cni", () => {
    const w = only(check({ addons: { vpc_cni: { version: "latest" } } }).warnings, "addons.vpc_cni");
    expect(w.fix).toBe("did you mean vpc-cni?");
  });

  it.each([["aws-ebs-csi-driver"], ["adot"], ["aws-guardduty-agent"], ["metrics-server"], ["aws-fsx-csi-driver"]])("WHEN the name is a known add-on (%s) THEN nothing is reported", (name) => {
    expect(check({ addons: { [name]: { version: "latest" } } })).toEqual({ errors: [], warnings: [] });
  });
});

describe("GIVEN pinned add-on versions", () => {
  it("WHEN kube-proxy is a build of another minor (v1.32.0-eksbuild.2 on 1.35) THEN it is an error citing the rule, with a build of 1.35", () => {
    const { errors, warnings } = check({ addons: { "kube-proxy": { version: "v1.32.0-eksbuild.2" } } });
    expect(warnings).toEqual([]);
    const e = only(errors, 'addons["kube-proxy"].version');
    expect(e.value).toBe("v1.32.0-eksbuild.2");
    expect(e.rule).toBe(
      "is a kube-proxy build for Kubernetes 1.32, but kubernetesVersion is 1.35: the minor in the add-on version (v1.X.y-eksbuild.N) must equal the cluster's Kubernetes minor (1.X) " +
        "(EKS offers each kube-proxy build for one cluster minor only, and kube-proxy follows Kubernetes' version skew policy)",
    );
    expect(e.fix).toBe("use latest, or a 1.35 build such as v1.35.3-eksbuild.13");
  });

  it("WHEN kube-proxy's minor is right but the build is not in the table (v1.35.9-eksbuild.1) THEN it is only a warning", () => {
    const { errors, warnings } = check({ addons: { "kube-proxy": { version: "v1.35.9-eksbuild.1" } } });
    expect(errors).toEqual([]);
    expect(only(warnings, 'addons["kube-proxy"].version').fix).toBe("check it with aws eks describe-addon-versions --addon-name kube-proxy --kubernetes-version 1.35, or use latest");
  });

  it("WHEN kube-proxy is pinned on a version with no table row (1.99) THEN a mismatch is still an error, with the build's shape as the fix", () => {
    const e = only(check({ kubernetesVersion: "1.99", addons: { "kube-proxy": { version: "v1.35.3-eksbuild.2" } } }).errors, 'addons["kube-proxy"].version');
    expect(e.fix).toBe("use latest, or a v1.99.x-eksbuild.N build");
  });

  it("WHEN another add-on's pin is not in the table for the cluster's version THEN it is a warning naming the builds seen", () => {
    const { errors, warnings } = check({ addons: { coredns: { version: "v1.11.4-eksbuild.2" } } });
    expect(errors).toEqual([]);
    const w = only(warnings, "addons.coredns.version");
    expect(w.rule).toBe(
      "is not among the coredns builds this app saw offered for Kubernetes 1.35 (v1.13.2-eksbuild.4, v1.13.2-eksbuild.3; User Guide tables and projects' pins, newest seen 2026-09-21); a newer build is fine",
    );
  });

  it("WHEN an add-on has no table for the version (aws-efs-csi-driver on 1.35) THEN nothing is reported", () => {
    expect(check({ addons: { "aws-efs-csi-driver": { version: "v2.1.0-eksbuild.1" } } })).toEqual({ errors: [], warnings: [] });
  });

  it.each([["latest"], ["default"], [undefined]])("WHEN the version is %p THEN nothing is reported", (version) => {
    expect(check({ addons: { "kube-proxy": { version } } })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN the Kubernetes version was rejected (absent) THEN pins are not judged against it", () => {
    expect(check({ kubernetesVersion: undefined, addons: { "kube-proxy": { version: "v1.32.0-eksbuild.2" } } })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN the cluster is the second of a file THEN paths start with clusters[1]", () => {
    const { errors } = checkCatalogs(cluster({ addons: { "kube-proxy": { version: "v1.32.0-eksbuild.2" } } }), "clusters[1]", DAY);
    expect(at(errors, 'clusters[1].addons["kube-proxy"].version')).toHaveLength(1);
  });
});

describe("GIVEN a value that is not an object", () => {
  it.each([[null], [undefined], [42], ["text"], [[]]])("WHEN the cluster is %p THEN nothing is reported and nothing throws", (value) => {
    expect(checkCatalogs(value, "", DAY)).toEqual({ errors: [], warnings: [] });
  });
});
