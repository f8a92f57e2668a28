import type { JsonObject } from "../envoy/types.js";
import { hostsMatch } from "../mesh/hosts.js";
import type { L4MatchAttributes, RouteDestination } from "../mesh/istio-types.js";
import type { MeshConfig, MeshService } from "../mesh/model.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { fileAccessLog, httpFilters, istioAuthnFilter } from "./filters.js";
import {
  type GatewayServer,
  isHttpsTerminating,
  isPassthroughServer,
  type MergedGateway,
  type ServerPort,
  serverPortKey,
} from "./gateways.js";
import { destinationCluster } from "./http-routes.js";
import { listenerName } from "./names.js";
import type { TranslateNote } from "./notes.js";
import { downstreamTlsContext } from "./tls-context.js";
import type { GatewayVirtualServices, ResolvedVirtualService } from "./virtual-services.js";

/** Gateway listeners (gateway.go buildGatewayListeners), in Envoy's field-number order. */

const T = "type.googleapis.com/";
/** Names the Gateway API route a generated VirtualService comes from ("TLSRoute/name.ns"). */
const PARENTS_ANNOTATION = "internal.istio.io/parents";

export interface ListenerContext {
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
  readonly meshConfig: MeshConfig;
  readonly lookupService: (host: string, vsNamespace: string) => MeshService | undefined;
  readonly notes: TranslateNote[];
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

function statPrefix(name: string, profile: VersionProfile): string {
  return profile.statPrefixSemicolon ? `${name};` : name;
}

function rds(routeName: string): JsonObject {
  return {
    config_source: { ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" },
    route_config_name: routeName,
  };
}

/** The HTTP connection manager of a gateway chain (buildGatewayConnectionManager + buildHTTPConnectionManager). */
function connectionManager(
  prefix: string,
  routeName: string,
  grpcWeb: boolean,
  ctx: ListenerContext,
): JsonObject {
  const hcm: JsonObject = {
    "@type": `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    stat_prefix: prefix,
    rds: rds(routeName),
    http_filters: httpFilters(ctx.profile, grpcWeb),
    http_protocol_options: {},
    server_name: "istio-envoy",
  };
  const log = fileAccessLog(ctx.meshConfig, ctx.profile, false);
  if (log) hcm.access_log = [log];
  hcm.use_remote_address = true;
  hcm.forward_client_cert_details = "SANITIZE_SET";
  hcm.set_current_client_cert_details = { subject: true, cert: true, dns: true, uri: true };
  hcm.upgrade_configs = [{ upgrade_type: "websocket" }];
  hcm.stream_idle_timeout = "0s";
  hcm.normalize_path = true;
  hcm.request_id_extension = {
    typed_config: {
      "@type": `${T}envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig`,
      use_request_id_for_trace_sampling: true,
    },
  };
  hcm.path_with_escaped_slashes_action = "KEEP_UNCHANGED";
  return { name: "envoy.filters.network.http_connection_manager", typed_config: hcm };
}

function tcpProxyFilter(
  stat: string,
  cluster: string | undefined,
  weighted: JsonObject | undefined,
  ctx: ListenerContext,
): JsonObject {
  const tp: JsonObject = {
    "@type": `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
    stat_prefix: stat,
  };
  if (cluster !== undefined) tp.cluster = cluster;
  const log = fileAccessLog(ctx.meshConfig, ctx.profile, false);
  if (log) tp.access_log = [log];
  if (weighted) tp.weighted_clusters = weighted;
  return { name: "envoy.filters.network.tcp_proxy", typed_config: tp };
}

/** tcp_proxy to the route's destination(s) (networkfilter.go buildOutboundNetworkFilters). */
function tcpRouteFilters(
  routes: readonly RouteDestination[],
  vs: ResolvedVirtualService,
  serverPort: number,
  ctx: ListenerContext,
): JsonObject[] {
  const first = routes[0] as RouteDestination;
  if (routes.length === 1) {
    const svc = ctx.lookupService(first.destination.host, vs.namespace);
    const cluster = destinationCluster(first.destination, svc, serverPort, ctx.profile);
    return [tcpProxyFilter(cluster, cluster, undefined, ctx)];
  }
  const clusters: JsonObject[] = [];
  for (const r of routes) {
    if ((r.weight ?? 0) > 0) {
      const svc = ctx.lookupService(r.destination.host, vs.namespace);
      clusters.push({
        name: destinationCluster(r.destination, svc, serverPort, ctx.profile),
        weight: r.weight as number,
      });
    }
  }
  return [tcpProxyFilter(`${vs.name}.${vs.namespace}`, undefined, { clusters }, ctx)];
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

function l4Match(m: L4MatchAttributes, serverPort: number, gatewayName: string): boolean {
  const portOk = !m.port || m.port === serverPort;
  const gwOk = !m.gateways || m.gateways.length === 0 || m.gateways.includes(gatewayName);
  return portOk && gwOk;
}

function tcpChainFilters(
  gs: GatewayServer,
  vsList: readonly ResolvedVirtualService[],
  ctx: ListenerContext,
): JsonObject[] | undefined {
  for (const vs of vsList) {
    if (!vsMatchesServerHosts(vs, gs.hosts)) continue;
    for (const tcp of vs.spec.tcp ?? []) {
      const matches = tcp.match ?? [];
      const applies =
        matches.length === 0 || matches.some((m) => l4Match(m, gs.server.port.number, gs.gatewayName));
      if (!applies || !tcp.route || tcp.route.length === 0) continue;
      const out: JsonObject[] = [];
      if ((gs.server.tls?.mode ?? "").toUpperCase() === "ISTIO_MUTUAL") {
        out.push({
          name: "istio.metadata_exchange",
          typed_config: {
            "@type": `${T}envoy.tcp.metadataexchange.config.MetadataExchange`,
            protocol: "istio-peer-exchange",
          },
        });
      }
      return [...out, ...tcpRouteFilters(tcp.route, vs, gs.server.port.number, ctx)];
    }
    // A VirtualService made from a Gateway API TLSRoute has tls blocks, not tcp ones; a
    // terminating server forwards by them too (buildGatewayNetworkFiltersFromTCPRoutes).
    const parents = vs.source.meta.annotations[PARENTS_ANNOTATION] ?? "";
    if (parents.startsWith("TLSRoute/") && gs.server.tls && !isPassthroughServer(gs.server)) {
      for (const tls of vs.spec.tls ?? []) {
        if (!tls.match.some((m) => l4Match(m, gs.server.port.number, gs.gatewayName))) continue;
        if (!tls.route || tls.route.length === 0) continue;
        return tcpRouteFilters(tls.route, vs, gs.server.port.number, ctx);
      }
    }
  }
  return undefined;
}

function withAuthn(filters: JsonObject[], profile: VersionProfile): JsonObject[] {
  if (!profile.istioAuthnNetworkFilter) return filters;
  // istio_authn goes just before the last (terminal) network filter.
  return [...filters.slice(0, -1), istioAuthnFilter(), ...filters.slice(-1)];
}

/** Filter chains of TCP/TLS servers (createGatewayTCPFilterChainOpts). */
function tcpBasedChains(
  gs: GatewayServer,
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  listenerPort: number,
  sniSeen: Map<string, string>,
  ctx: ListenerContext,
): Chain[] {
  const vsList = vsIndex.get(gs.gatewayName) ?? [];
  const server = gs.server;
  if (!server.tls) {
    const filters = tcpChainFilters(gs, vsList, ctx);
    return filters ? [{ filters: withAuthn(filters, ctx.profile), server: gs }] : [];
  }
  if (!isPassthroughServer(server)) {
    const filters = tcpChainFilters(gs, vsList, ctx);
    if (!filters) return [];
    const tls = downstreamTlsContext(server.tls, true);
    return [
      {
        serverNames: merged.tlsServerInfo.get(gs)?.sniHosts ?? [],
        ...(tls && { tlsContext: tls }),
        filters: withAuthn(filters, ctx.profile),
        server: gs,
      },
    ];
  }
  if ((server.tls.mode ?? "").toUpperCase() === "AUTO_PASSTHROUGH") {
    ctx.notes.push({
      level: "info",
      message: `AUTO_PASSTHROUGH on ${gs.gatewayName} is not simulated in detail (one chain per service)`,
    });
    return [];
  }
  const chains: Chain[] = [];
  for (const vs of vsList) {
    if (!vsMatchesServerHosts(vs, gs.hosts)) continue;
    (vs.spec.tls ?? []).forEach((tlsRoute, i) => {
      for (const m of tlsRoute.match) {
        if (!l4Match(m, server.port.number, gs.gatewayName)) continue;
        const bind = server.bind ?? "";
        const dup = m.sniHosts.filter((h) => sniSeen.has(h) && sniSeen.get(h) === bind);
        if (dup.length > 0) {
          ctx.notes.push({
            level: "warning",
            message: `skipping VirtualService ${vs.name} rule #${i} on server port ${server.port.number} of gateway ${gs.gatewayName}, duplicate SNI host names: [${dup.join(" ")}]`,
          });
          continue;
        }
        for (const h of m.sniHosts) sniSeen.set(h, bind);
        if (!tlsRoute.route || tlsRoute.route.length === 0) continue;
        chains.push({
          serverNames: m.sniHosts,
          filters: withAuthn(tcpRouteFilters(tlsRoute.route, vs, server.port.number, ctx), ctx.profile),
          server: gs,
        });
      }
    });
  }
  void listenerPort;
  return chains;
}

function renderChain(c: Chain, profile: VersionProfile): JsonObject {
  const out: JsonObject = {};
  const match: JsonObject = {};
  if (c.serverNames && c.serverNames.length > 0 && !c.serverNames.includes("*"))
    match.server_names = [...c.serverNames].sort();
  if (c.applicationProtocols) match.application_protocols = [...c.applicationProtocols];
  const ordered: JsonObject = {};
  if (match.application_protocols) ordered.application_protocols = match.application_protocols;
  if (match.server_names) ordered.server_names = match.server_names;
  if (Object.keys(ordered).length > 0) out.filter_chain_match = ordered;
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
    const chains = chainsForPort(port, ms.servers, ms.routeName, merged, vsIndex, sniSeenByPort, bind, ctx);
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
    if (needsInspector) {
      listener.listener_filters = [
        {
          name: "envoy.filters.listener.tls_inspector",
          typed_config: { "@type": `${T}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector` },
        },
      ];
    }
    listener.traffic_direction = "OUTBOUND";
    const log = fileAccessLog(ctx.meshConfig, ctx.profile, true);
    if (log) listener.access_log = [log];
    if (ctx.profile.maxConnectionsPerSocketEvent) listener.max_connections_to_accept_per_socket_event = 1;
    out.push({ listener, chainServers: l.chains.map((c) => c.server) });
  }
  return out;
}

function chainsForPort(
  port: ServerPort,
  servers: readonly GatewayServer[],
  routeName: string,
  merged: MergedGateway,
  vsIndex: GatewayVirtualServices,
  sniSeenByPort: Map<number, Map<string, string>>,
  bind: string,
  ctx: ListenerContext,
): Chain[] {
  const prefix = statPrefix(`outbound_${bind}_${port.number}`, ctx.profile);
  if (isHttpProtocol(port.protocol)) {
    const grpcWeb = port.protocol.toUpperCase() === "GRPC-WEB";
    const filters = withAuthn([connectionManager(prefix, routeName, grpcWeb, ctx)], ctx.profile);
    return [{ filters, server: servers[0] as GatewayServer }];
  }
  let sniSeen = sniSeenByPort.get(port.number);
  if (!sniSeen) {
    sniSeen = new Map();
    sniSeenByPort.set(port.number, sniSeen);
  }
  const chains: Chain[] = [];
  for (const gs of servers) {
    if (isHttpsTerminating(gs.server)) {
      const info = merged.tlsServerInfo.get(gs);
      const tls = gs.server.tls ? downstreamTlsContext(gs.server.tls, false) : undefined;
      const hcmPrefix = gs.server.name ? gs.server.name : prefix;
      chains.push({
        serverNames: info?.sniHosts ?? [],
        ...(tls && { tlsContext: tls }),
        filters: withAuthn([connectionManager(hcmPrefix, info?.routeName ?? "", false, ctx)], ctx.profile),
        server: gs,
      });
    } else {
      chains.push(...tcpBasedChains(gs, merged, vsIndex, port.number, sniSeen, ctx));
    }
  }
  return chains;
}
