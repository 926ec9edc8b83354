/**
 * Security findings, computed from the synthesized Terraform JSON (what will be applied, not what the config
 * meant), then matched against the config's waivers.
 */
import { today } from "../config/today";
import { LOG_TYPES } from "../config/schema";
import { SECURITY_RULES, SecurityRule, Severity } from "../config/catalogs/security-rules";
import support from "./kubernetes-support.json";

export interface Finding {
  readonly rule: SecurityRule;
  /** Terraform address of the resource at fault. */
  readonly address: string;
  /** What is wrong, with the values found. */
  readonly detail: string;
  /** The waiver's reason, when a waiver names one of the rule's ids. */
  readonly waived?: string;
}

export interface Waiver {
  readonly rule: string;
  readonly reason: string;
}

type Json = Record<string, any>;

const rule = (key: string): SecurityRule => SECURITY_RULES.find((r) => r.key === key)!;

export { today };

/** Where a Kubernetes version stands in EKS's calendar on `date`. */
export function versionSupport(version: string, date: string): { phase: "standard" | "extended" | "ended" | "unknown"; detail: string } {
  const versions = support.versions as Record<string, { standardSupportEnds: string; extendedSupportEnds: string }>;
  const entry = versions[version];
  if (!entry) {
    const known = Object.keys(versions).map((v) => Number(v.split(".")[1]));
    const minor = Number(version.split(".")[1]);
    if (minor < Math.min(...known)) return { phase: "ended", detail: `${version} is older than every version in EKS's calendar: out of support` };
    return { phase: "unknown", detail: `${version} is not in the support calendar (data retrieved ${support.retrieved})` };
  }
  if (date <= entry.standardSupportEnds) return { phase: "standard", detail: `standard support until ${entry.standardSupportEnds}` };
  if (date <= entry.extendedSupportEnds) {
    return { phase: "extended", detail: `standard support ended ${entry.standardSupportEnds}; extended support (extra cost) until ${entry.extendedSupportEnds}` };
  }
  return { phase: "ended", detail: `standard support ended ${entry.standardSupportEnds} and extended support ${entry.extendedSupportEnds}` };
}

/** The statements of a trust policy that let anyone, or any principal of an account, assume the role. */
function wideTrust(policy: unknown): string[] {
  if (typeof policy !== "string") return [];
  let document: Json;
  try {
    document = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements: Json[] = [].concat(document.Statement ?? []);
  const wide: string[] = [];
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    const principals: unknown[] = s.Principal === "*" ? ["*"] : [].concat(s.Principal?.AWS ?? []);
    for (const p of principals) {
      if (p === "*" || (typeof p === "string" && (/^\d{12}$/.test(p) || /^arn:aws[\w-]*:iam::\d{12}:root$/.test(p)))) wide.push(String(p));
    }
  }
  return wide;
}

/** The Terraform resource a `${aws_launch_template.<name>.id}` reference points at. */
function referenced(tf: Json, type: string, reference: unknown): Json | undefined {
  const m = typeof reference === "string" ? new RegExp(`^\\$\\{${type}\\.([\\w-]+)\\.`).exec(reference) : null;
  return m ? tf.resource?.[type]?.[m[1]] : undefined;
}

/** Tag keys that say which environment a stack is, compared in lower case. */
export const ENVIRONMENT_TAG_KEYS: readonly string[] = ["environment", "env", "stage"];
/** Their values that mean production, compared in lower case. */
export const PRODUCTION_TAG_VALUES: readonly string[] = ["prod", "production", "prd"];

/** Whether tags mark production: a key environment, env or stage (any case) whose value is prod, production or prd (any case). */
export function isProduction(tags: unknown): boolean {
  if (typeof tags !== "object" || tags === null) return false;
  return Object.entries(tags as Record<string, unknown>).some(
    ([key, value]) => ENVIRONMENT_TAG_KEYS.includes(key.toLowerCase()) && typeof value === "string" && PRODUCTION_TAG_VALUES.includes(value.toLowerCase()),
  );
}

/** Every finding in one stack's Terraform JSON. */
export function findingsOf(tf: Json, waivers: readonly Waiver[] = [], date = today()): Finding[] {
  const found: Omit<Finding, "waived">[] = [];
  const resources = (type: string): [string, Json][] => Object.entries(tf.resource?.[type] ?? {});

  for (const [name, cluster] of resources("aws_eks_cluster")) {
    const address = `aws_eks_cluster.${name}`;
    const vpc = cluster.vpc_config ?? {};
    const isPublic = vpc.endpoint_public_access !== false; // the provider's default is true
    if (isPublic) {
      found.push({ rule: rule("public-endpoint"), address, detail: "vpc_config.endpoint_public_access is true: the API server is reachable from the internet" });
      const cidrs: string[] = vpc.public_access_cidrs ?? ["0.0.0.0/0"]; // EKS's default
      if (cidrs.includes("0.0.0.0/0")) {
        found.push({ rule: rule("open-endpoint"), address, detail: `vpc_config.public_access_cidrs is ${JSON.stringify(cidrs)}: any address may try` });
      }
    }
    const logs: string[] = cluster.enabled_cluster_log_types ?? [];
    const missing = LOG_TYPES.filter((t) => !logs.includes(t));
    if (missing.length > 0) {
      found.push({ rule: rule("control-plane-logs"), address, detail: `enabled_cluster_log_types lacks ${missing.join(", ")}` });
    }
    const encryption = [].concat(cluster.encryption_config ?? []) as Json[];
    if (!encryption.some((e) => (e.resources ?? []).includes("secrets") && e.provider?.key_arn)) {
      found.push({ rule: rule("secrets-encryption"), address, detail: "no encryption_config for secrets: they are stored with EKS's default encryption only" });
    }
    if (typeof cluster.version === "string") {
      const { phase, detail } = versionSupport(cluster.version, date);
      if (phase === "extended" || phase === "ended") found.push({ rule: rule("kubernetes-version"), address, detail: `Kubernetes ${cluster.version}: ${detail}` });
    }
  }

  for (const [name, group] of resources("aws_eks_node_group")) {
    const address = `aws_eks_node_group.${name}`;
    const ssh = group.remote_access;
    if (ssh?.ec2_ssh_key && (ssh.source_security_group_ids ?? []).length === 0) {
      found.push({ rule: rule("open-ssh"), address, detail: `remote_access with key ${ssh.ec2_ssh_key} and no source_security_group_ids: EKS opens port 22 to 0.0.0.0/0` });
    }
    const template = referenced(tf, "aws_launch_template", group.launch_template?.id);
    if (template?.metadata_options?.http_tokens !== "required") {
      found.push({
        rule: rule("imdsv2"),
        address,
        detail: template ? "its launch template does not set metadata_options.http_tokens = \"required\"" : "no launch template: the nodes accept IMDSv1",
      });
    }
    // Every EBS block device of the node group's launch template must be encrypted.
    const devices = [].concat(template?.block_device_mappings ?? []) as Json[];
    const clear = devices.filter((d) => d.ebs !== undefined && String(d.ebs.encrypted) !== "true").map((d) => d.device_name);
    if (clear.length > 0) {
      found.push({ rule: rule("node-volume-encryption"), address, detail: `its launch template leaves ${clear.join(", ")} unencrypted (ebs.encrypted is not "true")` });
    }
  }

  for (const [name, role] of resources("aws_iam_role")) {
    const wide = wideTrust(role.assume_role_policy);
    if (wide.length > 0) found.push({ rule: rule("trust-wildcard"), address: `aws_iam_role.${name}`, detail: `assume_role_policy trusts ${wide.join(", ")}` });
    // A web-identity trust (literal JSON, or a jsonencode() expression) that never names the issuer's :sub
    const trust = typeof role.assume_role_policy === "string" ? role.assume_role_policy : "";
    if (trust.includes("sts:AssumeRoleWithWebIdentity") && !trust.includes(":sub")) {
      found.push({ rule: rule("irsa-trust-without-sub"), address: `aws_iam_role.${name}`, detail: "assume_role_policy allows sts:AssumeRoleWithWebIdentity without a condition on <issuer>:sub" });
    }
  }

  // The CNI policy on a role the nodes assume (trusted by ec2.amazonaws.com)
  for (const [name, attachment] of resources("aws_iam_role_policy_attachment")) {
    if (typeof attachment.policy_arn !== "string" || !attachment.policy_arn.endsWith(":policy/AmazonEKS_CNI_Policy")) continue;
    const role = referenced(tf, "aws_iam_role", attachment.role);
    if (typeof role?.assume_role_policy === "string" && role.assume_role_policy.includes("ec2.amazonaws.com")) {
      found.push({ rule: rule("cni-policy-on-node-role"), address: `aws_iam_role_policy_attachment.${name}`, detail: "every pod that can reach the node's credentials gets the CNI's ENI and IP permissions" });
    }
  }

  // One NAT gateway for private subnets in several zones, in a production-tagged stack (the NAT carries the cluster's tags)
  const nats = resources("aws_nat_gateway");
  if (nats.length === 1 && isProduction(nats[0][1].tags)) {
    const zones = new Set(
      resources("aws_subnet")
        .filter(([, subnet]) => subnet.tags?.["kubernetes.io/role/internal-elb"] !== undefined)
        .map(([, subnet]) => subnet.availability_zone),
    );
    if (zones.size > 1) {
      found.push({
        rule: rule("single-nat-gateway"),
        address: `aws_nat_gateway.${nats[0][0]}`,
        detail: `the private subnets of ${zones.size} zones (${[...zones].join(", ")}) share this one NAT gateway: if its zone fails, every zone loses its way out`,
      });
    }
  }

  const order: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
  return found
    .sort((a, b) => order.indexOf(a.rule.severity) - order.indexOf(b.rule.severity)) // stable: rule order within a severity
    .map((f) => {
      const waiver = waivers.find((w) => f.rule.ids.includes(w.rule));
      return waiver ? { ...f, waived: waiver.reason } : f;
    });
}

/** Waivers that match no finding: stale, or a typo. */
export function unusedWaivers(findings: readonly Finding[], waivers: readonly Waiver[]): Waiver[] {
  return waivers.filter((w) => !findings.some((f) => f.rule.ids.includes(w.rule)));
}
