import type { DestinationView } from "../rule-helpers.js";
import { mirrorDestinations, routeDestinations } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-subset-not-found",
    code: "IST0101",
    name: "ReferencedResourceNotFound",
    severity: "Error",
    template: "Referenced %s not found: %q",
    description:
      "A VirtualService routes or mirrors to a subset that no DestinationRule for that host defines.",
    docs: `\`destination.subset\` must be the name of a subset in a DestinationRule for the same host (in
the VirtualService's namespace for a short name). Without it Envoy has no such cluster and answers 503.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.DestinationRuleAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const vs of ctx.index.resources("VirtualService")) {
      const check = (d: DestinationView, reftype: string) => {
        if (d.subset === "") return;
        const name = ctx.index.resourceNameFromHost(vs.namespace, d.host);
        if (!ctx.index.hasSubset(name, d.subset))
          ctx.report(vs.object, [...d.path, "subset"], reftype, `${d.host}+${d.subset}`);
      };
      for (const d of routeDestinations(vs.spec)) check(d, "host+subset in destinationrule");
      for (const d of mirrorDestinations(vs.spec)) check(d, "mirror+subset in destinationrule");
    }
  },
};
