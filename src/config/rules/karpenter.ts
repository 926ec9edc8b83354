/** Rules across keys for Karpenter (issue 14): the controller and node roles, the interruption queue, discovery tags. Every rule mirrors an AWS limit or API error and cites it. */
import { defaultKarpenterQueueName, KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT, SQS_QUEUE_NAME_MAX } from "../karpenter";
import { addonCatalogEntry } from "../catalogs/addon-versions";
import { autoModeOnly, selectorMatches } from "../fargate-auto-mode";
import { Found, hasOwn, isString, list, obj, PathOf, POD_IDENTITY_AGENT } from "./rule-kit";


/** Checks the accepted cluster `c` (values the schema accepted; rejected ones removed) and the file's `given` cluster. */
export function checkKarpenter(c: Record<string, any>, given: Record<string, any>, path: PathOf, found: Found): void {
  if (c.karpenter === undefined || c.karpenter === null) return;
  const k = obj(c.karpenter);
  const givenK = obj(given.karpenter);
  checkQueueName(c, k, givenK, path, found);
  checkControllerPlacement(c, path, found);
  checkPodIdentityAgent(c, k, path, found);
  checkServiceAccount(c, k, path, found);
  checkAccessEntryMode(c, path, found);
  checkDiscovery(c, k, path, found);
}

/**
 * SQS CreateQueue QueueName: "A queue name can have up to 80 characters. Valid values: alphanumeric characters,
 * hyphens (-), and underscores (_)"; hashicorp/aws checks `^[0-9A-Za-z_-]{1,80}$` at plan (internal/service/sqs/queue.go).
 * The schema checks a given name; the default `Karpenter-<cluster>` outgrows 80 with a cluster name over 70 (EKS allows 100).
 */
function checkQueueName(c: Record<string, any>, k: Record<string, any>, givenK: Record<string, any>, path: PathOf, found: Found): void {
  if (k.interruptionQueue === false) {
    if (givenK.interruptionQueueName !== undefined) {
      found.warnings.push({
        path: path("karpenter", "interruptionQueueName"),
        value: givenK.interruptionQueueName,
        rule: "names a queue, but interruptionQueue is false: no queue is created, and Karpenter handles no spot interruptions, rebalance recommendations or scheduled maintenance",
        fix: "remove interruptionQueueName, or set interruptionQueue: true",
      });
    }
    return;
  }
  if (k.interruptionQueueName !== undefined || givenK.interruptionQueueName !== undefined || !isString(c.name)) return;
  const derived = defaultKarpenterQueueName(c.name);
  if (derived.length <= SQS_QUEUE_NAME_MAX) return;
  found.errors.push({
    path: path("karpenter", "interruptionQueueName"),
    value: derived,
    rule: `is not given, and the default name ${JSON.stringify(derived)} has ${derived.length} characters: SQS allows ${SQS_QUEUE_NAME_MAX} (SQS CreateQueue QueueName; hashicorp/aws refuses it at plan)`,
    fix: `name the queue, e.g. karpenter.interruptionQueueName: ${JSON.stringify(`karpenter-${c.name.slice(0, SQS_QUEUE_NAME_MAX - 10)}`)}, or set interruptionQueue: false`,
  });
}

/**
 * The Karpenter controller must run on capacity it does not manage itself: the Karpenter docs install it on a managed
 * node group or EKS Fargate ("Getting Started with Karpenter": eksctl's managed node group or Fargate profile for the
 * karpenter namespace; "Migrating from Cluster Autoscaler": "run Karpenter on ... existing node group capacity ... or
 * Fargate"); a controller that lands on its own nodes can consolidate the node it runs on away. EKS Auto Mode's
 * built-in node pools also give it somewhere to run.
 */
function checkControllerPlacement(c: Record<string, any>, path: PathOf, found: Found): void {
  const nodeGroups = list(c.nodeGroups).length;
  const fargate = list(c.fargateProfiles).length;
  const autoMode = obj(c.autoMode).enabled === true;
  if (nodeGroups === 0 && fargate === 0 && !autoMode) {
    found.errors.push({
      path: path("karpenter"),
      value: c.karpenter,
      rule: "needs capacity Karpenter does not manage for its controller, but the cluster has no managed node group and no Fargate profile (Karpenter docs, Getting Started: the controller runs on a managed node group or on Fargate; on nodes it launches itself it would never start)",
      fix: "add a small node group for system pods (nodeGroups: [{ name: system, scaling: { minSize: 2, maxSize: 3, desiredSize: 2 } }]) or a Fargate profile for the controller's namespace",
    });
  }
  if (nodeGroups === 0 && fargate > 0 && !autoMode) checkControllerOnFargate(c, path, found);
  if (autoMode) {
    // EKS User Guide, "Automate cluster infrastructure with EKS Auto Mode": Auto Mode scales compute with its own
    // managed Karpenter; "Migrate from Karpenter to EKS Auto Mode" runs both only while workloads move over.
    found.warnings.push({
      path: path("karpenter"),
      value: c.karpenter,
      rule: "is set beside autoMode.enabled: EKS Auto Mode already runs a managed Karpenter that launches nodes for pending pods; a self-managed Karpenter as well means two autoscalers acting on the same pods (AWS documents running both only while migrating from Karpenter to Auto Mode)",
      fix: "remove karpenter once the workloads run on Auto Mode's node pools, or keep the two apart with taints and NodePool requirements while migrating",
    });
  }
}

/** Labels the Karpenter Helm chart puts on the controller's pods (a release named karpenter). */
const CONTROLLER_POD_LABELS = { "app.kubernetes.io/name": "karpenter", "app.kubernetes.io/instance": "karpenter" };

/**
 * A controller that can only run on Fargate: a profile must select its pods (otherwise they stay Pending: nothing
 * else runs pods), and it cannot use EKS Pod Identity, which Fargate pods do not get (EKS User Guide, "Learn how EKS
 * Pod Identity grants pods access to AWS services", considerations: not available for pods on AWS Fargate; the
 * Karpenter docs' Fargate setup uses IRSA).
 */
function checkControllerOnFargate(c: Record<string, any>, path: PathOf, found: Found): void {
  const k = obj(c.karpenter);
  const namespace = isString(k.namespace) ? k.namespace : KARPENTER_NAMESPACE;
  if (k.identity === "pod-identity") {
    found.errors.push({
      path: path("karpenter", "identity"),
      value: k.identity,
      rule: "is pod-identity, but the controller can only run on Fargate here (no node groups, Auto Mode off), and EKS Pod Identity does not give credentials to pods on Fargate (EKS User Guide, EKS Pod Identity considerations): the controller would start without AWS credentials and launch nothing",
      fix: "set karpenter.identity: irsa (the Karpenter docs' Fargate setup), or add a small managed node group for the controller",
    });
  }
  const selected = list(c.fargateProfiles).some((p) => list(obj(p).selectors).some((sel) => selectorMatches(sel, namespace, CONTROLLER_POD_LABELS)));
  if (!selected) {
    found.errors.push({
      path: path("fargateProfiles"),
      value: list(c.fargateProfiles).map((p) => obj(p).name),
      rule: `select no pod of the Karpenter controller (namespace ${JSON.stringify(namespace)}, labels app.kubernetes.io/name=karpenter), and the cluster has no node groups and no Auto Mode: the controller's pods would stay Pending and no node would ever be launched`,
      fix: `add a selector { namespace: ${namespace} } to a Fargate profile, or add a small managed node group for the controller`,
    });
  }
}

/**
 * EKS Pod Identity gives pods credentials through the eks-pod-identity-agent add-on (EKS User Guide, "Set up the
 * Amazon EKS Pod Identity Agent"); the loader adds it when a role uses Pod Identity, so it is absent only when the
 * file removes it (null). rules.ts reports this for service accounts and add-ons; here for the controller alone.
 */
function checkPodIdentityAgent(c: Record<string, any>, k: Record<string, any>, path: PathOf, found: Found): void {
  if (k.identity !== "pod-identity" || hasOwn(obj(c.addons), POD_IDENTITY_AGENT) || autoModeOnly(c)) return;
  const addons = obj(c.addons);
  const reported =
    list(c.serviceAccounts).some((s) => obj(s).identity === "pod-identity") ||
    Object.keys(addons).some((name) => obj(obj(addons[name]).role).identity === "pod-identity");
  if (reported) return;
  found.errors.push({
    path: path("addons", POD_IDENTITY_AGENT),
    value: null,
    rule: `is left out, but ${path("karpenter")} uses EKS Pod Identity (identity pod-identity, the default), whose credentials come from this agent on every node (EKS User Guide, "Set up the Amazon EKS Pod Identity Agent")`,
    fix: "remove the null (the agent is then added at EKS's default version), or set karpenter.identity: irsa",
  });
}

/**
 * One role per service account: EKS CreatePodIdentityAssociation answers ResourceInUseException for a second
 * association of one service account, and two IRSA roles trusting it would leave the annotation to pick one.
 */
function checkServiceAccount(c: Record<string, any>, k: Record<string, any>, path: PathOf, found: Found): void {
  const namespace = isString(k.namespace) ? k.namespace : KARPENTER_NAMESPACE;
  const name = isString(k.serviceAccount) ? k.serviceAccount : KARPENTER_SERVICE_ACCOUNT;
  list(c.serviceAccounts).forEach((raw, i) => {
    const s = obj(raw);
    if (s.namespace !== namespace || s.name !== name) return;
    found.errors.push({
      path: path("serviceAccounts", i),
      value: { namespace: s.namespace, name: s.name },
      rule: `is ${namespace}/${name}, the Karpenter controller's service account, which karpenter gives its own role: a service account gets one IAM role (EKS refuses a second Pod Identity association for it)`,
      fix: "remove this entry (Karpenter's role has the controller policy), or give karpenter.serviceAccount another name",
    });
  });
  // An add-on's own role binds the add-on's service account (addons.<name>.role): the same one for Karpenter's would
  // be a second role for one service account.
  const addons = obj(c.addons);
  for (const addon of Object.keys(addons)) {
    const entry = addonCatalogEntry(addon);
    if (!obj(addons[addon]).role || entry?.namespace !== namespace || entry.serviceAccount !== name) continue;
    found.errors.push({
      path: path("karpenter", "serviceAccount"),
      value: name,
      rule: `is ${namespace}/${name}, the service account of add-on ${addon}, which addons.${addon}.role already gives a role: a service account gets one IAM role (EKS refuses a second Pod Identity association for it: CreatePodIdentityAssociation ResourceInUseException)`,
      fix: "use Karpenter's own service account (karpenter), as its Helm chart creates it",
    });
  }
}

/**
 * The node role's `EC2_LINUX` access entry lets Karpenter's nodes join; EKS creates access entries only when the
 * cluster reads them (CreateAccessEntry: the authentication mode must be API or API_AND_CONFIG_MAP, EKS User Guide
 * "Change authentication mode to use access entries").
 */
function checkAccessEntryMode(c: Record<string, any>, path: PathOf, found: Found): void {
  if (obj(c.access).authenticationMode !== "CONFIG_MAP") return;
  found.errors.push({
    path: path("access", "authenticationMode"),
    value: "CONFIG_MAP",
    rule: "is CONFIG_MAP, but karpenter gives its node role an EC2_LINUX access entry, which EKS creates only when the cluster reads access entries (CreateAccessEntry needs API or API_AND_CONFIG_MAP)",
    fix: "set access.authenticationMode: API_AND_CONFIG_MAP (or API)",
  });
}

/**
 * Karpenter launches nodes into the subnets and security groups its EC2NodeClass selects, here by the tag
 * karpenter.sh/discovery=<cluster> (Karpenter docs, NodeClasses: subnetSelectorTerms / securityGroupSelectorTerms).
 */
function checkDiscovery(c: Record<string, any>, k: Record<string, any>, path: PathOf, found: Found): void {
  if (k.discoverySubnetIds === undefined && obj(c.network).subnetIds === undefined && obj(c.network).create === undefined) {
    found.warnings.push({
      path: path("karpenter", "discoverySubnetIds"),
      value: undefined,
      rule: "is not given and network.subnetIds neither: every subnet the VPC lookup finds (public ones too) gets the karpenter.sh/discovery tag, so Karpenter may launch nodes with public IP addresses",
      fix: "list the private subnets Karpenter's nodes should use in karpenter.discoverySubnetIds",
    });
  }
  if (Array.isArray(k.discoverySubnetIds) && k.discoverySubnetIds.length === 0) {
    found.warnings.push({
      path: path("karpenter", "discoverySubnetIds"),
      value: [],
      rule: "is empty: no subnet gets the karpenter.sh/discovery tag, and the starter EC2NodeClass (karpenter.yaml) selects subnets by it, so Karpenter launches nothing until subnets carry it",
      fix: "tag the subnets yourself (key karpenter.sh/discovery, value the cluster's name), or list them here",
    });
  }
  if (k.discoverySecurityGroup === false) {
    found.warnings.push({
      path: path("karpenter", "discoverySecurityGroup"),
      value: false,
      rule: "is false: no security group gets the karpenter.sh/discovery tag, and the starter EC2NodeClass (karpenter.yaml) selects security groups by it",
      fix: "tag the nodes' security group yourself (key karpenter.sh/discovery, value the cluster's name), or leave this out",
    });
  }
}
