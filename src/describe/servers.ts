import { hostsMatch, namesForNamespace } from "../mesh/hosts.js";
import type { Server } from "../mesh/istio-types.js";
import type { Gateway } from "../mesh/model.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import { configNamespaceOf } from "../mesh/workloads.js";
import {
  gatewaysForProxy,
  isHttpServer,
  isPassthroughServer,
  mergeGateways,
  resolvePorts,
  sanitizeServerHosts,
} from "../xds/gateways.js";
import type { TranslateNote } from "../xds/notes.js";
import { indexVirtualServices, type ResolvedVirtualService } from "../xds/virtual-services.js";
import { tlsNodes } from "./certificates.js";
import type { DescribeInput } from "./context.js";
import { envoySide } from "./envoy-side.js";
import { virtualServiceNode } from "./routes.js";
import { node, type TreeNode, warning } from "./tree.js";

/**
 * Gateway servers as istiod sees them for the described gateway, and the subtree under one
 * server for one host: Service port and listener, certificates, then the VirtualServices
 * bound to it, down to the pods.
 */

export interface ServerBinding {
  readonly gateway: Gateway;
  readonly gatewayName: string;
  readonly server: Server;
  readonly index: number;
  /** Sanitised hosts, `ns/` prefixes kept. */
  readonly hosts: readonly string[];
  readonly listenerPorts: readonly number[];
  /** Why istiod skips this server, when it does. */
  readonly rejected?: string;
}

/** Every server of every Gateway that applies to the proxy, in istiod's order. */
export function gatewayServers(input: DescribeInput): ServerBinding[] {
  const bindings = gatewaysForProxy(input.mesh, input.proxy, input.profile);
  const notes: TranslateNote[] = [];
  const merged = mergeGateways(bindings, input.profile, notes);
  const out: ServerBinding[] = [];
  for (const applies of bindings) {
    const gateway = applies.gateway;
    const gatewayName = `${gateway.meta.namespace}/${gateway.meta.name}`;
    gateway.spec.servers.forEach((server, index) => {
      const rejected = merged.rejected.find(
        (r) => r.server.gateway === gateway && r.server.index === index,
      )?.reason;
      out.push({
        gateway,
        gatewayName,
        server,
        index,
        hosts: sanitizeServerHosts(server.hosts, gateway.meta.namespace),
        listenerPorts: resolvePorts(server.port.number, applies.targets, applies.legacySelector),
        ...(rejected && { rejected }),
      });
    });
  }
  return out;
}

function bare(h: string): string {
  const slash = h.indexOf("/");
  return slash === -1 ? h : h.slice(slash + 1);
}

export function serverServes(b: ServerBinding, host: string): boolean {
  return b.hosts.some((h) => hostsMatch(bare(h), host));
}

/** "Gateway ns/name server http (HTTP 80; hosts …)"; without the Gateway under a Gateway's own tree. */
export function serverLabel(b: ServerBinding, withGateway = true): string {
  const p = b.server.port;
  const mode = b.server.tls?.mode ? `, ${b.server.tls.mode.toUpperCase()}` : "";
  const gw = withGateway ? `Gateway ${b.gatewayName} ` : "";
  return `${gw}server ${b.server.name ?? p.name} (${p.protocol.toUpperCase()} ${p.number}${mode}; hosts ${b.server.hosts.join(", ")})`;
}

/** The VirtualServices bound to this server that route `host`. */
export function boundVirtualServices(
  input: DescribeInput,
  b: ServerBinding,
  host: string,
): ResolvedVirtualService[] {
  const list =
    indexVirtualServices(input.mesh, configNamespaceOf(input.proxy), input.profile).get(b.gatewayName) ?? [];
  return list.filter((vs) => {
    const visible = namesForNamespace(b.hosts, vs.namespace);
    return (vs.spec.hosts ?? []).some((h) => hostsMatch(h, host) && visible.some((s) => hostsMatch(s, h)));
  });
}

function routeKind(server: Server): "http" | "tcp" | "tls" {
  if (isHttpServer(server)) return "http";
  return isPassthroughServer(server) ? "tls" : "tcp";
}

/** What happens to `host` on server `b`: Envoy's side, TLS, VirtualServices. */
export function serverChildren(input: DescribeInput, b: ServerBinding, host: string): TreeNode[] {
  const out: TreeNode[] = [];
  if (b.rejected) out.push(warning(`istiod skips this server: ${b.rejected}`));
  if (b.listenerPorts.length === 0)
    out.push(
      warning(
        `port ${b.server.port.number} is not a port of the Services the Gateway references: no listener`,
      ),
    );
  const vss = boundVirtualServices(input, b, host);
  for (const port of b.listenerPorts)
    out.push(...envoySide(input, b.server, port, host, vss.length > 0).nodes);
  out.push(...tlsNodes(input, b.server.tls, host));
  const redirectOnly = isHttpProtocol(b.server.port.protocol) && b.server.tls?.httpsRedirect === true;
  const kind = routeKind(b.server);
  for (const vs of vss) out.push(virtualServiceNode(input, vs, b.server.port.number, b.gatewayName, kind));
  if (vss.length === 0 && !redirectOnly) {
    out.push(
      warning(
        `no VirtualService binds ${host} to Gateway ${b.gatewayName} (spec.hosts and spec.gateways): ${kind === "http" ? "requests get 404" : "no listener for it"}`,
      ),
    );
  }
  return out;
}

export function serverNode(input: DescribeInput, b: ServerBinding, host: string): TreeNode {
  return node(serverLabel(b), serverChildren(input, b, host));
}
