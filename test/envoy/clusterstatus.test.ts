import { strict as assert } from "node:assert";
import { deriveClusterStatuses } from "../../src/envoy/clusterstatus.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { fixtureDump, UPSTREAM } from "../helpers/fixtures.js";
import { step03Dump } from "../helpers/walkthrough-dumps.js";

const T = "type.googleapis.com/";

describe("ClusterStatus derived from a dump (a stand-in for GET /clusters)", () => {
  it("gives every active and static cluster its EDS hosts", () => {
    const body = deriveClusterStatuses(step03Dump());
    const statuses = body.cluster_statuses as JsonObject[];
    assert.deepEqual(
      statuses.map((s) => s.name),
      [
        "outbound|80||webapp.istioinaction.svc.cluster.local",
        "outbound|80||catalog.istioinaction.svc.cluster.local",
        "BlackHoleCluster",
        "agent",
        "prometheus_stats",
        "sds-grpc",
        "xds-grpc",
      ],
    );
    const webapp = statuses.find(
      (s) => s.name === "outbound|80||webapp.istioinaction.svc.cluster.local",
    ) as JsonObject;
    assert.equal(webapp.added_via_api, true);
    assert.equal(webapp.eds_service_name, "outbound|80||webapp.istioinaction.svc.cluster.local");
    assert.deepEqual(webapp.host_statuses, [
      {
        address: { socket_address: { address: "10.10.0.12", port_value: 8080 } },
        health_status: { eds_health_status: "HEALTHY" },
        weight: 1,
      },
    ]);
  });

  it("shows health the way Envoy stores it, and static clusters' own load_assignment", () => {
    const lb = (ip: string, health?: string): JsonObject => ({
      endpoint: { address: { socket_address: { address: ip, port_value: 80 } } },
      ...(health ? { health_status: health } : {}),
    });
    const dump: ConfigDump = {
      configs: [
        {
          "@type": `${T}envoy.admin.v3.ClustersConfigDump`,
          static_clusters: [
            {
              cluster: {
                "@type": `${T}envoy.config.cluster.v3.Cluster`,
                name: "static",
                load_assignment: {
                  cluster_name: "static",
                  endpoints: [
                    {
                      locality: { region: "r" },
                      priority: 1,
                      lb_endpoints: [
                        lb("1.1.1.1"),
                        lb("1.1.1.2", "UNHEALTHY"),
                        lb("1.1.1.3", "TIMEOUT"),
                        lb("1.1.1.4", "DRAINING"),
                        lb("1.1.1.5", "DEGRADED"),
                      ],
                    },
                  ],
                },
              },
            },
          ],
        },
      ],
    };
    const [status] = deriveClusterStatuses(dump).cluster_statuses as JsonObject[];
    const hosts = (status?.host_statuses ?? []) as JsonObject[];
    assert.equal(status?.added_via_api, undefined);
    assert.deepEqual(
      hosts.map((h) => (h.health_status as JsonObject).eds_health_status),
      ["HEALTHY", "UNHEALTHY", "UNHEALTHY", "DRAINING", "DEGRADED"],
    );
    assert.deepEqual(hosts[0]?.locality, { region: "r" });
    assert.equal(hosts[0]?.priority, 1);
  });

  it("falls back to the assignments themselves for an EDS-only dump", () => {
    const body = deriveClusterStatuses(fixtureDump(`${UPSTREAM}/endpoint/configdump.json`));
    const statuses = body.cluster_statuses as JsonObject[];
    assert.equal(statuses.length, 37);
    assert.ok(statuses.some((s) => s.name === "xds-grpc"));
  });
});
