/**
 * Rules across keys for managed node groups beyond the basics (issue 14): launch template settings (root volume,
 * kubelet user data, custom AMIs, security groups, tags at launch, Capacity Blocks), node repair and versions. Every
 * rule mirrors an AWS limit or API error and cites it. The provider (hashicorp/aws 5.100.0) checks none of these
 * conflicts at plan time except gp3 throughput 125-1000, which the schema holds too.
 *
 * Sources:
 * [LT] EKS User Guide "Customize managed nodes with launch templates" (launch-templates.html): settings prohibited in the
 *   node group with a launch template (`disk_size`, `remote_access`; `ami_type` unless CUSTOM when the template names
 *   an AMI), security groups ("custom security groups replace the cluster security group"), user data formats (MIME
 *   multi-part for Amazon Linux, TOML for Bottlerocket; "Don't specify any commands in your user data that starts or
 *   modifies kubelet"), "If a custom AMI ID is specified in a launch template, Amazon EKS doesn't merge user data."
 * [EBS-API] EC2 API LaunchTemplateEbsBlockDeviceRequest: Iops "gp3: 3,000 - 16,000 IOPS; io1: 100 - 64,000 IOPS; io2:
 *   100 - 256,000 IOPS ... This parameter is supported for io1, io2, and gp3 volumes only ... required for io1 and io2";
 *   Throughput "Valid only for gp3 ... Valid Range: Minimum value of 125. Maximum value of 1000"; VolumeSize "gp2 and
 *   gp3: 1 - 16,384 GiB; io1: 4 - 16,384 GiB; io2: 4 - 65,536 GiB".
 * [EBS-GP3] EBS User Guide "General Purpose SSD volumes" (general-purpose.html#gp3-ebs-volume-type): "The maximum ratio of
 *   provisioned IOPS to provisioned volume size is 500 IOPS per GiB"; "The maximum ratio of provisioned throughput to
 *   provisioned IOPS is .25 MiB/s per IOPS".
 * [EBS-IO] EBS User Guide "Provisioned IOPS SSD volumes": io1 at most 50 IOPS per GiB, io2 at most 1,000 IOPS per GiB.
 *   Not re-read from a primary source in this work: these two are warnings, not errors.
 * [ASG-KMS] EC2 Auto Scaling User Guide "Required AWS KMS key policy for use with encrypted volumes": a customer managed
 *   key must allow the AWSServiceRoleForAutoScaling service-linked role, or instances fail to launch.
 * [CB] EKS User Guide "Create a managed node group with Capacity Blocks for ML" (capacity-blocks-mng.html): only with a
 *   launch template naming the reservation, market type capacity-block and an instance type; capacity type
 *   CAPACITY_BLOCK; "If the capacity type isn't set to "CAPACITY_BLOCK" or any of the other above required launch
 *   template values are missing, then the create request will be rejected."
 * [RELEASE] EKS API CreateNodegroup releaseVersion: "If you specify launchTemplate, and your launch template uses a
 *   custom AMI, then don't specify releaseVersion, or the node group deployment will fail"; EKS-optimized Amazon Linux
 *   release versions are <kubernetes version>-<build date> (e.g. 1.31.0-20241024: awslabs/amazon-eks-ami releases).
 * [AL2] EKS stopped publishing EKS-optimized AL2 AMIs on November 26, 2025 (EKS User Guide al2023.html); AL2 user data
 *   is a shell script that must not start or modify the kubelet [LT], and EKS's own bootstrap owns its arguments.
 */
import { AMI_FAMILY_PREFIXES, AMI_ROOT_VOLUMES } from "../catalogs/ami-root-volumes";
import { podLimit } from "../instance-types";
import { LAUNCH_TEMPLATE_KEYS, usesLaunchTemplate } from "../names";
import { Found, isInt, isString, list, obj, PathOf } from "./rule-kit";

/** Size, IOPS and throughput limits per volume type [EBS-API]. */
export const VOLUME_LIMITS = {
  gp3: { minSize: 1, maxSize: 16384, minIops: 3000, maxIops: 16000, defaultIops: 3000, iopsPerGiB: 500 },
  gp2: { minSize: 1, maxSize: 16384 },
  io1: { minSize: 4, maxSize: 16384, minIops: 100, maxIops: 64000, iopsPerGiB: 50 },
  io2: { minSize: 4, maxSize: 65536, minIops: 100, maxIops: 256000, iopsPerGiB: 1000 },
} as const;
/** gp3: at most 0.25 MiB/s of throughput per provisioned IOPS [EBS-GP3]. */
export const GP3_THROUGHPUT_PER_IOPS = 0.25;

/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkNodeGroupCompute(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  list(c.nodeGroups).forEach((raw, i) => {
    const g = obj(raw);
    const at = (...keys: (string | number)[]) => path("nodeGroups", i, ...keys);
    const givenGroup = obj(list(given.nodeGroups)[i]);
    checkRootVolume(c, g, givenGroup, at, found);
    checkKubelet(c, g, at, found);
    checkCustomAmi(g, at, found);
    checkLaunchTemplateConflicts(c, g, at, found);
    checkCapacityBlock(g, at, found);
    checkReleaseVersion(c, g, at, found);
  });
}

function amiFamily(amiType: unknown): (typeof AMI_FAMILY_PREFIXES)[number] | undefined {
  return isString(amiType) ? AMI_FAMILY_PREFIXES.find((p) => amiType.startsWith(p)) : undefined;
}

function checkRootVolume(c: Record<string, any>, g: Record<string, any>, givenGroup: Record<string, any>, at: PathOf, found: Found): void {
  if (g.rootVolume === undefined) return;
  const v = obj(g.rootVolume);
  const type: keyof typeof VOLUME_LIMITS = isString(v.type) && v.type in VOLUME_LIMITS ? (v.type as keyof typeof VOLUME_LIMITS) : "gp3";
  const limits: { minSize: number; maxSize: number; minIops?: number; maxIops?: number; iopsPerGiB?: number } = VOLUME_LIMITS[type];
  const sizeGiven = isInt(v.size);
  const size = sizeGiven ? (v.size as number) : isInt(g.diskSize) ? (g.diskSize as number) : undefined;

  if (sizeGiven && givenGroup.diskSize !== undefined && givenGroup.diskSize !== v.size) {
    found.warnings.push({
      path: at("diskSize"),
      value: givenGroup.diskSize,
      rule: `is not used: rootVolume.size (${v.size} GiB) sizes the volume in the launch template, and EKS rejects disk_size beside a launch template [EKS User Guide launch-templates]`,
      fix: "remove diskSize, or drop rootVolume.size to use diskSize",
    });
  }
  // The AMI's snapshot floor (catalogs/ami-root-volumes.ts), as for diskSize.
  const family = amiFamily(g.amiType);
  const minimum = family ? AMI_ROOT_VOLUMES[family].safeMinimumDiskSizeGiB : undefined;
  if (sizeGiven && minimum !== undefined && (v.size as number) < minimum) {
    found.errors.push({
      path: at("rootVolume", "size"),
      value: v.size,
      rule: `is below ${minimum} GiB, the smallest volume for amiType ${g.amiType} (its AMI snapshot or EKS's floor: catalogs/ami-root-volumes.ts)`,
      fix: `set rootVolume.size to ${minimum} or more`,
    });
  }
  if (size !== undefined && (size < limits.minSize || size > limits.maxSize)) {
    found.errors.push({
      path: at("rootVolume", sizeGiven ? "size" : "type"),
      value: sizeGiven ? size : type,
      rule: `${type} volumes are ${limits.minSize}-${limits.maxSize} GiB, and the volume is ${size} GiB (EC2 API LaunchTemplateEbsBlockDeviceRequest.VolumeSize)`,
      fix: size > limits.maxSize ? `use at most ${limits.maxSize} GiB${type !== "io2" ? ", or io2 (up to 65536)" : ""}` : `use at least ${limits.minSize} GiB`,
    });
  }

  // IOPS
  if (isInt(v.iops)) {
    if (limits.minIops === undefined || limits.maxIops === undefined) {
      found.errors.push({
        path: at("rootVolume", "iops"),
        value: v.iops,
        rule: "applies to gp3, io1 and io2 only: gp2 IOPS follow the size (3 per GiB) (EC2 API LaunchTemplateEbsBlockDeviceRequest.Iops)",
        fix: "remove iops, or use type gp3",
      });
    } else if (v.iops < limits.minIops || v.iops > limits.maxIops) {
      found.errors.push({
        path: at("rootVolume", "iops"),
        value: v.iops,
        rule: `must be ${limits.minIops}-${limits.maxIops} for ${type} (EC2 API LaunchTemplateEbsBlockDeviceRequest.Iops)`,
        fix: `use ${Math.min(Math.max(v.iops, limits.minIops), limits.maxIops)}`,
      });
    } else if (size !== undefined && limits.iopsPerGiB !== undefined && v.iops > size * limits.iopsPerGiB) {
      const needed = Math.ceil(v.iops / limits.iopsPerGiB);
      const issue = {
        path: at("rootVolume", "iops"),
        value: v.iops,
        rule: `exceeds ${limits.iopsPerGiB} IOPS per GiB on a ${size} GiB ${type} volume (at most ${size * limits.iopsPerGiB}) (EBS User Guide, ${type === "gp3" ? "General Purpose" : "Provisioned IOPS"} SSD volumes)`,
        fix: `use at most ${size * limits.iopsPerGiB} IOPS, or a volume of ${needed} GiB or more`,
      };
      (type === "gp3" ? found.errors : found.warnings).push(issue);
    }
  } else if (type === "io1" || type === "io2") {
    found.errors.push({
      path: at("rootVolume", "iops"),
      value: undefined,
      rule: `is required for ${type} volumes (EC2 API LaunchTemplateEbsBlockDeviceRequest.Iops: "required for io1 and io2 volumes")`,
      fix: `add iops, ${limits.minIops}-${limits.maxIops}`,
    });
  }

  // Throughput: gp3 only, and at most 0.25 MiB/s per IOPS
  if (isInt(v.throughput)) {
    if (type !== "gp3") {
      found.errors.push({
        path: at("rootVolume", "throughput"),
        value: v.throughput,
        rule: `applies to gp3 volumes only, and type is ${type} (EC2 API LaunchTemplateEbsBlockDeviceRequest.Throughput)`,
        fix: "remove throughput, or use type gp3",
      });
    } else {
      const iops = isInt(v.iops) ? v.iops : VOLUME_LIMITS.gp3.defaultIops;
      if (v.throughput > iops * GP3_THROUGHPUT_PER_IOPS) {
        found.errors.push({
          path: at("rootVolume", "throughput"),
          value: v.throughput,
          rule: `exceeds 0.25 MiB/s per provisioned IOPS: ${iops} IOPS${isInt(v.iops) ? "" : " (gp3's default)"} allow at most ${iops * GP3_THROUGHPUT_PER_IOPS} MiB/s (EBS User Guide, General Purpose SSD volumes)`,
          fix: `set iops to ${Math.ceil(v.throughput / GP3_THROUGHPUT_PER_IOPS)} or more, or throughput to ${iops * GP3_THROUGHPUT_PER_IOPS} or less`,
        });
      }
    }
  }

  // Encryption
  if (v.encrypted === false) {
    if (v.kmsKeyArn !== undefined) {
      found.errors.push({
        path: at("rootVolume", "kmsKeyArn"),
        value: v.kmsKeyArn,
        rule: "names a key for a volume with encrypted: false (EC2 needs Encrypted true for a KmsKeyId)",
        fix: "remove kmsKeyArn, or set encrypted: true",
      });
    } else {
      found.warnings.push({
        path: at("rootVolume", "encrypted"),
        value: false,
        rule: "the nodes' volume is not encrypted (unless the account turns on EBS encryption by default): container images, logs and emptyDir data sit on it in the clear",
        fix: "remove encrypted (the default is true), or accept it with a waiver of EKS_NODE_VOLUME_UNENCRYPTED",
      });
    }
  }
  if (isString(v.kmsKeyArn)) {
    const keyRegion = v.kmsKeyArn.split(":")[3];
    if (isString(c.region) && keyRegion !== c.region) {
      found.errors.push({
        path: at("rootVolume", "kmsKeyArn"),
        value: v.kmsKeyArn,
        rule: `is a key in ${keyRegion}, but the nodes run in ${c.region}: EBS encrypts with a key of the volume's region`,
        fix: `use a key created in ${c.region}`,
      });
    } else {
      found.warnings.push({
        path: at("rootVolume", "kmsKeyArn"),
        value: v.kmsKeyArn,
        rule: "a customer managed key must allow the EC2 Auto Scaling service-linked role (AWSServiceRoleForAutoScaling) to use it, or the nodes fail to launch (EC2 Auto Scaling User Guide, key policy for encrypted volumes)",
        fix: "add the key policy statements for the role arn:<partition>:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling before creating the node group",
      });
    }
  }
}

/** Whether vpc-cni hands out /28 prefixes (configurationValues env ENABLE_PREFIX_DELEGATION "true"). */
function prefixDelegation(c: Record<string, any>): boolean {
  return String(obj(obj(obj(obj(c.addons)["vpc-cni"]).configurationValues).env).ENABLE_PREFIX_DELEGATION) === "true";
}

/**
 * Label keys in the kubernetes.io / k8s.io namespaces the kubelet still sets on itself: "Labels in the 'kubernetes.io'
 * namespace must begin with an allowed prefix (kubelet.kubernetes.io, node.kubernetes.io) or be in the specifically
 * allowed set" (kubelet reference, --node-labels); any other one and the kubelet refuses to start.
 */
const KUBELET_ALLOWED_LABELS = new Set([
  "beta.kubernetes.io/arch",
  "beta.kubernetes.io/instance-type",
  "beta.kubernetes.io/os",
  "failure-domain.beta.kubernetes.io/region",
  "failure-domain.beta.kubernetes.io/zone",
  "kubernetes.io/arch",
  "kubernetes.io/hostname",
  "kubernetes.io/os",
  "node.kubernetes.io/instance-type",
  "topology.kubernetes.io/region",
  "topology.kubernetes.io/zone",
]);
const KUBELET_ALLOWED_LABEL_PREFIXES = ["kubelet.kubernetes.io", "node.kubernetes.io"];
/** A label value: empty, or 1-63 characters of letters, digits, - _ . starting and ending with a letter or digit. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A label key's name part (after an optional DNS-subdomain prefix and /). */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const TAINT_EFFECTS_KUBELET = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** What is wrong with a node label key the kubelet is given, or undefined. */
function kubeletLabelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : "";
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (!LABEL_NAME.test(name) || name.length > 63) return `its name ${JSON.stringify(name)} is not a label name (1-63 letters, digits, - _ ., starting and ending with a letter or digit)`;
  if (prefix !== "" && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return `its prefix ${JSON.stringify(prefix)} is not a DNS subdomain`;
  const restricted = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  if (restricted && !KUBELET_ALLOWED_LABELS.has(key) && !KUBELET_ALLOWED_LABEL_PREFIXES.some((p) => prefix === p || prefix.endsWith(`.${p}`))) {
    return `it is in the kubernetes.io / k8s.io namespace, which the kubelet keeps to itself except kubelet.kubernetes.io/*, node.kubernetes.io/* and its own topology and OS labels: it refuses to start (kubelet reference, --node-labels), so the nodes never join`;
  }
  return undefined;
}

/**
 * The flags the kubelet would refuse at start (the node then never joins: CreateNodegroup ends in NodeCreationFailure):
 * `--node-labels` (key=value pairs: label keys and values, and the kubelet's own namespaces) and
 * `--register-with-taints` (key[=value]:Effect, Effect one of NoSchedule, PreferNoSchedule, NoExecute).
 */
function checkKubeletFlag(flag: string, path: string, found: Found): void {
  const eq = flag.indexOf("=");
  const name = eq >= 0 ? flag.slice(0, eq) : flag;
  const value = eq >= 0 ? flag.slice(eq + 1) : "";
  const problems: string[] = [];
  if (name === "--node-labels") {
    for (const pair of value.split(",")) {
      const at = pair.indexOf("=");
      const key = at >= 0 ? pair.slice(0, at) : pair;
      const labelValue = at >= 0 ? pair.slice(at + 1) : "";
      if (at < 0) problems.push(`${JSON.stringify(pair)} is not key=value`);
      const keyProblem = kubeletLabelKeyProblem(key);
      if (keyProblem) problems.push(`label ${JSON.stringify(key)}: ${keyProblem}`);
      if (!LABEL_VALUE.test(labelValue) || labelValue.length > 63) problems.push(`label ${JSON.stringify(key)}: value ${JSON.stringify(labelValue)} is not a label value (0-63 letters, digits, - _ ., starting and ending with a letter or digit)`);
    }
  } else if (name === "--register-with-taints") {
    for (const taint of value.split(",")) {
      const colon = taint.lastIndexOf(":");
      const effect = colon >= 0 ? taint.slice(colon + 1) : "";
      const keyValue = colon >= 0 ? taint.slice(0, colon) : taint;
      const key = keyValue.includes("=") ? keyValue.slice(0, keyValue.indexOf("=")) : keyValue;
      const taintValue = keyValue.includes("=") ? keyValue.slice(keyValue.indexOf("=") + 1) : "";
      if (!TAINT_EFFECTS_KUBELET.includes(effect)) problems.push(`taint ${JSON.stringify(taint)} needs :NoSchedule, :PreferNoSchedule or :NoExecute at its end`);
      const slash = key.lastIndexOf("/");
      if (!LABEL_NAME.test(slash >= 0 ? key.slice(slash + 1) : key)) problems.push(`taint key ${JSON.stringify(key)} is not a key ([prefix/]name)`);
      if (!LABEL_VALUE.test(taintValue) || taintValue.length > 63) problems.push(`taint ${JSON.stringify(key)}: value ${JSON.stringify(taintValue)} is not a taint value`);
    }
  } else {
    return;
  }
  if (problems.length === 0) return;
  found.errors.push({
    path,
    value: flag,
    rule: `is a ${name} flag the kubelet refuses at start (the nodes would never join; CreateNodegroup ends in NodeCreationFailure): ${problems.join("; ")}`,
    fix:
      name === "--node-labels"
        ? "put node labels in the node group's labels (EKS checks them), or use keys outside kubernetes.io / k8s.io, e.g. --node-labels=team=payments,node.kubernetes.io/lifecycle=spot"
        : "put taints in the node group's taints, or write key=value:Effect, e.g. --register-with-taints=dedicated=batch:NoSchedule",
  });
}

function checkKubelet(c: Record<string, any>, g: Record<string, any>, at: PathOf, found: Found): void {
  if (g.kubelet === undefined) return;
  const k = obj(g.kubelet);
  const amiType = isString(g.amiType) ? g.amiType : "";
  const flags = list(k.flags);
  if (amiType.startsWith("AL2_")) {
    found.errors.push({
      path: at("kubelet"),
      value: g.kubelet,
      rule: `is not supported on ${amiType}: AL2 user data is a shell script that must not start or modify the kubelet (EKS User Guide launch-templates), and EKS stopped publishing AL2 AMIs on November 26, 2025`,
      fix: `use an AL2023 AMI type (e.g. ${amiType.replace("AL2_", "AL2023_").replace("_GPU", "_NVIDIA").replace(/(x86_64|ARM_64)$/, "$1_STANDARD")}), whose nodeadm NodeConfig takes kubelet settings`,
    });
  } else if (amiType.startsWith("WINDOWS_")) {
    found.errors.push({
      path: at("kubelet"),
      value: g.kubelet,
      rule: `is not supported on ${amiType}: EKS runs its own Windows bootstrap after your PowerShell user data, and its kubelet arguments are EKS's (EKS User Guide launch-templates, Windows user data)`,
      fix: "remove kubelet for Windows node groups",
    });
  } else if (amiType.startsWith("BOTTLEROCKET_") && flags.length > 0) {
    found.errors.push({
      path: at("kubelet", "flags"),
      value: k.flags,
      rule: "Bottlerocket takes no kubelet flags: its user data is TOML settings (EKS User Guide launch-templates, Bottlerocket user data; the API settings under settings.kubernetes)",
      fix: "remove flags; labels and taints go in the node group's labels and taints, pod limits in kubelet.maxPods",
    });
  }
  if (k.maxPods === undefined && flags.length === 0) {
    found.warnings.push({ path: at("kubelet"), value: g.kubelet, rule: "holds no settings: it only adds a launch template", fix: "add maxPods or flags, or remove kubelet" });
  }
  flags.forEach((flag, i) => {
    if (isString(flag)) checkKubeletFlag(flag, at("kubelet", "flags", i), found);
  });
  // maxPods beyond what the VPC CNI can address (one IP per pod) leaves pods stuck in ContainerCreating.
  if (isInt(k.maxPods) && !prefixDelegation(c)) {
    list(g.instanceTypes).forEach((t, j) => {
      const limit = isString(t) ? podLimit(t) : undefined;
      if (limit && (k.maxPods as number) > limit.maxPods) {
        found.warnings.push({
          path: at("kubelet", "maxPods"),
          value: k.maxPods,
          rule: `exceeds the ${limit.maxPods} pods the VPC CNI can give addresses on ${t} (instanceTypes[${j}]: ${limit.enis} ENIs x (${limit.ipv4PerEni} IPv4 - 1) + 2): pods beyond it never get an IP`,
          fix: `use maxPods ${limit.maxPods} or less, or turn on prefix delegation (addons.vpc-cni.configurationValues.env.ENABLE_PREFIX_DELEGATION: "true")`,
        });
      }
    });
  }
}

function checkCustomAmi(g: Record<string, any>, at: PathOf, found: Found): void {
  if (g.amiId !== undefined && g.amiType !== "CUSTOM") {
    found.errors.push({
      path: at("amiId"),
      value: g.amiId,
      rule: `needs amiType CUSTOM: EKS rejects a launch template naming an AMI while the node group names an AMI type (${g.amiType}) (EKS User Guide launch-templates, "AMI type": CUSTOM or not specified)`,
      fix: "set amiType: CUSTOM (the launch template then bootstraps the node with nodeadm), or remove amiId to run EKS's AMI",
    });
  }
  if (g.amiType === "CUSTOM" && g.releaseVersion !== undefined) {
    found.errors.push({
      path: at("releaseVersion"),
      value: g.releaseVersion,
      rule: "is for EKS-optimized AMIs: with a custom AMI in the launch template, EKS fails the deployment (EKS API CreateNodegroup releaseVersion)",
      fix: "remove releaseVersion; a new amiId rolls the nodes",
    });
  }
}

function checkLaunchTemplateConflicts(c: Record<string, any>, g: Record<string, any>, at: PathOf, found: Found): void {
  // rules.ts reports remoteAccess beside imds; here, beside every other launch template setting.
  if (g.remoteAccess !== undefined && g.imds === undefined && usesLaunchTemplate(g)) {
    const keys = LAUNCH_TEMPLATE_KEYS.filter((key) => g[key] !== undefined && g[key] !== false);
    const cause = keys.length > 0 ? keys.join(", ") : g.amiType === "CUSTOM" ? "amiType CUSTOM" : "capacityType CAPACITY_BLOCK";
    found.errors.push({
      path: at("remoteAccess"),
      value: g.remoteAccess,
      rule: `cannot be combined with ${cause}: the node group then runs from a launch template, and EKS rejects remote access with one (EKS User Guide launch-templates: use the template's key pair, and "You can't specify source security groups that are allowed remote access when using a launch template")`,
      fix: "remove remoteAccess and reach the nodes with SSM Session Manager, or allow port 22 in one of securityGroupIds",
    });
  }
  const groups = list(g.securityGroupIds);
  if (groups.length > 4) {
    found.warnings.push({
      path: at("securityGroupIds"),
      value: groups,
      rule: `with the cluster security group makes ${groups.length + 1} security groups per network interface; the VPC quota is 5 by default (adjustable up to 16)`,
      fix: "ask for a higher 'Security groups per network interface' quota first, or merge groups",
    });
  }
  if (g.propagateTags === true && Object.keys(obj(g.tags)).length === 0 && Object.keys(obj(c.tags)).length === 0) {
    found.warnings.push({
      path: at("propagateTags"),
      value: true,
      rule: "has no tags to put on the instances, volumes and network interfaces: neither the cluster nor the group has tags",
      fix: "add tags, or remove propagateTags",
    });
  }
}

function checkCapacityBlock(g: Record<string, any>, at: PathOf, found: Found): void {
  if (g.capacityReservationId !== undefined && g.capacityType !== "CAPACITY_BLOCK") {
    found.errors.push({
      path: at("capacityReservationId"),
      value: g.capacityReservationId,
      rule: `names a Capacity Block reservation, which EKS uses only with capacityType CAPACITY_BLOCK, not ${g.capacityType} (EKS User Guide capacity-blocks-mng)`,
      fix: "set capacityType: CAPACITY_BLOCK, or remove capacityReservationId",
    });
  }
  const types = list(g.instanceTypes);
  if (g.capacityType === "CAPACITY_BLOCK" && types.length > 1) {
    found.errors.push({
      path: at("instanceTypes"),
      value: types,
      rule: "must be one type with CAPACITY_BLOCK: the launch template names the Capacity Block's instance type, and the node group then names none (EKS User Guide capacity-blocks-mng and launch-templates)",
      fix: `keep only the reservation's instance type, e.g. [${types[0]}]`,
    });
  }
  if (g.capacityType === "CAPACITY_BLOCK" && obj(g.scaling).desiredSize !== 0) {
    found.warnings.push({
      path: at("scaling", "desiredSize"),
      value: obj(g.scaling).desiredSize,
      rule: "Capacity Block instances exist only while the reservation is active, and EKS asks for desired size 0 when upgrading such a node group (EKS User Guide capacity-blocks-mng)",
      fix: "scale to 0 before an upgrade and after the block ends, or schedule scaling with the block's start and end",
    });
  }
}

/** EKS-optimized Amazon Linux release versions: <kubernetes version>-<YYYYMMDD> [RELEASE]. */
const AMAZON_LINUX_RELEASE = /^1\.(\d+)\.\d+-\d{8}$/;
/** Bottlerocket release versions: <Bottlerocket version>-<commit> (e.g. 1.26.2-360b7a38). */
const BOTTLEROCKET_RELEASE = /^\d+\.\d+\.\d+-[0-9a-f]{8}$/;

function checkReleaseVersion(c: Record<string, any>, g: Record<string, any>, at: PathOf, found: Found): void {
  if (!isString(g.releaseVersion) || !isString(g.amiType)) return;
  const family = amiFamily(g.amiType);
  if (family === "AL2023_" || family === "AL2_") {
    const m = AMAZON_LINUX_RELEASE.exec(g.releaseVersion);
    if (!m) {
      found.errors.push({
        path: at("releaseVersion"),
        value: g.releaseVersion,
        rule: `must be an EKS-optimized Amazon Linux release version <kubernetes version>-<YYYYMMDD> for ${g.amiType}`,
        fix: "e.g. 1.35.0-20260101 (aws ssm get-parameter --name /aws/service/eks/optimized-ami/<version>/amazon-linux-2023/x86_64/standard/recommended/release_version)",
      });
    } else if (isString(c.kubernetesVersion) && `1.${m[1]}` !== c.kubernetesVersion) {
      found.errors.push({
        path: at("releaseVersion"),
        value: g.releaseVersion,
        rule: `is a release for Kubernetes 1.${m[1]}, but the nodes run the cluster's ${c.kubernetesVersion} (EKS rejects an AMI release of another version)`,
        fix: `pin a ${c.kubernetesVersion} release, e.g. ${c.kubernetesVersion}.0-<date>, or remove releaseVersion`,
      });
    }
  } else if (family === "BOTTLEROCKET_" && !BOTTLEROCKET_RELEASE.test(g.releaseVersion)) {
    found.errors.push({
      path: at("releaseVersion"),
      value: g.releaseVersion,
      rule: `must be a Bottlerocket release version <major.minor.patch>-<8 hex digits> for ${g.amiType}`,
      fix: "e.g. 1.26.2-360b7a38 (aws ssm get-parameter --name /aws/service/bottlerocket/aws-k8s-<version>/x86_64/latest/image_version)",
    });
  }
}
