/**
 * Host-name rules of pkg/config/host: wildcard subset tests, the "more specific first"
 * order, namespace-scoped server hosts, and short-name resolution.
 */

export function isWildcard(h: string): boolean {
  return h.length > 0 && h[0] === "*";
}

/** a ⊆ b: every name matched by a is matched by b. */
export function subsetOf(a: string, b: string): boolean {
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw) {
    if (!bw) return false;
    if (a.length < b.length) return false;
    return a.slice(1).endsWith(b.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** a and b have at least one name in common. */
export function hostsMatch(a: string, b: string): boolean {
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw) {
    if (bw) {
      return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
    }
    return b.endsWith(a.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** true when a sorts before b in istio's host.Names order (exact names first, longer first). */
export function moreSpecific(a: string, b: string): boolean {
  if (a.length === 0 && b.length === 0) return true;
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw && !bw) return false;
  if (!aw && bw) return true;
  if (a.length === b.length) return a < b;
  return a.length > b.length;
}

export function compareMoreSpecific(a: string, b: string): number {
  if (a === b) return 0;
  return moreSpecific(a, b) ? -1 : 1;
}

/**
 * Server hosts as seen by a VirtualService in `namespace`: `ns/h` is kept (as h) only when
 * ns is that namespace or "*"; plain hosts are kept.
 */
export function namesForNamespace(hosts: readonly string[], namespace: string): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const slash = h.indexOf("/");
    if (slash !== -1) {
      const ns = h.slice(0, slash);
      if (ns !== namespace && ns !== "*") continue;
      out.push(h.slice(slash + 1));
    } else {
      out.push(h);
    }
  }
  return out;
}

/** For each a (in order) × b: a if a ⊆ b, else b if b ⊆ a; each name once. */
export function intersectHosts(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      if (subsetOf(x, y)) {
        if (!out.includes(x)) out.push(x);
      } else if (subsetOf(y, x)) {
        if (!out.includes(y)) out.push(y);
      }
    }
  }
  return out;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * ResolveShortnameToFQDN: a name without a dot gets `.<ns>.svc.<suffix>` (or `.<ns>` with
 * no suffix); "*", IPs and dotted names stay as they are.
 */
export function resolveShortname(host: string, namespace: string, domainSuffix: string): string {
  if (host === "" || host === "*" || host.includes(".") || IPV4.test(host) || host.includes(":")) return host;
  if (isWildcard(host)) return host;
  return domainSuffix ? `${host}.${namespace}.svc.${domainSuffix}` : `${host}.${namespace}`;
}
