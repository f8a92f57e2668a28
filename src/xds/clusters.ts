import type { JsonObject } from "../envoy/types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { Mesh, MeshEndpoint, MeshService, ServicePortInfo } from "../mesh/model.js";
import { endpointKey } from "../mesh/model.js";
import { isHttp2Protocol } from "../mesh/protocol.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { DestinationRuleIndex, EffectiveRule } from "./destination-rules.js";
import { clusterName, configPath, istioSni } from "./names.js";
import type { TranslateNote } from "./notes.js";

/**
 * Outbound clusters of a gateway (cluster.go buildOutboundClusters): one per visible service
 * port, plus one per DestinationRule subset, then BlackHoleCluster. Field-number order.
 */

const T = "type.googleapis.com/";
const MAX = 4294967295;

export interface ClusterContext {
  readonly mesh: Mesh;
  readonly profile: VersionProfile;
  readonly proxyNamespace: string;
  readonly rules: DestinationRuleIndex;
  readonly notes: TranslateNote[];
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
}

/** A service is visible to the gateway when it is exported to the gateway pod's namespace. */
export function serviceVisible(svc: MeshService, namespace: string): boolean {
  const e = svc.exportTo;
  if (e.includes("*")) return true;
  if (e.includes("~")) return false;
  return e.some((x) => (x === "." ? svc.namespace === namespace : x === namespace));
}

function discoveryType(svc: MeshService, profile: VersionProfile): string | undefined {
  if (svc.externalName !== undefined) return profile.externalNameAlias ? undefined : "STRICT_DNS";
  switch (svc.resolution) {
    case "DNSLB":
      return "STRICT_DNS";
    case "DNSRoundRobinLB":
      return "LOGICAL_DNS";
    case "Alias":
      return undefined;
    default:
      return "EDS";
  }
}

function suffixed(name: string, profile: VersionProfile): string {
  return profile.statPrefixSemicolon ? `${name};` : name;
}

function serviceAccounts(endpoints: readonly MeshEndpoint[], domain: string): string[] {
  const set = new Set<string>();
  for (const e of endpoints)
    if (e.serviceAccount) set.add(`spiffe://${domain}/ns/${e.namespace}/sa/${e.serviceAccount}`);
  return [...set].sort();
}

function sdsGrpc(name: string): JsonObject {
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: "GRPC",
        grpc_services: [{ envoy_grpc: { cluster_name: "sds-grpc" } }],
        set_node_on_first_message_only: true,
        transport_api_version: "V3",
      },
      initial_fetch_timeout: "0s",
      resource_api_version: "V3",
    },
  };
}

/** Auto mTLS: Istio mTLS for endpoints labelled tlsMode=istio, plain text for the rest. */
function autoMtlsMatches(sni: string, sans: readonly string[], h2: boolean): JsonObject[] {
  return [
    {
      name: "tlsMode-istio",
      match: { tlsMode: "istio" },
      transport_socket: {
        name: "envoy.transport_sockets.tls",
        typed_config: {
          "@type": `${T}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
          common_tls_context: {
            tls_params: { tls_minimum_protocol_version: "TLSv1_2", tls_maximum_protocol_version: "TLSv1_3" },
            alpn_protocols: h2 ? ["istio-peer-exchange", "istio", "h2"] : ["istio-peer-exchange", "istio"],
            tls_certificate_sds_secret_configs: [sdsGrpc("default")],
            combined_validation_context: {
              default_validation_context:
                sans.length > 0 ? { match_subject_alt_names: sans.map((s) => ({ exact: s })) } : {},
              validation_context_sds_secret_config: sdsGrpc("ROOTCA"),
            },
          },
          sni,
        },
      },
    },
    {
      name: "tlsMode-disabled",
      match: {},
      transport_socket: {
        name: "envoy.transport_sockets.raw_buffer",
        typed_config: { "@type": `${T}envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer` },
      },
    },
  ];
}

function buildOne(
  svc: MeshService,
  port: ServicePortInfo,
  subset: string,
  type: string,
  endpoints: readonly MeshEndpoint[],
  rule: EffectiveRule | undefined,
  ctx: ClusterContext,
): JsonObject {
  const profile = ctx.profile;
  const name = clusterName("outbound", port.port, subset, svc.hostname);
  const h2 = isHttp2Protocol(port.protocol);
  const c: JsonObject = { "@type": `${T}envoy.config.cluster.v3.Cluster`, name, type };
  if (type === "EDS") {
    c.eds_cluster_config = {
      eds_config: { ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" },
      service_name: name,
    };
  }
  c.connect_timeout = ctx.mesh.meshConfig.connectTimeout;
  c.lb_policy = "LEAST_REQUEST";
  const threshold: JsonObject = {
    max_connections: MAX,
    max_pending_requests: MAX,
    max_requests: MAX,
    max_retries: MAX,
  };
  if (profile.circuitBreakerTrackRemaining) threshold.track_remaining = true;
  c.circuit_breakers = { thresholds: [threshold] };
  const istio: JsonObject = {
    default_original_port: port.port,
    services: [{ host: svc.hostname, name: svc.name, namespace: svc.namespace }],
  };
  if (rule) {
    const src = rule.sources[0];
    if (src)
      istio.config = configPath(
        profile.configPathApiVersion,
        "destination-rule",
        src.meta.namespace,
        src.meta.name,
      );
  }
  if (subset) istio.subset = subset;
  c.metadata = { filter_metadata: { istio } };
  c.common_lb_config = {};
  if (profile.clusterAltStatName) c.alt_stat_name = suffixed(name, profile);
  if (h2) {
    c.typed_extension_protocol_options = {
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
        "@type": `${T}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
        explicit_http_config: { http2_protocol_options: {} },
      },
    };
  }
  c.filters = [
    {
      name: "istio.metadata_exchange",
      typed_config: {
        "@type": `${T}envoy.tcp.metadataexchange.config.MetadataExchange`,
        protocol: "istio-peer-exchange",
      },
    },
  ];
  if (ctx.mesh.meshConfig.enableAutoMtls && !svc.meshExternal && !rule?.spec.trafficPolicy?.tls) {
    const domain = ctx.mesh.domainSuffix || "cluster.local";
    c.transport_socket_matches = autoMtlsMatches(
      istioSni(port.port, subset, svc.hostname),
      serviceAccounts(endpoints, domain),
      h2,
    );
  }
  return c;
}

/** Endpoints of one service port: those whose service port name (or number) is that port's. */
export function endpointsForPort(svc: MeshService, port: ServicePortInfo, mesh: Mesh): MeshEndpoint[] {
  const all = mesh.endpoints.get(endpointKey(svc.namespace, svc.hostname)) ?? [];
  return all.filter((e) =>
    e.servicePort !== undefined ? e.servicePort === port.port : e.servicePortName === port.name,
  );
}

export function buildClusters(ctx: ClusterContext): BuiltCluster[] {
  const out: BuiltCluster[] = [];
  for (const svc of ctx.mesh.services) {
    if (!serviceVisible(svc, ctx.proxyNamespace)) continue;
    const type = discoveryType(svc, ctx.profile);
    if (!type) continue;
    const rule = ctx.rules.lookup(svc.hostname, svc.namespace);
    for (const port of svc.ports) {
      if (port.protocol === "UDP") continue;
      const endpoints = endpointsForPort(svc, port, ctx.mesh);
      if (type !== "EDS") {
        ctx.notes.push({
          level: "info",
          message: `${type} cluster for ${svc.hostname}:${port.port} is listed without its DNS load assignment (not simulated)`,
        });
      }
      out.push({
        cluster: buildOne(svc, port, "", type, endpoints, rule, ctx),
        service: svc,
        port,
        endpoints,
        ...(rule && { rule }),
      });
      for (const subset of rule?.spec.subsets ?? []) {
        const subsetEndpoints = endpoints.filter((e) => labelsMatch(subset.labels ?? {}, e.labels));
        out.push({
          cluster: buildOne(svc, port, subset.name, type, subsetEndpoints, rule, ctx),
          service: svc,
          port,
          subset: subset.name,
          endpoints: subsetEndpoints,
          rule,
        });
      }
    }
  }
  out.push({ cluster: blackHoleCluster(ctx.profile), endpoints: [] });
  return out;
}

function blackHoleCluster(profile: VersionProfile): JsonObject {
  const c: JsonObject = {
    "@type": `${T}envoy.config.cluster.v3.Cluster`,
    name: "BlackHoleCluster",
    type: "STATIC",
    connect_timeout: "10s",
  };
  if (profile.clusterAltStatName) c.alt_stat_name = suffixed("BlackHoleCluster", profile);
  return c;
}
