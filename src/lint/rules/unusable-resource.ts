import { formatFieldPath } from "../../manifests/types.js";
import type { Rule } from "../types.js";
import { ISTIO_KINDS } from "./istio-validation-error.js";

export const rule: Rule = {
  meta: {
    id: "unusable-resource",
    code: "GW1002",
    name: "UnusableResource",
    severity: "Error",
    template: "%s; gwctl leaves this %s out of the analysis",
    description:
      "A Service, ConfigMap or IstioOperator is malformed in a way Kubernetes or istiod would reject.",
    docs: `gwctl reads Services (ports, selector), the \`istio\` mesh ConfigMap and IstioOperator gateway
components into its model of the mesh. One with a field of the wrong type (a port that is not a
number, a selector value that is not a string, mesh config that is not YAML) would be rejected by
the API server or ignored by istiod, so gwctl leaves it out — and other findings (a destination
host not found, a gateway port not on its Service) may follow from that. Istio resources are
reported by the schema rules instead.`,
    kinds: ["Service", "ConfigMap", "IstioOperator"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const r of ctx.index.input.rejected) {
      if (r.object.group === "networking.istio.io" && ISTIO_KINDS.includes(r.object.kind)) continue;
      for (const p of r.problems)
        ctx.report(r.object, p.path, `${formatFieldPath(p.path)}: ${p.message}`, r.object.kind);
    }
  },
};
