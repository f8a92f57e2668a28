import { MESH_GATEWAY, resolveGatewayName } from "../mesh/gateway-refs.js";
import { resolveShortname } from "../mesh/hosts.js";
import type { Destination, HTTPRoute, VirtualServiceSpec } from "../mesh/istio-types.js";
import { compareByCreation } from "../mesh/meta.js";
import type { Mesh, VirtualService } from "../mesh/model.js";

/**
 * VirtualServices as istiod holds them after initVirtualServices: short names resolved to
 * FQDNs, gateway references to "<ns>/<name>", then indexed by gateway for one proxy
 * namespace (push_context.go VirtualServicesForGateway).
 */

export { MESH_GATEWAY, resolveGatewayName };

/** A VirtualService with every name resolved. `spec` is a resolved copy; `source` the original. */
export interface ResolvedVirtualService {
  readonly source: VirtualService;
  readonly name: string;
  readonly namespace: string;
  readonly spec: VirtualServiceSpec;
}

function resolveDestination(d: Destination, ns: string, suffix: string): Destination {
  return { ...d, host: resolveShortname(d.host, ns, suffix) };
}

export function resolveVirtualService(vs: VirtualService, domainSuffix: string): ResolvedVirtualService {
  const ns = vs.meta.namespace;
  const s = vs.spec;
  const gws = (list: readonly string[] | undefined) => list?.map((g) => resolveGatewayName(g, ns));
  const http: HTTPRoute[] | undefined = s.http?.map((r) => ({
    ...r,
    ...(r.match && {
      match: r.match.map((m) => ({ ...m, ...(m.gateways && { gateways: gws(m.gateways) }) })),
    }),
    ...(r.route && {
      route: r.route.map((d) => ({ ...d, destination: resolveDestination(d.destination, ns, domainSuffix) })),
    }),
    ...(r.mirror && { mirror: resolveDestination(r.mirror, ns, domainSuffix) }),
    ...(r.mirrors && {
      mirrors: r.mirrors.map((m) => ({
        ...m,
        destination: resolveDestination(m.destination, ns, domainSuffix),
      })),
    }),
  }));
  const spec: VirtualServiceSpec = {
    ...s,
    ...(s.hosts && { hosts: s.hosts.map((h) => resolveShortname(h, ns, domainSuffix)) }),
    ...(s.gateways && { gateways: gws(s.gateways) }),
    ...(http && { http }),
    ...(s.tcp && {
      tcp: s.tcp.map((r) => ({
        ...r,
        ...(r.match && {
          match: r.match.map((m) => ({ ...m, ...(m.gateways && { gateways: gws(m.gateways) }) })),
        }),
        ...(r.route && {
          route: r.route.map((d) => ({
            ...d,
            destination: resolveDestination(d.destination, ns, domainSuffix),
          })),
        }),
      })),
    }),
    ...(s.tls && {
      tls: s.tls.map((r) => ({
        ...r,
        match: r.match.map((m) => ({ ...m, ...(m.gateways && { gateways: gws(m.gateways) }) })),
        ...(r.route && {
          route: r.route.map((d) => ({
            ...d,
            destination: resolveDestination(d.destination, ns, domainSuffix),
          })),
        }),
      })),
    }),
  };
  return { source: vs, name: vs.meta.name, namespace: ns, spec };
}

/** For one proxy namespace: gateway name → the VirtualServices bound to it, in istiod's order. */
export type GatewayVirtualServices = ReadonlyMap<string, readonly ResolvedVirtualService[]>;

export function indexVirtualServices(mesh: Mesh, proxyNamespace: string): GatewayVirtualServices {
  const sorted = [...mesh.virtualServices].sort((a, b) => compareByCreation(a.meta, b.meta));
  const privateList = new Map<string, ResolvedVirtualService[]>();
  const exported = new Map<string, ResolvedVirtualService[]>();
  const pub = new Map<string, ResolvedVirtualService[]>();
  const push = (m: Map<string, ResolvedVirtualService[]>, k: string, v: ResolvedVirtualService) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const vs of sorted) {
    // Delegates (no hosts) are only reachable through their root; VSs without gateways bind to "mesh".
    if (!vs.spec.hosts || vs.spec.hosts.length === 0) continue;
    const r = resolveVirtualService(vs, mesh.domainSuffix);
    const gwNames = r.spec.gateways && r.spec.gateways.length > 0 ? r.spec.gateways : [MESH_GATEWAY];
    const exportTo = vs.spec.exportTo ?? [];
    if (exportTo.length === 0 || exportTo.includes("*")) {
      for (const gw of gwNames) push(pub, gw, r);
      continue;
    }
    if (exportTo.includes("~")) continue;
    for (const e of new Set(exportTo)) {
      if (e === "." || e === vs.meta.namespace) {
        if (vs.meta.namespace === proxyNamespace) for (const gw of gwNames) push(privateList, gw, r);
      } else if (e === proxyNamespace) {
        for (const gw of gwNames) push(exported, gw, r);
      }
    }
  }
  const out = new Map<string, ResolvedVirtualService[]>();
  const gateways = new Set([...privateList.keys(), ...exported.keys(), ...pub.keys()]);
  for (const gw of gateways) {
    out.set(gw, [...(privateList.get(gw) ?? []), ...(exported.get(gw) ?? []), ...(pub.get(gw) ?? [])]);
  }
  return out;
}
