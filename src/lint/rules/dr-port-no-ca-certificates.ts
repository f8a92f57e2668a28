import { fullName } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, num, rec, str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "dr-port-no-ca-certificates",
    code: "IST0129",
    name: "NoServerCertificateVerificationPortLevel",
    severity: "Warning",
    template:
      "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s at port %s",
    description:
      "A DestinationRule port setting originates TLS without a CA to verify the server's certificate.",
    docs: `The port-level form of IST0128: a \`portLevelSettings[].tls\` with mode SIMPLE or MUTUAL and no
\`caCertificates\` accepts any server certificate on that port.`,
    kinds: ["DestinationRule"],
    analyzers: ["destinationrule.CaCertificateAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const dr of ctx.index.resources("DestinationRule")) {
      arr(rec(dr.spec.trafficPolicy)?.portLevelSettings).forEach((raw, i) => {
        const p = rec(raw);
        const tls = rec(p?.tls);
        const mode = str(tls?.mode);
        if (mode !== "SIMPLE" && mode !== "MUTUAL") return;
        if (str(tls?.caCertificates) !== "") return;
        if (str(tls?.credentialName) !== "" && dr.spec.workloadSelector != null) return;
        const port = rec(p?.port);
        ctx.report(
          dr.object,
          ["spec", "trafficPolicy", "portLevelSettings", i, "tls", "caCertificates"],
          fullName(dr),
          dr.namespace,
          mode,
          str(dr.spec.host),
          port && port.number !== undefined ? `number:${num(port.number)}` : "",
        );
      });
    }
  },
};
