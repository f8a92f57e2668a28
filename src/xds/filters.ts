import type { JsonObject } from "../envoy/types.js";
import type { MeshConfig } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * The Envoy filters istiod puts on gateway chains (pilot/pkg/xds/filters), per release line,
 * plus the stats filter of a default telemetry installation.
 */

const T = "type.googleapis.com/";

export function istioAuthnFilter(): JsonObject {
  return {
    name: "istio_authn",
    typed_config: { "@type": `${T}udpa.type.v1.TypedStruct`, type_url: `${T}io.istio.network.authn.Config` },
  };
}

const MX_TYPE = `${T}envoy.tcp.metadataexchange.config.MetadataExchange`;

/**
 * The metadata-exchange config of TCP chains and clusters (xds/filters TCPListenerMx,
 * TCPClusterMx): the MetadataExchange message up to 1.19, a TypedStruct with discovery on after.
 */
export function tcpMetadataExchange(profile: VersionProfile): JsonObject {
  if (!profile.tcpMxTypedStruct) return { "@type": MX_TYPE, protocol: "istio-peer-exchange" };
  return {
    "@type": `${T}udpa.type.v1.TypedStruct`,
    type_url: MX_TYPE,
    value: { protocol: "istio-peer-exchange", enable_discovery: true },
  };
}

/**
 * The HTTP metadata-exchange filter (xds/filters HTTPMx / SidecarOutboundMetadataFilter): the
 * null-VM Wasm plugin up to 1.18, the native peer_metadata filter from 1.19.
 */
function httpMetadataExchange(profile: VersionProfile): JsonObject {
  if (!profile.nativeHttpMetadataExchange) {
    return {
      name: "istio.metadata_exchange",
      typed_config: {
        "@type": `${T}envoy.extensions.filters.http.wasm.v3.Wasm`,
        config: {
          vm_config: {
            runtime: "envoy.wasm.runtime.null",
            code: { local: { inline_string: "envoy.wasm.metadata_exchange" } },
          },
          configuration: { "@type": MX_TYPE },
        },
      },
    };
  }
  return {
    name: "istio.metadata_exchange",
    typed_config: {
      "@type": `${T}udpa.type.v1.TypedStruct`,
      type_url: `${T}io.istio.http.peer_metadata.Config`,
      value: {
        upstream_discovery: [{ istio_headers: {} }, { workload_discovery: {} }],
        upstream_propagation: [{ istio_headers: {} }],
      },
    },
  };
}

/**
 * The Prometheus stats filter of a default installation (telemetry v2 on, no overrides). In
 * 1.17 the Helm chart's EnvoyFilters insert it as a TypedStruct (telemetryv2_1.17.yaml:
 * {"disable_host_header_fallback": true} for HTTP, {} for TCP); from 1.18 istiod generates it
 * from meshConfig.defaultProviders.metrics [prometheus] (pilot/pkg/model/telemetry.go
 * generateStatsConfig, gateway class). Custom Telemetry resources are not modelled.
 */
function statsFilter(profile: VersionProfile, tcp: boolean): JsonObject {
  const typed: JsonObject = profile.statsFilterFromEnvoyFilter
    ? {
        "@type": `${T}udpa.type.v1.TypedStruct`,
        type_url: `${T}stats.PluginConfig`,
        value: tcp ? {} : { disable_host_header_fallback: true },
      }
    : { "@type": `${T}stats.PluginConfig`, disable_host_header_fallback: true };
  return { name: "istio.stats", typed_config: typed };
}

/** The network stats filter of TCP chains. */
export function tcpStatsFilter(profile: VersionProfile): JsonObject {
  return statsFilter(profile, true);
}

/**
 * HTTP filters of a gateway connection manager (listener_builder.go buildHTTPConnectionManager):
 * metadata exchange, [grpc_web], grpc_stats, istio.alpn, fault, cors, stats, router.
 */
export function httpFilters(profile: VersionProfile, grpcWeb: boolean): JsonObject[] {
  const out: JsonObject[] = [httpMetadataExchange(profile)];
  if (grpcWeb)
    out.push({
      name: "envoy.filters.http.grpc_web",
      typed_config: { "@type": `${T}envoy.extensions.filters.http.grpc_web.v3.GrpcWeb` },
    });
  out.push(
    {
      name: "envoy.filters.http.grpc_stats",
      typed_config: {
        "@type": `${T}envoy.extensions.filters.http.grpc_stats.v3.FilterConfig`,
        emit_filter_state: true,
        stats_for_all_methods: false,
      },
    },
    {
      name: "istio.alpn",
      typed_config: {
        "@type": `${T}istio.envoy.config.filter.http.alpn.v2alpha1.FilterConfig`,
        // The first entry's upstream_protocol is HTTP10, the enum's zero value, so Envoy omits it.
        alpn_override: [
          { alpn_override: ["istio-http/1.0", "istio", "http/1.0"] },
          { upstream_protocol: "HTTP11", alpn_override: ["istio-http/1.1", "istio", "http/1.1"] },
          { upstream_protocol: "HTTP2", alpn_override: ["istio-h2", "istio", "h2"] },
        ],
      },
    },
    {
      name: "envoy.filters.http.fault",
      typed_config: { "@type": `${T}envoy.extensions.filters.http.fault.v3.HTTPFault` },
    },
    {
      name: "envoy.filters.http.cors",
      typed_config: { "@type": `${T}envoy.extensions.filters.http.cors.v3.Cors` },
    },
    statsFilter(profile, false),
    {
      name: "envoy.filters.http.router",
      typed_config: { "@type": `${T}envoy.extensions.filters.http.router.v3.Router` },
    },
  );
  return out;
}

/** The TLS inspector listener filter; from 1.23 it reads at most 512 bytes of the ClientHello. */
export function tlsInspector(profile: VersionProfile): JsonObject {
  const typed: JsonObject = {
    "@type": `${T}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector`,
  };
  if (profile.tlsInspectorReadBuffer512) typed.initial_read_buffer_size = 512;
  return { name: "envoy.filters.listener.tls_inspector", typed_config: typed };
}

const TEXT_FORMAT_PREFIX =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% ' +
  '%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% ' +
  '%DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" ' +
  '"%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" ';

/** Istio's default text access-log format (model/telemetry_logging.go EnvoyTextLogFormat). */
export function defaultAccessLogFormat(profile: VersionProfile): string {
  const cluster = profile.accessLogUpstreamClusterRaw ? "%UPSTREAM_CLUSTER_RAW%" : "%UPSTREAM_CLUSTER%";
  return `${TEXT_FORMAT_PREFIX}${cluster} %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n`;
}

/** The file access log of meshConfig.accessLogFile (FileAccessLogFromMeshConfig), or undefined. */
export function fileAccessLog(
  mesh: MeshConfig,
  profile: VersionProfile,
  listenerLevel: boolean,
): JsonObject | undefined {
  if (!mesh.accessLogFile) return undefined;
  const typed: JsonObject = {
    "@type": `${T}envoy.extensions.access_loggers.file.v3.FileAccessLog`,
    path: mesh.accessLogFile,
  };
  if ((mesh.accessLogEncoding ?? "TEXT").toUpperCase() === "JSON") {
    typed.log_format = { json_format: jsonLogFormat(mesh.accessLogFormat) };
  } else {
    const format = mesh.accessLogFormat
      ? mesh.accessLogFormat.endsWith("\n")
        ? mesh.accessLogFormat
        : `${mesh.accessLogFormat}\n`
      : defaultAccessLogFormat(profile);
    typed.log_format = { text_format_source: { inline_string: format } };
  }
  const out: JsonObject = { name: "envoy.access_loggers.file" };
  // Listener-level logs only record connections that found no filter chain (response flag NR).
  if (listenerLevel) out.filter = { response_flag_filter: { flags: ["NR"] } };
  out.typed_config = typed;
  return out;
}

const DEFAULT_JSON_FORMAT: JsonObject = {
  authority: "%REQ(:AUTHORITY)%",
  bytes_received: "%BYTES_RECEIVED%",
  bytes_sent: "%BYTES_SENT%",
  connection_termination_details: "%CONNECTION_TERMINATION_DETAILS%",
  downstream_local_address: "%DOWNSTREAM_LOCAL_ADDRESS%",
  downstream_remote_address: "%DOWNSTREAM_REMOTE_ADDRESS%",
  duration: "%DURATION%",
  method: "%REQ(:METHOD)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  request_id: "%REQ(X-REQUEST-ID)%",
  requested_server_name: "%REQUESTED_SERVER_NAME%",
  response_code: "%RESPONSE_CODE%",
  response_code_details: "%RESPONSE_CODE_DETAILS%",
  response_flags: "%RESPONSE_FLAGS%",
  route_name: "%ROUTE_NAME%",
  start_time: "%START_TIME%",
  upstream_cluster: "%UPSTREAM_CLUSTER%",
  upstream_host: "%UPSTREAM_HOST%",
  upstream_local_address: "%UPSTREAM_LOCAL_ADDRESS%",
  upstream_service_time: "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%",
  upstream_transport_failure_reason: "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
  user_agent: "%REQ(USER-AGENT)%",
  x_forwarded_for: "%REQ(X-FORWARDED-FOR)%",
};

function jsonLogFormat(custom: string | undefined): JsonObject {
  if (custom) {
    try {
      const parsed: unknown = JSON.parse(custom);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        return parsed as JsonObject;
    } catch {
      // istiod logs the error and falls back to the default format.
    }
  }
  return DEFAULT_JSON_FORMAT;
}
