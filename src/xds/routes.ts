import type { JsonObject } from "../envoy/types.js";
import { intersectHosts, namesForNamespace } from "../mesh/hosts.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { GatewayServer, MergedGateway } from "./gateways.js";
import { buildRoutesForVirtualService, type RouteContext, sortVhostRoutes } from "./http-routes.js";
import type { GatewayVirtualServices, ResolvedVirtualService } from "./virtual-services.js";
import { buildVsHostIndex, type VsHostIndex } from "./vs-host-index.js";

/**
 * RouteConfigurations for a gateway (gateway.go buildGatewayHTTPRouteConfig): one per RDS
 * name, with the virtual hosts of every server behind it.
 */

interface VHost {
  name: string;
  domains: string[];
  /** Route objects; identity matters: collapse merges vhosts that hold the very same sequence. */
  routes: JsonObject[];
  requireTls: boolean;
  includeRequestAttemptCount: boolean;
}

export interface RouteConfigResult {
  readonly config: JsonObject;
  /** Which VirtualServices contributed to which vhost, for explanations. */
  readonly contributors: ReadonlyMap<string, readonly ResolvedVirtualService[]>;
}

function emptyRouteConfig(name: string): JsonObject {
  return { name, validate_clusters: false };
}

/** Per-gateway host indexes, built once and shared by all route configs of a proxy. */
export type HostIndexCache = Map<string, VsHostIndex>;

export function buildRouteConfig(
  routeName: string,
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  ctx: RouteContext,
  hostIndexes: HostIndexCache = new Map(),
): RouteConfigResult {
  const servers = merged.serversByRouteName.get(routeName);
  if (!servers || servers.length === 0)
    return { config: emptyRouteConfig(routeName), contributors: new Map() };
  const lower = ctx.profile.lowercaseVhostHosts;
  const cache = new Map<string, JsonObject[] | undefined>();
  const vhosts = new Map<string, VHost>();
  const contributors = new Map<string, ResolvedVirtualService[]>();
  const hostKey = (h: string) => (lower ? h.toLowerCase() : h);

  for (const gs of servers) {
    const port = gs.server.port.number;
    const redirect = gs.server.tls?.httpsRedirect === true;
    const all = vsIndex.get(gs.gatewayName) ?? [];
    let index = hostIndexes.get(gs.gatewayName);
    if (!index) {
      index = buildVsHostIndex(all);
      hostIndexes.set(gs.gatewayName, index);
    }
    for (const vs of index.candidates(gs.hosts)) {
      const serverHosts = namesForNamespace(gs.hosts, vs.namespace);
      const intersecting = intersectHosts(serverHosts, vs.spec.hosts ?? []);
      if (intersecting.length === 0) continue;
      const key = `${gs.gatewayName}|${vs.namespace}/${vs.name}`;
      let routes = cache.get(key);
      if (!cache.has(key)) {
        routes = buildRoutesForVirtualService(
          vs,
          { listenPort: port, gatewayName: gs.gatewayName, isTls: gs.server.tls !== undefined },
          ctx,
        );
        cache.set(key, routes);
      }
      if (!routes) continue;
      for (const raw of intersecting) {
        const h = hostKey(raw);
        const existing = vhosts.get(h);
        if (existing) {
          existing.routes.push(...routes);
          if (redirect) existing.requireTls = true;
        } else {
          vhosts.set(h, {
            name: `${h}:${port}`,
            domains: [h],
            routes: [...routes],
            requireTls: redirect,
            includeRequestAttemptCount: true,
          });
        }
        const list = contributors.get(h);
        if (list) list.push(vs);
        else contributors.set(h, [vs]);
      }
    }
    if (redirect) redirectOnlyHosts(gs, vhosts, ctx.profile);
  }

  let list: VHost[];
  if (vhosts.size === 0) {
    const port = (servers[0] as GatewayServer).server.port.number;
    list = [
      {
        name: `blackhole:${port}`,
        domains: ["*"],
        routes: [],
        requireTls: false,
        includeRequestAttemptCount: false,
      },
    ];
  } else {
    list = collapseDuplicateRoutes(vhosts).map((v) => ({ ...v, routes: sortVhostRoutes(v.routes) }));
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  const config: JsonObject = {
    name: routeName,
    virtual_hosts: list.map(vhostJson),
    validate_clusters: false,
  };
  if (ctx.profile.maxDirectResponseBodySize) config.max_direct_response_body_size_bytes = 1048576;
  config.ignore_port_in_host_matching = true;
  return { config, contributors };
}

/**
 * Every host of an httpsRedirect server has a vhost that requires TLS, with or without routes.
 * The raw server host (after sanitising, so "ns/host" stays) is the key; which parts are
 * lower-cased depends on the line (redirectVhostLowercase).
 */
function redirectOnlyHosts(gs: GatewayServer, vhosts: Map<string, VHost>, profile: VersionProfile): void {
  const mode = profile.redirectVhostLowercase;
  for (const raw of gs.hosts) {
    const h = mode === "all" ? raw.toLowerCase() : raw;
    const existing = vhosts.get(h);
    if (existing) {
      existing.requireTls = true;
      continue;
    }
    vhosts.set(h, {
      name: `${h}:${gs.server.port.number}`,
      domains: [mode === "none" ? h : h.toLowerCase()],
      routes: [],
      requireTls: true,
      includeRequestAttemptCount: true,
    });
  }
}

/**
 * collapseDuplicateRoutes: going through host names in sorted order, a vhost whose route list
 * is the very same sequence of route objects as an earlier one (and whose TLS and
 * attempt-count settings agree) is folded into it as extra domains. Sequences are keyed by
 * object identity, as istiod hashes route pointers.
 */
function collapseDuplicateRoutes(vhosts: ReadonlyMap<string, VHost>): VHost[] {
  const names = [...vhosts.keys()].sort(compareHostNames);
  const ids = new Map<JsonObject, number>();
  const idOf = (r: JsonObject) => {
    let id = ids.get(r);
    if (id === undefined) {
      id = ids.size;
      ids.set(r, id);
    }
    return id;
  };
  // istiod remembers only the latest vhost kept for a route sequence, so compare with that one.
  const latestBySequence = new Map<string, VHost>();
  const kept: VHost[] = [];
  for (const n of names) {
    const vh = vhosts.get(n) as VHost;
    const key = vh.routes.map(idOf).join(",");
    const twin = latestBySequence.get(key);
    if (
      twin &&
      twin.requireTls === vh.requireTls &&
      twin.includeRequestAttemptCount === vh.includeRequestAttemptCount
    ) {
      twin.domains.push(...vh.domains);
      continue;
    }
    const copy = { ...vh, domains: [...vh.domains] };
    kept.push(copy);
    latestBySequence.set(key, copy);
  }
  return kept;
}

/** host.Names order: exact names before wildcards, longer first, then alphabetical. */
function compareHostNames(a: string, b: string): number {
  const aw = a.startsWith("*");
  const bw = b.startsWith("*");
  if (aw !== bw) return aw ? 1 : -1;
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function vhostJson(v: VHost): JsonObject {
  const out: JsonObject = { name: v.name, domains: v.domains };
  if (v.routes.length > 0) out.routes = v.routes;
  if (v.requireTls) out.require_tls = "ALL";
  if (v.includeRequestAttemptCount) out.include_request_attempt_count = true;
  return out;
}
