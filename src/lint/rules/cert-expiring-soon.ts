import { leafCertificate, validity } from "../../x509/certificates.js";
import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";

const DAY = 24 * 3600 * 1000;

export const rule: Rule = {
  meta: {
    id: "cert-expiring-soon",
    code: "GW1201",
    name: "CertificateExpiringSoon",
    severity: "Warning",
    template: "The certificate in Secret %s (used by Gateway %s) expires on %s, in %d days.",
    description: "A gateway certificate expires within --cert-warn-days (default 30).",
    docs: `Reported for the leaf certificate of every Secret a terminating gateway server uses, while it
is still valid (an expired certificate is IST0161). Renew it before clients start failing.`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const now = ctx.index.options.now.getTime();
    const horizon = now + ctx.index.options.certWarnDays * DAY;
    for (const c of gatewayCredentials(ctx.index)) {
      const leaf = leafCertificate(c.secret.cert);
      if (!leaf) continue;
      const { notBefore, notAfter } = validity(leaf);
      const end = notAfter.getTime();
      if (end < now || notBefore.getTime() > now || end > horizon) continue;
      ctx.report(
        c.gw.object,
        c.path,
        `${c.secret.meta.namespace}/${c.secret.meta.name}`,
        fullName(c.gw),
        notAfter.toISOString(),
        Math.floor((end - now) / DAY),
      );
    }
  },
};
