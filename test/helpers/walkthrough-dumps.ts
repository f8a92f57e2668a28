import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { fixtureText } from "./fixtures.js";

/**
 * Hand-built Envoy dumps for the walkthrough's gateway (Istio 1.17.8), used only to check the
 * 1.17 table layouts against fixtures/walkthrough-expected. Every value says where it comes
 * from:
 *   [README]   shared/seed/README.md, the step table (what the walkthrough observed)
 *   [NAMING]   reference/envoy-admin-api.md §1.1 and §1.9 (Istio's names, static listeners)
 *   [FORMATS]  reference/istioctl-output-formats.md §2 (e.g. the blackhole vhost)
 *   [EXPECTED] the expected output file itself, when only it fixes a value (noted inline)
 *   [CERTS]    fixtures/certs (the seed's test PKI)
 * Envoy prints fields in proto field-number order; these dumps do too.
 */

const T = "type.googleapis.com/";

function anyOf(type: string, body: JsonObject): JsonObject {
  return { "@type": `${T}${type}`, ...body };
}

/** A static listener with an inline route, as istio-proxy's bootstrap defines 15021/15090. [NAMING] */
function staticListener(port: number, prefix: string, cluster: string): JsonObject {
  return {
    listener: anyOf("envoy.config.listener.v3.Listener", {
      address: { socket_address: { address: "0.0.0.0", port_value: port } },
      filter_chains: [
        {
          filters: [
            {
              name: "envoy.filters.network.http_connection_manager",
              typed_config: anyOf(
                "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                {
                  stat_prefix: `agent_${port}`,
                  route_config: inlineRoute(prefix, cluster),
                },
              ),
            },
          ],
        },
      ],
    }),
  };
}

function inlineRoute(prefix: string, cluster: string): JsonObject {
  return {
    virtual_hosts: [{ name: "backend", domains: ["*"], routes: [{ match: { prefix }, route: { cluster } }] }],
  };
}

const LISTENERS: JsonObject = anyOf("envoy.admin.v3.ListenersConfigDump", {
  dynamic_listeners: [
    {
      // Gateway port 80 → targetPort 8080, RDS http.8080. [README step 01] [NAMING]
      name: "0.0.0.0_8080",
      active_state: {
        listener: anyOf("envoy.config.listener.v3.Listener", {
          name: "0.0.0.0_8080",
          address: { socket_address: { address: "0.0.0.0", port_value: 8080 } },
          filter_chains: [
            {
              filters: [
                {
                  name: "envoy.filters.network.http_connection_manager",
                  typed_config: anyOf(
                    "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                    {
                      stat_prefix: "outbound_0.0.0.0_8080",
                      rds: {
                        config_source: { ads: {}, resource_api_version: "V3" },
                        route_config_name: "http.8080",
                      },
                    },
                  ),
                },
              ],
            },
          ],
        }),
      },
    },
  ],
  // 15021 /healthz/ready → agent, 15090 /stats/prometheus → prometheus_stats. [NAMING §1.1]
  static_listeners: [
    staticListener(15090, "/stats/prometheus", "prometheus_stats"),
    staticListener(15021, "/healthz/ready", "agent"),
  ],
});

const ROUTES_STEP01: JsonObject = anyOf("envoy.admin.v3.RoutesConfigDump", {
  dynamic_route_configs: [
    {
      // No VirtualService yet: istiod's blackhole vhost for the server. [README step 01] [FORMATS §2.2]
      route_config: anyOf("envoy.config.route.v3.RouteConfiguration", {
        name: "http.8080",
        virtual_hosts: [{ name: "blackhole:80", domains: ["*"] }],
        validate_clusters: false,
        ignore_port_in_host_matching: true,
      }),
    },
  ],
  // The static listeners' inline routes, prometheus first. [NAMING §1.1]; order [EXPECTED]
  static_route_configs: [
    {
      route_config: anyOf(
        "envoy.config.route.v3.RouteConfiguration",
        inlineRoute("/stats/prometheus", "prometheus_stats"),
      ),
    },
    {
      route_config: anyOf("envoy.config.route.v3.RouteConfiguration", inlineRoute("/healthz/ready", "agent")),
    },
  ],
});

/** Step 01: the HTTP Gateway with no VirtualService. */
export function step01Dump(): ConfigDump {
  return { configs: [LISTENERS, ROUTES_STEP01] };
}

/**
 * Step 02's route configuration http.8080, as Envoy prints it (snake_case, field-number
 * order). Host, cluster, VirtualService path, retry policy, timeouts and decorator:
 * [README step 02] and [NAMING §1.9] (Istio route defaults ≤1.23: retriable_status_codes 503).
 */
export function step02Dump(): ConfigDump {
  return {
    configs: [
      anyOf("envoy.admin.v3.RoutesConfigDump", {
        dynamic_route_configs: [
          {
            version_info: "2023-10-28T10:00:00Z/10",
            route_config: anyOf("envoy.config.route.v3.RouteConfiguration", {
              name: "http.8080",
              virtual_hosts: [
                {
                  name: "webapp.istioinaction.io:80",
                  domains: ["webapp.istioinaction.io"],
                  routes: [
                    {
                      match: { prefix: "/" },
                      route: {
                        cluster: "outbound|80||webapp.istioinaction.svc.cluster.local",
                        timeout: "0s",
                        retry_policy: {
                          retry_on:
                            "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                          num_retries: 2,
                          retry_host_predicate: [
                            {
                              name: "envoy.retry_host_predicates.previous_hosts",
                              typed_config: anyOf(
                                "envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate",
                                {},
                              ),
                            },
                          ],
                          host_selection_retry_max_attempts: "5",
                          retriable_status_codes: [503],
                        },
                        max_grpc_timeout: "0s",
                      },
                      metadata: {
                        filter_metadata: {
                          istio: {
                            config:
                              "/apis/networking.istio.io/v1alpha3/namespaces/istioinaction/virtual-service/webapp-vs-from-gw",
                          },
                        },
                      },
                      decorator: { operation: "webapp.istioinaction.svc.cluster.local:80/*" },
                    },
                  ],
                  include_request_attempt_count: true,
                },
              ],
              validate_clusters: false,
              ignore_port_in_host_matching: true,
            }),
            last_updated: "2023-10-28T10:00:00.000Z",
          },
        ],
      }),
    ],
  };
}

function edsCluster(host: string): JsonObject {
  return {
    version_info: "2023-10-28T10:00:00Z/12",
    cluster: anyOf("envoy.config.cluster.v3.Cluster", {
      name: `outbound|80||${host}`,
      type: "EDS",
      eds_cluster_config: {
        eds_config: { ads: {}, resource_api_version: "V3" },
        service_name: `outbound|80||${host}`,
      },
      connect_timeout: "10s",
    }),
  };
}

function assignment(host: string, ip: string, port: number): JsonObject {
  return {
    endpoint_config: anyOf("envoy.config.endpoint.v3.ClusterLoadAssignment", {
      cluster_name: `outbound|80||${host}`,
      endpoints: [
        {
          locality: {},
          lb_endpoints: [
            {
              endpoint: { address: { socket_address: { address: ip, port_value: port } } },
              health_status: "HEALTHY",
              load_balancing_weight: 1,
            },
          ],
          load_balancing_weight: 1,
        },
      ],
    }),
  };
}

/**
 * Step 03: webapp (80→8080) and catalog (80→3000), EDS clusters and their endpoints
 * 10.10.0.12:8080 and 10.10.0.13:3000. [README step 03] [NAMING §1.9]; the static clusters
 * are istio-proxy's bootstrap ones. [NAMING §1.9]
 */
export function step03Dump(): ConfigDump {
  const webapp = "webapp.istioinaction.svc.cluster.local";
  const catalog = "catalog.istioinaction.svc.cluster.local";
  const staticCluster = (name: string, type: string): JsonObject => ({
    cluster: anyOf("envoy.config.cluster.v3.Cluster", { name, type, connect_timeout: "1s" }),
  });
  return {
    configs: [
      anyOf("envoy.admin.v3.ClustersConfigDump", {
        static_clusters: [
          staticCluster("BlackHoleCluster", "STATIC"),
          staticCluster("agent", "STATIC"),
          staticCluster("prometheus_stats", "STATIC"),
          staticCluster("sds-grpc", "STATIC"),
          staticCluster("xds-grpc", "STATIC"),
        ],
        dynamic_active_clusters: [edsCluster(webapp), edsCluster(catalog)],
      }),
      anyOf("envoy.admin.v3.EndpointsConfigDump", {
        dynamic_endpoint_configs: [
          assignment(webapp, "10.10.0.12", 8080),
          assignment(catalog, "10.10.0.13", 3000),
        ],
      }),
    ],
  };
}

export const WEBAPP_CERT_PEM = (): string => fixtureText("certs/webapp/server/cert.pem");
export const WEBAPP_KEY_PEM = (): string => fixtureText("certs/webapp/server/key.pem");

function b64(s: string): string {
  return Buffer.from(s).toString("base64");
}

/**
 * Step 04: SDS secret kubernetes://webapp-credential [README step 04] [NAMING §1.9] holding
 * the webapp server certificate [CERTS]. `privateKey` is given as a real key, in camelCase,
 * inline_string and inline_bytes forms depending on `keyForm`, to check that no view prints it.
 */
export function step04Dump(keyForm: "redacted" | "inline_bytes" | "inline_string" = "redacted"): ConfigDump {
  const key: JsonObject =
    keyForm === "redacted"
      ? { inline_bytes: b64("[redacted]") }
      : keyForm === "inline_bytes"
        ? { inline_bytes: b64(WEBAPP_KEY_PEM()) }
        : { inline_string: WEBAPP_KEY_PEM() };
  return {
    configs: [
      anyOf("envoy.admin.v3.SecretsConfigDump", {
        dynamic_active_secrets: [
          {
            name: "kubernetes://webapp-credential",
            version_info: "2023-10-28 10:00:00.000000000 +0000 UTC m=+1.0",
            last_updated: "2023-10-28T10:00:00.000Z",
            secret: anyOf("envoy.extensions.transport_sockets.tls.v3.Secret", {
              name: "kubernetes://webapp-credential",
              tls_certificate: {
                certificate_chain: { inline_bytes: b64(WEBAPP_CERT_PEM()) },
                private_key: key,
              },
            }),
          },
        ],
      }),
    ],
  };
}
