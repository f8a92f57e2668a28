import type { IstioObject } from "../context.js";
import { fullName, type ServerView, selectorOf, serversOf } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { str } from "../validation/common.js";

const MAX_NAMES = 10;

/** selectorX ⊆ selectorY (istio's selectorSubset). */
function subset(x: Readonly<Record<string, string>>, y: Readonly<Record<string, string>>): boolean {
  return Object.entries(x).every(([k, v]) => y[k] === v);
}

function certKey(s: ServerView): string | undefined {
  const tls = s.tls;
  if (!tls) return undefined;
  const cn = str(tls.credentialName);
  if (cn) return `cn:${cn}`;
  const cert = str(tls.serverCertificate);
  const key = str(tls.privateKey);
  return cert && key ? `file:${cert}\u0000${key}` : undefined;
}

export const rule: Rule = {
  meta: {
    id: "gateway-duplicate-certificate",
    code: "IST0138",
    name: "GatewayDuplicateCertificate",
    severity: "Warning",
    template:
      "Duplicate certificate in multiple gateways %v may cause 404s if clients re-use HTTP2 connections.",
    description: "Two Gateways on the same workload serve the same certificate.",
    docs: `Browsers reuse an HTTP/2 connection for every host the connection's certificate covers. When
two Gateways' servers (on one gateway workload) use the same certificate, a request for a host of
the second Gateway can arrive on a connection that was opened for the first, whose routes do not
know it: the client gets a 404.

Serve the hosts that share a certificate from one Gateway server.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.CertificateAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    const gateways = ctx.index.resources("Gateway");
    const byCert = new Map<string, IstioObject[]>();
    for (const gw of gateways) {
      for (const server of serversOf(gw)) {
        const key = certKey(server);
        if (!key) continue;
        const list = byCert.get(key);
        if (!list) byCert.set(key, [gw]);
        else if (list[list.length - 1] !== gw) list.push(gw);
      }
    }
    for (const gw of gateways) {
      const selector = selectorOf(gw.spec);
      for (const server of serversOf(gw)) {
        const key = certKey(server);
        if (!key) continue;
        // One message per server naming every other gateway (istioctl prints one per pair).
        const others: string[] = [];
        for (const other of byCert.get(key) ?? []) {
          if (other === gw) continue;
          if (Object.keys(selector).length > 0 && !subset(selector, selectorOf(other.spec))) continue;
          others.push(fullName(other));
        }
        if (others.length === 0) continue;
        others.sort();
        const shown =
          others.length > MAX_NAMES
            ? [...others.slice(0, MAX_NAMES), `(+${others.length - MAX_NAMES} more)`]
            : others;
        const path = str(server.tls?.credentialName)
          ? [...server.path, "tls", "credentialName"]
          : [...server.path, "tls"];
        ctx.report(gw.object, path, [fullName(gw), ...shown]);
      }
    }
  },
};
