import { hostsMatch, isWildcard } from "../mesh/hosts.js";
import type { ResolvedVirtualService } from "./virtual-services.js";

/**
 * Which VirtualServices of one gateway may intersect a server's hosts, found without scanning
 * every VirtualService: exact host names are looked up, wildcard VirtualService hosts are
 * kept aside (few in practice), and only a wildcard server host falls back to the full list.
 * Results keep istiod's order (the position in the gateway's list).
 */
export interface VsHostIndex {
  candidates(serverHosts: readonly string[]): readonly ResolvedVirtualService[];
}

export function buildVsHostIndex(list: readonly ResolvedVirtualService[]): VsHostIndex {
  const exact = new Map<string, number[]>();
  const wildcard: number[] = [];
  list.forEach((vs, i) => {
    for (const h of vs.spec.hosts ?? []) {
      if (isWildcard(h)) {
        if (wildcard[wildcard.length - 1] !== i) wildcard.push(i);
        continue;
      }
      const key = h.toLowerCase();
      const l = exact.get(key);
      if (!l) exact.set(key, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    }
  });
  return {
    candidates(serverHosts: readonly string[]): readonly ResolvedVirtualService[] {
      const positions = new Set<number>();
      for (const raw of serverHosts) {
        const slash = raw.indexOf("/");
        const h = slash === -1 ? raw : raw.slice(slash + 1);
        if (isWildcard(h)) return list;
        for (const i of exact.get(h.toLowerCase()) ?? []) positions.add(i);
        for (const i of wildcard) {
          const vs = list[i] as ResolvedVirtualService;
          if ((vs.spec.hosts ?? []).some((vh) => isWildcard(vh) && hostsMatch(vh, h))) positions.add(i);
        }
      }
      return [...positions].sort((a, b) => a - b).map((i) => list[i] as ResolvedVirtualService);
    },
  };
}
