import { resolveShortname, subsetOf } from "../mesh/hosts.js";
import type { DestinationRuleSpec, Subset, TrafficPolicy } from "../mesh/istio-types.js";
import { compareByCreation } from "../mesh/meta.js";
import type { DestinationRule, Mesh } from "../mesh/model.js";

/**
 * Which DestinationRule applies to a host for the gateway (sidecar scope's DestinationRule
 * lookup): the proxy's namespace first, then the service's namespace, then the root
 * namespace; the most specific host wins in each step; several rules for one host merge in
 * creation order (first traffic policy kept, subsets unioned by name).
 */

export interface EffectiveRule {
  readonly spec: DestinationRuleSpec;
  /** The rules merged into it, first one first (its name goes into cluster metadata). */
  readonly sources: readonly DestinationRule[];
}

interface Indexed {
  readonly host: string;
  readonly rule: DestinationRule;
}

export interface DestinationRuleIndex {
  lookup(hostname: string, serviceNamespace: string): EffectiveRule | undefined;
}

function visibleTo(rule: DestinationRule, namespace: string): boolean {
  const exportTo = rule.spec.exportTo ?? [];
  if (exportTo.length === 0 || exportTo.includes("*")) return true;
  if (exportTo.includes("~")) return false;
  return exportTo.some((e) => (e === "." ? rule.meta.namespace === namespace : e === namespace));
}

export function indexDestinationRules(mesh: Mesh, proxyNamespace: string): DestinationRuleIndex {
  const rules = [...mesh.destinationRules]
    .filter((r) => !r.spec.workloadSelector)
    .sort((a, b) => compareByCreation(a.meta, b.meta));
  const byNamespace = new Map<string, Indexed[]>();
  for (const rule of rules) {
    const host = resolveShortname(rule.spec.host, rule.meta.namespace, mesh.domainSuffix);
    const list = byNamespace.get(rule.meta.namespace);
    const entry = { host, rule };
    if (list) list.push(entry);
    else byNamespace.set(rule.meta.namespace, [entry]);
  }
  const root = mesh.meshConfig.rootNamespace;
  const memo = new Map<string, EffectiveRule | undefined>();

  const fromNamespace = (
    ns: string,
    hostname: string,
    requireExportTo: string | undefined,
  ): EffectiveRule | undefined => {
    const candidates = (byNamespace.get(ns) ?? []).filter(
      (e) =>
        subsetOf(hostname, e.host) && (requireExportTo === undefined || visibleTo(e.rule, requireExportTo)),
    );
    if (candidates.length === 0) return undefined;
    // Most specific host first: an exact host beats a wildcard, a longer wildcard a shorter one.
    const best = candidates.reduce((a, b) => (moreSpecificHost(b.host, a.host) ? b : a));
    const same = candidates.filter((e) => e.host === best.host).map((e) => e.rule);
    return merge(same);
  };

  return {
    lookup(hostname: string, serviceNamespace: string): EffectiveRule | undefined {
      const key = `${serviceNamespace}/${hostname}`;
      if (memo.has(key)) return memo.get(key);
      const found =
        fromNamespace(proxyNamespace, hostname, undefined) ??
        (serviceNamespace !== proxyNamespace
          ? fromNamespace(serviceNamespace, hostname, proxyNamespace)
          : undefined) ??
        (root !== proxyNamespace && root !== serviceNamespace
          ? fromNamespace(root, hostname, proxyNamespace)
          : undefined);
      memo.set(key, found);
      return found;
    },
  };
}

function moreSpecificHost(a: string, b: string): boolean {
  const aw = a.startsWith("*");
  const bw = b.startsWith("*");
  if (aw !== bw) return !aw;
  return a.length > b.length;
}

function merge(rules: readonly DestinationRule[]): EffectiveRule {
  const first = rules[0] as DestinationRule;
  let trafficPolicy: TrafficPolicy | undefined = first.spec.trafficPolicy;
  const subsets: Subset[] = [...(first.spec.subsets ?? [])];
  for (const r of rules.slice(1)) {
    if (!trafficPolicy && r.spec.trafficPolicy) trafficPolicy = r.spec.trafficPolicy;
    for (const s of r.spec.subsets ?? []) if (!subsets.some((x) => x.name === s.name)) subsets.push(s);
  }
  const spec: DestinationRuleSpec = {
    ...first.spec,
    ...(trafficPolicy && { trafficPolicy }),
    ...(subsets.length > 0 && { subsets }),
  };
  return { spec, sources: rules };
}
