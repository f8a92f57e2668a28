import type { Hop, HopKind, SimulationResult } from "./result.js";

/**
 * The readable trace of a simulation. Plain data in, text out; colours come in as functions
 * (identity when the output is not a terminal), so this module never looks at the terminal.
 */

export interface Style {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

export const PLAIN: Style = { ok: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };

const LABELS: Record<HopKind, string> = {
  port: "port",
  listener: "listener",
  "filter-chain": "filter chain",
  tls: "tls",
  "connection-manager": "http",
  "route-config": "route config",
  "virtual-host": "virtual host",
  route: "route",
  action: "action",
  "tcp-proxy": "tcp proxy",
  cluster: "cluster",
  endpoints: "endpoints",
};

const WIDTH = 14;

function hopLines(h: Hop, style: Style): string[] {
  const label = LABELS[h.kind].padEnd(WIDTH);
  const text =
    h.kind === "port" || h.kind === "connection-manager" || h.kind === "tls"
      ? h.detail
      : `${h.resource}: ${h.detail}`;
  const lines = [`  ${label}${text}`];
  if (h.from) lines.push(`  ${" ".repeat(WIDTH)}${style.dim(`← ${h.from}`)}`);
  return lines;
}

function requestLine(r: SimulationResult["request"]): string[] {
  const head = r.method ? `${r.method} ${r.url}` : r.url;
  const details = [
    r.authority !== undefined ? `Host ${r.authority}` : undefined,
    r.sni !== undefined ? `SNI ${r.sni}` : undefined,
    r.alpn ? `ALPN ${r.alpn.join(",")}` : undefined,
    r.clientCertificate ? `client certificate ${r.clientCertificate}` : undefined,
  ].filter((x): x is string => x !== undefined);
  return details.length > 0 ? [head, `  ${details.join(", ")}`] : [head];
}

export function renderTrace(result: SimulationResult, style: Style = PLAIN): string {
  const out: string[] = [...requestLine(result.request).map((l, i) => (i === 0 ? style.bold(l) : l)), ""];
  for (const h of result.hops) out.push(...hopLines(h, style));
  if (result.hops.length > 0) out.push("");
  const o = result.outcome;
  out.push(o.ok ? style.ok(`result: ${o.summary}`) : style.bad(`result: FAILED: ${o.summary}`));
  if (o.client) {
    const [first, ...rest] = o.client.split("\n");
    out.push(`  the client sees: ${first}`);
    for (const l of rest) out.push(`                   ${l}`);
  }
  if (result.upstreamRequest && o.kind === "proxied") {
    out.push(
      `  upstream request: :authority ${result.upstreamRequest.authority}, :path ${result.upstreamRequest.path}`,
    );
  }
  if (o.fix && o.fix.length > 0) {
    out.push(o.ok ? "  note:" : "  to change:");
    for (const f of o.fix) out.push(`    - ${f}`);
  }
  if (result.notes.length > 0) {
    out.push("notes:");
    for (const n of result.notes) out.push(`  - ${n}`);
  }
  return `${out.join("\n")}\n`;
}
