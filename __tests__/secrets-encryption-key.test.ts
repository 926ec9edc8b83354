import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecretsEncryptionKey } from "../src/constructs/cluster/secrets-encryption-key";
import { parse, synthScope } from "../test-support/synth";

describe("SecretsEncryptionKey", () => {
  it("GIVEN a cluster WHEN synthesized THEN it creates a rotated key with a 30-day deletion window and alias/eks/<name>", () => {
    const synthesized = synthScope((scope) => {
      new SecretsEncryptionKey(scope, "secrets_key", { clusterName: "simple-bank" });
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: "alias/eks/simple-bank", target_key_id: "${aws_kms_key.secrets_key.key_id}" });
  });

  it("GIVEN no key policy WHEN synthesized THEN KMS's default policy applies and no account lookup is made", () => {
    const tf = parse(synthScope((scope) => new SecretsEncryptionKey(scope, "k", { clusterName: "c", deletionWindowInDays: 7 })));
    expect(tf.resource.aws_kms_key.k.policy).toBeUndefined();
    expect(tf.resource.aws_kms_key.k.deletion_window_in_days).toBe(7);
    expect(tf.data).toBeUndefined();
  });
});
