import { labelsMatch } from "../../mesh/meta.js";
import type { LintIndex, RegistryEntry, Workload } from "../context.js";
import { stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, rec, str } from "../validation/common.js";

const REGION = "topology.kubernetes.io/region";
const ZONE = "topology.kubernetes.io/zone";
const SUBZONE = "topology.istio.io/subzone";
const HOSTNAME = "kubernetes.io/hostname";

/** Pod labels as istiod's registry sees them: node topology added (label.AugmentLabels). */
function augmented(
  w: Workload,
  nodes: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Record<string, string> {
  const out = { ...w.labels };
  if (!w.nodeName) return out;
  const node = nodes.get(w.nodeName);
  if (node?.[REGION]) out[REGION] = node[REGION];
  if (node?.[REGION] && node[ZONE]) out[ZONE] = node[ZONE];
  if (node?.[REGION] && node[ZONE] && node[SUBZONE]) out[SUBZONE] = node[SUBZONE];
  out[HOSTNAME] = w.nodeName;
  return out;
}

/** The label sets of the endpoints behind a registry entry, or undefined when the input cannot tell. */
function endpointLabels(
  index: LintIndex,
  entry: RegistryEntry,
  nodes: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Record<string, string>[] | undefined {
  if (entry.kind === "Service") {
    const selector = entry.service?.selector;
    if (!selector || Object.keys(selector).length === 0) return undefined; // endpoints are managed by hand
    return index
      .workloadsMatching(selector)
      .filter((w) => w.namespace === entry.namespace && (w.kind === "Pod" || w.kind === "Deployment"))
      .map((w) => augmented(w, nodes));
  }
  const se = entry.object?.spec;
  const endpoints = arr(se?.endpoints);
  if (endpoints.length > 0)
    return endpoints.map((e) =>
      Object.fromEntries(Object.entries(rec(rec(e)?.labels) ?? {}).map(([k, v]) => [k, String(v)])),
    );
  if (entry.workloadSelector)
    return index
      .workloadsMatching(entry.workloadSelector)
      .filter((w) => w.namespace === entry.namespace && (w.kind === "Pod" || w.kind === "Deployment"))
      .map((w) => augmented(w, nodes));
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: "dr-subset-selects-no-pods",
    code: "IST0173",
    name: "DestinationRuleSubsetNotSelectPods",
    severity: "Error",
    template:
      "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).",
    description: "A DestinationRule subset's labels match none of the host's pods in the input.",
    docs: `A subset's cluster holds the endpoints of the host whose labels include the subset's labels.
gwctl looks at the pods and Deployment pod templates the Service selects (in its namespace), or
at a ServiceEntry's endpoints or workloadSelector, with node topology labels added from the Nodes
in the input as istiod does. With no match the subset's cluster is empty: 503 UH. (istioctl
matches subset labels against every pod of the cluster; gwctl only against the host's own.)`,
    kinds: ["DestinationRule"],
    analyzers: ["destinationrule.SubsetSelectPodAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const nodes = new Map<string, Record<string, string>>();
    for (const n of ctx.index.objectsOf("", "Node")) {
      const labels = rec(rec(n.body.metadata)?.labels) ?? {};
      nodes.set(n.name, Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v ?? "")])));
    }
    const cache = new Map<RegistryEntry, Record<string, string>[] | undefined>();
    for (const dr of ctx.index.resources("DestinationRule")) {
      const subsets = arr(dr.spec.subsets);
      if (subsets.length === 0) continue;
      const entry = ctx.index.destinationHost(dr.namespace, stringList(dr.spec.exportTo), str(dr.spec.host));
      if (!entry) continue; // dr-host-not-found
      if (!cache.has(entry)) cache.set(entry, endpointLabels(ctx.index, entry, nodes));
      const candidates = cache.get(entry);
      if (!candidates) continue;
      subsets.forEach((raw, i) => {
        const subset = rec(raw);
        const labels = Object.fromEntries(
          Object.entries(rec(subset?.labels) ?? {}).map(([k, v]) => [k, String(v ?? "")]),
        );
        if (candidates.some((c) => labelsMatch(labels, c))) return;
        ctx.report(dr.object, ["spec", "subsets", i, "name"], str(subset?.name));
      });
    }
  },
};
