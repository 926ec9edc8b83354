/**
 * AWS Regions per partition, which partition a Region name belongs to, and where Amazon EKS has an endpoint.
 *
 * Sources (retrieved 2026-12-01 from stored copies; the dates are those of the copies, not of the retrieval):
 * - boto/botocore, branch develop, HEAD 0e6e2404b85dc336dd2889814e089bde7d1a4c55 (2026-08-07), botocore 1.43.67:
 *   - botocore/data/partitions.json (last changed e3ae2081184335ff69687f8dacc798e58715af1d, 2026-01-15):
 *     the `regions` and `regionRegex` of each partition;
 *   - botocore/data/endpoints.json (last changed f6c173905c660b7c2b7cc1808652d1cb19504ddb, 2026-08-07):
 *     the same partitions, regions and regexes, and `services.eks.endpoints` per partition.
 *   https://github.com/boto/botocore/blob/develop/botocore/data/partitions.json
 *   https://github.com/boto/botocore/blob/develop/botocore/data/endpoints.json
 * - AWS General Reference, "Amazon Elastic Kubernetes Service endpoints and quotas"
 *   (https://docs.aws.amazon.com/general/latest/gr/eks.html), as a markdown copy in the search index (undated):
 *   lists EKS endpoints for the same 34 commercial Regions (ap-southeast-6 included) and both GovCloud Regions; it
 *   does not list China, ISO or European Sovereign Cloud partitions. It agrees with botocore for the Regions it lists.
 *
 * Known gaps:
 * - Pseudo-regions (`aws-global`, `aws-cn-global`, `aws-us-gov-global`, `aws-iso-global`, ...) that partitions.json
 *   lists for global endpoints are left out: they are not Regions you can create an EKS cluster in.
 * - FIPS pseudo-endpoints such as `fips-us-east-1` (deprecated spellings in endpoints.json) are not Regions either.
 * - A Region announced after 2026-08-07 is missing from the lists; `partitionOfRegion` still classifies it by prefix.
 *   No newer Region name (e.g. ap-southeast-8) was found in any stored source.
 * - EKS in aws-iso, aws-iso-b, aws-iso-e and aws-iso-f is taken from botocore's endpoints.json only: the endpoint
 *   exists there, but whether every EKS feature (managed node groups, add-ons, access entries) works there is unconfirmed.
 */

/** Every partition id botocore 1.43.67 knows, in the order of its partitions.json. */
export const PARTITIONS = [
  "aws",
  "aws-cn",
  "aws-eusc",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-us-gov",
] as const;

/** Regions per partition (botocore partitions.json, 2026-01-15; identical in endpoints.json, 2026-08-07). */
export const REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1", // Africa (Cape Town)
    "ap-east-1", // Asia Pacific (Hong Kong)
    "ap-east-2", // Asia Pacific (Taipei)
    "ap-northeast-1", // Asia Pacific (Tokyo)
    "ap-northeast-2", // Asia Pacific (Seoul)
    "ap-northeast-3", // Asia Pacific (Osaka)
    "ap-south-1", // Asia Pacific (Mumbai)
    "ap-south-2", // Asia Pacific (Hyderabad)
    "ap-southeast-1", // Asia Pacific (Singapore)
    "ap-southeast-2", // Asia Pacific (Sydney)
    "ap-southeast-3", // Asia Pacific (Jakarta)
    "ap-southeast-4", // Asia Pacific (Melbourne)
    "ap-southeast-5", // Asia Pacific (Malaysia)
    "ap-southeast-6", // Asia Pacific (New Zealand)
    "ap-southeast-7", // Asia Pacific (Thailand)
    "ca-central-1", // Canada (Central)
    "ca-west-1", // Canada West (Calgary)
    "eu-central-1", // Europe (Frankfurt)
    "eu-central-2", // Europe (Zurich)
    "eu-north-1", // Europe (Stockholm)
    "eu-south-1", // Europe (Milan)
    "eu-south-2", // Europe (Spain)
    "eu-west-1", // Europe (Ireland)
    "eu-west-2", // Europe (London)
    "eu-west-3", // Europe (Paris)
    "il-central-1", // Israel (Tel Aviv)
    "me-central-1", // Middle East (UAE)
    "me-south-1", // Middle East (Bahrain)
    "mx-central-1", // Mexico (Central)
    "sa-east-1", // South America (Sao Paulo)
    "us-east-1", // US East (N. Virginia)
    "us-east-2", // US East (Ohio)
    "us-west-1", // US West (N. California)
    "us-west-2", // US West (Oregon)
  ],
  "aws-cn": [
    "cn-north-1", // China (Beijing)
    "cn-northwest-1", // China (Ningxia)
  ],
  "aws-us-gov": [
    "us-gov-east-1", // AWS GovCloud (US-East)
    "us-gov-west-1", // AWS GovCloud (US-West)
  ],
  "aws-iso": [
    "us-iso-east-1", // US ISO East
    "us-iso-west-1", // US ISO WEST
  ],
  "aws-iso-b": [
    "us-isob-east-1", // US ISOB East (Ohio)
    "us-isob-west-1", // US ISOB West
  ],
  "aws-iso-e": [
    "eu-isoe-west-1", // EU ISOE West
  ],
  "aws-iso-f": [
    "us-isof-east-1", // US ISOF EAST
    "us-isof-south-1", // US ISOF SOUTH
  ],
  "aws-eusc": [
    "eusc-de-east-1", // AWS European Sovereign Cloud (Germany)
  ],
};

/**
 * `regionRegex` of each partition, verbatim from botocore partitions.json / endpoints.json (JavaScript accepts the
 * same syntax). The patterns do not overlap: the `aws` pattern allows one word between the prefix and the number, so
 * `us-gov-west-1`, `us-iso-east-1` or `eu-isoe-west-1` (two words) never match it.
 */
export const REGION_REGEX_BY_PARTITION: Readonly<Record<string, RegExp>> = {
  aws: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/,
  "aws-cn": /^cn\-\w+\-\d+$/,
  "aws-eusc": /^eusc\-(de)\-\w+\-\d+$/,
  "aws-iso": /^us\-iso\-\w+\-\d+$/,
  "aws-iso-b": /^us\-isob\-\w+\-\d+$/,
  "aws-iso-e": /^eu\-isoe\-\w+\-\d+$/,
  "aws-iso-f": /^us\-isof\-\w+\-\d+$/,
  "aws-us-gov": /^us\-gov\-\w+\-\d+$/,
};

/**
 * The partition of a Region name, the way botocore resolves it: a Region listed explicitly in a partition wins;
 * otherwise the first partition whose `regionRegex` matches. Undefined for names no partition claims (a typo, or a
 * prefix AWS has not used yet).
 */
export function partitionOfRegion(region: string): string | undefined {
  for (const [partition, regions] of Object.entries(REGIONS_BY_PARTITION)) {
    if (regions.includes(region)) return partition;
  }
  for (const [partition, regex] of Object.entries(REGION_REGEX_BY_PARTITION)) {
    if (regex.test(region)) return partition;
  }
  return undefined;
}

/**
 * Regions where Amazon EKS has a Regional endpoint: the keys of `services.eks.endpoints` in botocore endpoints.json
 * (2026-08-07), without the deprecated `fips-*` aliases. In the snapshot this is every Region of every partition.
 * FIPS endpoints: `fips.eks.<region>.amazonaws.com` for us-east-1, us-east-2, us-west-1 and us-west-2; in GovCloud the
 * normal endpoint is the FIPS one.
 * The related `eks-auth` service (used by the EKS Pod Identity Agent) has endpoints in all `aws`, `aws-cn`,
 * `aws-us-gov` and `aws-eusc` Regions, but none in the ISO partitions (botocore endpoints.json, 2026-08-07), so EKS
 * Pod Identity there is unconfirmed.
 */
export const EKS_REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: REGIONS_BY_PARTITION.aws,
  "aws-cn": REGIONS_BY_PARTITION["aws-cn"],
  "aws-us-gov": REGIONS_BY_PARTITION["aws-us-gov"],
  "aws-iso": REGIONS_BY_PARTITION["aws-iso"],
  "aws-iso-b": REGIONS_BY_PARTITION["aws-iso-b"],
  "aws-iso-e": REGIONS_BY_PARTITION["aws-iso-e"],
  "aws-iso-f": REGIONS_BY_PARTITION["aws-iso-f"],
  "aws-eusc": REGIONS_BY_PARTITION["aws-eusc"],
};

/** DNS suffix of each partition (partitions.json `outputs.dnsSuffix`), e.g. for IAM/STS/OIDC endpoint names. */
export const DNS_SUFFIX_BY_PARTITION: Readonly<Record<string, string>> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-eusc": "amazonaws.eu",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
  "aws-iso-e": "cloud.adc-e.uk",
  "aws-iso-f": "csp.hci.ic.gov",
  "aws-us-gov": "amazonaws.com",
};
