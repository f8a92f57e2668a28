import type { MeshService } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { compareCreation } from "./creation-order.js";

/**
 * The services a gateway sees, in istiod's order: its default SidecarScope
 * (sidecar.go DefaultSidecarScopeForGateway over push_context.go servicesExportedToNamespace).
 * The order matters where istiod emits one item per service, e.g. AUTO_PASSTHROUGH chains.
 */

/** A service is visible to the gateway when it is exported to the gateway's config namespace. */
export function serviceVisible(svc: MeshService, namespace: string): boolean {
  const e = svc.exportTo;
  if (e.includes("*")) return true;
  if (e.includes("~")) return false;
  return e.some((x) => (x === "." ? svc.namespace === namespace : x === namespace));
}

/**
 * Services exported to `namespace`: those exported only to some namespaces first, then public
 * ones, each group in creation order; one service per host name — the first, unless a later
 * Kubernetes Service takes the host from a ServiceEntry (appendSidecarServices). Merging the
 * ports of two same-host ServiceEntries is not modelled: the first one's ports are used.
 */
export function scopeServices(
  services: readonly MeshService[],
  namespace: string,
  profile: VersionProfile,
): MeshService[] {
  // Attributes.Name is the Service name, or the host for ServiceEntry services.
  const key = (s: MeshService) => ({ created: s.meta.created, name: s.name, namespace: s.namespace });
  const sorted = services
    .filter((s) => serviceVisible(s, namespace))
    .sort((a, b) => compareCreation(key(a), key(b), profile));
  const ordered = [
    ...sorted.filter((s) => !s.exportTo.includes("*")),
    ...sorted.filter((s) => s.exportTo.includes("*")),
  ];
  const out: MeshService[] = [];
  const indexByHost = new Map<string, number>();
  for (const s of ordered) {
    const i = indexByHost.get(s.hostname);
    if (i === undefined) {
      indexByHost.set(s.hostname, out.length);
      out.push(s);
    } else if (out[i]?.kind !== "Service" && s.kind === "Service") {
      out[i] = s;
    }
  }
  return out;
}
