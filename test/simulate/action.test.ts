import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import {
  type RequestView,
  redirectLocation,
  routeAction,
  sslRedirectLocation,
} from "../../src/simulate/action.js";

/**
 * Route actions: Envoy's redirect URI (http/utility.cc newUri, processRequestHost), rewrites
 * (config_impl.cc currentUrlPathAfterRewriteWithMatchedPath) and weighted clusters.
 */

const view = (authority: string, path: string, scheme = "http"): RequestView => ({
  authority,
  path,
  scheme,
  headers: [],
});

describe("simulate: route actions", () => {
  it("require_tls redirects to https keeping the request's host:port and path (walkthrough 06)", () => {
    // seed post: location: https://webapp.istioinaction.io:30000/api/catalog
    assert.equal(
      sslRedirectLocation(view("webapp.istioinaction.io:30000", "/api/catalog")),
      "https://webapp.istioinaction.io:30000/api/catalog",
    );
  });

  it("drops a default port when the scheme changes, and any port when port_redirect is set", () => {
    const m = { prefix: "/" };
    assert.equal(redirectLocation({ https_redirect: true }, m, view("a.com:80", "/x")), "https://a.com/x");
    assert.equal(
      redirectLocation({ https_redirect: true }, m, view("a.com:8080", "/x")),
      "https://a.com:8080/x",
    );
    assert.equal(redirectLocation({ port_redirect: 8443 }, m, view("a.com:80", "/x")), "http://a.com:8443/x");
    assert.equal(
      redirectLocation({ host_redirect: "b.com" }, m, view("a.com:80", "/x?q")),
      "http://b.com/x?q",
    );
  });

  it("rewrites redirect paths: path_redirect keeps the query unless it has its own; strip_query drops it", () => {
    const m = { prefix: "/old" };
    assert.equal(
      redirectLocation({ path_redirect: "/new" }, m, view("a.com", "/old?q=1")),
      "http://a.com/new?q=1",
    );
    assert.equal(
      redirectLocation({ path_redirect: "/new?x" }, m, view("a.com", "/old?q=1")),
      "http://a.com/new?x",
    );
    assert.equal(
      redirectLocation({ prefix_rewrite: "/v2" }, m, view("a.com", "/old/a?q")),
      "http://a.com/v2/a?q",
    );
    assert.equal(
      redirectLocation({ prefix_rewrite: "/v2", strip_query: true }, m, view("a.com", "/old/a?q")),
      "http://a.com/v2/a",
    );
  });

  it("rewrites the upstream path by prefix or regex, keeping the query", () => {
    const route = (action: JsonObject, match: JsonObject = { prefix: "/api" }) => ({
      match,
      route: { cluster: "c", ...action },
    });
    const p = routeAction(route({ prefix_rewrite: "/" }), view("a.com", "/api/items?q"), 0);
    assert.equal(p.kind === "route" && p.upstreamPath, "//items?q");
    const r = routeAction(
      route({ regex_rewrite: { pattern: { regex: "^/api/(.*)$" }, substitution: "/v2/\\1" } }),
      view("a.com", "/api/items?q"),
      0,
    );
    assert.equal(r.kind === "route" && r.upstreamPath, "/v2/items?q");
    const h = routeAction(route({ host_rewrite_literal: "internal" }), view("a.com", "/api"), 0);
    assert.equal(h.kind === "route" && h.upstreamAuthority, "internal");
  });

  it("picks weighted clusters by the random value modulo the total weight", () => {
    const route = {
      match: { prefix: "/" },
      route: {
        weighted_clusters: {
          clusters: [
            { name: "v1", weight: 90 },
            { name: "v2", weight: 10 },
          ],
        },
      },
    };
    const a = routeAction(route, view("a.com", "/"), 0);
    const b = routeAction(route, view("a.com", "/"), 95);
    assert.equal(a.kind === "route" && a.cluster, "v1");
    assert.equal(b.kind === "route" && b.cluster, "v2");
    assert.deepEqual(a.kind === "route" && a.weighted?.map((w) => w.percent), [90, 10]);
  });

  it("answers direct responses and redirect codes", () => {
    const d = routeAction(
      { match: { prefix: "/" }, direct_response: { status: 418, body: { inline_string: "tea" } } },
      view("a", "/"),
      0,
    );
    assert.deepEqual(d, { kind: "direct-response", status: 418, body: "tea" });
    const r = routeAction(
      { match: { prefix: "/" }, redirect: { response_code: "PERMANENT_REDIRECT", path_redirect: "/x" } },
      view("a", "/"),
      0,
    );
    assert.equal(r.kind === "redirect" && r.status, 308);
  });
});
