import { fullName, selectorOf, selectorString, serversOf } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** Gateway name → host → bind, for one (selector, port) pair. */
type Bucket = Map<string, Map<string, Map<string, true>>>;

function selectorFromString(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(",")) {
    const kv = pair.split("=");
    if (kv.length === 2) out[kv[0] as string] = kv[1] as string;
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: "conflicting-gateways",
    code: "IST0145",
    name: "ConflictingGateways",
    severity: "Error",
    template: "Conflict with gateways %s (workload selector %s, port %s, hosts %v).",
    description: "Two Gateways select the same workload and declare the same host on the same port.",
    docs: `When two Gateways for the same gateway workload both declare a host on one port (with the
same \`bind\`), istiod keeps only one of the servers: for TLS it drops the later one ("duplicate
host names"), so which certificate and routes a client gets depends on creation order.

istioctl compares selectors as strings (the same selector, or one contained in the other when a
pod carries both) and host strings exactly. Overlaps through wildcards or through different
selectors of one workload are gwctl's \`gateway-host-collision\` (GW1103).

Merge the servers into one Gateway, or give each Gateway distinct hosts.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.ConflictingGatewayAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const gateways = ctx.index.resources("Gateway");
    // (selector string, port) → bucket; built in one pass.
    const buckets = new Map<string, Map<string, Bucket>>();
    for (const gw of gateways) {
      const sel = selectorString(selectorOf(gw.spec));
      let byPort = buckets.get(sel);
      if (!byPort) {
        byPort = new Map();
        buckets.set(sel, byPort);
      }
      for (const server of serversOf(gw)) {
        const port = String(server.port);
        let bucket = byPort.get(port);
        if (!bucket) {
          bucket = new Map();
          byPort.set(port, bucket);
        }
        for (const h of server.hosts) {
          let byGw = bucket.get(h);
          if (!byGw) {
            byGw = new Map();
            bucket.set(h, byGw);
          }
          let binds = byGw.get(fullName(gw));
          if (!binds) {
            binds = new Map();
            byGw.set(fullName(gw), binds);
          }
          binds.set(server.bind, true);
        }
      }
    }
    const selectors = [...buckets.keys()];
    const sameWorkload = new Map<string, boolean>();
    const related = (a: string, b: string): boolean => {
      if (a === b) return true;
      if (!a.includes(b) && !b.includes(a)) return false;
      const key = `${a}\u0000${b}`;
      let v = sameWorkload.get(key);
      if (v === undefined) {
        const sa = selectorFromString(a);
        const sb = selectorFromString(b);
        const merged = { ...sa, ...sb };
        const consistent = Object.entries(sb).every(([k, val]) => sa[k] === undefined || sa[k] === val);
        v = consistent && ctx.index.workloadsMatching(merged).length > 0;
        sameWorkload.set(key, v);
      }
      return v;
    };
    const relatedCache = new Map<string, string[]>();
    const relatedSelectors = (sel: string): string[] => {
      let r = relatedCache.get(sel);
      if (!r) {
        r = selectors.filter((x) => related(sel, x));
        relatedCache.set(sel, r);
      }
      return r;
    };
    for (const gw of gateways) {
      const sel = selectorString(selectorOf(gw.spec));
      const me = fullName(gw);
      for (const server of serversOf(gw)) {
        const conflicting = new Set<string>();
        for (const other of relatedSelectors(sel)) {
          const bucket = buckets.get(other)?.get(String(server.port));
          if (!bucket) continue;
          for (const h of server.hosts) {
            for (const [name, binds] of bucket.get(h) ?? []) {
              if (name !== me && binds.has(server.bind)) conflicting.add(name);
            }
          }
        }
        if (conflicting.size === 0) continue;
        ctx.report(
          gw.object,
          [...server.path, "port", "number"],
          [...conflicting].sort().join(","),
          sel,
          String(server.port),
          server.hosts.join(","),
        );
      }
    }
  },
};
