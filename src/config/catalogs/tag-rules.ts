/**
 * Tag rules for the resources this app tags: EKS (cluster, managed node group, add-on, access entry ...) and IAM
 * (roles, instance profiles, customer managed policies).
 *
 * Sources (retrieved 2026-12-01 from stored copies):
 * [EKS-MODEL] botocore/data/eks/2017-11-01/service-2.json (boto/botocore develop @ 0e6e2404b85dc336dd2889814e089bde7d1a4c55,
 *   file last changed 2026-06-30): `TagKey` string min 1 max 128 (no pattern); `TagValue` string max 256 (no min, no
 *   pattern); `TagMap` min 1 max 50 entries; `TagKeyList` (UntagResource) min 1 max 50. These are the constraints of
 *   the EKS API reference pages TagResource / CreateCluster / CreateNodegroup
 *   (https://docs.aws.amazon.com/eks/latest/APIReference/API_TagResource.html), generated from the same model.
 *   Every `tags` member says: "Tags don't propagate to any other cluster or Amazon Web Services resources."
 * [EKS-UG] EKS User Guide "Tag your Amazon EKS resources" > "Tag restrictions", awsdocs/amazon-eks-user-guide
 *   latest/ug/clusters/management/eks-using-tags.adoc (snapshot 4d52b4d05e3478582e7d10a73cbd9ba9194dd5f7, 2024-12-18).
 *   Managed node group tags: create-managed-node-group.adoc "These tags don't propagate to other resources in the node
 *   group, such as Auto Scaling groups or instances." and update-managed-node-group.adoc "These tags are only applied to
 *   the Amazon EKS node group. They don't propagate to other resources, such as subnets or Amazon EC2 instances".
 * [IAM-MODEL] botocore/data/iam/2010-05-08/service-2.json (same botocore snapshot): `tagKeyType` min 1 max 128 pattern
 *   `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`; `tagValueType` min 0 max 256 pattern `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`; `tagListType`
 *   max 50. Same as the IAM API Reference "Tag" page (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html).
 * [IAM-UG] IAM User Guide "Tagging IAM resources" > "Rules for tagging in IAM and AWS STS"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html), archived source awsdocs/iam-user-guide
 *   doc_source/id_tags.md @ c5e04d4017be8e955a7ddbe0fae44368da1312b0 (undated, archived repository).
 *
 * Known gaps:
 * - EKS enforces no character pattern in its model; the character list in [EKS-UG] is advice ("Some services might have
 *   restrictions on allowed characters. Generally, allowed characters are ..."). Tags the app puts on both EKS and IAM
 *   resources should satisfy the IAM pattern.
 * - Whether EKS counts lengths in UTF-8 characters or bytes: [EKS-UG] says "up to 128 characters long in UTF-8".
 * - The 50-tag limit per IAM resource is from the model (`tagListType` max 50); the current IAM quotas page was not read.
 */

export interface TagRules {
  readonly keyMinLength: number;
  readonly keyMaxLength: number;
  readonly valueMinLength: number;
  readonly valueMaxLength: number;
  readonly maxTagsPerResource: number;
  /** Enforced key pattern (whole string), if the service enforces one. */
  readonly keyPattern?: RegExp;
  /** Enforced value pattern (whole string), if the service enforces one. */
  readonly valuePattern?: RegExp;
  /** Prefix reserved for AWS (case-insensitive). */
  readonly reservedPrefix: string;
  /** Whether two keys differing only in case are the same key. */
  readonly keysCaseInsensitive?: boolean;
  readonly notes: readonly string[];
}

/** Characters AWS generally allows in tags: Unicode letters, separators (spaces), numbers and `_ . : / = + - @`. */
export const AWS_TAG_CHARACTERS = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";

export const EKS_TAG_RULES: TagRules = {
  keyMinLength: 1,
  keyMaxLength: 128,
  valueMinLength: 0,
  valueMaxLength: 256,
  maxTagsPerResource: 50,
  reservedPrefix: "aws:",
  notes: [
    "[EKS-MODEL] no key/value pattern is enforced; [EKS-UG] recommends letters, numbers, spaces and + - = . _ : / @.",
    "[EKS-UG] Tag keys and values are case sensitive; each key unique per resource.",
    "[EKS-UG] Don't use `aws:` in any case as a prefix for keys or values; such tags don't count against the 50.",
    "[EKS-UG] `aws:eks:cluster-name` is added to EC2 instances of the cluster by AWS and doesn't count towards the 50.",
    "Managed node group tags apply to the node group resource only: they don't propagate to the Auto Scaling group, " +
      "instances, subnets or volumes [EKS-UG]. Tag instances through a launch template's TagSpecifications instead.",
    "Cluster / Fargate profile tags don't propagate either [EKS-MODEL, EKS-UG].",
  ],
};

export const IAM_TAG_RULES: TagRules = {
  keyMinLength: 1,
  keyMaxLength: 128,
  valueMinLength: 0,
  valueMaxLength: 256,
  maxTagsPerResource: 50,
  keyPattern: new RegExp(`^${AWS_TAG_CHARACTERS}+$`, "u"),
  valuePattern: new RegExp(`^${AWS_TAG_CHARACTERS}*$`, "u"),
  reservedPrefix: "aws:",
  keysCaseInsensitive: true,
  notes: [
    "[IAM-UG] Tag key values for IAM users and roles are not case sensitive, but case is preserved (Department and " +
      "department are one key); for customer managed policies, instance profiles, OIDC/SAML providers, server " +
      "certificates and virtual MFA devices keys are case sensitive. keysCaseInsensitive applies to roles and users only.",
    "[IAM-UG] You cannot create a tag key or value that begins with aws:. Empty values are allowed, empty keys are not.",
    "[IAM-MODEL] patterns are Java-style Unicode classes: \\p{L} letters, \\p{Z} separators, \\p{N} numbers.",
  ],
};
