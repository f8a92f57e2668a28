import assert from "node:assert/strict";
import { diffDumps } from "../../src/diff/diff.js";
import { formatPath, type Pattern, parsePattern } from "../../src/diff/path.js";
import type { DiffResult, ResourceChange } from "../../src/diff/types.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import {
  clone,
  clusterIn,
  endpointsIn,
  hcmOf,
  listenerIn,
  removeEntry,
  reorderedWithNewTimestamps,
  routeIn,
  secretIn,
  withTimestamps,
} from "../helpers/dumps.js";
import { readFixture, simulate, step } from "../helpers/walkthrough.js";

const COMPARE = ["upstream", "istio-configdump", "compare"];
const upstream = (file: string): ConfigDump => JSON.parse(readFixture(...COMPARE, file)) as ConfigDump;

/** Every (type name status path) the result holds, one string each, for exact assertions. */
function facts(r: DiffResult): string[] {
  return r.changes.flatMap((c: ResourceChange) =>
    c.status === "changed"
      ? c.differences.map((d) => `${c.type} ${c.name} ${d.kind} ${formatPath(d.path)}`)
      : [`${c.type} ${c.name} ${c.status}`],
  );
}

function only(r: DiffResult, type: string, name: string): ResourceChange {
  const c = r.changes.find((x) => x.type === type && x.name === name);
  assert.ok(c, `${type} ${name} in ${facts(r).join("; ")}`);
  return c;
}

function pattern(text: string): Pattern {
  const p = parsePattern(text);
  if (!p.ok) throw new Error(p.reason);
  return p.pattern;
}

const sim05 = () => simulate([step("05-tls-multi-host")], "1.17").dump;
const CATALOG_ROUTE = "https.443.https-catalog.coolstore-gateway.istioinaction";
const WEBAPP_CLUSTER = "outbound|80||webapp.istioinaction.svc.cluster.local";
const CATALOG_CLUSTER = "outbound|80||catalog.istioinaction.svc.cluster.local";

describe("diff: equal dumps", () => {
  const dumps: [string, () => ConfigDump][] = [
    ["istioctl's compare golden (3 sections)", () => upstream("configdump.json")],
    [
      "an Envoy 1.37 gateway dump",
      () =>
        JSON.parse(
          readFixture("upstream", "envoy-dumps", "kubernetes-sigs-wg-ai-gateway", "config_dump.json"),
        ),
    ],
    [
      "a simulated walkthrough dump (step 05) with timestamps",
      () => withTimestamps(sim05(), "2024-01-01T00:00:00Z"),
    ],
  ];
  for (const [what, load] of dumps) {
    it(`${what} against itself reordered with new timestamps: no difference`, () => {
      const d = load();
      const again = reorderedWithNewTimestamps(d);
      assert.notDeepEqual(again, d, "the copy really is reordered");
      const r = diffDumps(d, again);
      assert.deepEqual(facts(r), []);
      assert.equal(r.equal, true);
      const compared = Object.values(r.summary).reduce((n, s) => n + s.unchanged, 0);
      assert.ok(compared > 0, "resources were compared");
    });
  }
});

describe("diff: istioctl's own comparison goldens (writer/compare/testdata)", () => {
  // istioctl's TestComparator: configdump.json against itself prints "Clusters Match",
  // "Listeners Match", "Routes Match"; against configdump_diff.json "… Don't Match" for all three.
  it("the same dump matches in listeners, routes and clusters", () => {
    const r = diffDumps(upstream("configdump.json"), upstream("configdump.json"));
    assert.equal(r.equal, true);
    assert.deepEqual(
      [r.summary.listeners.unchanged, r.summary.routes.unchanged, r.summary.clusters.unchanged],
      [3, 1, 1],
    );
  });

  it("the diff dump differs in all three, with the edits named (hand-checked against the two files)", () => {
    const r = diffDumps(upstream("configdump.json"), upstream("configdump_diff.json"));
    assert.deepEqual(facts(r), [
      "listeners connect_terminate removed filter_chains[name=default].filters[name=envoy.filters.network.http_connection_manager].typed_config.use_remote_address",
      "listeners main_internal changed filter_chains[name=inbound-vip|9080||details.default.svc.cluster.local-http].filters[name=envoy.filters.network.http_connection_manager].typed_config.stat_prefix",
      "routes inbound-vip|9080|http|reviews-v3.default.svc.cluster.local removed",
      "routes inbound-vip|9999|http|reviews-v3.default.svc.cluster.local added",
      "clusters inbound-vip|9080|http|ratings.default.svc.cluster.local removed",
      "clusters inbound-vip|9999|http|ratings.default.svc.cluster.local added",
    ]);
    const stat = only(r, "listeners", "main_internal").differences[0];
    assert.equal(stat?.expected, "inbound_0.0.0.0_9080");
    assert.equal(stat?.actual, "inbound_0.0.0.0_9999");
    const remote = only(r, "listeners", "connect_terminate").differences[0];
    assert.deepEqual([remote?.kind, remote?.expected, remote?.actual], ["removed", false, undefined]);
  });
});

describe("diff: each kind of drift is found and named with both values", () => {
  it("a route changed: its path and both clusters", () => {
    const e = sim05();
    const a = clone(e);
    const vh = (routeIn(a, CATALOG_ROUTE).virtual_hosts as JsonObject[])[0] as JsonObject;
    const route = ((vh.routes as JsonObject[])[0] as JsonObject).route as JsonObject;
    route.cluster = WEBAPP_CLUSTER;
    const r = diffDumps(e, a);
    const c = only(r, "routes", CATALOG_ROUTE);
    assert.equal(c.status, "changed");
    assert.deepEqual(
      c.differences.map((d) => [d.kind, formatPath(d.path), d.expected, d.actual]),
      [
        [
          "changed",
          "virtual_hosts[name=catalog.istioinaction.io:443].routes[0].route.cluster",
          CATALOG_CLUSTER,
          WEBAPP_CLUSTER,
        ],
      ],
    );
    assert.equal(r.equal, false);
    assert.deepEqual(r.summary.routes, { added: 0, removed: 0, changed: 1, unchanged: 3 });
  });

  it("a route removed from a virtual host: the removed route, not every route after it", () => {
    const e = sim05();
    const vh = (routeIn(e, CATALOG_ROUTE).virtual_hosts as JsonObject[])[0] as JsonObject;
    const routes = vh.routes as JsonObject[];
    const first = routes[0] as JsonObject;
    // Three routes in the expected side; the actual side lost the middle one.
    const mk = (prefix: string): JsonObject => ({ ...structuredClone(first), match: { prefix } });
    vh.routes = [mk("/a"), mk("/b"), mk("/c")];
    const a = clone(e);
    const va = (routeIn(a, CATALOG_ROUTE).virtual_hosts as JsonObject[])[0] as JsonObject;
    va.routes = (va.routes as JsonObject[]).filter((x) => (x.match as JsonObject).prefix !== "/b");
    const c = only(diffDumps(e, a), "routes", CATALOG_ROUTE);
    assert.deepEqual(
      c.differences.map((d) => [d.kind, formatPath(d.path)]),
      [["removed", "virtual_hosts[name=catalog.istioinaction.io:443].routes[1]"]],
    );
    assert.deepEqual((c.differences[0]?.expected as JsonObject | undefined)?.match, { prefix: "/b" });
  });

  it("a whole route configuration removed", () => {
    const e = sim05();
    const a = clone(e);
    removeEntry(a, CATALOG_ROUTE);
    const r = diffDumps(e, a);
    assert.deepEqual(facts(r), [`routes ${CATALOG_ROUTE} removed`]);
    assert.equal(only(r, "routes", CATALOG_ROUTE).expected !== undefined, true);
  });

  it("a cluster setting changed: connect_timeout and lb_policy with both values", () => {
    const e = sim05();
    const a = clone(e);
    clusterIn(a, WEBAPP_CLUSTER).connect_timeout = "5s";
    clusterIn(a, WEBAPP_CLUSTER).lb_policy = "ROUND_ROBIN";
    const c = only(diffDumps(e, a), "clusters", WEBAPP_CLUSTER);
    assert.deepEqual(
      c.differences.map((d) => [formatPath(d.path), d.expected, d.actual]),
      [
        ["connect_timeout", "10s", "5s"],
        ["lb_policy", "LEAST_REQUEST", "ROUND_ROBIN"],
      ],
    );
  });

  it("a certificate rotated: the secret's certificate chain, both certificates", () => {
    const e = sim05();
    const a = clone(e);
    const catalog = secretIn(e, "kubernetes://catalog-credential");
    const webapp = secretIn(a, "kubernetes://webapp-credential");
    const rotated = (catalog.tls_certificate as JsonObject).certificate_chain as JsonObject;
    (webapp.tls_certificate as JsonObject).certificate_chain = structuredClone(rotated);
    const c = only(diffDumps(e, a), "secrets", "kubernetes://webapp-credential");
    assert.equal(c.differences.length, 1);
    const d = c.differences[0];
    assert.equal(formatPath(d?.path ?? []), "tls_certificate.certificate_chain.inline_bytes");
    assert.equal(d?.actual, rotated.inline_bytes);
    assert.notEqual(d?.expected, d?.actual);
  });

  it("an endpoint gone: the endpoint by its address", () => {
    const e = sim05();
    const a = clone(e);
    const group = (endpointsIn(a, CATALOG_CLUSTER).endpoints as JsonObject[])[0] as JsonObject;
    group.lb_endpoints = [];
    const c = only(diffDumps(e, a), "endpoints", CATALOG_CLUSTER);
    assert.deepEqual(
      c.differences.map((d) => [d.kind, formatPath(d.path)]),
      [["removed", 'endpoints[locality=""].lb_endpoints[address=10.10.0.13:3000]']],
    );
    const gone = c.differences[0]?.expected as JsonObject;
    assert.deepEqual(((gone.endpoint as JsonObject).address as JsonObject).socket_address, {
      address: "10.10.0.13",
      port_value: 3000,
    });
  });

  it("one of two endpoints gone: named by address", () => {
    const e = sim05();
    const group = (endpointsIn(e, CATALOG_CLUSTER).endpoints as JsonObject[])[0] as JsonObject;
    const lbs = group.lb_endpoints as JsonObject[];
    const second = structuredClone(lbs[0]) as JsonObject;
    (((second.endpoint as JsonObject).address as JsonObject).socket_address as JsonObject).address =
      "10.10.0.14";
    lbs.push(second);
    const a = clone(e);
    const ga = (endpointsIn(a, CATALOG_CLUSTER).endpoints as JsonObject[])[0] as JsonObject;
    ga.lb_endpoints = (ga.lb_endpoints as JsonObject[]).slice(0, 1);
    const c = only(diffDumps(e, a), "endpoints", CATALOG_CLUSTER);
    assert.deepEqual(
      c.differences.map((d) => [d.kind, formatPath(d.path)]),
      [["removed", 'endpoints[locality=""].lb_endpoints[address=10.10.0.14:3000]']],
    );
  });

  it("a walkthrough step against a hand-edited copy reports exactly the edits", () => {
    const e = sim05();
    const a = clone(e);
    // The edits, as a user would make them in an editor:
    clusterIn(a, CATALOG_CLUSTER).connect_timeout = "2s";
    removeEntry(a, "kubernetes://catalog-credential");
    const chains = listenerIn(a, "0.0.0.0_8443").filter_chains as JsonObject[];
    const webapp = chains.find((c) => JSON.stringify(c.filter_chain_match).includes("webapp")) as JsonObject;
    hcmOf(webapp).stream_idle_timeout = "1h";
    const r = diffDumps(e, a);
    assert.deepEqual(facts(r), [
      "listeners 0.0.0.0_8443 changed filter_chains[match=server_names:webapp.istioinaction.io].filters[name=envoy.filters.network.http_connection_manager].typed_config.stream_idle_timeout",
      `clusters ${CATALOG_CLUSTER} changed connect_timeout`,
      "secrets kubernetes://catalog-credential removed",
    ]);
  });
});

describe("diff: a filter chain is known by its match", () => {
  it("editing a chain's server names replaces the chain: one removed, one added, each whole", () => {
    const e = sim05();
    const a = clone(e);
    const chains = listenerIn(a, "0.0.0.0_8443").filter_chains as JsonObject[];
    const catalog = chains.find((c) =>
      JSON.stringify(c.filter_chain_match).includes("catalog"),
    ) as JsonObject;
    (catalog.filter_chain_match as JsonObject).server_names = [
      "catalog.istioinaction.io",
      "shop.example.com",
    ];
    const r = diffDumps(e, a);
    assert.deepEqual(facts(r), [
      "listeners 0.0.0.0_8443 removed filter_chains[match=server_names:catalog.istioinaction.io]",
      "listeners 0.0.0.0_8443 added filter_chains[match=server_names:catalog.istioinaction.io,shop.example.com]",
    ]);
  });
});

describe("diff: normalisations at the dump level", () => {
  it("the per-pod secrets default and ROOTCA are not compared (workload-secrets), unless --strict", () => {
    const e = sim05();
    const a = clone(e);
    const secrets = a.configs.find((c) => String(c["@type"]).endsWith("SecretsConfigDump")) as JsonObject;
    (secrets.dynamic_active_secrets as JsonObject[]).push(
      { name: "default", secret: { name: "default", tls_certificate: {} } },
      { name: "ROOTCA", secret: { name: "ROOTCA", validation_context: {} } },
    );
    assert.equal(diffDumps(e, a).equal, true);
    const strict = diffDumps(e, a, { rules: { strict: new Set(["workload-secrets"]), force: new Set() } });
    assert.deepEqual(facts(strict), ["secrets ROOTCA added", "secrets default added"]);
  });

  it("private-keys: a raw key against Envoy's redaction is no drift, and no printed value holds a key", () => {
    const e = sim05();
    const a = clone(e);
    const KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    const tls = secretIn(a, "kubernetes://webapp-credential").tls_certificate as JsonObject;
    tls.private_key = { inline_string: KEY };
    assert.equal(diffDumps(e, a).equal, true);
    // with a real difference beside it, the resources shown are redacted
    tls.certificate_chain = { inline_string: "another chain" };
    const r = diffDumps(e, a);
    const c = only(r, "secrets", "kubernetes://webapp-credential");
    assert.deepEqual(
      c.differences.map((d) => formatPath(d.path)),
      ["tls_certificate.certificate_chain.inline_bytes", "tls_certificate.certificate_chain.inline_string"],
    );
    assert.doesNotMatch(JSON.stringify(r), /PRIVATE KEY|MIIEvQ/);
    // a removed secret holding a raw key is printed redacted too
    const gone = diffDumps(a, e, { only: ["secrets"] });
    assert.doesNotMatch(JSON.stringify(gone), /PRIVATE KEY|MIIEvQ/);
  });

  it("istiod's dump has no static resources: only dynamic ones are compared (static-resources)", () => {
    const e = sim05();
    const istiod = clone(e);
    for (const c of istiod.configs) for (const k of Object.keys(c)) if (k.startsWith("static_")) delete c[k];
    const r = diffDumps(istiod, e);
    assert.equal(r.equal, true, facts(r).join("; "));
    assert.ok(r.normalizations.includes("static-resources"));
    assert.ok(r.notes.some((n) => n.includes("comparing dynamic ones only")));
    const strict = diffDumps(istiod, e, {
      rules: { strict: new Set(["static-resources"]), force: new Set() },
    });
    assert.ok(strict.summary.clusters.added === 4, JSON.stringify(strict.summary.clusters));
  });

  it("a type neither side has, or only one side has, is not compared and says why", () => {
    const r = diffDumps(upstream("configdump.json"), sim05());
    assert.equal(r.summary.secrets.skipped, "the expected dump has no secrets section");
    assert.ok(r.notes.includes("secrets: not compared: the expected dump has no secrets section"));
  });

  it("a v2 dump (v2 resources holding v2 filters) equals its v3 form (type-urls, istio/istio#23735)", () => {
    const e = upstream("configdump.json");
    const a = clone(e);
    const text = JSON.stringify(a)
      .replaceAll("envoy.config.cluster.v3.Cluster", "envoy.api.v2.Cluster")
      .replaceAll("envoy.config.listener.v3.Listener", "envoy.api.v2.Listener")
      .replaceAll("envoy.admin.v3.ClustersConfigDump", "envoy.admin.v2alpha.ClustersConfigDump")
      .replaceAll(
        "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "envoy.config.filter.network.http_connection_manager.v2.HttpConnectionManager",
      );
    const v2 = JSON.parse(text) as ConfigDump;
    assert.equal(diffDumps(e, v2).equal, true);
    const strict = diffDumps(e, v2, { rules: { strict: new Set(["type-urls"]), force: new Set() } });
    assert.equal(strict.summary.clusters.skipped, "the actual dump has no clusters section");
    // every listener's own @type is v2 now
    assert.equal(strict.summary.listeners.changed, 3);
  });

  it("--only compares the types asked for", () => {
    const e = sim05();
    const a = clone(e);
    clusterIn(a, CATALOG_CLUSTER).connect_timeout = "2s";
    const r = diffDumps(e, a, { only: ["routes", "listeners"] });
    assert.equal(r.equal, true);
    assert.equal(r.summary.clusters.skipped, "not asked for (--only)");
  });

  it("--ignore drops accepted differences, and says which patterns matched nothing", () => {
    const e = sim05();
    const a = clone(e);
    clusterIn(a, CATALOG_CLUSTER).connect_timeout = "2s";
    removeEntry(a, "kubernetes://catalog-credential");
    const r = diffDumps(e, a, {
      ignore: [
        pattern("clusters:*.connect_timeout"),
        pattern("secrets:kubernetes://catalog-*"),
        pattern("routes:nothing-like-this.virtual_hosts"),
      ],
    });
    assert.deepEqual(facts(r), []);
    assert.deepEqual(r.notes, ["--ignore routes:nothing-like-this.virtual_hosts matched nothing"]);
  });

  it("--ignore with the brief's example removes the istio.stats filter from every chain", () => {
    const e = sim05();
    const a = clone(e);
    for (const chain of listenerIn(a, "0.0.0.0_8443").filter_chains as JsonObject[]) {
      const hcm = hcmOf(chain);
      hcm.http_filters = (hcm.http_filters as JsonObject[]).filter((f) => f.name !== "istio.stats");
    }
    assert.equal(diffDumps(e, a).equal, false);
    const r = diffDumps(e, a, {
      ignore: [
        pattern("listeners:*.filter_chains[*].filters[*].typed_config.http_filters[name=istio.stats]"),
      ],
    });
    assert.deepEqual(facts(r), []);
  });

  it("telemetry filters compare by type only when exactly one side is simulated", () => {
    const e = sim05();
    const a = clone(e);
    for (const chain of listenerIn(a, "0.0.0.0_8443").filter_chains as JsonObject[]) {
      const hcm = hcmOf(chain);
      const stats = (hcm.http_filters as JsonObject[]).find((f) => f.name === "istio.stats") as JsonObject;
      (stats.typed_config as JsonObject).configuration = { stat_prefix: "istio" };
    }
    assert.equal(diffDumps(e, a, { simulated: { expected: true, actual: false } }).equal, true);
    const both = diffDumps(e, a, { simulated: { expected: true, actual: true } });
    assert.equal(both.summary.listeners.changed, 1);
    const strict = diffDumps(e, a, {
      simulated: { expected: true, actual: false },
      rules: { strict: new Set(["telemetry-filters"]), force: new Set() },
    });
    assert.equal(strict.summary.listeners.changed, 1);
  });

  it("a listener Envoy rejected an update for, and a warming listener, are noted", () => {
    const e = sim05();
    const a = clone(e);
    const ls = a.configs.find((c) => String(c["@type"]).endsWith("ListenersConfigDump")) as JsonObject;
    const entries = ls.dynamic_listeners as JsonObject[];
    (entries[0] as JsonObject).error_state = { details: "duplicate filter chain match" };
    entries.push({ name: "0.0.0.0_9443", warming_state: { listener: { name: "0.0.0.0_9443" } } });
    const r = diffDumps(e, a);
    assert.equal(r.equal, true);
    assert.deepEqual(r.notes, [
      "actual: Envoy rejected the last update of 0.0.0.0_8443: duplicate filter chain match",
      "actual: listener 0.0.0.0_9443 is warming (not serving yet), so not compared",
    ]);
  });
});
