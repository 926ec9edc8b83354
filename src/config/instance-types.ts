/**
 * What the validator knows about EC2 instance types: CPU architecture, accelerators, and the VPC CNI's
 * pod limit per node.
 */
import { knownInstanceArchitecture } from "./catalogs/instance-types";

export type Architecture = "x86_64" | "arm64";

/** `m7g.large` -> family `m7g`, class `m`, generation 7, attributes `g`, size `large`. */
function parse(instanceType: string) {
  const [family, size] = instanceType.split(".");
  const m = /^([a-z]+)(\d+)([a-z]*)/.exec(family);
  return { family, size, cls: m?.[1] ?? family, attributes: m?.[3] ?? "" };
}

/**
 * CPU architecture: from the EC2 instance type catalog (catalogs/instance-types.ts, the EC2 API's list with each type's
 * architecture) when it lists the type; otherwise by EC2's naming rule, which that catalog follows too: Graviton
 * families carry a `g` attribute (m7g, c6gn, t4g, is4gen, g5g), and a1.
 */
export function architectureOf(instanceType: string): Architecture {
  const known = knownInstanceArchitecture(instanceType);
  if (known) return known;
  const { family, attributes } = parse(instanceType);
  return family === "a1" || attributes.includes("g") ? "arm64" : "x86_64";
}

/** NVIDIA GPU families: p*, g* (but g4ad, which has AMD GPUs) and gr*. */
export function hasNvidiaGpu(instanceType: string): boolean {
  const { family, cls } = parse(instanceType);
  return (cls === "p" || cls === "g" || cls === "gr") && family !== "g4ad";
}

/** AWS Inferentia and Trainium families, for the Neuron AMIs. */
export function hasNeuron(instanceType: string): boolean {
  const { cls } = parse(instanceType);
  return cls === "inf" || cls === "trn";
}

/** ENIs and IPv4 addresses per ENI, by size. From EC2's "Maximum IP addresses per network interface" table. */
type EniLimits = Readonly<Record<string, readonly [enis: number, ipv4PerEni: number]>>;

const BURSTABLE_T3: EniLimits = {
  nano: [2, 2],
  micro: [2, 2],
  small: [3, 4],
  medium: [3, 6],
  large: [3, 12],
  xlarge: [4, 15],
  "2xlarge": [4, 15],
};
const BURSTABLE_T2: EniLimits = { ...BURSTABLE_T3, xlarge: [3, 15], "2xlarge": [3, 15] };
const NITRO_STANDARD: EniLimits = {
  medium: [2, 4],
  large: [3, 10],
  xlarge: [4, 15],
  "2xlarge": [4, 15],
  "4xlarge": [8, 30],
  "8xlarge": [8, 30],
  "9xlarge": [8, 30],
  "12xlarge": [8, 30],
  "16xlarge": [15, 50],
  "18xlarge": [15, 50],
  "24xlarge": [15, 50],
  "32xlarge": [15, 50],
  "48xlarge": [15, 50],
  metal: [15, 50],
};
const STANDARD_FAMILIES = [
  "m5", "m5a", "m5d", "m5n", "m6i", "m6a", "m6g", "m6gd", "m6id", "m7i", "m7a", "m7g", "m7gd", "m8g", "m8gd",
  "c5", "c5a", "c5d", "c6i", "c6a", "c6g", "c6gd", "c7i", "c7a", "c7g", "c7gd", "c8g",
  "r5", "r5a", "r5d", "r6i", "r6a", "r6g", "r6gd", "r7i", "r7a", "r7g", "r7gd", "r8g",
];

const ENI_LIMITS: Readonly<Record<string, EniLimits>> = {
  t2: BURSTABLE_T2,
  t3: BURSTABLE_T3,
  t3a: BURSTABLE_T3,
  t4g: BURSTABLE_T3,
  ...Object.fromEntries(STANDARD_FAMILIES.map((f) => [f, NITRO_STANDARD])),
};

export interface PodLimit {
  readonly maxPods: number;
  readonly enis: number;
  readonly ipv4PerEni: number;
}

/**
 * The VPC CNI's pod limit per node without prefix delegation: ENIs x (IPv4 per ENI - 1) + 2 (the first address of
 * each ENI is the node's; the +2 are aws-node and kube-proxy, which use host networking). Undefined for types
 * not in the table.
 */
export function podLimit(instanceType: string): PodLimit | undefined {
  const { family, size } = parse(instanceType);
  const limits = ENI_LIMITS[family]?.[size];
  if (!limits) return undefined;
  const [enis, ipv4PerEni] = limits;
  return { maxPods: enis * (ipv4PerEni - 1) + 2, enis, ipv4PerEni };
}

/** vCPUs by size: burstable t2 and t3-like families differ from the standard families in their small sizes. */
const VCPUS_T2: Readonly<Record<string, number>> = { nano: 1, micro: 1, small: 1, medium: 2, large: 2, xlarge: 4, "2xlarge": 8 };
const VCPUS_T3: Readonly<Record<string, number>> = { ...VCPUS_T2, nano: 2, micro: 2, small: 2 };
const MEMORY_T: Readonly<Record<string, number>> = { nano: 0.5, micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };
const VCPUS_STANDARD: Readonly<Record<string, number>> = {
  medium: 1, large: 2, xlarge: 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "9xlarge": 36, "12xlarge": 48,
  "16xlarge": 64, "18xlarge": 72, "24xlarge": 96, "32xlarge": 128, "48xlarge": 192,
};
/** GiB of memory per vCPU of the standard families: general purpose m, compute c, memory r. */
const MEMORY_PER_VCPU: Readonly<Record<string, number>> = { m: 4, c: 2, r: 8 };

/** vCPUs and memory of the types in the table above; undefined for others (and for .metal). */
export function instanceSpecs(instanceType: string): { vcpus: number; memoryGiB: number } | undefined {
  const { family, size, cls } = parse(instanceType);
  if (family === "t2" || family === "t3" || family === "t3a" || family === "t4g") {
    const vcpus = (family === "t2" ? VCPUS_T2 : VCPUS_T3)[size];
    return vcpus === undefined ? undefined : { vcpus, memoryGiB: MEMORY_T[size] };
  }
  if (!STANDARD_FAMILIES.includes(family) || VCPUS_STANDARD[size] === undefined) return undefined;
  return { vcpus: VCPUS_STANDARD[size], memoryGiB: VCPUS_STANDARD[size] * MEMORY_PER_VCPU[cls] };
}
