import type { HTTPMatchRequest, HTTPRoute, StringMatch } from "../mesh/istio-types.js";

/**
 * Delegate VirtualServices (pilot/pkg/model/virtualservice.go mergeVirtualServicesIfNeeded,
 * mergeHTTPRoute, mergeHTTPMatchRequests, hasConflict): a root's `http[].delegate` is
 * replaced by the delegate's routes, each match ANDed with the root's; conflicting routes are
 * dropped. Inputs are already resolved to FQDNs in their own namespaces.
 */

/** stringMatchConflict: a delegate match that is not narrower than (or equal to) the root's. */
function stringMatchConflict(root: StringMatch | undefined, leaf: StringMatch | undefined): boolean {
  if (!root || !leaf) return false;
  if (root.regex && (leaf.regex || leaf.prefix || leaf.exact)) return true;
  if (leaf.regex && (root.regex || root.prefix || root.exact)) return true;
  if (root.exact) return leaf.prefix ? true : leaf.exact !== root.exact;
  if (root.prefix) {
    if (leaf.prefix) return !leaf.prefix.startsWith(root.prefix);
    if (leaf.exact) return !leaf.exact.startsWith(root.prefix);
  }
  return true;
}

function mapConflict(
  root: Readonly<Record<string, StringMatch>> | undefined,
  leaf: Readonly<Record<string, StringMatch>> | undefined,
): boolean {
  return Object.entries(leaf ?? {}).some(([k, v]) => stringMatchConflict(root?.[k], v));
}

function hasConflict(root: HTTPMatchRequest, leaf: HTTPMatchRequest): boolean {
  const pairs: [StringMatch | undefined, StringMatch | undefined][] = [
    [root.uri, leaf.uri],
    [root.scheme, leaf.scheme],
    [root.method, leaf.method],
    [root.authority, leaf.authority],
  ];
  if (pairs.some(([r, l]) => stringMatchConflict(r, l))) return true;
  if (mapConflict(root.headers, leaf.headers)) return true;
  if (mapConflict(root.withoutHeaders, leaf.withoutHeaders)) return true;
  if (mapConflict(root.queryParams, leaf.queryParams)) return true;
  if ((root.ignoreUriCase ?? false) !== (leaf.ignoreUriCase ?? false)) return true;
  if (root.port && leaf.port && root.port !== leaf.port) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [k, v] of Object.entries(leaf.sourceLabels ?? {}))
    if (root.sourceLabels?.[k] !== undefined && root.sourceLabels[k] !== v) return true;
  const rg = root.gateways ?? [];
  const lg = leaf.gateways ?? [];
  if (rg.length > 0 && lg.length > 0) {
    if (rg.length < lg.length) return true;
    if (lg.some((g) => !rg.includes(g))) return true;
  }
  return false;
}

function joinNames(root: string | undefined, leaf: string | undefined): string | undefined {
  if (!leaf) return root;
  return root ? `${root}-${leaf}` : leaf;
}

function mergeMatch(root: HTTPMatchRequest, leaf: HTTPMatchRequest): HTTPMatchRequest {
  const name = joinNames(root.name, leaf.name);
  const out: HTTPMatchRequest = {
    ...leaf,
    ...(name !== undefined && { name }),
    headers: { ...root.headers, ...leaf.headers },
    withoutHeaders: { ...root.withoutHeaders, ...leaf.withoutHeaders },
    queryParams: { ...root.queryParams, ...leaf.queryParams },
    sourceLabels: { ...root.sourceLabels, ...leaf.sourceLabels },
  };
  out.uri ??= root.uri;
  out.scheme ??= root.scheme;
  out.method ??= root.method;
  out.authority ??= root.authority;
  if (!out.port) out.port = root.port;
  if (!out.sourceNamespace) out.sourceNamespace = root.sourceNamespace;
  if (!out.gateways || out.gateways.length === 0) out.gateways = root.gateways;
  if (!out.statPrefix) out.statPrefix = root.statPrefix;
  // Empty maps behave as absent ones in the translation; drop them to keep the model tidy.
  for (const k of ["headers", "withoutHeaders", "queryParams", "sourceLabels"] as const)
    if (out[k] && Object.keys(out[k] as object).length === 0) delete out[k];
  for (const k of Object.keys(out) as (keyof HTTPMatchRequest)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** mergeHTTPMatchRequests: every delegate match must fit some root match; undefined on conflict. */
function mergeMatches(
  root: readonly HTTPMatchRequest[] | undefined,
  leaf: readonly HTTPMatchRequest[] | undefined,
): HTTPMatchRequest[] | undefined {
  if (!root || root.length === 0) return leaf ? [...leaf] : [];
  if (!leaf || leaf.length === 0) return [...root];
  const out: HTTPMatchRequest[] = [];
  for (const sub of leaf) {
    let found = false;
    for (const r of root) {
      if (hasConflict(r, sub)) continue;
      out.push(mergeMatch(r, sub));
      found = true;
    }
    if (!found) return undefined;
  }
  return out.length > 0 ? out : undefined;
}

/** mergeHTTPRoute: the delegate route with the root's match, name and unset policies. */
function mergeRoute(root: HTTPRoute, leaf: HTTPRoute): HTTPRoute | undefined {
  const match = mergeMatches(root.match, leaf.match);
  if (match === undefined) return undefined;
  const out: HTTPRoute = { ...leaf, match };
  const name = joinNames(root.name, leaf.name);
  if (name !== undefined) out.name = name;
  out.rewrite ??= root.rewrite;
  out.directResponse ??= root.directResponse;
  out.timeout ??= root.timeout;
  out.retries ??= root.retries;
  out.fault ??= root.fault;
  out.mirror ??= root.mirror;
  out.mirrorPercent ??= root.mirrorPercent;
  out.mirrorPercentage ??= root.mirrorPercentage;
  out.corsPolicy ??= root.corsPolicy;
  out.mirrors ??= root.mirrors;
  out.headers ??= root.headers;
  for (const k of Object.keys(out) as (keyof HTTPRoute)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** The root route replaced by the delegate's routes that do not conflict with it. */
export function mergeDelegateRoutes(root: HTTPRoute, delegate: readonly HTTPRoute[]): HTTPRoute[] {
  const { delegate: _drop, ...base } = root;
  const out: HTTPRoute[] = [];
  for (const leaf of delegate) {
    const merged = mergeRoute(base, leaf);
    if (merged) out.push(merged);
  }
  return out;
}
