import { formatFieldPath } from "../../manifests/types.js";
import type { Rule } from "../types.js";
import { ISTIO_KINDS } from "./istio-validation-error.js";

export const rule: Rule = {
  meta: {
    id: "unknown-field",
    code: "GW1001",
    name: "UnknownField",
    severity: "Error",
    template: "Unknown field %q in %s%s",
    description: "A field that the resource's schema does not define: usually a typo, always ignored.",
    docs: `The API server drops fields that a CRD's schema does not define (or \`kubectl apply\` refuses
them under strict field validation), and istioctl silently ignores them: a misspelt \`credentialName\`
or \`hosts\` simply has no effect. gwctl reports each unknown field of Gateways, VirtualServices,
DestinationRules and ServiceEntries (spec, status, top level and metadata), with the nearest known
name when it looks like a typo (\`credential_name\` → \`credentialName\`, \`hostss\` → \`hosts\`).`,
    kinds: ISTIO_KINDS,
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const kind of ISTIO_KINDS) {
      for (const o of ctx.index.objectsOf("networking.istio.io", kind)) {
        for (const issue of ctx.index.schema(o).issues) {
          if (issue.kind !== "unknown-field") continue;
          const parent = formatFieldPath(issue.path.slice(0, -1)) || "the top level";
          const hint = issue.suggestion ? `; did you mean "${issue.suggestion}"?` : "";
          ctx.report(o, issue.path, issue.field, parent, hint);
        }
      }
    }
  },
};
