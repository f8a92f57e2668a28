import { sanitizeServerHosts } from "../mesh/gateway-refs.js";
import type { Server } from "../mesh/istio-types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { Gateway, Mesh } from "../mesh/model.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import type { GatewayProxy, ServiceTarget } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { compareCreation } from "./creation-order.js";
import type { TranslateNote } from "./notes.js";

/**
 * Gateway selection and merging for one gateway proxy (pilot/pkg/model/push_context.go
 * mergeGateways, pilot/pkg/model/gateway.go MergeGateways/mergeGateways): which servers end
 * up on which listener port, with which RDS name. Version differences come from the profile.
 */

export const DISABLE_PORT_TRANSLATION_LABEL = "experimental.istio.io/disable-gateway-port-translation";
/** Gateway API deployments name the Service they serve instead of selecting pods. */
export const GATEWAY_SERVICE_ANNOTATION = "internal.istio.io/gateway-service";

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

/** A Gateway that applies to the proxy, with the service targets its ports resolve through. */
export interface GatewayBinding {
  readonly gateway: Gateway;
  /** Selected by labels (or no selector) rather than by naming the proxy's Service. */
  readonly legacySelector: boolean;
  readonly targets: readonly ServiceTarget[];
}

export function serverPortKey(p: ServerPort): string {
  return `${p.number}|${p.protocol}|${p.bind}`;
}

/**
 * The Gateways that apply to this proxy, in istiod's order (creation time, name, namespace).
 * A Gateway annotated with internal.istio.io/gateway-service applies only through the named
 * Services of the proxy that live in the Gateway's namespace; otherwise its selector (or the
 * absence of one) decides, and every service target of the proxy takes part.
 */
export function gatewaysForProxy(mesh: Mesh, proxy: GatewayProxy, profile: VersionProfile): GatewayBinding[] {
  const out: GatewayBinding[] = [];
  const sorted = [...mesh.gateways].sort((a, b) => compareCreation(a.meta, b.meta, profile));
  for (const gateway of sorted) {
    const named = gateway.meta.annotations[GATEWAY_SERVICE_ANNOTATION];
    if (named !== undefined) {
      const known = new Set(named.split(","));
      const targets = proxy.serviceTargets.filter(
        (t) => known.has(t.service.hostname) && t.service.namespace === gateway.meta.namespace,
      );
      if (targets.length > 0) out.push({ gateway, legacySelector: false, targets });
      continue;
    }
    const sel = gateway.spec.selector;
    if (!sel || labelsMatch(sel, proxy.labels))
      out.push({ gateway, legacySelector: true, targets: proxy.serviceTargets });
  }
  return out;
}

export { sanitizeServerHosts };

/**
 * Gateway port → listener port(s) (resolvePorts). A label-selected Gateway takes the
 * targetPort of the first service port equal to the server port (skipping Services that
 * opted out of translation), else the port itself. A Service-referencing Gateway takes every
 * matching targetPort and nothing when no service port matches.
 */
export function resolvePorts(number: number, targets: readonly ServiceTarget[], legacy: boolean): number[] {
  const found: number[] = [];
  for (const t of targets) {
    if (legacy && t.service.labels[DISABLE_PORT_TRANSLATION_LABEL] !== undefined) continue;
    if (t.port.port !== number) continue;
    if (legacy) return [t.targetPort];
    if (!found.includes(t.targetPort)) found.push(t.targetPort);
  }
  if (found.length === 0 && legacy) return [number];
  return found;
}

function isHttps(s: Server): boolean {
  return s.port.protocol.toUpperCase() === "HTTPS";
}

function tlsMode(s: Server): string {
  return (s.tls?.mode ?? "PASSTHROUGH").toUpperCase();
}

/** Not HTTP but with TLS settings (so an httpsRedirect-only HTTP server is plain text). */
export function isTlsServer(s: Server): boolean {
  return s.tls !== undefined && !isHttpProtocol(s.port.protocol);
}

export function isPassthroughServer(s: Server): boolean {
  const mode = tlsMode(s);
  return s.tls !== undefined && (mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH");
}

export function isAutoPassthroughServer(s: Server): boolean {
  return s.tls !== undefined && tlsMode(s) === "AUTO_PASSTHROUGH";
}

/** An HTTP server, or an HTTPS server that is not passthrough: served by a connection manager. */
export function isHttpServer(s: Server): boolean {
  if (isHttpProtocol(s.port.protocol)) return true;
  return isHttps(s) && !isPassthroughServer(s);
}

export function isHttpsTerminating(s: Server): boolean {
  return s.tls !== undefined && isHttps(s) && !isPassthroughServer(s);
}

/** A TLS-terminating server that is neither HTTP nor HTTPS (protocol TLS, TCP, Mongo, …). */
export function isTcpServerWithTlsTermination(s: Server): boolean {
  if (isPassthroughServer(s)) return false;
  return !isHttpProtocol(s.port.protocol) && !isHttps(s);
}

/** http.<port>[.bind], https.<serverPort>.<portName>.<gw>.<ns>[.bind], or "" (no RDS). */
export function rdsRouteName(s: Server, resolvedPort: number, gateway: Gateway): string {
  const bind = s.bind ? `.${s.bind}` : "";
  if (isHttpProtocol(s.port.protocol)) return `http.${resolvedPort}${bind}`;
  if (isHttps(s) && !isPassthroughServer(s))
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

/** canMergeProtocols(new, existing): both HTTP, or the same protocol and that one HTTP. */
function canMergeProtocols(next: string, existing: string): boolean {
  const same = next.toUpperCase() === existing.toUpperCase();
  return (isHttpProtocol(next) || same) && isHttpProtocol(existing);
}

/** Mutable state of one merge; every map is keyed as istiod keys it. */
interface MergeState {
  readonly gatewayPorts: Set<number>;
  readonly nonPlainTextBinds: Map<number, Set<string>>;
  readonly mergedServers: Map<string, MergedServers>;
  readonly serverPorts: ServerPort[];
  readonly plainTextServers: Map<number, ServerPort>;
  readonly serversByRouteName: Map<string, GatewayServer[]>;
  readonly tlsServerInfo: Map<GatewayServer, TlsServerInfo>;
  readonly tlsHostsByPort: Map<number, Map<string, string>>;
}

function newState(): MergeState {
  return {
    gatewayPorts: new Set(),
    nonPlainTextBinds: new Map(),
    mergedServers: new Map(),
    serverPorts: [],
    plainTextServers: new Map(),
    serversByRouteName: new Map(),
    tlsServerInfo: new Map(),
    tlsHostsByPort: new Map(),
  };
}

/** CheckDuplicates: hosts already known on this port with the same bind; records them when none are. */
export function checkDuplicates(
  hosts: readonly string[],
  bind: string,
  known: Map<string, string>,
): string[] {
  const dup = hosts.filter((h) => known.has(h) && known.get(h) === bind);
  if (dup.length === 0) for (const h of hosts) known.set(h, bind);
  return dup;
}

function addMergedServer(st: MergeState, port: ServerPort, gs: GatewayServer, routeName: string): void {
  st.mergedServers.set(serverPortKey(port), { port, servers: [gs], routeName });
  st.serverPorts.push(port);
}

/** addPlainTextServer: a server opening a port (or, from 1.28, a new bind or protocol on it). */
function addPlainTextServer(st: MergeState, gs: GatewayServer, port: ServerPort, routeName: string): void {
  if (!isTlsServer(gs.server)) st.plainTextServers.set(port.number, port);
  if (isHttpServer(gs.server)) st.serversByRouteName.set(routeName, [gs]);
  addMergedServer(st, port, gs, routeName);
}

function pushRoute(map: Map<string, GatewayServer[]>, name: string, gs: GatewayServer): void {
  const list = map.get(name);
  if (list) list.push(gs);
  else map.set(name, [gs]);
}

/**
 * One server on one resolved port. Returns a rejection reason (istiod's log line) or
 * undefined when the server was merged.
 */
function mergeServer(
  st: MergeState,
  gs: GatewayServer,
  resolved: number,
  profile: VersionProfile,
): string | undefined {
  const server = gs.server;
  const routeName = rdsRouteName(server, resolved, gs.gateway);
  const bind = server.bind ?? "";
  if (server.tls !== undefined) {
    let known = st.tlsHostsByPort.get(resolved);
    if (!known) {
      known = new Map();
      st.tlsHostsByPort.set(resolved, known);
    }
    const dup = checkDuplicates(gs.hosts, bind, known);
    if (dup.length > 0) return `duplicate host names: [${dup.join(" ")}]`;
    st.tlsServerInfo.set(gs, { sniHosts: sniHostsForServer(gs.hosts), routeName });
  }
  const port: ServerPort = { number: resolved, protocol: server.port.protocol, bind };
  if (!st.gatewayPorts.has(resolved)) {
    st.gatewayPorts.add(resolved);
    addPlainTextServer(st, gs, port, routeName);
    return undefined;
  }
  const current = st.plainTextServers.get(resolved);
  if (current) {
    // Before 1.18 a protocol conflict or a missing RDS name rejects the server whatever its bind.
    const sameBind = !profile.mergeConflictsPerBind || current.bind === bind;
    if (!canMergeProtocols(port.protocol, current.protocol) && sameBind)
      return `conflict with existing server ${current.number}.${current.protocol}`;
    if (routeName === "" && sameBind) return "could not build RDS name from server";
    if (current.bind !== bind) {
      const existing = st.mergedServers.get(serverPortKey(port));
      if (!existing) {
        if (profile.mergePlainTextPerBindAndProtocol) {
          addPlainTextServer(st, gs, port, routeName);
          return undefined;
        }
        addMergedServer(st, port, gs, routeName);
      } else {
        existing.routeName = routeName;
        existing.servers.push(gs);
      }
    } else {
      st.mergedServers.get(serverPortKey(current))?.servers.push(gs);
    }
    pushRoute(st.serversByRouteName, routeName, gs);
    return undefined;
  }
  // The port is taken by TLS servers only.
  if (profile.mergePlainTextPerBindAndProtocol && !isTlsServer(server)) {
    st.plainTextServers.set(resolved, port);
    if (isHttpServer(server)) st.serversByRouteName.set(routeName, [gs]);
    addMergedServer(st, port, gs, routeName);
    return undefined;
  }
  if (isHttpServer(server)) {
    if (routeName === "") return "could not build RDS name from server";
    if (st.serversByRouteName.has(routeName)) return "non unique port name for HTTPS port";
    st.serversByRouteName.set(routeName, [gs]);
  }
  let newBind = true;
  if (profile.mergeConflictsPerBind) {
    const binds = st.nonPlainTextBinds.get(resolved);
    if (binds) {
      newBind = !binds.has(bind);
      binds.add(bind);
    } else st.nonPlainTextBinds.set(resolved, new Set([bind]));
  } else newBind = false;
  if (server.tls === undefined && !newBind) return "TLS server without TLS options";
  const existing = st.mergedServers.get(serverPortKey(port));
  if (existing) existing.servers.push(gs);
  else addMergedServer(st, port, gs, "");
  return undefined;
}

export function mergeGateways(
  bindings: readonly GatewayBinding[],
  profile: VersionProfile,
  notes: TranslateNote[],
): MergedGateway {
  const st = newState();
  const rejected: { server: GatewayServer; reason: string }[] = [];
  const gatewayNames = new Set<string>();
  let autoPassthrough = false;
  for (const { gateway, legacySelector, targets } of bindings) {
    const gatewayName = `${gateway.meta.namespace}/${gateway.meta.name}`;
    gatewayNames.add(gatewayName);
    gateway.spec.servers.forEach((server, index) => {
      if (!server.port) return;
      const gs: GatewayServer = {
        server,
        hosts: sanitizeServerHosts(server.hosts ?? [], gateway.meta.namespace),
        gateway,
        gatewayName,
        index,
      };
      for (const resolved of resolvePorts(server.port.number, targets, legacySelector)) {
        const reason = mergeServer(st, gs, resolved, profile);
        if (reason) {
          rejected.push({ server: gs, reason });
          notes.push({
            level: "warning",
            message: `skipping server ${describeServer(gs)} on port ${resolved}: ${reason}`,
          });
        }
        if (isAutoPassthroughServer(server) && st.tlsServerInfo.has(gs)) autoPassthrough = true;
      }
    });
  }
  return {
    serverPorts: st.serverPorts,
    mergedServers: st.mergedServers,
    serversByRouteName: st.serversByRouteName,
    tlsServerInfo: st.tlsServerInfo,
    gatewayNames,
    autoPassthrough,
    rejected,
  };
}

export function describeServer(gs: GatewayServer): string {
  const p = gs.server.port;
  return `${gs.gatewayName} servers[${gs.index}] (${p.name} ${p.number}/${p.protocol})`;
}
