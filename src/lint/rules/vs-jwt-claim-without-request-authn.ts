import { labelsMatch } from "../../mesh/meta.js";
import { fullName, gatewayRef, MESH_GATEWAY, selectorOf, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, isJwtClaimRoute, rec } from "../validation/common.js";

function claimKey(spec: Record<string, unknown>): string | undefined {
  for (const r of arr(spec.http)) {
    for (const m of arr(rec(r)?.match)) {
      for (const field of ["headers", "withoutHeaders"]) {
        for (const key of Object.keys(rec(rec(m)?.[field]) ?? {})) if (isJwtClaimRoute(key)) return key;
      }
    }
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: "vs-jwt-claim-without-request-authn",
    code: "IST0149",
    name: "JwtClaimBasedRoutingWithoutRequestAuthN",
    severity: "Error",
    template:
      "The virtual service uses the JWT claim based routing (key: %s) but found no request authentication for the gateway (%s) pod (%s). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.",
    description:
      "A gateway VirtualService routes on JWT claims, but no RequestAuthentication applies to the gateway pods.",
    docs: `Matches on \`@request.auth.claims.<claim>\` headers only work after a RequestAuthentication
(in the pod's namespace or \`istio-system\`, selecting the gateway pod) has validated the token.
Without one, such routes never match.`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.JWTClaimRouteAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const policies = new Map<string, Record<string, string>[]>();
    for (const ra of ctx.index.objectsOf("security.istio.io", "RequestAuthentication")) {
      const sel = rec(rec(rec(ra.body.spec)?.selector)?.matchLabels) ?? {};
      const labels = Object.fromEntries(Object.entries(sel).map(([k, v]) => [k, String(v)]));
      const list = policies.get(ra.namespace);
      if (list) list.push(labels);
      else policies.set(ra.namespace, [labels]);
    }
    for (const vs of ctx.index.resources("VirtualService")) {
      const key = claimKey(vs.spec);
      if (!key) continue;
      for (const name of stringList(vs.spec.gateways)) {
        if (name === MESH_GATEWAY) continue;
        const ref = gatewayRef(name, vs.namespace);
        const gw = ctx.index.gateway(ref);
        if (!gw) continue;
        const workloads = ctx.index.workloadsMatching(selectorOf(gw.spec));
        const pods = workloads.filter((w) => w.kind === "Pod");
        // istioctl looks at pods only; without pods in the input, at the workload that stands for them.
        for (const w of pods.length > 0 ? pods : workloads.slice(0, 1)) {
          const selectors = [...(policies.get("istio-system") ?? []), ...(policies.get(w.namespace) ?? [])];
          if (selectors.some((s) => labelsMatch(s, w.labels))) continue;
          ctx.report(vs.object, ["spec", "gateways"], key, fullName(gw), w.name);
        }
      }
    }
  },
};
