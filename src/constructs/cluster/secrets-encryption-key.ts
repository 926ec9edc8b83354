import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `SecretsEncryptionKey`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts);
 * `ClusterStack` does it for the whole configuration.
 */
export interface SecretsEncryptionKeyProps {
  /** Name of the cluster; the alias is `alias/eks/<name>`. */
  readonly clusterName: string;
  /**
   * Days KMS waits before deleting the key once its deletion is scheduled.
   * @default 30 - the longest: a deleted key makes every secret of the cluster unreadable
   */
  readonly deletionWindowInDays?: number;
  /** Tags of the key. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A customer managed KMS key for envelope encryption of Kubernetes secrets: symmetric, rotated every year, with an
 * alias. Its key policy is KMS's default (the account's IAM policies decide), so no account lookup is needed; the
 * cluster role gets the key's use through an IAM policy.
 */
export class SecretsEncryptionKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: SecretsEncryptionKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "Resource", {
      description: `Encrypts Kubernetes secrets of EKS cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      tags: tagsArgument(props.tags),
    });
    this.alias = new KmsAlias(this, "alias", {
      name: `alias/eks/${props.clusterName}`,
      targetKeyId: this.key.keyId,
    });
  }

  public get keyArn(): string {
    return this.key.arn;
  }
}
