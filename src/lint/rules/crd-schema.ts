import { formatFieldPath } from "../../manifests/types.js";
import type { Rule } from "../types.js";
import { ISTIO_KINDS } from "./istio-validation-error.js";

export const rule: Rule = {
  meta: {
    id: "crd-schema",
    code: "IST0106",
    name: "SchemaValidationError",
    severity: "Error",
    template: "Schema validation error: %v",
    description:
      "The resource does not satisfy its CustomResourceDefinition's OpenAPI schema (what the API server checks).",
    docs: `gwctl checks Gateway, VirtualService, DestinationRule and ServiceEntry against the OpenAPI v3
schemas of Istio's CRDs (embedded, see src/lint/schemas/NOTICE.md): types, enums, bounds, required
fields, one-of groups, and the CEL rules (\`x-kubernetes-validations\`) that gwctl ports by hand.
Messages follow the API server's (\`spec.servers[0].port.number: Invalid value: "80": must be of
type integer\`). Where istiod's validation already reports a field (\`istio-validation-error\`), the
schema finding for that field is left out. istioctl does not apply the CRD schema at all.`,
    kinds: ISTIO_KINDS,
    offlineInIstioctl: false,
  },
  check(ctx) {
    for (const kind of ISTIO_KINDS) {
      for (const o of ctx.index.objectsOf("networking.istio.io", kind)) {
        const covered = new Set(
          ctx.index
            .validation(o)
            .filter((i) => i.level === "error")
            .map((i) => formatFieldPath(i.path)),
        );
        for (const issue of ctx.index.schema(o).issues) {
          if (issue.kind !== "invalid" || covered.has(formatFieldPath(issue.path))) continue;
          ctx.report(o, issue.path, issue.message);
        }
      }
    }
  },
};
