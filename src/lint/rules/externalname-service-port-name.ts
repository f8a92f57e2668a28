import type { FieldPath, ManifestObject } from "../../manifests/types.js";
import type { LintIndex } from "../context.js";
import type { Rule } from "../types.js";
import { arr, istioProtocol, rec, str } from "../validation/common.js";

const MANAGED_GATEWAY_LABEL = "gateway.istio.io/managed";
const MANAGED_VALUES = [
  "istio.io-gateway-controller",
  "istio.io-mesh-controller",
  "istio.io-eastwest-controller",
];
const WELL_KNOWN_PORTS = [25, 53, 3306, 27017];

/** kube.ConvertProtocol: the protocol Istio takes from a Service port, undefined when unsupported. */
function convertProtocol(
  port: number,
  name: string,
  transport: string,
  appProtocol: string | undefined,
): string | undefined {
  if (transport === "UDP") return "UDP";
  let n = name;
  if (appProtocol !== undefined) {
    n = appProtocol;
    if (n === "kubernetes.io/h2c") return "HTTP2";
    if (n === "kubernetes.io/ws") return "HTTP";
    if (n === "kubernetes.io/wss") return "HTTPS";
  }
  if (n.length >= 8 && n.slice(0, 8).toLowerCase() === "grpc-web") return "GRPC-Web";
  const dash = n.indexOf("-");
  const p = istioProtocol(dash === -1 ? n : n.slice(0, dash));
  if (p === undefined && WELL_KNOWN_PORTS.includes(port)) return "TCP";
  return p;
}

export interface PortProblem {
  readonly object: ManifestObject;
  readonly path: FieldPath;
  readonly name: string;
  readonly port: number;
  readonly targetPort: string;
  readonly externalName: boolean;
}

/** The Service ports service.PortNameAnalyzer reports (IST0118, or IST0150 for ExternalName Services). */
export function portsNeedingProtocol(index: LintIndex): PortProblem[] {
  const out: PortProblem[] = [];
  for (const o of index.objectsOf("", "Service")) {
    const md = rec(o.body.metadata);
    const labels = rec(md?.labels) ?? {};
    if (labels.istio !== undefined || labels.release === "istio") continue;
    if (MANAGED_VALUES.includes(str(labels[MANAGED_GATEWAY_LABEL]))) continue;
    const spec = rec(o.body.spec) ?? {};
    const externalName = spec.type === "ExternalName";
    arr(spec.ports).forEach((raw, i) => {
      const p = rec(raw) ?? {};
      const name = str(p.name);
      const port = typeof p.port === "number" ? p.port : 0;
      const appProtocol = typeof p.appProtocol === "string" ? p.appProtocol : undefined;
      const protocol = convertProtocol(port, name, str(p.protocol), appProtocol);
      if (protocol !== undefined && !(name === "tcp" && externalName)) return;
      const tp = p.targetPort;
      out.push({
        object: o,
        path: ["spec", "ports", i, p.name === undefined ? "port" : "name"],
        name,
        port,
        targetPort: tp === undefined || tp === null ? "0" : String(tp),
        externalName,
      });
    });
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: "externalname-service-port-name",
    code: "IST0150",
    name: "ExternalNameServiceTypeInvalidPortName",
    severity: "Warning",
    template:
      "Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly",
    description: "An ExternalName Service port is named `tcp` or has no recognisable protocol.",
    docs: `For ExternalName Services Istio cannot sniff: a port named \`tcp\` or with an unsupported name is
not forwarded correctly. Name the port after its protocol (\`http\`, \`https\`, \`tls\`, …).`,
    kinds: ["Service"],
    analyzers: ["service.PortNameAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const p of portsNeedingProtocol(ctx.index)) if (p.externalName) ctx.report(p.object, p.path);
  },
};
