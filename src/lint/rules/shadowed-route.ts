import type { FieldPath } from "../../manifests/types.js";
import { compareByCreation } from "../../mesh/meta.js";
import type { IstioObject } from "../context.js";
import { fullName, gatewayRef, MESH_GATEWAY, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, type Rec, rec, str } from "../validation/common.js";

const NARROWING = [
  "method",
  "authority",
  "scheme",
  "headers",
  "queryParams",
  "withoutHeaders",
  "port",
  "gateways",
  "sourceLabels",
  "sourceNamespace",
];

/** A match istiod translates to a catch-all Envoy route (prefix "/" or regex "*" and nothing else). */
function catchAllMatch(m: Rec | undefined): boolean {
  if (!m) return false;
  if (NARROWING.some((f) => m[f] !== undefined && m[f] !== null)) return false;
  const uri = rec(m.uri);
  return uri === undefined || str(uri.prefix) === "/" || str(uri.regex) === "*";
}

/** Index of the first match of a rule that is a catch-all, -1 for none, "nomatch" for a rule without matches. */
function catchAll(route: unknown): number | "nomatch" {
  const matches = arr(rec(route)?.match);
  if (matches.length === 0) return "nomatch";
  return matches.findIndex((m) => catchAllMatch(rec(m)));
}

const ruleName = (route: unknown, i: number): string =>
  str(rec(route)?.name) !== "" ? JSON.stringify(str(rec(route)?.name)) : `#${i}`;

export const rule: Rule = {
  meta: {
    id: "shadowed-route",
    code: "GW1102",
    name: "ShadowedRoute",
    severity: "Warning",
    template: "HTTP rule %s of VirtualService %s is never used: %s",
    description: "An HTTP rule comes after a catch-all rule that takes all of its traffic.",
    docs: `istiod stops translating a VirtualService's HTTP rules at the first catch-all (a match on
\`uri.prefix: /\` or \`uri.regex: "*"\` with no other condition): every later rule is dropped. istioctl
(IST0130) only notices a catch-all written without \`match\`; gwctl also reports those written as
\`prefix: /\`.

Across VirtualServices bound to the same gateway with the same host, istiod merges the routes
(in creation order) and moves catch-alls to the end: only the first VirtualService's catch-all is
used, later ones never are. gwctl reports those too.

Move the catch-all rule last, or narrow it.`,
    kinds: ["VirtualService"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const vss = ctx.index.resources("VirtualService");
    // Within one VirtualService.
    for (const vs of vss) {
      const http = arr(vs.spec.http);
      for (let i = 0; i < http.length; i++) {
        const c = catchAll(http[i]);
        if (c === "nomatch") break; // IST0130 reports the rules after a rule without matches
        if (c < 0) continue;
        for (let j = i + 1; j < http.length; j++) {
          const path: FieldPath = ["spec", "http", j];
          ctx.report(
            vs.object,
            path,
            ruleName(http[j], j),
            fullName(vs),
            `rule ${ruleName(http[i], i)} before it matches every request (match #${c})`,
          );
        }
        break;
      }
    }
    // Across VirtualServices merged into one virtual host of a gateway.
    const groups = new Map<string, { vs: IstioObject; rule: number }[]>();
    for (const vs of vss) {
      const http = arr(vs.spec.http);
      const first = http.findIndex((r) => catchAll(r) !== -1);
      if (first === -1) continue;
      const gateways = stringList(vs.spec.gateways).filter((g) => g !== MESH_GATEWAY);
      for (const g of gateways) {
        const gw = gatewayRef(g, vs.namespace);
        for (const host of stringList(vs.spec.hosts)) {
          const key = `${gw}\u0000${host.toLowerCase()}`;
          const list = groups.get(key);
          if (list) list.push({ vs, rule: first });
          else groups.set(key, [{ vs, rule: first }]);
        }
      }
    }
    for (const [key, list] of groups) {
      if (list.length < 2) continue;
      const [gw, host] = key.split("\u0000") as [string, string];
      const sorted = [...list].sort((a, b) => compareByCreation(a.vs.meta, b.vs.meta));
      const winner = sorted[0] as { vs: IstioObject; rule: number };
      for (const { vs, rule } of sorted.slice(1)) {
        if (vs === winner.vs) continue;
        const http = arr(vs.spec.http);
        ctx.report(
          vs.object,
          ["spec", "http", rule],
          ruleName(http[rule], rule),
          fullName(vs),
          `on gateway ${gw} the catch-all of VirtualService ${fullName(winner.vs)} (created earlier) takes every request for ${host} that no other rule matches`,
        );
      }
    }
  },
};
