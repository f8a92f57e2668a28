import type { JsonObject } from "../envoy/types.js";
import type {
  Destination,
  HTTPMatchRequest,
  HTTPRetry,
  HTTPRoute,
  HTTPRouteDestination,
  Percent,
} from "../mesh/istio-types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { MeshService } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { protoDuration } from "./durations.js";
import { clusterName, configPath, parseClusterName } from "./names.js";
import { retryPolicy } from "./retry-policy.js";
import { corsPolicy, faultConfig } from "./route-filters.js";
import { type HeaderOps, headerOperations } from "./route-headers.js";
import { isCatchAllRoute, sortVhostRoutes, translateRouteMatch } from "./route-match.js";
import type { ResolvedVirtualService } from "./virtual-services.js";

export { isCatchAllRoute, sortVhostRoutes, translateRouteMatch };

/**
 * VirtualService http routes → Envoy routes (route/route.go BuildHTTPRoutesForVirtualService,
 * TranslateRoute, applyHTTPRouteDestination), in Envoy's field-number order.
 */

export interface RouteContext {
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
  /** The service a destination host names, as this VirtualService sees it. */
  readonly lookupService: (host: string, vsNamespace: string) => MeshService | undefined;
  /** Route hash policy for a destination, from DestinationRule consistentHash (undefined when none). */
  readonly lookupHash?: (destination: Destination) => JsonObject | undefined;
  readonly defaultRetryPolicy?: HTTPRetry;
}

/** Options the caller knows about the server the routes are built for. */
export interface ServerContext {
  /** Gateway server port (80, 443, …): match.port and default destination ports use it. */
  readonly listenPort: number;
  /** "<ns>/<name>" of the server's Gateway. */
  readonly gatewayName: string;
  readonly isTls: boolean;
}

/**
 * The cluster a destination goes to (GetDestinationCluster): the destination port, else the
 * service's only port, else the listener port; an ExternalName service is an alias of its
 * target from 1.21.
 */
export function destinationCluster(
  d: Destination,
  service: MeshService | undefined,
  listenerPort: number,
  profile: VersionProfile,
): string {
  if (!d.host) return "UnknownService";
  const host = service?.externalName && profile.externalNameAlias ? service.externalName : d.host;
  let port = listenerPort;
  if (d.port?.number !== undefined) port = d.port.number;
  else if (service && service.ports.length === 1) port = (service.ports[0] as { port: number }).port;
  return clusterName("outbound", port, d.subset ?? "", host);
}

/** RuntimeFractionalPercent of a mirror: percentage (MILLION), legacy percent (HUNDRED) or 100%. */
function mirrorFraction(percentage: Percent | undefined, legacy: number | undefined): JsonObject | undefined {
  if (percentage !== undefined) {
    const v = percentage.value ?? 0;
    return v > 0
      ? { default_value: { numerator: Math.trunc(v * 10000), denominator: "MILLION" } }
      : undefined;
  }
  if (legacy !== undefined) return legacy > 0 ? { default_value: { numerator: legacy } } : undefined;
  return { default_value: { numerator: 100 } };
}

/** getRouteOperation: "<host>:<port><path>" for a single outbound cluster, else "<vsName>:<port><path>". */
function routeOperation(route: JsonObject, vsName: string, port: number): string {
  const m = (route.match ?? {}) as JsonObject;
  let path = "/*";
  if (typeof m.prefix === "string") path = `${m.prefix}*`;
  else if (typeof m.path === "string") path = m.path;
  else if (typeof m.safe_regex === "object" && m.safe_regex !== null)
    path = String((m.safe_regex as JsonObject).regex);
  const action = route.route as JsonObject | undefined;
  const key = typeof action?.cluster === "string" ? parseClusterName(action.cluster) : undefined;
  if (key) return `${key.host}:${key.port}${path}`;
  return `${vsName}:${port}${path}`;
}

const REDIRECT_CODES: Record<number, string | undefined> = {
  0: undefined, // MOVED_PERMANENTLY, the enum's zero value
  301: undefined,
  302: "FOUND",
  303: "SEE_OTHER",
  307: "TEMPORARY_REDIRECT",
  308: "PERMANENT_REDIRECT",
};

/**
 * RedirectAction: host_redirect(1), path_redirect(2), response_code(3), prefix_rewrite(5),
 * scheme_redirect(7), port_redirect(8). An unsupported code leaves the route without action.
 */
function redirectAction(
  r: NonNullable<HTTPRoute["redirect"]>,
  port: number,
  isTls: boolean,
  profile: VersionProfile,
): JsonObject | undefined {
  const code = r.redirectCode ?? 0;
  if (!(code in REDIRECT_CODES)) return undefined;
  const out: JsonObject = {};
  if (r.authority) out.host_redirect = r.authority;
  const prefix = profile.redirectPrefixRewrite ? r.prefixRewrite : undefined;
  if (!prefix && r.uri) out.path_redirect = r.uri;
  const responseCode = REDIRECT_CODES[code];
  if (responseCode) out.response_code = responseCode;
  if (prefix) out.prefix_rewrite = prefix;
  if (r.scheme) out.scheme_redirect = r.scheme;
  let portRedirect = 0;
  if (r.derivePort?.toUpperCase() === "FROM_REQUEST_PORT") portRedirect = port;
  else if (r.port !== undefined) portRedirect = r.port;
  if (profile.redirectDropsDefaultPort && (r.derivePort !== undefined || r.port !== undefined)) {
    const scheme = r.scheme || (isTls ? "https" : "http");
    if ((portRedirect === 80 && scheme === "http") || (portRedirect === 443 && scheme === "https"))
      portRedirect = 0;
  }
  if (portRedirect) out.port_redirect = portRedirect;
  return out;
}

/** sourceMatchHTTP: match.gateways if given, else sourceLabels ⊆ proxy labels and sourceNamespace. */
function sourceMatch(m: HTTPMatchRequest | undefined, server: ServerContext, proxy: GatewayProxy): boolean {
  if (!m) return true;
  if (m.gateways && m.gateways.length > 0) return m.gateways.includes(server.gatewayName);
  if (!labelsMatch(m.sourceLabels ?? {}, proxy.labels)) return false;
  return !m.sourceNamespace || m.sourceNamespace === proxy.namespace;
}

/** Route-level header lists, which a single destination's headers extend. */
interface RouteHeaders {
  reqAdd: JsonObject[];
  respAdd: JsonObject[];
  respRemove: string[];
  reqRemove: string[];
}

function extendHeaders(h: RouteHeaders, ops: HeaderOps): void {
  h.reqAdd.push(...ops.requestHeadersToAdd);
  h.reqRemove.push(...ops.requestHeadersToRemove);
  h.respAdd.push(...ops.responseHeadersToAdd);
  h.respRemove.push(...ops.responseHeadersToRemove);
}

/** WeightedCluster.ClusterWeight: name(1), weight(2), request/response header fields, host_rewrite_literal(11). */
function clusterWeight(
  name: string,
  weight: number,
  d: HTTPRouteDestination,
  profile: VersionProfile,
): JsonObject {
  const cw: JsonObject = { name, weight };
  if (d.headers) {
    const ops = headerOperations(d.headers, profile);
    if (ops.requestHeadersToAdd.length) cw.request_headers_to_add = ops.requestHeadersToAdd;
    if (ops.responseHeadersToAdd.length) cw.response_headers_to_add = ops.responseHeadersToAdd;
    if (ops.responseHeadersToRemove.length) cw.response_headers_to_remove = ops.responseHeadersToRemove;
    if (ops.requestHeadersToRemove.length) cw.request_headers_to_remove = ops.requestHeadersToRemove;
    if (ops.authority) cw.host_rewrite_literal = ops.authority;
  }
  return cw;
}

/**
 * Which clusters a route forwards to: `cluster` for one destination (before 1.19 also for one
 * non-zero weight among several), else weighted_clusters without weight-0 entries (with
 * total_weight up to 1.17). Returns the single destination when there is one.
 */
function routeTarget(
  dests: readonly HTTPRouteDestination[],
  lookup: (d: Destination) => string,
  profile: VersionProfile,
): { single?: HTTPRouteDestination; weighted?: JsonObject } {
  if (dests.length === 1) return { single: dests[0] as HTTPRouteDestination };
  const nonZero = dests.filter((d) => (d.weight ?? 0) !== 0);
  if (profile.collapseSingleNonZeroWeight && nonZero.length === 1) return { single: nonZero[0] };
  const clusters = nonZero.map((d) => clusterWeight(lookup(d.destination), d.weight as number, d, profile));
  const weighted: JsonObject = { clusters };
  if (profile.weightedTotalWeight)
    weighted.total_weight = nonZero.reduce((n, d) => n + (d.weight as number), 0);
  return { weighted };
}

function mirrorPolicies(
  http: HTTPRoute,
  lookup: (d: Destination) => string,
  profile: VersionProfile,
): JsonObject[] {
  const out: JsonObject[] = [];
  const policy = (cluster: string, fraction: JsonObject) => ({
    cluster,
    runtime_fraction: fraction,
    trace_sampled: false,
  });
  if (http.mirror) {
    const f = mirrorFraction(http.mirrorPercentage, http.mirrorPercent);
    if (f) out.push(policy(lookup(http.mirror), f));
  }
  if (profile.mirrorsList) {
    for (const m of http.mirrors ?? []) {
      const f = mirrorFraction(m.percentage, undefined);
      if (f && m.destination) out.push(policy(lookup(m.destination), f));
    }
  }
  return out;
}

/** The RouteAction of a forwarding route, in field-number order. */
function forwardAction(
  http: HTTPRoute,
  vs: ResolvedVirtualService,
  server: ServerContext,
  ctx: RouteContext,
  headers: RouteHeaders,
  routeAuthority: string,
): JsonObject {
  const profile = ctx.profile;
  const lookup = (d: Destination) =>
    destinationCluster(d, ctx.lookupService(d.host, vs.namespace), server.listenPort, profile);
  let authority = routeAuthority;
  let prefixRewrite: string | undefined;
  let regexRewrite: JsonObject | undefined;
  if (http.rewrite) {
    const rx = profile.uriRegexRewrite ? http.rewrite.uriRegexRewrite : undefined;
    if (rx) regexRewrite = { pattern: { regex: rx.match ?? "" }, substitution: rx.rewrite ?? "" };
    else if (http.rewrite.uri) prefixRewrite = http.rewrite.uri;
    if (http.rewrite.authority) authority = http.rewrite.authority;
  }
  const target = routeTarget(http.route ?? [], lookup, profile);
  const hashPolicies: JsonObject[] = [];
  let singleHashed = false;
  if (target.single) {
    const ops = target.single.headers && headerOperations(target.single.headers, profile);
    if (ops) {
      extendHeaders(headers, ops);
      // A destination's authority counts only when the route sets none itself.
      if (ops.authority && !authority) authority = ops.authority;
    }
    const h = ctx.lookupHash?.(target.single.destination);
    if (h) {
      hashPolicies.push(h);
      singleHashed = (http.route ?? []).length === 1;
    }
  } else {
    for (const d of http.route ?? []) {
      if ((d.weight ?? 0) === 0) continue;
      const h = ctx.lookupHash?.(d.destination);
      if (h) hashPolicies.push(h);
    }
  }
  const ra: JsonObject = {};
  if (target.single) ra.cluster = lookup(target.single.destination); // 1
  if (target.weighted) ra.weighted_clusters = target.weighted; // 3
  if (prefixRewrite !== undefined) ra.prefix_rewrite = prefixRewrite; // 5
  if (authority) ra.host_rewrite_literal = authority; // 6
  ra.timeout = http.timeout ? protoDuration(http.timeout) : "0s"; // 8
  const retry = retryPolicy(http.retries ?? ctx.defaultRetryPolicy, profile, singleHashed);
  if (retry) ra.retry_policy = retry; // 9
  if (hashPolicies.length > 0) ra.hash_policy = hashPolicies; // 15
  if (http.corsPolicy && profile.corsInRouteAction) ra.cors = corsPolicy(http.corsPolicy, profile); // 17
  ra.max_grpc_timeout = ra.timeout; // 23: the route timeout, "0s" when there is none
  const mirrors = mirrorPolicies(http, lookup, profile);
  if (mirrors.length > 0) ra.request_mirror_policies = mirrors; // 30
  if (regexRewrite) ra.regex_rewrite = regexRewrite; // 32
  return ra;
}

function translateRoute(
  http: HTTPRoute,
  match: HTTPMatchRequest | undefined,
  vs: ResolvedVirtualService,
  server: ServerContext,
  ctx: RouteContext,
): JsonObject | undefined {
  if (match?.port !== undefined && match.port !== 0 && match.port !== server.listenPort) return undefined;
  if (!sourceMatch(match, server, ctx.proxy)) return undefined;
  const profile = ctx.profile;
  const name = match?.name ? `${http.name ?? ""}.${match.name}` : (http.name ?? "");
  const ops = http.headers ? headerOperations(http.headers, profile) : undefined;
  const headers: RouteHeaders = {
    reqAdd: [...(ops?.requestHeadersToAdd ?? [])],
    respAdd: [...(ops?.responseHeadersToAdd ?? [])],
    respRemove: [...(ops?.responseHeadersToRemove ?? [])],
    reqRemove: [...(ops?.requestHeadersToRemove ?? [])],
  };

  const out: JsonObject = { match: translateRouteMatch(match, profile) }; // 1
  let direct: JsonObject | undefined;
  if (http.redirect) {
    const r = redirectAction(http.redirect, server.listenPort, server.isTls, profile);
    if (r) out.redirect = r; // 3
  } else if (http.directResponse) {
    direct = { status: http.directResponse.status };
    const body = http.directResponse.body;
    if (body?.string !== undefined) direct.body = { inline_string: body.string };
    else if (body?.bytes !== undefined) direct.body = { inline_bytes: body.bytes };
  } else {
    out.route = forwardAction(http, vs, server, ctx, headers, ops?.authority ?? ""); // 2
  }
  out.metadata = {
    filter_metadata: {
      istio: { config: configPath(profile.configPathApiVersion, "virtual-service", vs.namespace, vs.name) },
    },
  };
  out.decorator = { operation: routeOperation(out, vs.name, server.listenPort) };
  if (direct) out.direct_response = direct; // 7
  if (headers.reqAdd.length) out.request_headers_to_add = headers.reqAdd; // 9
  if (headers.respAdd.length) out.response_headers_to_add = headers.respAdd; // 10
  if (headers.respRemove.length) out.response_headers_to_remove = headers.respRemove; // 11
  if (headers.reqRemove.length) out.request_headers_to_remove = headers.reqRemove; // 12
  const perFilter: JsonObject = {};
  if (http.corsPolicy && !profile.corsInRouteAction)
    perFilter["envoy.filters.http.cors"] = corsPolicy(http.corsPolicy, profile);
  if (http.fault) perFilter["envoy.filters.http.fault"] = faultConfig(http.fault);
  if (Object.keys(perFilter).length > 0) out.typed_per_filter_config = sortKeys(perFilter); // 13
  if (name) out.name = name; // 14
  if (match?.statPrefix) out.stat_prefix = match.statPrefix; // 19
  return out;
}

/** Map keys in the order Envoy prints a map field (sorted). */
function sortKeys(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k] as JsonObject;
  return out;
}

/**
 * Routes of one VirtualService for one gateway server. undefined means istiod's "no routes
 * matched": the VirtualService contributes nothing to this server.
 */
export function buildRoutesForVirtualService(
  vs: ResolvedVirtualService,
  server: ServerContext,
  ctx: RouteContext,
): JsonObject[] | undefined {
  const out: JsonObject[] = [];
  for (const http of vs.spec.http ?? []) {
    let catchall = false;
    if (!http.match || http.match.length === 0) {
      const r = translateRoute(http, undefined, vs, server, ctx);
      if (r) out.push(r);
      catchall = true;
    } else {
      for (const m of http.match) {
        const r = translateRoute(http, m, vs, server, ctx);
        if (r) {
          out.push(r);
          if (isCatchAllRoute(r)) {
            catchall = true;
            break;
          }
        }
      }
    }
    if (catchall) break;
  }
  return out.length > 0 ? out : undefined;
}
