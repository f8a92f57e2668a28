/** Names istiod gives to xDS resources (model.BuildSubsetKey and friends). */

export function clusterName(
  direction: "outbound" | "inbound",
  port: number,
  subset: string,
  host: string,
): string {
  return `${direction}|${port}|${subset}|${host}`;
}

export interface SubsetKey {
  readonly direction: string;
  readonly port: number;
  readonly subset: string;
  readonly host: string;
}

/** The parts of `outbound|port|subset|host`, or undefined for other names. */
export function parseClusterName(name: string): SubsetKey | undefined {
  const parts = name.split("|");
  if (parts.length !== 4) return undefined;
  const [direction, port, subset, host] = parts as [string, string, string, string];
  if (direction !== "outbound" && direction !== "inbound" && direction !== "inbound-vip") return undefined;
  const n = Number(port);
  if (!Number.isInteger(n)) return undefined;
  return { direction, port: n, subset, host };
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
