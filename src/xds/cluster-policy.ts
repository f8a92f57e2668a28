import type { JsonObject } from "../envoy/types.js";
import type {
  ConnectionPoolSettings,
  LoadBalancerSettings,
  OutlierDetection,
  TrafficPolicy,
} from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { parseGoDuration, protoDuration } from "./durations.js";

/**
 * DestinationRule traffic policy → cluster fields (cluster_traffic_policy.go applyTrafficPolicy:
 * connection pool, h2 upgrade, outlier detection, load balancer). The caller renders the
 * draft in field-number order.
 */

const MAX = 4294967295;

/** The cluster being built: Envoy fields by name, plus the HttpProtocolOptions istiod accumulates. */
export interface ClusterDraft {
  readonly fields: JsonObject;
  /** CommonLbConfig fields. */
  readonly commonLb: JsonObject;
  http: HttpOptions;
}

export interface HttpOptions {
  common?: JsonObject;
  upstream?: JsonObject;
  /** explicit http2 ({} or with options), explicit http1, or use_downstream_protocol. */
  protocol?: { kind: "h2"; options: JsonObject } | { kind: "downstream"; h2: JsonObject };
  set: boolean;
}

/** The policy for one port: a portLevelSettings entry replaces the whole policy (GetPortLevelTrafficPolicy). */
export function portPolicy(policy: TrafficPolicy | undefined, port: number): TrafficPolicy | undefined {
  const pls = policy?.portLevelSettings?.find((p) => p.port?.number === port);
  if (!pls) return policy;
  const { port: _port, ...rest } = pls;
  return rest;
}

/** MergeSubsetTrafficPolicy: subset fields replace the parent's; a subset port-level entry replaces all. */
export function subsetPolicy(
  parent: TrafficPolicy | undefined,
  subset: TrafficPolicy | undefined,
  port: number,
): TrafficPolicy | undefined {
  const base = portPolicy(parent, port);
  if (!subset) return base;
  const subsetPls = subset.portLevelSettings?.find((p) => p.port?.number === port);
  if (subsetPls) {
    const { port: _port, ...rest } = subsetPls;
    return rest;
  }
  if (!base) return subset;
  const out: TrafficPolicy = { ...base };
  if (subset.connectionPool) out.connectionPool = subset.connectionPool;
  if (subset.outlierDetection) out.outlierDetection = subset.outlierDetection;
  if (subset.loadBalancer) out.loadBalancer = subset.loadBalancer;
  if (subset.tls) out.tls = subset.tls;
  return out;
}

function seconds(d: string | undefined): number | undefined {
  if (!d) return undefined;
  const n = parseGoDuration(d);
  return n === undefined ? undefined : Math.trunc(n / 1e9);
}

/** CircuitBreakers.Thresholds: max_connections 2, max_pending_requests 3, max_requests 4, max_retries 5, track_remaining 6. */
function thresholds(pool: ConnectionPoolSettings | undefined, profile: VersionProfile): JsonObject {
  const t: JsonObject = {
    max_connections: pool?.tcp?.maxConnections && pool.tcp.maxConnections > 0 ? pool.tcp.maxConnections : MAX,
    max_pending_requests:
      pool?.http?.http1MaxPendingRequests && pool.http.http1MaxPendingRequests > 0
        ? pool.http.http1MaxPendingRequests
        : MAX,
    max_requests:
      pool?.http?.http2MaxRequests && pool.http.http2MaxRequests > 0 ? pool.http.http2MaxRequests : MAX,
    max_retries: pool?.http?.maxRetries && pool.http.maxRetries > 0 ? pool.http.maxRetries : MAX,
  };
  if (profile.circuitBreakerTrackRemaining) t.track_remaining = true;
  return t;
}

/** applyConnectionPool: thresholds, connect timeout, keepalive, and the common HTTP options. */
function applyConnectionPool(
  d: ClusterDraft,
  pool: ConnectionPoolSettings | undefined,
  profile: VersionProfile,
) {
  d.fields.circuit_breakers = { thresholds: [thresholds(pool, profile)] };
  if (pool?.tcp?.connectTimeout) d.fields.connect_timeout = protoDuration(pool.tcp.connectTimeout);
  const ka = pool?.tcp?.tcpKeepalive;
  if (ka) {
    const k: JsonObject = {};
    if (ka.probes && ka.probes > 0) k.keepalive_probes = ka.probes;
    const time = seconds(ka.time);
    if (time !== undefined) k.keepalive_time = time;
    const interval = seconds(ka.interval);
    if (interval !== undefined) k.keepalive_interval = interval;
    d.fields.upstream_connection_options = { tcp_keepalive: k };
  }
  const idle = pool?.http?.idleTimeout ?? pool?.tcp?.idleTimeout;
  const maxReq = pool?.http?.maxRequestsPerConnection ?? 0;
  const maxDur = pool?.tcp?.maxConnectionDuration;
  const streams = pool?.http?.maxConcurrentStreams ?? 0;
  if (idle || maxReq > 0 || maxDur || streams > 0) {
    d.http.set = true;
    // core.HttpProtocolOptions: idle_timeout 1, max_connection_duration 3, max_requests_per_connection 6.
    const common: JsonObject = {};
    if (idle) common.idle_timeout = protoDuration(idle);
    if (maxDur) common.max_connection_duration = protoDuration(maxDur);
    if (maxReq > 0) common.max_requests_per_connection = maxReq;
    d.http.common = common;
    if (d.http.protocol?.kind === "h2" && streams > 0)
      d.http.protocol.options.max_concurrent_streams = streams;
  }
  if (pool?.http?.useClientProtocol) {
    d.http.set = true;
    d.http.protocol = { kind: "downstream", h2: {} };
  }
}

/** shouldH2Upgrade: an explicit UPGRADE on the pool (not with useClientProtocol), for any port. */
function applyH2Upgrade(d: ClusterDraft, pool: ConnectionPoolSettings | undefined): void {
  const http = pool?.http;
  if (!http || http.useClientProtocol) return;
  if ((http.h2UpgradePolicy ?? "").toUpperCase() === "UPGRADE") setH2(d);
}

export function setH2(d: ClusterDraft): void {
  d.http.set = true;
  d.http.protocol ??= { kind: "h2", options: {} };
}

/**
 * applyOutlierDetection (OutlierDetection fields: consecutive_5xx 1, interval 2,
 * base_ejection_time 3, max_ejection_percent 4, enforcing_consecutive_5xx 5,
 * enforcing_success_rate 6, consecutive_gateway_failure 10,
 * enforcing_consecutive_gateway_failure 11, split_external_local_origin_errors 12,
 * consecutive_local_origin_failure 13, enforcing_consecutive_local_origin_failure 14,
 * enforcing_local_origin_success_rate 15).
 */
function applyOutlierDetection(d: ClusterDraft, o: OutlierDetection | undefined): void {
  if (!o) return;
  const out: JsonObject = {};
  const fiveXx = o.consecutive5xxErrors;
  if (fiveXx !== undefined) out.consecutive_5xx = fiveXx;
  if (o.interval) out.interval = protoDuration(o.interval);
  if (o.baseEjectionTime) out.base_ejection_time = protoDuration(o.baseEjectionTime);
  if (o.maxEjectionPercent && o.maxEjectionPercent > 0) out.max_ejection_percent = o.maxEjectionPercent;
  if (fiveXx !== undefined) out.enforcing_consecutive_5xx = fiveXx > 0 ? 100 : 0;
  out.enforcing_success_rate = 0;
  if (o.consecutiveGatewayErrors !== undefined) {
    out.consecutive_gateway_failure = o.consecutiveGatewayErrors;
    out.enforcing_consecutive_gateway_failure = o.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  if (o.splitExternalLocalOriginErrors) {
    out.split_external_local_origin_errors = true;
    if ((o.consecutiveLocalOriginFailures ?? 0) > 0) {
      out.consecutive_local_origin_failure = o.consecutiveLocalOriginFailures as number;
      out.enforcing_consecutive_local_origin_failure = 100;
    }
    out.enforcing_local_origin_success_rate = 0;
  }
  d.fields.outlier_detection = out;
  // The panic threshold is set even at 0, which Envoy would otherwise read as 50%.
  const min = o.minHealthPercent ?? 0;
  d.commonLb.healthy_panic_threshold = min > 0 ? { value: min } : {};
}

/**
 * SlowStartConfig (window 1, aggression 2, min_weight_percent 3): from `warmup` (≥1.24,
 * setWarmup: aggression 1 and minimum 10% by default, runtime key "(") or else from
 * warmupDurationSecs (setSlowStartConfig).
 */
function slowStart(lb: LoadBalancerSettings, profile: VersionProfile): JsonObject | undefined {
  const w = lb.warmup;
  if (w && profile.lbWarmupObject) {
    const cfg: JsonObject = {};
    if (w.duration) cfg.slow_start_window = protoDuration(w.duration);
    cfg.aggression = { default_value: w.aggression ?? 1, runtime_key: "(" };
    cfg.min_weight_percent = { value: w.minimumPercent ?? 10 };
    return { slow_start_config: cfg };
  }
  return lb.warmupDurationSecs
    ? { slow_start_config: { slow_start_window: protoDuration(lb.warmupDurationSecs) } }
    : undefined;
}

/** applyLoadBalancer: locality config, the simple policy (LEAST_REQUEST by default), consistent hash. */
function applyLoadBalancer(
  d: ClusterDraft,
  lb: LoadBalancerSettings | undefined,
  profile: VersionProfile,
): void {
  const f = d.fields;
  // Locality LB is on in the default mesh config; up to 1.23 that alone sets the empty config.
  const locality = lb?.localityLbSetting as
    | { enabled?: boolean; distribute?: unknown; failover?: unknown; failoverPriority?: unknown }
    | undefined;
  const failover =
    d.fields.outlier_detection !== undefined && (locality?.failover || locality?.failoverPriority);
  const enabled = locality?.enabled !== false;
  if (enabled && (profile.localityWeightedLbAlways || locality?.distribute || failover))
    d.commonLb.locality_weighted_lb_config = {};
  if (profile.panicThresholdZeroByDefault && d.commonLb.healthy_panic_threshold === undefined)
    d.commonLb.healthy_panic_threshold = {};
  if (f.type === "ORIGINAL_DST") {
    f.lb_policy = "CLUSTER_PROVIDED";
    return;
  }
  const simple = (lb?.simple ?? "").toUpperCase();
  const warm = lb ? slowStart(lb, profile) : undefined;
  if (simple === "ROUND_ROBIN") {
    delete f.lb_policy; // ROUND_ROBIN is the enum's zero value
    if (warm) f.round_robin_lb_config = warm;
  } else if (simple === "RANDOM") f.lb_policy = "RANDOM";
  else if (simple === "PASSTHROUGH") {
    f.lb_policy = "CLUSTER_PROVIDED";
    f.type = "ORIGINAL_DST";
    delete f.load_assignment;
  } else {
    f.lb_policy = "LEAST_REQUEST";
    if (warm) f.least_request_lb_config = warm;
  }
  const ch = lb?.consistentHash;
  if (!ch) return;
  if (ch.maglev) {
    f.lb_policy = "MAGLEV";
    if (ch.maglev.tableSize) f.maglev_lb_config = { table_size: String(ch.maglev.tableSize) };
  } else if (ch.ringHash) {
    f.lb_policy = "RING_HASH";
    if (ch.ringHash.minimumRingSize)
      f.ring_hash_lb_config = { minimum_ring_size: String(ch.ringHash.minimumRingSize) };
  } else {
    f.lb_policy = "RING_HASH";
    f.ring_hash_lb_config = { minimum_ring_size: String(ch.minimumRingSize || 1024) };
  }
}

/** The traffic policy on a draft, in istiod's order (pool, h2 upgrade, outlier, load balancer). */
export function applyTrafficPolicy(
  d: ClusterDraft,
  policy: TrafficPolicy | undefined,
  profile: VersionProfile,
): void {
  applyH2Upgrade(d, policy?.connectionPool);
  applyConnectionPool(d, policy?.connectionPool, profile);
  applyOutlierDetection(d, policy?.outlierDetection);
  applyLoadBalancer(d, policy?.loadBalancer, profile);
}

/** HttpProtocolOptions (common 1, upstream 2, explicit_http_config 3, use_downstream_protocol_config 5), or undefined. */
export function httpProtocolOptions(h: HttpOptions): JsonObject | undefined {
  if (!h.set) return undefined;
  const out: JsonObject = {
    "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
  };
  if (h.common) out.common_http_protocol_options = h.common;
  if (h.upstream) out.upstream_http_protocol_options = h.upstream;
  const p = h.protocol;
  if (!p) out.explicit_http_config = { http_protocol_options: {} };
  else if (p.kind === "h2") out.explicit_http_config = { http2_protocol_options: p.options };
  else out.use_downstream_protocol_config = { http_protocol_options: {}, http2_protocol_options: p.h2 };
  return out;
}
