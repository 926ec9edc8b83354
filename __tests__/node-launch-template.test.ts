import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { AmiType } from "../src/config/schema";
import { NodeLaunchTemplate, rootDeviceName } from "../src/constructs/node-launch-template";
import { synthScope } from "../test-support/synth";

describe("NodeLaunchTemplate", () => {
  it("GIVEN a hop limit and disk size WHEN synthesized THEN IMDSv2 is required and the disk is an encrypted gp3 volume", () => {
    const synthesized = synthScope((scope) => {
      new NodeLaunchTemplate(scope, "lt", { namePrefix: "eks-w-", amiType: "AL2023_x86_64_STANDARD", diskSize: 20, hopLimit: 1 });
    });
    expect(synthesized).toHaveResourceWithProperties(LaunchTemplate, {
      name_prefix: "eks-w-",
      update_default_version: true,
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      block_device_mappings: [
        { device_name: "/dev/xvda", ebs: { volume_size: 20, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
      ],
    });
  });

  it.each([
    ["AL2023_ARM_64_STANDARD", "/dev/xvda"],
    ["BOTTLEROCKET_x86_64", "/dev/xvdb"],
    ["WINDOWS_CORE_2022_x86_64", "/dev/sda1"],
  ])("GIVEN %s WHEN choosing the device THEN the node group's disk is %s", (amiType, device) => {
    expect(rootDeviceName(amiType as AmiType)).toBe(device);
  });

  it("GIVEN every launch template setting WHEN synthesized THEN each is its argument, and nothing EKS prohibits is set", () => {
    // GIVEN / WHEN
    const synthesized = synthScope((scope) => {
      new NodeLaunchTemplate(scope, "lt", {
        namePrefix: "eks-w-",
        amiType: "CUSTOM",
        diskSize: 50,
        hopLimit: 2,
        rootVolume: { type: "io2", iops: 10000, encrypted: true, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        userData: "[settings.kubernetes]\nmax-pods = 20\n",
        imageId: "ami-0123456789abcdef0",
        securityGroupIds: ["sg-0a1b2c3d4e5f60719"],
        resourceTags: { team: "payments" },
        instanceType: "p5.48xlarge",
        capacityBlockReservationId: "cr-0123456789abcdef0",
      });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: "ami-0123456789abcdef0",
      instance_type: "p5.48xlarge",
      vpc_security_group_ids: ["sg-0a1b2c3d4e5f60719"],
      user_data: '${base64encode("[settings.kubernetes]\\nmax-pods = 20\\n")}',
      instance_market_options: { market_type: "capacity-block" },
      capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: "cr-0123456789abcdef0" } },
      block_device_mappings: [
        {
          device_name: "/dev/xvda",
          ebs: {
            volume_size: 50,
            volume_type: "io2",
            iops: 10000,
            encrypted: "true",
            kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            delete_on_termination: "true",
          },
        },
      ],
    });
    const lt = JSON.parse(synthesized).resource.aws_launch_template.lt;
    for (const prohibited of ["iam_instance_profile", "network_interfaces", "instance_initiated_shutdown_behavior", "hibernation_options", "key_name"]) {
      expect(lt[prohibited]).toBeUndefined();
    }
    expect(lt.tag_specifications.map((t: { resource_type: string }) => t.resource_type)).toEqual(["instance", "volume", "network-interface"]);
  });

  it("GIVEN user data with quotes, backslashes and template escapes WHEN synthesized THEN the HCL string escapes them and keeps the escapes", () => {
    const synthesized = synthScope((scope) => {
      new NodeLaunchTemplate(scope, "lt", { namePrefix: "eks-w-", amiType: "AL2023_x86_64_STANDARD", diskSize: 20, hopLimit: 2, userData: 'a "q" \\ $${x} %%{y}${""}z\n' });
    });
    expect(JSON.parse(synthesized).resource.aws_launch_template.lt.user_data).toBe('${base64encode("a \\"q\\" \\\\ $${x} %%{y}${""}z\\n")}');
  });
});

