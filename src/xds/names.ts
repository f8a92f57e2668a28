/** Names istiod gives to xDS resources (model.BuildSubsetKey and friends). */

// Reading names back out of a dump is the envoy layer's job; re-exported for the translation.
export { parseClusterName, type SubsetKey } from "../envoy/istio-names.js";

export function clusterName(
  direction: "outbound" | "inbound",
  port: number,
  subset: string,
  host: string,
): string {
  return `${direction}|${port}|${subset}|${host}`;
}

/** SNI of an Istio mTLS upstream: outbound_.<port>_.<subset>_.<host>. */
export function istioSni(port: number, subset: string, host: string): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}

export function listenerName(bind: string, port: number): string {
  return `${bind}_${port}`;
}

/** `/apis/networking.istio.io/<ver>/namespaces/<ns>/<kind>/<name>` (util.BuildConfigInfoMetadata). */
export function configPath(
  apiVersion: string,
  kind: "virtual-service" | "destination-rule",
  namespace: string,
  name: string,
): string {
  return `/apis/networking.istio.io/${apiVersion}/namespaces/${namespace}/${kind}/${name}`;
}
