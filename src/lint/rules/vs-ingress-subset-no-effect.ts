import { fullName, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, rec, str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "vs-ingress-subset-no-effect",
    code: "IST0140",
    name: "IngressRouteRulesNotAffected",
    severity: "Warning",
    template: "Subset in virtual service %s has no effect on ingress gateway %s requests",
    description:
      "A gateway VirtualService sends a host to all of its pods while another VirtualService splits that host into subsets.",
    docs: `A VirtualService bound to a gateway that routes to a host without a subset sends gateway
traffic to every pod of the host: the subset routing another VirtualService defines for that host
(for mesh traffic) does not apply to requests entering through the gateway. Route to the subsets
from the gateway VirtualService too.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.DestinationHostAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const vss = ctx.index.resources("VirtualService");
    // host → the VirtualServices that route that host (listed in their own hosts) to a subset,
    // once per such destination, as istioctl counts them.
    const withSubset = new Map<string, string[]>();
    for (const vs of vss) {
      const hosts = new Set(stringList(vs.spec.hosts));
      for (const r of arr(vs.spec.http)) {
        for (const rd of arr(rec(r)?.route)) {
          const d = rec(rec(rd)?.destination);
          const host = str(d?.host);
          if (str(d?.subset) === "" || !hosts.has(host)) continue;
          const list = withSubset.get(host);
          if (list) list.push(fullName(vs));
          else withSubset.set(host, [fullName(vs)]);
        }
      }
    }
    for (const vs of vss) {
      if (stringList(vs.spec.gateways).length === 0) continue;
      arr(vs.spec.http).forEach((r, i) => {
        arr(rec(r)?.route).forEach((rd, j) => {
          const d = rec(rec(rd)?.destination);
          if (str(d?.subset) !== "") return;
          for (const other of withSubset.get(str(d?.host)) ?? [])
            ctx.report(
              vs.object,
              ["spec", "http", i, "route", j, "destination", "host"],
              other,
              fullName(vs),
            );
        });
      });
    }
  },
};
