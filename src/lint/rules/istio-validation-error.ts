import { validationIssues } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const ISTIO_KINDS = ["Gateway", "VirtualService", "DestinationRule", "ServiceEntry"];

/** istioctl runs one schema.ValidationAnalyzer per kind. */
export const VALIDATION_ANALYZERS = ISTIO_KINDS.map((k) => `schema.ValidationAnalyzer.${k}`);

export const rule: Rule = {
  meta: {
    id: "istio-validation-error",
    code: "IST0106",
    name: "SchemaValidationError",
    severity: "Error",
    template: "Schema validation error: %v",
    description: "istiod's validation (the validating webhook) rejects the resource.",
    docs: `gwctl re-implements istiod's Go validation of Gateway, VirtualService, DestinationRule and
ServiceEntry (pkg/config/validation): the checks its validating webhook runs when the resource is
applied, with istio's own messages (\`port number 0 must be in the range 1..65535\`, \`server config
must contain at least one host\`, \`HTTP route, redirect or direct_response is required\`, …). Each
error is one finding, placed at the field it is about. Such a resource is refused by
\`kubectl apply\` in a cluster with Istio's webhook.`,
    kinds: ISTIO_KINDS,
    analyzers: VALIDATION_ANALYZERS,
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const { object, issue } of validationIssues(ctx.index, ISTIO_KINDS))
      if (issue.level === "error" && !issue.analysis) ctx.report(object, issue.path, issue.message);
  },
};
