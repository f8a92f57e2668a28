import { objectList } from "../../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../../envoy/types.js";
import { redirectLocation, redirectStatus, routeAction, sslRedirectLocation } from "../action.js";
import { virtualHostsOf } from "../domains.js";
import { applyHeaderMutations, mutationsOf } from "../headers.js";
import { type Header, headerValue, matchHeader } from "../matchers.js";
import { describePathMatch } from "../route-match.js";
import { type RouterResult, routeRequest, routesOf, routingHeaders } from "../router.js";
import type { RouteTest, TestValidate } from "./test-file.js";

/**
 * router_check_tool's checks, re-implemented: each test's request is routed through one
 * RouteConfiguration, the chosen route is "finalised" (header mutations, rewrites), and every
 * field the test names is compared. Failures read as the tool prints them:
 * `expected: [x], actual: [y], test type: cluster_name`.
 */

export interface TestResult {
  readonly name: string;
  readonly line: number;
  readonly failures: readonly string[];
}

export interface CheckRun {
  readonly results: readonly TestResult[];
  /** Routes with at least one validated field, in percent (router_check_tool's coverage). */
  readonly coverage: number;
  /** The share of all validatable fields validated (--covall), in percent. */
  readonly comprehensiveCoverage: number;
  /** "Missing test for host: …, route: …" for each route no test covers. */
  readonly missing: readonly string[];
}

type Entry =
  | { readonly kind: "none" }
  | {
      readonly kind: "route";
      readonly key: string;
      readonly vhost: JsonObject;
      readonly route: JsonObject;
      readonly cluster: string;
    }
  | {
      readonly kind: "direct";
      readonly key?: string;
      readonly vhost: JsonObject;
      readonly route?: JsonObject;
      readonly code: number;
      readonly uri: string;
    };

const ROUTE_FIELDS = ["cluster", "virtual_cluster", "virtual_host", "path_rewrite", "host_rewrite"];
const DIRECT_FIELDS = ["path_redirect", "code_redirect"];

function report(
  expected: string | number,
  actual: string | number,
  type: string,
  expectMatch = true,
): string {
  return `expected: [${expected}], actual: ${expectMatch ? "" : "NOT "}[${actual}], test type: ${type}`;
}

function virtualCluster(vhost: JsonObject, headers: readonly Header[]): string {
  const vcs = objectList(vhost.virtual_clusters);
  if (vcs.length === 0) return "";
  for (const vc of vcs) {
    const hs = objectList(vc.headers);
    if (hs.every((h) => matchHeader(h, headers).matched)) return String(vc.name ?? "");
  }
  return "other";
}

/** The HeaderMatcher kind router_check_tool names in its failure lines. */
function matcherKind(m: Record<string, unknown>): string {
  const sm = m.string_match;
  if (typeof sm === "object" && sm !== null) {
    const kind = ["exact", "prefix", "suffix", "safe_regex", "contains"].find(
      (k) => (sm as Record<string, unknown>)[k] !== undefined,
    );
    return `string_match.${kind ?? "match_pattern_not_set"}`;
  }
  for (const k of [
    "exact_match",
    "safe_regex_match",
    "range_match",
    "prefix_match",
    "suffix_match",
    "contains_match",
  ])
    if (m[k] !== undefined) return k;
  return "present_match";
}

function headerFailures(
  matchers: readonly Record<string, unknown>[],
  headers: readonly Header[],
  type: string,
): string[] {
  const out: string[] = [];
  for (const m of matchers) {
    if (matchHeader(m as JsonObject, headers).matched) continue;
    const name = String(m.name);
    const kind = matcherKind(m);
    const actual = headerValue(headers, name) ?? "NULL";
    const invert = m.invert_match === true;
    if (kind === "present_match")
      out.push(
        report(
          `has(${name}):${invert ? "false" : "true"}`,
          `has(${name}):${invert ? "true" : "false"}`,
          `${type}.${kind}`,
        ),
      );
    else if (kind === "string_match.exact") {
      const exact = String((m.string_match as Record<string, unknown>).exact);
      out.push(report(`${name}: ${exact}`, `${name}: ${actual}`, `${type}.${kind}`, !invert));
    } else out.push(`actual: [${name}: ${actual}], test type: ${type}.${kind}`);
  }
  return out;
}

function entryOf(
  routed: RouterResult,
  vhostIndex: Map<JsonObject, number>,
  headers: readonly Header[],
  path: string,
  randomValue: number,
): Entry {
  const vhost = routed.selection.match?.vhost;
  if (!vhost) return { kind: "none" };
  const authority = headerValue(headers, ":authority") ?? "";
  const scheme = headerValue(headers, "x-forwarded-proto") ?? "http";
  const view = { path, authority, scheme, headers };
  if (routed.sslRedirect) return { kind: "direct", vhost, code: 301, uri: sslRedirectLocation(view) };
  const m = routed.matched;
  if (!m) return { kind: "none" };
  const key = `${vhostIndex.get(vhost)}/${m.index}`;
  const match = isJsonObject(m.route.match) ? m.route.match : {};
  if (isJsonObject(m.route.redirect)) {
    const uri = redirectLocation(m.route.redirect, match, view);
    return {
      kind: "direct",
      key,
      vhost,
      route: m.route,
      code: redirectStatus(m.route.redirect),
      uri: typeof uri === "string" ? uri : "",
    };
  }
  if (isJsonObject(m.route.direct_response)) {
    // A direct response's "new URI" is the request's own (newUri with no redirect settings).
    const uri = redirectLocation({}, match, view);
    return {
      kind: "direct",
      key,
      vhost,
      route: m.route,
      code: Number(m.route.direct_response.status ?? 200),
      uri: typeof uri === "string" ? uri : "",
    };
  }
  const action = routeAction(m.route, view, randomValue);
  const cluster = action.kind === "route" ? action.cluster : "";
  return {
    kind: "route",
    key: action.kind === "route" && action.weighted ? `${key}/${cluster}` : key,
    vhost,
    route: m.route,
    cluster,
  };
}

interface Finalised {
  readonly request: readonly Header[];
  readonly response: readonly Header[];
}

function finalise(
  entry: Entry,
  routeConfig: JsonObject,
  headers: readonly Header[],
  test: RouteTest,
  randomValue: number,
): Finalised {
  const responseIn = test.input.additionalResponseHeaders.map((h) => ({
    name: h.key.toLowerCase(),
    value: h.value,
  }));
  if (entry.kind === "none") return { request: headers, response: responseIn };
  const levels = (kind: "request" | "response") => [
    ...(entry.route ? [mutationsOf(entry.route, kind)] : []),
    mutationsOf(entry.vhost, kind),
    mutationsOf(routeConfig, kind),
  ];
  if (entry.kind === "direct") {
    const local: Header[] = [{ name: ":status", value: String(entry.code) }];
    if (entry.code >= 300 && entry.code < 400) local.push({ name: "location", value: entry.uri });
    return {
      request: headers,
      response: applyHeaderMutations([...responseIn, ...local], levels("response")),
    };
  }
  const authority = headerValue(headers, ":authority") ?? "";
  const path = headerValue(headers, ":path") ?? "";
  const scheme = headerValue(headers, "x-forwarded-proto") ?? "http";
  const action = routeAction(entry.route, { path, authority, scheme, headers }, randomValue);
  let request = applyHeaderMutations(headers, levels("request"));
  if (action.kind === "route") {
    request = request.map((h) =>
      h.name === ":path"
        ? { ...h, value: action.upstreamPath }
        : h.name === ":authority"
          ? { ...h, value: action.upstreamAuthority }
          : h,
    );
  }
  return { request, response: applyHeaderMutations(responseIn, levels("response")) };
}

interface Compared {
  readonly failures: string[];
  readonly covered: string[];
}

function compare(v: TestValidate, entry: Entry, f: Finalised): Compared {
  const failures: string[] = [];
  const covered: string[] = [];
  const route = entry.kind === "route" ? entry : undefined;
  const direct = entry.kind === "direct" ? entry : undefined;
  const check = (
    expected: string | number | undefined,
    actual: string | number,
    type: string,
    field: string,
    applies: boolean,
  ) => {
    if (expected === undefined) return;
    if (expected === actual) {
      if (applies) covered.push(field);
    } else failures.push(report(expected, actual, type));
  };
  check(v.clusterName, route?.cluster ?? "", "cluster_name", "cluster", !!route);
  check(
    v.virtualClusterName,
    route ? virtualCluster(route.vhost, f.request) : "",
    "virtual_cluster_name",
    "virtual_cluster",
    !!route,
  );
  check(
    v.virtualHostName,
    route ? String(route.vhost.name ?? "") : "",
    "virtual_host_name",
    "virtual_host",
    !!route,
  );
  check(
    v.pathRewrite,
    route ? (headerValue(f.request, ":path") ?? "") : "",
    "path_rewrite",
    "path_rewrite",
    !!route,
  );
  check(
    v.hostRewrite,
    route ? (headerValue(f.request, ":authority") ?? "") : "",
    "host_rewrite",
    "host_rewrite",
    !!route,
  );
  check(v.pathRedirect, direct?.uri ?? "", "path_redirect", "path_redirect", !!direct);
  check(v.codeRedirect, direct?.code ?? 0, "code_redirect", "code_redirect", !!direct);
  failures.push(...headerFailures(v.requestHeaderMatches, f.request, "request_header_matches"));
  failures.push(...headerFailures(v.responseHeaderMatches, f.response, "response_header_matches"));
  for (const h of v.requestHeaderFields) {
    const actual = headerValue(f.request, h.key) ?? "";
    if (actual !== h.value) failures.push(report(h.value, actual, "request_header_fields"));
  }
  for (const h of v.responseHeaderFields) {
    const actual = headerValue(f.response, h.key) ?? "";
    if (actual !== h.value) failures.push(report(h.value, actual, "response_header_fields"));
  }
  return { failures, covered };
}

/** Every coverage unit of a route configuration: one per route, one per weighted cluster. */
function coverageUnits(routeConfig: JsonObject): { key: string; label: string; fields: readonly string[] }[] {
  const out: { key: string; label: string; fields: readonly string[] }[] = [];
  virtualHostsOf(routeConfig).forEach((vhost, v) => {
    routesOf(vhost).forEach((route, r) => {
      const label = `Missing test for host: ${String(vhost.name)}, route: ${describePathMatch(isJsonObject(route.match) ? route.match : {})}`;
      const action = isJsonObject(route.route) ? route.route : undefined;
      const weighted =
        action && isJsonObject(action.weighted_clusters) && Array.isArray(action.weighted_clusters.clusters)
          ? action.weighted_clusters.clusters.filter(isJsonObject).map((c) => String(c.name ?? ""))
          : undefined;
      const fields = action ? ROUTE_FIELDS : DIRECT_FIELDS;
      if (weighted)
        for (const c of weighted) out.push({ key: `${v}/${r}/${c}`, label: `${label} → ${c}`, fields });
      else out.push({ key: `${v}/${r}`, label, fields });
    });
  });
  return out;
}

export function runRouteTests(routeConfig: JsonObject, tests: readonly RouteTest[]): CheckRun {
  const vhostIndex = new Map(virtualHostsOf(routeConfig).map((v, i) => [v, i] as const));
  const coveredFields = new Map<string, Set<string>>();
  const results: TestResult[] = [];
  for (const test of tests) {
    const i = test.input;
    const scheme = i.ssl ? "https" : "http";
    const headers = routingHeaders(i.authority, i.path, i.method, scheme, [
      ...(i.internal ? [{ name: "x-envoy-internal", value: "true" }] : []),
      ...i.additionalRequestHeaders.map((h) => ({ name: h.key.toLowerCase(), value: h.value })),
    ]);
    // Without `runtime`, no route gated by a runtime fraction is on (the tool's runtime mock).
    const routed = routeRequest(routeConfig, {
      path: i.path,
      headers,
      randomValue: i.randomValue,
      runtimeKey: i.runtime ?? "",
    });
    const entry = entryOf(routed, vhostIndex, headers, i.path, i.randomValue);
    const fin = finalise(entry, routeConfig, headers, test, i.randomValue);
    const { failures, covered } = compare(test.validate, entry, fin);
    const key = entry.kind === "none" ? undefined : entry.key;
    if (key !== undefined && covered.length > 0) {
      const set = coveredFields.get(key) ?? new Set<string>();
      for (const c of covered) set.add(c);
      coveredFields.set(key, set);
    }
    results.push({ name: test.name, line: test.line, failures });
  }
  const units = coverageUnits(routeConfig);
  const total = units.length;
  const covered = units.filter((u) => coveredFields.has(u.key));
  const fieldShare = covered.reduce((n, u) => n + (coveredFields.get(u.key)?.size ?? 0) / u.fields.length, 0);
  return {
    results,
    coverage: total === 0 ? 100 : (100 * covered.length) / total,
    comprehensiveCoverage: total === 0 ? 100 : (100 * fieldShare) / total,
    missing: units.filter((u) => !coveredFields.has(u.key)).map((u) => u.label),
  };
}

/** A percentage as C++'s default stream output prints it (six significant digits). */
export function formatPercent(value: number): string {
  return String(Number(value.toPrecision(6)));
}
