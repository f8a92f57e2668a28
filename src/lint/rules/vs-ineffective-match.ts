import { validationIssues } from "../rule-helpers.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "vs-ineffective-match",
    code: "IST0131",
    name: "VirtualServiceIneffectiveMatch",
    severity: "Info",
    template: "VirtualService rule %v match %v is not used (duplicate/overlapping match in rule %v).",
    description: "A match of a VirtualService rule repeats, or is covered by, a match of an earlier rule.",
    docs: `A match is not used when an earlier rule has the same match (ignoring its \`name\`), or when an
earlier HTTP match with a shorter \`uri.prefix\` and the same port, method, authority, headers, query
parameters and withoutHeaders catches every request it would (\`/api\` before \`/api/v1\`; a match
without a method counts as GET).`,
    kinds: ["VirtualService"],
    analyzers: ["schema.ValidationAnalyzer.VirtualService"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    for (const { object, issue } of validationIssues(ctx.index, ["VirtualService"]))
      if (issue.analysis?.type === "ineffective") ctx.report(object, issue.path, ...issue.analysis.params);
  },
};
