import type { Hop, HopKind, Outcome, SimulationResult, UpstreamInfo } from "./result.js";

/**
 * The record one simulation builds as it walks: hops, notes and the resource names Istio's
 * simulation reports. Created per call and passed down the walk, never shared.
 */
export interface Trace {
  readonly hops: Hop[];
  readonly notes: string[];
  names: {
    listener?: string;
    filterChain?: string;
    routeConfig?: string;
    virtualHost?: string;
    route?: string;
    cluster?: string;
  };
  upstreams?: UpstreamInfo[];
  upstreamRequest?: { authority: string; path: string };
}

export function newTrace(): Trace {
  return { hops: [], notes: [], names: {} };
}

export function hop(t: Trace, kind: HopKind, resource: string, detail: string, from?: string): void {
  t.hops.push({ kind, resource, detail, ...(from && { from }) });
}

/** A failed request: `summary` says what happened, `fix` what to change. */
export function failed(summary: string, extra: Omit<Outcome, "ok" | "kind" | "summary"> = {}): Outcome {
  return { ok: false, kind: "failed", summary, ...extra };
}

export function finish(t: Trace, request: SimulationResult["request"], outcome: Outcome): SimulationResult {
  const n = t.names;
  return {
    request,
    hops: t.hops,
    outcome,
    notes: t.notes,
    ...(n.listener !== undefined && { listener: n.listener }),
    ...(n.filterChain !== undefined && { filterChain: n.filterChain }),
    ...(n.routeConfig !== undefined && { routeConfig: n.routeConfig }),
    ...(n.virtualHost !== undefined && { virtualHost: n.virtualHost }),
    ...(n.route !== undefined && { route: n.route }),
    ...(n.cluster !== undefined && { cluster: n.cluster }),
    ...(t.upstreams && { upstreams: t.upstreams }),
    ...(t.upstreamRequest && { upstreamRequest: t.upstreamRequest }),
  };
}
