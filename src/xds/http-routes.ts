import type { JsonObject } from "../envoy/types.js";
import { parseGoDuration } from "../mesh/durations.js";
import type {
  CorsPolicy,
  Destination,
  Headers,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRetry,
  HTTPRoute,
  StringMatch,
} from "../mesh/istio-types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { MeshService } from "../mesh/model.js";
import { GRPC_STATUS_CODES, HTTP_STATUS_CODES } from "../mesh/status-codes.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { formatProtoDuration } from "./durations.js";
import { clusterName, configPath, parseClusterName } from "./names.js";
import type { ResolvedVirtualService } from "./virtual-services.js";

/**
 * VirtualService http routes → Envoy routes (route/route.go BuildHTTPRoutesForVirtualService).
 * Objects are built in Envoy's field-number order, the order Envoy's config dump prints.
 */

export interface RouteContext {
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
  /** The service a destination host names, as this VirtualService sees it. */
  readonly lookupService: (host: string, vsNamespace: string) => MeshService | undefined;
  /** Consistent-hash policy for a destination, from DestinationRules (undefined when none). */
  readonly lookupHash?: (destination: Destination) => JsonObject | undefined;
  readonly defaultRetryPolicy?: HTTPRetry;
}

const HEADER_METHOD = ":method";
const HEADER_AUTHORITY = ":authority";
const HEADER_SCHEME = ":scheme";
const JWT_CLAIM_PREFIX = "@request.auth.claims";

/** The cluster a destination goes to (GetDestinationCluster). */
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

function stringMatcher(m: StringMatch): JsonObject | undefined {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safe_regex: { regex: m.regex } };
  return undefined;
}

function isPresentMatch(m: StringMatch | undefined): boolean {
  if (!m) return true;
  if (m.exact === undefined && m.prefix === undefined && m.regex === undefined) return true;
  return m.regex === "*";
}

/** A HeaderMatcher in field-number order: name(1), present_match(7), invert_match(8), string_match(13), treat_missing(14). */
function headerMatcher(name: string, m: StringMatch | undefined, invert: boolean): JsonObject {
  const out: JsonObject = { name };
  const present = isPresentMatch(m);
  if (present) out.present_match = true;
  if (invert) out.invert_match = true;
  if (!present && m) {
    const sm = stringMatcher(m);
    if (sm) out.string_match = sm;
  }
  if (invert && !present) out.treat_missing_header_as_empty = true;
  return out;
}

function queryMatcher(name: string, m: StringMatch | undefined): JsonObject {
  if (isPresentMatch(m)) return { name, present_match: true };
  const sm = m && stringMatcher(m);
  return sm ? { name, string_match: sm } : { name };
}

/** RouteMatch in field-number order: prefix(1)/path(2), case_sensitive(4), headers(6), query_parameters(7), safe_regex(10). */
export function translateRouteMatch(m: HTTPMatchRequest | undefined): JsonObject {
  if (!m) return { prefix: "/" };
  const out: JsonObject = {};
  let regex: string | undefined;
  if (m.uri?.exact !== undefined) out.path = m.uri.exact;
  else if (m.uri?.prefix !== undefined) out.prefix = m.uri.prefix;
  else if (m.uri?.regex !== undefined) regex = m.uri.regex;
  else out.prefix = "/";
  out.case_sensitive = !m.ignoreUriCase;
  const headers: JsonObject[] = [];
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    if (name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) continue; // dynamic metadata, handled below
    headers.push(headerMatcher(name, sm, false));
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    if (name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) continue;
    headers.push(headerMatcher(name, sm, true));
  }
  headers.sort((a, b) =>
    (a.name as string) < (b.name as string) ? -1 : (a.name as string) > (b.name as string) ? 1 : 0,
  );
  if (m.method) headers.push(headerMatcher(HEADER_METHOD, m.method, false));
  if (m.authority) headers.push(headerMatcher(HEADER_AUTHORITY, m.authority, false));
  if (m.scheme) headers.push(headerMatcher(HEADER_SCHEME, m.scheme, false));
  if (headers.length > 0) out.headers = headers;
  const query = Object.entries(m.queryParams ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, sm]) => queryMatcher(name, sm));
  if (query.length > 0) out.query_parameters = query;
  if (regex !== undefined) out.safe_regex = { regex };
  return out;
}

/** isCatchAllRoute: prefix "/" (or path-separated "/", or regex "*") with no header, query or metadata match. */
export function isCatchAllRoute(r: JsonObject): boolean {
  const m = r.match as JsonObject | undefined;
  if (!m) return false;
  const catchall =
    m.prefix === "/" ||
    m.path_separated_prefix === "/" ||
    (typeof m.safe_regex === "object" && m.safe_regex !== null && (m.safe_regex as JsonObject).regex === "*");
  return catchall && !m.headers && !m.query_parameters && !m.dynamic_metadata;
}

/** SortVHostRoutes: catch-all routes to the end, keeping relative order. */
export function sortVhostRoutes(routes: readonly JsonObject[]): JsonObject[] {
  const rest: JsonObject[] = [];
  const catchAll: JsonObject[] = [];
  for (const r of routes) (isCatchAllRoute(r) ? catchAll : rest).push(r);
  return [...rest, ...catchAll];
}

function defaultRetryPolicy(profile: VersionProfile, dropHostPredicate: boolean): JsonObject {
  const out: JsonObject = {
    retry_on: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
    num_retries: 2,
  };
  if (!dropHostPredicate) {
    out.retry_host_predicate = [
      {
        name: "envoy.retry_host_predicates.previous_hosts",
        typed_config: {
          "@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate",
        },
      },
    ];
  }
  out.host_selection_retry_max_attempts = "5";
  if (profile.defaultRetryOn503) out.retriable_status_codes = [503];
  return out;
}

/** retry.ConvertPolicy. Returns undefined when retries are off (attempts 0). */
export function retryPolicy(
  in_: HTTPRetry | undefined,
  profile: VersionProfile,
  consistentHash: boolean,
): JsonObject | undefined {
  const drop = consistentHash && profile.hashPolicyDropsPreviousHosts;
  if (!in_) return defaultRetryPolicy(profile, drop);
  if ((in_.attempts ?? 0) <= 0) return undefined;
  const base = defaultRetryPolicy(profile, drop || in_.retryIgnorePreviousHosts === false);
  let retryOn = base.retry_on as string;
  let codes: number[] | undefined = base.retriable_status_codes as number[] | undefined;
  if (in_.retryOn) {
    const parts = in_.retryOn
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    codes = parts.filter((p) => /^\d+$/.test(p) && HTTP_STATUS_CODES.has(Number(p))).map(Number);
    retryOn = parts.filter((p) => !(/^\d+$/.test(p) && HTTP_STATUS_CODES.has(Number(p)))).join(",");
    if (codes.length > 0 && !retryOn.includes("retriable-status-codes")) retryOn += ",retriable-status-codes";
  }
  const out: JsonObject = { retry_on: retryOn, num_retries: in_.attempts as number };
  if (in_.perTryTimeout) out.per_try_timeout = durationOrRaw(in_.perTryTimeout);
  if (in_.retryRemoteLocalities) {
    out.retry_priority = {
      name: "envoy.retry_priorities.previous_priorities",
      typed_config: {
        "@type":
          "type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig",
        update_frequency: 2,
      },
    };
  }
  if (base.retry_host_predicate) out.retry_host_predicate = base.retry_host_predicate;
  out.host_selection_retry_max_attempts = "5";
  if (codes && codes.length > 0) out.retriable_status_codes = codes;
  if (in_.backoff) out.retry_back_off = { base_interval: durationOrRaw(in_.backoff) };
  return out;
}

function durationOrRaw(text: string): string {
  const n = parseGoDuration(text);
  return n === undefined ? text : formatProtoDuration(n);
}

interface HeaderOps {
  requestHeadersToAdd: JsonObject[];
  responseHeadersToAdd: JsonObject[];
  requestHeadersToRemove: string[];
  responseHeadersToRemove: string[];
  authority: string;
}

const isInternalHeader = (k: string) => k.startsWith(":") || k.toLowerCase() === "host";
const isAuthorityHeader = (k: string) => k.toLowerCase() === ":authority" || k.toLowerCase() === "host";

function appendHeaders(
  headers: Record<string, string> | undefined,
  append: boolean,
  profile: VersionProfile,
): { list: JsonObject[]; authority: string } {
  let authority = "";
  const list: JsonObject[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (isAuthorityHeader(key)) authority = value;
    if (isInternalHeader(key)) continue;
    const opt: JsonObject = { header: { key, value } };
    if (profile.headerAppendBool) opt.append = append;
    else opt.append_action = append ? "APPEND_IF_EXISTS_OR_ADD" : "OVERWRITE_IF_EXISTS_OR_ADD";
    list.push(opt);
  }
  list.sort((a, b) => {
    const ka = (a.header as JsonObject).key as string;
    const kb = (b.header as JsonObject).key as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { list, authority };
}

function headerOperations(h: Headers, profile: VersionProfile): HeaderOps {
  const reqSet = appendHeaders(h.request?.set, false, profile);
  const reqAdd = appendHeaders(h.request?.add, true, profile);
  const respSet = appendHeaders(h.response?.set, false, profile);
  const respAdd = appendHeaders(h.response?.add, true, profile);
  return {
    requestHeadersToAdd: [...reqSet.list, ...reqAdd.list],
    responseHeadersToAdd: [...respSet.list, ...respAdd.list],
    requestHeadersToRemove: (h.request?.remove ?? []).filter((k) => !isInternalHeader(k)),
    responseHeadersToRemove: (h.response?.remove ?? []).filter((k) => !isInternalHeader(k)),
    authority: reqSet.authority || reqAdd.authority,
  };
}

function fractionalPercent(numerator: number, million: boolean): JsonObject {
  return million ? { numerator, denominator: "MILLION" } : { numerator };
}

function mirrorFraction(
  percentage: { value?: number } | undefined,
  legacyPercent: number | undefined,
): JsonObject | undefined {
  if (percentage !== undefined) {
    const v = percentage.value ?? 0;
    return v > 0 ? { default_value: fractionalPercent(Math.trunc(v * 10000), true) } : undefined;
  }
  if (legacyPercent !== undefined)
    return legacyPercent > 0 ? { default_value: fractionalPercent(legacyPercent, false) } : undefined;
  return { default_value: fractionalPercent(100, false) };
}

function mirrorPolicy(cluster: string, fraction: JsonObject): JsonObject {
  return { cluster, runtime_fraction: fraction, trace_sampled: false };
}

function faultConfig(f: HTTPFaultInjection): JsonObject {
  const out: JsonObject = { "@type": "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault" };
  if (f.delay) {
    const d: JsonObject = {};
    if (f.delay.fixedDelay) d.fixed_delay = durationOrRaw(f.delay.fixedDelay);
    if (f.delay.percentage?.value !== undefined)
      d.percentage = fractionalPercent(Math.trunc(f.delay.percentage.value * 10000), true);
    else if (f.delay.percent !== undefined) d.percentage = fractionalPercent(f.delay.percent, false);
    out.delay = d;
  }
  if (f.abort) {
    const a: JsonObject = {};
    if (f.abort.httpStatus !== undefined) a.http_status = f.abort.httpStatus;
    if (f.abort.grpcStatus !== undefined) a.grpc_status = grpcStatusCode(f.abort.grpcStatus);
    if (f.abort.percentage?.value !== undefined)
      a.percentage = fractionalPercent(Math.trunc(f.abort.percentage.value * 10000), true);
    out.abort = a;
  }
  return out;
}

function grpcStatusCode(s: string): number {
  const i = GRPC_STATUS_CODES.indexOf(s.toUpperCase());
  return i === -1 ? 0 : i;
}

function corsPolicy(c: CorsPolicy, profile: VersionProfile): JsonObject {
  const out: JsonObject = {};
  if (c.allowOrigins) out.allow_origin_string_match = c.allowOrigins.map((o) => stringMatcher(o) ?? {});
  if (c.allowMethods) out.allow_methods = c.allowMethods.join(",");
  if (c.allowHeaders) out.allow_headers = c.allowHeaders.join(",");
  if (c.exposeHeaders) out.expose_headers = c.exposeHeaders.join(",");
  if (c.maxAge) {
    const n = parseGoDuration(c.maxAge);
    out.max_age = String(Math.trunc((n ?? 0) / 1e9));
  }
  if (c.allowCredentials !== undefined) out.allow_credentials = c.allowCredentials;
  out.filter_enabled = { default_value: { numerator: 100 } };
  if (!profile.corsInRouteAction) out.forward_not_matching_preflights = c.unmatchedPreflights !== "IGNORE";
  return out;
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
  if (key && key.direction === "outbound") return `${key.host}:${key.port}${path}`;
  return `${vsName}:${port}${path}`;
}

function redirectAction(
  r: NonNullable<HTTPRoute["redirect"]>,
  port: number,
  isTls: boolean,
  profile: VersionProfile,
): JsonObject | undefined {
  const out: JsonObject = {};
  if (r.authority) out.host_redirect = r.authority;
  if (r.uri) out.path_redirect = r.uri;
  const codes: Record<number, string | undefined> = {
    0: undefined,
    301: undefined,
    302: "FOUND",
    303: "SEE_OTHER",
    307: "TEMPORARY_REDIRECT",
    308: "PERMANENT_REDIRECT",
  };
  const code = r.redirectCode ?? 0;
  if (!(code in codes)) return undefined;
  if (codes[code]) out.response_code = codes[code] as string;
  if (r.scheme) out.scheme_redirect = r.scheme;
  let portRedirect = 0;
  if (r.derivePort === "FROM_REQUEST_PORT") portRedirect = port;
  else if (r.port !== undefined) portRedirect = r.port;
  if (r.derivePort !== undefined || r.port !== undefined) {
    const scheme = r.scheme || (isTls ? "https" : "http");
    if (
      profile.redirectDropsDefaultPort &&
      ((portRedirect === 80 && scheme === "http") || (portRedirect === 443 && scheme === "https"))
    )
      portRedirect = 0;
  }
  if (portRedirect) out.port_redirect = portRedirect;
  return out;
}

/** Options the caller knows about the server the routes are built for. */
export interface ServerContext {
  /** Gateway server port (80, 443, …): match.port and default destination ports use it. */
  readonly listenPort: number;
  /** "<ns>/<name>" of the server's Gateway. */
  readonly gatewayName: string;
  readonly isTls: boolean;
}

function sourceMatch(m: HTTPMatchRequest | undefined, server: ServerContext, proxy: GatewayProxy): boolean {
  if (!m) return true;
  if (m.gateways && m.gateways.length > 0) return m.gateways.includes(server.gatewayName);
  if (!labelsMatch(m.sourceLabels ?? {}, proxy.labels)) return false;
  return !m.sourceNamespace || m.sourceNamespace === proxy.namespace;
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
  let authority = ops?.authority ?? "";
  const extra = {
    reqAdd: [...(ops?.requestHeadersToAdd ?? [])],
    respAdd: [...(ops?.responseHeadersToAdd ?? [])],
    respRemove: [...(ops?.responseHeadersToRemove ?? [])],
    reqRemove: [...(ops?.requestHeadersToRemove ?? [])],
  };

  let action: { route?: JsonObject; redirect?: JsonObject; direct_response?: JsonObject } = {};
  if (http.redirect) {
    const r = redirectAction(http.redirect, server.listenPort, server.isTls, profile);
    if (r) action = { redirect: r };
  } else if (http.directResponse) {
    const dr: JsonObject = { status: http.directResponse.status };
    const body = http.directResponse.body;
    if (body?.string !== undefined) dr.body = { inline_string: body.string };
    else if (body?.bytes !== undefined) dr.body = { inline_bytes: body.bytes };
    action = { direct_response: dr };
  } else {
    const ra: JsonObject = {};
    let prefixRewrite: string | undefined;
    let regexRewrite: JsonObject | undefined;
    if (http.rewrite) {
      if (http.rewrite.uriRegexRewrite) {
        regexRewrite = {
          pattern: { regex: http.rewrite.uriRegexRewrite.match ?? "" },
          substitution: http.rewrite.uriRegexRewrite.rewrite ?? "",
        };
      } else if (http.rewrite.uri) prefixRewrite = http.rewrite.uri;
      if (http.rewrite.authority) authority = http.rewrite.authority;
    }
    const dests = http.route ?? [];
    let cluster: string | undefined;
    let weighted: JsonObject | undefined;
    const hashPolicies: JsonObject[] = [];
    const addHash = (d: Destination) => {
      const h = ctx.lookupHash?.(d);
      if (h) hashPolicies.push(h);
    };
    const lookup = (d: Destination) =>
      destinationCluster(d, ctx.lookupService(d.host, vs.namespace), server.listenPort, profile);
    const collapse = profile.collapseSingleNonZeroWeight;
    // Weight-0 destinations are dropped when there are several.
    const entries = dests.map((d) => ({ d, weight: d.weight ?? 0 })).filter((e) => e.weight !== 0);
    if (dests.length === 1 || (collapse && entries.length === 1)) {
      const only =
        dests.length === 1
          ? (dests[0] as (typeof dests)[number])
          : (entries[0] as (typeof entries)[number]).d;
      cluster = lookup(only.destination);
      if (only.headers) {
        const dOps = headerOperations(only.headers, profile);
        extra.reqAdd.push(...dOps.requestHeadersToAdd);
        extra.reqRemove.push(...dOps.requestHeadersToRemove);
        extra.respAdd.push(...dOps.responseHeadersToAdd);
        extra.respRemove.push(...dOps.responseHeadersToRemove);
        if (dOps.authority && !authority) authority = dOps.authority;
      }
      addHash(only.destination);
    } else {
      const clusters: JsonObject[] = [];
      let total = 0;
      for (const e of entries) {
        const cw: JsonObject = { name: lookup(e.d.destination), weight: e.weight };
        total += e.weight;
        if (e.d.headers) {
          const dOps = headerOperations(e.d.headers, profile);
          if (dOps.requestHeadersToAdd.length) cw.request_headers_to_add = dOps.requestHeadersToAdd;
          if (dOps.responseHeadersToAdd.length) cw.response_headers_to_add = dOps.responseHeadersToAdd;
          if (dOps.responseHeadersToRemove.length)
            cw.response_headers_to_remove = dOps.responseHeadersToRemove;
          if (dOps.requestHeadersToRemove.length) cw.request_headers_to_remove = dOps.requestHeadersToRemove;
          if (dOps.authority) cw.host_rewrite_literal = dOps.authority;
        }
        clusters.push(cw);
        addHash(e.d.destination);
      }
      weighted = { clusters };
      if (profile.weightedTotalWeight) weighted.total_weight = total;
    }
    // Field-number order of RouteAction.
    if (cluster !== undefined) ra.cluster = cluster;
    if (weighted) ra.weighted_clusters = weighted;
    if (prefixRewrite !== undefined) ra.prefix_rewrite = prefixRewrite;
    if (authority) ra.host_rewrite_literal = authority;
    ra.timeout = http.timeout ? durationOrRaw(http.timeout) : "0s";
    const retry = retryPolicy(http.retries ?? ctx.defaultRetryPolicy, profile, hashPolicies.length > 0);
    if (retry) ra.retry_policy = retry;
    if (hashPolicies.length > 0) ra.hash_policy = hashPolicies;
    if (http.corsPolicy && profile.corsInRouteAction) ra.cors = corsPolicy(http.corsPolicy, profile);
    ra.max_grpc_timeout = ra.timeout === "0s" ? "0s" : (ra.timeout as string);
    const mirrors: JsonObject[] = [];
    if (http.mirror) {
      const f = mirrorFraction(http.mirrorPercentage, http.mirrorPercent);
      if (f) mirrors.push(mirrorPolicy(lookup(http.mirror), f));
    }
    for (const m of http.mirrors ?? []) {
      const f = mirrorFraction(m.percentage, undefined);
      if (f) mirrors.push(mirrorPolicy(lookup(m.destination), f));
    }
    if (mirrors.length > 0) ra.request_mirror_policies = mirrors;
    if (regexRewrite) ra.regex_rewrite = regexRewrite;
    action = { route: ra };
  }

  const out: JsonObject = { match: translateRouteMatch(match) };
  if (action.route) out.route = action.route;
  if (action.redirect) out.redirect = action.redirect;
  out.metadata = {
    filter_metadata: {
      istio: { config: configPath(profile.configPathApiVersion, "virtual-service", vs.namespace, vs.name) },
    },
  };
  out.decorator = { operation: routeOperation(out, vs.name, server.listenPort) };
  if (action.direct_response) out.direct_response = action.direct_response;
  if (extra.reqAdd.length) out.request_headers_to_add = extra.reqAdd;
  if (extra.respAdd.length) out.response_headers_to_add = extra.respAdd;
  if (extra.respRemove.length) out.response_headers_to_remove = extra.respRemove;
  if (extra.reqRemove.length) out.request_headers_to_remove = extra.reqRemove;
  const perFilter: JsonObject = {};
  if (http.corsPolicy && !profile.corsInRouteAction) {
    perFilter["envoy.filters.http.cors"] = {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy",
      ...corsPolicy(http.corsPolicy, profile),
    };
  }
  if (http.fault) perFilter["envoy.filters.http.fault"] = faultConfig(http.fault);
  if (Object.keys(perFilter).length > 0) out.typed_per_filter_config = sortKeys(perFilter);
  if (name) out.name = name;
  if (match?.statPrefix) out.stat_prefix = match.statPrefix;
  return out;
}

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
