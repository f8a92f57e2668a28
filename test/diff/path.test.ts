import assert from "node:assert/strict";
import { formatFullPath, formatPath, parsePattern, selectsResource } from "../../src/diff/path.js";
import type { Segment } from "../../src/diff/types.js";

describe("diff paths", () => {
  it("print fields with dots, positions and keys in brackets, quoting what would be ambiguous", () => {
    const path: Segment[] = [
      { kind: "field", name: "filter_chains" },
      { kind: "key", label: "match", value: "server_names:a.example.com" },
      { kind: "field", name: "filters" },
      { kind: "index", index: 0 },
      { kind: "field", name: "metadata" },
      { kind: "field", name: "envoy.transport_socket_match" },
      { kind: "key", label: "name", value: 'odd]"name' },
    ];
    assert.equal(
      formatPath(path),
      'filter_chains[match=server_names:a.example.com].filters[0].metadata."envoy.transport_socket_match"[name="odd]\\"name"]',
    );
  });

  it("name the resource in front, quoted when its name holds a dot", () => {
    const p: Segment[] = [{ kind: "field", name: "connect_timeout" }];
    assert.equal(
      formatFullPath("clusters", "BlackHoleCluster", p),
      "clusters:BlackHoleCluster.connect_timeout",
    );
    assert.equal(
      formatFullPath("clusters", "outbound|80||webapp.ns.svc.cluster.local", p),
      'clusters:"outbound|80||webapp.ns.svc.cluster.local".connect_timeout',
    );
  });
});

describe("--ignore patterns", () => {
  it("parse the brief's example", () => {
    const r = parsePattern(
      "listeners:*.filter_chains[*].filters[*].typed_config.http_filters[name=istio.stats]",
    );
    assert.ok(r.ok);
    assert.equal(r.pattern.type, "listeners");
    assert.deepEqual(
      r.pattern.steps.map((s) => s.kind),
      ["field", "anyElement", "field", "anyElement", "field", "field", "key"],
    );
  });

  it("accept a pasted report path: quoted names, quoted fields, ** and [N]", () => {
    for (const text of [
      'clusters:"outbound|80||webapp.ns.svc.cluster.local".connect_timeout',
      'endpoints:*.endpoints[locality=""].lb_endpoints[0]',
      '*:*.**.metadata."envoy.transport_socket_match"',
      "secrets:kubernetes://webapp-credential",
      "route:http.8080",
    ]) {
      const r = parsePattern(text);
      assert.ok(r.ok, `${text}: ${r.ok ? "" : r.reason}`);
    }
  });

  it("select resources by type and name glob", () => {
    const r = parsePattern('clusters:"outbound|*||*.istioinaction.svc.cluster.local"');
    assert.ok(r.ok);
    assert.equal(
      selectsResource(r.pattern, "clusters", "outbound|80||webapp.istioinaction.svc.cluster.local"),
      true,
    );
    assert.equal(
      selectsResource(r.pattern, "clusters", "outbound|80||webapp.other.svc.cluster.local"),
      false,
    );
    assert.equal(
      selectsResource(r.pattern, "routes", "outbound|80||webapp.istioinaction.svc.cluster.local"),
      false,
    );
    // "route:http.8080" is the resource "http" with a field "8080": names with dots need quotes
    const unquoted = parsePattern("routes:http.8080");
    assert.ok(unquoted.ok);
    assert.equal(selectsResource(unquoted.pattern, "routes", "http.8080"), false);
  });

  const bad: [string, RegExp][] = [
    ["connect_timeout", /expected TYPE:NAME/],
    ["cluster_s:*", /unknown type "cluster_s"/],
    ["clusters:", /expected a resource name or \* at character 10/],
    ["clusters:*.", /expected a field name/],
    ["clusters:*[x]", /expected \[\*\], \[N\] or \[key=value\], not \[x\]/],
    ["clusters:*[name=a", /expected \]/],
    ['clusters:"abc', /unterminated quoted name/],
    ["clusters:*]", /expected \. or \[, not "\]"/],
  ];
  for (const [text, why] of bad) {
    it(`refuse ${JSON.stringify(text)} with the reason and position`, () => {
      const r = parsePattern(text);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, why);
    });
  }
});
