import { listeners, routeConfigs } from "../../src/envoy/configdump.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { subsetOf } from "../../src/mesh/hosts.js";

/**
 * TEST-ONLY: a request walked through a simulated dump the way istio's own test simulator
 * does it (pilot/pkg/simulation/traffic.go Run), so that the calls of
 * istio-simulation-cases.md can be checked. It matches listeners, filter chains, virtual
 * hosts and route paths only, exactly as that simulator does; it is not gwctl's simulate.
 */

export type Protocol = "http" | "http2" | "tcp";
export type TlsMode = "plaintext" | "tls" | "mtls";

export interface Call {
  readonly port: number;
  readonly protocol: Protocol;
  readonly tls?: TlsMode;
  readonly host?: string;
  readonly path?: string;
  readonly sni?: string;
  readonly alpn?: string;
  readonly address?: string;
}

export interface Result {
  error?: string;
  listener?: string;
  filterChain?: string;
  routeConfig?: string;
  vhost?: string;
  route?: string;
  cluster?: string;
}

export const ERR = {
  noListener: "no listener matched",
  noFilterChain: "no filter chains matched",
  noRoute: "no route matched",
  tlsRedirect: "tls required, sending 301",
  noVirtualHost: "no virtual host matched",
  multipleFilterChain: "multiple filter chains matched",
  protocol: "protocol error",
  tls: "invalid TLS",
  mtls: "invalid mTLS",
} as const;

interface Filled {
  port: number;
  protocol: Protocol;
  tls: TlsMode;
  host: string;
  path: string;
  sni: string;
  alpn: string;
  address: string;
}

/** Call.FillDefaults. */
function fill(c: Call): Filled {
  const tls = c.tls ?? "plaintext";
  let alpn = c.alpn ?? "";
  if (tls === "mtls" && !alpn)
    alpn = c.protocol === "http" ? "istio-http/1.1" : c.protocol === "http2" ? "istio-h2" : "istio";
  if (tls === "tls" && !alpn) alpn = c.protocol === "http" ? "http/1.1" : c.protocol === "http2" ? "h2" : "";
  return {
    port: c.port,
    protocol: c.protocol,
    tls,
    host: c.host ?? "",
    path: c.path ?? "/",
    sni: c.sni ?? (tls === "tls" ? (c.host ?? "") : ""),
    alpn,
    address: c.address ?? "1.3.3.7",
  };
}

function socket(l: JsonObject): { address: string; port: number } {
  const sa = ((l.address as JsonObject | undefined)?.socket_address ?? {}) as JsonObject;
  return { address: String(sa.address ?? ""), port: Number(sa.port_value ?? 0) };
}

function hasListenerFilter(l: JsonObject, name: string): boolean {
  return ((l.listener_filters as JsonObject[] | undefined) ?? []).some((f) => f.name === name);
}

function fcm(c: JsonObject): JsonObject {
  return (c.filter_chain_match as JsonObject | undefined) ?? {};
}

/** filterRank: keep the best-ranked chains; with no match at all, those that leave the field unset. */
function filterRank(chains: JsonObject[], field: string, rank: (v: unknown) => number): JsonObject[] {
  const isSet = (c: JsonObject) => {
    const v = fcm(c)[field];
    return v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== "";
  };
  if (!chains.some(isSet)) return chains;
  let best = 0;
  let winners: JsonObject[] = [];
  for (const c of chains) {
    if (!isSet(c)) continue;
    const r = rank(fcm(c)[field]);
    if (r <= 0) continue;
    if (r > best) {
      best = r;
      winners = [c];
    } else if (r === best) winners.push(c);
  }
  if (winners.length > 0) return winners;
  return chains.filter((c) => !isSet(c));
}

function matchChain(l: JsonObject, call: Filled, inspector: boolean): JsonObject | string {
  let chains = (l.filter_chains as JsonObject[] | undefined) ?? [];
  chains = filterRank(chains, "destination_port", (v) => (Number(v) === call.port ? 1 : 0));
  chains = filterRank(chains, "server_names", (v) => {
    let best = 0;
    for (const s of v as string[]) {
      if (s === call.sni) best = Number.MAX_SAFE_INTEGER;
      else if (call.sni && subsetOf(call.sni, s)) best = Math.max(best, s.length);
    }
    return best;
  });
  chains = filterRank(chains, "transport_protocol", (v) => {
    if (!inspector) return v === "raw_buffer" ? 1 : 0;
    if (v === "tls") return call.tls !== "plaintext" ? 1 : 0;
    if (v === "raw_buffer") return call.tls === "plaintext" ? 1 : 0;
    return 0;
  });
  chains = filterRank(chains, "application_protocols", (v) => ((v as string[]).includes(call.alpn) ? 1 : 0));
  if (chains.length > 1) return ERR.multipleFilterChain;
  if (chains.length === 0) {
    const def = l.default_filter_chain as JsonObject | undefined;
    return def ?? ERR.noFilterChain;
  }
  return chains[0] as JsonObject;
}

function typedFilter(chain: JsonObject, name: string): JsonObject | undefined {
  const f = ((chain.filters as JsonObject[] | undefined) ?? []).find((x) => x.name === name);
  return f?.typed_config as JsonObject | undefined;
}

function requiresMtls(chain: JsonObject): boolean {
  const ctx = (chain.transport_socket as JsonObject | undefined)?.typed_config as JsonObject | undefined;
  const common = (ctx?.common_tls_context ?? {}) as JsonObject;
  const sds = (common.tls_certificate_sds_secret_configs as JsonObject[] | undefined) ?? [];
  return sds[0]?.name === "default" && ctx?.require_client_certificate === true;
}

/** Vhost selection as traffic.go does it: exact, longest *suffix, longest prefix*, then "*". */
function matchVhost(rc: JsonObject, rawHost: string): JsonObject | undefined {
  let host = rawHost;
  if (rc.ignore_port_in_host_matching === true) {
    const m = /^(.*):\d+$/.exec(host);
    if (m && !host.startsWith("[")) host = m[1] as string;
  }
  const vhosts = (rc.virtual_hosts as JsonObject[] | undefined) ?? [];
  const domains = (v: JsonObject) => (v.domains as string[] | undefined) ?? [];
  const exact = vhosts.find((v) => domains(v).includes(host));
  if (exact) return exact;
  let best: JsonObject | undefined;
  let longest = 0;
  for (const v of vhosts)
    for (const d of domains(v))
      if (d.startsWith("*") && host.length >= d.length && host.endsWith(d.slice(1)) && d.length > longest) {
        best = v;
        longest = d.length;
      }
  if (best) return best;
  longest = 0;
  for (const v of vhosts)
    for (const d of domains(v))
      if (
        d.endsWith("*") &&
        host.length >= d.length &&
        host.startsWith(d.slice(0, -1)) &&
        d.length > longest
      ) {
        best = v;
        longest = d.length;
      }
  if (best) return best;
  return vhosts.find((v) => domains(v).includes("*"));
}

/** The first route whose path matches; headers and query parameters are not evaluated. */
function matchRoute(vh: JsonObject, path: string): JsonObject | undefined {
  for (const r of (vh.routes as JsonObject[] | undefined) ?? []) {
    const m = (r.match ?? {}) as JsonObject;
    if (typeof m.prefix === "string" && path.startsWith(m.prefix)) return r;
    if (typeof m.path_separated_prefix === "string" && path.startsWith(m.path_separated_prefix)) return r;
    if (typeof m.path === "string" && path === m.path) return r;
    const re = (m.safe_regex as JsonObject | undefined)?.regex;
    if (typeof re === "string" && new RegExp(re).test(path)) return r;
  }
  return undefined;
}

/** Walk one call through the istiod-pushed (dynamic) listeners and routes of a dump. */
export function runCall(dump: ConfigDump, input: Call): Result {
  const call = fill(input);
  const result: Result = {};
  if (call.alpn && call.tls === "plaintext")
    return { error: "invalid call, ALPN can only be sent in TLS requests" };
  const dynamic = listeners(dump)
    .filter((l) => l.status === "active")
    .map((l) => l.resource);
  const l =
    dynamic.find((x) => socket(x).address === call.address && socket(x).port === call.port) ??
    dynamic.find((x) => socket(x).address === "0.0.0.0" && socket(x).port === call.port);
  if (!l) return { error: ERR.noListener };
  result.listener = String(l.name);
  const inspector = hasListenerFilter(l, "envoy.filters.listener.tls_inspector");
  if (!inspector) call.alpn = "";
  if (hasListenerFilter(l, "envoy.filters.listener.http_inspector") && call.tls === "plaintext") {
    const a = call.protocol === "http" ? "http/1.1" : call.protocol === "http2" ? "h2c" : "";
    if (a) call.alpn = a;
  }
  const chain = matchChain(l, call, inspector);
  if (typeof chain === "string") return { ...result, error: chain };
  if (chain.name !== undefined) result.filterChain = String(chain.name);
  const tlsSocket = chain.transport_socket !== undefined;
  if (tlsSocket && call.tls === "plaintext") return { ...result, error: ERR.tls };
  if (tlsSocket && requiresMtls(chain) !== (call.tls === "mtls")) return { ...result, error: ERR.mtls };
  const hcm = typedFilter(chain, "envoy.filters.network.http_connection_manager");
  if (hcm) {
    if (call.tls !== "plaintext" && !tlsSocket) return { ...result, error: ERR.protocol };
    if (call.protocol !== "http" && call.protocol !== "http2") return { ...result, error: ERR.protocol };
    let rc = hcm.route_config as JsonObject | undefined;
    if (!rc) {
      const name = String((hcm.rds as JsonObject).route_config_name);
      result.routeConfig = name;
      rc = routeConfigs(dump).find((r) => r.status === "active" && r.resource.name === name)?.resource;
    }
    const vh = rc ? matchVhost(rc, call.host) : undefined;
    if (!vh) return { ...result, error: ERR.noVirtualHost };
    result.vhost = String(vh.name);
    if (vh.require_tls === "ALL" && call.tls === "plaintext") return { ...result, error: ERR.tlsRedirect };
    const r = matchRoute(vh, call.path);
    if (!r) return { ...result, error: ERR.noRoute };
    if (r.name !== undefined) result.route = String(r.name);
    const cluster = (r.route as JsonObject | undefined)?.cluster;
    if (typeof cluster === "string") result.cluster = cluster;
    return result;
  }
  const tcp = typedFilter(chain, "envoy.filters.network.tcp_proxy");
  if (tcp && typeof tcp.cluster === "string") result.cluster = tcp.cluster;
  return result;
}
