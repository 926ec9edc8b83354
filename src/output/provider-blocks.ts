/**
 * Which attribute paths of the provider's resource and data source types are nested blocks (and their nesting mode),
 * for `renderHcl` (src/output/hcl-render.ts): in Terraform's JSON syntax a nested block and an object-valued attribute
 * look alike, in HCL they do not. A path is the block names from the resource body down, joined with `.`; every path
 * not listed is an attribute.
 *
 * Generated, not written by hand. Provenance: hashicorp/aws 5.100.0 (the filesystem mirror /opt/tf-plugins), Terraform
 * 1.11.4, `terraform providers schema -json` in a scratch folder whose main.tf only requires hashicorp/aws 5.100.0;
 * for each listed type, every `block_types` entry (recursively) with its `nesting_mode`. Regenerate the same way when
 * the provider version or the emitted types change; `renderHcl` throws on a type not listed here.
 */

export type NestingMode = "list" | "set" | "single" | "map" | "group";

export type BlockTable = Readonly<Record<string, Readonly<Record<string, NestingMode>>>>;

export const PROVIDER_SCHEMA_SOURCE = { provider: "registry.terraform.io/hashicorp/aws", version: "5.100.0", terraform: "1.11.4" } as const;

/** Resource types (`resource "<type>"`). */
export const RESOURCE_BLOCKS: BlockTable = {
  aws_cloudwatch_event_rule: {},
  aws_cloudwatch_event_target: { "appsync_target": "list", "batch_target": "list", "dead_letter_config": "list", "ecs_target": "list", "ecs_target.capacity_provider_strategy": "set", "ecs_target.network_configuration": "list", "ecs_target.ordered_placement_strategy": "list", "ecs_target.placement_constraint": "set", "http_target": "list", "input_transformer": "list", "kinesis_target": "list", "redshift_target": "list", "retry_policy": "list", "run_command_targets": "list", "sagemaker_pipeline_target": "list", "sagemaker_pipeline_target.pipeline_parameter_list": "set", "sqs_target": "list" },
  aws_cloudwatch_log_group: {},
  aws_ec2_tag: {},
  aws_egress_only_internet_gateway: {},
  aws_eip: { "timeouts": "single" },
  aws_eks_access_entry: { "timeouts": "single" },
  aws_eks_access_policy_association: { "access_scope": "list", "timeouts": "single" },
  aws_eks_addon: { "pod_identity_association": "set", "timeouts": "single" },
  aws_eks_cluster: { "access_config": "list", "compute_config": "list", "encryption_config": "list", "encryption_config.provider": "list", "kubernetes_network_config": "list", "kubernetes_network_config.elastic_load_balancing": "list", "outpost_config": "list", "outpost_config.control_plane_placement": "list", "remote_network_config": "list", "remote_network_config.remote_node_networks": "list", "remote_network_config.remote_pod_networks": "list", "storage_config": "list", "storage_config.block_storage": "list", "timeouts": "single", "upgrade_policy": "list", "vpc_config": "list", "zonal_shift_config": "list" },
  aws_eks_fargate_profile: { "selector": "set", "timeouts": "single" },
  aws_eks_node_group: { "launch_template": "list", "node_repair_config": "list", "remote_access": "list", "scaling_config": "list", "taint": "set", "timeouts": "single", "update_config": "list" },
  aws_eks_pod_identity_association: {},
  aws_iam_openid_connect_provider: {},
  aws_iam_role: { "inline_policy": "set" },
  aws_iam_role_policy: {},
  aws_iam_role_policy_attachment: {},
  aws_internet_gateway: { "timeouts": "single" },
  aws_kms_alias: {},
  aws_kms_key: { "timeouts": "single" },
  aws_launch_template: { "block_device_mappings": "list", "block_device_mappings.ebs": "list", "capacity_reservation_specification": "list", "capacity_reservation_specification.capacity_reservation_target": "list", "cpu_options": "list", "credit_specification": "list", "elastic_gpu_specifications": "list", "elastic_inference_accelerator": "list", "enclave_options": "list", "hibernation_options": "list", "iam_instance_profile": "list", "instance_market_options": "list", "instance_market_options.spot_options": "list", "instance_requirements": "list", "instance_requirements.accelerator_count": "list", "instance_requirements.accelerator_total_memory_mib": "list", "instance_requirements.baseline_ebs_bandwidth_mbps": "list", "instance_requirements.memory_gib_per_vcpu": "list", "instance_requirements.memory_mib": "list", "instance_requirements.network_bandwidth_gbps": "list", "instance_requirements.network_interface_count": "list", "instance_requirements.total_local_storage_gb": "list", "instance_requirements.vcpu_count": "list", "license_specification": "set", "maintenance_options": "list", "metadata_options": "list", "monitoring": "list", "network_interfaces": "list", "network_interfaces.connection_tracking_specification": "list", "network_interfaces.ena_srd_specification": "list", "network_interfaces.ena_srd_specification.ena_srd_udp_specification": "list", "placement": "list", "private_dns_name_options": "list", "tag_specifications": "list" },
  aws_nat_gateway: { "timeouts": "single" },
  aws_route: { "timeouts": "single" },
  aws_route_table: { "timeouts": "single" },
  aws_route_table_association: { "timeouts": "single" },
  aws_security_group: { "timeouts": "single" },
  aws_sqs_queue: { "timeouts": "single" },
  aws_sqs_queue_policy: {},
  aws_subnet: { "timeouts": "single" },
  aws_vpc: {},
  aws_vpc_endpoint: { "dns_options": "list", "subnet_configuration": "set", "timeouts": "single" },
  aws_vpc_security_group_ingress_rule: {},
};

/** Data source types (`data "<type>"`). */
export const DATA_BLOCKS: BlockTable = {
  aws_availability_zones: { "filter": "set", "timeouts": "single" },
  aws_eks_addon_version: {},
  aws_partition: {},
  aws_subnet: { "filter": "set", "timeouts": "single" },
  aws_subnets: { "filter": "set", "timeouts": "single" },
  aws_vpc: { "filter": "set", "timeouts": "single" },
};

/** The provider's own configuration (`provider "aws"`). */
export const PROVIDER_BLOCKS: BlockTable = {
  aws: { "assume_role": "list", "assume_role_with_web_identity": "list", "default_tags": "list", "endpoints": "set", "ignore_tags": "list" },
};
