import { mirrorDestinations, routeDestinations, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-destination-port-required",
    code: "IST0112",
    name: "VirtualServiceDestinationPortSelectorRequired",
    severity: "Error",
    template:
      "This VirtualService routes to a service %q that exposes multiple ports %v. Specifying a port in the destination is required to disambiguate.",
    description: "A destination without a port names a service with more than one port.",
    docs: `When a destination has no \`port\`, istiod can pick a cluster only if the service has exactly
one port. With several, set \`destination.port.number\`.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.DestinationHostAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const vs of ctx.index.resources("VirtualService")) {
      const exportTo = stringList(vs.spec.exportTo);
      for (const d of [...routeDestinations(vs.spec), ...mirrorDestinations(vs.spec)]) {
        if (d.port !== undefined) continue;
        const entry = ctx.index.destinationHost(vs.namespace, exportTo, d.host);
        if (!entry || entry.ports.length <= 1) continue;
        ctx.report(
          vs.object,
          [...d.path, "host"],
          d.host,
          entry.ports.map((p) => p.number),
        );
      }
    }
  },
};
