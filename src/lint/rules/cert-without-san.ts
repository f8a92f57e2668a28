import { commonName, dnsNames, parseChain } from "../certs.js";
import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "cert-without-san",
    code: "GW1204",
    name: "CertificateWithoutSubjectAltName",
    severity: "Warning",
    template:
      "The certificate in Secret %s (used by Gateway %s) names its host only in the CN (%s) and has no subjectAltName; browsers and most TLS clients reject it.",
    description: "A gateway certificate has a CN but no subjectAltName DNS names.",
    docs: `Since RFC 2818 (and in browsers since 2017, Go since 1.15) clients ignore the CN and check only
the subjectAltName extension. A CN-only certificate works with \`curl --cacert\` on some builds and
fails elsewhere. Re-issue it with \`subjectAltName = DNS:<host>\`.`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.index)) {
      const leaf = parseChain(c.secret.cert).certs[0];
      if (!leaf || dnsNames(leaf).length > 0) continue;
      ctx.report(
        c.gw.object,
        c.path,
        `${c.namespace}/${c.secret.meta.name}`,
        fullName(c.gw),
        commonName(leaf) ?? "none",
      );
    }
  },
};
