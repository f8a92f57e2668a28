import type { JsonObject } from "../envoy/types.js";
import type { TrafficPolicy } from "../mesh/istio-types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { Mesh, MeshEndpoint, MeshService, ServicePortInfo } from "../mesh/model.js";
import { endpointKey } from "../mesh/model.js";
import { isHttp2Protocol } from "../mesh/protocol.js";
import type { VersionProfile } from "../profiles/profiles.js";
import {
  applyTrafficPolicy,
  type ClusterDraft,
  httpProtocolOptions,
  portPolicy,
  setH2,
  subsetPolicy,
} from "./cluster-policy.js";
import type { DestinationRuleIndex, EffectiveRule } from "./destination-rules.js";
import { workloadLabel } from "./endpoints.js";
import { tcpMetadataExchange } from "./filters.js";
import { clusterName, configPath, istioSni } from "./names.js";
import type { TranslateNote } from "./notes.js";
import { upstreamTls } from "./upstream-tls.js";

/**
 * Outbound clusters of a gateway (cluster.go buildOutboundClusters, cluster_builder.go
 * buildCluster/applyDestinationRule/buildSubsetCluster): one per visible service port, one
 * per DestinationRule subset and port, then BlackHoleCluster, then the SNI-DNAT clusters of
 * AUTO_PASSTHROUGH servers. Rendered in Envoy's field-number order.
 */

const T = "type.googleapis.com/";

export interface ClusterContext {
  readonly mesh: Mesh;
  /** The gateway's services in istiod's order, one per host (service-scope.ts). */
  readonly services: readonly MeshService[];
  readonly profile: VersionProfile;
  readonly proxyNamespace: string;
  readonly rules: DestinationRuleIndex;
  readonly notes: TranslateNote[];
  /** The merged gateway has an AUTO_PASSTHROUGH server: add SNI-DNAT clusters. */
  readonly sniDnat?: boolean;
}

/** A cluster with what it was built from, for endpoints and explanations. */
export interface BuiltCluster {
  readonly cluster: JsonObject;
  readonly service?: MeshService;
  readonly port?: ServicePortInfo;
  readonly subset?: string;
  /** Endpoints that belong to this cluster (EDS clusters only). */
  readonly endpoints: readonly MeshEndpoint[];
  readonly rule?: EffectiveRule;
  /** The policy that applied, for endpoint decisions (outlier minHealthPercent). */
  readonly policy?: TrafficPolicy;
}

/**
 * A ServiceEntry annotated istio.io/connect-strategy: RACE_FIRST_TCP_CONNECT (model/service.go
 * GetDNSConnectStrategy): its DNS cluster races all resolved addresses.
 */
function raceFirstConnect(svc: MeshService, profile: VersionProfile): boolean {
  return (
    profile.dnsConnectStrategyAnnotation &&
    svc.kind === "ServiceEntry" &&
    (svc.meta.annotations["istio.io/connect-strategy"] ?? "").toUpperCase() === "RACE_FIRST_TCP_CONNECT"
  );
}

/** convertResolution for a Router; undefined for services that get no cluster (aliases). */
function discoveryType(svc: MeshService, profile: VersionProfile): string | undefined {
  if (svc.externalName !== undefined) return profile.externalNameAlias ? undefined : "STRICT_DNS";
  switch (svc.resolution) {
    case "DNSLB":
      return raceFirstConnect(svc, profile) ? "LOGICAL_DNS" : "STRICT_DNS";
    case "DNSRoundRobinLB":
      return "LOGICAL_DNS";
    case "Alias":
      return undefined;
    default:
      // ClientSideLB, and Passthrough (headless) too: gateways cannot use ORIGINAL_DST clusters.
      return "EDS";
  }
}

function suffixed(name: string, profile: VersionProfile): string {
  return profile.statPrefixSemicolon ? `${name};` : name;
}

/** spiffe identities of the service's workloads, across all its ports, sorted. */
function serviceAccounts(svc: MeshService, mesh: Mesh): string[] {
  const domain = mesh.domainSuffix || "cluster.local";
  const set = new Set<string>();
  for (const e of mesh.endpoints.get(endpointKey(svc.namespace, svc.hostname)) ?? [])
    if (e.serviceAccount) set.add(`spiffe://${domain}/ns/${e.namespace}/sa/${e.serviceAccount}`);
  return [...set].sort();
}

/** Endpoints of one service port: those whose service port name (or number) is that port's. */
export function endpointsForPort(svc: MeshService, port: ServicePortInfo, mesh: Mesh): MeshEndpoint[] {
  const all = mesh.endpoints.get(endpointKey(svc.namespace, svc.hostname)) ?? [];
  return all.filter((e) =>
    e.servicePort !== undefined ? e.servicePort === port.port : e.servicePortName === port.name,
  );
}

/** Where a DNS cluster resolves: its endpoints, or for a ServiceEntry without endpoints its host. */
function dnsTargets(
  svc: MeshService,
  port: ServicePortInfo,
  endpoints: readonly MeshEndpoint[],
): MeshEndpoint[] {
  if (endpoints.length > 0) return [...endpoints];
  const address = svc.externalName ?? (svc.kind === "ServiceEntry" ? svc.hostname : undefined);
  if (!address) return [];
  const target =
    typeof port.targetPort === "number" && svc.kind === "ServiceEntry" ? port.targetPort : port.port;
  return [
    {
      address,
      port: target,
      servicePortName: port.name,
      // ExternalName endpoints carry the Service's labels (kube/conversion.go@1.17.8).
      labels: svc.externalName !== undefined ? svc.labels : {},
      namespace: svc.namespace,
      workloadName: svc.meta.name,
      origin: svc.externalName !== undefined ? "externalName" : "serviceEntryHost",
      health: "HEALTHY",
    },
  ];
}

/** The inline ClusterLoadAssignment of a DNS cluster, grouped by locality as istiod sends it. */
function inlineLoadAssignment(
  name: string,
  endpoints: readonly MeshEndpoint[],
  profile: VersionProfile,
): JsonObject {
  const byLocality = new Map<string, JsonObject[]>();
  for (const e of endpoints) {
    const filterMetadata: JsonObject = {};
    if (e.tlsMode === "istio") filterMetadata["envoy.transport_socket_match"] = { tlsMode: "istio" };
    filterMetadata.istio = { workload: workloadLabel(e, profile) };
    const lb: JsonObject = {
      endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
      health_status: "HEALTHY",
      metadata: { filter_metadata: filterMetadata },
      load_balancing_weight: e.weight ?? 1,
    };
    const key = e.locality ?? "";
    const list = byLocality.get(key);
    if (list) list.push(lb);
    else byLocality.set(key, [lb]);
  }
  const groups = [...byLocality.keys()].sort().map((l) => {
    const lbs = byLocality.get(l) as JsonObject[];
    const [region, zone, subZone] = l.split("/");
    const locality: JsonObject = {};
    if (region) locality.region = region;
    if (zone) locality.zone = zone;
    if (subZone) locality.sub_zone = subZone;
    return {
      locality,
      lb_endpoints: lbs,
      load_balancing_weight: lbs.reduce((n, x) => n + (x.load_balancing_weight as number), 0),
    };
  });
  return { cluster_name: name, endpoints: groups };
}

/** Cluster fields in field-number order (envoy/config/cluster/v3/cluster.proto). */
const CLUSTER_FIELDS = [
  "@type",
  "name", // 1
  "type", // 2
  "eds_cluster_config", // 3
  "connect_timeout", // 4
  "lb_policy", // 6
  "circuit_breakers", // 10
  "dns_refresh_rate", // 16
  "dns_lookup_family", // 17
  "outlier_detection", // 19
  "ring_hash_lb_config", // 23
  "transport_socket", // 24
  "metadata", // 25
  "common_lb_config", // 27
  "alt_stat_name", // 28
  "upstream_connection_options", // 30
  "load_assignment", // 33
  "typed_extension_protocol_options", // 36
  "least_request_lb_config", // 37
  "respect_dns_ttl", // 39
  "filters", // 40
  "transport_socket_matches", // 43
  "maglev_lb_config", // 52
  "typed_dns_resolver_config", // 55
  "round_robin_lb_config", // 56
  "dns_jitter", // 58
];

function render(fields: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of CLUSTER_FIELDS) if (fields[k] !== undefined) out[k] = fields[k] as JsonObject;
  return out;
}

interface Target {
  readonly svc: MeshService;
  readonly port: ServicePortInfo;
  readonly subset: string;
  readonly type: string;
  readonly endpoints: readonly MeshEndpoint[];
  readonly rule?: EffectiveRule;
  readonly policy?: TrafficPolicy;
  /** SNI-DNAT clusters of AUTO_PASSTHROUGH: outbound_.<port>_.<subset>_.<host>, no upstream TLS. */
  readonly sniDnat: boolean;
}

/** buildCluster + applyDestinationRule (or buildSubsetCluster) for one target; undefined when dropped. */
function buildOne(t: Target, ctx: ClusterContext): JsonObject | undefined {
  const { profile, mesh } = ctx;
  const name = t.sniDnat
    ? istioSni(t.port.port, t.subset, t.svc.hostname)
    : clusterName("outbound", t.port.port, t.subset, t.svc.hostname);
  const f: JsonObject = { "@type": `${T}envoy.config.cluster.v3.Cluster`, name, type: t.type };
  const d: ClusterDraft = { fields: f, commonLb: {}, http: { set: false } };
  if (t.type === "STRICT_DNS" || t.type === "LOGICAL_DNS") {
    const targets = dnsTargets(t.svc, t.port, t.endpoints);
    // A DNS cluster without endpoints is not sent at all.
    if (targets.length === 0) {
      ctx.notes.push({
        level: "info",
        message: `${t.type} cluster ${name} has no endpoints; istiod drops it`,
      });
      return undefined;
    }
    f.dns_refresh_rate = "60s";
    // The gateway pod has one IPv4 address; racing connections need both families.
    f.dns_lookup_family = raceFirstConnect(t.svc, profile) ? "ALL" : "V4_ONLY";
    f.respect_dns_ttl = true;
    if (profile.dnsCaresResolver) {
      f.typed_dns_resolver_config = {
        name: "envoy.network.dns_resolver.cares",
        typed_config: {
          "@type": `${T}envoy.extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig`,
          udp_max_queries: 100,
        },
      };
      f.dns_jitter = "0.100s";
    }
    f.load_assignment = inlineLoadAssignment(name, targets, profile);
  }
  if (profile.clusterAltStatName) f.alt_stat_name = suffixed(name, profile);
  if (isHttp2Protocol(t.port.protocol)) setH2(d);
  // Telemetry metadata; 1.17 also records the service port for tunnelling.
  const istio: JsonObject = {};
  if (profile.clusterDefaultOriginalPort) istio.default_original_port = t.port.port;
  istio.services = [{ host: t.svc.hostname, name: t.svc.name, namespace: t.svc.namespace }];
  // applyTrafficPolicy: connection pool, outlier detection, load balancer, upstream TLS.
  f.connect_timeout = mesh.meshConfig.connectTimeout;
  f.lb_policy = "LEAST_REQUEST";
  applyTrafficPolicy(d, t.policy, profile);
  if (f.type === "EDS") {
    f.eds_cluster_config = {
      eds_config: { ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" },
      service_name: name,
    };
  }
  if (!t.sniDnat) {
    const tls = upstreamTls({
      ...(t.policy?.tls && { tls: t.policy.tls }),
      serviceAccounts: serviceAccounts(t.svc, mesh),
      istioSni: istioSni(t.port.port, t.subset, t.svc.hostname),
      autoMtls: mesh.meshConfig.enableAutoMtls,
      meshExternal: t.svc.meshExternal,
      h2: d.http.protocol?.kind === "h2",
      clusterName: name,
      profile,
    });
    if (tls.transportSocket) f.transport_socket = tls.transportSocket;
    // ORIGINAL_DST clusters keep a plain socket; the others split by tlsMode.
    if (tls.transportSocketMatches && f.type !== "ORIGINAL_DST")
      f.transport_socket_matches = tls.transportSocketMatches;
    if (tls.upstreamHttpProtocolOptions) {
      d.http.set = true;
      d.http.upstream = tls.upstreamHttpProtocolOptions;
    }
  }
  f.filters = [{ name: "istio.metadata_exchange", typed_config: tcpMetadataExchange(profile) }];
  if (t.svc.meshExternal && profile.clusterExternalMetadata) istio.external = true;
  const src = t.rule?.sources[0];
  if (src)
    istio.config = configPath(
      profile.configPathApiVersion,
      "destination-rule",
      src.meta.namespace,
      src.meta.name,
    );
  const tlsMode = (t.policy?.tls?.mode ?? "").toUpperCase();
  if (src && profile.clusterAlpnOverrideMetadata && (tlsMode === "SIMPLE" || tlsMode === "MUTUAL"))
    istio.alpn_override = "false";
  if (t.subset) istio.subset = t.subset;
  f.metadata = { filter_metadata: { istio } };
  f.common_lb_config = d.commonLb;
  const hpo = httpProtocolOptions(d.http);
  if (hpo)
    f.typed_extension_protocol_options = { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": hpo };
  if (f.type === "ORIGINAL_DST") f.lb_policy = "CLUSTER_PROVIDED";
  return render(f);
}

/** The targets of one service port: the service's own cluster, then one per DR subset. */
function targetsFor(
  svc: MeshService,
  port: ServicePortInfo,
  type: string,
  rule: EffectiveRule | undefined,
  sniDnat: boolean,
  mesh: Mesh,
): Target[] {
  const endpoints = endpointsForPort(svc, port, mesh);
  const parent = rule?.spec.trafficPolicy;
  const base: Target = {
    svc,
    port,
    subset: "",
    type,
    endpoints,
    ...(rule && { rule }),
    ...(parent && { policy: portPolicy(parent, port.port) }),
    sniDnat,
  };
  const out: Target[] = [base];
  for (const subset of rule?.spec.subsets ?? []) {
    const policy = subsetPolicy(parent, subset.trafficPolicy, port.port);
    out.push({
      ...base,
      subset: subset.name,
      // A subset with the PASSTHROUGH load balancer is ORIGINAL_DST whatever the service.
      type: (policy?.loadBalancer?.simple ?? "").toUpperCase() === "PASSTHROUGH" ? "ORIGINAL_DST" : type,
      endpoints: endpoints.filter((e) => labelsMatch(subset.labels ?? {}, e.labels)),
      ...(policy && { policy }),
    });
  }
  return out;
}

export function buildClusters(ctx: ClusterContext): BuiltCluster[] {
  const out: BuiltCluster[] = [];
  const sniDnat: BuiltCluster[] = [];
  for (const svc of ctx.services) {
    const type = discoveryType(svc, ctx.profile);
    if (!type) continue;
    const rule = ctx.rules.lookup(svc.hostname, svc.namespace);
    for (const port of svc.ports) {
      if (port.protocol === "UDP") continue;
      for (const t of targetsFor(svc, port, type, rule, false, ctx.mesh)) {
        const cluster = buildOne(t, ctx);
        if (cluster) out.push(builtOf(cluster, t));
      }
      if (ctx.sniDnat && !svc.meshExternal) {
        for (const t of targetsFor(svc, port, type, rule, true, ctx.mesh)) {
          const cluster = buildOne(t, ctx);
          // SNI-DNAT clusters only reach endpoints that speak Istio mTLS.
          if (cluster)
            sniDnat.push(
              builtOf(cluster, { ...t, endpoints: t.endpoints.filter((e) => e.tlsMode === "istio") }),
            );
        }
      }
    }
  }
  out.push({ cluster: blackHoleCluster(ctx), endpoints: [] });
  return [...out, ...sniDnat];
}

function builtOf(cluster: JsonObject, t: Target): BuiltCluster {
  return {
    cluster,
    service: t.svc,
    port: t.port,
    ...(t.subset && { subset: t.subset }),
    endpoints: t.endpoints,
    ...(t.rule && { rule: t.rule }),
    ...(t.policy && { policy: t.policy }),
  };
}

function blackHoleCluster(ctx: ClusterContext): JsonObject {
  const c: JsonObject = {
    "@type": `${T}envoy.config.cluster.v3.Cluster`,
    name: "BlackHoleCluster",
    type: "STATIC",
    connect_timeout: ctx.mesh.meshConfig.connectTimeout,
  };
  if (ctx.profile.clusterAltStatName) c.alt_stat_name = suffixed("BlackHoleCluster", ctx.profile);
  return c;
}
