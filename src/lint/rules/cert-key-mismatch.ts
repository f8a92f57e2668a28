import { leafCertificate } from "../../x509/certificates.js";
import { keyMatches } from "../certs.js";
import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "cert-key-mismatch",
    code: "GW1202",
    name: "CertificateKeyMismatch",
    severity: "Error",
    template: "The private key in Secret %s (used by Gateway %s) %s.",
    description: "A gateway Secret's private key does not belong to its certificate, or cannot be read.",
    docs: `Envoy rejects a certificate whose private key does not match it: the listener's secret stays
unready and handshakes fail. gwctl compares the certificate's public key with the public half of
the Secret's key (the key itself never leaves the loader and is never printed).`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.index)) {
      if (!c.secret.hasKey) continue; // IST0161
      const where = `${c.secret.meta.namespace}/${c.secret.meta.name}`;
      if (c.secret.keyError) {
        ctx.report(c.gw.object, c.path, where, fullName(c.gw), "cannot be read as a PEM private key");
        continue;
      }
      const leaf = leafCertificate(c.secret.cert);
      if (leaf && keyMatches(c.secret, leaf) === false)
        ctx.report(c.gw.object, c.path, where, fullName(c.gw), "does not match the certificate's public key");
    }
  },
};
