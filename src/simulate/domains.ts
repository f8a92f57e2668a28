import { objectList, stringList } from "../envoy/lists.js";
import type { JsonObject } from "../envoy/types.js";
import { hostOnly } from "./paths.js";

/**
 * Virtual-host selection as Envoy's RouteMatcher::findVirtualHost does it: the Host (port
 * dropped when `ignore_port_in_host_matching`), lower-cased, is looked up as an exact domain,
 * then against suffix wildcards (`*.foo.com`, `*-bar.foo.com`), longest first, then prefix
 * wildcards (`foo.*`), longest first, then `*`. A wildcard never matches the empty string.
 */

export type DomainMatchKind = "exact" | "suffix wildcard" | "prefix wildcard" | "default (*)";

export interface VirtualHostMatch {
  readonly vhost: JsonObject;
  readonly index: number;
  readonly domain: string;
  readonly kind: DomainMatchKind;
}

export interface VirtualHostSelection {
  readonly match?: VirtualHostMatch;
  /** The host looked up (lower case, port removed when the route configuration says so). */
  readonly host: string;
  /** A configuration Envoy refuses (duplicate domains, two `*`), when there is one. */
  readonly error?: string;
}

interface Entry {
  readonly vhost: JsonObject;
  readonly index: number;
  readonly domain: string;
}

export function virtualHostsOf(routeConfig: JsonObject): JsonObject[] {
  const v = routeConfig.virtual_hosts;
  return objectList(v);
}

function domainsOf(vhost: JsonObject): string[] {
  const d = vhost.domains;
  return stringList(d);
}

function longestFirst(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => b.domain.length - a.domain.length);
}

export function selectVirtualHost(
  routeConfig: JsonObject,
  authority: string | undefined,
): VirtualHostSelection {
  const exact = new Map<string, Entry>();
  const suffixes: Entry[] = [];
  const prefixes: Entry[] = [];
  let fallback: Entry | undefined;
  let error: string | undefined;
  virtualHostsOf(routeConfig).forEach((vhost, index) => {
    for (const raw of domainsOf(vhost)) {
      const domain = raw.toLowerCase();
      const entry = { vhost, index, domain };
      if (domain === "*") {
        if (fallback) error ??= `only one virtual host may use the domain "*" (route ${routeConfig.name})`;
        else fallback = entry;
        continue;
      }
      const bucket = domain.startsWith("*") ? suffixes : domain.endsWith("*") ? prefixes : undefined;
      const duplicate = bucket ? bucket.some((e) => e.domain === domain) : exact.has(domain);
      if (duplicate) error ??= `duplicate domain "${domain}" in route ${routeConfig.name}`;
      else if (bucket) bucket.push(entry);
      else exact.set(domain, entry);
    }
  });
  const ignorePort = routeConfig.ignore_port_in_host_matching === true;
  const host = (
    ignorePort && authority !== undefined ? hostOnly(authority) : (authority ?? "")
  ).toLowerCase();
  const base = { host, ...(error && { error }) };
  const pick = (e: Entry | undefined, kind: DomainMatchKind): VirtualHostSelection =>
    e ? { ...base, match: { ...e, kind } } : base;

  // With only a default virtual host Envoy does not look at the Host at all.
  if (exact.size === 0 && suffixes.length === 0 && prefixes.length === 0)
    return pick(fallback, "default (*)");
  if (authority === undefined) return base;
  const e = exact.get(host);
  if (e) return pick(e, "exact");
  // Strictly shorter than the host: "*.foo.com" does not match ".foo.com".
  const s = longestFirst(suffixes).find(
    (x) => x.domain.length - 1 < host.length && host.endsWith(x.domain.slice(1)),
  );
  if (s) return pick(s, "suffix wildcard");
  const p = longestFirst(prefixes).find(
    (x) => x.domain.length - 1 < host.length && host.startsWith(x.domain.slice(0, -1)),
  );
  if (p) return pick(p, "prefix wildcard");
  return pick(fallback, "default (*)");
}

/** Every domain of a route configuration, for "the route configuration serves: …" messages. */
export function allDomains(routeConfig: JsonObject): string[] {
  return virtualHostsOf(routeConfig).flatMap(domainsOf);
}
