/**
 * Amazon EKS Kubernetes versions: upstream release, EKS release, end of standard and end of extended support.
 *
 * Sources (retrieved 2026-12-01 from stored copies):
 * - Amazon EKS User Guide, "Understand the Kubernetes version lifecycle on EKS" > "Amazon EKS Kubernetes release
 *   calendar" (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar),
 *   source file awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc:
 *   - at commit 0e7fca3762579493a98cb32ab54b137ab194a2d7 (undated in the index; it lists 1.35 as available and 1.29 as
 *     still in extended support, so it is from between 2026-01-27 and 2026-03-23): rows 1.29 to 1.35;
 *   - at commit 8596db85c9ea47d3c692d8c7c0498f616187d44d (newest row 1.33, so mid-2025): the row for 1.28, which later
 *     copies drop.
 *   The page states: "The dates in the following table use the UTC+0 timezone" and "A minor version is under standard
 *   support in Amazon EKS for the first 14 months after it's released. Once a version is past the end of standard
 *   support date, it enters extended support for the next 12 months."
 * - Amazon EKS User Guide, "View Amazon EKS platform versions" (latest/ug/versioning/platform-versions.adoc at commit
 *   0dc92e2a0d2670044c57d5adeb370d5d37db0596, newest entry 2026-04-03): the date of each minor's initial `eks.N`.
 * - For 1.36 only third-party material was found (see UNCONFIRMED_VERSIONS).
 *
 * Known gaps:
 * - No copy of the release calendar with a 1.36 (or 1.37) row was found. 1.36 exists on EKS: the EKS User Guide page
 *   "Review release notes for Kubernetes versions on standard support" (docs.aws.amazon.com/he_il copy in the docs
 *   corpus) has a "Kubernetes 1.36 is now available in Amazon EKS" section, and aws-cdk-lib v2.275.0 has
 *   `KubernetesVersion.V1_36`; but its official dates are unconfirmed.
 * - Upstream Kubernetes 1.37 was released 2026-08-26 (kubernetes.io/releases/1.37); whether EKS offers it by
 *   2026-12-01 is unknown.
 * - Dates are calendar dates (UTC); the EKS API (DescribeClusterVersions) returns timestamps that may fall on the
 *   previous day in US time zones (the guide's own example shows 1.31 release as 2024-09-25T17:00:00-07:00).
 */

export interface EksKubernetesVersion {
  /** Upstream Kubernetes release date (YYYY-MM-DD). */
  readonly upstreamRelease: string;
  /** Amazon EKS release date per the release calendar (YYYY-MM-DD, UTC). */
  readonly eksRelease: string;
  /** End of standard support (YYYY-MM-DD, UTC); extended-support billing starts on this day. */
  readonly endOfStandardSupport: string;
  /** End of extended support (YYYY-MM-DD, UTC); after it the control plane is auto-upgraded. */
  readonly endOfExtendedSupport: string;
  /** Which copy of the calendar the row comes from. */
  readonly source: string;
  readonly note?: string;
}

const CALENDAR_2026Q1 =
  "awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc @ 0e7fca3762579493a98cb32ab54b137ab194a2d7";
const CALENDAR_2025 =
  "awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc @ 8596db85c9ea47d3c692d8c7c0498f616187d44d";

/** The EKS Kubernetes release calendar, 1.28 to 1.35 (newest first). */
export const EKS_KUBERNETES_VERSIONS: Readonly<Record<string, EksKubernetesVersion>> = {
  "1.35": {
    upstreamRelease: "2025-12-17",
    eksRelease: "2026-01-27",
    endOfStandardSupport: "2027-03-27",
    endOfExtendedSupport: "2028-03-27",
    source: CALENDAR_2026Q1,
    note: "platform-versions.adoc: 1.35.0 eks.3 'Initial release' January 27, 2026 (eks.1/eks.2 never listed)",
  },
  "1.34": {
    upstreamRelease: "2025-08-27",
    eksRelease: "2025-10-02",
    endOfStandardSupport: "2026-12-02",
    endOfExtendedSupport: "2027-12-02",
    source: CALENDAR_2026Q1,
    note: "platform-versions.adoc: 1.34.1 eks.4 'Initial release' October 2, 2025",
  },
  "1.33": {
    upstreamRelease: "2025-04-23",
    eksRelease: "2025-05-29",
    endOfStandardSupport: "2026-07-29",
    endOfExtendedSupport: "2027-07-29",
    source: CALENDAR_2026Q1,
    note: "platform-versions.adoc disagrees by a day: 1.33.1 eks.4 'Initial release' May 28, 2025",
  },
  "1.32": {
    upstreamRelease: "2024-12-11",
    eksRelease: "2025-01-23",
    endOfStandardSupport: "2026-03-23",
    endOfExtendedSupport: "2027-03-23",
    source: CALENDAR_2026Q1,
    note: "platform-versions.adoc gives only 'January 2025' for 1.32.0 eks.2",
  },
  "1.31": {
    upstreamRelease: "2024-08-13",
    eksRelease: "2024-09-26",
    endOfStandardSupport: "2025-11-26",
    endOfExtendedSupport: "2026-11-26",
    source: CALENDAR_2026Q1,
  },
  "1.30": {
    upstreamRelease: "2024-04-17",
    eksRelease: "2024-05-23",
    endOfStandardSupport: "2025-07-23",
    endOfExtendedSupport: "2026-07-23",
    source: CALENDAR_2026Q1,
  },
  "1.29": {
    upstreamRelease: "2023-12-13",
    eksRelease: "2024-01-23",
    endOfStandardSupport: "2025-03-23",
    endOfExtendedSupport: "2026-03-23",
    source: CALENDAR_2026Q1,
  },
  "1.28": {
    upstreamRelease: "2023-08-15",
    eksRelease: "2023-09-26",
    endOfStandardSupport: "2024-11-26",
    endOfExtendedSupport: "2025-11-26",
    source: CALENDAR_2025,
  },
};

/** The support policy the calendar follows, as the same page states it. */
export const EKS_SUPPORT_POLICY = {
  standardSupportMonths: 14,
  extendedSupportMonths: 12,
  sentence:
    "A minor version is under standard support in Amazon EKS for the first 14 months after it's released. Once a " +
    "version is past the end of standard support date, it enters extended support for the next 12 months.",
  source: CALENDAR_2026Q1,
} as const;

/**
 * Versions EKS offers whose dates no AWS source in the stores confirms.
 * // unconfirmed: 1.36 dates come from a third-party blog post (devopsdreams.blogspot.com, "Kubernetes 1.36 on
 * // Amazon EKS", published 2026-08-16, updated 2026-10-09): "Kubernetes 1.36 reached Amazon EKS on June 2, 2026 and
 * // remains in standard support through August 2, 2027." The end of extended support is derived from the 12-month
 * // rule, not read anywhere. The upstream 1.36 release date was not found.
 */
export const UNCONFIRMED_VERSIONS: Readonly<Record<string, Partial<EksKubernetesVersion>>> = {
  "1.36": {
    eksRelease: "2026-06-02",
    endOfStandardSupport: "2027-08-02",
    endOfExtendedSupport: "2028-08-02",
    source: "https://devopsdreams.blogspot.com/2026/08/kubernetes-136-on-amazon-eks-upgrade.html (third party)",
    note: "endOfExtendedSupport derived (+12 months), not sourced",
  },
};

/**
 * Differences from src/review/kubernetes-support.json (retrieved 2026-11-24 from the user guide's 14+12 month rule and
 * endoflife.date). Its standard/extended end dates all match the calendar; four EKS release dates do not. The JSON's
 * release dates match endoflife.date's products/amazon-eks.md, which takes them from EKS Distro / platform-version
 * announcements rather than from the release calendar. 1.36 is missing from the JSON.
 */
export const DIFFERENCES_FROM_REVIEW_JSON: readonly {
  readonly version: string;
  readonly field: "released";
  readonly reviewJson: string;
  readonly releaseCalendar: string;
}[] = [
  { version: "1.32", field: "released", reviewJson: "2025-01-25", releaseCalendar: "2025-01-23" },
  { version: "1.33", field: "released", reviewJson: "2025-05-28", releaseCalendar: "2025-05-29" },
  { version: "1.34", field: "released", reviewJson: "2025-10-06", releaseCalendar: "2025-10-02" },
  { version: "1.35", field: "released", reviewJson: "2026-01-28", releaseCalendar: "2026-01-27" },
];
