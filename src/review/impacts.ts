/**
 * What replacing or destroying each resource type the app generates does to a running cluster, and the safer path:
 * the words of the plan review (`npm run plan-review`) and of the synth-time replacement warnings.
 */

/** What replacing and destroying a resource type does, and the safer path. */
export interface Impact {
  readonly replaced: string;
  readonly destroyed: string;
  readonly safer: string;
}

const NODE_GROUP_DELETE =
  "EKS drains each old node before terminating it; pods that do not leave within 15 minutes (for example held by a " +
  "PodDisruptionBudget) are deleted";

/** The impact table, by resource type. Sources: the AWS pages cited in the final section of the comment. */
export const IMPACTS: Readonly<Record<string, Impact>> = {
  aws_eks_cluster: {
    replaced:
      "A new cluster replaces this one: every workload and Kubernetes object (Deployments, Secrets, RBAC) is lost with " +
      "the old one, and the nodes, node groups and add-ons go with it. The API endpoint and the certificate authority " +
      "change, so every kubeconfig breaks; the OIDC issuer changes, so every IAM role trusting it (IRSA) stops working.",
    destroyed:
      "The cluster is deleted with everything running in it: workloads, Kubernetes objects, its endpoint and its OIDC " +
      "issuer (every IRSA trust on it breaks).",
    safer:
      "Revert the edit if it was not meant. Otherwise build a new cluster beside this one (another name), move the " +
      "workloads and traffic to it, then remove the old cluster in a later change.",
  },
  aws_eks_node_group: {
    replaced:
      "The node group is deleted and created again. Destroy-then-create (Terraform's default): " +
      `${NODE_GROUP_DELETE}, and pods with nowhere else to go stay Pending until the new nodes join. ` +
      "Create-before-destroy needs a new node group name (the old one holds it).",
    destroyed: `Every node of the group is terminated: ${NODE_GROUP_DELETE}. Its workloads need room on other node groups.`,
    safer:
      "Add a new node group with the new settings beside this one; when its nodes are Ready, cordon and drain the old " +
      "nodes (`kubectl drain` respects PodDisruptionBudgets); remove the old node group in a later change.",
  },
  aws_launch_template: {
    replaced:
      "A new launch template (a new id): the node group using it rolls every node (new nodes start, old ones are " +
      "cordoned and drained; an update fails with PodEvictionFailure when pods do not leave within 15 minutes), or is " +
      "replaced itself when the template id cannot change in place.",
    destroyed: "The node group using it loses its template: it goes with its node group, or that node group fails.",
    safer:
      "Keep the template's name so that changes make a new version of it (an in-place update); plan the node roll: " +
      "PodDisruptionBudgets, spare capacity, `update_config.max_unavailable`.",
  },
  aws_iam_role: {
    replaced:
      "A new role is created; even with the same name it is a new principal: whatever refers to the old one breaks " +
      "until it is updated (the cluster's role cannot change: the cluster is replaced; node groups are replaced; " +
      "access entries, KMS key policies and trust policies naming it stop matching).",
    destroyed: "The cluster or the nodes using it lose their AWS permissions; whatever trusts its ARN stops matching.",
    safer:
      "Keep the role's name and path; change what it may do through policy attachments, which do not replace the role.",
  },
  aws_iam_role_policy_attachment: {
    replaced: "The role loses this policy between the delete and the create (seconds): calls needing it fail meanwhile.",
    destroyed: "The role loses this policy: the cluster or nodes using the role lose those permissions.",
    safer: "Expected when its role is replaced; otherwise make sure nothing running still needs the policy.",
  },
  aws_iam_role_policy: {
    replaced: "The role loses this inline policy between the delete and the create (seconds).",
    destroyed: "The role loses this inline policy (for the cluster role: access to the secrets encryption key).",
    safer: "Keep the policy's name; edit its document (an in-place update).",
  },
  aws_eks_addon: {
    replaced:
      "EKS deletes the add-on and installs it again. Unless `preserve` is true, its software is removed from the " +
      "cluster in between (coredns: DNS lookups fail; vpc-cni: new pods get no IP; kube-proxy: Service routing on new " +
      "nodes). With `preserve`, the software keeps running but EKS stops managing it until the new add-on takes over.",
    destroyed:
      "EKS removes the add-on; unless `preserve` is true its software is deleted from the cluster. With `preserve` it " +
      "keeps running, unmanaged.",
    safer:
      "Change the version or configuration in place (an update, with `resolve_conflicts_on_update`); if it must be " +
      "replaced, apply `preserve = true` first so the software keeps running.",
  },
  aws_eks_access_entry: {
    replaced: "The principal loses its access to the Kubernetes API from the delete until the create, with its access policies.",
    destroyed: "The principal loses its access to the Kubernetes API; if it is the only administrator, nobody can manage the cluster.",
    safer: "Make sure another administrator keeps access; apply when nobody depends on this principal for those minutes.",
  },
  aws_eks_access_policy_association: {
    replaced: "The principal loses this access policy's permissions from the delete until the create.",
    destroyed: "The principal loses this access policy's permissions.",
    safer: "Make sure another administrator keeps access while it changes.",
  },
  aws_iam_openid_connect_provider: {
    replaced:
      "IAM forgets the cluster's OIDC issuer from the delete until the create: every IRSA role trusts this provider's " +
      "ARN, so pods using IRSA fail to get AWS credentials (AssumeRoleWithWebIdentity is refused) until the new " +
      "provider exists. With the same URL the new provider has the same ARN and the trusts work again; a new URL is " +
      "a new ARN, and every IRSA trust policy must name it.",
    destroyed:
      "Every IRSA role trusting this provider stops working: pods using IRSA get no AWS credentials when theirs " +
      "expire or they restart.",
    safer:
      "Keep the issuer URL as it is: it changes only with the cluster. Change the audiences (client_id_list) or " +
      "thumbprints in place; move workloads to EKS Pod Identity before removing the provider.",
  },
  aws_eks_pod_identity_association: {
    replaced:
      "EKS cannot move an association to another cluster, namespace or service account: it is deleted and created " +
      "again. Pods of that service account get no credentials from the delete until the create, and only pods " +
      "started after the new association get its role: running pods keep the old credentials until they expire or " +
      "the pods restart.",
    destroyed:
      "New pods of that service account get no AWS credentials; running pods lose them when theirs expire.",
    safer:
      "Change the role's policies (or role_arn, an in-place update) instead of the association; after a change, " +
      "restart the pods of that service account (`kubectl rollout restart`).",
  },
  aws_cloudwatch_log_group: {
    replaced: "The log group is deleted with every control-plane log it stored; the new one starts empty.",
    destroyed: "The control-plane logs stored in it are deleted.",
    safer: "Change retention or the key in place; export the logs you need first; keep the group's name.",
  },
  aws_kms_key: {
    replaced:
      "The old key is scheduled for deletion (after its waiting period, 7 to 30 days) and cannot be used meanwhile: the " +
      "cluster's secrets, encrypted with it, can no longer be decrypted, and a cluster cannot switch to another key.",
    destroyed:
      "The key is scheduled for deletion (after its waiting period, 7 to 30 days) and cannot be used meanwhile: the " +
      "cluster's secrets encrypted with it cannot be decrypted.",
    safer:
      "Never replace or destroy the key of a running cluster: revert the edit. If it was applied, cancel the deletion " +
      "within the waiting period (`aws kms cancel-key-deletion`) and enable the key again.",
  },
  aws_eks_fargate_profile: {
    replaced:
      "EKS cannot change a Fargate profile: the old one is deleted, then the new one created. Deleting it deletes " +
      "every pod running on Fargate through it; their replacements stay Pending (or land on nodes) until the " +
      "new profile is ACTIVE, and EKS creates or deletes only one profile of a cluster at a time, for minutes each. " +
      "Pods selecting CoreDNS's profile: DNS lookups fail meanwhile.",
    destroyed:
      "Every pod running on Fargate through this profile is deleted; its controllers' new pods run on Fargate only if " +
      "another profile selects them, else on nodes that can take them, or they stay Pending.",
    safer:
      "Add a new profile (another name) with the new selectors or subnets beside this one; when it is ACTIVE, restart " +
      "the pods (`kubectl rollout restart`) so they move to it, then remove the old profile in a later change. A pod " +
      "matching two profiles takes one at random.",
  },
  aws_sqs_queue: {
    replaced:
      "Karpenter's interruption queue is deleted and created again: the messages in it (Spot interruption warnings, " +
      "rebalance recommendations, scheduled health events, state changes) are lost, and from the delete until the new " +
      "queue exists EventBridge cannot deliver new ones, so Karpenter does not drain nodes ahead of a Spot " +
      "interruption. SQS also refuses a queue of a deleted queue's name for 60 seconds. A queue of another name must " +
      "be given to Karpenter (`settings.interruptionQueue`), or it keeps polling a queue that is gone.",
    destroyed:
      "Karpenter's interruption queue is deleted with its messages: Karpenter no longer learns of Spot interruptions or " +
      "health events ahead of time (and logs errors while its settings still name the queue).",
    safer:
      "Keep the queue's name. If it must change, apply in a quiet period (no Spot interruptions expected), then update " +
      "the Helm values (`settings.interruptionQueue`) and restart the controller right after.",
  },
  aws_sqs_queue_policy: {
    replaced:
      "The queue has no policy between the delete and the create (seconds): EventBridge cannot deliver interruption " +
      "events to it meanwhile. Expected when its queue is replaced.",
    destroyed: "EventBridge may no longer send to the interruption queue: Karpenter stops receiving interruption events.",
    safer: "Edit the document (an in-place update); it is replaced only with its queue.",
  },
  aws_cloudwatch_event_rule: {
    replaced:
      "The EventBridge rule is deleted and created again: events of its kind (Spot interruption warnings, rebalance " +
      "recommendations, health events, state changes) that happen in between reach no queue, and Karpenter misses them.",
    destroyed: "Events of this kind no longer reach the interruption queue: Karpenter misses them.",
    safer: "Keep the rule names (they derive from the interruption queue's name); apply in a quiet period.",
  },
  aws_cloudwatch_event_target: {
    replaced:
      "The rule has no target between the delete and the create (seconds): its events go nowhere meanwhile. Expected " +
      "when its rule is replaced.",
    destroyed: "The rule's events no longer reach the interruption queue.",
    safer: "A new queue ARN is an in-place update of the target; it is replaced only with its rule.",
  },
  aws_ec2_tag: {
    replaced:
      "The tag is removed and set again: between the two, Karpenter's EC2NodeClass selectors (`karpenter.sh/discovery`) " +
      "do not find this subnet or security group, so nodes it launches meanwhile avoid the subnet or lack the group.",
    destroyed:
      "The subnet or security group loses `karpenter.sh/discovery`: Karpenter stops launching nodes into that subnet, or " +
      "stops giving new nodes that security group (existing nodes keep theirs).",
    safer: "Check the EC2NodeClass selectors still find enough subnets and the security group before applying.",
  },
  aws_kms_alias: {
    replaced: "The alias points nowhere between the delete and the create; the key itself is untouched.",
    destroyed: "The alias is gone; whatever names the key by its alias fails. The key itself is untouched.",
    safer: "Low risk; keep the alias name if tools refer to it.",
  },
  // ---- Issue 15: the created VPC (network.create) ----------------------------------------------------------------
  aws_vpc: {
    replaced:
      "A new VPC replaces this one, and everything in it goes: every subnet, route table, gateway and endpoint, and " +
      "with the subnets the cluster's network interfaces and the node groups (the node groups are replaced; the cluster " +
      "itself keeps its subnets in place in the plan, but its subnets are gone). EC2 deletes a subnet only when it is " +
      "empty (no network interfaces: nodes, the cluster's ENIs, load balancers), and a VPC only when nothing is left " +
      "in it, so the destroy stops with DependencyViolation unless the cluster and everything else in the VPC was " +
      "removed first; in practice the whole cluster has to be rebuilt.",
    destroyed:
      "The VPC is deleted with everything in it: only possible once the cluster, its nodes and load balancers are gone " +
      "(EC2 refuses to delete a VPC or subnet that still has network interfaces).",
    safer:
      "Revert the edit if it was not meant: a created VPC's CIDR cannot change in place. To move the cluster to another " +
      "address range, build a new cluster in a new VPC beside this one (another name), move the workloads, then remove " +
      "the old cluster and VPC in a later change. To add addresses, AWS allows a secondary CIDR block on the VPC " +
      "(outside this tool).",
  },
  aws_subnet: {
    replaced:
      "The subnet is deleted and created again. EC2 deletes only an empty subnet: the nodes of node groups in it (those " +
      "node groups are replaced), the cluster's network interfaces (EKS places them in the cluster's subnets), pods' " +
      "IPs and load balancers must leave it first, so the destroy stops with DependencyViolation while they are there. " +
      "The node groups using it are replaced, and the cluster's subnet list is updated in place.",
    destroyed:
      "The subnet is deleted: only once empty. Node groups and the cluster lose that zone; load balancers in it go.",
    safer:
      "Keep existing zones and CIDRs as they are: add a zone (new subnets) rather than renumber. A new layout means a " +
      "new cluster (and VPC) beside this one, workloads moved, the old one removed later.",
  },
  aws_internet_gateway: {
    replaced: "The VPC has no internet gateway between the delete and the create: public subnets, and NAT gateways behind them, lose the internet.",
    destroyed: "Public subnets lose the internet, and with them the NAT gateways: nodes lose egress.",
    safer: "Apply in a maintenance window; it is replaced only with its VPC.",
  },
  aws_egress_only_internet_gateway: {
    replaced: "Private subnets lose IPv6 egress (::/0) between the delete and the create: pods of an IPv6 cluster cannot reach IPv6 destinations outside the VPC.",
    destroyed: "Private subnets lose IPv6 egress: an IPv6 cluster's pods reach nothing outside the VPC over IPv6.",
    safer: "Apply in a maintenance window; it is replaced only with its VPC.",
  },
  aws_nat_gateway: {
    replaced:
      "The NAT gateway is deleted and created again, with its Elastic IP's address given up or kept as the plan says: " +
      "private subnets routed through it lose outbound internet access (image pulls from public registries, AWS APIs " +
      "without endpoints, nodes joining) from the delete until the new gateway is available (minutes), and open " +
      "connections through it are dropped. Destinations that allow-list the old public IP stop accepting traffic if it changes.",
    destroyed:
      "Private subnets routed through it lose outbound internet access until their routes point at another gateway; " +
      "its Elastic IP is released (an allow-listed address is lost).",
    safer:
      "Switch NAT modes in a maintenance window; single -> one-per-zone adds gateways and moves routes in place. Keep " +
      "interface endpoints (network.create.endpoints) so nodes reach ECR, STS and EKS without NAT meanwhile.",
  },
  aws_eip: {
    replaced: "The NAT gateway's public address changes: whatever allow-lists it must learn the new one; the gateway is replaced with it.",
    destroyed: "The public address is released and cannot be got back; allow-lists naming it break.",
    safer: "Keep the Elastic IP (it is replaced only with its NAT gateway settings); tell allow-list owners before an address changes.",
  },
  aws_route_table: {
    replaced:
      "The route table is deleted and created again: its subnets fall back to the VPC's main route table (local routes " +
      "only) until they are associated with the new one: a brief loss of egress (and of the S3 gateway endpoint's route).",
    destroyed: "Its subnets fall back to the VPC's main route table: local routes only, no egress.",
    safer: "Apply in a maintenance window; it is replaced only with its VPC.",
  },
  aws_route: {
    replaced:
      "The route is deleted and created again: traffic to its destination (the default route: everything outside the " +
      "VPC) has no way out between the two (seconds). A new target (another NAT gateway) is an in-place update.",
    destroyed: "Traffic to its destination has no way out: nodes in those subnets lose egress.",
    safer: "Change targets, not destinations (targets change in place); apply in a quiet period.",
  },
  aws_route_table_association: {
    replaced: "The subnet is on the VPC's main route table between the delete and the create (seconds): local routes only.",
    destroyed: "The subnet falls back to the VPC's main route table: local routes only, no egress.",
    safer: "Expected when its subnet is replaced; a new route table is an in-place update of the association.",
  },
  aws_vpc_endpoint: {
    replaced:
      "The endpoint is deleted and created again: from the delete until the new one is available (minutes), nodes reach " +
      "that AWS API (ECR, STS, EKS, EC2, S3's gateway route, ...) only through a NAT gateway, and with natGateways none " +
      "not at all: image pulls, Pod Identity and IRSA credentials, node joins fail meanwhile. Its private DNS names " +
      "resolve to the public service meanwhile.",
    destroyed:
      "Nodes reach that AWS API only through a NAT gateway (with natGateways none: not at all); without it, pulls, " +
      "credentials or node joins fail.",
    safer:
      "Subnets, security groups, private DNS and the policy change in place; a replacement follows only the VPC or the " +
      "service. Apply in a maintenance window, with NAT egress in place if possible.",
  },
  aws_security_group: {
    replaced:
      "A new security group (a new id): whatever names the old one (the interface endpoints) is updated to the new one, " +
      "but EC2 cannot delete the old group while network interfaces still use it, so the destroy waits or fails " +
      "(DependencyViolation) until they have moved; HTTPS to the endpoints is refused while they have no group allowing it.",
    destroyed: "The endpoints lose the group allowing HTTPS from the VPC: nodes cannot reach AWS APIs through them.",
    safer: "Keep its name and description; change rules (separate rule resources) in place.",
  },
  aws_vpc_security_group_ingress_rule: {
    replaced: "HTTPS to the interface endpoints is refused between the delete and the create (seconds).",
    destroyed: "HTTPS from the VPC to the interface endpoints is refused: nodes cannot reach AWS APIs through them.",
    safer: "A new CIDR of the same kind, ports or description change in place; apply in a quiet period.",
  },
};

/** For resource types the table does not know. */
export const GENERIC: Impact = {
  replaced: "Terraform deletes this resource and creates it again: whatever depends on it is interrupted meanwhile.",
  destroyed: "Terraform deletes this resource.",
  safer: "Check what depends on it before applying.",
};

/** The sources of the impact table. */
export const SOURCES: readonly string[] = [
  "https://docs.aws.amazon.com/eks/latest/userguide/delete-managed-node-group.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html",
  "https://docs.aws.amazon.com/eks/latest/APIReference/API_DeleteAddon.html",
  "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html",
  "https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdatePodIdentityAssociation.html",
  "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html",
  "https://docs.aws.amazon.com/eks/latest/APIReference/API_DeleteFargateProfile.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html",
  "https://karpenter.sh/docs/concepts/disruption/#interruption",
  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html",
  // Issue 15: the created VPC
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSubnet.html",
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpc.html",
  "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
  "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html",
  "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
  "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
  "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html",
];
