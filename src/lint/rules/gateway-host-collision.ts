import { sanitizeServerHosts } from "../../mesh/gateway-refs.js";
import { hostsMatch, isWildcard } from "../../mesh/hosts.js";
import type { IstioObject } from "../context.js";
import { fullName, type ServerView, selectorOf, selectorString, serversOf } from "../rule-helpers.js";
import type { Rule } from "../types.js";

interface Entry {
  readonly gw: IstioObject;
  readonly server: ServerView;
  readonly host: string;
  readonly hostIndex: number;
}

const bare = (h: string) => (h.includes("/") ? h.slice(h.indexOf("/") + 1) : h);

export const rule: Rule = {
  meta: {
    id: "gateway-host-collision",
    code: "GW1103",
    name: "GatewayHostCollision",
    severity: "Warning",
    template:
      "Host %q of this server on port %d overlaps host %q of Gateway %s on the same workload (%s): %s",
    description: "Servers of different Gateways on one gateway workload and port claim overlapping hosts.",
    docs: `istiod merges every Gateway that selects a workload. On one port, two Gateways' servers with
overlapping hosts do not coexist cleanly:

- TLS servers (HTTPS, TLS): the same host twice is dropped from the later server ("duplicate host
  names"); a wildcard overlapping an exact host sends those names to the most specific filter
  chain, with its certificate and routes.
- HTTP servers: the hosts share one route configuration, and the VirtualServices of both Gateways
  merge into one virtual host in creation order.

istioctl's IST0145 sees only identical host strings under identical (or nested) selector strings;
gwctl compares the workloads the selectors actually select, and wildcards. Identical hosts that
IST0145 already reports are left out. Give each host one owner Gateway.`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const gateways = ctx.index.resources("Gateway");
    // Workload → the Gateways selecting it; workloads selected by the same Gateways are one group.
    const groups = new Map<string, { gateways: IstioObject[]; workload: string }>();
    const selected = gateways.map((gw) => ({
      gw,
      workloads: ctx.index.workloadsMatching(selectorOf(gw.spec)),
    }));
    const byWorkload = new Map<unknown, IstioObject[]>();
    for (const { gw, workloads } of selected)
      for (const w of workloads) {
        const l = byWorkload.get(w);
        if (l) l.push(gw);
        else byWorkload.set(w, [gw]);
      }
    for (const [w, gws] of byWorkload) {
      if (gws.length < 2) continue;
      const key = gws.map(fullName).join("\u0000");
      const wl = w as { kind: string; namespace: string; name: string };
      if (!groups.has(key))
        groups.set(key, { gateways: gws, workload: `${wl.kind} ${wl.namespace}/${wl.name}` });
    }
    for (const { gateways: gws, workload } of groups.values()) {
      const byPort = new Map<number, Entry[]>();
      for (const gw of gws)
        for (const server of serversOf(gw))
          sanitizeServerHosts(server.hosts, gw.namespace).forEach((h, hostIndex) => {
            const l = byPort.get(server.port);
            const e = { gw, server, host: bare(h), hostIndex };
            if (l) l.push(e);
            else byPort.set(server.port, [e]);
          });
      for (const [port, entries] of byPort) {
        const exact = new Map<string, Entry[]>();
        const wildcards: Entry[] = [];
        for (const e of entries) {
          if (isWildcard(e.host)) wildcards.push(e);
          else {
            const l = exact.get(e.host.toLowerCase());
            if (l) l.push(e);
            else exact.set(e.host.toLowerCase(), [e]);
          }
        }
        const report = (a: Entry, b: Entry) => {
          if (a.gw === b.gw) return;
          if (a.server.bind !== b.server.bind) return;
          const sameSelector =
            selectorString(selectorOf(a.gw.spec)) === selectorString(selectorOf(b.gw.spec));
          if (sameSelector && a.host === b.host) return; // IST0145
          const tls = a.server.tls !== undefined && b.server.tls !== undefined;
          const consequence = tls
            ? a.host === b.host
              ? "istiod drops the duplicate host from one of the servers"
              : "clients get the most specific server's certificate and routes for the overlapping names"
            : "their VirtualServices merge into one virtual host";
          ctx.report(
            a.gw.object,
            [...a.server.path, "hosts", a.hostIndex],
            a.host,
            port,
            b.host,
            fullName(b.gw),
            workload,
            consequence,
          );
        };
        for (const list of exact.values()) for (const a of list) for (const b of list) report(a, b);
        for (const w of wildcards) {
          for (const other of entries) {
            if (other === w || !hostsMatch(w.host, other.host)) continue;
            report(w, other);
            report(other, w);
          }
        }
      }
    }
  },
};
