import type { JsonObject } from "../envoy/types.js";
import type { RouteDestination, Subset, TrafficPolicy } from "../mesh/istio-types.js";
import type { MeshConfig, MeshService } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { DestinationRuleIndex } from "./destination-rules.js";
import { protoDuration } from "./durations.js";
import { fileAccessLog, tcpStatsFilter } from "./filters.js";
import { destinationCluster } from "./http-routes.js";

/**
 * Network filters that forward a TCP, TLS or passthrough chain to its destination(s)
 * (networkfilter.go buildOutboundNetworkFilters and its single/weighted helpers): the stats
 * filter, then tcp_proxy, in Envoy's field-number order.
 */

const T = "type.googleapis.com/";

export interface TcpProxyContext {
  readonly profile: VersionProfile;
  readonly meshConfig: MeshConfig;
  /** The service a destination host names for the proxy (ServiceForHostname). */
  readonly lookupService: (host: string) => MeshService | undefined;
  readonly rules: DestinationRuleIndex;
}

/** DestinationRule traffic policy that shapes a tcp_proxy: of the first destination's service. */
function policyFor(
  host: string,
  ctx: TcpProxyContext,
): { policy?: TrafficPolicy; subsets: readonly Subset[] } {
  const svc = ctx.lookupService(host);
  if (!svc) return { subsets: [] };
  const rule = ctx.rules.lookup(svc.hostname, svc.namespace);
  return {
    ...(rule?.spec.trafficPolicy && { policy: rule.spec.trafficPolicy }),
    subsets: rule?.spec.subsets ?? [],
  };
}

/** maybeSetHashPolicy: consistentHash.useSourceIp (a subset's load balancer overrides). */
function sourceIpHash(
  policy: TrafficPolicy | undefined,
  subsets: readonly Subset[],
  subset: string,
): boolean {
  let useSourceIp = policy?.loadBalancer?.consistentHash?.useSourceIp === true;
  const lb = subsets.find((x) => x.name === subset)?.trafficPolicy?.loadBalancer;
  if (lb) useSourceIp = lb.consistentHash ? lb.consistentHash.useSourceIp === true : false;
  return useSourceIp;
}

/** A tcp_proxy filter (TcpProxy fields: stat_prefix 1, cluster 2, access_log 5, idle_timeout 8, weighted_clusters 10, hash_policy 11, max_downstream_connection_duration 13). */
function tcpProxyFilter(
  statPrefix: string,
  target: { cluster: string } | { weighted: JsonObject },
  policy: TrafficPolicy | undefined,
  hashSourceIp: boolean,
  ctx: TcpProxyContext,
): JsonObject {
  const tp: JsonObject = {
    "@type": `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
    stat_prefix: statPrefix,
  };
  if ("cluster" in target) tp.cluster = target.cluster;
  const log = fileAccessLog(ctx.meshConfig, ctx.profile, false);
  if (log) tp.access_log = [log];
  const tcp = policy?.connectionPool?.tcp;
  if (tcp?.idleTimeout && ctx.profile.tcpProxyIdleTimeoutFromRule)
    tp.idle_timeout = protoDuration(tcp.idleTimeout);
  if ("weighted" in target) tp.weighted_clusters = target.weighted;
  if (hashSourceIp) tp.hash_policy = [{ source_ip: {} }];
  if (tcp?.maxConnectionDuration)
    tp.max_downstream_connection_duration = protoDuration(tcp.maxConnectionDuration);
  return { name: "envoy.filters.network.tcp_proxy", typed_config: tp };
}

/** Stats filter then tcp_proxy to one cluster, named as its own stat prefix. */
export function singleDestinationFilters(
  cluster: string,
  subset: string,
  policyHost: string,
  ctx: TcpProxyContext,
): JsonObject[] {
  const { policy, subsets } = policyFor(policyHost, ctx);
  return [
    tcpStatsFilter(ctx.profile),
    tcpProxyFilter(cluster, { cluster }, policy, sourceIpHash(policy, subsets, subset), ctx),
  ];
}

/**
 * Filters for a VirtualService tcp/tls route: one destination → tcp_proxy to its cluster
 * (stat prefix = cluster name); several → weighted clusters without weight-0 entries, stat
 * prefix "<vs>.<ns>".
 */
export function routeDestinationFilters(
  routes: readonly RouteDestination[],
  serverPort: number,
  vs: { name: string; namespace: string },
  ctx: TcpProxyContext,
): JsonObject[] {
  const first = routes[0] as RouteDestination;
  const cluster = (d: RouteDestination) =>
    destinationCluster(d.destination, ctx.lookupService(d.destination.host), serverPort, ctx.profile);
  if (routes.length === 1)
    return singleDestinationFilters(
      cluster(first),
      first.destination.subset ?? "",
      first.destination.host,
      ctx,
    );
  const { policy, subsets } = policyFor(first.destination.host, ctx);
  const clusters = routes
    .filter((r) => (r.weight ?? 0) > 0)
    .map((r) => ({ name: cluster(r), weight: r.weight as number }));
  return [
    tcpStatsFilter(ctx.profile),
    tcpProxyFilter(
      `${vs.name}.${vs.namespace}`,
      { weighted: { clusters } },
      policy,
      sourceIpHash(policy, subsets, ""),
      ctx,
    ),
  ];
}
