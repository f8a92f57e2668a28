import { hostsMatch, isWildcard } from "../../mesh/hosts.js";
import type { IstioObject } from "../context.js";
import { fullName, MESH_GATEWAY, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-mesh-host-conflict",
    code: "IST0109",
    name: "ConflictingMeshGatewayVirtualServiceHosts",
    severity: "Error",
    template:
      "The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
    description:
      "Two VirtualServices bound to the mesh gateway define the same host for the same namespaces.",
    docs: `Sidecars take one VirtualService per host: when several VirtualServices bound to \`mesh\`
(no \`gateways\`, or \`mesh\` among them) define the same host for overlapping \`exportTo\` scopes, which
one wins is undefined. A VirtualService is not in conflict with itself (istioctl issue #42561).

Merge them into one VirtualService, or narrow their \`exportTo\`.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.ConflictingMeshGatewayHostsAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    // scope/fqdn → VirtualServices, as istioctl's initMeshGatewayHosts.
    const byScopedHost = new Map<string, IstioObject[]>();
    const allScope = new Map<string, IstioObject[]>();
    const allScopeWildcards: string[] = [];
    for (const vs of ctx.index.resources("VirtualService")) {
      const gateways = stringList(vs.spec.gateways);
      if (gateways.length > 0 && !gateways.includes(MESH_GATEWAY)) continue;
      const exportTo = stringList(vs.spec.exportTo);
      const scopes =
        exportTo.length === 0 || exportTo.includes("*")
          ? ["*"]
          : [...new Set(exportTo.map((e) => (e === "." ? vs.namespace : e)))];
      for (const scope of scopes) {
        for (const h of new Set(stringList(vs.spec.hosts).map((x) => ctx.index.fqdn(vs.namespace, x)))) {
          const key = `${scope}/${h}`;
          const list = byScopedHost.get(key);
          if (list) list.push(vs);
          else byScopedHost.set(key, [vs]);
          if (scope === "*") {
            const l = allScope.get(h);
            if (l) l.push(vs);
            else {
              allScope.set(h, [vs]);
              if (isWildcard(h)) allScopeWildcards.push(h);
            }
          }
        }
      }
    }
    const reported = new Set<IstioObject>();
    for (const [key, list] of byScopedHost) {
      const slash = key.indexOf("/");
      const scope = key.slice(0, slash);
      const host = key.slice(slash + 1);
      let candidates = list;
      if (scope !== "*") {
        const extra: IstioObject[] = [...(allScope.get(host) ?? [])];
        for (const w of allScopeWildcards)
          if (w !== host && hostsMatch(host, w)) extra.push(...(allScope.get(w) ?? []));
        if (isWildcard(host))
          for (const [h, l] of allScope)
            if (h !== host && !isWildcard(h) && hostsMatch(host, h)) extra.push(...l);
        candidates = [...list, ...extra];
      }
      const distinct = [...new Set(candidates)];
      if (distinct.length < 2) continue;
      const names = distinct.map(fullName).sort().join(",");
      for (const vs of distinct) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        ctx.report(vs.object, ["metadata", "name"], names, key);
      }
    }
  },
};
