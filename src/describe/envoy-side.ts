import { routeConfigs } from "../envoy/configdump.js";
import type { JsonObject } from "../envoy/types.js";
import type { Server } from "../mesh/istio-types.js";
import { isHttpProtocol } from "../mesh/protocol.js";
import { selectVirtualHost } from "../simulate/domains.js";
import { selectFilterChain } from "../simulate/filter-chain.js";
import { findListener, HCM, networkFilter, rdsName, TCP_PROXY } from "../simulate/listeners.js";
import { routesOf } from "../simulate/router.js";
import type { DescribeInput } from "./context.js";
import { node, type TreeNode, warning } from "./tree.js";

/**
 * What the gateway's Envoy holds for one Gateway server and host: the Service port that
 * reaches the listener, the listener, the filter chain a client of that host would take, and
 * the route configuration and virtual host that would answer it.
 */

function portNode(input: DescribeInput, listenerPort: number, serverPort: number): TreeNode {
  const targets = input.proxy.serviceTargets.filter((t) => t.targetPort === listenerPort);
  if (targets.length === 0) {
    return warning(
      `no port of the gateway's Service targets ${listenerPort}: clients outside the pod cannot reach Gateway port ${serverPort}`,
    );
  }
  const t = targets[0] as (typeof targets)[number];
  const np = t.port.nodePort !== undefined ? `, nodePort ${t.port.nodePort}` : "";
  return node(
    `Service ${t.service.namespace}/${t.service.name} port ${t.port.port}${t.port.name ? ` (${t.port.name})` : ""} → targetPort ${listenerPort}${np}`,
  );
}

export interface EnvoySide {
  readonly nodes: TreeNode[];
  /** The virtual host that answers the host, when the chain routes HTTP. */
  readonly vhost?: JsonObject;
}

/**
 * `routed`: the manifests bind a VirtualService to this host and server, so a virtual host
 * without routes in the dump is a mismatch worth a warning (a live dump that lags behind).
 */
export function envoySide(
  input: DescribeInput,
  server: Server,
  listenerPort: number,
  host: string,
  routed: boolean,
): EnvoySide {
  const nodes: TreeNode[] = [portNode(input, listenerPort, server.port.number)];
  const listener = findListener(input.dump, listenerPort, server.bind);
  const listenerName = `${server.bind ?? "0.0.0.0"}_${listenerPort}`;
  if (!listener) {
    nodes.push(warning(`no listener ${listenerName} in the gateway's Envoy: connections are refused`));
    return { nodes };
  }
  const tls = server.tls !== undefined && !isHttpProtocol(server.port.protocol);
  const sni = host.startsWith("*") ? `x${host.slice(1)}` : host;
  const sel = selectFilterChain(listener, {
    port: listenerPort,
    tls,
    ...(tls && { sni }),
    alpn: tls ? ["h2", "http/1.1"] : [],
  });
  if (!sel.chain) {
    nodes.push(
      warning(
        `listener ${listenerName} has no filter chain for ${tls ? `SNI ${host}` : "this connection"}: the connection is reset`,
      ),
    );
    return { nodes };
  }
  const chainText = sel.index === -1 ? "default filter chain" : `filter chain #${sel.index}`;
  const hcm = networkFilter(sel.chain, HCM);
  const tcp = networkFilter(sel.chain, TCP_PROXY);
  if (!hcm) {
    const cluster = tcp && typeof tcp.cluster === "string" ? tcp.cluster : "weighted clusters";
    nodes.push(node(`listener ${listenerName}, ${chainText}: tcp_proxy to ${cluster}`));
    return { nodes };
  }
  const rds = rdsName(sel.chain);
  nodes.push(node(`listener ${listenerName}, ${chainText}, route config ${rds}`));
  const rc = routeConfigs(input.dump).find((r) => r.resource.name === rds)?.resource;
  if (!rc) {
    nodes.push(warning(`route configuration ${rds} is not in the gateway's Envoy: requests get 404`));
    return { nodes };
  }
  const vh = selectVirtualHost(rc, host).match;
  if (!vh || routesOf(vh.vhost).length === 0) {
    const text = vh
      ? `virtual host ${String(vh.vhost.name)} has no routes for ${host}: requests get 404`
      : `no virtual host of ${rds} serves ${host}: requests get 404`;
    nodes.push(routed ? warning(`${text}, although a VirtualService binds it`) : node(text));
    return { nodes };
  }
  nodes.push(
    node(
      `virtual host ${String(vh.vhost.name)} (${vh.kind} domain ${vh.domain}), ${routesOf(vh.vhost).length} route(s)`,
    ),
  );
  return { nodes, vhost: vh.vhost };
}
