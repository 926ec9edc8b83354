/**
 * Checks of config values against the catalogs of things that age: Regions, Kubernetes versions, EC2 instance types
 * and EKS add-ons (names and pinned builds). A value that has the right shape but is not in a list is a WARNING that
 * names the value, the list's source and date and the nearest known value: a Region, instance type, Kubernetes
 * version or add-on build released after the list was made must not be blocked. Only what EKS is known to refuse is
 * an ERROR: a Kubernetes version past the end of extended support on the day of the check, and a kube-proxy build of
 * another Kubernetes minor than the cluster's.
 *
 * Runs on the merged configuration with every value the schema rejected already taken out (as `withoutRejected`
 * leaves it); anything that is not a string of the right shape is skipped, the schema has reported it.
 */
import { ADDON_VERSIONS, KUBE_PROXY_VERSION_RULE } from "./catalogs/addon-versions";
import { INSTANCE_FAMILIES, INSTANCE_TYPES_SOURCE } from "./catalogs/instance-types";
import { EKS_KUBERNETES_VERSIONS, EksKubernetesVersion, UNCONFIRMED_VERSIONS } from "./catalogs/kubernetes-versions";
import { REGIONS_BY_PARTITION } from "./catalogs/regions";
import { AWS_REGION, INSTANCE_TYPE, KUBERNETES_VERSION } from "./schema";
import { childPath, editDistance, isPlainObject, Issue, nearest } from "./schema-parts";
import { today } from "./today";

export interface CatalogResult {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

export { today };

// ---- the lists and their dates, for messages -------------------------------------------------------------------------

/** catalogs/regions.ts: botocore's partitions, as of its endpoints.json. */
const REGIONS_SOURCE = "botocore 1.43.67 endpoints.json, 2026-08-07";
const KNOWN_REGIONS: readonly string[] = Object.values(REGIONS_BY_PARTITION).flat();

/** catalogs/kubernetes-versions.ts: the EKS release calendar (1.28-1.35) and one third-party report (1.36). */
const VERSIONS_SOURCE = "EKS release calendar copy of early 2026, 1.36 from a report of 2026-10-09";
const VERSIONS: Readonly<Record<string, Partial<EksKubernetesVersion>>> = { ...EKS_KUBERNETES_VERSIONS, ...UNCONFIRMED_VERSIONS };
const minorOf = (version: string) => Number(version.slice(2));
const byMinor = Object.keys(VERSIONS).sort((a, b) => minorOf(a) - minorOf(b));
const OLDEST = byMinor[0];
const NEWEST = byMinor[byMinor.length - 1];
/** The newest version in the release calendar itself (not the unconfirmed list). */
const NEWEST_CONFIRMED = Object.keys(EKS_KUBERNETES_VERSIONS).sort((a, b) => minorOf(b) - minorOf(a))[0];

/**
 * What EKS answers CreateCluster with a version it no longer (or not yet) offers. Seen in
 * awslabs/aws-devops-essential issue #25 (2019-09-25, `aws eks create-cluster --kubernetes-version 1.10`: "An error
 * occurred (InvalidParameterException) when calling the CreateCluster operation: unsupported Kubernetes version") and
 * pluralsight-cloud/content-deploying-and-managing-a-web-application-in-kubernetes-with-terraform issue #1
 * (2025-04-21, Terraform on 1.24, whose extended support ended 2025-01-31: "InvalidParameterException: unsupported
 * Kubernetes version 1.24"). The EKS FAQ, as quoted in finos/compliant-financial-infrastructure issue #228
 * (2022-07-01): "On the end of support date, you can no longer create new Amazon EKS clusters with the unsupported
 * version."
 */
const UNSUPPORTED_VERSION_ERROR = 'CreateCluster fails with "InvalidParameterException: unsupported Kubernetes version"';

/** catalogs/instance-types.ts. */
const INSTANCE_TYPES_LIST = `${INSTANCE_TYPES_SOURCE.source}, ${INSTANCE_TYPES_SOURCE.date}`;


/**
 * AWS add-on names beyond those catalogs/addon-versions.ts has data for: each "The Amazon EKS add-on name is `...`"
 * of the EKS User Guide "AWS add-ons" page, awsdocs/amazon-eks-user-guide
 * latest/ug/workloads/workloads-add-ons-available-eks.adoc @ 027430e09023d12ec3beccce4c646a11a270a5cb (the copy
 * addon-versions.ts cites as [UG-ADDONS]; undated, 2025-2026).
 * // unconfirmed: community add-ons other than metrics-server (kube-state-metrics, cert-manager, ...) are not listed:
 * // the community-addons page was not read for names, so they get a warning.
 */
const MORE_AWS_ADDONS = [
  "aws-fsx-csi-driver",
  "amazon-sagemaker-hyperpod-taskgovernance",
  "aws-network-flow-monitoring-agent",
  "adot",
  "aws-guardduty-agent",
  "aws-privateca-connector-for-kubernetes",
] as const;
const KNOWN_ADDONS: readonly string[] = [...Object.keys(ADDON_VERSIONS), ...MORE_AWS_ADDONS];
const ADDONS_SOURCE = "EKS User Guide \"AWS add-ons\" and add-on pages, copies of 2025-2026";
const ADDON_BUILDS_SOURCE = "User Guide tables and projects' pins, newest seen 2026-09-21";

/** Each dated list and where it comes from, for the reference page. */
export const CATALOG_SOURCES: readonly { readonly list: string; readonly file: string; readonly source: string }[] = [
  { list: "AWS regions per partition", file: "catalogs/regions.ts", source: REGIONS_SOURCE },
  { list: "EKS Kubernetes versions and support dates", file: "catalogs/kubernetes-versions.ts", source: VERSIONS_SOURCE },
  { list: "EC2 instance types and their CPU architecture", file: "catalogs/instance-types.ts", source: INSTANCE_TYPES_LIST },
  { list: "EKS add-on names", file: "catalogs/addon-versions.ts", source: ADDONS_SOURCE },
  { list: "EKS add-on builds per Kubernetes version", file: "catalogs/addon-versions.ts", source: ADDON_BUILDS_SOURCE },
];
const PINNED = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

// ---- helpers ---------------------------------------------------------------------------------------------------------

const obj = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The candidate at the least edit distance, however far (nearest() gives none past a typo's distance). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}


/** The instance type to suggest for one not in the list: same family with the closest size, or the nearest family. */
function suggestInstanceType(instanceType: string): string | undefined {
  if (instanceType.length > 40) return undefined;
  const [family, size] = instanceType.split(".");
  const families = Object.keys(INSTANCE_FAMILIES);
  const known = has(INSTANCE_FAMILIES, family) ? family : nearest(family, families);
  if (!known) return undefined;
  const sizes = INSTANCE_FAMILIES[known][1];
  return `${known}.${sizes.includes(size) ? size : closest(size, sizes)}`;
}

/** The oldest version whose extended support has not ended on `date` (undefined when the list has none). */
function oldestSupported(date: string): string | undefined {
  return byMinor.find((v) => {
    const end = VERSIONS[v].endOfExtendedSupport;
    return end !== undefined && date <= end;
  });
}

// ---- the checks --------------------------------------------------------------------------------------------------------

/**
 * @param cluster the merged cluster configuration, with the values the schema rejected taken out
 * @param at path of the cluster in the file: "" or "clusters[1]"
 * @param date the day of the check (YYYY-MM-DD); default today(), which EKS_CDKTF_TODAY overrides
 */
export function checkCatalogs(cluster: unknown, at: string, date: string = today()): CatalogResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const c = obj(cluster);
  const path = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), at);

  // Regions: the cluster's and the state bucket's.
  const regions: [string, unknown][] = [
    [path("region"), c.region],
    [path("backend", "s3", "region"), obj(obj(obj(c.backend).s3)).region],
  ];
  for (const [where, region] of regions) {
    if (typeof region !== "string" || !AWS_REGION.test(region) || KNOWN_REGIONS.includes(region)) continue;
    const near = nearest(region, KNOWN_REGIONS);
    warnings.push({
      path: where,
      value: region,
      rule: `is not a region this app knows (list from ${REGIONS_SOURCE}); a Region launched since then is fine`,
      fix: near ? `did you mean ${near}?` : "check the code with aws ec2 describe-regions --all-regions; if the Region is newer than the list, ignore this warning",
    });
  }

  // Kubernetes version.
  const version = typeof c.kubernetesVersion === "string" && KUBERNETES_VERSION.test(c.kubernetesVersion) ? c.kubernetesVersion : undefined;
  if (version !== undefined) {
    const where = path("kubernetesVersion");
    const supported = oldestSupported(date);
    const use = `use ${NEWEST_CONFIRMED}${supported ? ` (the oldest version EKS still supports on ${date} is ${supported})` : ""}`;
    const entry = has(VERSIONS, version) ? VERSIONS[version] : undefined;
    const oldestEnd = VERSIONS[OLDEST].endOfExtendedSupport;
    if (entry) {
      const end = entry.endOfExtendedSupport;
      if (end !== undefined && date > end) {
        errors.push({
          path: where,
          value: version,
          rule: `reached the end of EKS extended support on ${end} (EKS release calendar; checked on ${date}): EKS creates no cluster on it (${UNSUPPORTED_VERSION_ERROR})`,
          fix: use,
        });
      }
    } else if (minorOf(version) < minorOf(OLDEST) && oldestEnd !== undefined && date > oldestEnd) {
      errors.push({
        path: where,
        value: version,
        rule:
          `is older than ${OLDEST}, the oldest version in the EKS release calendar this app has, whose extended support ended on ${oldestEnd}; ` +
          `EKS retires versions oldest first, so it creates no cluster on ${version} (${UNSUPPORTED_VERSION_ERROR})`,
        fix: use,
      });
    } else {
      warnings.push({
        path: where,
        value: version,
        rule: `is not a Kubernetes version this app knows EKS to offer (${OLDEST} to ${NEWEST}: ${VERSIONS_SOURCE}); a version EKS released since then is fine`,
        fix: `check it with aws eks describe-cluster-versions; the newest this app knows is ${NEWEST} (${NEWEST_CONFIRMED} in the release calendar)`,
      });
    }
  }

  // Instance types.
  list(c.nodeGroups).forEach((group, i) => {
    list(obj(group).instanceTypes).forEach((type, j) => {
      if (typeof type !== "string" || !INSTANCE_TYPE.test(type)) return;
      const [family, size] = type.split(".");
      if (has(INSTANCE_FAMILIES, family) && INSTANCE_FAMILIES[family][1].includes(size)) return;
      const suggestion = suggestInstanceType(type);
      const sizes = has(INSTANCE_FAMILIES, family) ? ` (${family} sizes: ${INSTANCE_FAMILIES[family][1].join(", ")})` : "";
      warnings.push({
        path: path("nodeGroups", i, "instanceTypes", j),
        value: type,
        rule: `is not an EC2 instance type this app knows (list from ${INSTANCE_TYPES_LIST}); a type launched since then is fine`,
        fix: suggestion
          ? `did you mean ${suggestion}?${sizes}`
          : "check the name with aws ec2 describe-instance-types; if the type is newer than the list, ignore this warning",
      });
    });
  });

  // Add-ons: names, and pinned builds.
  const addons = obj(c.addons);
  for (const name of Object.keys(addons)) {
    const addonPath = path("addons", name);
    // AWS Marketplace add-ons are <vendor>_<product>: no list of them is kept, so they are taken as given, unless the
    // name is an AWS add-on's with _ for - (vpc_cni), which no vendor would choose.
    const dashed = name.replace(/_/g, "-");
    if (name.includes("_") && !KNOWN_ADDONS.includes(dashed)) continue;
    if (!KNOWN_ADDONS.includes(name)) {
      const near = KNOWN_ADDONS.includes(dashed) ? dashed : nearest(name, KNOWN_ADDONS);
      warnings.push({
        path: addonPath,
        value: name,
        rule: `is not an EKS add-on this app knows (list from ${ADDONS_SOURCE}); an add-on AWS published since then is fine`,
        fix: near ? `did you mean ${near}?` : `check the name with aws eks describe-addon-versions; known: ${KNOWN_ADDONS.join(", ")}`,
      });
      continue;
    }
    const pinned = obj(addons[name]).version;
    if (typeof pinned !== "string" || !PINNED.test(pinned) || version === undefined) continue;
    const where = childPath(addonPath, "version");
    const seen = has(ADDON_VERSIONS, name) && has(ADDON_VERSIONS[name].versions, version) ? ADDON_VERSIONS[name].versions[version] : [];

    if (name === KUBE_PROXY_VERSION_RULE.addon) {
      const buildMinor = KUBE_PROXY_VERSION_RULE.versionPattern.exec(pinned)?.[1];
      if (buildMinor !== undefined && buildMinor !== version) {
        errors.push({
          path: where,
          value: pinned,
          rule:
            `is a kube-proxy build for Kubernetes ${buildMinor}, but kubernetesVersion is ${version}: ${KUBE_PROXY_VERSION_RULE.rule} ` +
            "(EKS offers each kube-proxy build for one cluster minor only, and kube-proxy follows Kubernetes' version skew policy)",
          fix: `use latest${seen.length > 0 ? `, or a ${version} build such as ${seen[0]}` : `, or a v${version}.x-eksbuild.N build`}`,
        });
        continue;
      }
    }
    if (seen.length > 0 && !seen.includes(pinned)) {
      warnings.push({
        path: where,
        value: pinned,
        rule: `is not among the ${name} builds this app saw offered for Kubernetes ${version} (${seen.join(", ")}; ${ADDON_BUILDS_SOURCE}); a newer build is fine`,
        fix: `check it with aws eks describe-addon-versions --addon-name ${name} --kubernetes-version ${version}, or use latest`,
      });
    }
  }

  return { errors, warnings };
}
