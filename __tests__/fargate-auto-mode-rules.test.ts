/** The validation rules of Fargate profiles and EKS Auto Mode (issue 14): a config, the path named, the message. */
import { problems, warningsOf } from "../test-support/config-problems";
import { resolveParsed } from "../src/config/load";

const SUBNETS = { securityGroupIds: [], subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] };
const profile = (settings: Record<string, unknown>) => ({ name: "system", selectors: [{ namespace: "kube-system" }], ...settings });
const fargate = (...profiles: Record<string, unknown>[]) => ({ network: SUBNETS, fargateProfiles: profiles });
const selectors = (n: number) => Array.from({ length: n }, (_, i) => ({ namespace: `ns${i}` }));
const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const AUTO = { autoMode: { enabled: true }, access: { authenticationMode: "API" } };

// [what, config, path, message]
const ERRORS: [string, unknown, string, RegExp][] = [
  // EKS service quotas (service-quotas.html): 10 profiles per cluster, 5 selectors per profile, 5 label pairs per selector
  ["11 profiles", fargate(...Array.from({ length: 11 }, (_, i) => profile({ name: `p${i}` }))), "fargateProfiles", /at most 10 items, not 11 \(EKS allows 10 Fargate profiles per cluster/],
  ["6 selectors", fargate(profile({ selectors: selectors(6) })), "fargateProfiles[0].selectors", /at most 5 items, not 6 \(EKS: up to five selectors per profile/],
  ["no selector", fargate(profile({ selectors: [] })), "fargateProfiles[0].selectors", /at least 1 item/],
  ["6 labels in a selector", fargate(profile({ selectors: [{ namespace: "a", labels: labels(6) }] })), "fargateProfiles[0].selectors[0].labels", /at most 5 entries \(EKS allows 5 label pairs per Fargate profile selector/],
  // "Each selector must contain a namespace" (CreateFargateProfile)
  ["selector without namespace", fargate(profile({ selectors: [{ labels: { a: "b" } }] })), "fargateProfiles[0].selectors[0].namespace", /is required/],
  // only * and ? are wildcards (fargate-profile.html "Fargate profile wildcards")
  ["regular expression in a namespace", fargate(profile({ selectors: [{ namespace: "team-.+" }] })), "fargateProfiles[0].selectors[0].namespace", /Kubernetes namespace name .* with \* and \? as wildcards/],
  ["upper-case namespace", fargate(profile({ selectors: [{ namespace: "Payments" }] })), "fargateProfiles[0].selectors[0].namespace", /Kubernetes namespace name/],
  ["bad label key", fargate(profile({ selectors: [{ namespace: "a", labels: { "-app": "x" } }] })), 'fargateProfiles[0].selectors[0].labels["-app"] (the key)', /Kubernetes label key/],
  ["bad label value", fargate(profile({ selectors: [{ namespace: "a", labels: { app: "a b" } }] })), "fargateProfiles[0].selectors[0].labels.app", /empty or 1-63 letters/],
  ["profile name with a space", fargate(profile({ name: "sys tem" })), "fargateProfiles[0].name", /EKS Fargate profile name rule/],
  ["profile name over 100 characters", fargate(profile({ name: "p".repeat(101) })), "fargateProfiles[0].name", /1 to 100 characters/],
  ["duplicate profile names", fargate(profile({}), profile({})), "fargateProfiles[1].name", /unique in the cluster; fargateProfiles\[0\] has it too \(EKS CreateFargateProfile refuses a name the cluster has: ResourceInUseException\)/],
  ["malformed subnet", fargate(profile({ subnetIds: ["subnet-1"] })), "fargateProfiles[0].subnetIds[0]", /subnet id/],
  ["pod execution role named like the cluster role", fargate(profile({ podExecutionRoleName: "simple-bank-eks-cluster" })), "fargateProfiles[0].podExecutionRoleName", /names the cluster role "simple-bank-eks-cluster" \(clusterRole.name\) for a Fargate pod execution role/],
  ["two pod execution roles one name in two cases", fargate(profile({ podExecutionRoleName: "Pods" }), profile({ name: "b", podExecutionRoleName: "pods" })), "fargateProfiles[1].podExecutionRoleName", /in another case: IAM role names are case-insensitive/],
  ["pod execution roles one Terraform name apart", fargate(profile({ podExecutionRoleName: "a.b" }), profile({ name: "b", podExecutionRoleName: "a_b" })), "fargateProfiles[1].podExecutionRoleName", /same Terraform name \(aws_iam_role.pod_execution_role_a_b\)/],
  ["profile named like the output fargate_profile_arns", fargate(profile({ name: "arns" })), "fargateProfiles[0].name", /construct ID fargate_profile_arns, which the stack itself uses \(for its output/],
  // Auto Mode
  ["Auto Mode with CONFIG_MAP (cluster-auth.html)", { autoMode: { enabled: true }, access: { authenticationMode: "CONFIG_MAP" } }, "access.authenticationMode", /must allow access entries \(API or API_AND_CONFIG_MAP\) with EKS Auto Mode.*cannot be disabled on an Auto Mode cluster/],
  ["Auto Mode on 1.28 (create-auto.html)", { ...AUTO, kubernetesVersion: "1.28" }, "kubernetesVersion", /is below 1.29: "EKS Auto Mode requires Kubernetes version 1.29 or greater"/],
  ["Auto Mode without node pools", { autoMode: { enabled: true, nodePools: [] } }, "autoMode.nodePools", /at least 1 item \(Auto Mode without built-in node pools needs an access entry/],
  ["unknown node pool", { autoMode: { enabled: true, nodePools: ["General-Purpose"] } }, "autoMode.nodePools[0]", /general-purpose/],
  ["node pool twice", { autoMode: { enabled: true, nodePools: ["system", "system"] } }, "autoMode.nodePools[1]", /must not repeat/],
  // "You can't use the same role that is used to create any clusters." (auto-create-node-role.html)
  ["Auto Mode node role named like the cluster role", { ...AUTO, autoMode: { enabled: true, nodeRoleName: "simple-bank-eks-cluster" } }, "autoMode.nodeRoleName", /names the cluster role "simple-bank-eks-cluster" \(clusterRole.name\) for a Auto Mode node role/],
  ["Auto Mode node role named like the node groups' role", { ...AUTO, autoMode: { enabled: true, nodeRoleName: "simple-bank-eks-node" } }, "autoMode.nodeRoleName", /names the node role "simple-bank-eks-node"/],
];

describe("Fargate and Auto Mode rules", () => {
  it.each(ERRORS)("GIVEN %s WHEN validated THEN the error names the path and says why", (_what, config, at, rule) => {
    const found = problems(config).filter((p) => p.path === at);
    expect(found.map((p) => `${p.rule} / ${p.fix}`)).toEqual(expect.arrayContaining([expect.stringMatching(rule)]));
  });

  it("GIVEN wildcards in namespaces and label keys and values, and app.kubernetes.io labels WHEN validated THEN they are accepted", () => {
    const given = fargate(profile({ selectors: [{ namespace: "team-*" }, { namespace: "kube-syst?m", labels: { "app.kubernetes.io/name": "web-*", "k8s-?pp": "kube-dns" } }] }));
    expect(() => resolveParsed(given, "test.yaml")).not.toThrow();
  });

  it("GIVEN profiles sharing one pod execution role by name WHEN validated THEN that is no clash", () => {
    const given = fargate(profile({ podExecutionRoleName: "pods" }), profile({ name: "b", podExecutionRoleName: "pods" }));
    expect(() => resolveParsed(given, "test.yaml")).not.toThrow();
  });
});

describe("Fargate and Auto Mode warnings", () => {
  const paths = (given: Record<string, unknown>) => warningsOf(given).map((w) => w.path);
  const at = (given: Record<string, unknown>, path: string) => warningsOf(given).find((w) => w.path === path);

  it("GIVEN a profile without subnets on a cluster whose subnets are looked up WHEN validated THEN it warns that Fargate takes only private subnets, which cannot be checked offline", () => {
    const warning = at({ fargateProfiles: [profile({})] }, "fargateProfiles[0]");
    expect(warning?.rule).toMatch(/EKS picks the cluster's private subnets.*looked up from the VPC.*only private subnets, with no route to an internet gateway, and this cannot be checked offline.*not a private subnet/);
    expect(warning?.fix).toMatch(/give subnetIds/);
    // with explicit cluster subnets, or the profile's own, nothing
    expect(paths(fargate(profile({})))).not.toContain("fargateProfiles[0]");
    expect(paths({ fargateProfiles: [profile({ subnetIds: ["subnet-0a1b2c3d4e5f60001"] })] })).not.toContain("fargateProfiles[0]");
  });

  it("GIVEN a profile name over 63 characters WHEN validated THEN it warns (not an AWS limit, a DNS label's)", () => {
    expect(at(fargate(profile({ name: "p".repeat(64) })), "fargateProfiles[0].name")?.rule).toMatch(/has 64 characters: EKS publishes no limit.*63/);
  });

  it("GIVEN Fargate profiles and no node groups WHEN validated THEN the no-node-groups warning is not given", () => {
    expect(paths({ ...fargate(profile({ selectors: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }] })), nodeGroups: [] })).not.toContain("nodeGroups");
  });

  it("GIVEN a Fargate-only cluster whose profiles miss CoreDNS WHEN validated THEN it warns that coredns can never run", () => {
    const other = at({ ...fargate(profile({ selectors: [{ namespace: "apps" }] })), nodeGroups: [] }, "fargateProfiles");
    expect(other?.rule).toMatch(/no Fargate profile selects CoreDNS's pods \(namespace kube-system, labels k8s-app=kube-dns, eks.amazonaws.com\/component=coredns\).*coredns can never become healthy/);
    expect(other?.fix).toMatch(/\{ namespace: kube-system, labels: \{ k8s-app: kube-dns \} \}/);
    const wrongLabels = at({ ...fargate(profile({ selectors: [{ namespace: "kube-system", labels: { app: "x" } }] })), nodeGroups: [] }, "fargateProfiles");
    expect(wrongLabels?.rule).toMatch(/a kube-system selector's labels leave them out/);
    // no coredns: nothing to say
    expect(paths({ ...fargate(profile({ selectors: [{ namespace: "apps" }] })), nodeGroups: [], addons: { coredns: null } })).not.toContain("fargateProfiles");
  });

  it("GIVEN a Fargate-only cluster whose coredns sets another computeType WHEN validated THEN it warns the pods stay Pending", () => {
    const given = { ...fargate(profile({})), nodeGroups: [], addons: { coredns: { version: "latest", configurationValues: { computeType: "EC2" } } } };
    expect(at(given, "addons.coredns.configurationValues.computeType")?.rule).toMatch(/is not "Fargate", and Fargate is the cluster's only compute.*stay Pending/);
  });

  it("GIVEN Auto Mode WHEN validated THEN it warns that turning it off replaces the cluster", () => {
    const warning = at(AUTO, "autoMode.enabled");
    expect(warning?.rule).toMatch(/cannot be turned off again from this configuration.*hashicorp\/aws 5.100.0 refuses that plan.*nodeRoleName cannot change either without replacing the cluster/);
  });

  it("GIVEN Auto Mode alone (no node groups, no Fargate) WHEN loaded THEN the default add-ons it runs itself are left out, and one the file names is warned about with AWS's reason", () => {
    // GIVEN the default add-ons (vpc-cni, coredns, kube-proxy) not named, and the EBS CSI driver named
    const config = { ...AUTO, nodeGroups: [], addons: { "aws-ebs-csi-driver": { version: "latest" } } };
    // THEN the defaults are gone (their pods would find no node they may run on)
    const [cluster] = resolveParsed(config, "test.yaml").clusters;
    expect(Object.keys(cluster.addons)).toEqual(["aws-ebs-csi-driver"]);
    // AND the named one is kept, with a warning
    const redundant = warningsOf(config).filter((w) => w.path.startsWith("addons"));
    expect(redundant.map((w) => w.path)).toEqual(['addons["aws-ebs-csi-driver"]']);
    expect(redundant[0].rule).toMatch(/redundant with EKS Auto Mode.*"With Auto mode compute, many commonly used EKS add-ons become redundant/);
    expect(redundant[0].fix).toMatch(/addons: \{ .*: null \}/);
  });

  it("GIVEN Auto Mode alone and default add-ons named in the file WHEN loaded THEN they are kept, each with the warning", () => {
    const config = { ...AUTO, nodeGroups: [], addons: { coredns: { version: "latest" }, "kube-proxy": { version: "latest" } } };
    expect(Object.keys(resolveParsed(config, "test.yaml").clusters[0].addons).sort()).toEqual(["coredns", "kube-proxy"]);
    expect(warningsOf(config).filter((w) => w.path.startsWith("addons")).map((w) => w.path).sort()).toEqual(["addons.coredns", 'addons["kube-proxy"]']);
  });

  it("GIVEN Auto Mode alone and a service account with Pod Identity WHEN loaded THEN no agent add-on is added or demanded (Auto Mode runs it)", () => {
    const config = { ...AUTO, nodeGroups: [], serviceAccounts: [{ namespace: "orders", name: "api", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] };
    const [cluster] = resolveParsed(config, "test.yaml").clusters;
    expect(Object.keys(cluster.addons)).toEqual([]);
    expect(cluster.serviceAccounts[0].identity).toBe("pod-identity");
  });

  it("GIVEN Fargate as the only compute and a service account with Pod Identity WHEN loaded THEN it warns that Fargate pods get no Pod Identity credentials", () => {
    const config = fargate(profile({ selectors: [{ namespace: "kube-system" }, { namespace: "orders" }] }));
    const found = warningsOf({ ...config, nodeGroups: [], serviceAccounts: [{ namespace: "orders", name: "api", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] });
    expect(found.find((w) => w.path === "serviceAccounts[0].identity")?.rule).toMatch(/only compute is Fargate, whose pods EKS Pod Identity does not serve/);
  });

  it("GIVEN Auto Mode beside node groups or Fargate WHEN validated THEN the add-ons are not warned about (AWS: they remain necessary there)", () => {
    expect(paths(AUTO).filter((p) => p.startsWith("addons"))).toEqual([]);
    expect(paths({ ...AUTO, ...fargate(profile({})), nodeGroups: [] }).filter((p) => p.startsWith("addons"))).toEqual([]);
  });

  it("GIVEN Auto Mode alone and a service account with Pod Identity WHEN validated THEN the agent the loader adds is not warned about, but one the file asks for is", () => {
    const account = { serviceAccounts: [{ namespace: "apps", name: "web", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] };
    const bare = { ...AUTO, nodeGroups: [], addons: { "vpc-cni": null, coredns: null, "kube-proxy": null } };
    expect(paths({ ...bare, ...account })).not.toContain('addons["eks-pod-identity-agent"]');
    expect(paths({ ...bare, addons: { ...bare.addons, "eks-pod-identity-agent": { version: "default" } } })).toContain('addons["eks-pod-identity-agent"]');
  });

  it("GIVEN Auto Mode and a cluster role given by ARN WHEN validated THEN it warns the role needs the four policies and sts:TagSession", () => {
    const warning = at({ ...AUTO, clusterRole: { arn: "arn:aws:iam::111122223333:role/eks-cluster" } }, "clusterRole.arn");
    expect(warning?.rule).toMatch(/AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy and AmazonEKSNetworkingPolicy.*sts:TagSession/);
  });

  it("GIVEN a node role name with Auto Mode off WHEN validated THEN it warns nothing is created", () => {
    expect(at({ autoMode: { enabled: false, nodeRoleName: "auto-nodes" } }, "autoMode.nodeRoleName")?.rule).toMatch(/autoMode.enabled is not true: no role is created/);
  });
});
