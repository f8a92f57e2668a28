import type { FieldPath } from "../../manifests/types.js";
import { formatFieldPath } from "../../manifests/types.js";
import { type CelRule, evaluateCel } from "./cel.js";
import { nearestName } from "./suggest.js";

/**
 * A small validator for the structural OpenAPI v3 schemas of Kubernetes CRDs: the subset
 * of keywords Istio's generated CRDs use, with the API server's semantics (nulls of
 * non-nullable fields are pruned, `x-kubernetes-int-or-string`, preserve-unknown-fields,
 * list-type map keys). Unlike the API server it reports unknown fields instead of pruning
 * them, with the nearest known name when the field looks like a typo.
 */
export interface SchemaNode {
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly not?: SchemaNode;
  readonly nullable?: boolean;
  readonly "x-kubernetes-int-or-string"?: boolean;
  readonly "x-kubernetes-preserve-unknown-fields"?: boolean;
  readonly "x-kubernetes-validations"?: readonly CelRule[];
  readonly "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  readonly "x-kubernetes-list-map-keys"?: readonly string[];
}

export interface SchemaIssue {
  readonly path: FieldPath;
  readonly kind: "unknown-field" | "invalid";
  /** Kubernetes' field.Error style: `<path>: <Type>: <detail>`. */
  readonly message: string;
  /** For an unknown field: the field name and, when it looks like a typo, the nearest known one. */
  readonly field?: string;
  readonly suggestion?: string;
}

export interface ValidateResult {
  readonly issues: SchemaIssue[];
  /** CEL rules met on the way that gwctl cannot evaluate (documented in docs/lint.md). */
  readonly unevaluated: string[];
}

const FORMAT_RANGES: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object" && v !== null) return JSON.stringify(typeOf(v));
  return String(v);
}

interface Walk {
  readonly issues: SchemaIssue[];
  readonly unevaluated: string[];
  /** False inside oneOf/anyOf/not branches: they only decide, they do not report. */
  readonly reportUnknown: boolean;
}

function invalid(w: Walk, path: FieldPath, detail: string): void {
  const where = formatFieldPath(path);
  w.issues.push({ path, kind: "invalid", message: `${where}: ${detail}` });
}

/** Validate `value` (found at `path`) against `schema`. */
export function validateSchema(value: unknown, schema: SchemaNode, path: FieldPath): ValidateResult {
  const w: Walk = { issues: [], unevaluated: [], reportUnknown: true };
  walk(w, value, schema, path);
  return { issues: w.issues, unevaluated: w.unevaluated };
}

function matches(value: unknown, schema: SchemaNode, path: FieldPath): boolean {
  const w: Walk = { issues: [], unevaluated: [], reportUnknown: false };
  walk(w, value, schema, path);
  return w.issues.length === 0;
}

function walk(w: Walk, value: unknown, s: SchemaNode, path: FieldPath): void {
  if (value === null || value === undefined) return; // pruned, as the API server does
  if (!checkType(w, value, s, path)) return;
  if (s.enum && !s.enum.includes(value)) {
    invalid(
      w,
      path,
      `Unsupported value: ${show(value)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`,
    );
  }
  if (typeof value === "number") checkNumber(w, value, s, path);
  if (typeof value === "string") {
    if (s.maxLength !== undefined && [...value].length > s.maxLength)
      invalid(w, path, `Too long: may not be longer than ${s.maxLength}`);
    if (s.minLength !== undefined && [...value].length < s.minLength)
      invalid(w, path, `Invalid value: ${show(value)}: should be at least ${s.minLength} chars long`);
  }
  if (Array.isArray(value)) checkArray(w, value, s, path);
  else if (typeof value === "object") checkObject(w, value as Record<string, unknown>, s, path);
  checkCombinators(w, value, s, path);
  for (const rule of s["x-kubernetes-validations"] ?? []) {
    const ok = evaluateCel(rule.rule, value);
    if (ok === undefined) {
      if (!w.unevaluated.includes(rule.rule)) w.unevaluated.push(rule.rule);
    } else if (!ok) {
      invalid(w, path, `Invalid value: ${show(value)}: ${rule.message ?? `failed rule: ${rule.rule}`}`);
    }
  }
}

function checkType(w: Walk, value: unknown, s: SchemaNode, path: FieldPath): boolean {
  if (s["x-kubernetes-int-or-string"]) {
    if (typeof value === "string" || (typeof value === "number" && Number.isInteger(value))) return true;
    invalid(w, path, `Invalid value: ${show(value)}: must be an integer or a string`);
    return false;
  }
  if (!s.type) return true;
  const actual = typeOf(value);
  const ok =
    s.type === actual ||
    (s.type === "number" && actual === "integer") ||
    (s.type === "object" && actual === "object") ||
    (s.type === "boolean" && actual === "boolean") ||
    (s.type === "string" && actual === "string");
  if (!ok) invalid(w, path, `Invalid value: ${show(value)}: must be of type ${s.type}`);
  return ok;
}

function checkNumber(w: Walk, value: number, s: SchemaNode, path: FieldPath): void {
  const range = s.format ? FORMAT_RANGES[s.format] : undefined;
  if (range && (value < range[0] || value > range[1]))
    invalid(w, path, `Invalid value: ${value}: must fit in ${s.format} (${range[0]}..${range[1]})`);
  if (s.minimum !== undefined && value < s.minimum)
    invalid(w, path, `Invalid value: ${value}: must be greater than or equal to ${s.minimum}`);
  if (s.maximum !== undefined && value > s.maximum)
    invalid(w, path, `Invalid value: ${value}: must be less than or equal to ${s.maximum}`);
}

function checkArray(w: Walk, value: readonly unknown[], s: SchemaNode, path: FieldPath): void {
  if (s.maxItems !== undefined && value.length > s.maxItems)
    invalid(w, path, `Too many: ${value.length}: must have at most ${s.maxItems} items`);
  if (s.minItems !== undefined && value.length < s.minItems)
    invalid(w, path, `Invalid value: ${value.length}: must have at least ${s.minItems} items`);
  if (s.items) {
    const items = s.items;
    value.forEach((item, i) => {
      walk(w, item, items, [...path, i]);
    });
  }
  const listType = s["x-kubernetes-list-type"];
  if (listType === "map" || listType === "set") {
    const keys = s["x-kubernetes-list-map-keys"] ?? [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key =
        listType === "set"
          ? JSON.stringify(item)
          : JSON.stringify(
              Object.fromEntries(keys.map((k) => [k, (item as Record<string, unknown> | null)?.[k]])),
            );
      if (seen.has(key)) invalid(w, [...path, i], `Duplicate value: ${key}`);
      seen.add(key);
    });
  }
}

function checkObject(w: Walk, value: Record<string, unknown>, s: SchemaNode, path: FieldPath): void {
  for (const req of s.required ?? []) {
    if (value[req] === undefined || value[req] === null) invalid(w, [...path, req], "Required value");
  }
  const keys = Object.keys(value);
  if (s.maxProperties !== undefined && keys.length > s.maxProperties)
    invalid(w, path, `Too many: ${keys.length}: must have at most ${s.maxProperties} items`);
  const props = s.properties;
  const extra = s.additionalProperties;
  for (const key of keys) {
    const sub = props?.[key];
    if (sub) {
      walk(w, value[key], sub, [...path, key]);
    } else if (typeof extra === "object") {
      walk(w, value[key], extra, [...path, key]);
    } else if (props && extra !== true && !s["x-kubernetes-preserve-unknown-fields"]) {
      if (!w.reportUnknown) continue;
      const suggestion = nearestName(key, Object.keys(props));
      w.issues.push({
        path: [...path, key],
        kind: "unknown-field",
        message: `${formatFieldPath([...path, key])}: unknown field "${key}"`,
        field: key,
        ...(suggestion !== undefined && { suggestion }),
      });
    }
  }
}

/** `oneOf: [{not: {anyOf: [{required: [a]}, …]}}, {required: [a]}, …]`: at most one of the fields. */
function atMostOneOf(s: SchemaNode): string[] | undefined {
  const alts = s.oneOf;
  if (!alts || alts.length < 2) return undefined;
  const first = alts[0]?.not?.anyOf;
  if (!first) return undefined;
  const fields: string[] = [];
  for (const alt of alts.slice(1)) {
    if (alt.required?.length !== 1 || Object.keys(alt).length !== 1) return undefined;
    fields.push(alt.required[0] as string);
  }
  return fields;
}

function checkCombinators(w: Walk, value: unknown, s: SchemaNode, path: FieldPath): void {
  for (const sub of s.allOf ?? []) checkCombinators(w, value, sub, path);
  if (s.oneOf) {
    const exclusive = atMostOneOf(s);
    const passing = s.oneOf.filter((alt) => matches(value, alt, path)).length;
    if (passing !== 1) {
      if (exclusive && typeof value === "object" && value !== null) {
        const set = exclusive.filter((f) => (value as Record<string, unknown>)[f] != null);
        invalid(
          w,
          path,
          `Invalid value: "object": only one of ${exclusive.join(", ")} may be set (found ${set.join(", ")})`,
        );
      } else {
        invalid(w, path, `Invalid value: ${show(value)}: must validate one and only one schema (oneOf)`);
      }
    }
  }
  if (s.anyOf && !s.anyOf.some((alt) => matches(value, alt, path)))
    invalid(w, path, `Invalid value: ${show(value)}: must validate at least one schema (anyOf)`);
  if (s.not && matches(value, s.not, path))
    invalid(w, path, `Invalid value: ${show(value)}: must not validate the schema (not)`);
}
