import { credentialRefs } from "../rule-helpers.js";
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
    for (const c of credentialRefs(ctx.index))
      if (!c.secret) ctx.report(c.gw.object, c.path, "credentialName", c.name);
  },
};
