import type { JsonObject } from "../envoy/types.js";
import type { MeshConfig } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { fileAccessLog, httpFilters } from "./filters.js";
import { hcmTracing } from "./tracing.js";

/**
 * The HTTP connection manager of a gateway chain (gateway.go buildGatewayConnectionManager and
 * listener_builder.go buildHTTPConnectionManager) with the default ProxyConfig and MeshConfig,
 * in HttpConnectionManager field-number order. The tracing block (field 7) is the mesh-config
 * fallback of tracing.ts.
 */

const T = "type.googleapis.com/";

export interface HcmContext {
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
  readonly meshConfig: MeshConfig;
}

function rds(routeName: string): JsonObject {
  return {
    config_source: { ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" },
    route_config_name: routeName,
  };
}

export function connectionManager(
  statPrefix: string,
  routeName: string,
  grpcWeb: boolean,
  ctx: HcmContext,
): JsonObject {
  // codec_type AUTO (1) is the enum's zero value and is not printed.
  const hcm: JsonObject = {
    "@type": `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    stat_prefix: statPrefix, // 2
    rds: rds(routeName), // 3
    http_filters: httpFilters(ctx.profile, grpcWeb), // 5
  };
  const tracing = hcmTracing(ctx.proxy, ctx.meshConfig, ctx.profile);
  if (tracing) hcm.tracing = tracing; // 7
  hcm.http_protocol_options = {}; // 8: an empty Http1ProtocolOptions is set, so printed
  hcm.server_name = "istio-envoy"; // 10
  const log = fileAccessLog(ctx.meshConfig, ctx.profile, false);
  if (log) hcm.access_log = [log]; // 13
  hcm.use_remote_address = true; // 14
  hcm.forward_client_cert_details = "SANITIZE_SET"; // 16
  hcm.set_current_client_cert_details = { subject: true, cert: true, dns: true, uri: true }; // 17
  if (ctx.profile.hcmProxy100Continue) hcm.proxy_100_continue = true; // 18
  hcm.upgrade_configs = [{ upgrade_type: "websocket" }]; // 23
  hcm.stream_idle_timeout = "0s"; // 24
  hcm.normalize_path = true; // 30
  hcm.request_id_extension = {
    // 36
    typed_config: {
      "@type": `${T}envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig`,
      use_request_id_for_trace_sampling: true,
    },
  };
  hcm.path_with_escaped_slashes_action = "KEEP_UNCHANGED"; // 45
  return { name: "envoy.filters.network.http_connection_manager", typed_config: hcm };
}
