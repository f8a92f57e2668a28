import { clusters, endpointConfigs, section } from "../envoy/configdump.js";
import { istioConfigOf, parseClusterName } from "../envoy/istio-names.js";
import { objectList } from "../envoy/lists.js";
import { type ConfigDump, DUMP_TYPES, isJsonObject, type JsonObject } from "../envoy/types.js";
import type { EndpointInfo } from "./result.js";

/**
 * The last hops: the cluster a route or tcp_proxy names, and the endpoints Envoy would pick
 * from. Envoy answers 503 when the cluster does not exist ("NC") or has no host to send to
 * ("UH"); when fewer than half of the hosts are healthy it enters panic mode and balances
 * over all of them (the default healthy_panic_threshold of 50%).
 */

export interface ClusterFacts {
  readonly name: string;
  readonly found: boolean;
  readonly warming: boolean;
  readonly type?: string;
  readonly subset?: string;
  /** "DestinationRule ns/name" from the cluster's Istio metadata. */
  readonly destinationRule?: string;
  /** undefined when the dump has no endpoint section for it (a dump taken without include_eds). */
  readonly endpoints?: readonly EndpointInfo[];
  /** Other clusters of the same service (different subsets), for "did you mean" messages. */
  readonly siblings: readonly string[];
}

function endpointsOfAssignment(cla: JsonObject, podsByIp: ReadonlyMap<string, string>): EndpointInfo[] {
  const out: EndpointInfo[] = [];
  for (const group of objectList(cla.endpoints)) {
    for (const lb of objectList(group.lb_endpoints)) {
      const ep = isJsonObject(lb.endpoint) ? lb.endpoint : {};
      const addr = isJsonObject(ep.address) ? ep.address : {};
      const sock = isJsonObject(addr.socket_address) ? addr.socket_address : {};
      const address = String(sock.address ?? "");
      const port = Number(sock.port_value ?? 0);
      const md = isJsonObject(lb.metadata) ? lb.metadata : {};
      const fm = isJsonObject(md.filter_metadata) ? md.filter_metadata : {};
      const istio = isJsonObject(fm.istio) ? fm.istio : {};
      const pod = podsByIp.get(address);
      out.push({
        address,
        port,
        health: typeof lb.health_status === "string" ? lb.health_status : "UNKNOWN",
        ...(typeof istio.workload === "string" && { workload: istio.workload }),
        ...(pod && { pod }),
      });
    }
  }
  return out;
}

export function clusterFacts(
  dump: ConfigDump,
  name: string,
  podsByIp: ReadonlyMap<string, string>,
): ClusterFacts {
  const all = clusters(dump, true);
  const located = all.find((c) => c.resource.name === name);
  const key = parseClusterName(name);
  const siblings = key
    ? all
        .map((c) => String(c.resource.name ?? ""))
        .filter(
          (n) =>
            n !== name && parseClusterName(n)?.host === key.host && parseClusterName(n)?.port === key.port,
        )
    : [];
  if (!located) return { name, found: false, warming: false, siblings };
  const c = located.resource;
  const dr = istioConfigOf(c.metadata);
  const md =
    isJsonObject(c.metadata) && isJsonObject(c.metadata.filter_metadata) ? c.metadata.filter_metadata : {};
  const istio = isJsonObject(md.istio) ? md.istio : {};
  const type =
    typeof c.type === "string" ? c.type : isJsonObject(c.cluster_type) ? String(c.cluster_type.name) : "EDS";
  return {
    name,
    found: true,
    warming: located.status === "warming",
    type,
    ...(typeof istio.subset === "string" && { subset: istio.subset }),
    ...(dr &&
      dr.kind === "destination-rule" && { destinationRule: `DestinationRule ${dr.namespace}/${dr.name}` }),
    ...endpointsFor(dump, c, type, podsByIp),
    siblings,
  };
}

function endpointsFor(
  dump: ConfigDump,
  cluster: JsonObject,
  type: string,
  podsByIp: ReadonlyMap<string, string>,
): { endpoints?: EndpointInfo[] } {
  if (isJsonObject(cluster.load_assignment))
    return { endpoints: endpointsOfAssignment(cluster.load_assignment, podsByIp) };
  if (type !== "EDS") return {};
  if (!section(dump, DUMP_TYPES.endpoints)) return {};
  const eds = isJsonObject(cluster.eds_cluster_config) ? cluster.eds_cluster_config : {};
  const serviceName = typeof eds.service_name === "string" ? eds.service_name : String(cluster.name);
  const cla = endpointConfigs(dump).find((e) => e.resource.cluster_name === serviceName);
  return { endpoints: cla ? endpointsOfAssignment(cla.resource, podsByIp) : [] };
}

/** Hosts Envoy counts as healthy for load balancing. */
export function isHealthy(e: EndpointInfo): boolean {
  return e.health === "HEALTHY" || e.health === "UNKNOWN" || e.health === "DEGRADED";
}

export type UpstreamVerdict =
  | { readonly ok: true; readonly detail: string; readonly panic: boolean }
  | { readonly ok: false; readonly detail: string; readonly flag: "NC" | "UH" };

/** Whether Envoy can send to this cluster, and in words which hosts it picks from. */
export function upstreamVerdict(f: ClusterFacts): UpstreamVerdict {
  if (!f.found) return { ok: false, flag: "NC", detail: `cluster ${f.name} does not exist` };
  if (f.warming) return { ok: false, flag: "NC", detail: `cluster ${f.name} is still warming` };
  if (f.endpoints === undefined) {
    return {
      ok: true,
      panic: false,
      detail:
        f.type === "EDS"
          ? "endpoints unknown: the dump has no endpoint section (take it with ?include_eds)"
          : `${f.type} cluster: resolved by DNS at run time`,
    };
  }
  const healthy = f.endpoints.filter(isHealthy);
  if (f.endpoints.length === 0)
    return { ok: false, flag: "UH", detail: `cluster ${f.name} has no endpoints` };
  if (healthy.length * 2 < f.endpoints.length) {
    return {
      ok: true,
      panic: true,
      detail: `only ${healthy.length} of ${f.endpoints.length} endpoints are healthy: Envoy's panic mode balances over all of them`,
    };
  }
  return {
    ok: true,
    panic: false,
    detail: `${healthy.length} healthy endpoint${healthy.length === 1 ? "" : "s"}`,
  };
}
