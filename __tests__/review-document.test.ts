/** REVIEW.md for the walk-through default and the hardened example. */
import * as path from "path";
import { loadClusters } from "../src/config/load";
import { synthesizeTerraform } from "../src/review/check";
import { findingsOf } from "../src/review/findings";
import { reviewDocument } from "../src/review/review-document";

const DATE = "2026-11-24";

function review(configFile: string | undefined, waivers?: { rule: string; reason: string }[]): string {
  const loaded = loadClusters(configFile);
  const config = waivers ? { ...loaded.clusters[0], waivers } : loaded.clusters[0];
  const terraform = synthesizeTerraform(config);
  return reviewDocument({ config, given: loaded.given[0], terraform, findings: findingsOf(terraform, config.waivers, DATE), date: DATE });
}

const row = (...cells: string[]) => `| ${cells.join(" | ")} |`;

describe("REVIEW.md of the walk-through default", () => {
  const doc = review(undefined);

  it("THEN it opens with the cluster and the count of open findings", () => {
    expect(doc.split("\n").slice(0, 5)).toEqual([
      "# Review: EKS cluster `simple-bank`",
      "",
      "Generated with `main.tf` in this folder from the cluster's configuration; do not edit. Region `us-east-1`, Kubernetes `1.35`, 1 node group, 3 add-ons.",
      "",
      "**Security: 6 open findings, 0 waived.** `npm run check` fails until each is fixed or waived in the configuration.",
    ]);
  });

  it("THEN each finding has severity, rule ids, resource, what is wrong and the fixing key", () => {
    expect(doc).toContain(
      row("CRITICAL", "CKV_AWS_39, AVD-AWS-0040", "`aws_eks_cluster.cluster`", "Public Kubernetes API endpoint enabled: vpc_config.endpoint_public_access is true: the API server is reachable from the internet", "`endpoint: { access: private }`"),
    );
    for (const id of ["CKV_AWS_38, AVD-AWS-0041", "CKV_AWS_37, AVD-AWS-0038", "CKV_AWS_58, AVD-AWS-0039", "AVD-AWS-0130, CKV_AWS_79"]) expect(doc).toContain(`| ${id} |`);
  });

  it("THEN the cluster settings say where each came from", () => {
    expect(doc).toContain(row("Kubernetes version", "`1.35`: standard support until 2027-03-27", "default"));
    expect(doc).toContain(row("endpoint access", "public-and-private", "default"));
    expect(doc).toContain(row("public access CIDRs", "`0.0.0.0/0`", "default"));
    expect(doc).toContain(row("secrets encryption", "off: EKS's default encryption only", "default"));
    expect(doc).toContain(row("authentication mode", "API_AND_CONFIG_MAP", "default"));
  });

  it("THEN the node group shows vCPU, memory and max pods of its type", () => {
    expect(doc).toContain(
      row("`simple-bank`", "AL2023_x86_64_STANDARD", "ON_DEMAND", "t3.micro (2 vCPU, 1 GiB, 4 pods)", "20 GiB", "1 / 1 / 2", "1 node(s) at a time", "not required", "off", "default"),
    );
  });

  it("THEN add-ons show version policy and creation order", () => {
    expect(doc).toContain(row("1. after the cluster, before the nodes", "`vpc-cni`", "latest for the cluster's version (looked up at plan time)", "default"));
    expect(doc).toContain(row("2. after the node groups", "`coredns`", "latest for the cluster's version (looked up at plan time)", "default"));
  });

  it("THEN roles, trust and policies, data sources, outputs and the kubectl commands are listed", () => {
    expect(doc).toContain(row("`simple-bank-eks-node` (created)", "ec2.amazonaws.com", "AmazonEKS_CNI_Policy, AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly"));
    expect(doc).toContain(row("`data.aws_vpc.network_vpc`", "the region's default VPC"));
    expect(doc).toContain(row("`kubeconfig_command`", "Command that adds the cluster to your kubeconfig, so kubectl can reach it."));
    expect(doc).toContain("aws eks update-kubeconfig --region us-east-1 --name simple-bank\nkubectl get nodes");
  });

  it("THEN the Mermaid diagram shows VPC, roles, cluster, add-ons and node group in creation order", () => {
    const diagram = doc.slice(doc.indexOf("```mermaid"));
    expect(diagram).toMatch(/^```mermaid\nflowchart LR\n/);
    for (const edge of [
      "cluster_role -->|assumed by| cluster",
      "subnets --> cluster",
      "cluster --> addon_vpc_cni",
      "addon_vpc_cni --> ng_simple_bank",
      "addon_kube_proxy --> ng_simple_bank",
      "node_role_simple_bank_eks_node -->|assumed by| ng_simple_bank",
      "ng_simple_bank --> addon_coredns",
    ]) {
      expect(diagram).toContain(`  ${edge}\n`);
    }
    expect(diagram.trimEnd().endsWith("```")).toBe(true);
  });

  it("WHEN a finding is waived THEN it moves to the waived list with its reason", () => {
    const waived = review(undefined, [{ rule: "CKV_AWS_39", reason: "public endpoint needed by the CI service" }]);
    expect(waived).toContain("**Security: 5 open findings, 1 waived.**");
    expect(waived).toContain(row("CKV_AWS_39, AVD-AWS-0040", "`aws_eks_cluster.cluster`", "Public Kubernetes API endpoint enabled", "public endpoint needed by the CI service"));
  });
});

describe("REVIEW.md of examples/hardened.yaml", () => {
  const doc = review(path.join(__dirname, "..", "examples", "hardened.yaml"));

  it("THEN it has no open finding", () => {
    expect(doc).toContain("**Security: 0 open findings, 0 waived.** `npm run check` passes.");
    expect(doc).toContain("## Security findings\n\nComputed from the Terraform that will be applied. Each names the Checkov / Trivy rules to cross-check with.\n\nNone.");
  });

  it("THEN who may assume each role is listed: the nodes without the CNI policy (in the diagram too), vpc-cni's own role through Pod Identity", () => {
    expect(doc.slice(doc.indexOf("## Diagram"))).not.toContain("AmazonEKS_CNI_Policy");
    expect(doc).toContain("## IAM roles: who may assume what");
    expect(doc).toContain(row("`simple-bank-hardened-eks-node` (created)", "ec2.amazonaws.com", "AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly"));
    expect(doc).toContain(
      row(
        "`simple-bank-hardened-vpc-cni` (created)",
        "EKS Pod Identity (pods.eks.amazonaws.com: sts:AssumeRole, sts:TagSession), associated here with service account `kube-system/aws-node`; any Pod Identity association in the account may name the role (whoever may eks:CreatePodIdentityAssociation and iam:PassRole it), for add-on `vpc-cni`",
        "AmazonEKS_CNI_Policy",
      ),
    );
  });

  it("THEN the settings it chose are marked as from the config", () => {
    expect(doc).toContain(row("endpoint access", "private", "config"));
    expect(doc).toContain(row("public access CIDRs", "none (private endpoint)", "default"));
    expect(doc).toContain(row("secrets encryption", "KMS key created here, rotated yearly, alias `alias/eks/simple-bank-hardened`", "config"));
    expect(doc).toContain(row("log retention", "365 days in `/aws/eks/simple-bank-hardened/cluster`", "config"));
    expect(doc).toContain(row("cluster creator is admin", "no (changing it replaces the cluster)", "config"));
    expect(doc).toContain(
      row("access entries", "`arn:aws:iam::111122223333:role/platform-admins`: AmazonEKSClusterAdminPolicy (cluster); `arn:aws:iam::111122223333:role/payments-developers`: AmazonEKSEditPolicy in payments", "config"),
    );
    expect(doc).toContain(row("`workers`", "AL2023_x86_64_STANDARD", "ON_DEMAND", "m6i.large (2 vCPU, 8 GiB, 29 pods)", "50 GiB", "2 / 3 / 6", "33% at a time", "required, hop limit 1", "off", "config"));
  });

  it("THEN only the partition is read at plan time, and kubectl must run inside the VPC", () => {
    const readSection = doc.slice(doc.indexOf("## Read at plan time"), doc.indexOf("## Outputs"));
    expect(readSection.match(/`data\.[^`]+`/g)).toEqual(["`data.aws_partition.current`"]);
    expect(doc).toContain("The endpoint is private: run kubectl from inside the VPC");
  });

  it("THEN the diagram shows the KMS key and the log group with retention", () => {
    expect(doc).toContain('kms[("KMS key alias/eks/simple-bank-hardened")]');
    expect(doc).toContain('logs[("/aws/eks/simple-bank-hardened/cluster<br/>kept 365 days")]');
  });
});

describe("REVIEW.md of clusters with compute beyond node groups", () => {
  const EXAMPLES = path.join(__dirname, "..", "examples");

  it("GIVEN the walk-through THEN there is no compute section and the diagram shows node groups only", () => {
    const doc = review(undefined);
    expect(doc).not.toContain("## Compute beyond the node groups");
    expect(doc).not.toMatch(/Fargate|Auto Mode|Karpenter/);
  });

  it("GIVEN karpenter.yaml THEN the section names the roles, queue, rules and tags, and the roles table says who assumes them", () => {
    const doc = review(path.join(EXAMPLES, "karpenter.yaml"));
    expect(doc).toContain("## Compute beyond the node groups");
    expect(doc).toMatch(/\*\*Karpenter\*\* \(its Helm install is not part of this stack\): controller role `payments-karpenter-karpenter` for service account `kube-system\/karpenter` \(pod-identity\)/);
    expect(doc).toContain("`EC2 Spot Instance Interruption Warning`");
    expect(doc).toContain("tagged `karpenter.sh/discovery=payments-karpenter`");
    expect(doc).toMatch(/\| `payments-karpenter-karpenter` \(created, Karpenter controller\) \| EKS Pod Identity .*`kube-system\/karpenter`.* \| inline `KarpenterController`/);
    expect(doc).toMatch(/\| `payments-karpenter-karpenter-node` \(created, Karpenter nodes\) \| ec2\.amazonaws\.com; access entry EC2_LINUX \| AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryPullOnly, AmazonSSMManagedInstanceCore \|/);
    expect(doc).toContain("karpenter_role -->|passes| karpenter_node_role");
  });

  it("GIVEN fargate.yaml THEN each profile is listed with what it selects and its pod execution role, also in the diagram", () => {
    const doc = review(path.join(EXAMPLES, "fargate.yaml"));
    expect(doc).toContain("**Fargate profiles**");
    expect(doc).toMatch(/\| `system` \| namespace `kube-system`/);
    expect(doc).toMatch(/\| `simple-bank-fargate-eks-fargate-pods` \(created, Fargate pod execution\) \| eks-fargate-pods\.amazonaws\.com, only for Fargate profiles of cluster `simple-bank-fargate` \(aws:SourceArn\) \| AmazonEKSFargatePodExecutionRolePolicy \|/);
    expect(doc).toMatch(/fargate_system\[\/"Fargate profile system<br\/>namespace kube-system"\/\]/);
  });

  it("GIVEN auto-mode.yaml THEN Auto Mode, its node role and the cluster role's extra policies and trust are shown", () => {
    const doc = review(path.join(EXAMPLES, "auto-mode.yaml"));
    expect(doc).toMatch(/\*\*EKS Auto Mode\*\* is on: .*node pools `general-purpose`, `system`.*Turning Auto Mode off again is refused at plan/);
    expect(doc).toMatch(/\| `simple-bank-auto-eks-cluster` \(created\) \| eks\.amazonaws\.com \(sts:AssumeRole, sts:TagSession\) \| AmazonEKSClusterPolicy, AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy, AmazonEKSNetworkingPolicy \|/);
    expect(doc).toMatch(/\(created, Auto Mode nodes\) \| ec2\.amazonaws\.com; EKS creates its access entry \| AmazonEKSWorkerNodeMinimalPolicy, AmazonEC2ContainerRegistryPullOnly \|/);
    expect(doc).toContain("cluster --> auto");
  });

  it("GIVEN launch-template.yaml THEN the node group row shows the volume, IMDSv2 and repair", () => {
    const doc = review(path.join(EXAMPLES, "launch-template.yaml"));
    expect(doc).toMatch(/GiB gp3, \d+ IOPS, \d+ MiB\/s, encrypted/);
    expect(doc).toMatch(/node auto repair on/);
    expect(doc).toMatch(/required, hop limit 1/);
  });
});

describe("REVIEW.md of a created VPC", () => {
  it("GIVEN created-vpc.yaml THEN the diagram draws each zone's subnets, the internet gateway and the NAT gateways", () => {
    const doc = review(path.join(__dirname, "..", "examples", "created-vpc.yaml"));
    expect(doc).toMatch(/subnets\["private subnets: cluster and nodes<br\/>eu-west-1a 10\.\d+\.0\.0\/19/);
    expect(doc).toMatch(/public_subnets\["public subnets: internet-facing load balancers<br\/>eu-west-1a /);
    expect(doc).toContain('nat["NAT gateways: eu-west-1a, eu-west-1b, eu-west-1c"]');
    expect(doc).toContain("subnets -->|0.0.0.0/0| nat");
    expect(doc).toContain("public_subnets --> igw");
  });
});
