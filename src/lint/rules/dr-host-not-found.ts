import { stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "dr-host-not-found",
    code: "IST0174",
    name: "UnknownDestinationRuleHost",
    severity: "Warning",
    template: "The host %s defined in the DestinationRule does not match any services in the mesh.",
    description: "A DestinationRule's host is no Service or ServiceEntry in the input.",
    docs: `A DestinationRule applies to the traffic to its \`host\`: a Kubernetes Service or a ServiceEntry
host visible to its namespace. For any other host it does nothing — often a typo, or a short name
meant for another namespace.`,
    kinds: ["DestinationRule"],
    analyzers: ["destinationrule.SubsetSelectPodAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const dr of ctx.index.resources("DestinationRule")) {
      const host = str(dr.spec.host);
      if (!ctx.index.destinationHost(dr.namespace, stringList(dr.spec.exportTo), host))
        ctx.report(dr.object, ["spec", "host"], host);
    }
  },
};
