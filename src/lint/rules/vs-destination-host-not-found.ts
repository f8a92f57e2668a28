import type { DestinationView } from "../rule-helpers.js";
import { mirrorDestinations, routeDestinations, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-destination-host-not-found",
    code: "IST0101",
    name: "ReferencedResourceNotFound",
    severity: "Error",
    template: "Referenced %s not found: %q",
    description:
      "A VirtualService routes or mirrors to a host, or a host:port, that no Service or ServiceEntry in the input provides.",
    docs: `Every \`destination.host\` (and mirror host) must be a Kubernetes Service (short name in the
VirtualService's namespace, or \`name.namespace.svc.<suffix>\`) or a ServiceEntry host, visible to
the VirtualService's namespace (Service annotation \`networking.istio.io/exportTo\`, ServiceEntry
\`exportTo\`, the VirtualService's own \`exportTo\`). A destination \`port\` must be one of that service's
ports. Otherwise Envoy answers 503 (no cluster) for the route.

istioctl skips this check on local files; gwctl runs it with the Services in the input.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.DestinationHostAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const vs of ctx.index.resources("VirtualService")) {
      const exportTo = stringList(vs.spec.exportTo);
      const check = (d: DestinationView, reftype: string) => {
        const entry = ctx.index.destinationHost(vs.namespace, exportTo, d.host);
        if (!entry) {
          ctx.report(vs.object, [...d.path, "host"], reftype, d.host);
          return;
        }
        if (d.port === undefined) return; // vs-destination-port-required looks at that
        if (!entry.ports.some((p) => p.number === d.port))
          ctx.report(vs.object, [...d.path, "port", "number"], "host:port", `${d.host}:${d.port}`);
      };
      for (const d of routeDestinations(vs.spec)) check(d, "host");
      for (const d of mirrorDestinations(vs.spec)) check(d, "mirror host");
    }
  },
};
