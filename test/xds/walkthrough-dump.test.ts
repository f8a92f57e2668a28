import assert from "node:assert/strict";
import { clusters, listeners, routeConfigs, secrets } from "../../src/envoy/configdump.js";
import type { JsonObject } from "../../src/envoy/types.js";
import { dig, obj } from "../helpers/json.js";
import { simulate, step } from "../helpers/walkthrough.js";

/** Facts of shared/seed/README.md, asserted on the simulated dump itself. */

function listenerNamed(dump: ReturnType<typeof simulate>["dump"], name: string): JsonObject | undefined {
  return listeners(dump).find((l) => l.resource.name === name)?.resource;
}

function hcmOf(chain: JsonObject): JsonObject {
  const f = (chain.filters as JsonObject[]).find(
    (x) => x.name === "envoy.filters.network.http_connection_manager",
  );
  return (f as JsonObject).typed_config as JsonObject;
}

describe("walkthrough: simulated dumps", () => {
  it("01: listener 0.0.0.0_8080 with RDS http.8080 and a blackhole vhost", () => {
    const { dump } = simulate([step("01-gateway-http")], "1.17");
    const l = listenerNamed(dump, "0.0.0.0_8080");
    assert.ok(l, "listener 0.0.0.0_8080");
    const chains = l.filter_chains as JsonObject[];
    assert.equal(chains.length, 1);
    assert.equal(chains[0]?.filter_chain_match, undefined);
    assert.equal((hcmOf(chains[0] as JsonObject).rds as JsonObject).route_config_name as string, "http.8080");
    const rc = routeConfigs(dump).find((r) => r.resource.name === "http.8080")?.resource;
    assert.deepEqual(rc?.virtual_hosts, [{ name: "blackhole:80", domains: ["*"] }]);
  });

  it("03: an EDS cluster per service port, with endpoints on the target ports", () => {
    const { dump } = simulate([step("03-services")], "1.17");
    const names = clusters(dump).map((c) => c.resource.name);
    assert.ok(names.includes("outbound|80||webapp.istioinaction.svc.cluster.local"));
    assert.ok(names.includes("outbound|80||catalog.istioinaction.svc.cluster.local"));
    const eds = dump.configs.find((c) => String(c["@type"]).endsWith("EndpointsConfigDump")) as JsonObject;
    const cla = (eds.dynamic_endpoint_configs as JsonObject[])
      .map((e) => e.endpoint_config as JsonObject)
      .find((c) => c.cluster_name === "outbound|80||catalog.istioinaction.svc.cluster.local") as JsonObject;
    const ep = obj(cla, "endpoints", 0, "lb_endpoints", 0);
    assert.deepEqual((ep.endpoint as JsonObject).address, {
      socket_address: { address: "10.10.0.13", port_value: 3000 },
    });
    assert.equal(ep.health_status, "HEALTHY");
  });

  it("04: an SNI chain on 8443 with SDS kubernetes://webapp-credential and the https RDS name", () => {
    const { dump } = simulate([step("04-tls-simple")], "1.17");
    const l = listenerNamed(dump, "0.0.0.0_8443") as JsonObject;
    const chain = (l.filter_chains as JsonObject[])[0] as JsonObject;
    assert.deepEqual((chain.filter_chain_match as JsonObject).server_names, ["webapp.istioinaction.io"]);
    assert.equal(
      (hcmOf(chain).rds as JsonObject).route_config_name,
      "https.443.https.coolstore-gateway.istioinaction",
    );
    const tls = (chain.transport_socket as JsonObject).typed_config as JsonObject;
    const common = tls.common_tls_context as JsonObject;
    assert.deepEqual(common.alpn_protocols, ["h2", "http/1.1"]);
    assert.equal(
      ((common.tls_certificate_sds_secret_configs as JsonObject[])[0] as JsonObject).name,
      "kubernetes://webapp-credential",
    );
    assert.equal(tls.require_client_certificate, false);
    assert.deepEqual(
      secrets(dump).map((s) => [s.status, s.resource.name]),
      [["active", "kubernetes://webapp-credential"]],
    );
  });

  it("05: two SNI chains on one listener, each with its own route config", () => {
    const { dump } = simulate([step("05-tls-multi-host")], "1.17");
    const l = listenerNamed(dump, "0.0.0.0_8443") as JsonObject;
    const chains = l.filter_chains as JsonObject[];
    assert.deepEqual(
      chains.map((c) => [
        (c.filter_chain_match as JsonObject).server_names,
        (hcmOf(c).rds as JsonObject).route_config_name,
      ]),
      [
        [["webapp.istioinaction.io"], "https.443.https-webapp.coolstore-gateway.istioinaction"],
        [["catalog.istioinaction.io"], "https.443.https-catalog.coolstore-gateway.istioinaction"],
      ],
    );
  });

  it("06: httpsRedirect makes the vhost require TLS", () => {
    const { dump } = simulate([step("06-https-redirect")], "1.17");
    const rc = routeConfigs(dump).find((r) => r.resource.name === "http.8080")?.resource as JsonObject;
    const vh = (rc.virtual_hosts as JsonObject[])[0] as JsonObject;
    assert.equal(vh.name, "webapp.istioinaction.io:80");
    assert.equal(vh.require_tls, "ALL");
  });

  it("07: MUTUAL requires a client certificate validated by the -cacert secret", () => {
    const { dump } = simulate([step("07-mtls")], "1.17");
    const l = listenerNamed(dump, "0.0.0.0_8443") as JsonObject;
    const tls = obj(l, "filter_chains", 0, "transport_socket", "typed_config");
    assert.equal(tls.require_client_certificate, true);
    const combined = (tls.common_tls_context as JsonObject).combined_validation_context as JsonObject;
    assert.equal(
      (combined.validation_context_sds_secret_config as JsonObject).name,
      "kubernetes://webapp-credential-mtls-cacert",
    );
    assert.deepEqual(
      secrets(dump).map((s) => s.resource.name),
      ["kubernetes://webapp-credential-mtls", "kubernetes://webapp-credential-mtls-cacert"],
    );
  });

  it("08: a TCP listener on 31400 proxies to the echo service", () => {
    const { dump } = simulate([step("08-tcp")], "1.17");
    const l = listenerNamed(dump, "0.0.0.0_31400") as JsonObject;
    const chain = (l.filter_chains as JsonObject[])[0] as JsonObject;
    const tcp = (chain.filters as JsonObject[]).find(
      (f) => f.name === "envoy.filters.network.tcp_proxy",
    ) as JsonObject;
    const cfg = tcp.typed_config as JsonObject;
    assert.equal(cfg.cluster, "outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local");
    assert.equal(cfg.stat_prefix, cfg.cluster);
  });

  it("09: my-user-gateway exists through the IstioOperator only and gets its own 31400 listener", () => {
    const mine = simulate([step("09-my-user-gateway")], "1.17", "my-user-gateway.istioinaction");
    assert.equal(mine.proxy.origin, "istiooperator");
    const l = listenerNamed(mine.dump, "0.0.0.0_31400") as JsonObject;
    const filters = dig(l, "filter_chains", 0, "filters") as JsonObject[];
    const tcp = filters.find((f) => f.name === "envoy.filters.network.tcp_proxy");
    assert.equal(
      dig(tcp, "typed_config", "cluster"),
      "outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local",
    );
    // The default gateway does not serve my-user-tcp-gateway's port 30007 (it has no such service port: 30007 stays 30007).
    const def = simulate([step("09-my-user-gateway")], "1.17");
    assert.deepEqual(
      listeners(def.dump)
        .filter((x) => x.status === "active")
        .map((x) => x.resource.name),
      ["0.0.0.0_31400"],
    );
  });

  it("10: accessLogFile puts a file access log on every HTTP connection manager", () => {
    const { dump } = simulate([step("10-access-log")], "1.17");
    for (const l of listeners(dump).filter((x) => x.status === "active")) {
      for (const chain of l.resource.filter_chains as JsonObject[]) {
        const hcm = hcmOf(chain);
        const log = (hcm.access_log as JsonObject[])[0] as JsonObject;
        assert.equal(log.name, "envoy.access_loggers.file");
        assert.equal((log.typed_config as JsonObject).path, "/dev/stdout");
      }
    }
  });
});
