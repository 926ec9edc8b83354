import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { tagsArgument } from "../tags";

/**
 * Props of `OidcProvider`.
 * Strings are Terraform strings (templates): pass literal user text through `terraformLiteral` (src/config/names.ts).
 */
export interface OidcProviderProps {
  /** The cluster's OIDC issuer URL (a reference: `aws_eks_cluster.<id>.identity[0].oidc[0].issuer`). */
  readonly issuerUrl: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The audience (client ID) of web identity tokens exchanged with STS. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/**
 * The IAM OIDC identity provider of the cluster's issuer, for IAM roles for service accounts (IRSA): client
 * `sts.amazonaws.com`, and no thumbprint. hashicorp/aws 5.x computes `thumbprint_list` when it is left out (Optional +
 * Computed), and IAM no longer uses thumbprints for EKS issuers (it trusts their certificate authority), so no TLS
 * provider is needed to read the certificate.
 */
export class OidcProvider extends Construct {
  /** The provider: construct ID `Resource`, so its Terraform name is this construct's. */
  public readonly resource: IamOpenidConnectProvider;
  /** ARN of the provider. */
  public readonly arn: string;
  /**
   * The issuer without `https://`: the prefix of the condition keys `<issuer>:sub` and `<issuer>:aud`, a Terraform
   * expression string (`${replace(aws_iam_openid_connect_provider.<id>.url, "https://", "")}`).
   */
  public readonly issuerHostPath: string;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    this.resource = new IamOpenidConnectProvider(this, "Resource", {
      url: props.issuerUrl,
      clientIdList: [STS_AUDIENCE],
      tags: tagsArgument(props.tags),
    });
    this.arn = this.resource.arn;
    this.issuerHostPath = Fn.replace(this.resource.url, "https://", "");
  }
}
