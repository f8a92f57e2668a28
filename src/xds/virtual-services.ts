import { MESH_GATEWAY, resolveGatewayName } from "../mesh/gateway-refs.js";
import { resolveShortname } from "../mesh/hosts.js";
import type { Destination, HTTPRoute, VirtualServiceSpec } from "../mesh/istio-types.js";
import type { Mesh, VirtualService } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { compareCreation } from "./creation-order.js";
import { mergeDelegateRoutes } from "./delegation.js";

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

/** exportTo after defaulting ("." → own namespace), as istiod's visibility set. */
function exportSet(vs: VirtualService): Set<string> {
  const e = vs.spec.exportTo ?? [];
  if (e.length === 0) return new Set(["*"]);
  return new Set(e.map((x) => (x === "." ? vs.meta.namespace : x)));
}

/**
 * Roots with their delegates merged in (mergeVirtualServicesIfNeeded). Delegates are looked
 * up by "<ns>/<name>" in a map; a delegate must be exported to the root's namespace, and one
 * that is missing or hidden drops only the http route that names it.
 */
function mergeDelegates(
  sorted: readonly VirtualService[],
  domainSuffix: string,
): { roots: ResolvedVirtualService[]; delegateNotes: string[] } {
  const delegates = new Map<string, { vs: ResolvedVirtualService; exportTo: Set<string> }>();
  const roots: ResolvedVirtualService[] = [];
  for (const vs of sorted) {
    const r = resolveVirtualService(vs, domainSuffix);
    if (!vs.spec.hosts || vs.spec.hosts.length === 0)
      delegates.set(`${vs.meta.namespace}/${vs.meta.name}`, { vs: r, exportTo: exportSet(vs) });
    else roots.push(r);
  }
  const delegateNotes: string[] = [];
  const out = roots.map((root) => {
    const http = root.spec.http ?? [];
    if (!http.some((h) => h.delegate)) return root;
    const merged: HTTPRoute[] = [];
    for (const route of http) {
      if (!route.delegate) {
        merged.push(route);
        continue;
      }
      const ns = route.delegate.namespace || root.namespace;
      const d = delegates.get(`${ns}/${route.delegate.name}`);
      if (!d) {
        delegateNotes.push(
          `delegate VirtualService ${ns}/${route.delegate.name} of ${root.namespace}/${root.name} not found`,
        );
        continue;
      }
      if (!d.exportTo.has("*") && !d.exportTo.has(root.namespace)) {
        delegateNotes.push(
          `delegate VirtualService ${ns}/${route.delegate.name} of ${root.namespace}/${root.name} is not exported to ${root.namespace}`,
        );
        continue;
      }
      merged.push(...mergeDelegateRoutes(route, d.vs.spec.http ?? []));
    }
    return { ...root, spec: { ...root.spec, http: merged } };
  });
  return { roots: out, delegateNotes };
}

export interface VirtualServiceIndex {
  readonly byGateway: GatewayVirtualServices;
  /** Why a delegate was not merged (missing, not exported), as istiod logs it. */
  readonly notes: readonly string[];
}

export function indexVirtualServices(
  mesh: Mesh,
  proxyNamespace: string,
  profile: VersionProfile,
): GatewayVirtualServices {
  return indexVirtualServicesWithNotes(mesh, proxyNamespace, profile).byGateway;
}

/**
 * VirtualServicesForGateway for every gateway at once: private to the proxy namespace, then
 * exported to it, then public; each list in creation order. VirtualServices with no gateways
 * bind to "mesh" and so to no gateway.
 */
export function indexVirtualServicesWithNotes(
  mesh: Mesh,
  proxyNamespace: string,
  profile: VersionProfile,
): VirtualServiceIndex {
  const sorted = [...mesh.virtualServices].sort((a, b) => compareCreation(a.meta, b.meta, profile));
  const { roots, delegateNotes } = mergeDelegates(sorted, mesh.domainSuffix);
  const privateList = new Map<string, ResolvedVirtualService[]>();
  const exported = new Map<string, ResolvedVirtualService[]>();
  const pub = new Map<string, ResolvedVirtualService[]>();
  const push = (m: Map<string, ResolvedVirtualService[]>, k: string, v: ResolvedVirtualService) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const r of roots) {
    const gwNames = r.spec.gateways && r.spec.gateways.length > 0 ? r.spec.gateways : [MESH_GATEWAY];
    const exportTo = exportSet(r.source);
    if (exportTo.has("*")) {
      for (const gw of gwNames) push(pub, gw, r);
      continue;
    }
    if (exportTo.has("~")) continue;
    for (const e of exportTo) {
      if (e === r.namespace) {
        if (r.namespace === proxyNamespace) for (const gw of gwNames) push(privateList, gw, r);
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
  return { byGateway: out, notes: delegateNotes };
}
