import { hostsMatch } from "../mesh/hosts.js";
import type { ResolvedVirtualService } from "./virtual-services.js";

/**
 * Which VirtualServices of one gateway may intersect a server's hosts, found without scanning
 * every VirtualService. Each VirtualService host is filed under its exact name, or (for
 * "*.x" wildcards) under "x", and under every dot-suffix of its name, so that:
 *   - an exact server host looks up itself and the wildcards over its suffixes;
 *   - a "*.x" server host looks up the names under "x" and the wildcards over "x";
 *   - only "*" (and odd wildcards like "*x") fall back to the full list.
 * The cost is linear in the total number of host labels; results keep istiod's order (the
 * position in the gateway's list).
 */
export interface VsHostIndex {
  candidates(serverHosts: readonly string[]): readonly ResolvedVirtualService[];
}

type Positions = Map<string, number[]>;

function file(map: Positions, key: string, i: number): void {
  const l = map.get(key);
  if (!l) map.set(key, [i]);
  else if (l[l.length - 1] !== i) l.push(i);
}

/** Proper dot-suffixes of a name: "a.b.c" → ["b.c", "c"]. */
function suffixes(name: string): string[] {
  const out: string[] = [];
  for (let i = name.indexOf("."); i !== -1; i = name.indexOf(".", i + 1)) out.push(name.slice(i + 1));
  return out;
}

export function buildVsHostIndex(list: readonly ResolvedVirtualService[]): VsHostIndex {
  const exact: Positions = new Map();
  /** "*.x" VirtualService hosts, keyed by "x". */
  const wildcards: Positions = new Map();
  /** Every host (exact or "*.x") under each dot-suffix of its name, and "*.x" also under "x". */
  const under: Positions = new Map();
  const star: number[] = [];
  const odd: number[] = [];
  list.forEach((vs, i) => {
    for (const raw of vs.spec.hosts ?? []) {
      const h = raw.toLowerCase();
      if (h === "*") {
        if (star[star.length - 1] !== i) star.push(i);
      } else if (h.startsWith("*.")) {
        const base = h.slice(2);
        file(wildcards, base, i);
        file(under, base, i);
        for (const s of suffixes(base)) file(under, s, i);
      } else if (h.startsWith("*")) {
        if (odd[odd.length - 1] !== i) odd.push(i);
      } else {
        file(exact, h, i);
        for (const s of suffixes(h)) file(under, s, i);
      }
    }
  });
  return {
    candidates(serverHosts: readonly string[]): readonly ResolvedVirtualService[] {
      const positions = new Set<number>();
      const add = (l: readonly number[] | undefined) => {
        for (const i of l ?? []) positions.add(i);
      };
      for (const raw of serverHosts) {
        const slash = raw.indexOf("/");
        const h = (slash === -1 ? raw : raw.slice(slash + 1)).toLowerCase();
        if (h === "*" || (h.startsWith("*") && !h.startsWith("*."))) return list;
        const base = h.startsWith("*.") ? h.slice(2) : undefined;
        if (base === undefined) add(exact.get(h));
        else add(under.get(base));
        // Wildcard VirtualService hosts over the name: "*.<suffix>" for each suffix (and the base itself).
        const name = base ?? h;
        if (base !== undefined) add(wildcards.get(base));
        for (const s of suffixes(name)) add(wildcards.get(s));
        add(star);
        for (const i of odd) {
          const vs = list[i] as ResolvedVirtualService;
          if ((vs.spec.hosts ?? []).some((vh) => hostsMatch(vh.toLowerCase(), h))) positions.add(i);
        }
      }
      return [...positions].sort((a, b) => a - b).map((i) => list[i] as ResolvedVirtualService);
    },
  };
}
