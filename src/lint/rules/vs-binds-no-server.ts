import { sanitizeServerHosts } from "../../mesh/gateway-refs.js";
import { intersectHosts, namesForNamespace } from "../../mesh/hosts.js";
import {
  fullName,
  gatewayRef,
  MESH_GATEWAY,
  type ServerView,
  serversOf,
  stringList,
} from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, isHttpProtocol, istioProtocol } from "../validation/common.js";

type RouteKind = "http" | "tcp" | "tls";

/** Which VirtualService route kinds istiod applies to a server (gateway.go). */
function accepts(server: ServerView): RouteKind[] {
  const p = istioProtocol(server.protocol);
  if (isHttpProtocol(p)) return ["http"];
  const passthrough = server.tlsMode === "PASSTHROUGH" || server.tlsMode === "AUTO_PASSTHROUGH";
  if (p === "HTTPS") return passthrough ? ["tls"] : server.tls ? ["http"] : [];
  if (p === "TLS") return passthrough ? ["tls"] : ["tcp"];
  return ["tcp"];
}

function describe(server: ServerView): string {
  const mode = server.tlsMode && server.protocol !== "HTTP" ? ` ${server.tlsMode}` : "";
  return `${server.portName || `#${server.index}`} ${server.protocol}${mode} ${server.port}`;
}

export const rule: Rule = {
  meta: {
    id: "vs-binds-no-server",
    code: "GW1104",
    name: "VirtualServiceBindsNoServer",
    severity: "Error",
    template: "VirtualService %s binds no server of Gateway %s: %s",
    description:
      "A VirtualService's hosts match servers of a Gateway it binds, but none of them takes its kind of routes.",
    docs: `istiod applies a VirtualService's \`http\` routes to HTTP servers and to HTTPS servers that
terminate TLS (SIMPLE, MUTUAL, …), its \`tls\` routes to PASSTHROUGH servers, and its \`tcp\` routes to
TCP and TLS-terminating TLS servers. When the servers whose hosts match (IST0132 reports when
none does) accept none of the route kinds the VirtualService has, the VirtualService configures
nothing: for example \`http\` routes bound to an HTTPS server left in (default) PASSTHROUGH mode,
or \`tcp\` routes bound to an HTTP server.`,
    kinds: ["VirtualService"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const vs of ctx.index.resources("VirtualService")) {
      const kinds = (["http", "tcp", "tls"] as const).filter((k) => arr(vs.spec[k]).length > 0);
      if (kinds.length === 0) continue;
      const vsHosts = stringList(vs.spec.hosts);
      stringList(vs.spec.gateways).forEach((name, i) => {
        if (name === MESH_GATEWAY) return;
        const gw = ctx.index.gateway(gatewayRef(name, vs.namespace));
        if (!gw) return;
        const matching = serversOf(gw).filter(
          (s) =>
            intersectHosts(
              namesForNamespace(sanitizeServerHosts(s.hosts, gw.namespace), vs.namespace),
              vsHosts,
            ).length > 0,
        );
        if (matching.length === 0) return; // IST0132
        if (matching.some((s) => accepts(s).some((k) => kinds.includes(k)))) return;
        const needs = kinds.map(
          (k) =>
            `${k} routes need ${k === "http" ? "an HTTP or TLS-terminating HTTPS" : k === "tls" ? "a PASSTHROUGH HTTPS/TLS" : "a TCP or TLS-terminating TLS"} server`,
        );
        ctx.report(
          vs.object,
          ["spec", "gateways", i],
          fullName(vs),
          fullName(gw),
          `its ${needs.join(" and its ")}, but the servers matching its hosts are [${matching.map(describe).join(", ")}]`,
        );
      });
    }
  },
};
