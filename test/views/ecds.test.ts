import { strict as assert } from "node:assert";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { renderView, type ViewRequest } from "../../src/views/render.js";
import { profile } from "../helpers/fixtures.js";

/**
 * `pc ecds` beyond istioctl's goldens (test/views/upstream-goldens.test.ts): the sort key,
 * the TYPE column, either spelling, and the entries istioctl cannot unpack
 * (istioctl/pkg/writer/envoy/configdump/ecds.go retrieveSortedEcds).
 */

const T = "type.googleapis.com/";
const EXTENSION_CONFIG = `${T}envoy.config.core.v3.TypedExtensionConfig`;
const WASM = `${T}envoy.extensions.filters.http.wasm.v3.Wasm`;

function render(dump: ConfigDump, output: ViewRequest["output"] = "short") {
  return renderView(dump, { view: "ecds", output, profile: profile("1.31"), now: new Date(0), filters: {} });
}

function rows(dump: ConfigDump): string[][] {
  const r = render(dump);
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.text
    .split("\n")
    .slice(1, -1)
    .map((l) => l.split(/ {5,}/));
}

function ecdsDump(...filters: JsonObject[]): ConfigDump {
  return { configs: [{ "@type": `${T}envoy.admin.v3.EcdsConfigDump`, ecds_filters: filters }] };
}

function filter(name: string, typeUrl?: string): JsonObject {
  return {
    ecds_filter: {
      "@type": EXTENSION_CONFIG,
      name,
      ...(typeUrl !== undefined && { typed_config: { "@type": typeUrl } }),
    },
  };
}

describe("pc ecds", () => {
  it("sorts by the whole type URL, then by name, comparing bytes as Go does", () => {
    const dump = ecdsDump(
      filter("b", WASM),
      filter("\u{1F600}", WASM),
      filter("\uFFFD", WASM),
      filter("a", WASM),
      filter("other-host", "example.com/envoy.extensions.filters.http.wasm.v3.Wasm"),
      filter("no-config"),
    );
    assert.deepEqual(rows(dump), [
      ["no-config", ""],
      // TrimPrefix removes only type.googleapis.com/, and the sort sees the whole URL.
      ["other-host", "example.com/envoy.extensions.filters.http.wasm.v3.Wasm"],
      ["a", "envoy.extensions.filters.http.wasm.v3.Wasm"],
      ["b", "envoy.extensions.filters.http.wasm.v3.Wasm"],
      // UTF-8: EF BF BD before F0 9F 98 80 (UTF-16 code units would put the emoji first).
      ["\uFFFD", "envoy.extensions.filters.http.wasm.v3.Wasm"],
      ["\u{1F600}", "envoy.extensions.filters.http.wasm.v3.Wasm"],
    ]);
  });

  it("reads a camelCase dump the same", () => {
    const camel: ConfigDump = {
      configs: [
        {
          "@type": `${T}envoy.admin.v3.EcdsConfigDump`,
          ecdsFilters: [
            {
              versionInfo: "1",
              ecdsFilter: { "@type": EXTENSION_CONFIG, name: "f", typedConfig: { "@type": WASM } },
            },
          ],
        },
      ],
    };
    const snake = ecdsDump({ version_info: "1", ...filter("f", WASM) });
    assert.deepEqual(render(camel), render(snake));
    assert.deepEqual(render(camel, "json"), render(snake, "json"));
    assert.deepEqual(render(camel, "yaml"), render(snake, "yaml"));
  });

  it("accepts a TypedExtensionConfig under another type URL host, as anypb does", () => {
    const dump = ecdsDump({
      ecds_filter: { "@type": "example.com/envoy.config.core.v3.TypedExtensionConfig", name: "f" },
    });
    assert.deepEqual(rows(dump), [["f", ""]]);
  });

  it("fails the table, not the JSON, on an entry that is not a TypedExtensionConfig", () => {
    const missing = ecdsDump(filter("ok", WASM), { version_info: "1" });
    assert.deepEqual(render(missing), {
      ok: false,
      message: "failed to retrieve TypedExtensionConfig: proto: invalid nil source message",
    });
    const other = ecdsDump({ ecds_filter: { "@type": WASM } });
    assert.deepEqual(render(other), {
      ok: false,
      message:
        'failed to retrieve TypedExtensionConfig: proto: mismatched message type: got "envoy.config.core.v3.TypedExtensionConfig", want "envoy.extensions.filters.http.wasm.v3.Wasm"',
    });
    // PrintEcds marshals the dump without unpacking the entries.
    assert.ok(render(missing, "json").ok);
    assert.ok(render(other, "yaml").ok);
  });
});
