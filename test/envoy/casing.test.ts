import { strict as assert } from "node:assert";
import { camelToSnake, normalizeDump, snakeToCamel, toSnakeCase } from "../../src/envoy/casing.js";
import { endpointConfigs } from "../../src/envoy/configdump.js";
import type { JsonObject } from "../../src/envoy/types.js";
import { fixtureDump } from "../helpers/fixtures.js";

describe("casing", () => {
  it("converts names the way protoc derives JSON names", () => {
    assert.equal(snakeToCamel("port_value"), "portValue");
    assert.equal(snakeToCamel("http2_protocol_options"), "http2ProtocolOptions");
    assert.equal(snakeToCamel("ipv4_compat"), "ipv4Compat");
    assert.equal(snakeToCamel("x_forwarded_for"), "xForwardedFor");
    assert.equal(snakeToCamel("name"), "name");
    assert.equal(camelToSnake("portValue"), "port_value");
    assert.equal(camelToSnake("http2ProtocolOptions"), "http2_protocol_options");
  });

  it("renames fields only: map keys, Struct contents and Any types keep their spelling", () => {
    const cluster: JsonObject = {
      "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster",
      name: "outbound|80||a",
      connectTimeout: "10s",
      typedExtensionProtocolOptions: {
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
          "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
          explicitHttpConfig: { http2ProtocolOptions: {} },
        },
      },
      metadata: { filterMetadata: { istio: { someKey: { nestedCamel: 1 } } } },
      transportSocketMatches: [{ name: "tlsMode-istio", match: { tlsMode: "istio" } }],
      unknownNewField: { keepMe: true },
    };
    assert.deepEqual(toSnakeCase(cluster, "envoy.config.cluster.v3.Cluster"), {
      "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster",
      name: "outbound|80||a",
      connect_timeout: "10s",
      typed_extension_protocol_options: {
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
          "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
          explicit_http_config: { http2_protocol_options: {} },
        },
      },
      metadata: { filter_metadata: { istio: { someKey: { nestedCamel: 1 } } } },
      transport_socket_matches: [{ name: "tlsMode-istio", match: { tlsMode: "istio" } }],
      unknownNewField: { keepMe: true },
    });
  });

  it("normalizes a dump that mixes both spellings (Envoy Gateway's staticEndpointConfigs)", () => {
    const dump = normalizeDump(
      fixtureDump(
        "upstream/envoy-dumps/envoyproxy-gateway/internal/cmd/egctl/testdata/config/in/in.all.json",
      ),
    );
    const clas = endpointConfigs(dump);
    assert.ok(clas.length > 0);
    const first = clas[0]?.resource as JsonObject;
    assert.equal(typeof first.cluster_name, "string");
    assert.ok(Array.isArray(first.endpoints));
    assert.ok(!JSON.stringify(dump).includes('"lbEndpoints"'));
  });
});
