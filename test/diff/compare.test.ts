import assert from "node:assert/strict";
import { alignByPosition, keyLists } from "../../src/diff/align.js";
import { compareResources, jsonEqual } from "../../src/diff/compare.js";
import { formatPath } from "../../src/diff/path.js";
import type { Json } from "../../src/envoy/types.js";

function diffs(a: Json, b: Json): string[] {
  return compareResources(a, b).map(
    (d) => `${d.kind} ${formatPath(d.path)} ${JSON.stringify(d.expected)} ${JSON.stringify(d.actual)}`,
  );
}

describe("deep comparison", () => {
  it("equal values, in any key order, have no differences", () => {
    assert.deepEqual(diffs({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }), []);
    assert.equal(jsonEqual({ a: [{ x: null }] }, { a: [{ x: null }] }), true);
    assert.equal(jsonEqual({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(jsonEqual({ constructor: 1 }, { other: 1 }), false);
  });

  it("names each changed, removed and added field with both values", () => {
    assert.deepEqual(diffs({ a: 1, b: "x", c: true }, { a: 2, c: true, d: null }), [
      "changed a 1 2",
      'removed b "x" undefined',
      "added d undefined null",
    ]);
  });

  it("a value of another type is a change at that path", () => {
    assert.deepEqual(diffs({ t: { s: "10s" } }, { t: "10s" }), ['changed t {"s":"10s"} "10s"']);
  });

  it("pairs named elements by name, wherever they are", () => {
    const a: Json = { virtual_hosts: [{ name: "a", x: 1 }, { name: "b" }, { name: "c" }] };
    const b: Json = { virtual_hosts: [{ name: "c" }, { name: "a", x: 2 }, { name: "d" }] };
    assert.deepEqual(diffs(a, b), [
      "changed virtual_hosts[name=a].x 1 2",
      'removed virtual_hosts[name=b] {"name":"b"} undefined',
      'added virtual_hosts[name=d] undefined {"name":"d"}',
    ]);
  });

  it("reports a reordering once where order matters (http_filters), not where it does not (virtual_hosts)", () => {
    const f = (...names: string[]) => names.map((name) => ({ name }));
    assert.deepEqual(diffs({ http_filters: f("a", "b", "c") }, { http_filters: f("a", "c", "b") }), [
      'order http_filters ["a","b","c"] ["a","c","b"]',
    ]);
    assert.deepEqual(diffs({ virtual_hosts: f("a", "b") }, { virtual_hosts: f("b", "a") }), []);
    // removing one filter is a removal, not also a reordering of the rest
    assert.deepEqual(diffs({ http_filters: f("a", "b", "c") }, { http_filters: f("a", "c") }), [
      'removed http_filters[name=b] {"name":"b"} undefined',
    ]);
  });

  it("compares domains and server names as sets", () => {
    assert.deepEqual(diffs({ domains: ["a", "b"] }, { domains: ["b", "a"] }), []);
    assert.deepEqual(diffs({ domains: ["a", "b"] }, { domains: ["a", "c"] }), [
      'changed domains ["a","b"] ["a","c"]',
    ]);
    const fcm = (...names: string[]) => ({ filter_chain_match: { server_names: names } });
    assert.deepEqual(diffs(fcm("x", "y"), fcm("y", "x")), []);
    // alpn_protocols of a TLS context is a preference list: order counts (h2 moved last)
    assert.deepEqual(diffs({ alpn_protocols: ["h2", "http/1.1"] }, { alpn_protocols: ["http/1.1", "h2"] }), [
      'removed alpn_protocols[0] "h2" undefined',
      'added alpn_protocols[1] undefined "h2"',
    ]);
  });

  it("keys endpoints by address and filter chains by their match when they have no name", () => {
    const ep = (address: string, w = 1) => ({
      endpoint: { address: { socket_address: { address, port_value: 80 } } },
      load_balancing_weight: w,
    });
    assert.deepEqual(
      diffs({ lb_endpoints: [ep("10.0.0.1"), ep("10.0.0.2")] }, { lb_endpoints: [ep("10.0.0.2", 3)] }),
      [
        'removed lb_endpoints[address=10.0.0.1:80] {"endpoint":{"address":{"socket_address":{"address":"10.0.0.1","port_value":80}}},"load_balancing_weight":1} undefined',
        "changed lb_endpoints[address=10.0.0.2:80].load_balancing_weight 1 3",
      ],
    );
    const chain = (sni: string, t: string) => ({ filter_chain_match: { server_names: [sni] }, timeout: t });
    assert.deepEqual(
      diffs(
        { filter_chains: [chain("a", "1s"), chain("b", "1s")] },
        { filter_chains: [chain("b", "2s"), chain("a", "1s")] },
      ),
      ['changed filter_chains[match=server_names:b].timeout "1s" "2s"'],
    );
  });

  it("unnamed lists: an inserted or removed element does not shift the rest (bounded LCS)", () => {
    const r = (p: string) => ({ match: { prefix: p } });
    assert.deepEqual(
      diffs({ routes: [r("/a"), r("/b"), r("/c")] }, { routes: [r("/a"), r("/c"), r("/d")] }),
      [
        'removed routes[1] {"match":{"prefix":"/b"}} undefined',
        'added routes[2] undefined {"match":{"prefix":"/d"}}',
      ],
    );
    assert.deepEqual(diffs({ routes: [r("/a"), r("/b")] }, { routes: [r("/a"), r("/x")] }), [
      'changed routes[1].match.prefix "/b" "/x"',
    ]);
  });

  it("duplicate names fall back to positions", () => {
    const a = {
      routes: [
        { name: "default", n: 1 },
        { name: "default", n: 2 },
      ],
    };
    const b = {
      routes: [
        { name: "default", n: 1 },
        { name: "default", n: 3 },
      ],
    };
    assert.deepEqual(diffs(a, b), ["changed routes[1].n 2 3"]);
    assert.equal(keyLists("routes", a.routes, b.routes), undefined);
  });
});

describe("positional alignment", () => {
  const eq = (x: string, y: string) => x === y;
  const id = (x: string) => x;
  const kinds = (a: string[], b: string[], limit?: number) =>
    alignByPosition(a, b, eq, id, limit).map((s) =>
      s.kind === "removed"
        ? `-${a[s.i]}`
        : s.kind === "added"
          ? `+${b[s.j]}`
          : s.kind === "same"
            ? `=${a[s.i]}`
            : `~${a[s.i]}>${b[s.j]}`,
    );

  it("keeps equal heads and tails and finds a common middle", () => {
    assert.deepEqual(kinds(["a", "b", "c", "d"], ["a", "x", "c", "d"]), ["=a", "~b>x", "=c", "=d"]);
    assert.deepEqual(kinds(["a", "b", "c"], ["b", "c", "d"]), ["-a", "=b", "=c", "+d"]);
    assert.deepEqual(kinds([], ["a"]), ["+a"]);
    assert.deepEqual(kinds(["a"], []), ["-a"]);
  });

  it("past the cell limit, pairs the middle by position instead of running the LCS", () => {
    assert.deepEqual(kinds(["a", "b", "c"], ["b", "c", "d"], 4), ["~a>b", "~b>c", "~c>d"]);
  });

  it("stays fast on long lists (the LCS is bounded)", () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `r${i}`);
    const b = Array.from({ length: 20_000 }, (_, i) => `s${i}`);
    const start = process.hrtime.bigint();
    const steps = alignByPosition(a, b, eq, id);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.equal(steps.length, 20_000);
    assert.ok(ms < 500, `${ms} ms`);
  });
});
