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
});
