import { sanitizeServerHosts } from "../../mesh/gateway-refs.js";
import { certificateNames, leafCertificate, nameCovers } from "../../x509/certificates.js";
import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "cert-host-mismatch",
    code: "GW1203",
    name: "CertificateHostMismatch",
    severity: "Error",
    template: "The certificate in Secret %s (used by Gateway %s) does not cover host %q; it is valid for %v.",
    description: "A terminating gateway server's hosts are not names of its certificate.",
    docs: `Clients check that the certificate names the host they connect to. Each host of a terminating
server (without its \`namespace/\` part; \`*\` is skipped) must be covered by a DNS name of the
certificate's subjectAltName (\`*.example.com\` covers one label), or by its CN when it has no
subjectAltName at all (what legacy clients accept; GW1204 warns about those certificates).`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.index)) {
      const leaf = leafCertificate(c.secret.cert);
      if (!leaf) continue;
      const names = certificateNames(leaf);
      const hosts = sanitizeServerHosts(c.server.hosts, c.gw.namespace).map((h) =>
        h.includes("/") ? h.slice(h.indexOf("/") + 1) : h,
      );
      for (const host of hosts) {
        if (host === "*" || names.some((n) => nameCovers(n, host))) continue;
        ctx.report(
          c.gw.object,
          c.path,
          `${c.secret.meta.namespace}/${c.secret.meta.name}`,
          fullName(c.gw),
          host,
          names,
        );
      }
    }
  },
};
