/**
 * Attributes whose change makes Terraform replace (destroy and re-create) the resource, for the resource types
 * this project generates, as the hashicorp/aws provider 5.100.0 decides it.
 *
 * Scope: schema `ForceNew: true`, plugin-framework `RequiresReplace()` plan modifiers (only
 * aws_eks_pod_identity_association uses them: it is the one plugin-framework resource here; the other types are
 * terraform-plugin-sdk/v2 resources in 5.100.0) and `CustomizeDiff` functions that call `ForceNew` conditionally
 * (only aws_eks_cluster has such, marked with `when`).
 *
 * How derived (2026-12-01):
 * 1. Read the resource sources (internal/service/eks/{cluster,node_group,addon,access_entry,access_policy_association}.go,
 *    internal/service/iam/{role,role_policy_attachment,role_policy}.go, internal/service/ec2/ec2_launch_template.go,
 *    internal/service/logs/group.go, internal/service/kms/{key,alias}.go, and (added later the same day)
 *    internal/service/eks/pod_identity_association.go, internal/service/iam/openid_connect_provider.go) from an index of
 *    hashicorp/terraform-provider-aws. The v5.100.0 tag itself could not be checked out (the repository snapshot is
 *    over the size limit), so the stored copies come from assorted commits near, before and after 5.100.0.
 * 2. Every attribute of every type (schemas from `terraform providers schema -json`) was then checked against the
 *    real 5.100.0 provider binary: `terraform plan -refresh=false` (Terraform 1.11.4, mock credentials) against a
 *    hand-written state, changing one attribute at a time (aws_launch_template: all arguments at once, then again
 *    with name unchanged), reading `replace_paths` from `terraform show -json`.
 *    Every path below showed up in `replace_paths`. Every configurable attribute left out was planned as an in-place update.
 *    Where the stored source and the binary disagree, this list follows the binary (see
 *    access_config.bootstrap_cluster_creator_admin_permissions).
 * 2b. Issue 14's types (aws_sqs_queue, aws_sqs_queue_policy, aws_cloudwatch_event_rule, aws_cloudwatch_event_target,
 *    aws_ec2_tag, aws_eks_fargate_profile; 2026-12-01): research notes from the stored sources, then every configurable
 *    argument and block of each (schemas from the 5.100.0 binary) changed alone against a state made from a create
 *    plan (test-support/plan-state.ts `planEdits`, one module per change, `terraform plan -refresh=false`), reading
 *    `replace_paths`. The same rule as above: every path below was in `replace_paths`, every argument left out was
 *    planned in place or as no change.
 * 2c. Issue 15's network types (aws_vpc, aws_subnet, aws_internet_gateway, aws_egress_only_internet_gateway,
 *    aws_nat_gateway, aws_eip, aws_route_table, aws_route, aws_route_table_association, aws_vpc_endpoint,
 *    aws_security_group, aws_vpc_security_group_ingress_rule; 2026-12-01): the same method as 2b, every configurable
 *    argument and block of each changed alone (117 edits, /tmp/r15/verify-types.ts), reading `replace_paths`. The
 *    `source` file names are those of the provider repository (internal/service/ec2/); whether a path comes from
 *    `ForceNew` or a CustomizeDiff was not read from the 5.100.0 source except where said: the binary's plan decides.
 * 3. `set`, `computed` and `default` come from the 5.100.0 schema (`terraform providers schema -json`, and the
 *    source for defaults, which that JSON does not show); src/review/replacements.ts reads the first two.
 *
 * In-place in 5.100.0 (NOT replacing), some of them surprising:
 * - aws_eks_cluster: vpc_config.subnet_ids, vpc_config.security_group_ids, vpc_config.endpoint_private_access,
 *   vpc_config.endpoint_public_access, vpc_config.public_access_cidrs, version (also downgrades, which the API then
 *   rejects), access_config.authentication_mode, enabled_cluster_log_types, upgrade_policy, zonal_shift_config,
 *   compute_config.enabled/node_pools, storage_config, kubernetes_network_config.elastic_load_balancing, removing the
 *   whole kubernetes_network_config block (it is Optional+Computed), outpost_config.outpost_arns,
 *   force_update_version, tags. encryption_config: adding it, or changing provider.key_arn, is planned in place
 *   (EKS cannot change the key once set, so an apply of a key change fails at the API, not in the plan).
 * - aws_eks_node_group: scaling_config.*, update_config.*, labels, taint, version, release_version,
 *   launch_template.version, node_repair_config, force_update_version, tags. Removing the launch_template block
 *   is in place (id/name are Optional+Computed), but adding one to a node group that had none replaces it.
 * - aws_eks_addon: addon_version, configuration_values, service_account_role_arn, pod_identity_association,
 *   resolve_conflicts*, preserve, tags.
 * - aws_eks_access_entry: kubernetes_groups, user_name, tags.
 * - aws_eks_pod_identity_association: role_arn (UpdatePodIdentityAssociation: pods already running keep their
 *   credentials until they restart), tags (also removing them).
 * - aws_iam_openid_connect_provider: client_id_list, thumbprint_list (removing it changes nothing: Optional+Computed),
 *   tags. A url that differs from the state only by the `https://` prefix plans no change (a diff suppression).
 * - aws_iam_role: assume_role_policy, description, max_session_duration, permissions_boundary, inline_policy,
 *   managed_policy_arns, force_detach_policies, tags.
 * - aws_iam_role_policy: policy.
 * - aws_launch_template: everything except name/name_prefix (each change makes a new template version).
 * - aws_cloudwatch_log_group: kms_key_id (set, change and remove), retention_in_days, skip_destroy, tags.
 * - aws_kms_key: description, policy, enable_key_rotation, rotation_period_in_days, is_enabled,
 *   deletion_window_in_days, bypass_policy_lockout_safety_check, tags.
 * - aws_kms_alias: target_key_id.
 * - aws_sqs_queue: message_retention_seconds, sqs_managed_sse_enabled, kms_master_key_id (also switching SSE-SQS to
 *   KMS), delay_seconds, max_message_size, receive_wait_time_seconds, visibility_timeout_seconds, policy,
 *   redrive_policy, redrive_allow_policy, tags; kms_data_key_reuse_period_seconds planned no change with SSE-SQS.
 * - aws_sqs_queue_policy: policy.
 * - aws_cloudwatch_event_rule: description, event_pattern, schedule_expression, role_arn, state, force_destroy, tags
 *   (is_enabled, deprecated, planned no change); event_bus_name written as "default" where it was left out: no change.
 * - aws_cloudwatch_event_target: arn (a new queue ARN is an update of the target), role_arn, input, input_path,
 *   input_transformer, dead_letter_config, retry_policy, sqs_target, http_target, kinesis_target,
 *   run_command_targets, ecs_target, batch_target, redshift_target, sagemaker_pipeline_target, appsync_target,
 *   force_destroy; removing target_id changes nothing (Optional+Computed).
 * - aws_ec2_tag: value.
 * - aws_eks_fargate_profile: tags.
 * - aws_vpc: enable_dns_hostnames, enable_dns_support, enable_network_address_usage_metrics,
 *   assign_generated_ipv6_cidr_block (on or off), ipv6_cidr_block, ipv6_ipam_pool_id, ipv6_netmask_length,
 *   ipv6_cidr_block_network_border_group, tags; instance_tenancy dedicated -> default (or left out).
 * - aws_subnet: ipv6_cidr_block (set, changed, removed), assign_ipv6_address_on_creation, map_public_ip_on_launch,
 *   enable_dns64, enable_lni_at_device_index, enable_resource_name_dns_a(aaaa)_record_on_launch,
 *   private_dns_hostname_type_on_launch, customer_owned_ipv4_pool, map_customer_owned_ip_on_launch, tags.
 * - aws_internet_gateway: vpc_id (detached and attached in place; removing it changes nothing, Optional+Computed), tags.
 *   Nothing of it replaces.
 * - aws_egress_only_internet_gateway: tags.
 * - aws_nat_gateway: secondary_allocation_ids, secondary_private_ip_addresses, tags.
 * - aws_eip: instance, network_interface, associate_with_private_ip, customer_owned_ipv4_pool, tags; removing
 *   `domain = "vpc"` changes nothing.
 * - aws_route_table: route (inline routes), propagating_vgws, tags.
 * - aws_route: every target (nat_gateway_id, gateway_id, egress_only_gateway_id, transit_gateway_id, vpc_endpoint_id,
 *   vpc_peering_connection_id, network_interface_id, carrier_gateway_id, local_gateway_id, core_network_arn), also
 *   switching one kind of target for another: a route to a new NAT gateway is an in-place update.
 * - aws_route_table_association: route_table_id (ReplaceRouteTableAssociation).
 * - aws_vpc_endpoint: subnet_ids, security_group_ids, route_table_ids, private_dns_enabled, policy, auto_accept,
 *   ip_address_type, dns_options, subnet_configuration, tags.
 * - aws_security_group: ingress, egress, revoke_rules_on_delete, tags; removing vpc_id changes nothing
 *   (Optional+Computed); "Managed by Terraform" written out where it was left out changes nothing.
 * - aws_vpc_security_group_ingress_rule: a new value of the same source kind (cidr_ipv4, cidr_ipv6, prefix_list_id,
 *   referenced_security_group_id), from_port, to_port, ip_protocol (also to "-1"), description, tags.
 *
 * Defaults that make an omission count as a change:
 * - aws_eks_cluster.bootstrap_self_managed_addons has Default true: leaving it out of the configuration when the
 *   state holds false (e.g. an EKS Auto Mode cluster) replaces the cluster.
 * - aws_eks_cluster access_config.bootstrap_cluster_creator_admin_permissions has no Default in 5.100.0 (newer
 *   source says `Default: true`): leaving it out when the state holds true (or dropping the whole access_config
 *   block) replaces the cluster; leaving it out when the state holds false or null changes nothing.
 */
export const REPLACING_PROVIDER = "hashicorp/aws 5.100.0";

export interface ReplacingAttribute {
  /** Attribute path as in Terraform JSON and in a plan's replace_paths, segments joined by "." (block list indexes left out): "instance_types", "kubernetes_network_config.service_ipv4_cidr". */
  readonly path: string;
  /** Where the provider says so: "internal/service/eks/node_group.go: ForceNew" (file, and schema ForceNew / RequiresReplace / CustomizeDiff name). */
  readonly source: string;
  /** When the replacement is conditional (CustomizeDiff), the condition in a few words. */
  readonly when?: string;
  /** The attribute is a set (or inside one): compare its values ignoring order. */
  readonly set?: boolean;
  /** Optional+Computed: when the configuration stops setting it, the provider keeps the value in state, so no change (and no replacement) follows. */
  readonly computed?: boolean;
  /** Schema Default: leaving the attribute out of the configuration means this value, which replaces the resource when the state holds another. */
  readonly default?: string | boolean;
}

/** Per resource type: every attribute whose change replaces the resource. */
export const REPLACING_ATTRIBUTES: Readonly<Record<string, readonly ReplacingAttribute[]>> = {
  aws_cloudwatch_log_group: [
    { path: "log_group_class", source: "internal/service/logs/group.go: ForceNew", computed: true },
    { path: "name", source: "internal/service/logs/group.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/logs/group.go: ForceNew", computed: true },
  ],
  /** Issue 14 (Karpenter's interruption rules): name, name_prefix and event_bus_name; everything else in place. */
  aws_cloudwatch_event_rule: [
    /** Default "default". */
    { path: "event_bus_name", source: "internal/service/events/rule.go: ForceNew", default: "default" },
    { path: "name", source: "internal/service/events/rule.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/events/rule.go: ForceNew", computed: true },
  ],
  /** Issue 14 (the rules' targets, the interruption queue): rule, target_id and event_bus_name; arn and the rest in place. */
  aws_cloudwatch_event_target: [
    /** Default "default". */
    { path: "event_bus_name", source: "internal/service/events/target.go: ForceNew", default: "default" },
    { path: "rule", source: "internal/service/events/target.go: ForceNew" },
    /** Optional+Computed: removing it keeps the ID in state (no change). */
    { path: "target_id", source: "internal/service/events/target.go: ForceNew", computed: true },
  ],
  /** Issue 14 (Karpenter's discovery tags on subnets and the cluster security group): the tagged resource and the key; value in place. */
  aws_ec2_tag: [
    { path: "key", source: "internal/service/ec2/tag.go: ForceNew" },
    { path: "resource_id", source: "internal/service/ec2/tag.go: ForceNew" },
  ],
  aws_eks_access_entry: [
    { path: "cluster_name", source: "internal/service/eks/access_entry.go: ForceNew" },
    { path: "principal_arn", source: "internal/service/eks/access_entry.go: ForceNew" },
    /** Default "STANDARD". */
    { path: "type", source: "internal/service/eks/access_entry.go: ForceNew", default: "STANDARD" },
  ],
  aws_eks_access_policy_association: [
    /** The whole block is ForceNew (the resource has no Update at all). */
    { path: "access_scope", source: "internal/service/eks/access_policy_association.go: ForceNew" },
    { path: "access_scope.namespaces", source: "internal/service/eks/access_policy_association.go: ForceNew", set: true },
    { path: "access_scope.type", source: "internal/service/eks/access_policy_association.go: ForceNew" },
    { path: "cluster_name", source: "internal/service/eks/access_policy_association.go: ForceNew" },
    { path: "policy_arn", source: "internal/service/eks/access_policy_association.go: ForceNew" },
    { path: "principal_arn", source: "internal/service/eks/access_policy_association.go: ForceNew" },
  ],
  aws_eks_addon: [
    { path: "addon_name", source: "internal/service/eks/addon.go: ForceNew" },
    { path: "cluster_name", source: "internal/service/eks/addon.go: ForceNew" },
  ],
  aws_eks_cluster: [
    /** No Default in 5.100.0: omitting it when the state holds true also replaces (see the file comment). */
    { path: "access_config.bootstrap_cluster_creator_admin_permissions", source: "internal/service/eks/cluster.go: ForceNew" },
    /** Default true: omitting it when the state holds false also replaces. */
    { path: "bootstrap_self_managed_addons", source: "internal/service/eks/cluster.go: ForceNew", default: true },
    {
      path: "compute_config.node_role_arn",
      source: "internal/service/eks/cluster.go: CustomizeDiff (inline func in customdiff.Sequence, rd.ForceNew(\"compute_config.0.node_role_arn\"))",
      when: "a non-empty node_role_arn in state changes to another value or is dropped (also when disabling Auto Mode without keeping it); setting it where none was is in place",
    },
    {
      path: "encryption_config",
      source: "internal/service/eks/cluster.go: CustomizeDiff customdiff.ForceNewIfChange(\"encryption_config\")",
      when: "the block is removed (1 -> 0 items); adding it or changing key_arn is planned in place",
    },
    { path: "kubernetes_network_config.ip_family", source: "internal/service/eks/cluster.go: ForceNew", computed: true },
    { path: "kubernetes_network_config.service_ipv4_cidr", source: "internal/service/eks/cluster.go: ForceNew", computed: true },
    { path: "name", source: "internal/service/eks/cluster.go: ForceNew" },
    { path: "outpost_config.control_plane_instance_type", source: "internal/service/eks/cluster.go: ForceNew" },
    { path: "outpost_config.control_plane_placement.group_name", source: "internal/service/eks/cluster.go: ForceNew" },
    /** The whole block is ForceNew: adding or removing it replaces the cluster. */
    { path: "remote_network_config", source: "internal/service/eks/cluster.go: ForceNew" },
    { path: "remote_network_config.remote_node_networks.cidrs", source: "internal/service/eks/cluster.go: ForceNew", set: true },
    { path: "remote_network_config.remote_pod_networks.cidrs", source: "internal/service/eks/cluster.go: ForceNew", set: true },
    { path: "role_arn", source: "internal/service/eks/cluster.go: ForceNew" },
  ],
  /**
   * Added for issue 14 (research 14, section B.1 and E; checked again 2026-12-01 against the 5.100.0 binary, each
   * argument changed alone: /tmp/r14rev/verify-types.ts): every argument but tags replaces the profile; EKS: "Fargate
   * profiles are immutable". A changed, added or removed selector (namespace or labels) is reported by the plan as the
   * whole set, `selector` (a set of blocks has no index), so the table lists the set, not its fields. subnet_ids is
   * Optional without Computed in 5.100.0: removing it also replaces the profile.
   */
  aws_eks_fargate_profile: [
    { path: "cluster_name", source: "internal/service/eks/fargate_profile.go: ForceNew" },
    { path: "fargate_profile_name", source: "internal/service/eks/fargate_profile.go: ForceNew" },
    { path: "pod_execution_role_arn", source: "internal/service/eks/fargate_profile.go: ForceNew" },
    { path: "selector", source: "internal/service/eks/fargate_profile.go: ForceNew", set: true },
    { path: "subnet_ids", source: "internal/service/eks/fargate_profile.go: ForceNew", set: true },
  ],
  aws_eks_node_group: [
    { path: "ami_type", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "capacity_type", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "cluster_name", source: "internal/service/eks/node_group.go: ForceNew" },
    { path: "disk_size", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "instance_types", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    /** Also hit when a launch_template block is added to a node group that had none. launch_template.version is in place. */
    { path: "launch_template.id", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "launch_template.name", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "node_group_name", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "node_group_name_prefix", source: "internal/service/eks/node_group.go: ForceNew", computed: true },
    { path: "node_role_arn", source: "internal/service/eks/node_group.go: ForceNew" },
    /** The whole block is ForceNew: adding or removing it replaces the node group. */
    { path: "remote_access", source: "internal/service/eks/node_group.go: ForceNew" },
    { path: "remote_access.ec2_ssh_key", source: "internal/service/eks/node_group.go: ForceNew" },
    { path: "remote_access.source_security_group_ids", source: "internal/service/eks/node_group.go: ForceNew", set: true },
    { path: "subnet_ids", source: "internal/service/eks/node_group.go: ForceNew", set: true },
  ],
  aws_eks_pod_identity_association: [
    { path: "cluster_name", source: "internal/service/eks/pod_identity_association.go: RequiresReplace" },
    { path: "namespace", source: "internal/service/eks/pod_identity_association.go: RequiresReplace" },
    { path: "service_account", source: "internal/service/eks/pod_identity_association.go: RequiresReplace" },
  ],
  aws_iam_openid_connect_provider: [
    /** The provider's ARN is built from the URL (without `https://`): a new URL is a new ARN. */
    { path: "url", source: "internal/service/iam/openid_connect_provider.go: ForceNew" },
  ],
  aws_iam_role: [
    { path: "name", source: "internal/service/iam/role.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/iam/role.go: ForceNew", computed: true },
    /** Default "/". */
    { path: "path", source: "internal/service/iam/role.go: ForceNew", default: "/" },
  ],
  aws_iam_role_policy: [
    { path: "name", source: "internal/service/iam/role_policy.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/iam/role_policy.go: ForceNew", computed: true },
    { path: "role", source: "internal/service/iam/role_policy.go: ForceNew" },
  ],
  aws_iam_role_policy_attachment: [
    /** The resource has no Update: both of its arguments replace. */
    { path: "policy_arn", source: "internal/service/iam/role_policy_attachment.go: ForceNew" },
    { path: "role", source: "internal/service/iam/role_policy_attachment.go: ForceNew" },
  ],
  aws_kms_alias: [
    { path: "name", source: "internal/service/kms/alias.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/kms/alias.go: ForceNew", computed: true },
  ],
  aws_kms_key: [
    { path: "custom_key_store_id", source: "internal/service/kms/key.go: ForceNew" },
    /** Default "SYMMETRIC_DEFAULT". */
    { path: "customer_master_key_spec", source: "internal/service/kms/key.go: ForceNew", default: "SYMMETRIC_DEFAULT" },
    /** Default "ENCRYPT_DECRYPT". */
    { path: "key_usage", source: "internal/service/kms/key.go: ForceNew", default: "ENCRYPT_DECRYPT" },
    { path: "multi_region", source: "internal/service/kms/key.go: ForceNew", computed: true },
    { path: "xks_key_id", source: "internal/service/kms/key.go: ForceNew" },
  ],
  aws_launch_template: [
    { path: "name", source: "internal/service/ec2/ec2_launch_template.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/ec2/ec2_launch_template.go: ForceNew", computed: true },
  ],
  /** Issue 14 (Karpenter's interruption queue): name, name_prefix and fifo_queue; retention, encryption, policies, tags in place. */
  aws_sqs_queue: [
    /** Default false (a FIFO queue also needs a name ending in .fifo, so the plan names both). */
    { path: "fifo_queue", source: "internal/service/sqs/queue.go: ForceNew", default: false },
    { path: "name", source: "internal/service/sqs/queue.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/sqs/queue.go: ForceNew", computed: true },
  ],
  /** Issue 14: the queue (its URL); the policy document in place. */
  aws_sqs_queue_policy: [{ path: "queue_url", source: "internal/service/sqs/queue_policy.go: ForceNew" }],
  // ---- Issue 15: the created VPC (network.create), its endpoints and their security group --------------------------
  // Each argument of each type changed alone against a state from a create plan (see the file comment, 2c).
  /** Issue 15. Every address source (cidr_block, IPAM pools) and the tenancy; DNS settings, IPv6 block, tags in place. */
  aws_vpc: [
    /** Optional+Computed (an IPAM pool may choose it). */
    { path: "cidr_block", source: "internal/service/ec2/vpc_.go: ForceNew", computed: true },
    /** Default "default". */
    {
      path: "instance_tenancy",
      source: "internal/service/ec2/vpc_.go: CustomizeDiff (the 5.100.0 plan: default -> dedicated replaced; dedicated -> default, or left out, in place)",
      when: "changed to anything but default",
      default: "default",
    },
    { path: "ipv4_ipam_pool_id", source: "internal/service/ec2/vpc_.go: ForceNew" },
    { path: "ipv4_netmask_length", source: "internal/service/ec2/vpc_.go: ForceNew" },
  ],
  /** Issue 15. Where the subnet is (VPC, zone, CIDR, Outpost) and IPv6-only; the IPv6 block and launch settings in place. */
  aws_subnet: [
    { path: "availability_zone", source: "internal/service/ec2/vpc_subnet.go: ForceNew", computed: true },
    { path: "availability_zone_id", source: "internal/service/ec2/vpc_subnet.go: ForceNew", computed: true },
    { path: "cidr_block", source: "internal/service/ec2/vpc_subnet.go: ForceNew" },
    /** Default false. */
    { path: "ipv6_native", source: "internal/service/ec2/vpc_subnet.go: ForceNew", default: false },
    { path: "outpost_arn", source: "internal/service/ec2/vpc_subnet.go: ForceNew" },
    { path: "vpc_id", source: "internal/service/ec2/vpc_subnet.go: ForceNew" },
  ],
  /** Issue 15. vpc_id (the VPC the gateway is in); tags in place. (aws_internet_gateway has none: vpc_id is a detach and attach in place.) */
  aws_egress_only_internet_gateway: [{ path: "vpc_id", source: "internal/service/ec2/vpc_egress_only_internet_gateway.go: ForceNew" }],
  /** Issue 15. The Elastic IP, the subnet, the kind, the private address; secondary allocations and addresses, tags in place. */
  aws_nat_gateway: [
    /** Optional without Computed: removing it (a private NAT gateway) also replaces. */
    { path: "allocation_id", source: "internal/service/ec2/vpc_nat_gateway.go: ForceNew" },
    /** Default "public". */
    { path: "connectivity_type", source: "internal/service/ec2/vpc_nat_gateway.go: ForceNew", default: "public" },
    { path: "private_ip", source: "internal/service/ec2/vpc_nat_gateway.go: ForceNew", computed: true },
    /** Replaced when changed (2 -> 3, private NAT gateway) in 5.100.0's plan; secondary_private_ip_addresses is in place. */
    { path: "secondary_private_ip_address_count", source: "internal/service/ec2/vpc_nat_gateway.go: ForceNew", computed: true },
    { path: "subnet_id", source: "internal/service/ec2/vpc_nat_gateway.go: ForceNew" },
  ],
  /** Issue 15 (the NAT gateways' addresses). Where the address comes from; the association (instance, network_interface) and tags in place. */
  aws_eip: [
    { path: "address", source: "internal/service/ec2/ec2_eip.go: ForceNew" },
    /** Optional+Computed: removing `domain = "vpc"` changes nothing. */
    { path: "domain", source: "internal/service/ec2/ec2_eip.go: ForceNew", computed: true },
    { path: "ipam_pool_id", source: "internal/service/ec2/ec2_eip.go: ForceNew", computed: true },
    { path: "network_border_group", source: "internal/service/ec2/ec2_eip.go: ForceNew", computed: true },
    { path: "public_ipv4_pool", source: "internal/service/ec2/ec2_eip.go: ForceNew", computed: true },
    /** Deprecated (use domain). */
    { path: "vpc", source: "internal/service/ec2/ec2_eip.go: ForceNew", computed: true },
  ],
  /** Issue 15. vpc_id only; inline routes, propagating_vgws, tags in place. */
  aws_route_table: [{ path: "vpc_id", source: "internal/service/ec2/vpc_route_table.go: ForceNew" }],
  /** Issue 15. The table and the destination; every target (NAT, internet, egress-only gateway, endpoint, ...) in place, also switching kinds. */
  aws_route: [
    { path: "destination_cidr_block", source: "internal/service/ec2/vpc_route.go: ForceNew" },
    { path: "destination_ipv6_cidr_block", source: "internal/service/ec2/vpc_route.go: ForceNew" },
    { path: "destination_prefix_list_id", source: "internal/service/ec2/vpc_route.go: ForceNew" },
    { path: "route_table_id", source: "internal/service/ec2/vpc_route.go: ForceNew" },
  ],
  /** Issue 15. The subnet (or gateway) associated; route_table_id in place (ReplaceRouteTableAssociation). */
  aws_route_table_association: [
    { path: "gateway_id", source: "internal/service/ec2/vpc_route_table_association.go: ForceNew" },
    { path: "subnet_id", source: "internal/service/ec2/vpc_route_table_association.go: ForceNew" },
  ],
  /**
   * Issue 15. What the endpoint connects to (VPC, service, type, service region, Lattice resource or service network);
   * subnets, security groups, route tables, private DNS, policy, ip_address_type, dns_options, subnet_configuration,
   * auto_accept and tags in place.
   */
  aws_vpc_endpoint: [
    { path: "resource_configuration_arn", source: "internal/service/ec2/vpc_endpoint.go: ForceNew" },
    { path: "service_name", source: "internal/service/ec2/vpc_endpoint.go: ForceNew" },
    { path: "service_network_arn", source: "internal/service/ec2/vpc_endpoint.go: ForceNew" },
    { path: "service_region", source: "internal/service/ec2/vpc_endpoint.go: ForceNew", computed: true },
    /** Default "Gateway". */
    { path: "vpc_endpoint_type", source: "internal/service/ec2/vpc_endpoint.go: ForceNew", default: "Gateway" },
    { path: "vpc_id", source: "internal/service/ec2/vpc_endpoint.go: ForceNew" },
  ],
  /** Issue 15 (the interface endpoints' group). Name, description, VPC; inline ingress/egress, revoke_rules_on_delete, tags in place. */
  aws_security_group: [
    /** Default "Managed by Terraform": removing a description replaces the group. */
    { path: "description", source: "internal/service/ec2/vpc_security_group.go: ForceNew", default: "Managed by Terraform" },
    { path: "name", source: "internal/service/ec2/vpc_security_group.go: ForceNew", computed: true },
    { path: "name_prefix", source: "internal/service/ec2/vpc_security_group.go: ForceNew", computed: true },
    /** Optional+Computed: removing it keeps the VPC in state (no change). */
    { path: "vpc_id", source: "internal/service/ec2/vpc_security_group.go: ForceNew", computed: true },
  ],
  /**
   * Issue 15 (HTTPS to the endpoints). A plugin-framework resource: the group, and the kind of source. A new value of
   * the same kind (10.0.0.0/16 -> 10.1.0.0/16, another prefix list or group) is in place, as are ports, protocol,
   * description and tags; switching from one kind of source to another (cidr_ipv4 -> cidr_ipv6, ...) replaces the
   * rule, the plan naming both attributes.
   */
  aws_vpc_security_group_ingress_rule: [
    { path: "cidr_ipv4", source: "internal/service/ec2/vpc_security_group_ingress_rule.go: RequiresReplaceIf", when: "set where it was not, or removed (another kind of source); a new CIDR is in place" },
    { path: "cidr_ipv6", source: "internal/service/ec2/vpc_security_group_ingress_rule.go: RequiresReplaceIf", when: "set where it was not, or removed (another kind of source); a new CIDR is in place" },
    { path: "prefix_list_id", source: "internal/service/ec2/vpc_security_group_ingress_rule.go: RequiresReplaceIf", when: "set where it was not, or removed (another kind of source); another list is in place" },
    { path: "referenced_security_group_id", source: "internal/service/ec2/vpc_security_group_ingress_rule.go: RequiresReplaceIf", when: "set where it was not, or removed (another kind of source); another group is in place" },
    { path: "security_group_id", source: "internal/service/ec2/vpc_security_group_ingress_rule.go: RequiresReplace" },
  ],
};
