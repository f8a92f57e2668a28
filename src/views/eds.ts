import { internalAddressName, pipePath, socketAddress, socketPort } from "../envoy/address.js";
import { clusterKeyLess, clusterSortKey } from "../envoy/clustername.js";
import { endpointConfigs } from "../envoy/configdump.js";
import { equalFold } from "../envoy/gostring.js";
import { typeNameOfUrl } from "../envoy/proto.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  type JsonObject,
  objectAt,
  objectsIn,
  RESOURCE_TYPES,
  stringAt,
} from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { goSortSlice } from "./gosort.js";
import { table } from "./output.js";
import type { TableOptions } from "./result.js";

/**
 * istioctl's hidden `proxy-config eds`, which `pc all` prints as its ENDPOINTS section: the
 * EndpointsConfigDump (config_dump?include_eds) rather than /clusters.
 * (istioctl/pkg/writer/envoy/configdump/endpoint.go)
 */

export interface EdsFilter {
  /** Compared with `ip:port` (or a pipe path), not with the bare IP. */
  readonly address?: string;
  readonly port?: number;
  readonly cluster?: string;
  readonly status?: string;
}

/** A ClusterLoadAssignment with only its matching lb_endpoints, as istioctl keeps it. */
type Assignment = JsonObject;

/**
 * Dynamic then static assignments with at least one matching endpoint, sorted like
 * clusters. A dump without an EDS section has none (istioctl ≥1.18.6 accepts that).
 */
function filteredAssignments(dump: ConfigDump, filter: EdsFilter, profile: VersionProfile): Assignment[] {
  const kept: Assignment[] = [];
  for (const { resource: cla } of endpointConfigs(dump)) {
    const cluster = stringAt(cla, "cluster_name") ?? "";
    let count = 0;
    const endpoints = objectsIn(cla.endpoints).map((group) => {
      const lbs = objectsIn(group.lb_endpoints).filter((lb) => matches(lb, cluster, filter, profile));
      count += lbs.length;
      return { ...group, lb_endpoints: lbs };
    });
    if (count > 0) kept.push({ ...cla, endpoints });
  }
  const name = (a: Assignment): string => stringAt(a, "cluster_name") ?? "";
  return goSortSlice(kept, (a, b) => clusterKeyLess(clusterSortKey(name(a)), clusterSortKey(name(b))));
}

export function edsTable(dump: ConfigDump, opts: TableOptions<EdsFilter>): string {
  const { profile, filter } = opts;
  const lines = [`${profile.edsFirstColumn}\tSTATUS\tLOCALITY\tCLUSTER\n`];
  for (const cla of filteredAssignments(dump, filter, profile)) {
    const cluster = stringAt(cla, "cluster_name") ?? "";
    for (const group of objectsIn(cla.endpoints)) {
      const locality = localityString(objectAt(group, "locality"));
      for (const lb of objectsIn(group.lb_endpoints)) {
        const addr = endpointAddresses(lb, profile).join(",");
        lines.push(
          `${opts.typePrefix ? "endpoint/" : ""}${addr}\t${healthStatus(lb)}\t${locality}\t${cluster}\n`,
        );
      }
    }
  }
  return table(lines.join(""), 5);
}

/** `pc eds -o json|yaml`: the assignments with their lb_endpoints filtered. */
export function edsResources(dump: ConfigDump, filter: EdsFilter, profile: VersionProfile): PbMessage[] {
  const type = typeNameOfUrl(RESOURCE_TYPES.clusterLoadAssignment);
  return filteredAssignments(dump, filter, profile).map((cla) => toPbMessage(cla, type));
}

function matches(lb: JsonObject, cluster: string, f: EdsFilter, profile: VersionProfile): boolean {
  if (f.address && !endpointAddresses(lb, profile).some((a) => equalFold(a, f.address as string)))
    return false;
  if (f.port && endpointPort(lb) !== f.port) return false;
  if (f.cluster && !equalFold(cluster, f.cluster)) return false;
  if (f.status && !equalFold(healthStatus(lb), f.status)) return false;
  return true;
}

function healthStatus(lb: JsonObject): string {
  return stringAt(lb, "health_status") ?? "UNKNOWN";
}

function endpointPort(lb: JsonObject): number {
  return socketPort(objectAt(objectAt(lb, "endpoint") ?? {}, "address"));
}

/** `ip:port`, a pipe's path, `envoy://listener/id`, or "unknown"; additional ones from 1.23. */
function endpointAddresses(lb: JsonObject, profile: VersionProfile): string[] {
  const endpoint = objectAt(lb, "endpoint") ?? {};
  const all = [objectAt(endpoint, "address") ?? {}];
  if (profile.edsAdditionalAddresses) {
    for (const extra of objectsIn(endpoint.additional_addresses)) all.push(objectAt(extra, "address") ?? {});
  }
  const shown = all.map(describeAddress);
  return profile.edsDedupAddresses ? [...new Set(shown)] : shown;
}

function describeAddress(address: JsonObject): string {
  const sock = socketAddress(address);
  if (sock) return `${stringAt(sock, "address") ?? ""}:${socketPort(address)}`;
  return pipePath(address) ?? internalAddressName(address) ?? "unknown";
}

/** pilot's LocalityToString: region[/zone[/subzone]]. */
function localityString(l: JsonObject | undefined): string {
  if (!l) return "";
  const region = stringAt(l, "region") ?? "";
  const zone = stringAt(l, "zone") ?? "";
  if (zone === "") return region;
  const sub = stringAt(l, "sub_zone") ?? "";
  return sub === "" ? `${region}/${zone}` : `${region}/${zone}/${sub}`;
}
