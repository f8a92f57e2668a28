import { strict as assert } from "node:assert";
import { toPbMessage } from "../../src/envoy/protojson.js";
import type { JsonObject } from "../../src/envoy/types.js";
import { goMarshalIndent } from "../../src/views/gojson.js";
import { toOJson } from "../../src/views/jsonpb.js";

/** jsonpb's rendering of messages as Envoy prints them (snake_case, field-number order). */
function print(value: JsonObject, type: string): string {
  return goMarshalIndent(toOJson(toPbMessage(value, type)), "  ");
}

const keys = (json: string): string[] => Object.keys(JSON.parse(json) as JsonObject);

describe("protojson (istioctl's jsonpb re-marshalling)", () => {
  it("orders Cluster fields by declaration: transport_socket_matches (43) comes first", () => {
    const envoy = {
      name: "c",
      type: "EDS",
      connect_timeout: "1s",
      transport_socket_matches: [{ name: "m", match: {} }],
    };
    assert.deepEqual(keys(print(envoy, "envoy.config.cluster.v3.Cluster")), [
      "transportSocketMatches",
      "name",
      "type",
      "connectTimeout",
    ]);
  });

  it("orders ClusterLoadAssignment named_endpoints (5) before policy (4)", () => {
    const envoy = {
      cluster_name: "c",
      endpoints: [{ lb_endpoints: [{ endpoint: { address: {} } }], locality: { zone: "z" } }],
      policy: { overprovisioning_factor: 140 },
      named_endpoints: { a: { address: {} } },
    };
    const json = print(envoy, "envoy.config.endpoint.v3.ClusterLoadAssignment");
    assert.deepEqual(keys(json), ["clusterName", "endpoints", "namedEndpoints", "policy"]);
    assert.deepEqual(Object.keys((JSON.parse(json).endpoints as JsonObject[])[0] as JsonObject), [
      "locality",
      "lbEndpoints",
    ]);
  });

  it("puts @type first, sorts map and Struct keys without renaming them", () => {
    const listener = {
      metadata: { filter_metadata: { zeta: { b_key: 1, a_key: { z: 1, y_y: 2 } }, alpha: {} } },
      name: "l",
      listener_filters: [
        {
          name: "tls",
          typed_config: {
            name_x: 1,
            "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector",
          },
        },
      ],
    };
    const json = print(listener, "envoy.config.listener.v3.Listener");
    assert.equal(
      json,
      [
        "{",
        '  "name": "l",',
        '  "metadata": {',
        '    "filterMetadata": {',
        '      "alpha": {},',
        '      "zeta": {',
        '        "a_key": {',
        '          "y_y": 2,',
        '          "z": 1',
        "        },",
        '        "b_key": 1',
        "      }",
        "    }",
        "  },",
        '  "listenerFilters": [',
        "    {",
        '      "name": "tls",',
        '      "typedConfig": {',
        '        "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector",',
        '        "nameX": 1',
        "      }",
        "    }",
        "  ]",
        "}",
      ].join("\n"),
    );
  });

  it("drops proto3 zero values but keeps wrappers, oneof members and empty messages", () => {
    const route = {
      match: { prefix: "", case_sensitive: false },
      route: { cluster: "", timeout: "0s", priority: "DEFAULT", auto_host_rewrite: false },
      name: "",
      typed_per_filter_config: {},
    };
    assert.equal(
      print(route, "envoy.config.route.v3.Route"),
      '{\n  "match": {\n    "prefix": "",\n    "caseSensitive": false\n  },\n  "route": {\n    "cluster": "",\n    "autoHostRewrite": false,\n    "timeout": "0s"\n  }\n}',
    );
  });

  it("writes 64-bit integers as strings and wraps well-known types in an Any as {@type, value}", () => {
    const retry = {
      host_selection_retry_max_attempts: 5,
      retry_host_predicate: [
        {
          name: "p",
          typed_config: { "@type": "type.googleapis.com/google.protobuf.StringValue", value: "x" },
        },
      ],
    };
    const json = JSON.parse(print(retry, "envoy.config.route.v3.RetryPolicy"));
    assert.equal(json.hostSelectionRetryMaxAttempts, "5");
    assert.deepEqual(json.retryHostPredicate[0].typedConfig, {
      "@type": "type.googleapis.com/google.protobuf.StringValue",
      value: "x",
    });
  });

  it("keeps fields unknown to the schema, after the known ones, camelCased", () => {
    const json = print({ some_future_field: { a_b: 1 }, name: "x" }, "envoy.config.listener.v3.Listener");
    assert.deepEqual(keys(json), ["name", "someFutureField"]);
  });
});
