import { listeners } from "../envoy/configdump.js";
import { objectList } from "../envoy/lists.js";
import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";

/**
 * Finding things in listeners: the listener a connection reaches, and the network filter
 * (HTTP connection manager or tcp_proxy) that handles it on a chain.
 */

export const HCM = "http_connection_manager";
export const TCP_PROXY = "tcp_proxy";

export function networkFilter(chain: JsonObject, kind: string): JsonObject | undefined {
  const filters = objectList(chain.filters);
  for (const f of filters) {
    const tc = isJsonObject(f.typed_config) ? f.typed_config : undefined;
    const type = String(tc?.["@type"] ?? "");
    const matches =
      kind === HCM
        ? String(f.name ?? "").endsWith(HCM) || type.endsWith("HttpConnectionManager")
        : String(f.name ?? "").endsWith(TCP_PROXY) || type.endsWith("TcpProxy");
    if (matches) return tc ?? {};
  }
  return undefined;
}

export function listenerAddress(l: JsonObject): { address: string; port: number } | undefined {
  const a = isJsonObject(l.address) ? l.address : {};
  const s = isJsonObject(a.socket_address) ? a.socket_address : undefined;
  if (!s) return undefined;
  return { address: String(s.address ?? ""), port: Number(s.port_value ?? 0) };
}

/** The listener Envoy accepts a connection on: bound to the destination IP, else to 0.0.0.0 / ::. */
export function findListener(dump: ConfigDump, port: number, ip: string | undefined): JsonObject | undefined {
  const onPort = listeners(dump)
    .map((l) => l.resource)
    .filter((l) => listenerAddress(l)?.port === port && l.bind_to_port !== false);
  return (
    (ip ? onPort.find((l) => listenerAddress(l)?.address === ip) : undefined) ??
    onPort.find((l) => ["0.0.0.0", "::", ""].includes(listenerAddress(l)?.address ?? ""))
  );
}

export function listenerPorts(dump: ConfigDump): number[] {
  const ports = listeners(dump)
    .map((l) => listenerAddress(l.resource)?.port)
    .filter((p): p is number => p !== undefined);
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** The RDS name an HTTP chain routes with ("" for an inline or absent route configuration). */
export function rdsName(chain: JsonObject): string {
  const hcm = networkFilter(chain, HCM);
  return hcm && isJsonObject(hcm.rds) ? String(hcm.rds.route_config_name ?? "") : "";
}
