import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import { type Connection, selectFilterChain } from "../../src/simulate/filter-chain.js";

/**
 * Envoy's filter-chain selection (listener_manager/filter_chain_manager_impl.cc): destination
 * port, destination IP, server names (exact, longest wildcard, none), transport protocol, ALPN;
 * the most specific bucket is taken and never left for a less specific one.
 */

const INSPECTOR = [{ name: "envoy.filters.listener.tls_inspector", typed_config: {} }];

function listener(matches: JsonObject[], extra: JsonObject = {}): JsonObject {
  return {
    name: "l",
    listener_filters: INSPECTOR,
    filter_chains: matches.map((m, i) => ({ name: `c${i}`, filter_chain_match: m })),
    ...extra,
  };
}

const tls = (sni: string, alpn: string[] = ["h2", "http/1.1"]): Connection => ({
  port: 443,
  tls: true,
  sni,
  alpn,
});

function chosen(l: JsonObject, c: Connection): string | undefined {
  return selectFilterChain(l, c).chain?.name as string | undefined;
}

describe("simulate: filter-chain selection", () => {
  const l = listener([
    { server_names: ["www.example.com"] },
    { server_names: ["*.example.com"] },
    { server_names: ["*.b.example.com"] },
    {},
  ]);

  it("prefers an exact server name, then the longest wildcard, then a chain without names", () => {
    assert.equal(chosen(l, tls("www.example.com")), "c0");
    assert.equal(chosen(l, tls("a.b.example.com")), "c2");
    assert.equal(chosen(l, tls("a.example.com")), "c1");
    assert.equal(chosen(l, tls("example.com")), "c3");
    assert.equal(chosen(l, tls("WWW.EXAMPLE.COM")), "c0");
  });

  it("does not fall back to a less specific server-name bucket when a later level fails", () => {
    const strict = listener([{ server_names: ["a.com"], transport_protocol: "raw_buffer" }, {}]);
    // SNI a.com picks the a.com bucket; its transport protocol then fails, and Envoy stops there.
    assert.equal(chosen(strict, tls("a.com")), undefined);
    assert.equal(chosen(strict, tls("b.com")), "c1");
  });

  it("uses the default filter chain when nothing matches", () => {
    const d = listener([{ server_names: ["a.com"] }], { default_filter_chain: { name: "dflt" } });
    const sel = selectFilterChain(d, tls("b.com"));
    assert.equal(sel.chain?.name, "dflt");
    assert.equal(sel.index, -1);
  });

  it("matches application protocols in the client's order", () => {
    const a = listener([{ application_protocols: ["http/1.1"] }, { application_protocols: ["h2"] }]);
    assert.equal(chosen(a, tls("x", ["h2", "http/1.1"])), "c1");
    assert.equal(chosen(a, tls("x", ["http/1.1"])), "c0");
  });

  it("without tls_inspector sees neither SNI nor TLS", () => {
    const plain = { ...listener([{ server_names: ["a.com"] }, {}]), listener_filters: [] };
    assert.equal(chosen(plain, tls("a.com")), "c1");
    assert.equal(selectFilterChain(plain, tls("a.com")).detected.transport, "raw_buffer");
  });

  it("prefers a chain for the exact destination port, and never falls back to port 0", () => {
    const p = listener([{ destination_port: 443, server_names: ["a.com"] }, {}]);
    assert.equal(chosen(p, tls("a.com")), "c0");
    assert.equal(chosen(p, tls("b.com")), undefined);
  });

  it("reports chains that overlap: Envoy rejects the listener", () => {
    const o = listener([{}, {}]);
    assert.deepEqual(selectFilterChain(o, tls("x")).overlapping, [0, 1]);
  });

  it("picks the most specific destination prefix range", () => {
    const r = listener([
      { prefix_ranges: [{ address_prefix: "10.0.0.0", prefix_len: 8 }] },
      { prefix_ranges: [{ address_prefix: "10.1.0.0", prefix_len: 16 }] },
      {},
    ]);
    assert.equal(chosen(r, { ...tls("x"), address: "10.1.2.3" }), "c1");
    assert.equal(chosen(r, { ...tls("x"), address: "10.2.2.3" }), "c0");
    assert.equal(chosen(r, { ...tls("x"), address: "192.168.0.1" }), "c2");
  });
});
