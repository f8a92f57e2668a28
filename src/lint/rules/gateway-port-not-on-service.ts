import { selectorOf, selectorString, serversOf } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "gateway-port-not-on-service",
    code: "IST0162",
    name: "GatewayPortNotDefinedOnService",
    severity: "Warning",
    template:
      "The gateway is listening on a target port (port %d) that is not defined in the Service associated with its workload instances (Pod selector %s). If you need to access the gateway port through the gateway Service, it will not be available.",
    description:
      "A Gateway server's port is neither a port nor a targetPort of the Services in front of its workload.",
    docs: `Traffic reaches a gateway pod through its Service. A server port must be one of the Service's
\`port\`s (istiod translates it to the \`targetPort\`) or one of its \`targetPort\`s; otherwise nothing
outside the pod can reach the listener. The Services considered are those in the gateway
workload's namespace whose selector matches it (TCP ports; a port without \`protocol\` is TCP, as
the API server defaults it — istioctl only counts an explicit \`protocol: TCP\`).

Add the port to the gateway Service, or use one of its ports in the Gateway.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.IngressGatewayPortAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const gw of ctx.index.resources("Gateway")) {
      const selector = selectorOf(gw.spec);
      const workloads = ctx.index.workloadsMatching(selector);
      if (workloads.length === 0) continue; // gateway-selector-not-found says so
      const targetPorts = new Set<number>();
      const servicePorts = new Set<number>();
      for (const w of workloads) {
        for (const sp of ctx.index.servicePortsOf(w)) {
          if (sp.transport !== "TCP") continue;
          if (sp.numericTargetPort !== 0) {
            targetPorts.add(sp.numericTargetPort);
            servicePorts.add(sp.port.port);
          } else {
            targetPorts.add(sp.port.port);
          }
        }
      }
      for (const server of serversOf(gw)) {
        if (server.port === 0) continue;
        if (targetPorts.has(server.port) || servicePorts.has(server.port)) continue;
        ctx.report(gw.object, [...server.path, "port", "number"], server.port, selectorString(selector));
      }
    }
  },
};
