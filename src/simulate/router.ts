import { objectList } from "../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../envoy/types.js";
import { selectVirtualHost, type VirtualHostSelection } from "./domains.js";
import { type Header, headerValue } from "./matchers.js";
import { describePathMatch, matchRoute, type RouteRequest } from "./route-match.js";

/**
 * Envoy's router for one request and one RouteConfiguration (RouteMatcher::route): the
 * virtual host, its TLS requirement, then the first route that matches. Shared by the
 * simulation of a whole request and by `route check`, which tests a route table alone.
 */

export interface RouteMiss {
  readonly index: number;
  readonly route: JsonObject;
  readonly why: string;
}

export interface RouterResult {
  readonly selection: VirtualHostSelection;
  /** The virtual host requires TLS and the request is not: Envoy answers with its SSL redirect. */
  readonly sslRedirect: boolean;
  readonly matched?: { readonly route: JsonObject; readonly index: number; readonly why: string };
  /** The routes tried before (or instead of) the match, and why each did not match. */
  readonly misses: readonly RouteMiss[];
  /** Problems Envoy would reject the configuration for (bad regexes). */
  readonly errors: readonly string[];
}

export function routesOf(vhost: JsonObject): JsonObject[] {
  return objectList(vhost.routes);
}

/** `request.headers` carries the pseudo-headers (`:authority`, `:path`, …) and x-forwarded-proto. */
export function routeRequest(routeConfig: JsonObject, request: RouteRequest): RouterResult {
  const selection = selectVirtualHost(routeConfig, headerValue(request.headers, ":authority"));
  const errors: string[] = selection.error ? [selection.error] : [];
  const vhost = selection.match?.vhost;
  if (!vhost) return { selection, sslRedirect: false, misses: [], errors };

  // VirtualHostImpl::getRouteFromEntries: the TLS requirement comes before any route.
  const scheme = headerValue(request.headers, "x-forwarded-proto") ?? "http";
  const internal = headerValue(request.headers, "x-envoy-internal") === "true";
  const requireTls = vhost.require_tls;
  if (scheme !== "https" && (requireTls === "ALL" || (requireTls === "EXTERNAL_ONLY" && !internal))) {
    return { selection, sslRedirect: true, misses: [], errors };
  }
  const misses: RouteMiss[] = [];
  const routes = routesOf(vhost);
  for (let index = 0; index < routes.length; index++) {
    const route = routes[index] as JsonObject;
    const m = matchRoute(route, request);
    if (m.error) errors.push(`route #${index} of ${String(vhost.name)}: ${m.error}`);
    if (m.matched && !m.error)
      return { selection, sslRedirect: false, matched: { route, index, why: m.why }, misses, errors };
    misses.push({ index, route, why: m.why });
  }
  return { selection, sslRedirect: false, misses, errors };
}

/** "#0 prefix /api: path /web does not start with /api", for 404 explanations. */
export function describeMiss(miss: RouteMiss, source?: string): string {
  const match = isJsonObject(miss.route.match) ? miss.route.match : {};
  return `#${miss.index} ${describePathMatch(match)}${source ? ` (${source})` : ""}: ${miss.why}`;
}

/** The request headers Envoy routes on, from the parts of a request. */
export function routingHeaders(
  authority: string,
  path: string,
  method: string,
  scheme: string,
  extra: readonly Header[],
): Header[] {
  return [
    { name: ":authority", value: authority },
    { name: ":path", value: path },
    { name: ":method", value: method },
    { name: ":scheme", value: scheme },
    { name: "x-forwarded-proto", value: scheme },
    ...extra,
  ];
}
