import assert from "node:assert/strict";
import { DEFAULT_MESH_CONFIG } from "../../src/mesh/operator.js";
import { credentialResourceName, credentialSdsConfig } from "../../src/xds/sds-config.js";
import { profile } from "../helpers/walkthrough.js";

const meshConfig = {
  ...DEFAULT_MESH_CONFIG,
  extensionProviders: [
    { name: "tracer" },
    { name: "vault", sds: { name: "vault", service: "vault.sds.svc.cluster.local", port: 8443 } },
  ],
};
const lookupCluster = (service: string, port: number) =>
  service === "vault.sds.svc.cluster.local"
    ? { hostname: service, cluster: `outbound|${port}||${service}` }
    : undefined;
const at = (line: string) => ({ profile: profile(line), meshConfig, lookupCluster });
const grpc = (c: ReturnType<typeof credentialSdsConfig>) =>
  ((c?.sds_config as Record<string, unknown>)?.api_config_source as { grpc_services: unknown[] })
    ?.grpc_services?.[0];

describe("credential SDS configs (authentication.go ConstructSdsSecretConfigForCredential)", () => {
  it("maps names like credentials.ToResourceName", () => {
    const p = profile("1.31");
    assert.equal(credentialResourceName("cert", p), "kubernetes://cert");
    assert.equal(credentialResourceName("kubernetes-gateway://ns/cert", p), "kubernetes-gateway://ns/cert");
    assert.equal(credentialResourceName("builtin://", p), "default");
    assert.equal(credentialResourceName("configmap://ca", p), "configmap://ca");
    assert.equal(credentialResourceName("configmap://ca", profile("1.25")), "kubernetes://configmap://ca");
  });

  it("sends sds:// names to istiod as Secrets up to 1.27", () => {
    assert.deepEqual(credentialSdsConfig("sds://vault", at("1.27"))?.name, "kubernetes://sds://vault");
  });

  it("uses the provider named like the credential, keeping the full name, in 1.28–1.29", () => {
    const c = credentialSdsConfig("sds://vault", at("1.29"));
    assert.equal(c?.name, "sds://vault");
    assert.deepEqual(grpc(c), { envoy_grpc: { cluster_name: "outbound|8443||vault.sds.svc.cluster.local" } });
    assert.equal(credentialSdsConfig("sds://other", at("1.29"))?.name, "kubernetes://sds://other");
  });

  it("uses the first SDS provider with the bare name from 1.30, adding the authority from 1.31", () => {
    const c30 = credentialSdsConfig("sds://any", at("1.30"));
    assert.equal(c30?.name, "any");
    assert.deepEqual(grpc(c30), {
      envoy_grpc: { cluster_name: "outbound|8443||vault.sds.svc.cluster.local" },
    });
    const c31 = credentialSdsConfig("sds://any", at("1.31"));
    assert.deepEqual(grpc(c31), {
      envoy_grpc: {
        cluster_name: "outbound|8443||vault.sds.svc.cluster.local",
        authority: "vault.sds.svc.cluster.local",
      },
    });
  });

  it("falls back to a Secret of the bare name without providers, and drops unknown provider services", () => {
    const none = { ...at("1.31"), meshConfig: DEFAULT_MESH_CONFIG };
    assert.equal(credentialSdsConfig("sds://x", none)?.name, "kubernetes://x");
    const missing = { ...at("1.31"), lookupCluster: () => undefined };
    assert.equal(credentialSdsConfig("sds://x", missing), undefined);
  });
});
