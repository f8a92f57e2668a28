import type { ManifestObject } from "../../manifests/types.js";
import { crdSchemaFor, METADATA_FIELDS, OBJECT_FIELDS } from "./crds.js";
import { type SchemaIssue, validateSchema } from "./openapi.js";
import { nearestName } from "./suggest.js";

export interface ObjectSchemaResult {
  readonly issues: readonly SchemaIssue[];
  readonly unevaluated: readonly string[];
}

function unknown(path: (string | number)[], key: string, known: readonly string[]): SchemaIssue {
  const suggestion = nearestName(key, known);
  return {
    path: [...path, key],
    kind: "unknown-field",
    message: `${[...path, key].join(".")}: unknown field "${key}"`,
    field: key,
    ...(suggestion !== undefined && { suggestion }),
  };
}

/**
 * An Istio object against its CRD's schema, plus what the API server checks itself: the
 * top-level fields and ObjectMeta. Objects of kinds without an embedded schema have no issues.
 */
export function checkObjectSchema(o: ManifestObject): ObjectSchemaResult {
  const crd = crdSchemaFor(o.group, o.kind);
  if (!crd) return { issues: [], unevaluated: [] };
  const issues: SchemaIssue[] = [];
  const topLevel = [...OBJECT_FIELDS, ...Object.keys(crd.schema.properties ?? {})];
  for (const key of Object.keys(o.body)) if (!topLevel.includes(key)) issues.push(unknown([], key, topLevel));
  const md = o.body.metadata;
  if (typeof md === "object" && md !== null && !Array.isArray(md)) {
    for (const key of Object.keys(md))
      if (!METADATA_FIELDS.includes(key)) issues.push(unknown(["metadata"], key, METADATA_FIELDS));
  }
  if (o.body.spec === undefined || o.body.spec === null)
    issues.push({ path: ["spec"], kind: "invalid", message: "spec: Required value" });
  const result = validateSchema({ spec: o.body.spec, status: o.body.status }, crd.schema, []);
  return { issues: [...issues, ...result.issues], unevaluated: result.unevaluated };
}
