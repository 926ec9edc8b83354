/** Every validation rule: a bad config, the path it must name, and what the message must say. */
import { problems } from "../test-support/config-problems";
import { resolveParsed } from "../src/config/load";

const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ng = (settings: Record<string, unknown>) => ({ nodeGroups: [settings] });

// [what, config, path, message]
const CASES: [string, unknown, string, RegExp][] = [
  // names
  ["cluster name with a space", { name: "simple bank" }, "name", /letter or digit.*letters, digits, - and _/],
  ["cluster name starting with -", { name: "-bank" }, "name", /start with a letter or digit/],
  ["cluster name over 100 characters", { name: "a".repeat(101) }, "name", /1 to 100 characters long \(it has 101\)/],
  ["empty cluster name", { name: "" }, "name", /1 to 100 characters/],
  ["node group name with a dot", ng({ name: "web.1" }), "nodeGroups[0].name", /EKS node group name rule/],
  ["node group name over 63 characters", ng({ name: "n".repeat(64) }), "nodeGroups[0].name", /1 to 63 characters/],
  ["duplicate node group names", { nodeGroups: [{ name: "a" }, { name: "a" }] }, "nodeGroups[1].name", /unique in the cluster; nodeGroups\[0\] has it too/],
  ["role name with a space", { clusterRole: { name: "my role" } }, "clusterRole.name", /IAM role name: 1-64/],
  ["role name over 64 characters", ng({ role: { name: "r".repeat(65) } }), "nodeGroups[0].role.name", /1 to 64 characters/],
  ["role with name and arn", { clusterRole: { name: "R", arn: "arn:aws:iam::111122223333:role/R" } }, "clusterRole", /exactly one of name, arn, not name and arn/],
  ["role with neither", ng({ role: {} }), "nodeGroups[0].role", /exactly one of name, arn/],
  ["malformed role ARN", { clusterRole: { arn: "arn:aws:iam::1234:role/x" } }, "clusterRole.arn", /IAM role ARN: arn:<partition>:iam::<12-digit account>/],
  ["KMS ARN of another service", { secretsEncryption: { kmsKeyArn: "arn:aws:iam::111122223333:role/x" } }, "secretsEncryption.kmsKeyArn", /KMS key ARN/],
  ["KMS key in another region", { secretsEncryption: { kmsKeyArn: KMS.replace("us-east-1", "eu-west-1") } }, "secretsEncryption.kmsKeyArn", /key in eu-west-1, but the cluster is in us-east-1/],
  ["secretsEncryption without a key", { secretsEncryption: {} }, "secretsEncryption", /exactly one of createKey, kmsKeyArn/],
  ["secretsEncryption with both", { secretsEncryption: { createKey: true, kmsKeyArn: KMS } }, "secretsEncryption", /not createKey and kmsKeyArn/],
  // EKS API Provider.keyArn / AWS KMS Developer Guide "Using aliases to control access": a grant on an alias ARN does not cover the key
  ["KMS alias ARN (KMS Developer Guide: alias ARNs in IAM policies do not grant the key)", { secretsEncryption: { kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/eks-secrets" } }, "secretsEncryption.kmsKeyArn", /alias ARN: the cluster role's grant would cover the alias, not the key, and EKS stores the key ARN, so every plan shows a change.*use the key ARN/],
  // catalogs/regions.ts partitionOfRegion (botocore partitions.json); AWS General Reference "Amazon Resource Names": one partition per ARN
  ["cluster role ARN of another partition (AWS General Reference ARNs, botocore partitions.json)", { clusterRole: { arn: "arn:aws-cn:iam::111122223333:role/eks" } }, "clusterRole.arn", /partition aws-cn, but region us-east-1 is in aws.*arn:aws:/],
  ["node role ARN of another partition (AWS General Reference ARNs, botocore partitions.json)", { region: "cn-north-1", nodeGroups: [{ role: { arn: "arn:aws:iam::111122223333:role/nodes" } }] }, "nodeGroups[0].role.arn", /partition aws, but region cn-north-1 is in aws-cn/],
  ["access entry principal of another partition (AWS General Reference ARNs, botocore partitions.json)", { region: "us-gov-west-1", access: { entries: [{ principalArn: "arn:aws:iam::111122223333:role/admins", policies: [{ policy: "AmazonEKSViewPolicy" }] }] } }, "access.entries[0].principalArn", /partition aws, but region us-gov-west-1 is in aws-us-gov.*arn:aws-us-gov:/],
  ["KMS key of another partition (AWS General Reference ARNs, botocore partitions.json)", { secretsEncryption: { kmsKeyArn: KMS.replace("arn:aws:", "arn:aws-us-gov:") } }, "secretsEncryption.kmsKeyArn", /partition aws-us-gov, but region us-east-1 is in aws/],
  ["createKey false", { secretsEncryption: { createKey: false } }, "secretsEncryption.createKey", /creates no key/],
  ["createKey as a string", { secretsEncryption: { createKey: "yes" } }, "secretsEncryption.createKey", /true or false, not the string "yes"/],
  // access
  ["unknown authentication mode", { access: { authenticationMode: "IAM" } }, "access.authenticationMode", /one of API, API_AND_CONFIG_MAP, CONFIG_MAP/],
  ["access entries with CONFIG_MAP", { access: { authenticationMode: "CONFIG_MAP", entries: [{ principalArn: "arn:aws:iam::111122223333:role/a", policies: [{ policy: "AmazonEKSViewPolicy" }] }] } }, "access.entries", /need authenticationMode API or API_AND_CONFIG_MAP/],
  ["assumed-role ARN as principal", { access: { entries: [{ principalArn: "arn:aws:sts::111122223333:assumed-role/a/b", policies: [{ policy: "AmazonEKSViewPolicy" }] }] } }, "access.entries[0].principalArn", /IAM role or user ARN/],
  ["unknown access policy", { access: { entries: [{ principalArn: "arn:aws:iam::111122223333:user/ann", policies: [{ policy: "AmazonEKSReadOnlyPolicy" }] }] } }, "access.entries[0].policies[0].policy", /one of AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy/],
  ["entry without policies", { access: { entries: [{ principalArn: "arn:aws:iam::111122223333:user/ann", policies: [] }] } }, "access.entries[0].policies", /at least 1 item/],
  ["bad namespace", { access: { entries: [{ principalArn: "arn:aws:iam::111122223333:user/ann", policies: [{ policy: "AmazonEKSEditPolicy", namespaces: ["Team_A"] }] }] } }, "access.entries[0].policies[0].namespaces[0]", /Kubernetes namespace name/],
  ["duplicate principal", { access: { entries: [1, 2].map(() => ({ principalArn: "arn:aws:iam::111122223333:role/a", policies: [{ policy: "AmazonEKSViewPolicy" }] })) } }, "access.entries[1].principalArn", /one access entry per principal/],
  ["policy twice for a principal", { access: { entries: [{ principalArn: "arn:aws:iam::111122223333:role/a", policies: [{ policy: "AmazonEKSViewPolicy" }, { policy: "AmazonEKSViewPolicy", namespaces: ["a"] }] }] } }, "access.entries[0].policies[1].policy", /associated twice/],
  ["clusterCreatorAdmin as a string", { access: { clusterCreatorAdmin: "false" } }, "access.clusterCreatorAdmin", /true or false/],
  // log retention, upgrade policy, IMDS, backend
  ["retention not allowed by CloudWatch", { logging: { types: ["audit"], retentionDays: 100 } }, "logging.retentionDays", /one of 1, 3, 5, 7, 14, 30, 60, 90, 120.*use 90, the nearest/],
  ["retention without log types", { logging: { retentionDays: 90 } }, "logging.retentionDays", /logging.types is empty/],
  ["unknown support type", { upgradePolicy: { supportType: "LTS" } }, "upgradePolicy.supportType", /one of STANDARD, EXTENDED/],
  ["hop limit 0", ng({ imds: { hopLimit: 0 } }), "nodeGroups[0].imds.hopLimit", /from 1 to 64/],
  ["hop limit 65", ng({ imds: { hopLimit: 65 } }), "nodeGroups[0].imds.hopLimit", /from 1 to 64/],
  ["imds without a hop limit", ng({ imds: {} }), "nodeGroups[0].imds.hopLimit", /is required/],
  ["remote access with IMDSv2 (EKS API CreateNodegroup: no remoteAccess with a launch template; SSM needs AmazonSSMManagedInstanceCore)", ng({ imds: { hopLimit: 2 }, remoteAccess: { sshKeyName: "ops" } }), "nodeGroups[0].remoteAccess", /EKS rejects remote access with one.*SSM Session Manager \(the node role then needs the AmazonSSMManagedInstanceCore policy/],
  ["ignoreDesiredSizeChanges as a string", ng({ ignoreDesiredSizeChanges: "yes" }), "nodeGroups[0].ignoreDesiredSizeChanges", /true or false/],
  ["S3 backend without a bucket", { backend: { s3: { key: "x.tfstate" } } }, "backend.s3.bucket", /is required/],
  ["S3 bucket with upper case", { backend: { s3: { bucket: "Acme_State" } } }, "backend.s3.bucket", /S3 bucket name/],
  ["S3 key starting with /", { backend: { s3: { bucket: "acme-state", key: "/eks.tfstate" } } }, "backend.s3.key", /neither starts nor ends with \//],
  ["unknown backend", { backend: { gcs: { bucket: "x" } } }, "backend.gcs", /not a known key/],
  // version and region
  ["kubernetesVersion as a number", { kubernetesVersion: 1.3 }, "kubernetesVersion", /must be a string, not the number 1.3/],
  ["kubernetesVersion with a patch", { kubernetesVersion: "1.35.1" }, "kubernetesVersion", /minor version 1.NN/],
  ["region that is not one", { region: "us-east" }, "region", /AWS region code/],
  ["region in upper case", { region: "US-EAST-1" }, "region", /AWS region code/],
  // endpoint
  ["unknown endpoint access", { endpoint: { access: "internal" } }, "endpoint.access", /one of public, public-and-private, private/],
  ["CIDR with host bits", { endpoint: { publicAccessCidrs: ["203.0.113.7/24"] } }, "endpoint.publicAccessCidrs[0]", /host bits set/],
  ["not a CIDR", { endpoint: { publicAccessCidrs: ["203.0.113.0"] } }, "endpoint.publicAccessCidrs[0]", /IPv4 CIDR block/],
  ["CIDR prefix over 32", { endpoint: { publicAccessCidrs: ["10.0.0.0/33"] } }, "endpoint.publicAccessCidrs[0]", /n from 0 to 32/],
  ["41 public CIDRs", { endpoint: { publicAccessCidrs: Array.from({ length: 41 }, (_, i) => `10.0.${i}.0/24`) } }, "endpoint.publicAccessCidrs", /at most 40 items, not 41 \(EKS allows 40\)/],
  ["public CIDRs with a private endpoint", { endpoint: { access: "private", publicAccessCidrs: ["203.0.113.0/24"] } }, "endpoint.publicAccessCidrs", /only to a public endpoint/],
  ["duplicate public CIDR", { endpoint: { publicAccessCidrs: ["203.0.113.0/24", "203.0.113.0/24"] } }, "endpoint.publicAccessCidrs[1]", /must not repeat/],
  // EKS API VpcConfigRequest.publicAccessCidrs: nothing sent keeps the default 0.0.0.0/0
  ["empty public CIDRs with a public endpoint (EKS API VpcConfigRequest: default 0.0.0.0/0)", { endpoint: { publicAccessCidrs: [] } }, "endpoint.publicAccessCidrs", /is empty, so nothing is sent and EKS keeps its default 0.0.0.0\/0.*list the public CIDRs/],
  // EKS User Guide "Cluster API server endpoint": public CIDRs only; CreateCluster/UpdateClusterConfig reject private ones
  ...(
    [
      ["10.1.0.0/16", "10.0.0.0/8"],
      ["172.16.0.0/12", "172.16.0.0/12"],
      ["192.168.1.0/24", "192.168.0.0/16"],
      ["100.64.0.0/10", "100.64.0.0/10"],
      ["127.0.0.1/32", "127.0.0.0/8"],
      ["169.254.0.0/16", "169.254.0.0/16"],
      ["0.0.0.0/8", "0.0.0.0/8"],
    ] as const
  ).map(([cidr, range]): [string, unknown, string, RegExp] => [
    `private CIDR ${cidr} in publicAccessCidrs (EKS User Guide "Cluster API server endpoint", CreateCluster rejects it)`,
    { endpoint: { access: "public", publicAccessCidrs: ["203.0.113.0/24", cidr] } },
    "endpoint.publicAccessCidrs[1]",
    new RegExp(`lies in ${range.replace(/[./]/g, "\\$&")}, which is not a public internet range: EKS rejects private CIDRs.*public \\(NAT, VPN or office egress\\) address`),
  ]),
  // network
  ["malformed VPC id", { network: { vpcId: "vpc-12" } }, "network.vpcId", /VPC id: vpc- followed by 8 or 17 hex digits/],
  ["malformed subnet id", { network: { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-xyz"] } }, "network.subnetIds[1]", /subnet id/],
  ["malformed security group id", { network: { securityGroupIds: ["sg-1"] } }, "network.securityGroupIds[0]", /security group id/],
  ["one subnet", { network: { subnetIds: ["subnet-0a1b2c3d4e5f60001"] } }, "network.subnetIds", /at least 2 items \(EKS needs subnets in two Availability Zones\)/],
  ["duplicate subnet", { network: { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60001"] } }, "network.subnetIds[1]", /must not repeat/],
  ["service CIDR outside private ranges", { network: { serviceIpv4Cidr: "100.64.0.0/16" } }, "network.serviceIpv4Cidr", /inside 10.0.0.0\/8, 172.16.0.0\/12 or 192.168.0.0\/16/],
  ["service CIDR too large", { network: { serviceIpv4Cidr: "10.0.0.0/8" } }, "network.serviceIpv4Cidr", /mask from \/12 to \/24, not \/8/],
  ["service CIDR too small", { network: { serviceIpv4Cidr: "172.20.0.0/25" } }, "network.serviceIpv4Cidr", /mask from \/12 to \/24, not \/25/],
  ["service CIDR with host bits", { network: { serviceIpv4Cidr: "172.20.1.0/16" } }, "network.serviceIpv4Cidr", /did you mean 172.20.0.0\/16/],
  // logging
  ["log type in the wrong case", { logging: { types: ["Audit"] } }, "logging.types[0]", /one of api, audit, authenticator, controllerManager, scheduler/],
  ["log type twice", { logging: { types: ["api", "api"] } }, "logging.types[1]", /must not repeat/],
  // add-ons
  ["add-on name in upper case", { addons: { CoreDNS: { version: "latest" } } }, 'addons.CoreDNS (the key)', /lower-case letters, digits, - and _/],
  ["add-on version not semver", { addons: { coredns: { version: "1.11" } } }, "addons.coredns.version", /latest, default, or a pinned version vX.Y.Z-eksbuild.N/],
  ["add-on version without eksbuild", { addons: { coredns: { version: "v1.11.4" } } }, "addons.coredns.version", /vX.Y.Z-eksbuild.N/],
  // EKS API CreateAddon configurationValues: JSON text (a map of the add-on's schema)
  ["add-on configuration not a map", { addons: { coredns: { configurationValues: [1] } } }, "addons.coredns.configurationValues", /must be a map of names to values, not a list/],
  ["add-on configuration with an infinite number", { addons: { coredns: { configurationValues: { a: { b: Infinity } } } } }, "addons.coredns.configurationValues.a.b", /finite number, not Infinity/],
  ["add-on configuration with a lone surrogate", { addons: { coredns: { configurationValues: { k: "\ud800" } } } }, "addons.coredns.configurationValues.k", /well-formed Unicode/],
  // EKS API CreateAddon resolveConflicts: NONE | OVERWRITE (PRESERVE only on UpdateAddon)
  ["PRESERVE on create", { addons: { coredns: { resolveConflictsOnCreate: "PRESERVE" } } }, "addons.coredns.resolveConflictsOnCreate", /one of NONE, OVERWRITE \(the values the EKS API accepts on create\)/],
  ["unknown conflict resolution on update", { addons: { coredns: { resolveConflictsOnUpdate: "MERGE" } } }, "addons.coredns.resolveConflictsOnUpdate", /one of NONE, OVERWRITE, PRESERVE/],
  ["preserve not a boolean", { addons: { coredns: { preserve: "yes" } } }, "addons.coredns.preserve", /true or false/],
  // workload identity (EKS User Guide "EKS Pod Identity", "IAM roles for service accounts"; Kubernetes names)
  ["service account namespace not a DNS label", { serviceAccounts: [{ namespace: "Team_A", name: "api", managedPolicyArns: [S3] }] }, "serviceAccounts[0].namespace", /Kubernetes namespace name/],
  ["service account name wildcard", { serviceAccounts: [{ namespace: "a", name: "*", managedPolicyArns: [S3] }] }, "serviceAccounts[0].name", /no wildcards: a trust for a pattern lets every matching account assume the role/],
  ["service account name over 253 characters", { serviceAccounts: [{ namespace: "a", name: "a".repeat(254), managedPolicyArns: [S3] }] }, "serviceAccounts[0].name", /1 to 253 characters/],
  ["service account twice", { serviceAccounts: [{ namespace: "a", name: "api", managedPolicyArns: [S3] }, { namespace: "a", name: "api", identity: "irsa", managedPolicyArns: [S3] }] }, "serviceAccounts[1].name", /service account a\/api again \(serviceAccounts\[0\] has it\)/],
  ["service account role without permissions", { serviceAccounts: [{ namespace: "a", name: "api" }] }, "serviceAccounts[0]", /no permissions: neither managedPolicyArns nor an inlinePolicy/],
  ["unknown workload identity", { serviceAccounts: [{ namespace: "a", name: "api", identity: "kiam", managedPolicyArns: [S3] }] }, "serviceAccounts[0].identity", /one of pod-identity, irsa/],
  ["policy ARN of a role", { serviceAccounts: [{ namespace: "a", name: "api", managedPolicyArns: ["arn:aws:iam::aws:role/x"] }] }, "serviceAccounts[0].managedPolicyArns[0]", /IAM policy ARN/],
  ["policy ARN of another partition", { serviceAccounts: [{ namespace: "a", name: "api", managedPolicyArns: ["arn:aws-cn:iam::aws:policy/X"] }] }, "serviceAccounts[0].managedPolicyArns[0]", /partition aws-cn, but region us-east-1 is in aws/],
  ["inline policy without Statement", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Version: "2012-10-17" } }] }, "serviceAccounts[0].inlinePolicy", /not an IAM policy document: it has no Statement/],
  ["inline policy of an old version", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Version: "2010-01-01", Statement: [] } }] }, "serviceAccounts[0].inlinePolicy.Version", /must be 2012-10-17/],
  ["inline policy over 10,240 characters (IAM quotas)", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "x".repeat(10_300) }] } }] }, "serviceAccounts[0].inlinePolicy", /IAM allows 10240 for a role's inline policies/],
  ["inline policy statement with Effect true", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: true, Action: "s3:*", Resource: "*" }] } }] }, "serviceAccounts[0].inlinePolicy.Statement[0]", /Effect true: IAM takes Allow or Deny/],
  ["inline policy statement without Resource", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: { Effect: "Allow", Action: "s3:*" } } }] }, "serviceAccounts[0].inlinePolicy.Statement", /needs Resource/],
  ["inline policy with a Principal", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] } }] }, "serviceAccounts[0].inlinePolicy.Statement[0]", /MalformedPolicyDocument/],
  ["two policies of one Terraform name", { serviceAccounts: [{ namespace: "a", name: "api", managedPolicyArns: ["arn:aws:iam::aws:policy/a,b", "arn:aws:iam::aws:policy/a@b"] }] }, "serviceAccounts[0].managedPolicyArns[1]", /same Terraform name \(a_b\)/],
  ["Pod Identity with its agent removed", { addons: { "eks-pod-identity-agent": null }, serviceAccounts: [{ namespace: "a", name: "api", managedPolicyArns: [S3] }] }, 'addons["eks-pod-identity-agent"]', /is left out, but serviceAccounts\[0\] uses EKS Pod Identity/],
  ["a serviceAccounts entry for an add-on's own service account", { addons: { "aws-ebs-csi-driver": { version: "default" } }, serviceAccounts: [{ namespace: "kube-system", name: "ebs-csi-controller-sa", identity: "irsa", managedPolicyArns: [S3] }] }, "serviceAccounts[0]", /service account of the aws-ebs-csi-driver add-on, which EKS manages/],
  ["inline policy with no statements", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Version: "2012-10-17", Statement: [] } }] }, "serviceAccounts[0].inlinePolicy.Statement", /IAM refuses a policy without statements/],
  ["inline policy with a Sid of spaces", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Sid: "has space", Effect: "Allow", Action: "s3:*", Resource: "*" }] } }] }, "serviceAccounts[0].inlinePolicy.Statement[0]", /letters and digits only/],
  ["inline policy with an unknown statement key", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Extra: 2 }] } }] }, "serviceAccounts[0].inlinePolicy.Statement[0]", /"Extra", which is not a statement element/],
  ["inline policy with a Condition string", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: "x" }] } }] }, "serviceAccounts[0].inlinePolicy.Statement[0]", /Condition that is not a map/],
  ["inline policy with an unknown top key", { serviceAccounts: [{ namespace: "a", name: "api", inlinePolicy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }], Policy: 1 } }] }, "serviceAccounts[0].inlinePolicy.Policy", /not an element of an IAM policy/],
  ["an add-on role with no policies", { addons: { "vpc-cni": { role: { managedPolicyArns: [] } } } }, 'addons["vpc-cni"].role.managedPolicyArns', /the role would grant vpc-cni nothing \(the add-on table's policy is AmazonEKS_CNI_Policy/],
  ["role name taken by the node role", { serviceAccounts: [{ namespace: "a", name: "api", roleName: "simple-bank-eks-node", managedPolicyArns: [S3] }] }, "serviceAccounts[0].roleName", /names the node role "simple-bank-eks-node"/],
  ["add-on role for an add-on the table does not know", { addons: { kubecost_kubecost: { version: "default", role: {} } } }, "addons.kubecost_kubecost.role", /does not know which service account kubecost_kubecost runs as/],
  ["add-on role for metrics-server (needs none)", { addons: { "metrics-server": { version: "default", role: {} } } }, 'addons["metrics-server"].role', /needs no AWS permissions/],
  ["add-on role for coredns (needs none)", { addons: { coredns: { role: {} } } }, "addons.coredns.role", /needs no AWS permissions/],
  ["add-on role beside a service account entry for it", { addons: { "vpc-cni": { role: {} } }, serviceAccounts: [{ namespace: "kube-system", name: "aws-node", managedPolicyArns: [S3] }] }, 'addons["vpc-cni"].role', /binds a role to kube-system\/aws-node, vpc-cni's service account, which serviceAccounts\[0\] gives a role too/],
  // node groups
  ["unknown AMI type", ng({ amiType: "AL2023_x86_64" }), "nodeGroups[0].amiType", /one of AL2023_x86_64_STANDARD/],
  ["AL2 on Kubernetes 1.33+", ng({ amiType: "AL2_x86_64" }), "nodeGroups[0].amiType", /no EKS AMIs for Kubernetes 1.33 and later.*1.35/],
  ["malformed instance type", ng({ instanceTypes: ["t3micro"] }), "nodeGroups[0].instanceTypes[0]", /EC2 instance type: family.size/],
  ["no instance types", ng({ instanceTypes: [] }), "nodeGroups[0].instanceTypes", /at least 1 item/],
  ["mixed architectures", ng({ instanceTypes: ["m6i.large", "m7g.large"] }), "nodeGroups[0].instanceTypes", /mixes CPU architectures \(m6i.large: x86_64, m7g.large: arm64\)/],
  ["Graviton type with an x86 AMI", ng({ instanceTypes: ["m7g.large"] }), "nodeGroups[0].instanceTypes[0]", /arm64 type, but amiType AL2023_x86_64_STANDARD is for x86_64/],
  ["x86 type with an ARM AMI", ng({ amiType: "AL2023_ARM_64_STANDARD", instanceTypes: ["m6i.large"] }), "nodeGroups[0].instanceTypes[0]", /x86_64 type, but amiType AL2023_ARM_64_STANDARD is for arm64/],
  ["GPU AMI without a GPU", ng({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["m6i.large"] }), "nodeGroups[0].instanceTypes[0]", /no NVIDIA GPU/],
  ["NVIDIA AMI on AMD GPUs", ng({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["g4ad.xlarge"] }), "nodeGroups[0].instanceTypes[0]", /no NVIDIA GPU/],
  ["Neuron AMI without Inferentia", ng({ amiType: "AL2023_x86_64_NEURON", instanceTypes: ["m6i.large"] }), "nodeGroups[0].instanceTypes[0]", /Inferentia or Trainium/],
  ["unknown capacity type", ng({ capacityType: "spot" }), "nodeGroups[0].capacityType", /did you mean SPOT/],
  // catalogs/ami-root-volumes.ts: EKS CreateNodegroup "Volume of size 10GB is smaller than snapshot ..., expect size>= 20GB"
  ["AL2023 disk of the walk-through's 10 GiB (EKS CreateNodegroup: smaller than the 20 GiB snapshot)", ng({ diskSize: 10 }), "nodeGroups[0].diskSize", /below 20 GiB, the smallest disk for amiType AL2023_x86_64_STANDARD: .*snapshot is 20 GiB.*set diskSize to 20 or more/],
  ["AL2 disk below the AMI's 20 GiB mapping (amazon-eks-ami templates/al2, catalogs/ami-root-volumes)", { kubernetesVersion: "1.32", nodeGroups: [{ amiType: "AL2_x86_64", diskSize: 8 }] }, "nodeGroups[0].diskSize", /below 20 GiB, the smallest disk for amiType AL2_x86_64/],
  ["Bottlerocket data volume below 20 GiB (Bottlerocket build layout, catalogs/ami-root-volumes)", ng({ amiType: "BOTTLEROCKET_x86_64", diskSize: 19 }), "nodeGroups[0].diskSize", /below 20 GiB.*data volume/],
  ["Windows disk below EKS's 50 GiB (EKS API CreateNodegroupRequest.diskSize default)", ng({ amiType: "WINDOWS_CORE_2022_x86_64", diskSize: 30 }), "nodeGroups[0].diskSize", /below 50 GiB, the smallest disk for amiType WINDOWS_CORE_2022_x86_64.*set diskSize to 50/],
  ["Windows on the default disk (EKS API CreateNodegroupRequest.diskSize: 50 GiB for Windows)", ng({ amiType: "WINDOWS_FULL_2022_x86_64" }), "nodeGroups[0].diskSize", /below 50 GiB/],
  // EKS User Guide capacity-blocks-mng / EKS API CreateNodegroup amiType: both need a launch template this app cannot write
  ["Capacity Block without a reservation launch template (EKS User Guide capacity-blocks-mng)", ng({ capacityType: "CAPACITY_BLOCK" }), "nodeGroups[0].capacityType", /needs a launch template naming the Capacity Block reservation.*use ON_DEMAND/],
  ["CUSTOM AMI without an AMI id (EKS API CreateNodegroup amiType)", ng({ amiType: "CUSTOM" }), "nodeGroups[0].amiType", /CUSTOM needs a launch template with the AMI id.*AL2023_x86_64_STANDARD/],
  // Kubernetes validateNodeTaints "unique by key and effect pair"; EKS User Guide node-taints-managed-node-groups
  ["two taints with one key and effect (Kubernetes Node validation, EKS node-taints-managed-node-groups)", ng({ taints: [{ key: "dedicated", value: "a", effect: "NO_SCHEDULE" }, { key: "dedicated", value: "b", effect: "NoSchedule" }] }), "nodeGroups[0].taints[1]", /repeats taints\[0\]: key dedicated with effect NO_SCHEDULE.*remove one/],
  // EKS API TagMap max 50 (catalogs/tag-rules.ts): cluster tags and group tags are merged on the group and its launch template
  [
    "cluster and node group tags over 50 once merged (EKS API TagMap, catalogs/tag-rules.ts)",
    { tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, "v"])), nodeGroups: [{ tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`g${i}`, "v"])) }] },
    "nodeGroups[0].tags",
    /with the cluster's 30 tags makes 51 tags on the node group and its launch template; AWS allows 50.*remove 1 tags/,
  ],
  ["disk size 0", ng({ diskSize: 0 }), "nodeGroups[0].diskSize", /from 1 to 16384/],
  ["fractional disk size", ng({ diskSize: 10.5 }), "nodeGroups[0].diskSize", /whole number/],
  ["disk size as a string", ng({ diskSize: "10" }), "nodeGroups[0].diskSize", /whole number, not the string "10"/],
  ["desired above max", ng({ scaling: { minSize: 1, maxSize: 2, desiredSize: 5 } }), "nodeGroups[0].scaling.desiredSize", /0 <= minSize <= desiredSize <= maxSize \(minSize 1, desiredSize 5, maxSize 2\)/],
  ["desired below min", ng({ scaling: { minSize: 2, desiredSize: 1, maxSize: 3 } }), "nodeGroups[0].scaling.desiredSize", /minSize <= desiredSize/],
  ["min above max", ng({ scaling: { minSize: 3, desiredSize: 3, maxSize: 2 } }), "nodeGroups[0].scaling.minSize", /lower minSize to 2/],
  ["max 0", ng({ scaling: { minSize: 0, desiredSize: 0, maxSize: 0 } }), "nodeGroups[0].scaling.maxSize", /from 1 to 450/],
  ["negative min", ng({ scaling: { minSize: -1 } }), "nodeGroups[0].scaling.minSize", /from 0 to 450/],
  ["scaling merged onto the default: desired from the default below a given min", ng({ scaling: { minSize: 2, maxSize: 4 } }), "nodeGroups[0].scaling.desiredSize", /minSize 2, desiredSize 1/],
  ["both update settings", ng({ update: { maxUnavailable: 1, maxUnavailablePercentage: 50 } }), "nodeGroups[0].update", /exactly one of maxUnavailable, maxUnavailablePercentage/],
  ["no update setting", ng({ update: {} }), "nodeGroups[0].update", /add maxUnavailable or maxUnavailablePercentage/],
  ["maxUnavailable over 100", ng({ scaling: { minSize: 1, desiredSize: 1, maxSize: 200 }, update: { maxUnavailable: 101 } }), "nodeGroups[0].update.maxUnavailable", /from 1 to 100/],
  ["maxUnavailable above maxSize", ng({ update: { maxUnavailable: 3 } }), "nodeGroups[0].update.maxUnavailable", /must not exceed scaling.maxSize \(2\)/],
  ["percentage 0", ng({ update: { maxUnavailablePercentage: 0 } }), "nodeGroups[0].update.maxUnavailablePercentage", /from 1 to 100/],
  ["label with a reserved prefix", ng({ labels: { "kubernetes.io/role": "x" } }), 'nodeGroups[0].labels["kubernetes.io/role"] (the key)', /kubernetes.io\/ or k8s.io\//],
  ["label with a k8s.io subdomain prefix", ng({ labels: { "node.k8s.io/x": "y" } }), 'nodeGroups[0].labels["node.k8s.io/x"] (the key)', /kubernetes.io\/ or k8s.io\//],
  ["label key with a space", ng({ labels: { "my label": "x" } }), 'nodeGroups[0].labels["my label"] (the key)', /Kubernetes label key/],
  ["label value too long", ng({ labels: { tier: "v".repeat(64) } }), "nodeGroups[0].labels.tier", /1 to 63 characters/],
  // EKS API CreateNodegroup labels: key 1-63 with the prefix, value 1-63
  ["label key over 63 characters with its prefix", ng({ labels: { [`example.com/${"n".repeat(60)}`]: "x" } }), `nodeGroups[0].labels["example.com/${"n".repeat(60)}"] (the key)`, /1 to 63 characters long \(it has 72\).*whole label key, prefix included/],
  ["empty label value (EKS refuses it)", ng({ labels: { tier: "" } }), "nodeGroups[0].labels.tier", /1 to 63 characters long \(it has 0\).*not empty/],
  // EKS API Taint: key 1-63 with the prefix
  ["taint key over 63 characters with its prefix", ng({ taints: [{ key: `example.com/${"t".repeat(60)}`, effect: "NO_SCHEDULE" }] }), "nodeGroups[0].taints[0].key", /1 to 63 characters long \(it has 72\).*whole taint key/],
  // EC2 CreateKeyPair KeyName: ASCII
  ["SSH key name with a control character", ng({ remoteAccess: { sshKeyName: "key\rname" } }), "nodeGroups[0].remoteAccess.sshKeyName", /printable ASCII/],
  ["SSH key name with non-ASCII", ng({ remoteAccess: { sshKeyName: "schlüssel" } }), "nodeGroups[0].remoteAccess.sshKeyName", /printable ASCII/],
  ["label value with a slash", ng({ labels: { tier: "a/b" } }), "nodeGroups[0].labels.tier", /empty or 1-63 letters/],
  ["taint effect unknown", ng({ taints: [{ key: "k", effect: "NoEvict" }] }), "nodeGroups[0].taints[0].effect", /one of NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE/],
  ["taint without a key", ng({ taints: [{ effect: "NO_SCHEDULE" }] }), "nodeGroups[0].taints[0].key", /is required/],
  ["51 taints", ng({ taints: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, effect: "NO_SCHEDULE" })) }), "nodeGroups[0].taints", /at most 50 items/],
  ["remote access without an SSH key", ng({ remoteAccess: { sourceSecurityGroupIds: ["sg-0a1b2c3d4e5f60719"] } }), "nodeGroups[0].remoteAccess.sshKeyName", /is required/],
  ["node group subnets malformed", ng({ subnetIds: ["subnet-1"] }), "nodeGroups[0].subnetIds[0]", /subnet id/],
  // EC2 API DescribeInstanceTypes (catalogs/instance-types.ts): p6e-gb200's host CPU is NVIDIA Grace (arm64), which
  // the naming rule alone (no g attribute) would call x86_64
  ["an arm64 type by the EC2 catalog on an x86_64 AMI", ng({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["p6e-gb200.36xlarge"] }), "nodeGroups[0].instanceTypes[0]", /is an arm64 type, but amiType AL2023_x86_64_NVIDIA is for x86_64/],
  // IAM User Guide "IAM identifiers": role names unique per account, not distinguished by case (CreateRole: EntityAlreadyExists)
  ["node role names differing only in case (IAM CreateRole EntityAlreadyExists)", { nodeGroups: [{ name: "a", role: { name: "Nodes" } }, { name: "b", role: { name: "nodes" } }] }, "nodeGroups[1].role.name", /is "Nodes" \(nodeGroups\[0\].role.name\) in another case: IAM role names are case-insensitive/],
  ["a node role named like the cluster role (IAM CreateRole EntityAlreadyExists)", { clusterRole: { name: "eks" }, nodeGroups: [{ name: "a", role: { name: "EKS" } }] }, "nodeGroups[0].role.name", /names the cluster role "eks" \(clusterRole.name\) for a node role/],
  // tags
  ["tag with the aws: prefix", { tags: { "aws:owner": "me" } }, 'tags["aws:owner"] (the key)', /must not start with aws:/],
  ["tag key over 128 characters", { tags: { ["k".repeat(129)]: "v" } }, `tags.${"k".repeat(129)} (the key)`, /1 to 128 characters/],
  ["tag value over 256 characters", { tags: { team: "v".repeat(257) } }, "tags.team", /0 to 256 characters/],
  // IAM API Tag: [\p{L}\p{Z}\p{N}_.:/=+\-@]; Terraform normalizes strings to NFC
  ["tag value with a template sequence", { tags: { owner: "${var.owner}" } }, "tags.owner", /only letters, digits, spaces and _ \. : \/ = \+ - @.*not "\$"/],
  ["tag key with a quote", { tags: { 'a"b': "x" } }, 'tags["a\\"b"] (the key)', /tag key characters IAM and CloudWatch Logs accept/],
  ["tag value with a control character", { tags: { team: "a\rb" } }, "tags.team", /not "\\r"/],
  ["tag value not in NFC", { tags: { city: "Zu\u0308rich" } }, "tags.city", /only letters/],
  ["tag key in a form NFC changes", { tags: { "\u212B": "angstrom sign" } }, 'tags["\u212B"] (the key)', /normal form C.*write it in NFC: "\u00C5"/],
  ["51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) }, "tags", /at most 50 entries \(AWS allows 50 tags per resource\)/],
  ["node group tag with the aws: prefix", ng({ tags: { "AWS:x": "y" } }), 'nodeGroups[0].tags["AWS:x"] (the key)', /aws:/],
  // waivers
  ["waiver of an unknown rule", { waivers: [{ rule: "CKV_AWS_999", reason: "because we say so, really" }] }, "waivers[0].rule", /one of CKV_AWS_39, AVD-AWS-0040/],
  ["waiver without a reason", { waivers: [{ rule: "CKV_AWS_39" }] }, "waivers[0].reason", /is required/],
  ["waiver with a one-word reason", { waivers: [{ rule: "CKV_AWS_39", reason: "ok" }] }, "waivers[0].reason", /10 to 500 characters/],
  // shape
  ["unknown key with a near one", ng({ instanceType: ["t3.micro"] }), "nodeGroups[0].instanceType", /did you mean `instanceTypes`\?/],
  ["unknown top-level key", { kubernetes_version: "1.35" }, "kubernetes_version", /did you mean `kubernetesVersion`\?/],
  ["unknown key with no near one", { flavour: "x" }, "flavour", /use one of name, region/],
  ["object where a list belongs", ng({ instanceTypes: "t3.micro" }), "nodeGroups[0].instanceTypes", /must be a list, not the string "t3.micro"/],
  ["list where an object belongs", { endpoint: ["private"] }, "endpoint", /must be an object/],
  ["top level a list", [{ name: "a" }], "(top level)", /one cluster .* or \{ clusters/],
  ["keys beside clusters", { clusters: [{ name: "a" }], region: "us-east-1" }, "region", /not allowed beside clusters/],
  ["empty clusters", { clusters: [] }, "clusters", /at least one cluster/],
  ["duplicate cluster names", { clusters: [{ name: "a" }, { name: "a" }] }, "clusters[1].name", /unique in the file \(clusters\[0\].name has it too\)/],
  ["a rule inside the second cluster", { clusters: [{ name: "a" }, { name: "b", region: "x" }] }, "clusters[1].region", /AWS region code/],
];

describe("config validation rules", () => {
  it.each(CASES)("GIVEN %s WHEN validated THEN it names the path and the rule", (_what, given, path, message) => {
    const found = problems(given);
    const atPath = found.filter((p) => p.path === path);
    expect({ paths: found.map((p) => p.path), matched: atPath.some((p) => message.test(`${p.rule} ${p.fix}`)) }).toEqual({
      paths: expect.arrayContaining([path]),
      matched: true,
    });
  });

  it("GIVEN several mistakes WHEN validated THEN every one is reported at once, each with value, rule and fix", () => {
    const found = problems({
      name: "bad name",
      region: "nowhere",
      endpoint: { access: "open" },
      nodeGroups: [{ instanceTypes: ["m7g.large"], scaling: { minSize: 1, maxSize: 2, desiredSize: 3 } }],
    });
    expect(found.map((p) => p.path).sort()).toEqual([
      "endpoint.access",
      "name",
      "nodeGroups[0].instanceTypes[0]",
      "nodeGroups[0].scaling.desiredSize",
      "region",
    ]);
    for (const p of found) {
      expect(p.rule.length).toBeGreaterThan(10);
      expect(p.fix.length).toBeGreaterThan(3);
    }
    expect(found.find((p) => p.path === "nodeGroups[0].scaling.desiredSize")!.value).toBe(3);
  });

  it("GIVEN an invalid value WHEN validated THEN rules that depend on it are skipped, not reported twice", () => {
    const found = problems(ng({ scaling: { minSize: "one", maxSize: 2, desiredSize: 1 } }));
    expect(found.map((p) => p.path)).toEqual(["nodeGroups[0].scaling.minSize"]);
  });
});

describe("rules that mirror AWS limits accept what AWS accepts", () => {
  const accepts = (given: unknown) => resolveParsed(given, "test.yaml").clusters;

  it("GIVEN no file WHEN resolved THEN the default node group's disk is 20 GiB, which the AL2023 snapshot allows (catalogs/ami-root-volumes)", () => {
    expect(accepts({})[0].nodeGroups[0].diskSize).toBe(20);
  });

  it("GIVEN each AMI family at its minimum disk WHEN validated THEN it is accepted (catalogs/ami-root-volumes safeMinimumDiskSizeGiB)", () => {
    expect(
      accepts({
        nodeGroups: [
          { name: "al2023", diskSize: 20 },
          { name: "bottlerocket", amiType: "BOTTLEROCKET_x86_64", diskSize: 20 },
          { name: "windows", amiType: "WINDOWS_CORE_2022_x86_64", diskSize: 50 },
        ],
      })[0].nodeGroups.map((g) => g.diskSize),
    ).toEqual([20, 20, 50]);
  });

  it("GIVEN public CIDRs next to the private ranges and 0.0.0.0/0 WHEN validated THEN none is refused (EKS User Guide \"Cluster API server endpoint\")", () => {
    const cidrs = ["0.0.0.0/0", "11.0.0.0/8", "172.32.0.0/16", "192.169.0.0/16", "100.128.0.0/16", "169.253.0.0/16", "203.0.113.0/24"];
    expect(accepts({ endpoint: { publicAccessCidrs: cidrs } })[0].endpoint.publicAccessCidrs).toEqual(cidrs);
  });

  it("GIVEN a private endpoint with no public CIDRs WHEN validated THEN the empty list is no error (nothing public to open)", () => {
    expect(accepts({ endpoint: { access: "private", publicAccessCidrs: [] } })).toHaveLength(1);
  });

  it("GIVEN ARNs of the region's own partition WHEN validated THEN they are accepted (catalogs/regions.ts partitionOfRegion)", () => {
    const [cluster] = accepts({
      region: "cn-north-1",
      clusterRole: { arn: "arn:aws-cn:iam::111122223333:role/eks" },
      secretsEncryption: { kmsKeyArn: KMS.replace("arn:aws:", "arn:aws-cn:").replace("us-east-1", "cn-north-1") },
      access: { entries: [{ principalArn: "arn:aws-cn:iam::111122223333:role/admins", policies: [{ policy: "AmazonEKSViewPolicy" }] }] },
      nodeGroups: [{ role: { arn: "arn:aws-cn:iam::111122223333:role/nodes" } }],
    });
    expect(cluster.region).toBe("cn-north-1");
  });

  it("GIVEN one taint key with two effects WHEN validated THEN it is accepted (taints are unique by key and effect, Kubernetes validateNodeTaints)", () => {
    const taints = [{ key: "dedicated", effect: "NO_SCHEDULE" }, { key: "dedicated", effect: "NO_EXECUTE" }];
    expect(accepts(ng({ taints }))[0].nodeGroups[0].taints).toHaveLength(2);
  });

  it("GIVEN 50 cluster tags and a node group repeating their keys WHEN validated THEN the merged 50 are accepted (EKS API TagMap max 50)", () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"]));
    expect(accepts({ tags, nodeGroups: [{ tags: { ...tags, t0: "group" } }] })[0].nodeGroups[0].tags.t0).toBe("group");
  });
});

describe("config warnings", () => {
  const warningsOf = (given: unknown) => resolveParsed(given, "test.yaml").warnings;

  it("GIVEN the walk-through default WHEN validated THEN it warns of the open endpoint, no logs, little pod room and a single node", () => {
    const warnings = warningsOf({});
    expect(warnings.map((w) => w.path)).toEqual([
      "endpoint.publicAccessCidrs",
      "logging.types",
      "nodeGroups[0].instanceTypes[0]",
      "nodeGroups[0].scaling.desiredSize",
    ]);
    expect(warnings[2].rule).toMatch(/t3.micro runs at most 4 pods per node \(VPC CNI: 2 ENIs x \(2 IPv4 - 1\) \+ 2\).*leaving 0 for workloads/);
  });

  it("GIVEN restricted CIDRs, logs, t3.medium and two nodes WHEN validated THEN it warns of nothing", () => {
    expect(
      warningsOf({
        endpoint: { publicAccessCidrs: ["203.0.113.0/24"] },
        logging: { types: ["audit"] },
        nodeGroups: [{ instanceTypes: ["t3.medium"], scaling: { minSize: 2, maxSize: 3, desiredSize: 2 } }],
      }),
    ).toEqual([]);
  });

  it("GIVEN a private endpoint WHEN validated THEN the default 0.0.0.0/0 is neither an error nor a warning", () => {
    const warnings = warningsOf({ endpoint: { access: "private" } });
    expect(warnings.map((w) => w.path)).not.toContain("endpoint.publicAccessCidrs");
  });

  it("GIVEN secrets encryption, no creator admin, no entries and hop limit 1 WHEN validated THEN each is warned about", () => {
    const warnings = warningsOf({
      secretsEncryption: { createKey: true },
      access: { clusterCreatorAdmin: false },
      nodeGroups: [{ imds: { hopLimit: 1 } }],
    });
    const byPath = Object.fromEntries(warnings.map((w) => [w.path, w.rule]));
    expect(byPath.secretsEncryption).toMatch(/cannot be turned off/);
    expect(byPath["access.clusterCreatorAdmin"]).toMatch(/replaces the whole cluster/);
    expect(byPath["access.entries"]).toMatch(/nobody can use the Kubernetes API/);
    expect(byPath["nodeGroups[0].imds.hopLimit"]).toMatch(/node role's credentials/);
  });

  it("GIVEN the creator's admin replaced by an entry WHEN validated THEN only the replacement warning remains", () => {
    const warnings = warningsOf({
      access: { clusterCreatorAdmin: false, entries: [{ principalArn: "arn:aws:iam::111122223333:role/admins", policies: [{ policy: "AmazonEKSClusterAdminPolicy" }] }] },
    });
    expect(warnings.map((w) => w.path)).toContain("access.clusterCreatorAdmin");
    expect(warnings.map((w) => w.path)).not.toContain("access.entries");
  });

  it("GIVEN no node groups WHEN validated THEN it warns that coredns and the Deployment add-ons cannot run (EKS User Guide managing-coredns: CoreDNS runs as a Deployment on nodes), naming Fargate profiles and Auto Mode as the ways without nodes", () => {
    const warning = warningsOf({ nodeGroups: [] }).find((w) => w.path === "nodeGroups");
    expect(warning?.rule).toMatch(/coredns and every add-on that runs as a Deployment can never become healthy/);
    expect(warning?.fix).toMatch(/add a node group.*or run pods without nodes: fargateProfiles, or autoMode: \{ enabled: true \}/);
  });

  it("GIVEN a type missing from the pod table WHEN validated THEN no pod-room warning is guessed", () => {
    const warnings = warningsOf(ng({ instanceTypes: ["x2iedn.xlarge"] }));
    expect(warnings.map((w) => w.path)).not.toContain("nodeGroups[0].instanceTypes[0]");
  });
});
