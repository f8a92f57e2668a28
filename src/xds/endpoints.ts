import type { JsonObject } from "../envoy/types.js";
import type { MeshEndpoint } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { BuiltCluster } from "./clusters.js";

/**
 * ClusterLoadAssignments for EDS clusters (endpoint_builder.go), as Envoy's config dump shows
 * them: with the defaults Envoy fills in (empty locality, health_check_config, priority-0
 * overprovisioning factor 140).
 */

/** Who an endpoint belongs to, as istiod records it on the IstioEndpoint. */
interface EndpointIdentity {
  readonly workload: string;
  readonly namespace: string;
  readonly clusterId: string;
}

/**
 * Pods: their workload, namespace and cluster. Endpoints istiod makes itself had no workload
 * or namespace before 1.30 (serviceentry/conversion.go@1.29.6 `&configKey{}`; ExternalName in
 * kube/conversion.go); from 1.30 a ServiceEntry's inline endpoint is the workload
 * "<entry>-<index>" and its host endpoint "<entry>". Host endpoints gained the cluster ID in 1.26.
 */
function identityOf(e: MeshEndpoint, profile: VersionProfile): EndpointIdentity {
  const named = { workload: e.workloadName ?? "", namespace: e.namespace, clusterId: "Kubernetes" };
  const anonymous = { workload: "", namespace: "", clusterId: "Kubernetes" };
  switch (e.origin) {
    case "serviceEntry":
      if (!profile.seEndpointWorkloadIdentity) return anonymous;
      return { ...named, workload: `${e.workloadName ?? ""}-${e.entryIndex ?? 0}` };
    case "serviceEntryHost":
      if (profile.seEndpointWorkloadIdentity) return named;
      return profile.seHostEndpointClusterId ? anonymous : { ...anonymous, clusterId: "" };
    case "externalName":
      return { ...anonymous, clusterId: "" };
    default:
      return named;
  }
}

/**
 * The istio.workload endpoint metadata, "<workload>;<ns>;<canonical name>;<revision>;<cluster>"
 * (networking/util AppendLbEndpointMetadata). 1.17 copies the canonical labels as they are;
 * from 1.18 they default (app.kubernetes.io/name, app, the workload name; app.kubernetes.io/version,
 * version) and the default revision "latest" is left out.
 */
export function workloadLabel(e: MeshEndpoint, profile: VersionProfile): string {
  const l = e.labels;
  const id = identityOf(e, profile);
  let canonicalName = l["service.istio.io/canonical-name"] ?? "";
  let canonicalRevision = l["service.istio.io/canonical-revision"] ?? "";
  if (profile.endpointCanonicalDefaults) {
    canonicalName =
      l["service.istio.io/canonical-name"] ?? l["app.kubernetes.io/name"] ?? l.app ?? id.workload;
    canonicalRevision =
      l["service.istio.io/canonical-revision"] ?? l["app.kubernetes.io/version"] ?? l.version ?? "";
    if (canonicalRevision === "latest") canonicalRevision = "";
  }
  return `${id.workload};${id.namespace};${canonicalName};${canonicalRevision};${id.clusterId}`;
}

function localityOf(l: string | undefined): JsonObject {
  if (!l) return {};
  const [region, zone, subZone] = l.split("/");
  const out: JsonObject = {};
  if (region) out.region = region;
  if (zone) out.zone = zone;
  if (subZone) out.sub_zone = subZone;
  return out;
}

function lbEndpoint(e: MeshEndpoint, health: string, profile: VersionProfile): JsonObject {
  const filterMetadata: JsonObject = {};
  if (e.tlsMode === "istio") filterMetadata["envoy.transport_socket_match"] = { tlsMode: "istio" };
  filterMetadata.istio = { workload: workloadLabel(e, profile) };
  return {
    endpoint: {
      address: { socket_address: { address: e.address, port_value: e.port } },
      health_check_config: {},
    },
    health_status: health,
    metadata: { filter_metadata: filterMetadata },
    load_balancing_weight: e.weight ?? 1,
  };
}

/**
 * Which endpoints istiod sends, and with which health status: not-ready ones only from 1.31,
 * and then not when outlier detection asks for a minimum healthy percentage.
 */
function sentHealth(e: MeshEndpoint, profile: VersionProfile, minHealthPercent: number): string | undefined {
  if (e.health === "HEALTHY") return "HEALTHY";
  if (e.health === "UNHEALTHY" && profile.sendUnhealthyEndpoints && minHealthPercent <= 0) return "UNHEALTHY";
  return undefined;
}

export function clusterLoadAssignment(built: BuiltCluster, profile: VersionProfile): JsonObject | undefined {
  if (built.cluster.type !== "EDS") return undefined;
  const byLocality = new Map<string, JsonObject[]>();
  const minHealth = built.policy?.outlierDetection?.minHealthPercent ?? 0;
  for (const e of built.endpoints) {
    const health = sentHealth(e, profile, minHealth);
    if (!health) continue;
    const key = e.locality ?? "";
    const list = byLocality.get(key);
    const lb = lbEndpoint(e, health, profile);
    if (list) list.push(lb);
    else byLocality.set(key, [lb]);
  }
  const localities = [...byLocality.keys()].sort();
  const endpoints = localities.map((l) => {
    const lbs = byLocality.get(l) as JsonObject[];
    return {
      locality: localityOf(l),
      lb_endpoints: lbs,
      load_balancing_weight: lbs.reduce((n, x) => n + (x.load_balancing_weight as number), 0),
    };
  });
  const out: JsonObject = {
    "@type": "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
    cluster_name: built.cluster.name as string,
  };
  if (endpoints.length > 0) out.endpoints = endpoints;
  out.policy = { overprovisioning_factor: 140 };
  return out;
}

/** The EDS view of a static cluster's inline load assignment, as Envoy dumps it. */
export function staticLoadAssignment(cluster: JsonObject): JsonObject | undefined {
  const la = cluster.load_assignment as JsonObject | undefined;
  if (!la) return undefined;
  const groups = (la.endpoints as JsonObject[] | undefined) ?? [];
  return {
    "@type": "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
    cluster_name: la.cluster_name as string,
    endpoints: groups.map((g) => ({
      locality: {},
      lb_endpoints: ((g.lb_endpoints as JsonObject[]) ?? []).map((lb) => ({
        endpoint: { ...(lb.endpoint as JsonObject), health_check_config: {} },
        health_status: "HEALTHY",
        load_balancing_weight: 1,
      })),
      load_balancing_weight: 0,
    })),
    policy: { overprovisioning_factor: 140 },
  };
}
