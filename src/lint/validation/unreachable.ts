import type { FieldPath } from "../../manifests/types.js";
import { arr, type Out, q, type Rec, rec, str } from "./common.js";

/**
 * istiod's analysis of VirtualService rules that can never match (validation.go
 * analyzeUnreachable{HTTP,TCP,TLS}Rules), reported by istioctl as IST0130 (a rule not used)
 * and IST0131 (a match not used).
 */

/** A match as JSON without its name and empty fields, to compare matches (istio's asJSON). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Rec)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === null || value === "" || value === 0 || value === false) return undefined;
  return value;
}

function matchKey(match: unknown, http: boolean): string {
  const m = rec(match);
  if (http && m && m.name !== undefined) {
    const { name: _name, ...rest } = m;
    return JSON.stringify(canonical(rest) ?? {});
  }
  return JSON.stringify(canonical(match) ?? {});
}

const routeName = (route: unknown, i: number, http: boolean): string =>
  http && str(rec(route)?.name) !== "" ? q(str(rec(route)?.name)) : `#${i}`;
const requestName = (match: unknown, j: number, http: boolean): string =>
  http && str(rec(match)?.name) !== "" ? q(str(rec(match)?.name)) : `#${j}`;

interface PrefixMatch {
  readonly routeStr: string;
  readonly matchStr: string;
  readonly path: FieldPath;
  readonly prefix: string;
  readonly port: number;
  readonly method: string;
  readonly authority: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly queryParams: ReadonlyMap<string, string>;
  readonly withoutHeaders: ReadonlyMap<string, string>;
}

function exactOrPrefix(sm: unknown): string {
  const m = rec(sm);
  if (str(m?.exact) !== "") return `exact:${str(m?.exact)}`;
  if (str(m?.prefix) !== "") return `prefix:${str(m?.prefix)}`;
  return "";
}

function stringMatchMap(v: unknown): Map<string, string> {
  return new Map(Object.entries(rec(v) ?? {}).map(([k, sm]) => [k, exactOrPrefix(sm)]));
}

function prefixMatchOf(
  route: unknown,
  match: unknown,
  i: number,
  j: number,
  path: FieldPath,
): PrefixMatch | undefined {
  const m = rec(match);
  const prefix = str(rec(m?.uri)?.prefix);
  if (!m || prefix === "") return undefined;
  return {
    routeStr: routeName(route, i, true),
    matchStr: requestName(match, j, true),
    path,
    prefix,
    port: typeof m.port === "number" ? m.port : 0,
    method: exactOrPrefix(m.method) || "exact:GET",
    authority: exactOrPrefix(m.authority),
    headers: stringMatchMap(m.headers),
    queryParams: stringMatchMap(m.queryParams),
    withoutHeaders: stringMatchMap(m.withoutHeaders),
  };
}

function mapCovered(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (vb === undefined) return false;
    if (va !== vb && !va.startsWith(vb)) return false;
  }
  return true;
}

/** Does the earlier match `a` catch everything the later match `b` would (coveredValidation)? */
function covered(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix)) return false;
  if (b.port !== a.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return (
    mapCovered(a.headers, b.headers) &&
    mapCovered(a.queryParams, b.queryParams) &&
    mapCovered(a.withoutHeaders, b.withoutHeaders)
  );
}

function analyze(out: Out, routes: readonly unknown[], kind: "http" | "tcp" | "tls"): void {
  const http = kind === "http";
  const seen = new Map<string, number>();
  let emptyMatchSeen = -1;
  const prefixes: PrefixMatch[] = [];
  const unreachable = (i: number, reason: string) =>
    out.push({
      path: ["spec", kind, i],
      level: "warning",
      message: `virtualService rule ${routeName(routes[i], i, http)} not used (${reason})`,
      analysis: { type: "unreachable", params: [routeName(routes[i], i, http), reason] },
    });
  const ineffective = (path: FieldPath, rule: string, match: string, dup: string) =>
    out.push({
      path,
      level: "warning",
      message: `virtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup})`,
      analysis: { type: "ineffective", params: [rule, match, dup] },
    });
  routes.forEach((route, i) => {
    if (route === null || route === undefined) return;
    const matches = arr(rec(route)?.match);
    if (matches.length === 0) {
      if (emptyMatchSeen >= 0) unreachable(i, "only the last rule can have no matches");
      emptyMatchSeen = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((match, j) => {
      if (emptyMatchSeen >= 0) {
        unreachable(i, "route without matches defined before");
        return;
      }
      const key = matchKey(match, http);
      const dup = seen.get(key);
      if (dup !== undefined) {
        ineffective(
          ["spec", kind, i, "match", j],
          routeName(route, i, http),
          requestName(match, j, http),
          routeName(routes[dup], dup, http),
        );
        duplicates++;
        return;
      }
      seen.set(key, i);
      if (http) {
        const pm = prefixMatchOf(route, match, i, j, ["spec", kind, i, "match", j]);
        if (pm) prefixes.push(pm);
      }
    });
    if (duplicates === matches.length) unreachable(i, "all matches used by prior rules");
  });
  for (let a = 0; a < prefixes.length; a++) {
    const earlier = prefixes[a] as PrefixMatch;
    for (let b = a + 1; b < prefixes.length; b++) {
      const later = prefixes[b] as PrefixMatch;
      if (later.prefix === earlier.prefix) continue;
      if (covered(earlier, later))
        ineffective(
          later.path,
          later.routeStr,
          `${later.matchStr} of prefix ${later.prefix}`,
          `${earlier.matchStr} of prefix ${earlier.prefix} on ${earlier.routeStr}`,
        );
    }
  }
}

export function analyzeUnreachableRules(out: Out, spec: Rec): void {
  analyze(out, arr(spec.http), "http");
  analyze(out, arr(spec.tcp), "tcp");
  analyze(out, arr(spec.tls), "tls");
}
