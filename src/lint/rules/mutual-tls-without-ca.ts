import { fullName, gatewayCredentials } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "mutual-tls-without-ca",
    code: "GW1205",
    name: "MutualTlsWithoutCaCertificate",
    severity: "Error",
    template:
      "Server %s of Gateway %s requires client certificates (%s) but Secret %s has no CA certificate to verify them (no ca.crt, and no Secret %s).",
    description:
      "A MUTUAL or OPTIONAL_MUTUAL gateway server has no CA bundle to validate client certificates.",
    docs: `For mutual TLS a gateway validates client certificates against the CA in the credential: the
\`ca.crt\` (or \`cacert\`) key of the Secret, or a separate Secret named \`<credentialName>-cacert\`
(or \`tls.caCertCredentialName\`). Without one, istiod cannot build the validation context and the
server does not accept clients. (istiod's own validation only asks for \`caCertificates\` when no
credentialName is used.)`,
    kinds: ["Gateway"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.index)) {
      const mode = c.server.tlsMode ?? "";
      if (mode !== "MUTUAL" && mode !== "OPTIONAL_MUTUAL") continue;
      if (c.secret.ca && c.secret.ca.trim() !== "") continue;
      const explicit = str(c.server.tls?.caCertCredentialName);
      const caName = explicit || `${c.secret.meta.name}-cacert`;
      if (ctx.index.secret(c.secret.meta.namespace, caName)) continue;
      ctx.report(
        c.gw.object,
        c.path,
        c.server.portName || `#${c.server.index}`,
        fullName(c.gw),
        mode,
        `${c.secret.meta.namespace}/${c.secret.meta.name}`,
        `${c.secret.meta.namespace}/${caName}`,
      );
    }
  },
};
