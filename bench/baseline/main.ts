// The speed baseline: the walk-through's stack written the way the cdktf TypeScript template writes it, run as the
// template runs it (`npx ts-node main.ts`, type-checking on every run) and importing @cdktf/provider-aws from its
// root. Only this folder may do that. It builds the same resources as the real app's default, in one file.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import * as aws from "@cdktf/provider-aws";

class SimpleBankStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new aws.provider.AwsProvider(this, "aws", { region: "us-east-1" });
    new LocalBackend(this, { path: "terraform.simple-bank.tfstate" });
    const partition = new aws.dataAwsPartition.DataAwsPartition(this, "current").partition;

    const vpc = new aws.dataAwsVpc.DataAwsVpc(this, "vpc", { default: true });
    const zones = new aws.dataAwsAvailabilityZones.DataAwsAvailabilityZones(this, "zones", {
      state: "available",
      excludeZoneIds: ["use1-az3", "usw1-az2", "cac1-az3"],
    });
    const subnets = new aws.dataAwsSubnets.DataAwsSubnets(this, "subnets", {
      filter: [
        { name: "vpc-id", values: [vpc.id] },
        { name: "availability-zone", values: zones.names },
      ],
    });

    const trust = (service: string) =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
    const clusterRole = new aws.iamRole.IamRole(this, "cluster_role", { name: "AWSEKSClusterRole", assumeRolePolicy: trust("eks.amazonaws.com") });
    const clusterPolicy = new aws.iamRolePolicyAttachment.IamRolePolicyAttachment(this, "AmazonEKSClusterPolicy", {
      role: clusterRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
    const nodeRole = new aws.iamRole.IamRole(this, "node_role", { name: "AWSEKSNodeRole", assumeRolePolicy: trust("ec2.amazonaws.com") });
    const nodePolicies = ["AmazonEKS_CNI_Policy", "AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"].map(
      (policy) =>
        new aws.iamRolePolicyAttachment.IamRolePolicyAttachment(this, policy, {
          role: nodeRole.name,
          policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
        }),
    );

    const cluster = new aws.eksCluster.EksCluster(this, "cluster", {
      name: "simple-bank",
      version: "1.35",
      roleArn: clusterRole.arn,
      vpcConfig: { subnetIds: subnets.ids, endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
      accessConfig: { authenticationMode: "API_AND_CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true },
      dependsOn: [clusterPolicy],
    });

    const addon = (name: string, dependsOn: aws.eksNodeGroup.EksNodeGroup[] = []) =>
      new aws.eksAddon.EksAddon(this, name, {
        clusterName: cluster.name,
        addonName: name,
        addonVersion: new aws.dataAwsEksAddonVersion.DataAwsEksAddonVersion(this, `${name}_version`, {
          addonName: name,
          kubernetesVersion: "1.35",
          mostRecent: true,
        }).version,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        dependsOn,
      });
    const vpcCni = addon("vpc-cni");
    const kubeProxy = addon("kube-proxy");

    const nodeGroup = new aws.eksNodeGroup.EksNodeGroup(this, "node_group", {
      clusterName: cluster.name,
      nodeGroupName: "simple-bank",
      version: cluster.version,
      nodeRoleArn: nodeRole.arn,
      subnetIds: subnets.ids,
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: ["t3.micro"],
      diskSize: 10,
      scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 },
      updateConfig: { maxUnavailable: 1 },
      dependsOn: [...nodePolicies, vpcCni, kubeProxy],
    });
    addon("coredns", [nodeGroup]);

    new TerraformOutput(this, "cluster_endpoint", { value: cluster.endpoint });
    new TerraformOutput(this, "kubeconfig_command", { value: "aws eks update-kubeconfig --region us-east-1 --name simple-bank" });
  }
}

const app = new App();
new SimpleBankStack(app, "simple-bank");
app.synth();
