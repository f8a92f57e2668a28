import { isJsonObject, type Json } from "./types.js";

/**
 * Reading the names istiod gives to xDS resources back out of a dump. They live here, below
 * both the translation (which writes them) and the views and simulation (which read them),
 * so that neither has to import the other.
 */

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

/** An Istio config a resource was built from, as `metadata.filter_metadata.istio.config` names it. */
export interface IstioConfigRef {
  /** "virtual-service", "destination-rule", … */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** `/apis/networking.istio.io/<ver>/namespaces/<ns>/<kind>/<name>` → its parts. */
export function parseConfigPath(path: string): IstioConfigRef | undefined {
  const m = /^\/apis\/[^/]+\/[^/]+\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  return { namespace: m[1] as string, kind: m[2] as string, name: m[3] as string };
}

/** The Istio config named by a resource's `metadata` (route, cluster), if any. */
export function istioConfigOf(metadata: Json | undefined): IstioConfigRef | undefined {
  if (!isJsonObject(metadata)) return undefined;
  const fm = metadata.filter_metadata;
  if (!isJsonObject(fm)) return undefined;
  const istio = fm.istio;
  if (!isJsonObject(istio) || typeof istio.config !== "string") return undefined;
  return parseConfigPath(istio.config);
}

/** The gateway server an HTTPS route configuration belongs to: `https.<port>.<portName>.<gw>.<ns>[.bind]`. */
export interface HttpsRouteName {
  readonly port: number;
  readonly portName: string;
  readonly gateway: string;
  readonly namespace: string;
}

/**
 * Split an HTTPS RDS name. Port names and Gateway names cannot contain dots (they are DNS
 * labels), so the first five dot-separated parts are unambiguous; a bind address follows.
 */
export function parseHttpsRouteName(name: string): HttpsRouteName | undefined {
  const parts = name.split(".");
  if (parts.length < 5 || parts[0] !== "https") return undefined;
  const port = Number(parts[1]);
  if (!Number.isInteger(port)) return undefined;
  return {
    port,
    portName: parts[2] as string,
    gateway: parts[3] as string,
    namespace: parts[4] as string,
  };
}
