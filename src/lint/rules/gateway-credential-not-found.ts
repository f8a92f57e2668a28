import { credentialsOf, gatewayNamespaces, serversOf, splitName } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "gateway-credential-not-found",
    code: "IST0101",
    name: "ReferencedResourceNotFound",
    severity: "Error",
    template: "Referenced %s not found: %q",
    description:
      "A Gateway server's credentialName names a Secret that is not in the gateway workload's namespace.",
    docs: `A gateway reads the Secret named by \`tls.credentialName\` (or each of \`tls.credentialNames\`)
from the namespace of the gateway pod, not of the Gateway. When the Secret is missing there, the
listener has no certificate and TLS handshakes fail. \`ns/name\` names a Secret in another namespace.

Create the Secret in the gateway's namespace (for the default gateway, \`istio-system\`), or fix the name.`,
    kinds: ["Gateway"],
    analyzers: ["gateway.SecretAnalyzer"],
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const gw of ctx.index.resources("Gateway")) {
      const namespaces = gatewayNamespaces(ctx.index, gw);
      for (const server of serversOf(gw)) {
        for (const cred of credentialsOf(server)) {
          for (const ns of namespaces) {
            const { namespace, name } = splitName(cred.name, ns);
            if (!ctx.index.secret(namespace, name))
              ctx.report(gw.object, cred.path, "credentialName", cred.name);
          }
        }
      }
    }
  },
};
