import { validationIssues } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { ISTIO_KINDS, VALIDATION_ANALYZERS } from "./istio-validation-error.js";

export const rule: Rule = {
  meta: {
    id: "istio-validation-warning",
    code: "IST0133",
    name: "SchemaWarning",
    severity: "Warning",
    template: "Schema validation warning: %v",
    description: "istiod's validation accepts the resource with a warning.",
    docs: `The warnings of istiod's validation: settings that are ignored or deprecated
(\`PASSTHROUGH mode does not use certificates, they will be ignored\`, \`using deprecated setting
"mirrorPercent"\`, legacy \`name.namespace\` gateway references, …). \`kubectl apply\` prints them and
applies the resource.`,
    kinds: ISTIO_KINDS,
    analyzers: VALIDATION_ANALYZERS,
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const { object, issue } of validationIssues(ctx.index, ISTIO_KINDS))
      if (issue.level === "warning" && !issue.analysis) ctx.report(object, issue.path, issue.message);
  },
};
