/**
 * Volumes of the EKS-optimized AMIs as EKS managed node groups use them: which device holds what, the smallest size EC2
 * accepts (the size of the AMI's EBS snapshot: "Volume of size N GB is smaller than snapshot ..."), and EKS's default
 * `diskSize`. Keyed by the amiType prefixes of src/config/schema.ts AMI_TYPES (match AL2023_ before AL2_).
 *
 * Sources (retrieved 2026-12-01 from stored copies):
 * [EKS-API] botocore/data/eks/2017-11-01/service-2.json (boto/botocore develop @ 0e6e2404b85dc336dd2889814e089bde7d1a4c55,
 *   file last changed 58db4a790dd261395b8021d890152dcb24024096, 2026-06-30), CreateNodegroupRequest.diskSize: "The root
 *   device disk size (in GiB) for your node group instances. The default disk size is 20 GiB for Linux and Bottlerocket.
 *   The default disk size is 50 GiB for Windows. If you specify launchTemplate, then don't specify diskSize".
 * [EKS-AMI] awslabs/amazon-eks-ami (snapshot HEAD 81fec2e895854f599974fe4d3d72f61c0a9aaffa, 2026-07-23):
 *   templates/al2023/variables-default.json `"launch_block_device_mappings_volume_size": "20"` (the build volume, hence
 *   the snapshot) and templates/al2023/template.json `ami_block_device_mappings` `/dev/xvda` `"volume_size": 20`;
 *   AL2 (removed by b22890309b36fc112b7ddb05668b6e1541faccbc "chore: remove AL2 support", 2026-03-04; read at its parent):
 *   templates/al2/variables-default.json `"launch_block_device_mappings_volume_size": "4"`, templates/al2/template.json
 *   `ami_block_device_mappings` `/dev/xvda` `"volume_size": 20`; doc/usage/al2.md: `enable_accelerator` "If enabled,
 *   launch_block_device_mappings_volume_size bust [sic] be 10 GiB or more"; "Amazon EKS stopped publishing
 *   EKS-optimized Amazon Linux 2 (AL2) AMIs on November 26, 2025."
 * [CILIUM] cilium/cilium pull request #43051 (2025-12-01), an EKS CreateNodegroup error after the default AMI became
 *   AL2023: "Volume of size 10GB is smaller than snapshot 'snap-00a7e1db053990bc5', expect size>= 20GB".
 * [BR-BUILDSYS] bottlerocket-os/twoliter tools/buildsys/src/manifest.rs (index copy, undated): image-layout defaults
 *   `DEFAULT_OS_IMAGE_SIZE_GIB = 2`, `DEFAULT_DATA_IMAGE_SIZE_GIB = 1`, `DEFAULT_PUBLISH_IMAGE_SIZE_HINT_GIB = 22`,
 *   split plan: the published "os" volume keeps its built size and the data volume gets hint - os size.
 * [BR-VARIANTS] bottlerocket-os/bottlerocket variants/aws-k8s-1.33/Cargo.toml @ 34eb273e8de217c3e34ec9cddca5883ff33f363a
 *   (no image-layout -> defaults) and variants/aws-k8s-1.33-nvidia/Cargo.toml @ 3dc6c4799f1b0c41edb09cce51ab5a386c9ddf08
 *   (`os-image-size-gib = 4`).
 * [KARPENTER] aws/karpenter-provider-aws pkg/providers/amifamily/bottlerocket.go @ 00c29898f8d372c335ef696e46b96e7ad30918da
 *   (default mappings /dev/xvda 4Gi, /dev/xvdb 20Gi) and windows.go @ 03da3873197f9fe00c566357472bd5485f01e831
 *   (/dev/sda1 50Gi). These are Karpenter's defaults, not AMI minimums.
 * [ISSUES] aws-ia/terraform-aws-eks-blueprints#1610 (2023-05-20), eksctl-io/eksctl#2776 / #2843 (2020): on Bottlerocket,
 *   /dev/xvda holds the OS and /dev/xvdb the container images, logs and ephemeral storage.
 *
 * Known gaps:
 * - The minimums for the accelerated AL2023 AMIs (NVIDIA, NEURON) are taken from the shared open-source template;
 *   that AWS publishes them with the same 20 GiB snapshot is unconfirmed.
 * - Which Bottlerocket volume EKS's own `diskSize` resizes (when no launch template is given) is unconfirmed: the API
 *   text says "root device disk size", while the issues above show the container storage lives on /dev/xvdb. With a
 *   launch template, size /dev/xvdb for container storage.
 * - Windows AMI snapshot sizes were not found in any stored source; only the 50 GiB default is sourced.
 */

export interface AmiVolumeFacts {
  /** The volume that holds the root filesystem. */
  readonly rootDevice: string;
  /** Smallest root volume EC2 accepts (= AMI snapshot size), in GiB; undefined where no source gives it. */
  readonly rootMinimumGiB?: number;
  /** Root volume size in the AMI's own block device mapping, in GiB. */
  readonly rootAmiMappingGiB?: number;
  /** Device of a separate data volume (Bottlerocket), if any. */
  readonly dataDevice?: string;
  readonly dataMinimumGiB?: number;
  readonly dataAmiMappingGiB?: number;
  /** EKS CreateNodegroup default `diskSize` when neither diskSize nor a launch template is given. */
  readonly eksDefaultDiskSizeGiB: number;
  /** The smallest `diskSize` that is safe to accept for this family, given the sources; undefined if unknown. */
  readonly safeMinimumDiskSizeGiB?: number;
  readonly sources: readonly string[];
  readonly note?: string;
}

/** amiType prefixes of schema.ts AMI_TYPES, in the order to test them (AL2023_ must come before AL2_). */
export const AMI_FAMILY_PREFIXES = ["AL2023_", "AL2_", "BOTTLEROCKET_", "WINDOWS_"] as const;

export const AMI_ROOT_VOLUMES: Readonly<Record<(typeof AMI_FAMILY_PREFIXES)[number], AmiVolumeFacts>> = {
  AL2023_: {
    rootDevice: "/dev/xvda",
    rootMinimumGiB: 20,
    rootAmiMappingGiB: 20,
    eksDefaultDiskSizeGiB: 20,
    safeMinimumDiskSizeGiB: 20,
    sources: ["EKS-AMI templates/al2023 (build and AMI mapping 20 GiB)", "CILIUM (EKS rejects 10 GB: expect size>= 20GB)", "EKS-API"],
    note: "NVIDIA / NEURON variants: same template, 20 GiB assumed. // unconfirmed for the AWS-published accelerated AMIs",
  },
  AL2_: {
    rootDevice: "/dev/xvda",
    rootMinimumGiB: 4,
    rootAmiMappingGiB: 20,
    eksDefaultDiskSizeGiB: 20,
    // unconfirmed: whether EKS accepts a diskSize below 20 for AL2 (the snapshot would allow 4); AL2_x86_64_GPU
    // snapshots are at least 10 GiB per doc/usage/al2.md. 20 (the AMI's own mapping) is the conservative floor.
    safeMinimumDiskSizeGiB: 20,
    sources: ["EKS-AMI templates/al2 @ parent of b2289030 (build volume 4 GiB, AMI mapping 20 GiB)", "EKS-API"],
    note:
      "AWS stopped publishing EKS-optimized AL2 AMIs on 2025-11-26 and published none for Kubernetes 1.33+ (EKS-AMI " +
      "doc/usage/al2.md; EKS User Guide kubernetes-versions-standard: 1.32 is the last version with AL2 AMIs).",
  },
  BOTTLEROCKET_: {
    rootDevice: "/dev/xvda",
    rootMinimumGiB: 2,
    rootAmiMappingGiB: 2,
    dataDevice: "/dev/xvdb",
    dataMinimumGiB: 1,
    dataAmiMappingGiB: 20,
    eksDefaultDiskSizeGiB: 20,
    // unconfirmed: which volume EKS's diskSize resizes (see the header). 20 matches the published data volume.
    safeMinimumDiskSizeGiB: 20,
    sources: ["BR-BUILDSYS (os 2 GiB, data 1 GiB built, published 22 - 2 = 20 GiB)", "BR-VARIANTS", "KARPENTER", "ISSUES", "EKS-API"],
    note:
      "The OS volume (/dev/xvda) is read-only system partitions; container images, logs and emptyDir live on /dev/xvdb. " +
      "dataMinimumGiB is the built data image; that the published snapshot is that small is // unconfirmed.",
  },
  WINDOWS_: {
    rootDevice: "/dev/sda1",
    eksDefaultDiskSizeGiB: 50,
    // unconfirmed: the EKS-optimized Windows AMI snapshot size was not found; 50 GiB (EKS and Karpenter default) is
    // used as the floor.
    safeMinimumDiskSizeGiB: 50,
    sources: ["EKS-API (default 50 GiB for Windows)", "KARPENTER windows.go (/dev/sda1 50Gi)"],
  },
};

/** Per-amiType exceptions to the family facts above. */
export const AMI_ROOT_VOLUME_OVERRIDES: Readonly<Record<string, Partial<AmiVolumeFacts>>> = {
  // BR-VARIANTS: aws-k8s-*-nvidia variants set os-image-size-gib = 4. With BR-BUILDSYS's split plan the published
  // data volume would be 22 - 4 = 18 GiB. // unconfirmed: the published data volume size of the NVIDIA AMIs.
  BOTTLEROCKET_x86_64_NVIDIA: { rootMinimumGiB: 4, rootAmiMappingGiB: 4, dataAmiMappingGiB: 18 },
  BOTTLEROCKET_ARM_64_NVIDIA: { rootMinimumGiB: 4, rootAmiMappingGiB: 4, dataAmiMappingGiB: 18 },
  // unconfirmed: FIPS Bottlerocket variants were not checked; assumed to follow the standard layout.
};
