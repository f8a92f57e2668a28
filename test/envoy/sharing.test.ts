import { strict as assert } from "node:assert";
import { normalizeDump, toSnakeCase } from "../../src/envoy/casing.js";
import { redactDump, redactMessage } from "../../src/envoy/redact.js";
import { mapShared, rebuildShared } from "../../src/envoy/sharing.js";
import { type Json, type JsonObject, RESOURCE_TYPES } from "../../src/envoy/types.js";
import { fixtureDump, UPSTREAM } from "../helpers/fixtures.js";

describe("copy-on-write rewrites (sharing.ts)", () => {
  it("gives back the same array or object when nothing changed, a copy when something did", () => {
    const a: Json[] = [1, { x: 2 }];
    assert.equal(
      mapShared(a, (e) => e),
      a,
    );
    assert.deepEqual(
      mapShared(a, (e) => (e === 1 ? 3 : e)),
      [3, { x: 2 }],
    );
    const o: JsonObject = { a: 1, b: { c: 2 } };
    assert.equal(
      rebuildShared(o, (_, v) => v),
      o,
    );
    const renamed = rebuildShared(
      o,
      (_, v) => v,
      (k) => k.toUpperCase(),
    );
    assert.deepEqual(Object.keys(renamed), ["A", "B"]);
    assert.equal(renamed.B, o.b);
  });

  it("copies an object with a __proto__ key, as assignment always treated it", () => {
    const o = JSON.parse('{"a": 1, "__proto__": {"x": 1}}') as JsonObject;
    const r = rebuildShared(o, (_, v) => v);
    assert.notEqual(r, o);
    assert.deepEqual(Object.keys(r), ["a"]);
  });

  it("leaves a snake_case, redacted dump as it is: no copy of its resources", () => {
    const dump = normalizeDump(fixtureDump(`${UPSTREAM}/configdump.json`));
    const d = redactDump(normalizeDump(dump));
    d.configs.forEach((c, i) => {
      if (JSON.stringify(c).includes("private_key")) return; // redaction copies along that path
      assert.equal(c, dump.configs[i]);
    });
  });

  it("renames and redacts exactly as a full copy would, sharing the untouched parts", () => {
    const untouched = { filter_metadata: { istio: { camelCase: 1 } } };
    const cluster: JsonObject = {
      "@type": RESOURCE_TYPES.cluster,
      name: "c",
      connectTimeout: "1s",
      metadata: untouched,
      transport_socket: {
        name: "tls",
        typed_config: {
          "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
          common_tls_context: { tls_certificates: [{ private_key: { inline_string: "KEY" } }] },
        },
      },
    };
    const snake = toSnakeCase(cluster, "google.protobuf.Any") as JsonObject;
    assert.deepEqual(Object.keys(snake), [
      "@type",
      "name",
      "connect_timeout",
      "metadata",
      "transport_socket",
    ]);
    assert.equal(snake.metadata, untouched);
    const redacted = redactMessage(snake, "google.protobuf.Any") as JsonObject;
    assert.equal(redacted.metadata, untouched);
    assert.match(JSON.stringify(redacted), /"private_key":\{"inline_bytes":"W3JlZGFjdGVkXQ=="\}/);
    assert.match(JSON.stringify(cluster), /KEY/); // the input is never changed
  });

  it("moves @type first in an Any whose @type came later, as before", () => {
    const any: JsonObject = { name: "x", "@type": RESOURCE_TYPES.cluster };
    assert.deepEqual(Object.keys(toSnakeCase(any, "google.protobuf.Any") as JsonObject), ["@type", "name"]);
  });
});
