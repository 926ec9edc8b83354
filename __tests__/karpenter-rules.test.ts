/** Karpenter's validation rules (issue 14): a bad config, the path it must name, what the message says; and the defaults the loader fills in. */
import { problems, warningsOf as warnings } from "../test-support/config-problems";
import { ConfigError, resolveParsed } from "../src/config/load";

const SUBNETS = { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] };
/** A cluster with explicit subnets (no lookup warning) and `karpenter` as given. */
const k = (karpenter: unknown, more: Record<string, unknown> = {}) => ({ network: SUBNETS, karpenter, ...more });

// [what, config, path, message]
const ERRORS: [string, unknown, string, RegExp][] = [
  // SQS CreateQueue QueueName: 1-80 of [A-Za-z0-9_-]
  ["derived queue name over SQS's 80 characters", { name: "c".repeat(75), ...k({}) }, "karpenter.interruptionQueueName", /default name "Karpenter-c+" has 85 characters: SQS allows 80.*name the queue/],
  ["queue name over 80 characters", k({ interruptionQueueName: "q".repeat(81) }), "karpenter.interruptionQueueName", /1 to 80 characters long \(it has 81\)/],
  ["queue name with a dot", k({ interruptionQueueName: "karpenter.fifo" }), "karpenter.interruptionQueueName", /SQS queue name: letters, digits, - and _/],
  // IAM CreateRole RoleName: 1-64 of [\w+=,.@-]
  ["controller role name over 64 characters", k({ controllerRoleName: "r".repeat(65) }), "karpenter.controllerRoleName", /1 to 64 characters long/],
  ["node role name with a space", k({ nodeRoleName: "my role" }), "karpenter.nodeRoleName", /IAM role name: 1-64/],
  // IAM: role names unique in an account, case-insensitively
  ["node role named like the node groups' role", k({ nodeRoleName: "simple-bank-eks-node" }), "karpenter.nodeRoleName", /names the node role "simple-bank-eks-node" \(nodeGroups\[0\].role.name\) for a Karpenter node role/],
  ["controller and node role of one name", k({ controllerRoleName: "kr", nodeRoleName: "KR" }), "karpenter.nodeRoleName", /names the Karpenter controller role "kr" \(karpenter.controllerRoleName\) for a Karpenter node role/],
  // Kubernetes names
  ["namespace with capitals", k({ namespace: "Karpenter" }), "karpenter.namespace", /Kubernetes namespace name/],
  ["service account with a wildcard", k({ serviceAccount: "karpenter*" }), "karpenter.serviceAccount", /Kubernetes service account name/],
  ["unknown identity", k({ identity: "irsa2" }), "karpenter.identity", /one of pod-identity, irsa.*did you mean irsa/],
  ["misspelt key", k({ interruptionQueueNam: "x" }), "karpenter.interruptionQueueNam", /did you mean `interruptionQueueName`/],
  // the controller needs capacity Karpenter does not manage (Karpenter docs, Getting Started)
  ["no node group and no Fargate profile", k({}, { nodeGroups: [] }), "karpenter", /no managed node group and no Fargate profile.*add a small node group/],
  // a controller that can only run on Fargate: IRSA (Pod Identity does not reach Fargate pods), and a profile for its pods
  [
    "Pod Identity for a controller on Fargate only",
    k({}, { nodeGroups: [], fargateProfiles: [{ name: "system", selectors: [{ namespace: "kube-system" }] }] }),
    "karpenter.identity",
    /is pod-identity, but the controller can only run on Fargate here.*does not give credentials to pods on Fargate.*set karpenter.identity: irsa/,
  ],
  [
    "no Fargate profile selects the controller",
    k({ identity: "irsa" }, { nodeGroups: [], fargateProfiles: [{ name: "apps", selectors: [{ namespace: "payments" }] }] }),
    "fargateProfiles",
    /select no pod of the Karpenter controller \(namespace "kube-system".*add a selector \{ namespace: kube-system \}/,
  ],
  [
    "a profile whose labels leave out the controller",
    k({ identity: "irsa", namespace: "karpenter" }, { nodeGroups: [], fargateProfiles: [{ name: "k", selectors: [{ namespace: "karp*", labels: { app: "other" } }] }] }),
    "fargateProfiles",
    /select no pod of the Karpenter controller \(namespace "karpenter"/,
  ],
  // a null is reported where it is, not replaced by the default
  ["identity null", k({ identity: null }), "karpenter.identity", /must be one of pod-identity, irsa/],
  ["service account null", k({ serviceAccount: null }), "karpenter.serviceAccount", /not null/],
  ["queue switch null", k({ interruptionQueue: null }), "karpenter.interruptionQueue", /not null/],
  // one role per service account: not an add-on's, which its own role binds
  [
    "the EBS CSI driver's service account",
    k({ serviceAccount: "ebs-csi-controller-sa" }, { addons: { "aws-ebs-csi-driver": { version: "latest", role: {} } } }),
    "karpenter.serviceAccount",
    /the service account of add-on aws-ebs-csi-driver, which addons.aws-ebs-csi-driver.role already gives a role/,
  ],
  // EKS Pod Identity needs its agent
  ["Pod Identity without the agent", k({}, { addons: { "eks-pod-identity-agent": null } }), 'addons["eks-pod-identity-agent"]', /karpenter uses EKS Pod Identity.*Pod Identity Agent/],
  // one role per service account (CreatePodIdentityAssociation: ResourceInUseException)
  [
    "a service account entry for Karpenter's",
    k({}, { serviceAccounts: [{ namespace: "kube-system", name: "karpenter", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] }),
    "serviceAccounts[0]",
    /kube-system\/karpenter, the Karpenter controller's service account.*one IAM role/,
  ],
  // CreateAccessEntry needs API or API_AND_CONFIG_MAP
  ["access entries off", k({}, { access: { authenticationMode: "CONFIG_MAP" } }), "access.authenticationMode", /EC2_LINUX access entry.*API or API_AND_CONFIG_MAP/],
  ["a discovery subnet that is no subnet id", k({ discoverySubnetIds: ["sg-0123456789abcdef0"] }), "karpenter.discoverySubnetIds[0]", /subnet id/],
];

const WARNINGS: [string, unknown, string, RegExp][] = [
  ["a VPC lookup tags every subnet", { karpenter: {} }, "karpenter.discoverySubnetIds", /every subnet the VPC lookup finds \(public ones too\)/],
  ["no discovery subnets", k({ discoverySubnetIds: [] }), "karpenter.discoverySubnetIds", /is empty: no subnet gets the karpenter.sh\/discovery tag/],
  ["no discovery security group", k({ discoverySecurityGroup: false }), "karpenter.discoverySecurityGroup", /no security group gets the karpenter.sh\/discovery tag/],
  ["a queue name without a queue", k({ interruptionQueue: false, interruptionQueueName: "q" }), "karpenter.interruptionQueueName", /interruptionQueue is false: no queue is created/],
];

describe("Karpenter rules", () => {
  it.each(ERRORS)("GIVEN %s WHEN loaded THEN it is refused at the key, saying why", (_what, config, path, message) => {
    const found = problems(config).filter((p) => p.path === path);
    expect(found.map((p) => `${p.rule} / ${p.fix}`)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it.each(WARNINGS)("GIVEN %s WHEN loaded THEN it is accepted with a warning at the key", (_what, config, path, message) => {
    const found = warnings(config).filter((w) => w.path === path);
    expect(found.map((w) => `${w.rule} / ${w.fix}`)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it("GIVEN two clusters in one file with one Karpenter controller role name WHEN loaded THEN the second is refused (IAM role names are unique per account)", () => {
    const found = problems({ clusters: [k({ controllerRoleName: "karpenter" }, { name: "a" }), k({ controllerRoleName: "Karpenter" }, { name: "b" })] });
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ path: "clusters[1].karpenter.controllerRoleName", rule: expect.stringMatching(/also a role of another cluster/) })]));
  });

  it("GIVEN two clusters with karpenter and default names WHEN loaded THEN their roles and queues differ and both are accepted", () => {
    const { clusters } = resolveParsed({ clusters: [k({}, { name: "a" }), k({}, { name: "b" })] }, "test.yaml");
    expect(clusters.map((c) => [c.karpenter?.controllerRoleName, c.karpenter?.nodeRoleName, c.karpenter?.interruptionQueueName])).toEqual([
      ["a-karpenter", "a-karpenter-node", "Karpenter-a"],
      ["b-karpenter", "b-karpenter-node", "Karpenter-b"],
    ]);
  });

  it("GIVEN identity irsa and the agent removed WHEN loaded THEN it is accepted (IRSA needs no agent)", () => {
    expect(() => resolveParsed(k({ identity: "irsa" }, { addons: { "eks-pod-identity-agent": null } }), "test.yaml")).not.toThrow();
  });

  it("GIVEN no node groups but a Fargate profile for the controller and IRSA WHEN loaded THEN it is accepted: the controller has somewhere to run, with credentials", () => {
    const config = k({ identity: "irsa" }, { nodeGroups: [], fargateProfiles: [{ name: "karpenter", selectors: [{ namespace: "kube-system" }], subnetIds: SUBNETS.subnetIds }] });
    expect(() => resolveParsed(config, "test.yaml")).not.toThrow();
  });

  it("GIVEN karpenter with EKS Auto Mode on WHEN loaded THEN it warns that Auto Mode runs its own Karpenter", () => {
    const all = (() => {
      try {
        return [...resolveParsed(k({}, { autoMode: { enabled: true } }), "test.yaml").warnings];
      } catch (error) {
        if (error instanceof ConfigError) return [...error.issues];
        throw error;
      }
    })();
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ path: "karpenter", rule: expect.stringMatching(/EKS Auto Mode already runs a managed Karpenter/) })]));
  });
});

describe("Karpenter defaults", () => {
  it("GIVEN karpenter: {} WHEN loaded THEN every default is filled in and the Pod Identity agent is added", () => {
    const [cluster] = resolveParsed(k({}), "test.yaml").clusters;
    expect(cluster.karpenter).toEqual({
      identity: "pod-identity",
      namespace: "kube-system",
      serviceAccount: "karpenter",
      controllerRoleName: "simple-bank-karpenter",
      nodeRoleName: "simple-bank-karpenter-node",
      interruptionQueue: true,
      interruptionQueueName: "Karpenter-simple-bank",
      discoverySecurityGroup: true,
    });
    expect(cluster.addons["eks-pod-identity-agent"]).toEqual({ version: "default" });
  });

  it("GIVEN identity irsa WHEN loaded THEN no agent is added", () => {
    const [cluster] = resolveParsed(k({ identity: "irsa" }), "test.yaml").clusters;
    expect(cluster.addons["eks-pod-identity-agent"]).toBeUndefined();
  });

  it("GIVEN interruptionQueue false WHEN loaded THEN no queue name is derived", () => {
    const [cluster] = resolveParsed(k({ interruptionQueue: false }), "test.yaml").clusters;
    expect(cluster.karpenter?.interruptionQueueName).toBeUndefined();
  });

  it("GIVEN a 100-character cluster name WHEN loaded THEN the role names are cut to 64 with a hash", () => {
    const [cluster] = resolveParsed(k({ interruptionQueueName: "q" }, { name: "n".repeat(100) }), "test.yaml").clusters;
    expect(cluster.karpenter?.controllerRoleName).toMatch(/^n+-[0-9a-f]{8}-karpenter$/);
    expect(cluster.karpenter?.controllerRoleName).toHaveLength(64);
    expect(cluster.karpenter?.nodeRoleName).toMatch(/^n+-[0-9a-f]{8}-karpenter-node$/);
  });
});
