/**
 * How Istio resolves the names that tie Gateways and VirtualServices together: a
 * VirtualService's gateway references, and a Gateway server's `namespace/host` entries.
 * Pure functions shared by the translation (xds) and lint.
 */

export const MESH_GATEWAY = "mesh";

/** `name` and `./name` → `<vsNs>/name`; legacy `name.ns[.svc…]` → `ns/name`; `ns/name` kept. */
export function resolveGatewayName(gw: string, vsNamespace: string): string {
  if (gw === MESH_GATEWAY) return gw;
  const slash = gw.indexOf("/");
  if (slash === -1) {
    const dot = gw.indexOf(".");
    if (dot === -1) return `${vsNamespace}/${gw}`;
    const rest = gw.slice(dot + 1);
    const dot2 = rest.indexOf(".");
    return `${dot2 === -1 ? rest : rest.slice(0, dot2)}/${gw.slice(0, dot)}`;
  }
  if (gw.slice(0, slash) === ".") return `${vsNamespace}/${gw.slice(slash + 1)}`;
  return gw;
}

/** Server hosts as istiod keeps them: `./h` → `<gwNs>/h`, `*​/h` → `h`, `*​/*` → only `*`. */
export function sanitizeServerHosts(hosts: readonly string[], gatewayNamespace: string): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const slash = h.indexOf("/");
    if (slash === -1) {
      out.push(h);
      continue;
    }
    const ns = h.slice(0, slash);
    const name = h.slice(slash + 1);
    if (ns === ".") out.push(`${gatewayNamespace}/${name}`);
    else if (ns === "*") {
      if (name === "*") return ["*"];
      out.push(name);
    } else out.push(h);
  }
  return out;
}
