import { pipePath, socketAddress, socketPort } from "../envoy/address.js";
import { listeners as dumpListeners } from "../envoy/configdump.js";
import { equalFold, goLess } from "../envoy/gostring.js";
import { typeNameOfUrl } from "../envoy/proto.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  DUMP_TYPES,
  type JsonObject,
  objectAt,
  objectsIn,
  RESOURCE_TYPES,
  stringAt,
  stringsIn,
} from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { describeMatch } from "./describe.js";
import { goSortSlice } from "./gosort.js";
import { table } from "./output.js";
import {
  type Found,
  fail,
  found,
  ok,
  sectionResources,
  type TableOptions,
  type ViewResult,
} from "./result.js";

/** istioctl `proxy-config listeners` (istioctl/pkg/writer/envoy/configdump/listener.go). */

const HCM = "envoy.filters.network.http_connection_manager";
const TCP_PROXY = "envoy.filters.network.tcp_proxy";

export interface ListenerFilter {
  readonly address?: string;
  readonly port?: number;
  readonly type?: string;
  readonly verbose?: boolean;
}

/** Dynamic active then static listeners, or istioctl's error when there are none. */
function retrieveListeners(dump: ConfigDump): Found<JsonObject[]> {
  return sectionResources(dump, DUMP_TYPES.listeners, dumpListeners, "listeners", "listener dump: ");
}

export function listenerTable(dump: ConfigDump, opts: TableOptions<ListenerFilter>): ViewResult {
  const got = retrieveListeners(dump);
  if (!got.ok) return fail(got.message);
  const { profile, filter } = opts;
  const verbose = filter.verbose ?? true;
  const rows = goSortSlice(
    got.value.filter((l) => matches(l, filter, profile)),
    (a, b) => {
      const pa = port(a);
      const pb = port(b);
      if (pa !== pb) return pa < pb;
      const aa = address(a);
      const ab = address(b);
      if (aa !== ab) return goLess(aa, ab);
      return goLess(listenerType(a), listenerType(b));
    },
  );
  const header = [opts.typePrefix ? "NAME" : "", profile.listenerAddressHeader, "PORT"]
    .filter((h) => h !== "")
    .concat(verbose ? ["MATCH", "DESTINATION"] : ["TYPE"]);
  const lines = [`${header.join("\t")}\n`];
  for (const l of rows) {
    const lead = [addresses(l, profile).join(","), String(port(l))];
    let name = `listener/${stringAt(l, "name") ?? ""}`;
    if (verbose) {
      const chains = goSortSlice(filterChains(l).map(describeChain(profile)), (a, b) =>
        goLess(b.destination, a.destination),
      );
      for (const chain of chains) {
        const cells = [...lead, chain.match, chain.destination];
        lines.push(`${(opts.typePrefix ? [name, ...cells] : cells).join("\t")}\n`);
        // istioctl 1.19 renamed the listener in place for every row it printed.
        if (profile.allListenerPrefixRepeats) name = `listener/${name}`;
      }
    } else {
      const cells = [...lead, listenerType(l)];
      lines.push(`${(opts.typePrefix ? [name, ...cells] : cells).join("\t")}\n`);
    }
  }
  return ok(table(lines.join(""), 1));
}

/** `-o json|yaml`: the filtered listeners, unsorted, as jsonpb messages. */
export function listenerResources(
  dump: ConfigDump,
  filter: ListenerFilter,
  profile: VersionProfile,
): Found<PbMessage[]> {
  const got = retrieveListeners(dump);
  if (!got.ok) return got;
  const type = typeNameOfUrl(RESOURCE_TYPES.listener);
  return found(got.value.filter((l) => matches(l, filter, profile)).map((l) => toPbMessage(l, type)));
}

function matches(l: JsonObject, f: ListenerFilter, profile: VersionProfile): boolean {
  if (f.address && !addresses(l, profile).some((a) => equalFold(a, f.address as string))) return false;
  if (f.port && port(l) !== f.port) return false;
  if (f.type && !equalFold(listenerType(l), f.type)) return false;
  return true;
}

/** The primary address: socket address, pipe path, or "" (an internal listener). */
function address(l: JsonObject): string {
  const a = objectAt(l, "address");
  const sock = socketAddress(a);
  return sock ? (stringAt(sock, "address") ?? "") : (pipePath(a) ?? "");
}

/** Primary then additional addresses (only the primary one before ADDRESSES existed). */
function addresses(l: JsonObject, profile: VersionProfile): string[] {
  const out = [address(l)];
  if (profile.listenerAddressHeader === "ADDRESS") return out;
  for (const extra of objectsIn(l.additional_addresses)) {
    out.push(stringAt(socketAddress(objectAt(extra, "address")), "address") ?? "");
  }
  return out;
}

function port(l: JsonObject): number {
  return socketPort(objectAt(l, "address"));
}

function filterChains(l: JsonObject): JsonObject[] {
  const chains = objectsIn(l.filter_chains);
  const fallback = objectAt(l, "default_filter_chain");
  return fallback ? [...chains, fallback] : chains;
}

/** A tcp_proxy whose configuration mentions BlackHoleCluster does not make a listener TCP. */
function isBlackHole(filter: JsonObject): boolean {
  return JSON.stringify(filter.typed_config ?? null).includes("BlackHoleCluster");
}

function listenerType(l: JsonObject): string {
  let http = 0;
  let tcp = 0;
  for (const chain of filterChains(l)) {
    for (const f of objectsIn(chain.filters)) {
      if (f.name === HCM) http++;
      else if (f.name === TCP_PROXY && !isBlackHole(f)) tcp++;
    }
  }
  if (http > 0) return tcp === 0 ? "HTTP" : "HTTP+TCP";
  return tcp > 0 ? "TCP" : "UNKNOWN";
}

interface ChainRow {
  readonly match: string;
  readonly destination: string;
}

function describeChain(profile: VersionProfile): (chain: JsonObject) => ChainRow {
  return (chain) => ({
    match: describeChainMatch(objectAt(chain, "filter_chain_match")),
    destination: describeDestination(objectsIn(chain.filters), profile),
  });
}

const APP_PROTOCOLS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["App: HTTP TLS", ["http/1.0", "http/1.1", "h2c", "istio-http/1.0", "istio-http/1.1", "istio-h2"]],
  ["App: Istio HTTP Plain", ["istio", "istio-http/1.0", "istio-http/1.1", "istio-h2"]],
  ["App: TCP TLS", ["istio-peer-exchange", "istio"]],
  ["App: HTTP", ["http/1.0", "http/1.1", "h2c"]],
];

function describeChainMatch(m: JsonObject | undefined): string {
  const match = m ?? {};
  const descrs: string[] = [];
  const sni = stringsIn(match.server_names);
  if (sni.length) descrs.push(`SNI: ${sni.join(",")}`);
  const trans = stringAt(match, "transport_protocol");
  if (trans) descrs.push(`Trans: ${trans}`);
  const alpn = stringsIn(match.application_protocols);
  if (alpn.length) {
    const known = APP_PROTOCOLS.find(
      ([, list]) => list.length === alpn.length && list.every((p, i) => p === alpn[i]),
    );
    descrs.push(known ? known[0] : `App: ${alpn.join(",")}`);
  }
  const dport = match.destination_port;
  const portSuffix = typeof dport === "number" ? `:${dport}` : "";
  const ranges = objectsIn(match.prefix_ranges);
  if (ranges.length) {
    const cidrs = ranges.map(
      (r) => `${stringAt(r, "address_prefix") ?? ""}/${typeof r.prefix_len === "number" ? r.prefix_len : 0}`,
    );
    descrs.push(`Addr: ${cidrs.join(",")}${portSuffix}`);
  } else if (portSuffix) {
    descrs.push(`Addr: *${portSuffix}`);
  }
  return descrs.length ? descrs.join("; ") : "ALL";
}

/** What the first HTTP connection manager or (non-blackhole) tcp_proxy of a chain leads to. */
function describeDestination(filters: JsonObject[], profile: VersionProfile): string {
  for (const f of filters) {
    const cfg = objectAt(f, "typed_config") ?? {};
    if (f.name === HCM) {
      const inline = objectAt(cfg, "route_config");
      if (inline) return describeRouteConfig(inline, profile);
      const rds = stringAt(objectAt(cfg, "rds"), "route_config_name");
      return rds ? `Route: ${rds}` : "HTTP";
    }
    if (f.name === TCP_PROXY && !isBlackHole(f)) return clusterCell(stringAt(cfg, "cluster") ?? "");
  }
  return "Non-HTTP/Non-TCP";
}

/** Istio's special clusters (PassthroughCluster, …) print bare; others as "Cluster: name". */
function clusterCell(cluster: string): string {
  return cluster.includes("Cluster") ? cluster : `Cluster: ${cluster}`;
}

function describeRouteConfig(rc: JsonObject, profile: VersionProfile): string {
  const all = matchAllCluster(rc);
  if (all !== undefined) return all;
  const vhosts = objectsIn(rc.virtual_hosts).map((vh) => {
    const domains = stringsIn(vh.domains);
    const routes = objectsIn(vh.routes)
      .map((r) => describeMatch(objectAt(r, "match"), profile))
      .join(", ");
    const described = domains.length === 1 && domains[0] === "*" ? "" : domains.join("/");
    return described === "" ? routes : `${described} ${routes}`;
  });
  return `Inline Route: ${vhosts.join("; ")}`;
}

/** One vhost for "*" with one route for prefix "/" to a cluster: just that cluster. */
function matchAllCluster(rc: JsonObject): string | undefined {
  const vhosts = objectsIn(rc.virtual_hosts);
  const vh = vhosts[0];
  if (vhosts.length !== 1 || !vh) return undefined;
  const domains = stringsIn(vh.domains);
  if (domains.length !== 1 || domains[0] !== "*") return undefined;
  const routes = objectsIn(vh.routes);
  const r = routes[0];
  if (routes.length !== 1 || !r || stringAt(objectAt(r, "match"), "prefix") !== "/") return undefined;
  const cluster = stringAt(objectAt(r, "route"), "cluster");
  return cluster === undefined ? undefined : clusterCell(cluster);
}
