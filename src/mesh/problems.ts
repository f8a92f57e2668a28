import type { Locator } from "../manifests/positions.js";
import type { FieldPath, InputError, ManifestObject } from "../manifests/types.js";
import { formatFieldPath } from "../manifests/types.js";

/** A finding about one field of one object, before it is placed in a file. */
export interface FieldProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/** Place a problem at the line and column of its field. */
export function toInputError(obj: ManifestObject, problem: FieldProblem, locator: Locator): InputError {
  const pos = locator.locate(obj, problem.path);
  return {
    file: pos.file,
    line: pos.line,
    column: pos.column,
    field: formatFieldPath(problem.path),
    message: `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ""}${obj.name}: ${problem.message}`,
  };
}

/** Collects problems while walking untrusted data; small helpers keep the checks readable. */
export interface Checker {
  readonly problems: FieldProblem[];
}

export function newChecker(): Checker {
  return { problems: [] };
}

export function report(c: Checker, path: FieldPath, message: string): void {
  c.problems.push({ path, message });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function expectRecord(
  c: Checker,
  v: unknown,
  path: FieldPath,
  optional = true,
): Record<string, unknown> | undefined {
  if (v === undefined || v === null) {
    if (!optional) report(c, path, "is required");
    return undefined;
  }
  if (!isRecord(v)) {
    report(c, path, "must be a mapping");
    return undefined;
  }
  return v;
}

export function expectArray(c: Checker, v: unknown, path: FieldPath): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    report(c, path, "must be a list");
    return undefined;
  }
  return v;
}

export function expectString(c: Checker, v: unknown, path: FieldPath): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    report(c, path, "must be a string");
    return undefined;
  }
  return v;
}

export function expectStringArray(c: Checker, v: unknown, path: FieldPath): string[] | undefined {
  const arr = expectArray(c, v, path);
  if (!arr) return undefined;
  arr.forEach((item, i) => {
    if (typeof item !== "string") report(c, [...path, i], "must be a string");
  });
  return arr.filter((x): x is string => typeof x === "string");
}

export function expectStringMap(c: Checker, v: unknown, path: FieldPath): Record<string, string> | undefined {
  const rec = expectRecord(c, v, path);
  if (!rec) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec)) {
    if (typeof val === "string") out[k] = val;
    else if (typeof val === "number" || typeof val === "boolean")
      report(c, [...path, k], "must be a string (quote it)");
    else report(c, [...path, k], "must be a string");
  }
  return out;
}

export function expectInt(
  c: Checker,
  v: unknown,
  path: FieldPath,
  min?: number,
  max?: number,
): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) {
    report(c, path, "must be an integer");
    return undefined;
  }
  if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
    report(c, path, `${v} is out of range ${min ?? ""}..${max ?? ""}`);
    return undefined;
  }
  return v;
}

export function expectBool(c: Checker, v: unknown, path: FieldPath): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") {
    report(c, path, "must be true or false");
    return undefined;
  }
  return v;
}
