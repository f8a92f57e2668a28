import { parseChain, validity } from "../certs.js";
import { credentialsOf, gatewayNamespaces, serversOf, splitName } from "../rule-helpers.js";
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
    for (const gw of ctx.index.resources("Gateway")) {
      const namespaces = gatewayNamespaces(ctx.index, gw);
      for (const server of serversOf(gw)) {
        for (const cred of credentialsOf(server)) {
          for (const ns of namespaces) {
            const { namespace, name } = splitName(cred.name, ns);
            const secret = ctx.index.secret(namespace, name);
            if (!secret) continue;
            const chain = parseChain(secret.cert);
            const leaf = chain.certs[0];
            let valid =
              secret.cert !== undefined && secret.cert !== "" && secret.hasKey && leaf !== undefined;
            if (leaf) {
              const { notBefore, notAfter } = validity(leaf);
              if (now > notAfter.getTime() || now < notBefore.getTime()) valid = false;
            }
            if (!valid) ctx.report(gw.object, cred.path, gw.name, ns);
          }
        }
      }
    }
  },
};
