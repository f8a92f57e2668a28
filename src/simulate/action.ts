import { objectList } from "../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../envoy/types.js";
import { type Header, headerValue } from "./matchers.js";
import { pathOnly, portStart, queryTail } from "./paths.js";
import { replaceAll } from "./regex.js";

/**
 * What a matched route does (router/config_impl.cc and http/utility.cc newUri): forward to a
 * cluster or one of weighted clusters, redirect (scheme, host, port, path, prefix or regex
 * rewrite, query stripping), or answer directly; and how the request looks upstream after
 * prefix/regex path rewrites and host rewrites.
 */

export interface RequestView {
  /** `:path` with query. */
  readonly path: string;
  readonly authority: string;
  /** "https" or "http": x-forwarded-proto as the connection manager sets it. */
  readonly scheme: string;
  readonly headers: readonly Header[];
}

export interface WeightedPick {
  readonly cluster: string;
  readonly weight: number;
  /** Share of requests, in percent. */
  readonly percent: number;
}

export type RouteAction =
  | {
      readonly kind: "route";
      /** The cluster this request goes to. */
      readonly cluster: string;
      /** All weighted clusters, when the route splits traffic. */
      readonly weighted?: readonly WeightedPick[];
      readonly upstreamPath: string;
      readonly upstreamAuthority: string;
      readonly rewrites: readonly string[];
      readonly timeout?: string;
    }
  | { readonly kind: "redirect"; readonly status: number; readonly location: string }
  | { readonly kind: "direct-response"; readonly status: number; readonly body?: string }
  | { readonly kind: "invalid"; readonly reason: string };

const REDIRECT_CODES: Record<string, number> = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

/** The redirect status of a RedirectAction (response_code enum, name or number). */
export function redirectStatus(redirect: JsonObject): number {
  const c = redirect.response_code;
  if (typeof c === "number") return [301, 302, 303, 307, 308][c] ?? 301;
  if (typeof c === "string") return REDIRECT_CODES[c] ?? 301;
  return 301;
}

/** The text of a DataSource body. */
function bodyText(ds: unknown): string | undefined {
  if (!isJsonObject(ds)) return undefined;
  if (typeof ds.inline_string === "string") return ds.inline_string;
  if (typeof ds.inline_bytes === "string") return Buffer.from(ds.inline_bytes, "base64").toString("utf8");
  return undefined;
}

/** The part of the path a prefix rewrite replaces: what the route matched. */
function matchedPart(match: JsonObject, path: string): string {
  if (typeof match.prefix === "string") return match.prefix;
  if (typeof match.path === "string") return match.path;
  if (typeof match.path_separated_prefix === "string") return match.path_separated_prefix;
  return pathOnly(path);
}

/** `prefix_rewrite` replaces the matched part; `regex_rewrite` rewrites the path without its query. */
function rewritePath(
  prefixRewrite: string | undefined,
  regexRewrite: JsonObject | undefined,
  match: JsonObject,
  path: string,
): { path: string } | { error: string } {
  if (prefixRewrite !== undefined && prefixRewrite !== "") {
    return { path: prefixRewrite + path.slice(matchedPart(match, path).length) };
  }
  if (regexRewrite) {
    const pattern = isJsonObject(regexRewrite.pattern) ? String(regexRewrite.pattern.regex ?? "") : "";
    const r = replaceAll(pattern, String(regexRewrite.substitution ?? ""), pathOnly(path));
    if (!r.ok) return { error: r.error };
    return { path: r.value + queryTail(path) };
  }
  return { path };
}

/** Drop the request's port from its host when a redirect changes it (processRequestHost). */
function redirectHost(req: RequestView, newScheme: string, newPort: string): string {
  const host = req.authority;
  const i = portStart(host);
  if (i === -1) return host;
  const port = host.slice(i);
  let drop = newPort !== "";
  if (newScheme !== req.scheme) {
    drop ||= req.scheme === "https" && port === ":443";
    drop ||= req.scheme === "http" && port === ":80";
  }
  return drop ? host.slice(0, i) : host;
}

/** Http::Utility::newUri for a RedirectAction. */
export function redirectLocation(
  redirect: JsonObject,
  match: JsonObject,
  req: RequestView,
): string | { error: string } {
  const schemeRedirect = typeof redirect.scheme_redirect === "string" ? redirect.scheme_redirect : "";
  const scheme = schemeRedirect || (redirect.https_redirect === true ? "https" : req.scheme);
  const port =
    typeof redirect.port_redirect === "number" && redirect.port_redirect > 0
      ? `:${redirect.port_redirect}`
      : "";
  const host =
    typeof redirect.host_redirect === "string" && redirect.host_redirect !== ""
      ? redirect.host_redirect
      : redirectHost(req, scheme, port);
  let path: string;
  if (typeof redirect.path_redirect === "string" && redirect.path_redirect !== "") {
    // A path_redirect without "?" keeps the request's query; with one, it replaces it.
    path = redirect.path_redirect.includes("?")
      ? redirect.path_redirect
      : redirect.path_redirect + queryTail(req.path);
  } else {
    const rewritten = rewritePath(
      typeof redirect.prefix_rewrite === "string" ? redirect.prefix_rewrite : undefined,
      isJsonObject(redirect.regex_rewrite) ? redirect.regex_rewrite : undefined,
      match,
      req.path,
    );
    if ("error" in rewritten) return rewritten;
    path = rewritten.path;
  }
  if (
    redirect.strip_query === true &&
    !(typeof redirect.path_redirect === "string" && redirect.path_redirect.includes("?"))
  )
    path = pathOnly(path);
  const hostWithPort = port && portStart(host) === -1 ? `${host}${port}` : host;
  return `${scheme}://${hostWithPort}${path}`;
}

/** The SSL redirect of a virtual host with require_tls (SslRedirector): same host and port, https. */
export function sslRedirectLocation(req: RequestView): string {
  return `https://${req.authority}${req.path}`;
}

function pickWeighted(weighted: JsonObject, randomValue: number): { picks: WeightedPick[]; chosen?: string } {
  const clusters = objectList(weighted.clusters);
  const entries = clusters.map((c) => ({ cluster: String(c.name ?? ""), weight: Number(c.weight ?? 0) }));
  const total =
    typeof weighted.total_weight === "number"
      ? weighted.total_weight
      : entries.reduce((n, e) => n + e.weight, 0);
  const picks = entries.map((e) => ({
    ...e,
    percent: total > 0 ? Math.round((e.weight * 10000) / total) / 100 : 0,
  }));
  if (total <= 0) return { picks };
  // WeightedClusterEntry selection: random value modulo the total, walking the cumulative weights.
  const selected = randomValue % total;
  let end = 0;
  for (const e of entries) {
    end += e.weight;
    if (selected < end) return { picks, chosen: e.cluster };
  }
  return { picks };
}

function hostRewrite(action: JsonObject, req: RequestView): string | { error: string } | undefined {
  if (typeof action.host_rewrite_literal === "string" && action.host_rewrite_literal !== "")
    return action.host_rewrite_literal;
  if (typeof action.host_rewrite_header === "string")
    return headerValue(req.headers, action.host_rewrite_header);
  if (isJsonObject(action.host_rewrite_path_regex)) {
    const p = action.host_rewrite_path_regex;
    const pattern = isJsonObject(p.pattern) ? String(p.pattern.regex ?? "") : "";
    const r = replaceAll(pattern, String(p.substitution ?? ""), pathOnly(req.path));
    return r.ok ? r.value : { error: r.error };
  }
  return undefined;
}

export function routeAction(route: JsonObject, req: RequestView, randomValue: number): RouteAction {
  const match = isJsonObject(route.match) ? route.match : {};
  if (isJsonObject(route.redirect)) {
    const location = redirectLocation(route.redirect, match, req);
    if (typeof location !== "string") return { kind: "invalid", reason: location.error };
    return { kind: "redirect", status: redirectStatus(route.redirect), location };
  }
  if (isJsonObject(route.direct_response)) {
    const dr = route.direct_response;
    const body = bodyText(dr.body);
    return { kind: "direct-response", status: Number(dr.status ?? 200), ...(body !== undefined && { body }) };
  }
  if (!isJsonObject(route.route))
    return { kind: "invalid", reason: "the route has no action (route, redirect or direct_response)" };
  const a = route.route;
  const rewrites: string[] = [];
  let cluster: string | undefined;
  let weighted: WeightedPick[] | undefined;
  if (typeof a.cluster === "string") cluster = a.cluster;
  else if (isJsonObject(a.weighted_clusters)) {
    const w = pickWeighted(a.weighted_clusters, randomValue);
    weighted = w.picks;
    cluster = w.chosen;
  } else if (typeof a.cluster_header === "string") {
    cluster = headerValue(req.headers, a.cluster_header) ?? "";
    rewrites.push(`cluster taken from header ${a.cluster_header}`);
  }
  if (cluster === undefined) return { kind: "invalid", reason: "the route names no cluster Envoy can pick" };

  const path = rewritePath(
    typeof a.prefix_rewrite === "string" ? a.prefix_rewrite : undefined,
    isJsonObject(a.regex_rewrite) ? a.regex_rewrite : undefined,
    match,
    req.path,
  );
  if ("error" in path) return { kind: "invalid", reason: path.error };
  if (path.path !== req.path) rewrites.push(`path ${req.path} → ${path.path}`);
  const host = hostRewrite(a, req);
  if (typeof host === "object") return { kind: "invalid", reason: host.error };
  if (host !== undefined && host !== req.authority) rewrites.push(`authority ${req.authority} → ${host}`);
  return {
    kind: "route",
    cluster,
    ...(weighted && { weighted }),
    upstreamPath: path.path,
    upstreamAuthority: host ?? req.authority,
    rewrites,
    ...(typeof a.timeout === "string" && { timeout: a.timeout }),
  };
}
