import { hostsMatch, isWildcard, namesForNamespace } from "../../mesh/hosts.js";
import type { IstioObject } from "../context.js";
import { gatewayHosts, gatewayRef, MESH_GATEWAY, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, rec, str } from "../validation/common.js";
import { INTERNAL_GATEWAY_MARKER } from "./vs-gateway-not-found.js";

/** Hosts a gateway offers to VirtualServices of one namespace, indexed for lookups. */
interface HostSet {
  readonly all: readonly string[];
  readonly exact: ReadonlySet<string>;
  readonly wildcards: readonly string[];
  readonly matchesEverything: boolean;
}

function hostSet(hosts: readonly string[], matchesEverything = false): HostSet {
  return {
    all: hosts,
    exact: new Set(hosts.filter((h) => !isWildcard(h))),
    wildcards: hosts.filter(isWildcard),
    matchesEverything,
  };
}

function anyMatch(set: HostSet, vsHosts: readonly string[]): boolean {
  if (set.matchesEverything) return true;
  for (const h of vsHosts) {
    if (isWildcard(h)) {
      if (set.all.some((g) => hostsMatch(g, h))) return true;
    } else if (set.exact.has(h) || set.wildcards.some((g) => hostsMatch(g, h))) return true;
  }
  return false;
}

function kubernetesGatewayHosts(o: { body: Record<string, unknown> }): HostSet {
  const listeners = arr(rec(o.body.spec)?.listeners);
  const hosts: string[] = [];
  for (const l of listeners) {
    const h = str(rec(l)?.hostname);
    if (h === "") return hostSet([], true);
    hosts.push(h);
  }
  return hostSet(hosts);
}

export function gatewayHostIndex(): (gw: IstioObject, vsNamespace: string) => HostSet {
  const cache = new Map<string, HostSet>();
  return (gw, vsNamespace) => {
    const key = `${gw.namespace}/${gw.name}\u0000${vsNamespace}`;
    let set = cache.get(key);
    if (!set) {
      set = hostSet(namesForNamespace(gatewayHosts(gw), vsNamespace));
      cache.set(key, set);
    }
    return set;
  };
}

export const rule: Rule = {
  meta: {
    id: "vs-host-not-in-gateway",
    code: "IST0132",
    name: "VirtualServiceHostNotFoundInGateway",
    severity: "Warning",
    template: "one or more host %v defined in VirtualService %s not found in Gateway %s.",
    description: "None of a VirtualService's hosts is served by a Gateway it binds to.",
    docs: `A VirtualService bound to a Gateway contributes routes only for the hosts that a server of
that Gateway exposes to the VirtualService's namespace (\`host\`, \`*/host\`, \`./host\` in the Gateway's
own namespace, wildcards matching either way). When none matches, the binding does nothing. A
missing Gateway is reported here too, as istioctl does. A Gateway API Gateway matches through its
listeners' \`hostname\` (a listener without one matches every host).`,
    kinds: ["VirtualService"],
    analyzers: ["virtualservice.GatewayAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    const hostsOf = gatewayHostIndex();
    for (const vs of ctx.index.resources("VirtualService")) {
      const vsHosts = stringList(vs.spec.hosts);
      stringList(vs.spec.gateways).forEach((name, i) => {
        if (name === MESH_GATEWAY || name.includes(INTERNAL_GATEWAY_MARKER)) return;
        const key = gatewayRef(name, vs.namespace);
        const gw = ctx.index.gateway(key);
        const k8s = gw ? undefined : ctx.index.kubernetesGateway(key);
        const set = gw ? hostsOf(gw, vs.namespace) : k8s ? kubernetesGatewayHosts(k8s) : hostSet([]);
        if (!anyMatch(set, vsHosts))
          ctx.report(vs.object, ["spec", "gateways", i], vsHosts, `${vs.namespace}/${vs.name}`, key);
      });
    }
  },
};
