import type { JsonObject } from "../envoy/types.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * What the gateway's Envoy gets from its bootstrap (tools/packaging/common/envoy_bootstrap.json)
 * rather than from istiod: the 15090 and 15021 listeners and the agent-side clusters, as
 * Envoy prints them (defaults such as protocol TCP and lb_policy ROUND_ROBIN omitted).
 */

const T = "type.googleapis.com/";
const HCM = `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`;

function staticListener(port: number, statPrefix: string, prefix: string, cluster: string): JsonObject {
  return {
    "@type": `${T}envoy.config.listener.v3.Listener`,
    address: { socket_address: { address: "0.0.0.0", port_value: port } },
    filter_chains: [
      {
        filters: [
          {
            name: "envoy.filters.network.http_connection_manager",
            typed_config: {
              "@type": HCM,
              stat_prefix: statPrefix,
              route_config: staticRouteConfig(prefix, cluster, false),
              http_filters: [
                {
                  name: "envoy.filters.http.router",
                  typed_config: { "@type": `${T}envoy.extensions.filters.http.router.v3.Router` },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

function staticRouteConfig(prefix: string, cluster: string, typed: boolean): JsonObject {
  return {
    ...(typed && { "@type": `${T}envoy.config.route.v3.RouteConfiguration` }),
    virtual_hosts: [{ name: "backend", domains: ["*"], routes: [{ match: { prefix }, route: { cluster } }] }],
  };
}

/** Static listeners in bootstrap order: Prometheus (15090) then readiness (15021). */
export function staticListeners(): JsonObject[] {
  return [
    staticListener(15090, "stats", "/stats/prometheus", "prometheus_stats"),
    staticListener(15021, "agent", "/healthz/ready", "agent"),
  ];
}

/** The inline route configurations of the static listeners, as Envoy lists them under static_route_configs. */
export function staticRouteConfigs(): JsonObject[] {
  return [
    staticRouteConfig("/stats/prometheus", "prometheus_stats", true),
    staticRouteConfig("/healthz/ready", "agent", true),
  ];
}

const H2_OPTIONS: JsonObject = {
  "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
    "@type": `${T}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
    explicit_http_config: { http2_protocol_options: {} },
  },
};

function socketEndpoint(address: string, port: number): JsonObject {
  return { endpoint: { address: { socket_address: { address, port_value: port } } } };
}

function pipeEndpoint(path: string): JsonObject {
  return { endpoint: { address: { pipe: { path } } } };
}

function staticCluster(
  name: string,
  timeout: string,
  lbEndpoint: JsonObject,
  extra: JsonObject = {},
): JsonObject {
  const out: JsonObject = {
    "@type": `${T}envoy.config.cluster.v3.Cluster`,
    name,
    type: "STATIC",
    connect_timeout: timeout,
  };
  if (extra.max_requests_per_connection !== undefined)
    out.max_requests_per_connection = extra.max_requests_per_connection;
  if (extra.circuit_breakers) out.circuit_breakers = extra.circuit_breakers;
  if (extra.upstream_connection_options) out.upstream_connection_options = extra.upstream_connection_options;
  out.load_assignment = { cluster_name: name, endpoints: [{ lb_endpoints: [lbEndpoint] }] };
  if (extra.typed_extension_protocol_options)
    out.typed_extension_protocol_options = extra.typed_extension_protocol_options;
  return out;
}

/** prometheus_stats, agent, sds-grpc, xds-grpc: the bootstrap's clusters in its order. */
export function staticClusters(): JsonObject[] {
  const thresholds = (priority: string | undefined): JsonObject => ({
    ...(priority && { priority }),
    max_connections: 100000,
    max_pending_requests: 100000,
    max_requests: 100000,
  });
  return [
    staticCluster("prometheus_stats", "0.250s", socketEndpoint("127.0.0.1", 15000)),
    staticCluster("agent", "0.250s", socketEndpoint("127.0.0.1", 15020)),
    staticCluster("sds-grpc", "1s", pipeEndpoint("./var/run/secrets/workload-spiffe-uds/socket"), {
      typed_extension_protocol_options: H2_OPTIONS,
    }),
    staticCluster("xds-grpc", "1s", pipeEndpoint("./etc/istio/proxy/XDS"), {
      max_requests_per_connection: 1,
      circuit_breakers: { thresholds: [thresholds(undefined), thresholds("HIGH")] },
      upstream_connection_options: { tcp_keepalive: { keepalive_time: 300 } },
      typed_extension_protocol_options: H2_OPTIONS,
    }),
  ];
}

/** The bootstrap section: node identity and the Istio version whose output is simulated. */
export function bootstrapNode(
  proxy: GatewayProxy,
  profile: VersionProfile,
  domainSuffix: string,
): JsonObject {
  const suffix = domainSuffix || "cluster.local";
  return {
    node: {
      id: `router~${proxy.ip}~${proxy.name}.${proxy.namespace}~${proxy.namespace}.svc.${suffix}`,
      cluster: `${proxy.labels.app ?? proxy.name}.${proxy.namespace}`,
      metadata: {
        CLUSTER_ID: "Kubernetes",
        ISTIO_VERSION: profile.fullVersion,
        LABELS: { ...proxy.labels },
        NAMESPACE: proxy.namespace,
        NAME: proxy.name,
        SERVICE_ACCOUNT: proxy.serviceAccount,
        ...(proxy.unprivileged && { UNPRIVILEGED_POD: "true" }),
      },
    },
  };
}
