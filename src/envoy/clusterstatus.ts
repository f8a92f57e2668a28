import { clusters, endpointConfigs } from "./configdump.js";
import { type ConfigDump, type Json, type JsonObject, objectAt, objectsIn } from "./types.js";

/**
 * Envoy's `GET /clusters?format=json` body (envoy.admin.v3.Clusters), derived from a config
 * dump for sources that have no admin API (a simulated dump, a saved file). It holds what
 * /clusters would show right after the configuration is loaded: every active and static
 * cluster, its hosts from EDS (or the cluster's own load_assignment), no statistics, no
 * outlier ejections.
 *
 * Envoy reports a host's EDS health as it stores it: UNHEALTHY and TIMEOUT set the
 * FAILED_EDS_HEALTH flag (shown UNHEALTHY), DEGRADED and DRAINING keep their names, and
 * anything else, UNKNOWN included, is shown HEALTHY (source/server/admin/clusters_handler.cc
 * and HostImplBase::setEdsHealthFlag). DNS clusters show their configured hostnames, since
 * nothing here resolves them.
 */
export function deriveClusterStatuses(dump: ConfigDump): JsonObject {
  const assignments = new Map<string, JsonObject>();
  for (const cla of endpointConfigs(dump)) {
    const name = cla.resource.cluster_name;
    if (typeof name === "string" && !assignments.has(name)) assignments.set(name, cla.resource);
  }
  const located = clusters(dump);
  const statuses: JsonObject[] = [];
  if (located.length === 0) {
    // An EDS-only dump (as istioctl's own endpoint testdata is): one status per assignment.
    for (const [name, cla] of assignments) statuses.push(clusterStatus(name, false, undefined, cla));
  }
  for (const c of located) {
    const name = typeof c.resource.name === "string" ? c.resource.name : "";
    const edsName = edsServiceName(c.resource);
    const cla = assignments.get(edsName ?? name) ?? objectAt(c.resource, "load_assignment");
    const status = clusterStatus(name, c.status !== "static", edsName, cla);
    const alt = c.resource.alt_stat_name;
    statuses.push({ ...status, observability_name: typeof alt === "string" && alt !== "" ? alt : name });
  }
  return { cluster_statuses: statuses };
}

function clusterStatus(
  name: string,
  addedViaApi: boolean,
  edsName: string | undefined,
  cla: JsonObject | undefined,
): JsonObject {
  const out: JsonObject = { name };
  if (addedViaApi) out.added_via_api = true;
  const hosts = cla ? hostStatuses(cla) : [];
  if (hosts.length > 0) out.host_statuses = hosts;
  if (edsName !== undefined) out.eds_service_name = edsName;
  return out;
}

function edsServiceName(cluster: JsonObject): string | undefined {
  const cfg = objectAt(cluster, "eds_cluster_config");
  const name = cfg?.service_name;
  return typeof name === "string" && name !== "" ? name : undefined;
}

function hostStatuses(cla: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  for (const group of objectsIn(cla.endpoints)) {
    const locality = objectAt(group, "locality");
    const priority = group.priority;
    for (const lb of objectsIn(group.lb_endpoints)) {
      const endpoint = objectAt(lb, "endpoint");
      const address = endpoint && objectAt(endpoint, "address");
      if (!address) continue;
      const host: JsonObject = {
        address,
        health_status: { eds_health_status: adminHealth(lb.health_status) },
        weight: typeof lb.load_balancing_weight === "number" ? lb.load_balancing_weight : 1,
      };
      if (typeof endpoint.hostname === "string" && endpoint.hostname !== "")
        host.hostname = endpoint.hostname;
      if (typeof priority === "number" && priority !== 0) host.priority = priority;
      if (locality && Object.keys(locality).length > 0) host.locality = locality;
      out.push(host);
    }
  }
  return out;
}

function adminHealth(eds: Json | undefined): string {
  switch (eds) {
    case "UNHEALTHY":
    case "TIMEOUT":
      return "UNHEALTHY";
    case "DEGRADED":
    case "DRAINING":
      return eds;
    default:
      return "HEALTHY";
  }
}
