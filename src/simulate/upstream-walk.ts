import type { ConfigDump } from "../envoy/types.js";
import type { Outcome, UpstreamInfo } from "./result.js";
import { hop, type Trace } from "./trace.js";
import { clusterFacts, isHealthy, upstreamVerdict } from "./upstream.js";

/**
 * The cluster and endpoint hops shared by HTTP routes and tcp_proxy: every cluster a request
 * may go to is checked (a weighted split sends some requests to each), and the one this
 * request goes to decides the outcome.
 */

export interface UpstreamChoice {
  readonly chosen: string;
  /** All weighted clusters with their share, when traffic is split. */
  readonly weighted?: readonly { readonly cluster: string; readonly percent: number }[];
}

export interface UpstreamContext {
  readonly dump: ConfigDump;
  readonly podsByIp: ReadonlyMap<string, string>;
  /** "HTTP" answers 503; "TCP" closes the connection. */
  readonly protocol: "HTTP" | "TCP";
}

function subsetHint(name: string, siblings: readonly string[]): string[] {
  const parts = name.split("|");
  const subset = parts[2];
  if (parts.length !== 4 || !subset) {
    return [
      `check the destination host and port of the route: no service ${parts[3] ?? name} port ${parts[1] ?? "?"} is visible to the gateway`,
    ];
  }
  const others = siblings.map((s) => s.split("|")[2]).filter((s): s is string => !!s);
  return [
    `define subset "${subset}" in a DestinationRule for ${parts[3]}${others.length > 0 ? ` (it defines: ${others.join(", ")})` : " (none defines subsets for it)"}`,
    "or remove the subset from the VirtualService destination",
  ];
}

export function walkUpstreams(t: Trace, choice: UpstreamChoice, ctx: UpstreamContext): Outcome {
  t.names.cluster = choice.chosen;
  const names = choice.weighted ? choice.weighted.map((w) => w.cluster) : [choice.chosen];
  const upstreams: UpstreamInfo[] = [];
  let outcome: Outcome | undefined;
  for (const name of names) {
    const facts = clusterFacts(ctx.dump, name, ctx.podsByIp);
    const verdict = upstreamVerdict(facts);
    const share = choice.weighted?.find((w) => w.cluster === name)?.percent;
    const from = [facts.destinationRule, facts.subset ? `subset ${facts.subset}` : undefined]
      .filter(Boolean)
      .join(", ");
    const isChosen = name === choice.chosen;
    const prefix = share !== undefined ? `${share}% of requests${isChosen ? " (this one)" : ""}: ` : "";
    hop(
      t,
      "cluster",
      name,
      `${prefix}${facts.found ? `${facts.type} cluster` : "not in the dump"}`,
      from || undefined,
    );
    if (facts.endpoints) {
      upstreams.push({
        cluster: name,
        ...(share !== undefined && { weight: share }),
        endpoints: facts.endpoints,
      });
      const listed = facts.endpoints.map(
        (e) => `${e.address}:${e.port} ${e.health}${e.pod ? ` (pod ${e.pod})` : ""}`,
      );
      hop(
        t,
        "endpoints",
        name,
        listed.length > 0 ? `${listed.join(", ")}; ${verdict.detail}` : verdict.detail,
      );
    } else if (verdict.ok) {
      hop(t, "endpoints", name, verdict.detail);
    }
    if (verdict.ok && verdict.panic) t.notes.push(`${name}: ${verdict.detail}`);
    if (!verdict.ok) {
      const fail: Outcome =
        ctx.protocol === "HTTP"
          ? {
              ok: false,
              kind: "failed",
              status: 503,
              summary: `503 Service Unavailable (${verdict.flag}): ${verdict.detail}`,
              client:
                verdict.flag === "UH"
                  ? "< HTTP/1.1 503 Service Unavailable … no healthy upstream"
                  : "< HTTP/1.1 503 Service Unavailable",
              fix: facts.found ? noEndpointsFix(name) : subsetHint(name, facts.siblings),
            }
          : {
              ok: false,
              kind: "failed",
              summary: `the gateway closes the connection: ${verdict.detail}`,
              client: "Connection closed by foreign host.",
              fix: facts.found ? noEndpointsFix(name) : subsetHint(name, facts.siblings),
            };
      if (isChosen) outcome = fail;
      else t.notes.push(`${share}% of requests fail: ${fail.summary}`);
    }
  }
  t.upstreams = upstreams;
  if (outcome) return outcome;
  const chosen = upstreams.find((u) => u.cluster === choice.chosen);
  const healthy = chosen?.endpoints.filter(isHealthy) ?? [];
  const to =
    healthy.length > 0
      ? ` → ${healthy.map((e) => `${e.address}:${e.port}${e.pod ? ` (pod ${e.pod})` : ""}`).join(", ")}`
      : "";
  return {
    ok: true,
    kind: "proxied",
    summary: `${ctx.protocol === "HTTP" ? "proxied" : "TCP connection proxied"} to ${choice.chosen}${to}`,
  };
}

function noEndpointsFix(cluster: string): string[] {
  const host = cluster.split("|")[3] ?? cluster;
  return [
    `check that the Service behind ${host} selects running, ready pods (kubectl get endpointslices)`,
    "and that the DestinationRule subset's labels match those pods",
  ];
}
