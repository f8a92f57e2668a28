import { isJsonObject, type Json, type JsonObject } from "../envoy/types.js";

/**
 * How the elements of two lists are paired before they are compared. Envoy's lists are
 * mostly lists of named things (filters, virtual hosts, clusters of a weighted route), and
 * comparing them by position would report every element after an inserted one as changed.
 * So elements are paired by a key when every element has a unique one, and by position
 * (with a bounded longest-common-subsequence) otherwise.
 */

/** The key an element is found by: printed as `[label=value]` in paths. */
export interface ElementKey {
  readonly label: string;
  readonly value: string;
}

/**
 * Lists whose order Envoy ignores, so a reordering is no difference: virtual hosts are
 * chosen by domain, filter chains by their match, endpoints and localities by the load
 * balancer, weighted clusters by weight. Every other keyed list (http_filters, filters,
 * listener_filters, routes, …) runs in order, and a reordering is reported once.
 */
const UNORDERED = new Set(["virtual_hosts", "filter_chains", "endpoints", "lb_endpoints", "clusters"]);

/**
 * Lists of strings that are sets to Envoy: any domain of a virtual host matches, any server
 * name or application protocol of a filter chain match. Keyed by "parent.field" where the
 * same field name is ordered elsewhere (alpn_protocols of a TLS context is a preference list).
 */
const SETS = new Set([
  "domains",
  "filter_chain_match.server_names",
  "filter_chain_match.application_protocols",
  "retriable_status_codes",
]);

export function isUnordered(field: string | undefined): boolean {
  return field !== undefined && UNORDERED.has(field);
}

export function isSet(parentField: string | undefined, field: string | undefined): boolean {
  if (field === undefined) return false;
  return SETS.has(field) || (parentField !== undefined && SETS.has(`${parentField}.${field}`));
}

function text(v: Json | undefined): string {
  if (Array.isArray(v)) return v.map(text).join(",");
  if (isJsonObject(v)) return JSON.stringify(v);
  return String(v);
}

/** A filter chain without a name is known by its match: `server_names:a.example.com;transport_protocol:tls`. */
function filterChainMatchKey(chain: JsonObject): string {
  const m = chain.filter_chain_match;
  if (!isJsonObject(m)) return "any";
  const parts = Object.keys(m)
    .sort()
    .map((k) => `${k}:${text(m[k])}`);
  return parts.length > 0 ? parts.join(";") : "any";
}

function addressKey(lb: JsonObject): string | undefined {
  const endpoint = lb.endpoint;
  const address = isJsonObject(endpoint) ? endpoint.address : undefined;
  if (!isJsonObject(address)) return undefined;
  const sa = address.socket_address;
  if (isJsonObject(sa)) return `${text(sa.address)}:${text(sa.port_value ?? sa.named_port ?? "")}`;
  const pipe = address.pipe;
  if (isJsonObject(pipe)) return `pipe:${text(pipe.path)}`;
  const internal = address.envoy_internal_address;
  if (isJsonObject(internal)) return `internal:${text(internal.server_listener_name)}`;
  return undefined;
}

function localityKey(group: JsonObject): string {
  const l = isJsonObject(group.locality) ? group.locality : {};
  const where = [l.region, l.zone, l.sub_zone].map((x) => (typeof x === "string" ? x : "")).join("/");
  const priority = typeof group.priority === "number" && group.priority !== 0 ? `#${group.priority}` : "";
  return where === "//" && priority === "" ? "" : `${where}${priority}`;
}

/** The key of one element of the list `field`, if it has one. */
export function elementKey(field: string | undefined, el: Json): ElementKey | undefined {
  if (!isJsonObject(el)) return undefined;
  if (typeof el.name === "string" && el.name !== "") return { label: "name", value: el.name };
  switch (field) {
    case "filter_chains":
      return { label: "match", value: filterChainMatchKey(el) };
    case "lb_endpoints": {
      const a = addressKey(el);
      return a === undefined ? undefined : { label: "address", value: a };
    }
    case "endpoints":
      return isJsonObject(el.locality) || "lb_endpoints" in el
        ? { label: "locality", value: localityKey(el) }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Keys for every element of both lists, when every element has one, all use the same label,
 * and no key repeats within a list; otherwise undefined (pair by position instead).
 */
export function keyLists(
  field: string | undefined,
  a: readonly Json[],
  b: readonly Json[],
): [ElementKey[], ElementKey[]] | undefined {
  let label: string | undefined;
  const keysOf = (list: readonly Json[]): ElementKey[] | undefined => {
    const seen = new Set<string>();
    const out: ElementKey[] = [];
    for (const el of list) {
      const k = elementKey(field, el);
      if (!k || seen.has(k.value)) return undefined;
      if (label === undefined) label = k.label;
      else if (k.label !== label) return undefined;
      seen.add(k.value);
      out.push(k);
    }
    return out;
  };
  const ka = keysOf(a);
  if (!ka) return undefined;
  const kb = keysOf(b);
  return kb ? [ka, kb] : undefined;
}

/** One step of a positional alignment. `same` elements need no further comparison. */
export type Step =
  | { readonly kind: "same"; readonly i: number; readonly j: number }
  | { readonly kind: "pair"; readonly i: number; readonly j: number }
  | { readonly kind: "removed"; readonly i: number }
  | { readonly kind: "added"; readonly j: number };

/**
 * The longest common subsequence is quadratic, so it runs only while the unequal middle of
 * the two lists has at most this many cells (a 500 × 500 block); past that, elements are
 * paired by position. Real lists without keys (routes of one virtual host, headers to add)
 * are far smaller.
 */
export const LCS_CELL_LIMIT = 250_000;

/**
 * Pair two lists without keys: equal heads and tails first (cheap, and most lists differ in
 * a few places), then a bounded LCS over fingerprints of the middle, so an inserted or
 * removed element is reported as such instead of shifting every later one. Unmatched
 * elements between two matches are paired in order (a changed element), the rest are
 * removed or added.
 */
export function alignByPosition<T>(
  a: readonly T[],
  b: readonly T[],
  equal: (x: T, y: T) => boolean,
  fingerprint: (x: T) => string,
  cellLimit = LCS_CELL_LIMIT,
): Step[] {
  const steps: Step[] = [];
  let head = 0;
  while (head < a.length && head < b.length && equal(a[head] as T, b[head] as T)) {
    steps.push({ kind: "same", i: head, j: head });
    head++;
  }
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    equal(a[a.length - 1 - tail] as T, b[b.length - 1 - tail] as T)
  )
    tail++;

  const aEnd = a.length - tail;
  const bEnd = b.length - tail;
  const n = aEnd - head;
  const m = bEnd - head;
  const anchors: [number, number][] =
    n > 0 && m > 0 && n * m <= cellLimit ? lcsAnchors(a, b, head, aEnd, head, bEnd, fingerprint) : [];
  let i = head;
  let j = head;
  for (const [ai, bj] of [...anchors, [aEnd, bEnd] as [number, number]]) {
    while (i < ai && j < bj) steps.push({ kind: "pair", i: i++, j: j++ });
    while (i < ai) steps.push({ kind: "removed", i: i++ });
    while (j < bj) steps.push({ kind: "added", j: j++ });
    if (ai < aEnd) steps.push({ kind: "same", i: i++, j: j++ });
  }
  for (let t = 0; t < tail; t++) steps.push({ kind: "same", i: aEnd + t, j: bEnd + t });
  return steps;
}

/** Classic LCS table over a[a0..a1) and b[b0..b1); returns the matched index pairs in order. */
function lcsAnchors<T>(
  a: readonly T[],
  b: readonly T[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  fingerprint: (x: T) => string,
): [number, number][] {
  const fa = a.slice(a0, a1).map(fingerprint);
  const fb = b.slice(b0, b1).map(fingerprint);
  const n = fa.length;
  const m = fb.length;
  // lengths[i * (m + 1) + j] = LCS length of fa[i..] and fb[j..]
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        fa[i] === fb[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] as number, lengths[i * (m + 1) + j + 1] as number);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) {
      out.push([a0 + i, b0 + j]);
      i++;
      j++;
    } else if ((lengths[(i + 1) * (m + 1) + j] as number) >= (lengths[i * (m + 1) + j + 1] as number)) i++;
    else j++;
  }
  return out;
}
