import { strict as assert } from "node:assert";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { renderView, type ViewRequest } from "../../src/views/render.js";
import { describeRouteDomains } from "../../src/views/routes.js";
import { profile } from "../helpers/fixtures.js";

/**
 * Cell texts, filters and row order of the tables, case by case, against the rules in
 * istioctl's writers (listener.go, route.go, cluster.go, clusters.go).
 */

const NOW = new Date("2030-01-01T00:00:00Z");
const T = "type.googleapis.com/";
const P = profile("1.31");

function render(
  dump: ConfigDump,
  view: ViewRequest["view"],
  filters = {},
  output: ViewRequest["output"] = "short",
): string {
  const r = renderView(dump, { view, output, profile: P, now: NOW, filters });
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.text;
}

const cells = (line: string): string[] => line.trimEnd().split(/ {2,}| (?=\S)/);

const hcm = (cfg: JsonObject): JsonObject => ({
  name: "envoy.filters.network.http_connection_manager",
  typed_config: {
    "@type": `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    ...cfg,
  },
});
const tcp = (cluster: string): JsonObject => ({
  name: "envoy.filters.network.tcp_proxy",
  typed_config: {
    "@type": `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
    stat_prefix: cluster,
    cluster,
  },
});

function listeners(...items: JsonObject[]): ConfigDump {
  return {
    configs: [
      {
        "@type": `${T}envoy.admin.v3.ListenersConfigDump`,
        static_listeners: items.map((l) => ({
          listener: { "@type": `${T}envoy.config.listener.v3.Listener`, ...l },
        })),
      },
    ],
  };
}

const addr = (ip: string, port: number): JsonObject => ({
  socket_address: { address: ip, port_value: port },
});

describe("listener table", () => {
  const dump = listeners(
    {
      name: "tcp",
      address: addr("0.0.0.0", 31400),
      filter_chains: [{ filters: [tcp("outbound|2701||tcp-echo.ns.svc.cluster.local")] }],
    },
    {
      name: "virtual",
      address: addr("0.0.0.0", 15001),
      filter_chains: [
        { filters: [tcp("BlackHoleCluster")] },
        {
          filter_chain_match: {
            transport_protocol: "raw_buffer",
            application_protocols: ["http/1.0", "http/1.1", "h2c"],
          },
          filters: [hcm({ rds: { route_config_name: "80" } })],
        },
        {
          filter_chain_match: {
            prefix_ranges: [{ address_prefix: "10.0.0.1", prefix_len: 32 }],
            destination_port: 443,
          },
          filters: [tcp("PassthroughCluster")],
        },
        { filter_chain_match: { destination_port: 9090 }, filters: [{ name: "envoy.filters.network.rbac" }] },
      ],
    },
    {
      name: "https",
      address: addr("0.0.0.0", 8443),
      filter_chains: [
        {
          filter_chain_match: { server_names: ["a.example.com", "b.example.com"] },
          filters: [hcm({ rds: { route_config_name: "https.443.a" } })],
        },
        {
          filter_chain_match: { server_names: ["c.example.com"] },
          filters: [tcp("outbound|443||c.svc.cluster.local")],
        },
      ],
    },
    {
      name: "inline",
      address: addr("0.0.0.0", 15021),
      filter_chains: [
        {
          filters: [
            hcm({
              route_config: {
                virtual_hosts: [
                  {
                    domains: ["a.com", "b.com"],
                    routes: [{ match: { path: "/x" } }, { match: { safe_regex: { regex: "/y.*" } } }],
                  },
                  { domains: ["*"], routes: [{ match: { prefix: "/healthz" } }] },
                ],
              },
            }),
          ],
        },
      ],
    },
    {
      name: "matchall",
      address: addr("0.0.0.0", 15022),
      filter_chains: [
        {
          filters: [
            hcm({
              route_config: {
                virtual_hosts: [
                  { domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "agent" } }] },
                ],
              },
            }),
          ],
        },
      ],
    },
  );

  it("sorts listeners by port and chains by DESTINATION, descending", () => {
    const rows = render(dump, "listeners").trimEnd().split("\n").slice(1).map(cells);
    assert.deepEqual(rows, [
      ["0.0.0.0", "8443", "SNI:", "a.example.com,b.example.com", "Route:", "https.443.a"],
      ["0.0.0.0", "8443", "SNI:", "c.example.com", "Cluster:", "outbound|443||c.svc.cluster.local"],
      ["0.0.0.0", "15001", "Trans:", "raw_buffer;", "App:", "HTTP", "Route:", "80"],
      ["0.0.0.0", "15001", "Addr:", "10.0.0.1/32:443", "PassthroughCluster"],
      // Equal destinations keep chain order (sort.Slice is an insertion sort this small).
      ["0.0.0.0", "15001", "ALL", "Non-HTTP/Non-TCP"],
      ["0.0.0.0", "15001", "Addr:", "*:9090", "Non-HTTP/Non-TCP"],
      ["0.0.0.0", "15021", "ALL", "Inline", "Route:", "a.com/b.com", "/x,", "regex", "/y.*;", "/healthz*"],
      ["0.0.0.0", "15022", "ALL", "Cluster:", "agent"],
      ["0.0.0.0", "31400", "ALL", "Cluster:", "outbound|2701||tcp-echo.ns.svc.cluster.local"],
    ]);
  });

  it("classifies TYPE, ignoring blackhole tcp_proxy chains, and filters by it", () => {
    const rows = render(dump, "listeners", { verbose: false }).trimEnd().split("\n").map(cells);
    assert.deepEqual(rows, [
      ["ADDRESSES", "PORT", "TYPE"],
      ["0.0.0.0", "8443", "HTTP+TCP"],
      ["0.0.0.0", "15001", "HTTP+TCP"],
      ["0.0.0.0", "15021", "HTTP"],
      ["0.0.0.0", "15022", "HTTP"],
      ["0.0.0.0", "31400", "TCP"],
    ]);
    assert.deepEqual(
      render(dump, "listeners", { verbose: false, type: "tcp" }).trimEnd().split("\n").slice(1).map(cells),
      [["0.0.0.0", "31400", "TCP"]],
    );
    assert.equal(render(dump, "listeners", { port: 15021 }).split("\n").length, 3);
  });

  it("prints the filtered listeners, unsorted, as camelCase JSON", () => {
    const json = JSON.parse(render(dump, "listeners", { port: 31400 }, "json")) as JsonObject[];
    assert.deepEqual(Object.keys(json[0] ?? {}), ["name", "address", "filterChains"]);
    assert.ok(((json[0]?.address ?? {}) as JsonObject).socketAddress);
  });
});

function routes(...configs: JsonObject[]): ConfigDump {
  return {
    configs: [
      {
        "@type": `${T}envoy.admin.v3.RoutesConfigDump`,
        dynamic_route_configs: configs.map((c) => ({
          route_config: { "@type": `${T}envoy.config.route.v3.RouteConfiguration`, ...c },
        })),
      },
    ],
  };
}

describe("route table", () => {
  it("describes domains like istioctl's TestDescribeRouteDomains", () => {
    assert.equal(describeRouteDomains([]), "");
    assert.equal(describeRouteDomains(["example.com:8080"]), "example.com:8080");
    assert.equal(describeRouteDomains(["example.com", "example.com:8080"]), "example.com");
    assert.equal(
      describeRouteDomains([
        "example.com",
        "example.com:8080",
        "www.example.com",
        "www.example.com:8080",
        "*.example.com",
        "*.example.com:8080",
      ]),
      "example.com, www.example.com + 1 more...",
    );
    assert.equal(
      describeRouteDomains([
        "reviews.default",
        "reviews.default.svc",
        "reviews.default.svc.cluster.local",
        "reviews.default:9080",
      ]),
      "reviews.default",
    );
    assert.equal(
      describeRouteDomains(["[fd00:10:96::7fc7]", "[fd00:10:96::7fc7]:8090", "a"]),
      "[fd00:10:96::7fc7], a",
    );
  });

  const dump = routes(
    {
      name: "http.8080",
      virtual_hosts: [
        {
          name: "a:80",
          domains: ["a"],
          routes: [{ match: { prefix: "/" }, route: { cluster: "PassthroughCluster" } }],
        },
      ],
    },
    {
      name: "9080",
      virtual_hosts: [
        {
          name: "b:9080",
          domains: ["b"],
          routes: [
            {
              match: { prefix: "/" },
              metadata: {
                filter_metadata: {
                  istio: { config: "/apis/networking.istio.io/v1alpha3/namespaces/ns/virtual-service/vs" },
                },
              },
            },
          ],
        },
      ],
    },
    {
      name: "80",
      virtual_hosts: [
        {
          name: "c:80",
          domains: ["c"],
          routes: [
            { match: { prefix: "/" }, metadata: { filter_metadata: { istio: { config: "/apis/other/x" } } } },
          ],
        },
        { name: "d", domains: ["d"] },
      ],
    },
  );

  it("orders numeric names ascending past their numeric neighbours only, skips passthrough routes", () => {
    const rows = render(dump, "routes").trimEnd().split("\n").map(cells);
    assert.deepEqual(rows, [
      ["NAME", "VHOST", "NAME", "DOMAINS", "MATCH", "VIRTUAL", "SERVICE"],
      ["80", "c:80", "c", "/*", "<unknown>"],
      ["80", "d", "d", "/*", "404"],
      ["9080", "b:9080", "b", "/*", "vs.ns"],
    ]);
    const order = JSON.parse(render(dump, "routes", {}, "json")).map((r: JsonObject) => r.name);
    assert.deepEqual(order, ["http.8080", "80", "9080"]);
  });

  it("counts virtual hosts when not verbose, and --name is exact", () => {
    assert.equal(
      render(dump, "routes", { verbose: false }),
      "NAME          VIRTUAL HOSTS\nhttp.8080     1\n80            2\n9080          1\n",
    );
    assert.equal(
      render(dump, "routes", { name: "80", verbose: false }),
      "NAME     VIRTUAL HOSTS\n80       2\n",
    );
  });
});

function clusterDump(...names: [string, JsonObject?][]): ConfigDump {
  return {
    configs: [
      {
        "@type": `${T}envoy.admin.v3.ClustersConfigDump`,
        dynamic_active_clusters: names.map(([name, extra]) => ({
          cluster: { "@type": `${T}envoy.config.cluster.v3.Cluster`, name, ...(extra ?? {}) },
        })),
      },
    ],
  };
}

describe("cluster table", () => {
  const dump = clusterDump(
    [
      "outbound|80|v1|reviews.default.svc.cluster.local",
      {
        type: "EDS",
        metadata: {
          filter_metadata: {
            istio: {
              config: "/apis/networking.istio.io/v1alpha3/namespaces/default/destination-rule/reviews",
            },
          },
        },
      },
    ],
    ["agent", { type: "STATIC" }],
    ["inbound|80||", { type: "ORIGINAL_DST" }],
    ["outbound|80||reviews.default.svc.cluster.local", { type: "EDS" }],
    ["BlackHoleCluster", { cluster_type: { name: "envoy.cluster.static" } }],
    ["inbound-vip|80|http|reviews.default.svc.cluster.local", { type: "EDS" }],
  );

  it("splits Istio names, sorts by FQDN, subset, port, direction", () => {
    const rows = render(dump, "clusters")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.trimEnd().split(/ {2,}/));
    assert.deepEqual(rows, [
      ["", "80", "-", "inbound", "ORIGINAL_DST"],
      ["BlackHoleCluster", "-", "-", "-", "STATIC"],
      ["agent", "-", "-", "-", "STATIC"],
      ["reviews.default.svc.cluster.local", "80", "-", "outbound", "EDS"],
      ["reviews.default.svc.cluster.local", "80", "http", "inbound-vip", "EDS"],
      ["reviews.default.svc.cluster.local", "80", "v1", "outbound", "EDS", "reviews.default"],
    ]);
  });

  it("filters by substrings of the name; --direction inbound also matches inbound-vip", () => {
    const names = (filters: JsonObject): string[] =>
      JSON.parse(render(dump, "clusters", filters, "json")).map((c: JsonObject) => c.name);
    assert.deepEqual(names({ direction: "inbound" }), [
      "inbound|80||",
      "inbound-vip|80|http|reviews.default.svc.cluster.local",
    ]);
    assert.deepEqual(names({ fqdn: "reviews", subset: "v1" }), [
      "outbound|80|v1|reviews.default.svc.cluster.local",
    ]);
    assert.deepEqual(names({ port: 8 }), []);
  });
});

describe("endpoint table (/clusters)", () => {
  const body: JsonObject = {
    cluster_statuses: [
      {
        name: "outbound|80||b.svc.cluster.local",
        host_statuses: [
          {
            address: addr("10.0.0.2", 8080),
            health_status: { eds_health_status: "HEALTHY", failed_outlier_check: true },
          },
          { address: addr("10.0.0.10", 8080), health_status: { eds_health_status: "DRAINING" } },
        ],
      },
      {
        name: "sds-grpc",
        host_statuses: [{ address: { pipe: { path: "./etc/istio/proxy/SDS" } }, health_status: {} }],
      },
      { name: "empty" },
      {
        name: "inbound-vip|80|http|a.svc.cluster.local",
        hostStatuses: [
          {
            address: {
              envoyInternalAddress: { serverListenerName: "connect_originate", endpointId: "10.0.0.1:80" },
            },
            healthStatus: { edsHealthStatus: "HEALTHY" },
          },
        ],
      },
    ],
  };
  const req = (filters: JsonObject, output: ViewRequest["output"] = "short"): string => {
    const r = renderView(
      { configs: [] },
      { view: "endpoints", output, profile: P, now: NOW, filters, clusterStatuses: body },
    );
    assert.ok(r.ok);
    return r.text;
  };

  it("lists hosts sorted by address string, port, cluster; pipes as unix://", () => {
    assert.deepEqual(
      req({})
        .trimEnd()
        .split("\n")
        .map((l) => l.split(/ {2,}/)),
      [
        ["ENDPOINT", "STATUS", "OUTLIER CHECK", "CLUSTER"],
        ["10.0.0.10:8080", "DRAINING", "OK", "outbound|80||b.svc.cluster.local"],
        ["10.0.0.2:8080", "HEALTHY", "FAILED", "outbound|80||b.svc.cluster.local"],
        ["envoy://connect_originate/10.0.0.1:80", "HEALTHY", "OK", "inbound-vip|80|http|a.svc.cluster.local"],
        ["unix://./etc/istio/proxy/SDS", "UNKNOWN", "OK", "sds-grpc"],
      ],
    );
  });

  it("filters by bare address, status and cluster, case-insensitively", () => {
    assert.equal(req({ address: "10.0.0.2" }).split("\n").length, 3);
    assert.equal(req({ status: "draining" }).split("\n")[1]?.startsWith("10.0.0.10:8080"), true);
    assert.equal(req({ cluster: "SDS-GRPC" }).split("\n")[1]?.startsWith("unix://"), true);
  });

  it("prints whole ClusterStatus messages for clusters with a matching host", () => {
    const json = JSON.parse(req({ port: 8080 }, "json")) as JsonObject[];
    assert.deepEqual(
      json.map((c) => c.name),
      ["outbound|80||b.svc.cluster.local"],
    );
    assert.equal(((json[0]?.hostStatuses ?? []) as JsonObject[]).length, 2);
    assert.deepEqual(
      JSON.parse(req({}, "json")).map((c: JsonObject) => c.name),
      ["outbound|80||b.svc.cluster.local", "sds-grpc", "inbound-vip|80|http|a.svc.cluster.local"],
    );
  });
});
