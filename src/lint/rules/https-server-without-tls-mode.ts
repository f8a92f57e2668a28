import { serversOf } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "https-server-without-tls-mode",
    code: "GW1101",
    name: "HttpsServerWithoutTlsMode",
    severity: "Error",
    template: "HTTPS server %s on port %d has tls settings but no tls.mode: istiod uses PASSTHROUGH, so %s",
    description: "An HTTPS server's `tls` has no `mode`: it silently becomes a TLS passthrough server.",
    docs: `\`tls.mode\` defaults to PASSTHROUGH. An HTTPS server written with \`credentialName\` (or
certificates) but without \`mode: SIMPLE\` does not terminate TLS: its certificate is ignored,
clients receive the backend's certificate, and the \`http\` routes of VirtualServices bound to it
never apply (only \`tls\` routes match passthrough servers). istiod accepts it with at most a warning.

Set \`mode: SIMPLE\` (or MUTUAL) to terminate TLS, or \`mode: PASSTHROUGH\` to say that is meant.`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const gw of ctx.index.resources("Gateway")) {
      for (const server of serversOf(gw)) {
        if (server.protocol !== "HTTPS" || !server.tls || server.tls.mode !== undefined) continue;
        if (server.tls.httpsRedirect === true && Object.keys(server.tls).length === 1) continue;
        const hasCert =
          server.tls.credentialName !== undefined ||
          server.tls.credentialNames !== undefined ||
          server.tls.serverCertificate !== undefined ||
          server.tls.tlsCertificates !== undefined;
        const consequence = hasCert
          ? "its certificate is ignored and HTTP routes do not apply to it"
          : "HTTP routes do not apply to it";
        ctx.report(
          gw.object,
          [...server.path, "tls"],
          server.portName || `#${server.index}`,
          server.port,
          consequence,
        );
      }
    }
  },
};
