import { leafCertificate, validity } from "../../x509/certificates.js";
import { credentialRefs } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "gateway-credential-invalid",
    code: "IST0161",
    name: "InvalidGatewayCredential",
    severity: "Error",
    template:
      "The credential referenced by the Gateway %s in namespace %s is invalid, which can cause the traffic not to work as expected.",
    description:
      "The Secret a Gateway server uses has no usable certificate and key, or its certificate is expired or not yet valid.",
    docs: `istiod serves a gateway credential only when the Secret has a non-empty certificate and key
(\`tls.crt\`/\`tls.key\`, or \`cert\`/\`key\`), its first PEM block is an X.509 certificate, and that
certificate is valid now (between notBefore and notAfter). Otherwise the listener has no
certificate and handshakes fail.

Renew or fix the Secret. gwctl's own certificate checks (GW12xx) look further: expiry within
\`--cert-warn-days\`, key mismatch, names, mutual TLS CA.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.SecretAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    const now = ctx.index.options.now.getTime();
    for (const c of credentialRefs(ctx.index)) {
      const secret = c.secret;
      if (!secret) continue; // gateway-credential-not-found
      const leaf = leafCertificate(secret.cert);
      let valid = secret.cert !== undefined && secret.cert !== "" && secret.hasKey && leaf !== undefined;
      if (leaf) {
        const { notBefore, notAfter } = validity(leaf);
        if (now > notAfter.getTime() || now < notBefore.getTime()) valid = false;
      }
      if (!valid) ctx.report(c.gw.object, c.path, c.gw.name, c.namespace);
    }
  },
};
