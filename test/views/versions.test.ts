import { strict as assert } from "node:assert";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { renderEds, renderView, type ViewRequest } from "../../src/views/render.js";
import { fixtureDump, profile, UPSTREAM } from "../helpers/fixtures.js";
import { step01Dump, step03Dump, step04Dump } from "../helpers/walkthrough-dumps.js";

/** Layout differences between istioctl releases, each read from its VersionProfile field. */

const NOW = new Date("2030-01-01T00:00:00Z");
const T = "type.googleapis.com/";

function text(
  dump: ConfigDump,
  view: ViewRequest["view"],
  line: string,
  filters = {},
  output: ViewRequest["output"] = "short",
) {
  const r = renderView(dump, { view, output, profile: profile(line), now: NOW, filters });
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.text;
}

const HCM = (rds: string): JsonObject => ({
  name: "envoy.filters.network.http_connection_manager",
  typed_config: {
    "@type": `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    rds: { route_config_name: rds },
  },
});

function listenerDump(listener: JsonObject): ConfigDump {
  return {
    configs: [
      {
        "@type": `${T}envoy.admin.v3.ListenersConfigDump`,
        dynamic_listeners: [
          {
            name: "l",
            active_state: { listener: { "@type": `${T}envoy.config.listener.v3.Listener`, ...listener } },
          },
        ],
      },
    ],
  };
}

function routeDump(route: JsonObject): ConfigDump {
  return {
    configs: [
      {
        "@type": `${T}envoy.admin.v3.RoutesConfigDump`,
        dynamic_route_configs: [
          {
            route_config: {
              "@type": `${T}envoy.config.route.v3.RouteConfiguration`,
              name: "http.8080",
              virtual_hosts: [
                { name: "httpbin.example.com:80", domains: ["httpbin.example.com"], routes: [route] },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe("istioctl release differences", () => {
  describe("listeners: ADDRESS (≤1.17) vs ADDRESSES (1.18.5+, #44648/#47200)", () => {
    const dump = listenerDump({
      name: "0.0.0.0_8080",
      address: { socket_address: { address: "0.0.0.0", port_value: 8080 } },
      additional_addresses: [{ address: { socket_address: { address: "::", port_value: 8080 } } }],
      filter_chains: [{ filters: [HCM("http.8080")] }],
    });

    it("1.17 shows the primary address only", () => {
      assert.equal(
        text(dump, "listeners", "1.17"),
        "ADDRESS PORT MATCH DESTINATION\n0.0.0.0 8080 ALL   Route: http.8080\n",
      );
      assert.equal(text(dump, "listeners", "1.17", { address: "::" }), "ADDRESS PORT MATCH DESTINATION\n");
    });

    it("1.18 and later join the additional addresses, and --address matches them", () => {
      const want = "ADDRESSES  PORT MATCH DESTINATION\n0.0.0.0,:: 8080 ALL   Route: http.8080\n";
      assert.equal(text(dump, "listeners", "1.18"), want);
      assert.equal(text(dump, "listeners", "1.31", { address: "::" }), want);
    });
  });

  it("routes: PathPrefix only from 1.21 (#48038)", () => {
    const dump = routeDump({
      match: { path_separated_prefix: "/get" },
      route: { cluster: "outbound|8000||httpbin.default.svc.cluster.local" },
    });
    // MATCH is empty: padded to its header's width (5) plus padding 5; VIRTUAL SERVICE is last.
    assert.equal(
      text(dump, "routes", "1.20").split("\n")[1],
      `http.8080     httpbin.example.com:80     httpbin.example.com${" ".repeat(5 + 10)}`,
    );
    assert.equal(
      text(dump, "routes", "1.21").split("\n")[1],
      "http.8080     httpbin.example.com:80     httpbin.example.com     PathPrefix:/get     ",
    );
  });

  it("routes: VIRTUAL SERVICE from a v1 path only from 1.24 (#52591)", () => {
    const dump = routeDump({
      match: { prefix: "/" },
      route: { cluster: "outbound|8000||httpbin.default.svc.cluster.local" },
      metadata: {
        filter_metadata: {
          istio: { config: "/apis/networking.istio.io/v1/namespaces/default/virtual-service/httpbin" },
        },
      },
    });
    assert.match(text(dump, "routes", "1.23"), /\/\*\s+<unknown>\n$/);
    assert.match(text(dump, "routes", "1.24"), /\/\*\s+httpbin\.default\n$/);
  });

  it("secrets: serial in decimal (1.17), hex (1.18, #43828), 32-digit hex (1.29, #58449)", () => {
    const serial = (line: string): string =>
      (text(step04Dump(), "secrets", line).split("\n")[1] ?? "").split(/ {2,}/)[4] ?? "";
    assert.equal(serial("1.17"), "1049106");
    assert.equal(serial("1.18"), "100212");
    assert.equal(serial("1.28"), "100212");
    assert.equal(serial("1.29"), "00000000000000000000000000100212");
  });

  it("secrets: UNINITIALIZED until 1.24; SPIFFE trust bundles and TRUST DOMAIN from 1.25 (#53650)", () => {
    const dump = step04Dump();
    const active = (dump.configs[0] as { dynamic_active_secrets: JsonObject[] })
      .dynamic_active_secrets[0] as JsonObject;
    active.version_info = "uninitialized";
    assert.match(text(dump, "secrets", "1.24"), /\n\S+ {5}Cert Chain {5}UNINITIALIZED /);
    assert.match(text(dump, "secrets", "1.25"), /\n\S+ {5}Cert Chain {5}ACTIVE /);

    const spire = fixtureDump(`${UPSTREAM}/secret/spire/config_dump.json`);
    const old = text(spire, "secrets", "1.24").split("\n");
    assert.equal(old.length, 4, "header, default and one blank ROOTCA row");
    assert.ok(!(old[0] as string).includes("TRUST DOMAIN"));
    assert.match(old[2] as string, /^ROOTCA {27}ACTIVE {5}false {5}/);
    assert.ok((text(spire, "secrets", "1.25").split("\n")[0] as string).endsWith("TRUST DOMAIN"));
  });

  describe("pc all", () => {
    const full: ConfigDump = {
      configs: [
        ...fixtureDump(`${UPSTREAM}/configdump.json`).configs,
        ...step03Dump().configs,
        ...step01Dump().configs,
        ...step04Dump().configs,
      ],
    };
    const heads = (line: string): string[] =>
      text(full, "all", line)
        .split("\n\n")
        .map((s) => s.split("\n")[0] as string);

    it("1.17: clusters, listeners, routes, secrets; no NAME column", () => {
      assert.deepEqual(heads("1.17"), [
        "SERVICE FQDN                                PORT     SUBSET     DIRECTION     TYPE       DESTINATION RULE",
        "ADDRESS PORT  MATCH DESTINATION",
        "NAME          DOMAINS     MATCH                  VIRTUAL SERVICE",
        "RESOURCE NAME                      TYPE           STATUS     VALID CERT     SERIAL NUMBER     NOT AFTER                NOT BEFORE",
      ]);
    });

    it("1.19: NAME column, type prefixes and the EDS table (#43821)", () => {
      const out = text(full, "all", "1.19");
      assert.equal(heads("1.19").length, 5);
      assert.match(out, /\nlistener\/0\.0\.0\.0_8080 0\.0\.0\.0 {3}8080 {2}ALL {3}Route: http\.8080\n/);
      assert.match(out, /\nroute\/http\.8080 /);
      assert.match(out, /\nsecret\/kubernetes:\/\/webapp-credential /);
      assert.match(out, /\nNAME {25}STATUS {6}LOCALITY {5}CLUSTER\nendpoint\/10\.10\.0\.13:3000 /);
    });

    it("1.21: starts with the bootstrap summary (#48557)", () => {
      assert.equal(heads("1.21")[0], "Istio Version:       1.10.0");
      assert.equal(heads("1.21").length, 6);
    });

    it("1.19 only: a listener's name gains a prefix per chain row (#46441)", () => {
      const twoChains: ConfigDump = {
        configs: [
          ...step03Dump().configs,
          ...listenerDump({
            name: "gw",
            address: { socket_address: { address: "0.0.0.0", port_value: 8443 } },
            filter_chains: [
              { filter_chain_match: { server_names: ["a.example.com"] }, filters: [HCM("https.443.a")] },
              { filter_chain_match: { server_names: ["b.example.com"] }, filters: [HCM("https.443.b")] },
            ],
          }).configs,
          ...step01Dump().configs.slice(1),
          ...step04Dump().configs,
        ],
      };
      const names = (line: string): string[] =>
        text(twoChains, "all", line)
          .split("\n")
          .filter((l) => l.startsWith("listener/"))
          .map((l) => l.split(" ")[0] as string);
      assert.deepEqual(names("1.19"), ["listener/gw", "listener/listener/gw"]);
      assert.deepEqual(names("1.20"), ["listener/gw", "listener/gw"]);
    });
  });

  it("ECDS: every EcdsConfigDump section from 1.18 (#48526, backported to 1.18.7); the last only in 1.17", () => {
    const ecds = (name: string): JsonObject => ({
      "@type": `${T}envoy.admin.v3.EcdsConfigDump`,
      ecds_filters: [{ ecds_filter: { "@type": `${T}envoy.config.core.v3.TypedExtensionConfig`, name } }],
    });
    const dump: ConfigDump = { configs: [ecds("http-filter"), ecds("network-filter")] };
    assert.equal(text(dump, "ecds", "1.17"), "ECDS NAME          TYPE\nnetwork-filter     \n");
    assert.equal(
      text(dump, "ecds", "1.18"),
      "ECDS NAME          TYPE\nhttp-filter        \nnetwork-filter     \n",
    );
    assert.doesNotMatch(text(dump, "ecds", "1.17", {}, "json"), /http-filter/);
    assert.match(text(dump, "ecds", "1.31", {}, "yaml"), /name: http-filter\n[\s\S]*name: network-filter\n/);
  });

  it("EDS table: ENDPOINT header ≤1.18; additional addresses from 1.23 (#51956), deduplicated in 1.23 only", () => {
    const dump: ConfigDump = {
      configs: [
        {
          "@type": `${T}envoy.admin.v3.EndpointsConfigDump`,
          dynamic_endpoint_configs: [
            {
              endpoint_config: {
                "@type": `${T}envoy.config.endpoint.v3.ClusterLoadAssignment`,
                cluster_name: "outbound|80||a.default.svc.cluster.local",
                endpoints: [
                  {
                    locality: { region: "us", zone: "us-1" },
                    lb_endpoints: [
                      {
                        endpoint: {
                          address: { socket_address: { address: "10.0.0.1", port_value: 80 } },
                          additional_addresses: [
                            { address: { socket_address: { address: "10.0.0.1", port_value: 80 } } },
                          ],
                        },
                        health_status: "HEALTHY",
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const row = (line: string): string => {
      const r = renderEds(dump, { output: "short", profile: profile(line), now: NOW, filters: {} });
      assert.ok(r.ok);
      return r.text;
    };
    assert.match(
      row("1.18"),
      /^ENDPOINT {8}STATUS {6}LOCALITY {5}CLUSTER\n10\.0\.0\.1:80 {5}HEALTHY {5}us\/us-1 {6}outbound/,
    );
    assert.match(row("1.22"), /\n10\.0\.0\.1:80 {5}HEALTHY/);
    assert.match(row("1.23"), /\n10\.0\.0\.1:80 {5}HEALTHY/);
    assert.match(row("1.24"), /\n10\.0\.0\.1:80,10\.0\.0\.1:80 {5}HEALTHY/);
  });
});
