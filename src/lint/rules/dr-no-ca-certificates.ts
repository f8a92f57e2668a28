import { fullName } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { rec, str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "dr-no-ca-certificates",
    code: "IST0128",
    name: "NoServerCertificateVerificationDestinationLevel",
    severity: "Warning",
    template:
      "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s",
    description: "A DestinationRule originates TLS without a CA to verify the server's certificate.",
    docs: `With \`trafficPolicy.tls.mode\` SIMPLE or MUTUAL and no \`caCertificates\`, the proxy accepts any
server certificate. A \`credentialName\` counts as a CA source only together with a
\`workloadSelector\` (as istioctl decides). Set \`caCertificates\` (or \`credentialName\` with a Secret
holding \`ca.crt\`).`,
    kinds: ["DestinationRule"],
    analyzers: ["destinationrule.CaCertificateAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const dr of ctx.index.resources("DestinationRule")) {
      const tls = rec(rec(dr.spec.trafficPolicy)?.tls);
      const mode = str(tls?.mode);
      if (mode !== "SIMPLE" && mode !== "MUTUAL") continue;
      if (str(tls?.caCertificates) !== "") continue;
      if (str(tls?.credentialName) !== "" && dr.spec.workloadSelector != null) continue;
      ctx.report(
        dr.object,
        ["spec", "trafficPolicy", "tls", "caCertificates"],
        fullName(dr),
        dr.namespace,
        mode,
        str(dr.spec.host),
      );
    }
  },
};
