import { objectList } from "../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../envoy/types.js";
import {
  type Header,
  headerValue,
  type MatchOutcome,
  matchHeader,
  matchQueryParameter,
  queryParams,
} from "./matchers.js";
import { pathOnly } from "./paths.js";
import { fullMatch } from "./regex.js";

/**
 * One Envoy RouteMatch against a request (RouteEntryImplBase::matchRoute and the path
 * matchers of router/config_impl.cc): runtime fraction, gRPC, headers, query parameters,
 * TLS context, then the path specifier. Path matches look at the path without its query;
 * `case_sensitive` (default true) applies to prefix, path and path_separated_prefix, not to
 * safe_regex, which is a full match. Every condition must hold.
 */

export interface RouteRequest {
  /** `:path` with its query string. */
  readonly path: string;
  /** Request headers including the pseudo-headers `:authority`, `:method`, `:scheme`. */
  readonly headers: readonly Header[];
  /** The TLS peer: whether the client presented a certificate and it was validated. */
  readonly tls?: { readonly presented: boolean; readonly validated: boolean };
  /** Envoy's per-request random value (weighted clusters, runtime fractions). */
  readonly randomValue: number;
  /** A runtime key the caller turns on (router_check_tool's `input.runtime`). */
  readonly runtimeKey?: string;
}

/** The path part of a RouteMatch in words, for traces: "prefix /api", "regex /v[0-9]+/.*". */
export function describePathMatch(match: JsonObject): string {
  if (typeof match.prefix === "string") return `prefix ${match.prefix}`;
  if (typeof match.path === "string") return `path ${match.path}`;
  if (typeof match.path_separated_prefix === "string")
    return `path_separated_prefix ${match.path_separated_prefix}`;
  if (isJsonObject(match.safe_regex)) return `regex ${String(match.safe_regex.regex)}`;
  if (match.connect_matcher !== undefined) return "CONNECT";
  if (match.path_match_policy !== undefined) return "path_match_policy";
  return "(no path specifier)";
}

function pathMatch(match: JsonObject, path: string): MatchOutcome {
  const p = pathOnly(path);
  const caseSensitive = match.case_sensitive !== false;
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const ci = caseSensitive ? "" : " (ignoring case)";
  if (typeof match.prefix === "string") {
    const ok = fold(p).startsWith(fold(match.prefix));
    return { matched: ok, why: `path ${p} ${ok ? "starts" : "does not start"} with ${match.prefix}${ci}` };
  }
  if (typeof match.path === "string") {
    const ok = fold(p) === fold(match.path);
    return { matched: ok, why: `path ${p} ${ok ? "is" : "is not"} ${match.path}${ci}` };
  }
  if (typeof match.path_separated_prefix === "string") {
    const pre = match.path_separated_prefix;
    const ok = fold(p).startsWith(fold(pre)) && (p.length === pre.length || p[pre.length] === "/");
    return { matched: ok, why: `path ${p} ${ok ? "is" : "is not"} ${pre} or below it${ci}` };
  }
  if (isJsonObject(match.safe_regex)) {
    const re = String(match.safe_regex.regex ?? "");
    const r = fullMatch(re, p);
    if (!r.ok) return { matched: false, why: r.error, error: r.error };
    return {
      matched: r.value,
      why: `path ${p} ${r.value ? "matches" : "does not match"} regex ${re} (whole path)`,
    };
  }
  return {
    matched: false,
    why: `${describePathMatch(match)} is not simulated`,
    error: `unsupported path specifier ${describePathMatch(match)}`,
  };
}

function fraction(v: unknown): { numerator: number; denominator: number } {
  const o = isJsonObject(v) ? v : {};
  const d = o.denominator === "TEN_THOUSAND" ? 10_000 : o.denominator === "MILLION" ? 1_000_000 : 100;
  return { numerator: Number(o.numerator ?? 0), denominator: d };
}

function runtimeMatch(match: JsonObject, req: RouteRequest): MatchOutcome | undefined {
  if (!isJsonObject(match.runtime_fraction)) return undefined;
  const rf = match.runtime_fraction;
  const { numerator, denominator } = fraction(rf.default_value);
  const key = typeof rf.runtime_key === "string" ? rf.runtime_key : "";
  if (req.runtimeKey !== undefined) {
    // router_check_tool: the route is on only for the test's runtime key, with 0% counted as 1%.
    const ok = key === req.runtimeKey && req.randomValue % denominator < Math.max(numerator, 1);
    return { matched: ok, why: `runtime ${key} ${ok ? "enabled" : "not enabled"} for this request` };
  }
  const ok = req.randomValue % denominator < numerator;
  return {
    matched: ok,
    why: `runtime fraction ${numerator}/${denominator} ${ok ? "selects" : "does not select"} random value ${req.randomValue}`,
  };
}

function grpcMatch(match: JsonObject, req: RouteRequest): MatchOutcome | undefined {
  if (match.grpc === undefined) return undefined;
  const ct = headerValue(req.headers, "content-type") ?? "";
  const ok = /^application\/grpc(\+|$|;)/.test(ct);
  return {
    matched: ok,
    why: ok ? "the request is gRPC" : "the route wants gRPC (content-type application/grpc)",
  };
}

function tlsMatch(match: JsonObject, req: RouteRequest): MatchOutcome | undefined {
  if (!isJsonObject(match.tls_context)) return undefined;
  const t = match.tls_context;
  const presented = req.tls?.presented ?? false;
  const validated = req.tls?.validated ?? false;
  if (typeof t.presented === "boolean" && t.presented !== presented)
    return { matched: false, why: `the route wants a client certificate presented: ${t.presented}` };
  if (typeof t.validated === "boolean" && t.validated !== validated)
    return { matched: false, why: `the route wants a validated client certificate: ${t.validated}` };
  return { matched: true, why: "TLS context matches" };
}

/**
 * Whether `route.match` matches, with the first reason it does not (or, when it does, the
 * reasons it does, in Envoy's order of evaluation).
 */
export function matchRoute(route: JsonObject, req: RouteRequest): MatchOutcome {
  const match = isJsonObject(route.match) ? route.match : {};
  const reasons: string[] = [];
  // All conditions must hold, so the order only decides which reason is reported: the path
  // first, since that is what a user compares first.
  const checks: (() => MatchOutcome | undefined)[] = [
    () => pathMatch(match, req.path),
    () => runtimeMatch(match, req),
    () => grpcMatch(match, req),
    ...objectList(match.headers).map((h) => () => matchHeader(h, req.headers)),
    ...(() => {
      const qs = objectList(match.query_parameters);
      if (qs.length === 0) return [];
      const params = queryParams(req.path);
      return qs.map((q) => () => matchQueryParameter(q, params));
    })(),
    () => tlsMatch(match, req),
    () =>
      match.dynamic_metadata !== undefined
        ? { matched: false, why: "dynamic metadata matches are not simulated" }
        : undefined,
  ];
  for (const check of checks) {
    const r = check();
    if (!r) continue;
    if (!r.matched || r.error) return r;
    reasons.push(r.why);
  }
  return { matched: true, why: reasons.join("; ") };
}
