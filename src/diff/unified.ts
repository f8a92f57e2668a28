import { createTwoFilesPatch } from "diff";
import { isJsonObject, type Json, type JsonObject } from "../envoy/types.js";
import { isSet, isUnordered, keyLists } from "./align.js";
import type { Paint } from "./report.js";
import { PLAIN } from "./report.js";
import type { DiffResult, ResourceChange } from "./types.js";

/**
 * `--unified`: a text diff of each differing resource, for readers who want context rather
 * than paths. Both sides are printed in one canonical form first (keys sorted, lists whose
 * order Envoy ignores sorted by key, sets sorted), so the text differs only where the
 * structural comparison found a difference. The line diff itself is jsdiff's.
 */

/** Unified-diff context lines, as `diff -u`. */
const CONTEXT = 3;

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The canonical form of a value found at `field` (inside `parentField`). */
export function canonical(v: Json, field?: string, parentField?: string): Json {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x, field, parentField));
    if (isSet(parentField, field) && items.every((x) => typeof x === "string" || typeof x === "number")) {
      return [...items].sort((x, y) => compareText(String(x), String(y)));
    }
    if (isUnordered(field)) {
      const keys = keyLists(field, v, [])?.[0];
      if (keys) {
        const order = keys.map((k, i) => [k.value, i] as const).sort((x, y) => compareText(x[0], y[0]));
        return order.map(([, i]) => items[i] as Json);
      }
    }
    return items;
  }
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) out[k] = canonical(v[k] as Json, k, field);
  return out;
}

function text(v: Json | undefined): string {
  return v === undefined ? "" : `${JSON.stringify(canonical(v), null, 2)}\n`;
}

function paint(patch: string, p: Paint): string {
  return patch
    .split("\n")
    .map((line) =>
      line.startsWith("+++") || line.startsWith("---")
        ? p.heading(line)
        : line.startsWith("+")
          ? p.added(line)
          : line.startsWith("-")
            ? p.removed(line)
            : line,
    )
    .join("\n");
}

function patchOf(c: ResourceChange, labels: { expected: string; actual: string }): string {
  const file = `${c.type}/${c.name}`;
  return createTwoFilesPatch(
    c.status === "added" ? "/dev/null" : `${labels.expected}/${file}`,
    c.status === "removed" ? "/dev/null" : `${labels.actual}/${file}`,
    text(c.expected),
    text(c.actual),
    undefined,
    undefined,
    {
      context: CONTEXT,
      headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
    },
  );
}

/** Every differing resource as a unified diff, in the order of the result. */
export function unifiedReport(
  r: DiffResult,
  labels: { expected: string; actual: string },
  p: Paint = PLAIN,
): string {
  return r.changes.map((c) => paint(patchOf(c, labels), p)).join("");
}
