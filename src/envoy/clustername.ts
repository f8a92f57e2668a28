import { goLess } from "./gostring.js";

/**
 * Istio's cluster names, `direction|port|subset|fqdn` (pilot's BuildSubsetKey), as istioctl
 * splits them for its tables and sorts (model.ParseSubsetKey).
 */

export interface SubsetKey {
  readonly direction: string;
  readonly port: number;
  readonly subset: string;
  readonly fqdn: string;
}

/** istioctl only splits names with at least four '|'-separated parts. */
export function isSubsetKey(name: string): boolean {
  return name.split("|").length > 3;
}

/**
 * model.ParseSubsetKey: cuts at the first three separators; a fourth separator leaves the
 * hostname empty. Names starting "outbound_" or "inbound_" are the DNS SRV form, cut at "_.".
 */
export function parseSubsetKey(name: string): SubsetKey {
  const sep = name.startsWith("outbound_") || name.startsWith("inbound_") ? "_." : "|";
  const parts: string[] = [];
  let rest = name;
  for (let i = 0; i < 3; i++) {
    const at = rest.indexOf(sep);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + sep.length);
  }
  const [direction = "", port = "", subset = ""] = parts;
  const fqdn = parts.length === 3 && !rest.includes(sep) ? rest : "";
  return { direction, port: parts.length >= 2 ? (goAtoi(port) ?? 0) : 0, subset, fqdn };
}

/** The key istioctl sorts clusters and endpoints by: other names sort as fqdn, port 0. */
export function clusterSortKey(name: string): SubsetKey {
  return isSubsetKey(name) ? parseSubsetKey(name) : { direction: "", port: 0, subset: "", fqdn: name };
}

/** istioctl's cluster order: fqdn, then subset, port, direction (Go string order). */
export function clusterKeyLess(a: SubsetKey, b: SubsetKey): boolean {
  if (a.fqdn !== b.fqdn) return goLess(a.fqdn, b.fqdn);
  if (a.subset !== b.subset) return goLess(a.subset, b.subset);
  if (a.port !== b.port) return a.port < b.port;
  return goLess(a.direction, b.direction);
}

/** strconv.Atoi: an optionally signed decimal that fits in 64 bits, else undefined. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}
