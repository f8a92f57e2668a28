import { objectList, stringList } from "../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../envoy/types.js";

/**
 * Filter-chain selection as Envoy's FilterChainManagerImpl::findFilterChain does it: a
 * sieve over destination port, destination IP (most specific prefix), server name (exact,
 * then the longest `*.` wildcard, then chains without server names), transport protocol,
 * then application protocols in the client's order. At each level the most specific bucket
 * that exists is taken and Envoy never falls back to a less specific one if a later level
 * fails; with no chain left it uses the listener's default_filter_chain.
 */

export interface Connection {
  /** The listener port the connection arrived on. */
  readonly port: number;
  /** The destination IP, when known (chains with prefix_ranges need it). */
  readonly address?: string;
  readonly tls: boolean;
  readonly sni?: string;
  readonly alpn: readonly string[];
}

/** What the listener filters detected about the connection. */
export interface Detected {
  readonly transport: "tls" | "raw_buffer";
  readonly sni: string;
  readonly alpn: readonly string[];
}

export interface ChainSelection {
  readonly detected: Detected;
  readonly chain?: JsonObject;
  /** Index in filter_chains; -1 for the default filter chain. */
  readonly index?: number;
  /** How the chain was chosen, level by level. */
  readonly steps: readonly string[];
  /** Several chains match the same connection: Envoy rejects such a listener. */
  readonly overlapping?: readonly number[];
}

interface Candidate {
  readonly index: number;
  readonly match: JsonObject;
}

export function filterChainsOf(listener: JsonObject): JsonObject[] {
  const v = listener.filter_chains;
  return objectList(v);
}

export function hasListenerFilter(listener: JsonObject, suffix: string): boolean {
  const filters = Array.isArray(listener.listener_filters)
    ? listener.listener_filters.filter(isJsonObject)
    : [];
  return filters.some((f) => {
    const tc = isJsonObject(f.typed_config) ? f.typed_config : {};
    return String(f.name ?? "").endsWith(suffix) || String(tc["@type"] ?? "").endsWith(suffix);
  });
}

/** What tls_inspector (and http_inspector) would tell the chain matcher. */
export function detect(listener: JsonObject, c: Connection): Detected {
  const tlsInspector =
    hasListenerFilter(listener, "tls_inspector") || hasListenerFilter(listener, "TlsInspector");
  if (!tlsInspector) return { transport: "raw_buffer", sni: "", alpn: [] };
  if (!c.tls) return { transport: "raw_buffer", sni: "", alpn: [] };
  return { transport: "tls", sni: (c.sni ?? "").toLowerCase(), alpn: c.alpn };
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (
    (((parts[0] as number) << 24) |
      ((parts[1] as number) << 16) |
      ((parts[2] as number) << 8) |
      (parts[3] as number)) >>>
    0
  );
}

/** Prefix length of the most specific range containing `ip`; 0 for a chain without ranges; -1 if none contains it. */
function prefixScore(match: JsonObject, ip: string | undefined): number {
  const ranges = objectList(match.prefix_ranges);
  if (ranges.length === 0) return 0;
  const addr = ip === undefined ? undefined : ipv4ToInt(ip);
  let best = -1;
  for (const r of ranges) {
    const base = ipv4ToInt(String(r.address_prefix ?? ""));
    const len = Number(r.prefix_len ?? 32);
    if (addr === undefined || base === undefined) continue;
    const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
    if ((addr & mask) >>> 0 === (base & mask) >>> 0) best = Math.max(best, len === 0 ? 0 : len);
  }
  return best;
}

/** Keep the candidates of the most specific bucket that exists, Envoy's "no fallback" rule. */
function narrow(
  candidates: Candidate[],
  score: (c: Candidate) => number,
): { kept: Candidate[]; best: number } {
  let best = -1;
  for (const c of candidates) best = Math.max(best, score(c));
  return { kept: best < 0 ? [] : candidates.filter((c) => score(c) === best), best };
}

/** Server-name score: exact 1e6; wildcard by its length; none 0; no match -1. */
function serverNameScore(match: JsonObject, sni: string): number {
  const names = stringList(match.server_names).map((n) => n.toLowerCase());
  if (names.length === 0) return 0;
  let best = -1;
  for (const n of names) {
    if (n === sni && sni !== "") best = Math.max(best, 1_000_000);
    else if (n.startsWith("*.") && sni.length > n.length - 1 && sni.endsWith(n.slice(1)))
      best = Math.max(best, n.length);
  }
  return best;
}

export function selectFilterChain(listener: JsonObject, c: Connection): ChainSelection {
  const detected = detect(listener, c);
  const steps: string[] = [];
  let cands: Candidate[] = filterChainsOf(listener).map((fc, index) => ({
    index,
    match: isJsonObject(fc.filter_chain_match) ? fc.filter_chain_match : {},
  }));
  const result = (kept: Candidate[]): ChainSelection => {
    if (kept.length === 1) {
      const k = kept[0] as Candidate;
      return { detected, chain: filterChainsOf(listener)[k.index] as JsonObject, index: k.index, steps };
    }
    if (kept.length > 1) return { detected, steps, overlapping: kept.map((k) => k.index) };
    const dflt = isJsonObject(listener.default_filter_chain) ? listener.default_filter_chain : undefined;
    if (dflt) {
      steps.push("no filter chain matched; the listener's default_filter_chain takes the connection");
      return { detected, chain: dflt, index: -1, steps };
    }
    return { detected, steps };
  };

  // 1. Destination port: chains for this exact port, else those for any port.
  const port = narrow(cands, (x) => {
    const p = Number(x.match.destination_port ?? 0);
    return p === c.port ? 2 : p === 0 ? 1 : -1;
  });
  cands = port.kept;
  if (port.best === 2) steps.push(`destination_port ${c.port}`);
  if (cands.length === 0) return result(cands);

  // 2. Destination IP: the most specific prefix range wins.
  const ip = narrow(cands, (x) => prefixScore(x.match, c.address));
  cands = ip.kept;
  if (ip.best > 0) steps.push(`destination ${c.address} in a /${ip.best} prefix range`);
  if (cands.length === 0) {
    steps.push(
      c.address === undefined
        ? "every chain wants a destination prefix range, and the destination address is unknown"
        : `no chain's prefix_ranges contain ${c.address}`,
    );
    return result(cands);
  }

  // 3. Server name (SNI).
  const sn = narrow(cands, (x) => serverNameScore(x.match, detected.sni));
  cands = sn.kept;
  if (sn.best === 1_000_000) steps.push(`SNI ${detected.sni} matches server_names exactly`);
  else if (sn.best > 0) steps.push(`SNI ${detected.sni} matches a wildcard in server_names`);
  else if (sn.best === 0)
    steps.push(
      detected.sni
        ? `no server_names for SNI ${detected.sni}; a chain without server_names takes it`
        : "chain without server_names",
    );
  if (cands.length === 0) return result(cands);

  // 4. Transport protocol.
  const tp = narrow(cands, (x) => {
    const t = typeof x.match.transport_protocol === "string" ? x.match.transport_protocol : "";
    return t === detected.transport ? 1 : t === "" ? 0 : -1;
  });
  cands = tp.kept;
  if (tp.best === 1) steps.push(`transport_protocol ${detected.transport}`);
  if (cands.length === 0) {
    steps.push(`no chain accepts transport ${detected.transport}`);
    return result(cands);
  }

  // 5. Application protocols, in the order the client offered them.
  const withAlpn = cands.filter((x) => stringList(x.match.application_protocols).length > 0);
  if (withAlpn.length > 0) {
    const offered = detected.alpn.find((p) =>
      withAlpn.some((x) => stringList(x.match.application_protocols).includes(p)),
    );
    if (offered !== undefined) {
      cands = withAlpn.filter((x) => stringList(x.match.application_protocols).includes(offered));
      steps.push(`application protocol ${offered}`);
    } else {
      cands = cands.filter((x) => stringList(x.match.application_protocols).length === 0);
      if (cands.length === 0) steps.push(`no chain accepts the offered ALPN [${detected.alpn.join(", ")}]`);
    }
  }
  return result(cands);
}

/** Server names of every chain, to say which SNIs a listener accepts. */
export function acceptedServerNames(listener: JsonObject): string[] {
  const out: string[] = [];
  for (const fc of filterChainsOf(listener)) {
    const m = isJsonObject(fc.filter_chain_match) ? fc.filter_chain_match : {};
    const names = stringList(m.server_names);
    if (names.length === 0) out.push("(any)");
    else out.push(...names);
  }
  return [...new Set(out)];
}
