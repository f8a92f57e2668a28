import type { JsonObject } from "../envoy/types.js";
import { hostsMatch, subsetOf } from "../mesh/hosts.js";
import type { L4MatchAttributes, RouteDestination } from "../mesh/istio-types.js";
import type { MeshService } from "../mesh/model.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { fileAccessLog, istioAuthnFilter, tcpMetadataExchange, tlsInspector } from "./filters.js";
import {
  checkDuplicates,
  type GatewayServer,
  isAutoPassthroughServer,
  isHttpsTerminating,
  isPassthroughServer,
  isTcpServerWithTlsTermination,
  type MergedGateway,
  type ServerPort,
  serverPortKey,
} from "./gateways.js";
import { connectionManager } from "./hcm.js";
import { istioSni, listenerName } from "./names.js";
import type { TranslateNote } from "./notes.js";
import type { ClusterLookup } from "./sds-config.js";
import { routeDestinationFilters, singleDestinationFilters, type TcpProxyContext } from "./tcp-proxy.js";
import { downstreamTlsContext } from "./tls-context.js";
import type { GatewayVirtualServices, ResolvedVirtualService } from "./virtual-services.js";
import { buildVsHostIndex, type VsHostIndex } from "./vs-host-index.js";

/** Gateway listeners (gateway.go buildGatewayListeners), in Envoy's field-number order. */

const T = "type.googleapis.com/";

/** The ALPNs of Istio mTLS that AUTO_PASSTHROUGH chains accept (listener.go allIstioMtlsALPNs). */
const ISTIO_MTLS_ALPNS = ["istio", "istio-peer-exchange", "istio-http/1.0", "istio-http/1.1", "istio-h2"];
const TLS_ROUTE_PARENT = "TLSRoute/";
const PARENTS_ANNOTATION = "internal.istio.io/parents";

export interface ListenerContext extends TcpProxyContext {
  readonly proxy: GatewayProxy;
  /** Clusters of SDS extension providers (model.LookupCluster). */
  readonly lookupCluster: ClusterLookup;
  /** Services the gateway sees, for AUTO_PASSTHROUGH chains. */
  readonly services: readonly MeshService[];
  readonly notes: TranslateNote[];
  /** Per-gateway VirtualService host indexes, shared with the route builder. */
  readonly hostIndexes: Map<string, VsHostIndex>;
}

/** One filter chain before it is rendered. */
interface Chain {
  readonly serverNames?: readonly string[];
  readonly applicationProtocols?: readonly string[];
  readonly tlsContext?: JsonObject;
  readonly filters: JsonObject[];
  /** The server the chain came from, for explanations. */
  readonly server: GatewayServer;
}

/** The VirtualServices bound to a gateway whose hosts may meet these server hosts. */
export function candidateVirtualServices(
  gatewayName: string,
  hosts: readonly string[],
  vsIndex: GatewayVirtualServices,
  cache: Map<string, VsHostIndex>,
): readonly ResolvedVirtualService[] {
  let index = cache.get(gatewayName);
  if (!index) {
    index = buildVsHostIndex(vsIndex.get(gatewayName) ?? []);
    cache.set(gatewayName, index);
  }
  return index.candidates(hosts);
}

/** pickMatchingGatewayHosts: some VS host matches some server host (`ns/h` only for VSs in ns). */
function vsMatchesServerHosts(vs: ResolvedVirtualService, serverHosts: readonly string[]): boolean {
  for (const vh of vs.spec.hosts ?? []) {
    for (const sh of serverHosts) {
      let h = sh;
      const slash = sh.indexOf("/");
      if (slash !== -1) {
        if (sh.slice(0, slash) !== vs.namespace) continue;
        h = sh.slice(slash + 1);
      }
      if (hostsMatch(h, vh)) return true;
    }
  }
  return false;
}

/** l4SingleMatch: the match's port (0 = any) and gateways (empty = any) fit the server. */
function l4Match(m: L4MatchAttributes, serverPort: number, gatewayName: string): boolean {
  const portOk = !m.port || m.port === serverPort;
  const gwOk = !m.gateways || m.gateways.length === 0 || m.gateways.includes(gatewayName);
  return portOk && gwOk;
}

/**
 * 1.17–1.19 insert istio_authn just before the terminal network filter. In 1.17 the stats
 * filter is then inserted before tcp_proxy by an EnvoyFilter, so it lands after istio_authn.
 */
function withAuthn(filters: JsonObject[], profile: VersionProfile): JsonObject[] {
  if (!profile.istioAuthnNetworkFilter) return filters;
  let at = filters.length - 1;
  if (profile.statsFilterFromEnvoyFilter && at > 0 && filters[at - 1]?.name === "istio.stats") at -= 1;
  return [...filters.slice(0, at), istioAuthnFilter(), ...filters.slice(at)];
}

function metadataExchangeFilter(profile: VersionProfile): JsonObject {
  return { name: "istio.metadata_exchange", typed_config: tcpMetadataExchange(profile) };
}

/**
 * buildGatewayNetworkFiltersFromTCPRoutes: the first tcp route, across the VirtualServices in
 * order, whose matches fit the server; from 1.30 a TLSRoute-derived VirtualService's tls
 * routes serve a terminating server too.
 */
function tcpRouteFilters(
  gs: GatewayServer,
  vsIndex: GatewayVirtualServices,
  ctx: ListenerContext,
): JsonObject[] | undefined {
  const server = gs.server;
  const port = server.port.number;
  const mx =
    (server.tls?.mode ?? "").toUpperCase() === "ISTIO_MUTUAL" ? [metadataExchangeFilter(ctx.profile)] : [];
  const build = (routes: readonly RouteDestination[], vs: ResolvedVirtualService) => [
    ...mx,
    ...routeDestinationFilters(routes, port, vs, ctx),
  ];
  for (const vs of candidateVirtualServices(gs.gatewayName, gs.hosts, vsIndex, ctx.hostIndexes)) {
    if (!vsMatchesServerHosts(vs, gs.hosts)) continue;
    for (const tcp of vs.spec.tcp ?? []) {
      const matches = tcp.match ?? [];
      if (matches.length > 0 && !matches.some((m) => l4Match(m, port, gs.gatewayName))) continue;
      if (!tcp.route || tcp.route.length === 0) continue;
      return build(tcp.route, vs);
    }
    const parent = vs.source.meta.annotations[PARENTS_ANNOTATION] ?? "";
    if (
      ctx.profile.tlsRouteTerminationFallback &&
      parent.startsWith(TLS_ROUTE_PARENT) &&
      !isPassthroughServer(server)
    ) {
      for (const tls of vs.spec.tls ?? [])
        for (const m of tls.match)
          if (l4Match(m, port, gs.gatewayName) && tls.route && tls.route.length > 0)
            return build(tls.route, vs);
    }
  }
  return undefined;
}

/** buildGatewayNetworkFiltersFromTLSRoutes: one SNI chain per matching tls route match. */
function passthroughChains(
  gs: GatewayServer,
  vsIndex: GatewayVirtualServices,
  sniSeen: Map<string, string>,
  ctx: ListenerContext,
): Chain[] {
  const server = gs.server;
  const chains: Chain[] = [];
  for (const vs of candidateVirtualServices(gs.gatewayName, gs.hosts, vsIndex, ctx.hostIndexes)) {
    if (!vsMatchesServerHosts(vs, gs.hosts)) continue;
    for (const tlsRoute of vs.spec.tls ?? []) {
      if (!tlsRoute.route || tlsRoute.route.length === 0) continue;
      tlsRoute.match.forEach((m, i) => {
        if (!l4Match(m, server.port.number, gs.gatewayName)) return;
        const dup = checkDuplicates(m.sniHosts, server.bind ?? "", sniSeen);
        if (dup.length > 0) {
          ctx.notes.push({
            level: "warning",
            message: `skipping VirtualService ${vs.name} rule #${i} on server port ${server.port.number} of gateway ${gs.gatewayName}, duplicate SNI host names: [${dup.join(" ")}]`,
          });
          return;
        }
        chains.push({
          serverNames: m.sniHosts,
          filters: routeDestinationFilters(tlsRoute.route ?? [], server.port.number, vs, ctx),
          server: gs,
        });
      });
    }
  }
  return chains;
}

/**
 * builtAutoPassthroughFilterChains: a chain per (in-mesh service under a server host, non-UDP
 * port) and per DestinationRule subset, matched on the SNI-DNAT cluster name and Istio's
 * mTLS ALPNs, forwarding to the cluster of that name.
 */
function autoPassthroughChains(
  gs: GatewayServer,
  sniHosts: readonly string[],
  ctx: ListenerContext,
): Chain[] {
  const chains: Chain[] = [];
  for (const svc of ctx.services) {
    if (svc.meshExternal) continue;
    if (!sniHosts.some((h) => subsetOf(svc.hostname, h))) continue;
    const rule = ctx.rules.lookup(svc.hostname, svc.namespace);
    for (const port of svc.ports) {
      if (port.protocol === "UDP") continue;
      for (const subset of ["", ...(rule?.spec.subsets ?? []).map((s) => s.name)]) {
        const name = istioSni(port.port, subset, svc.hostname);
        chains.push({
          serverNames: [name],
          applicationProtocols: ISTIO_MTLS_ALPNS,
          filters: singleDestinationFilters(name, subset, svc.hostname, ctx),
          server: gs,
        });
      }
    }
  }
  return chains;
}

/** Filter chains of TCP/TLS servers (createGatewayTCPFilterChainOpts). */
function tcpBasedChains(
  gs: GatewayServer,
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  sniSeen: Map<string, string>,
  ctx: ListenerContext,
): Chain[] {
  const server = gs.server;
  if (!server.tls) {
    const filters = tcpRouteFilters(gs, vsIndex, ctx);
    return filters ? [{ filters: withAuthn(filters, ctx.profile), server: gs }] : [];
  }
  if (!isPassthroughServer(server)) {
    const filters = tcpRouteFilters(gs, vsIndex, ctx);
    if (!filters) return [];
    const tls = downstreamTlsContext(server.tls, isTcpServerWithTlsTermination(server), ctx);
    return [
      {
        serverNames: merged.tlsServerInfo.get(gs)?.sniHosts ?? [],
        ...(tls && { tlsContext: tls }),
        filters: withAuthn(filters, ctx.profile),
        server: gs,
      },
    ];
  }
  const chains = isAutoPassthroughServer(server)
    ? autoPassthroughChains(gs, merged.tlsServerInfo.get(gs)?.sniHosts ?? [], ctx)
    : passthroughChains(gs, vsIndex, sniSeen, ctx);
  return chains.map((c) => ({ ...c, filters: withAuthn(c.filters, ctx.profile) }));
}

/** FilterChain fields: filter_chain_match 1, filters 3, transport_socket 6, transport_socket_connect_timeout 9. */
function renderChain(c: Chain, profile: VersionProfile): JsonObject {
  const out: JsonObject = {};
  const match: JsonObject = {};
  // FilterChainMatch: application_protocols 10 before server_names 11; "*" means no SNI match.
  // Names keep istiod's order: sorted for servers (GetSNIHostsForServer), as written for tls
  // route sniHosts (listener.go `match.ServerNames = chain.sniHosts`).
  if (c.applicationProtocols) match.application_protocols = [...c.applicationProtocols];
  if (c.serverNames && c.serverNames.length > 0 && !c.serverNames.includes("*"))
    match.server_names = [...c.serverNames];
  if (Object.keys(match).length > 0) out.filter_chain_match = match;
  out.filters = c.filters;
  if (c.tlsContext)
    out.transport_socket = { name: "envoy.transport_sockets.tls", typed_config: c.tlsContext };
  if (profile.transportSocketConnectTimeout) out.transport_socket_connect_timeout = "15s";
  return out;
}

export interface ListenerResult {
  readonly listener: JsonObject;
  /** The servers behind each chain, in chain order. */
  readonly chainServers: readonly GatewayServer[];
}

export function buildGatewayListeners(
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  ctx: ListenerContext,
): ListenerResult[] {
  const byName = new Map<string, { bind: string; port: number; chains: Chain[] }>();
  // Passthrough SNI hosts already used, per listener port (tlsHostsByPort in buildGatewayListeners).
  const sniSeenByPort = new Map<number, Map<string, string>>();
  for (const port of merged.serverPorts) {
    if (ctx.proxy.unprivileged && port.number < 1024) {
      ctx.notes.push({
        level: "warning",
        message: `skipping privileged gateway port ${port.number}: the gateway pod runs unprivileged (ports below 1024 are not bound)`,
      });
      continue;
    }
    const ms = merged.mergedServers.get(serverPortKey(port));
    if (!ms) continue;
    const bind = port.bind || "0.0.0.0";
    const name = listenerName(bind, port.number);
    let sniSeen = sniSeenByPort.get(port.number);
    if (!sniSeen) {
      sniSeen = new Map();
      sniSeenByPort.set(port.number, sniSeen);
    }
    const chains = chainsForPort(port, ms.servers, ms.routeName, merged, vsIndex, sniSeen, bind, ctx);
    const existing = byName.get(name);
    if (existing) existing.chains.push(...chains);
    else byName.set(name, { bind, port: port.number, chains });
  }
  const out: ListenerResult[] = [];
  for (const [name, l] of byName) {
    if (l.chains.length === 0) {
      ctx.notes.push({
        level: "warning",
        message: `gateway omitting listener "${name}": it has no filter chains (no route binds its servers)`,
      });
      continue;
    }
    const needsInspector = l.chains.some(
      (c) => (c.serverNames?.length ?? 0) > 0 || c.tlsContext !== undefined,
    );
    const listener: JsonObject = {
      "@type": `${T}envoy.config.listener.v3.Listener`,
      name,
      address: { socket_address: { address: l.bind, port_value: l.port } },
      filter_chains: l.chains.map((c) => renderChain(c, ctx.profile)),
    };
    if (needsInspector) listener.listener_filters = [tlsInspector(ctx.profile)];
    listener.traffic_direction = "OUTBOUND";
    const log = fileAccessLog(ctx.meshConfig, ctx.profile, true);
    if (log) listener.access_log = [log];
    if (ctx.profile.maxConnectionsPerSocketEvent) listener.max_connections_to_accept_per_socket_event = 1;
    out.push({ listener, chainServers: l.chains.map((c) => c.server) });
  }
  return out;
}

function statPrefix(name: string, profile: VersionProfile): string {
  return profile.statPrefixSemicolon ? `${name};` : name;
}

function chainsForPort(
  port: ServerPort,
  servers: readonly GatewayServer[],
  routeName: string,
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  sniSeen: Map<string, string>,
  bind: string,
  ctx: ListenerContext,
): Chain[] {
  const prefix = statPrefix(`outbound_${bind}_${port.number}`, ctx.profile);
  const http = { proxy: ctx.proxy, profile: ctx.profile, meshConfig: ctx.meshConfig };
  if (isHttpProtocol(port.protocol)) {
    // Every HTTP server on the port shares one chain; the first server's protocol decides grpc_web.
    const grpcWeb = port.protocol.toUpperCase() === "GRPC-WEB";
    const filters = withAuthn([connectionManager(prefix, routeName, grpcWeb, http)], ctx.profile);
    return [{ filters, server: servers[0] as GatewayServer }];
  }
  const chains: Chain[] = [];
  for (const gs of servers) {
    if (isHttpsTerminating(gs.server)) {
      const info = merged.tlsServerInfo.get(gs);
      const tls = gs.server.tls ? downstreamTlsContext(gs.server.tls, false, ctx) : undefined;
      const hcmPrefix = gs.server.name ? gs.server.name : prefix;
      chains.push({
        serverNames: info?.sniHosts ?? [],
        ...(tls && { tlsContext: tls }),
        filters: withAuthn([connectionManager(hcmPrefix, info?.routeName ?? "", false, http)], ctx.profile),
        server: gs,
      });
    } else {
      chains.push(...tcpBasedChains(gs, merged, vsIndex, sniSeen, ctx));
    }
  }
  return chains;
}
