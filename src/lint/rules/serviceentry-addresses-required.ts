import type { Rule } from "../types.js";
import { arr, rec, str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "serviceentry-addresses-required",
    code: "IST0134",
    name: "ServiceEntryAddressesRequired",
    severity: "Warning",
    template: "ServiceEntry addresses are required for this protocol.",
    description: "A ServiceEntry port serving TCP (or no protocol) has no address to tell its traffic apart.",
    docs: `Plain TCP traffic carries no host name: a sidecar can only send it to a ServiceEntry by the
destination address. A port with protocol TCP (or none) needs \`addresses\` — unless the addresses
are allocated (\`status.addresses\`, or the mesh config's \`defaultConfig.proxyMetadata\` sets
\`ISTIO_META_DNS_CAPTURE\` and \`ISTIO_META_DNS_AUTO_ALLOCATE\` or \`PILOT_ENABLE_IP_AUTOALLOCATE\` to
"true", read from \`--mesh-config\` or an IstioOperator in the input).`,
    kinds: ["ServiceEntry"],
    analyzers: ["serviceentry.Analyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    const md = ctx.index.proxyMetadata();
    const autoAllocated =
      md.ISTIO_META_DNS_CAPTURE === "true" &&
      (md.ISTIO_META_DNS_AUTO_ALLOCATE === "true" || md.PILOT_ENABLE_IP_AUTOALLOCATE === "true");
    if (autoAllocated) return;
    for (const se of ctx.index.resources("ServiceEntry")) {
      if (se.spec.addresses !== undefined && se.spec.addresses !== null) continue;
      if (arr(rec(se.object.body.status)?.addresses).length > 0) continue;
      arr(se.spec.ports).forEach((raw, i) => {
        const protocol = str(rec(raw)?.protocol);
        if (protocol === "" || protocol.toUpperCase() === "TCP")
          ctx.report(se.object, ["spec", "ports", i, "name"]);
      });
    }
  },
};
