import { selectorOf, selectorPath, selectorString } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "gateway-selector-not-found",
    code: "IST0101",
    name: "ReferencedResourceNotFound",
    severity: "Error",
    template: "Referenced %s not found: %q",
    description: "A Gateway's selector matches no gateway workload in the input.",
    docs: `A Gateway applies to the gateway pods its \`selector\` matches. When no Pod, Deployment pod
template or IstioOperator ingress gateway in the input carries those labels, the Gateway configures
nothing. gwctl assumes the default-profile ingress gateway (\`istio-system\`, \`istio: ingressgateway\`)
when the input has no workload with that label (turn off with \`--no-default-gateway\`).

Fix the selector's labels, or add the gateway's Deployment to the input.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.IngressGatewayPortAnalyzer", "gateway.SecretAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const gw of ctx.index.resources("Gateway")) {
      const selector = selectorOf(gw.spec);
      if (ctx.index.workloadsMatching(selector).length > 0) continue;
      ctx.report(gw.object, selectorPath(selector), "selector", selectorString(selector));
    }
  },
};
