import assert from "node:assert/strict";
import { compareResources } from "../../src/diff/compare.js";
import { normalizeResource, pruneIgnored } from "../../src/diff/normalise.js";
import { parsePattern } from "../../src/diff/path.js";
import { RULES, type RuleName } from "../../src/diff/rules.js";
import { sameTypeUrl, v3TypeUrl } from "../../src/diff/type-urls.js";
import type { JsonObject } from "../../src/envoy/types.js";
import { dig, obj } from "../helpers/json.js";

const ALL = new Set<RuleName>(RULES.map((r) => r.name));

function prune(resource: JsonObject, ...texts: string[]): { value: JsonObject | undefined; hits: number[] } {
  const patterns = texts.map((t) => {
    const p = parsePattern(t);
    if (!p.ok) throw new Error(p.reason);
    return p.pattern;
  });
  const hits: number[] = [];
  return { value: pruneIgnored(resource, patterns, (i) => hits.push(i)), hits };
}

describe("normalisations of one resource", () => {
  it("type-urls: v2 names have v3 names, other names stay; the comparison treats them as one", () => {
    assert.deepEqual(
      compareResources(
        { typed_config: { "@type": "type.googleapis.com/udpa.type.v1.TypedStruct" } },
        { typed_config: { "@type": "type.googleapis.com/xds.type.v3.TypedStruct" } },
        { equivalent: sameTypeUrl },
      ),
      [],
    );
    assert.equal(
      v3TypeUrl("type.googleapis.com/envoy.api.v2.Cluster"),
      "type.googleapis.com/envoy.config.cluster.v3.Cluster",
    );
    assert.equal(
      v3TypeUrl("type.googleapis.com/envoy.config.filter.http.router.v2.Router"),
      "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
    );
    assert.equal(
      v3TypeUrl("type.googleapis.com/envoy.admin.v2alpha.ListenersConfigDump"),
      "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
    );
    // Istio's own v2alpha1 types are not Envoy's v2 API
    const alpn = "type.googleapis.com/istio.envoy.config.filter.http.alpn.v2alpha1.FilterConfig";
    assert.equal(v3TypeUrl(alpn), alpn);
  });

  it("cluster-type: an absent discovery type is STATIC, unless the cluster has a custom type", () => {
    assert.equal(normalizeResource("clusters", { name: "c" }, ALL).type, "STATIC");
    assert.equal(normalizeResource("clusters", { name: "c", type: "EDS" }, ALL).type, "EDS");
    assert.equal(
      normalizeResource("clusters", { name: "c", cluster_type: { name: "x" } }, ALL).type,
      undefined,
    );
    assert.equal(normalizeResource("clusters", { name: "c" }, new Set()).type, undefined);
  });

  it("eds-defaults: what istiod sends equals what Envoy prints (hand-checked against endpoint/configdump.json)", () => {
    const istiod: JsonObject = {
      cluster_name: "c",
      endpoints: [
        {
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: "10.0.0.1", port_value: 80 } } } },
            {
              endpoint: { address: { socket_address: { address: "10.0.0.2", port_value: 80 } } },
              health_status: "UNKNOWN",
            },
          ],
          load_balancing_weight: 2,
        },
      ],
    };
    const envoy: JsonObject = {
      cluster_name: "c",
      endpoints: [
        {
          locality: {},
          lb_endpoints: [
            {
              endpoint: {
                address: { socket_address: { address: "10.0.0.1", port_value: 80 } },
                health_check_config: {},
              },
              health_status: "HEALTHY",
              load_balancing_weight: 1,
            },
            {
              endpoint: {
                address: { socket_address: { address: "10.0.0.2", port_value: 80 } },
                health_check_config: {},
              },
              health_status: "HEALTHY",
              load_balancing_weight: 1,
            },
          ],
          load_balancing_weight: 2,
        },
      ],
      policy: { overprovisioning_factor: 140 },
    };
    assert.deepEqual(normalizeResource("endpoints", istiod, ALL), normalizeResource("endpoints", envoy, ALL));
    // and a real difference stays: an UNHEALTHY endpoint is not made HEALTHY
    const sick = structuredClone(istiod);
    (dig(sick, "endpoints", 0, "lb_endpoints") as JsonObject[])[0] = {
      endpoint: { address: { socket_address: { address: "10.0.0.1", port_value: 80 } } },
      health_status: "UNHEALTHY",
    };
    assert.notDeepEqual(
      normalizeResource("endpoints", sick, ALL),
      normalizeResource("endpoints", envoy, ALL),
    );
  });

  it("leaves a resource that needs nothing untouched (the same object)", () => {
    const l = { name: "l", filter_chains: [{ filters: [{ name: "x", typed_config: { "@type": "t" } }] }] };
    assert.equal(normalizeResource("listeners", l, ALL), l);
  });
});

describe("--ignore pruning", () => {
  const listener: JsonObject = {
    name: "0.0.0.0_8080",
    filter_chains: [
      {
        filters: [
          {
            name: "envoy.filters.network.http_connection_manager",
            typed_config: {
              http_filters: [{ name: "istio.stats" }, { name: "envoy.filters.http.router" }],
              stat_prefix: "x",
            },
          },
        ],
      },
    ],
  };

  it("removes a named element of a list, and says the pattern hit", () => {
    const r = prune(
      listener,
      "listeners:*.filter_chains[*].filters[*].typed_config.http_filters[name=istio.stats]",
    );
    assert.deepEqual(r.hits, [0]);
    const hcm = obj(r.value, "filter_chains", 0, "filters", 0, "typed_config");
    assert.deepEqual(hcm.http_filters, [{ name: "envoy.filters.http.router" }]);
    assert.equal(hcm.stat_prefix, "x");
    // the input is not changed
    assert.equal(
      (dig(listener, "filter_chains", 0, "filters", 0, "typed_config", "http_filters") as []).length,
      2,
    );
  });

  it("** reaches a field at any depth", () => {
    const r = prune(listener, "listeners:*.**.stat_prefix");
    assert.deepEqual(r.hits, [0]);
    assert.doesNotMatch(JSON.stringify(r.value), /stat_prefix/);
  });

  it("[N] selects by position; a pattern that selects nothing leaves the resource as it was", () => {
    const r = prune(listener, "listeners:*.filter_chains[0].filters[0].typed_config.http_filters[1]");
    assert.doesNotMatch(JSON.stringify(r.value), /router/);
    const none = prune(listener, "listeners:*.filter_chains[3]");
    assert.equal(none.value, listener);
    assert.deepEqual(none.hits, []);
  });

  it("a pattern without a path drops the whole resource", () => {
    const r = prune(listener, "listeners:*");
    assert.equal(r.value, undefined);
    assert.deepEqual(r.hits, [0]);
  });

  it("[address=…] finds an endpoint by the key the report prints", () => {
    const cla: JsonObject = {
      cluster_name: "c",
      endpoints: [
        {
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: "10.0.0.1", port_value: 80 } } } },
            { endpoint: { address: { socket_address: { address: "10.0.0.2", port_value: 80 } } } },
          ],
        },
      ],
    };
    const r = prune(cla, "endpoints:*.endpoints[*].lb_endpoints[address=10.0.0.2:*]");
    assert.doesNotMatch(JSON.stringify(r.value), /10\.0\.0\.2/);
    assert.match(JSON.stringify(r.value), /10\.0\.0\.1/);
  });
});
