/**
 * The kinds gwctl reads, keyed by "group/Kind". Versions are not part of the key: Istio's
 * v1alpha3, v1beta1 and v1 share one schema, and so do EndpointSlice v1beta1 and v1.
 */
export interface KindInfo {
  readonly namespaced: boolean;
}

const USED: Record<string, KindInfo> = {
  "networking.istio.io/Gateway": { namespaced: true },
  "networking.istio.io/VirtualService": { namespaced: true },
  "networking.istio.io/DestinationRule": { namespaced: true },
  "networking.istio.io/ServiceEntry": { namespaced: true },
  "/Service": { namespaced: true },
  "/Pod": { namespaced: true },
  "/Namespace": { namespaced: false },
  "/Secret": { namespaced: true },
  "/Endpoints": { namespaced: true },
  "/ConfigMap": { namespaced: true },
  "apps/Deployment": { namespaced: true },
  "discovery.k8s.io/EndpointSlice": { namespaced: true },
  "install.istio.io/IstioOperator": { namespaced: true },
  // Read by lint only: Gateway API gateways a VirtualService may bind to, the JWT policies of
  // gateway pods, and node topology labels that DestinationRule subsets may select.
  "gateway.networking.k8s.io/Gateway": { namespaced: true },
  "security.istio.io/RequestAuthentication": { namespaced: true },
  "/Node": { namespaced: false },
};

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash === -1
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export function usedKind(group: string, kind: string): KindInfo | undefined {
  return USED[kindKey(group, kind)];
}

/** `kind: List` (what `kubectl get -o yaml` prints) and typed lists such as ServiceList. */
export function isListKind(group: string, kind: string): boolean {
  return group === "" && (kind === "List" || (kind.endsWith("List") && kind.length > 4));
}
