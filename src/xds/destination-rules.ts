import { resolveShortname, subsetOf } from "../mesh/hosts.js";
import type { DestinationRuleSpec, Subset, TrafficPolicy } from "../mesh/istio-types.js";
import type { DestinationRule, Mesh } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { compareCreation } from "./creation-order.js";

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

/**
 * The rules of one namespace by host: exact hosts in a map, "*.x" wildcards keyed by "x", so
 * the most specific match is found by walking the host's dot-suffixes, longest first.
 */
interface NamespaceRules {
  readonly exact: Map<string, Indexed[]>;
  readonly wildcard: Map<string, Indexed[]>;
  readonly star: Indexed[];
  /** Wildcards that are neither "*" nor "*.x" (rare): checked one by one. */
  readonly odd: Indexed[];
}

function push(map: Map<string, Indexed[]>, key: string, e: Indexed): void {
  // Shared by the host maps of one namespace and the namespace maps of the index.
  const l = map.get(key);
  if (l) l.push(e);
  else map.set(key, [e]);
}

function namespaceRules(entries: readonly Indexed[]): NamespaceRules {
  const r: NamespaceRules = { exact: new Map(), wildcard: new Map(), star: [], odd: [] };
  for (const e of entries) {
    if (e.host === "*") r.star.push(e);
    else if (e.host.startsWith("*.")) push(r.wildcard, e.host.slice(2), e);
    else if (e.host.startsWith("*")) r.odd.push(e);
    else push(r.exact, e.host, e);
  }
  return r;
}

/** Rules of the most specific host that covers `hostname`, in creation order. */
function mostSpecific(r: NamespaceRules, hostname: string): Indexed[] {
  const wild = hostname.startsWith("*.");
  if (!wild) {
    const hit = r.exact.get(hostname);
    if (hit) return hit;
  }
  const name = wild ? hostname.slice(2) : hostname;
  const keys = wild ? [name] : [];
  for (let i = name.indexOf("."); i !== -1; i = name.indexOf(".", i + 1)) keys.push(name.slice(i + 1));
  let best: Indexed[] = [];
  for (const k of keys) {
    const hit = r.wildcard.get(k);
    if (hit) {
      best = hit;
      break;
    }
  }
  // Odd wildcards compete on specificity with the best "*.x" found.
  for (const e of r.odd) {
    if (!subsetOf(hostname, e.host)) continue;
    const current = best[0];
    if (!current || moreSpecificHost(e.host, current.host)) best = [e];
    else if (current.host === e.host) best = [...best, e];
  }
  if (best.length > 0) return best;
  return r.star;
}

/** exportTo of exactly "." or the rule's own namespace: invisible outside it. */
function privateOnly(rule: DestinationRule): boolean {
  const e = rule.spec.exportTo ?? [];
  return e.length === 1 && (e[0] === "." || e[0] === rule.meta.namespace);
}

/** Visible to proxies of its own namespace (exportTo empty, "*", "." or the namespace). */
function local(rule: DestinationRule): boolean {
  const e = rule.spec.exportTo ?? [];
  return e.length === 0 || e.includes("*") || e.includes(".") || e.includes(rule.meta.namespace);
}

/**
 * PushContext.destinationRule for the gateway: the proxy's namespace (only private rules when
 * that is the root namespace, so that mesh-wide defaults there do not shadow the service's
 * own rules), then rules exported from the service's namespace, then from the root
 * namespace; in each the most specific host wins and then exportTo is checked.
 */
export function indexDestinationRules(
  mesh: Mesh,
  proxyNamespace: string,
  profile: VersionProfile,
): DestinationRuleIndex {
  const rules = [...mesh.destinationRules]
    .filter((r) => !r.spec.workloadSelector)
    .sort((a, b) => compareCreation(a.meta, b.meta, profile));
  const root = mesh.meshConfig.rootNamespace;
  const locals = new Map<string, Indexed[]>();
  const exported = new Map<string, Indexed[]>();
  const rootPrivate: Indexed[] = [];
  for (const rule of rules) {
    const entry = { host: resolveShortname(rule.spec.host, rule.meta.namespace, mesh.domainSuffix), rule };
    const ns = rule.meta.namespace;
    if (local(rule)) push(locals, ns, entry);
    if (!privateOnly(rule)) push(exported, ns, entry);
    else if (ns === root) rootPrivate.push(entry);
  }
  const index = (m: Map<string, Indexed[]>) => {
    const out = new Map<string, NamespaceRules>();
    for (const [ns, entries] of m) out.set(ns, namespaceRules(entries));
    return out;
  };
  const localIndex = index(locals);
  const exportedIndex = index(exported);
  const first = proxyNamespace === root ? namespaceRules(rootPrivate) : localIndex.get(proxyNamespace);
  const memo = new Map<string, EffectiveRule | undefined>();

  const pick = (
    r: NamespaceRules | undefined,
    hostname: string,
    client?: string,
  ): EffectiveRule | undefined => {
    if (!r) return undefined;
    const same = mostSpecific(r, hostname).filter((e) => client === undefined || visibleTo(e.rule, client));
    return same.length > 0 ? merge(same.map((e) => e.rule)) : undefined;
  };

  return {
    lookup(hostname: string, serviceNamespace: string): EffectiveRule | undefined {
      const key = `${serviceNamespace}/${hostname}`;
      if (memo.has(key)) return memo.get(key);
      const found =
        pick(first, hostname) ??
        pick(exportedIndex.get(serviceNamespace), hostname, proxyNamespace) ??
        pick(exportedIndex.get(root), hostname, proxyNamespace);
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
