import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import { matchRoute, type RouteRequest } from "../../src/simulate/route-match.js";

/** Envoy's RouteMatch (router/config_impl.cc matchRoute and the path matchers). */

function req(path: string, headers: [string, string][] = []): RouteRequest {
  return { path, headers: headers.map(([name, value]) => ({ name, value })), randomValue: 0 };
}

const matches = (match: JsonObject, r: RouteRequest) => matchRoute({ match }, r).matched;

describe("simulate: route matching", () => {
  it("matches prefix and path on the path without its query string", () => {
    assert.equal(matches({ prefix: "/api" }, req("/api/catalog?x=/y")), true);
    assert.equal(matches({ path: "/api" }, req("/api?x=1")), true);
    assert.equal(matches({ path: "/api" }, req("/api/")), false);
  });

  it("is case sensitive unless case_sensitive is false", () => {
    assert.equal(matches({ prefix: "/API" }, req("/api")), false);
    assert.equal(matches({ prefix: "/API", case_sensitive: false }, req("/api")), true);
    assert.equal(matches({ path: "/Api", case_sensitive: false }, req("/aPI")), true);
  });

  it("takes path_separated_prefix only at a segment boundary", () => {
    assert.equal(matches({ path_separated_prefix: "/api" }, req("/api")), true);
    assert.equal(matches({ path_separated_prefix: "/api" }, req("/api/x")), true);
    assert.equal(matches({ path_separated_prefix: "/api" }, req("/apix")), false);
  });

  it("matches safe_regex against the entire path (RE2 full match), without the query", () => {
    assert.equal(matches({ safe_regex: { regex: "/v[0-9]+/.*" } }, req("/v1/items?q=1")), true);
    assert.equal(matches({ safe_regex: { regex: "/v[0-9]+" } }, req("/v1/items")), false);
    // case_sensitive does not apply to regexes
    assert.equal(matches({ safe_regex: { regex: "/API" }, case_sensitive: false }, req("/api")), false);
  });

  it("requires every header and query parameter to match", () => {
    const m = {
      prefix: "/",
      headers: [{ name: "x-canary", string_match: { exact: "true" } }],
      query_parameters: [{ name: "debug", present_match: true }],
    };
    assert.equal(matches(m, req("/?debug", [["x-canary", "true"]])), true);
    assert.equal(matches(m, req("/", [["x-canary", "true"]])), false);
    const miss = matchRoute({ match: m }, req("/?debug"));
    assert.equal(miss.matched, false);
    assert.match(miss.why, /header x-canary is absent/);
  });

  it("matches pseudo-headers such as :method and :authority", () => {
    const m = { prefix: "/", headers: [{ name: ":method", string_match: { exact: "POST" } }] };
    assert.equal(matches(m, req("/", [[":method", "POST"]])), true);
    assert.equal(matches(m, req("/", [[":method", "GET"]])), false);
  });

  it("evaluates runtime fractions with the request's random value", () => {
    const m = { prefix: "/", runtime_fraction: { default_value: { numerator: 50 }, runtime_key: "k" } };
    assert.equal(matchRoute({ match: m }, { ...req("/"), randomValue: 49 }).matched, true);
    assert.equal(matchRoute({ match: m }, { ...req("/"), randomValue: 50 }).matched, false);
  });

  it("says why a route does not match, path first", () => {
    const r = matchRoute(
      { match: { prefix: "/api", headers: [{ name: "x", present_match: true }] } },
      req("/web"),
    );
    assert.equal(r.why, "path /web does not start with /api");
  });
});
