import { commonName, dnsNames, leafCertificate } from "../../x509/certificates.js";
import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "cert-without-san",
    code: "GW1204",
    name: "CertificateWithoutSubjectAltName",
    severity: "Warning",
    template:
      "The certificate in Secret %s (used by Gateway %s) has no subjectAltName (%s): browsers and most TLS clients reject it.",
    description: "A gateway certificate has no subjectAltName DNS names (only a CN, if anything).",
    docs: `Since RFC 2818 (and in browsers since 2017, Go since 1.15) clients ignore the CN and check only
the subjectAltName extension. A CN-only certificate works with \`curl --cacert\` on some builds and
fails elsewhere. Re-issue it with \`subjectAltName = DNS:<host>\`.`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.index)) {
      const leaf = leafCertificate(c.secret.cert);
      if (!leaf || dnsNames(leaf).length > 0) continue;
      const cn = commonName(leaf);
      ctx.report(
        c.gw.object,
        c.path,
        `${c.secret.meta.namespace}/${c.secret.meta.name}`,
        fullName(c.gw),
        cn ? `only CN=${cn}` : "and no CN",
      );
    }
  },
};
