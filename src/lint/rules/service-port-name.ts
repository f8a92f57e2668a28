import type { Rule } from "../types.js";
import { portsNeedingProtocol } from "./externalname-service-port-name.js";

export const rule: Rule = {
  meta: {
    id: "service-port-name",
    code: "IST0118",
    name: "PortNameIsNotUnderNamingConvention",
    severity: "Info",
    template: "Port name %s (port: %d, targetPort: %s) doesn't follow the naming convention of Istio port.",
    description: "A Service port's protocol cannot be told from its name or appProtocol, so Istio sniffs it.",
    docs: `Istio picks a port's protocol from \`appProtocol\`, else from the name's prefix before \`-\`
(\`http\`, \`http2\`, \`https\`, \`grpc\`, \`grpc-web\`, \`tcp\`, \`tls\`, \`udp\`, \`mongo\`, \`redis\`, \`mysql\`,
\`http_proxy\`); UDP ports and the well-known ports 25, 53, 3306 and 27017 need neither. Other ports
are sniffed, which delays server-first protocols. Services of Istio's own control plane (label
\`istio\` or \`release: istio\`) and managed gateways are skipped. Name the port \`<protocol>[-suffix]\`
or set \`appProtocol\`.`,
    kinds: ["Service"],
    analyzers: ["service.PortNameAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const p of portsNeedingProtocol(ctx.index)) {
      if (p.externalName) continue;
      ctx.report(p.object, p.path, p.name, p.port, p.targetPort);
    }
  },
};
