import type { JsonObject } from "../envoy/types.js";
import type { Destination, LoadBalancerSettings, TrafficPolicy } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { DestinationRuleIndex } from "./destination-rules.js";
import { protoDuration } from "./durations.js";

/**
 * A route's hash policy from the DestinationRule of a destination (route/route.go
 * HashForHTTPDestination, ConsistentHashToHashPolicy): the subset's port-level setting, else
 * the subset's, else the rule's port-level setting, else the rule's consistentHash.
 */

type ConsistentHash = NonNullable<LoadBalancerSettings["consistentHash"]>;

function portLevelHash(d: Destination, policy: TrafficPolicy | undefined): ConsistentHash | undefined {
  if (d.port?.number === undefined) return undefined;
  const pls = (policy?.portLevelSettings ?? []).find((p) => p.port?.number === d.port?.number);
  return pls?.loadBalancer?.consistentHash;
}

export function consistentHashFor(
  d: Destination,
  rules: DestinationRuleIndex,
  serviceNamespace: string,
): ConsistentHash | undefined {
  const rule = rules.lookup(d.host, serviceNamespace);
  if (!rule) return undefined;
  const policy = rule.spec.trafficPolicy;
  const subset = (rule.spec.subsets ?? []).find((s) => s.name === (d.subset ?? ""));
  return (
    portLevelHash(d, subset?.trafficPolicy) ??
    subset?.trafficPolicy?.loadBalancer?.consistentHash ??
    portLevelHash(d, policy) ??
    policy?.loadBalancer?.consistentHash
  );
}

/**
 * RouteAction.HashPolicy: header(1), cookie(2) {name, ttl, path, attributes (≥1.28)},
 * connection_properties(3), query_parameter(5).
 */
export function hashPolicy(h: ConsistentHash | undefined, profile: VersionProfile): JsonObject | undefined {
  if (!h) return undefined;
  if (h.httpHeaderName !== undefined) return { header: { header_name: h.httpHeaderName } };
  if (h.httpCookie) {
    const cookie: JsonObject = { name: h.httpCookie.name };
    if (h.httpCookie.ttl) cookie.ttl = protoDuration(h.httpCookie.ttl);
    if (h.httpCookie.path) cookie.path = h.httpCookie.path;
    const attributes = h.httpCookie.attributes ?? [];
    if (profile.hashCookieAttributes && attributes.length > 0)
      // CookieAttribute {name 1, value 2}; an empty value is not printed.
      cookie.attributes = attributes.map(
        (a): JsonObject => ({ name: a.name, ...(a.value && { value: a.value }) }),
      );
    return { cookie };
  }
  if (h.useSourceIp !== undefined) return { connection_properties: { source_ip: h.useSourceIp } };
  if (h.httpQueryParameterName !== undefined) return { query_parameter: { name: h.httpQueryParameterName } };
  return undefined;
}
