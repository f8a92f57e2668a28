import { validationIssues } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-unreachable-rule",
    code: "IST0130",
    name: "VirtualServiceUnreachableRule",
    severity: "Warning",
    template: "VirtualService rule %v not used (%s).",
    description: "A VirtualService rule can never match: an earlier rule catches its traffic.",
    docs: `istiod evaluates a VirtualService's rules in order. A rule is never used when a rule without
\`match\` comes before it ("route without matches defined before", and only the last rule may have
no matches), or when every one of its matches repeats an earlier rule's ("all matches used by prior
rules"). Rules are named by \`name\` or \`#index\`.`,
    kinds: ["VirtualService"],
    analyzers: ["schema.ValidationAnalyzer.VirtualService"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const { object, issue } of validationIssues(ctx.index, ["VirtualService"]))
      if (issue.analysis?.type === "unreachable") ctx.report(object, issue.path, ...issue.analysis.params);
  },
};
