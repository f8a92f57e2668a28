import type { Rule } from "../types.js";
import { arr, num, rec } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "vs-deprecated-field",
    code: "IST0002",
    name: "Deprecated",
    severity: "Warning",
    template: "Deprecated: %s",
    description: "A VirtualService uses a deprecated field.",
    docs: `\`http[].fault.delay.percent\` (an integer) is deprecated; use \`percentage.value\` (a double).`,
    kinds: ["VirtualService"],
    analyzers: ["deprecation.DeprecationAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const vs of ctx.index.resources("VirtualService")) {
      arr(vs.spec.http).forEach((r, i) => {
        const delay = rec(rec(rec(r)?.fault)?.delay);
        if (delay && num(delay.percent) > 0)
          ctx.report(
            vs.object,
            ["spec", "http", i, "fault", "delay", "percent"],
            "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage",
          );
      });
    }
  },
};
