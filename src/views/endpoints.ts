import { internalAddressName, pipePath, socketAddress, socketPort } from "../envoy/address.js";
import { toSnakeCase } from "../envoy/casing.js";
import { equalFold, goLess } from "../envoy/gostring.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import { isJsonObject, type JsonObject, objectAt, objectsIn, stringAt } from "../envoy/types.js";
import { goSortSlice } from "./gosort.js";
import { table } from "./output.js";

/**
 * istioctl `proxy-config endpoints`: Envoy's `GET /clusters?format=json` (envoy.admin.v3.Clusters)
 * as a table of hosts. (istioctl/pkg/writer/envoy/clusters/clusters.go)
 */

const CLUSTERS = "envoy.admin.v3.Clusters";
const CLUSTER_STATUS = "envoy.admin.v3.ClusterStatus";

export interface EndpointFilter {
  /** The bare IP (or unix://path), compared case-insensitively. */
  readonly address?: string;
  readonly port?: number;
  /** Exact cluster name, case-insensitive. */
  readonly cluster?: string;
  /** A HealthStatus name, case-insensitive. */
  readonly status?: string;
}

interface HostRow {
  readonly address: string;
  readonly port: number;
  readonly cluster: string;
  readonly status: string;
  readonly failedOutlierCheck: boolean;
}

function clusterStatuses(body: JsonObject): JsonObject[] {
  const snake = toSnakeCase(body, CLUSTERS);
  return isJsonObject(snake) ? objectsIn(snake.cluster_statuses) : [];
}

export function endpointTable(body: JsonObject, filter: EndpointFilter): string {
  const rows: HostRow[] = [];
  for (const cluster of clusterStatuses(body)) {
    const name = stringAt(cluster, "name") ?? "";
    for (const host of objectsIn(cluster.host_statuses)) {
      if (!matches(host, name, filter)) continue;
      rows.push({
        address: hostAddress(host),
        port: hostPort(host),
        cluster: name,
        status: edsHealth(host),
        failedOutlierCheck: objectAt(host, "health_status")?.failed_outlier_check === true,
      });
    }
  }
  goSortSlice(rows, (a, b) => {
    if (a.address !== b.address) return goLess(a.address, b.address);
    if (a.port !== b.port) return a.port < b.port;
    return goLess(a.cluster, b.cluster);
  });
  const lines = ["ENDPOINT\tSTATUS\tOUTLIER CHECK\tCLUSTER\n"];
  for (const r of rows) {
    const endpoint = r.port !== 0 ? `${r.address}:${r.port}` : r.address;
    lines.push(`${endpoint}\t${r.status}\t${r.failedOutlierCheck ? "FAILED" : "OK"}\t${r.cluster}\n`);
  }
  return table(lines.join(""), 5);
}

/** `-o json|yaml`: every cluster with at least one matching host (clusters without hosts never match). */
export function endpointResources(body: JsonObject, filter: EndpointFilter): PbMessage[] {
  return clusterStatuses(body)
    .filter((c) => objectsIn(c.host_statuses).some((h) => matches(h, stringAt(c, "name") ?? "", filter)))
    .map((c) => toPbMessage(c, CLUSTER_STATUS));
}

function matches(host: JsonObject, cluster: string, f: EndpointFilter): boolean {
  if (f.address && !equalFold(hostAddress(host), f.address)) return false;
  if (f.port && hostPort(host) !== f.port) return false;
  if (f.cluster && !equalFold(cluster, f.cluster)) return false;
  if (f.status && !equalFold(edsHealth(host), f.status)) return false;
  return true;
}

function edsHealth(host: JsonObject): string {
  return stringAt(objectAt(host, "health_status"), "eds_health_status") ?? "UNKNOWN";
}

function hostAddress(host: JsonObject): string {
  const address = objectAt(host, "address");
  const sock = socketAddress(address);
  if (sock) return stringAt(sock, "address") ?? "";
  const pipe = pipePath(address);
  if (pipe !== undefined) return `unix://${pipe}`;
  return internalAddressName(address) ?? "unknown";
}

function hostPort(host: JsonObject): number {
  return socketPort(objectAt(host, "address"));
}
