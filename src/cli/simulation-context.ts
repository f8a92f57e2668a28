import type { Mesh } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { GatewayServicePort } from "../simulate/gateway-service.js";
import type { SimulationContext } from "../simulate/simulate.js";
import type { GatewayServer } from "../xds/gateways.js";
import type { ListenerResult } from "../xds/listeners.js";
import type { ConfigSource } from "./config-source.js";

/**
 * What the CLI knows from the manifests that a dump does not say, turned into the plain data
 * the simulation takes: the gateway Service's ports, the Gateway server behind each filter
 * chain, and pod names by IP. This is where the mesh meets the simulation, so that
 * src/simulate never imports src/mesh.
 */

export function servicePortsOf(proxy: GatewayProxy): GatewayServicePort[] {
  return proxy.serviceTargets.map((t) => ({
    service: `${t.service.namespace}/${t.service.name}`,
    name: t.port.name,
    port: t.port.port,
    targetPort: t.targetPort,
    ...(t.port.nodePort !== undefined && { nodePort: t.port.nodePort }),
  }));
}

export function describeGatewayServer(gs: GatewayServer): string {
  const p = gs.server.port;
  return `Gateway ${gs.gatewayName} server ${gs.server.name ?? p.name} (${p.protocol.toUpperCase()} ${p.number})`;
}

function chainSourcesOf(listeners: readonly ListenerResult[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of listeners) out.set(String(l.listener.name), l.chainServers.map(describeGatewayServer));
  return out;
}

export function podsByIpOf(mesh: Mesh): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of mesh.pods) if (p.ip) out.set(p.ip, `${p.meta.namespace}/${p.meta.name}`);
  return out;
}

export function simulationContext(
  source: Pick<ConfigSource, "manifests">,
  now: Date,
  randomValue: number,
): SimulationContext {
  const m = source.manifests;
  return {
    now,
    randomValue,
    ...(m && { servicePorts: servicePortsOf(m.proxy), podsByIp: podsByIpOf(m.mesh) }),
    ...(m?.listeners && { chainSources: chainSourcesOf(m.listeners) }),
  };
}
