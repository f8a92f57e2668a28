import { sanitizeServerHosts } from "../mesh/gateway-refs.js";
import type { Server } from "../mesh/istio-types.js";
import { compareByCreation, labelsMatch } from "../mesh/meta.js";
import type { Gateway, Mesh } from "../mesh/model.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import type { GatewayProxy, ServiceTarget } from "../mesh/workloads.js";
import type { TranslateNote } from "./notes.js";

/**
 * Gateway selection and merging for one gateway proxy (pilot/pkg/model/gateway.go
 * MergeGateways): which servers end up on which listener port, with which RDS name.
 */

export const DISABLE_PORT_TRANSLATION_LABEL = "experimental.istio.io/disable-gateway-port-translation";

/** A server of a Gateway after host sanitising, with where it came from. */
export interface GatewayServer {
  readonly server: Server;
  /** Sanitised hosts (`./h` → `ns/h`, `*​/h` → `h`, `*​/*` → `*`). */
  readonly hosts: readonly string[];
  readonly gateway: Gateway;
  /** "<namespace>/<name>" of the Gateway. */
  readonly gatewayName: string;
  /** Index of the server in its Gateway's spec, for messages and lint. */
  readonly index: number;
}

export interface ServerPort {
  /** The resolved listener port. */
  readonly number: number;
  readonly protocol: string;
  readonly bind: string;
}

export interface MergedServers {
  readonly port: ServerPort;
  readonly servers: GatewayServer[];
  routeName: string;
}

export interface TlsServerInfo {
  readonly sniHosts: readonly string[];
  readonly routeName: string;
}

export interface MergedGateway {
  readonly serverPorts: readonly ServerPort[];
  readonly mergedServers: ReadonlyMap<string, MergedServers>;
  readonly serversByRouteName: ReadonlyMap<string, readonly GatewayServer[]>;
  readonly tlsServerInfo: ReadonlyMap<GatewayServer, TlsServerInfo>;
  readonly gatewayNames: ReadonlySet<string>;
  readonly autoPassthrough: boolean;
  /** Servers istiod skipped, and why (its log lines). */
  readonly rejected: readonly { server: GatewayServer; reason: string }[];
}

export function serverPortKey(p: ServerPort): string {
  return `${p.number}|${p.protocol}|${p.bind}`;
}

/**
 * The internal annotation Istio's Gateway API translation uses to make a Gateway apply to the
 * pods of some Services (comma-separated hostnames) instead of selecting pods by label.
 */
export const GATEWAY_SERVICE_ANNOTATION = "internal.istio.io/gateway-service";

/** The Gateways that apply to this proxy, in istiod's order (creation time, name, namespace). */
export function gatewaysForProxy(mesh: Mesh, proxy: GatewayProxy): Gateway[] {
  return mesh.gateways
    .filter((g) => {
      // Service-referencing Gateways are decided by the proxy's service targets (gatewayTargets).
      if (g.meta.annotations[GATEWAY_SERVICE_ANNOTATION] !== undefined) return true;
      const sel = g.spec.selector;
      if (!sel || Object.keys(sel).length === 0) return true;
      return labelsMatch(sel, proxy.labels);
    })
    .sort((a, b) => compareByCreation(a.meta, b.meta));
}

export { sanitizeServerHosts };

/**
 * The service targets a Gateway's ports resolve through (push_context.go mergeGateways): all of
 * the proxy's for a label-selecting Gateway ("legacy"), or only those of the Services the
 * annotation names, in the Gateway's namespace; undefined when such a Gateway references none
 * of this proxy's Services, so it does not apply.
 */
export function gatewayTargets(
  gateway: Gateway,
  proxy: GatewayProxy,
): { readonly legacy: boolean; readonly targets: readonly ServiceTarget[] } | undefined {
  const refs = gateway.meta.annotations[GATEWAY_SERVICE_ANNOTATION];
  if (refs === undefined) return { legacy: true, targets: proxy.serviceTargets };
  const known = new Set(refs.split(",").map((h) => h.trim()));
  const targets = proxy.serviceTargets.filter(
    (t) => known.has(t.service.hostname) && t.service.namespace === gateway.meta.namespace,
  );
  return targets.length > 0 ? { legacy: false, targets } : undefined;
}

/** Gateway port → listener port through the first service port that matches (resolvePorts). */
export function resolvePort(number: number, targets: readonly ServiceTarget[]): number {
  return resolvePorts(number, targets, true)[0] as number;
}

/**
 * Gateway port → listener ports (gateway.go resolvePorts). A label-selecting Gateway takes the
 * first matching service port not opted out of translation, else the port as is; a
 * Service-referencing Gateway takes every matching targetPort, and nothing when none matches.
 */
export function resolvePorts(number: number, targets: readonly ServiceTarget[], legacy: boolean): number[] {
  const ports: number[] = [];
  for (const t of targets) {
    if (legacy && t.service.labels[DISABLE_PORT_TRANSLATION_LABEL] !== undefined) continue;
    if (t.port.port !== number) continue;
    if (legacy) return [t.targetPort];
    if (!ports.includes(t.targetPort)) ports.push(t.targetPort);
  }
  return ports.length === 0 && legacy ? [number] : ports;
}

/** Not HTTP but with TLS settings (so an httpsRedirect-only HTTP server is plain text). */
export function isTlsServer(s: Server): boolean {
  return s.tls !== undefined && !isHttpProtocol(s.port.protocol);
}

export function isPassthroughServer(s: Server): boolean {
  const mode = (s.tls?.mode ?? "PASSTHROUGH").toUpperCase();
  return s.tls !== undefined && (mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH");
}

/** An HTTP server, or an HTTPS server that terminates TLS: served by a connection manager. */
export function isHttpServer(s: Server): boolean {
  const p = s.port.protocol.toUpperCase();
  if (isHttpProtocol(p)) return true;
  return p === "HTTPS" && s.tls !== undefined && !isPassthroughServer(s);
}

export function isHttpsTerminating(s: Server): boolean {
  return s.port.protocol.toUpperCase() === "HTTPS" && s.tls !== undefined && !isPassthroughServer(s);
}

/** http.<port>[.bind], https.<serverPort>.<portName>.<gw>.<ns>[.bind], or "" (no RDS). */
export function rdsRouteName(s: Server, resolvedPort: number, gateway: Gateway): string {
  const bind = s.bind ? `.${s.bind}` : "";
  if (isHttpProtocol(s.port.protocol)) return `http.${resolvedPort}${bind}`;
  if (isHttpsTerminating(s))
    return `https.${s.port.number}.${s.port.name}.${gateway.meta.name}.${gateway.meta.namespace}${bind}`;
  return "";
}

/** Server hosts as SNI names: namespace prefixes stripped, de-duplicated, sorted. */
export function sniHostsForServer(hosts: readonly string[]): string[] {
  const set = new Set<string>();
  for (const h of hosts) {
    const slash = h.indexOf("/");
    set.add(slash === -1 ? h : h.slice(slash + 1));
  }
  return [...set].sort();
}

function canMergeProtocols(current: string, next: string): boolean {
  return (isHttpProtocol(current) || current.toUpperCase() === next.toUpperCase()) && isHttpProtocol(next);
}

export function mergeGateways(
  gateways: readonly Gateway[],
  proxy: GatewayProxy,
  notes: TranslateNote[],
): MergedGateway {
  const gatewayPorts = new Set<number>();
  const mergedServers = new Map<string, MergedServers>();
  const serverPorts: ServerPort[] = [];
  const plainTextServers = new Map<number, ServerPort>();
  const serversByRouteName = new Map<string, GatewayServer[]>();
  const tlsServerInfo = new Map<GatewayServer, TlsServerInfo>();
  const tlsHostsByPort = new Map<number, Map<string, string>>();
  const rejected: { server: GatewayServer; reason: string }[] = [];
  const gatewayNames = new Set<string>();
  let autoPassthrough = false;

  const reject = (gs: GatewayServer, reason: string) => {
    rejected.push({ server: gs, reason });
    notes.push({ level: "warning", message: `skipping server ${describeServer(gs)}: ${reason}` });
  };

  // One server on one resolved listener port (a server may resolve to several ports when its
  // Gateway references Services directly).
  const mergeServer = (gs: GatewayServer, resolved: number): void => {
    const server = gs.server;
    const gateway = gs.gateway;
    const routeName = rdsRouteName(server, resolved, gateway);
    if (server.tls !== undefined) {
      let known = tlsHostsByPort.get(resolved);
      if (!known) {
        known = new Map();
        tlsHostsByPort.set(resolved, known);
      }
      const bind = server.bind ?? "";
      const duplicates = gs.hosts.filter((h) => known?.get(h) === bind && known.has(h));
      if (duplicates.length > 0) {
        reject(gs, `duplicate host names on port ${resolved}: [${duplicates.join(" ")}]`);
        return;
      }
      for (const h of gs.hosts) known.set(h, bind);
      tlsServerInfo.set(gs, { sniHosts: sniHostsForServer(gs.hosts), routeName });
      if ((server.tls.mode ?? "").toUpperCase() === "AUTO_PASSTHROUGH") autoPassthrough = true;
    }
    const serverPort: ServerPort = {
      number: resolved,
      protocol: server.port.protocol,
      bind: server.bind ?? "",
    };
    if (gatewayPorts.has(resolved)) {
      const current = plainTextServers.get(resolved);
      if (current) {
        if (!canMergeProtocols(current.protocol, serverPort.protocol)) {
          reject(
            gs,
            `conflict with existing server ${current.number}.${current.protocol} on port ${resolved}`,
          );
          return;
        }
        if (routeName === "") {
          reject(gs, "could not build an RDS name from the server");
          return;
        }
        if (current.bind !== serverPort.bind) {
          const key = serverPortKey(serverPort);
          let ms = mergedServers.get(key);
          if (!ms) {
            ms = { port: serverPort, servers: [], routeName };
            mergedServers.set(key, ms);
            serverPorts.push(serverPort);
          }
          ms.routeName = routeName;
          ms.servers.push(gs);
        } else {
          mergedServers.get(serverPortKey(current))?.servers.push(gs);
        }
        pushRoute(serversByRouteName, routeName, gs);
      } else {
        if (isHttpServer(server)) {
          if (routeName === "") {
            reject(gs, "could not build an RDS name from the server");
            return;
          }
          if (serversByRouteName.has(routeName)) {
            reject(gs, `non unique port name for HTTPS port (route ${routeName} exists)`);
            return;
          }
          serversByRouteName.set(routeName, [gs]);
        }
        if (server.tls === undefined) {
          notes.push({
            level: "warning",
            message: `TLS server without TLS options: ${describeServer(gs)}`,
          });
          return;
        }
        const key = serverPortKey(serverPort);
        const ms = mergedServers.get(key);
        if (!ms) {
          mergedServers.set(key, { port: serverPort, servers: [gs], routeName: "" });
          serverPorts.push(serverPort);
        } else {
          ms.servers.push(gs);
        }
      }
    } else {
      gatewayPorts.add(resolved);
      if (!isTlsServer(server)) plainTextServers.set(resolved, serverPort);
      if (isHttpServer(server)) serversByRouteName.set(routeName, [gs]);
      mergedServers.set(serverPortKey(serverPort), { port: serverPort, servers: [gs], routeName });
      serverPorts.push(serverPort);
    }
  };

  for (const gateway of gateways) {
    const applies = gatewayTargets(gateway, proxy);
    if (!applies) continue;
    const gatewayName = `${gateway.meta.namespace}/${gateway.meta.name}`;
    gatewayNames.add(gatewayName);
    gateway.spec.servers.forEach((server, index) => {
      const gs: GatewayServer = {
        server,
        hosts: sanitizeServerHosts(server.hosts, gateway.meta.namespace),
        gateway,
        gatewayName,
        index,
      };
      const ports = resolvePorts(server.port.number, applies.targets, applies.legacy);
      if (ports.length === 0) {
        notes.push({
          level: "info",
          message: `server ${describeServer(gs)} is a no-op: no port ${server.port.number} in the Services its Gateway references`,
        });
      }
      for (const resolved of ports) mergeServer(gs, resolved);
    });
  }
  return {
    serverPorts,
    mergedServers,
    serversByRouteName,
    tlsServerInfo,
    gatewayNames,
    autoPassthrough,
    rejected,
  };
}

function pushRoute(map: Map<string, GatewayServer[]>, name: string, gs: GatewayServer): void {
  const list = map.get(name);
  if (list) list.push(gs);
  else map.set(name, [gs]);
}

export function describeServer(gs: GatewayServer): string {
  const p = gs.server.port;
  return `${gs.gatewayName} servers[${gs.index}] (${p.name} ${p.number}/${p.protocol})`;
}
