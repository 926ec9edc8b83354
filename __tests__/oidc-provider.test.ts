import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { OidcProvider } from "../src/constructs/identity/oidc-provider";
import { parse, resource, synthScope } from "../test-support/synth";

const ISSUER = "${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}";

describe("OidcProvider", () => {
  it("GIVEN the cluster's issuer WHEN synthesized THEN one OIDC provider trusts it for STS, named after the construct", () => {
    // GIVEN / WHEN
    const synthesized = synthScope((scope) => {
      new OidcProvider(scope, "oidc_provider", { issuerUrl: ISSUER });
    });
    // THEN
    expect(Object.keys(parse(synthesized).resource.aws_iam_openid_connect_provider)).toEqual(["oidc_provider"]);
    expect(synthesized).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: ISSUER,
      client_id_list: ["sts.amazonaws.com"],
    });
  });

  it("GIVEN no thumbprint WHEN synthesized THEN thumbprint_list is left to the provider (no TLS data source)", () => {
    // GIVEN / WHEN
    const synthesized = synthScope((scope) => {
      new OidcProvider(scope, "oidc_provider", { issuerUrl: ISSUER });
    });
    // THEN
    expect(resource(synthesized, "aws_iam_openid_connect_provider", "oidc_provider")).not.toHaveProperty("thumbprint_list");
    expect(parse(synthesized).data).toBeUndefined();
    expect(Object.keys(parse(synthesized).terraform?.required_providers ?? {})).not.toContain("tls");
  });

  it("GIVEN tags WHEN synthesized THEN the provider carries them, and none when empty", () => {
    const make = (tags?: Record<string, string>) =>
      synthScope((scope) => {
        new OidcProvider(scope, "oidc_provider", { issuerUrl: ISSUER, tags });
      });
    expect(make({ team: "payments" })).toHaveResourceWithProperties(IamOpenidConnectProvider, { tags: { team: "payments" } });
    expect(resource(make({}), "aws_iam_openid_connect_provider", "oidc_provider").tags).toBeUndefined();
  });

  it("GIVEN the provider WHEN its ARN and issuer host path are used THEN they are references to its arn and to its url without https://", () => {
    // GIVEN
    let provider: OidcProvider | undefined;
    // WHEN
    const synthesized = synthScope((scope) => {
      provider = new OidcProvider(scope, "oidc_provider", { issuerUrl: ISSUER });
      new IamOpenidConnectProvider(scope, "probe", { url: provider.issuerHostPath, clientIdList: [provider.arn] });
    });
    // THEN
    const probe = resource(synthesized, "aws_iam_openid_connect_provider", "probe");
    expect(probe.url).toBe('${replace(aws_iam_openid_connect_provider.oidc_provider.url, "https://", "")}');
    expect(probe.client_id_list).toEqual(["${aws_iam_openid_connect_provider.oidc_provider.arn}"]);
    expect(provider!.resource).toBeInstanceOf(IamOpenidConnectProvider);
  });
});
