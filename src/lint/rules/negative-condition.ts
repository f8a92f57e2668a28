import type { Rule } from "../types.js";
import { arr, rec, str } from "../validation/common.js";

/** Condition types whose False status istioctl reports, per kind (conditions.ConditionAnalyzer). */
const NEGATIVE: Record<string, readonly string[]> = {
  "/Service": ["istio.io/WaypointBound"],
  "networking.istio.io/ServiceEntry": ["istio.io/WaypointBound"],
  "gateway.networking.k8s.io/Gateway": ["Accepted", "Programmed", "ResolvedRefs"],
};

export const rule: Rule = {
  meta: {
    id: "negative-condition",
    code: "IST0171",
    name: "NegativeConditionStatus",
    severity: "Warning",
    template: "A condition with a negative status is present: type=%s, reason=%s, message=%s.",
    description: "A resource's status (as exported from a cluster) reports a failed condition.",
    docs: `Manifests exported with \`kubectl get -o yaml\` carry the status istiod wrote: a Service or
ServiceEntry whose \`istio.io/WaypointBound\` condition is False is not bound to its waypoint, a
Gateway API Gateway that is not Accepted/Programmed or has unresolved references does not work.`,
    kinds: ["Service", "ServiceEntry", "Gateway (gateway.networking.k8s.io)"],
    analyzers: ["conditions.ConditionAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const [gk, types] of Object.entries(NEGATIVE)) {
      const [group, kind] = gk.split("/") as [string, string];
      for (const o of ctx.index.objectsOf(group, kind)) {
        arr(rec(o.body.status)?.conditions).forEach((raw, i) => {
          const c = rec(raw);
          if (!c || !types.includes(str(c.type)) || str(c.status) !== "False") return;
          ctx.report(o, ["status", "conditions", i], str(c.type), str(c.reason), str(c.message));
        });
      }
    }
  },
};
