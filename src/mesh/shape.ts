import type { FieldPath } from "../manifests/types.js";
import type { Checker } from "./problems.js";
import { isRecord, report } from "./problems.js";

/**
 * A small description of the JSON shape the translation relies on. It is checked before a
 * resource enters the model, the way the API server's structural schema would reject it;
 * unknown fields are left alone here (`gwctl lint` reports them).
 */
export type Shape =
  | { readonly t: "str" }
  | { readonly t: "int"; readonly min?: number; readonly max?: number }
  | { readonly t: "num" }
  | { readonly t: "bool" }
  | { readonly t: "any" }
  | { readonly t: "strmap" }
  | { readonly t: "map"; readonly of: Shape }
  | { readonly t: "list"; readonly of: Shape; readonly nonEmpty?: string }
  | {
      readonly t: "obj";
      readonly fields: Readonly<Record<string, Shape>>;
      /** Required field → message when it is missing. */
      readonly required?: Readonly<Record<string, string>>;
    };

export const str: Shape = { t: "str" };
export const num: Shape = { t: "num" };
export const bool: Shape = { t: "bool" };
export const any: Shape = { t: "any" };
export const strmap: Shape = { t: "strmap" };
export const strs: Shape = { t: "list", of: str };
export const int = (min?: number, max?: number): Shape => ({
  t: "int",
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
});
export const list = (of: Shape, nonEmpty?: string): Shape => ({
  t: "list",
  of,
  ...(nonEmpty && { nonEmpty }),
});
export const map = (of: Shape): Shape => ({ t: "map", of });
export const obj = (fields: Record<string, Shape>, required?: Record<string, string>): Shape => ({
  t: "obj",
  fields,
  ...(required && { required }),
});

export function checkShape(c: Checker, value: unknown, shape: Shape, path: FieldPath): void {
  if (value === undefined || value === null) return;
  switch (shape.t) {
    case "any":
      return;
    case "str":
      if (typeof value !== "string") report(c, path, "must be a string");
      return;
    case "num":
      if (typeof value !== "number") report(c, path, "must be a number");
      return;
    case "bool":
      if (typeof value !== "boolean") report(c, path, "must be true or false");
      return;
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value)) report(c, path, "must be an integer");
      else if (
        (shape.min !== undefined && value < shape.min) ||
        (shape.max !== undefined && value > shape.max)
      )
        report(c, path, `${value} is out of range ${shape.min ?? ""}..${shape.max ?? ""}`);
      return;
    case "strmap":
      if (!isRecord(value)) report(c, path, "must be a mapping of strings");
      else
        for (const [k, v] of Object.entries(value)) {
          if (typeof v !== "string") report(c, [...path, k], "must be a string (quote it)");
        }
      return;
    case "map":
      if (!isRecord(value)) report(c, path, "must be a mapping");
      else for (const [k, v] of Object.entries(value)) checkShape(c, v, shape.of, [...path, k]);
      return;
    case "list":
      if (!Array.isArray(value)) {
        report(c, path, "must be a list");
        return;
      }
      if (shape.nonEmpty && value.length === 0) report(c, path, shape.nonEmpty);
      value.forEach((item, i) => {
        // An absent field may be null; an element of a list may not (`- ` with nothing after
        // it): the API server's structural schema rejects it, and every reader expects a value.
        if ((item === null || item === undefined) && shape.of.t !== "any")
          report(c, [...path, i], "must not be empty (null)");
        else checkShape(c, item, shape.of, [...path, i]);
      });
      return;
    case "obj": {
      if (!isRecord(value)) {
        report(c, path, "must be a mapping");
        return;
      }
      for (const [field, message] of Object.entries(shape.required ?? {})) {
        const v = value[field];
        if (v === undefined || v === null) report(c, [...path, field], message);
      }
      for (const [field, sub] of Object.entries(shape.fields))
        checkShape(c, value[field], sub, [...path, field]);
      return;
    }
  }
}
