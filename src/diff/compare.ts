import { isJsonObject, type Json, type JsonObject } from "../envoy/types.js";
import { alignByPosition, type ElementKey, isSet, isUnordered, keyLists } from "./align.js";
import type { Difference, Segment } from "./types.js";

/**
 * The path-level deep comparison of two normalised resources. One walk over both values at
 * once: an equal subtree costs one visit and allocates nothing, so comparing a dump with
 * itself costs about one traversal.
 */

function hasOwn(o: JsonObject, k: string): boolean {
  return Object.hasOwn(o, k);
}

function keyCount(o: JsonObject): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] as Json, b[i] as Json)) return false;
    return true;
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b) || keyCount(a) !== keyCount(b)) return false;
    for (const k in a) if (!hasOwn(b, k) || !jsonEqual(a[k] as Json, b[k] as Json)) return false;
    return true;
  }
  return false;
}

function isPrimitive(v: Json): boolean {
  return v === null || typeof v !== "object";
}

/** Two lists of strings or numbers holding the same members, each as often. */
function sameMembers(a: readonly Json[], b: readonly Json[]): boolean {
  if (a.length !== b.length) return false;
  const counts = new Map<Json, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const y of b) {
    const n = counts.get(y);
    if (!n) return false;
    counts.set(y, n - 1);
  }
  return true;
}

/**
 * Where a comparison is. The path is a stack of raw steps (a field name, a position, or an
 * element key) turned into Segments only when a difference is recorded, so walking equal
 * values allocates nothing.
 */
type Step = string | number | { readonly label: string; readonly value: string };

interface At {
  readonly path: Step[];
  readonly out: Difference[];
  readonly equivalent: (field: string | undefined, a: Json, b: Json) => boolean;
}

function segment(s: Step): Segment {
  if (typeof s === "string") return { kind: "field", name: s };
  if (typeof s === "number") return { kind: "index", index: s };
  return { kind: "key", label: s.label, value: s.value };
}

function record(at: At, d: Omit<Difference, "path">, last?: Step): void {
  const path = at.path.map(segment);
  if (last !== undefined) path.push(segment(last));
  at.out.push({ ...d, path });
}

export interface CompareOptions {
  /**
   * Two different scalar values that mean the same (a v2 and a v3 type URL). Asked only
   * where values differ, so it costs nothing on equal resources.
   */
  readonly equivalent?: (field: string | undefined, a: Json, b: Json) => boolean;
}

/** Every difference between two normalised resources, in the expected side's field order. */
export function compareResources(expected: Json, actual: Json, o: CompareOptions = {}): Difference[] {
  const at: At = {
    path: [],
    out: [],
    equivalent: o.equivalent ?? (() => false),
  };
  walk(expected, actual, undefined, undefined, at);
  return at.out;
}

function walk(a: Json, b: Json, field: string | undefined, parentField: string | undefined, at: At): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    compareLists(a, b, field, parentField, at);
    return;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const k in a) {
      if (!hasOwn(b, k)) {
        record(at, { kind: "removed", expected: a[k] as Json }, k);
        continue;
      }
      at.path.push(k);
      walk(a[k] as Json, b[k] as Json, k, field, at);
      at.path.pop();
    }
    for (const k in b) {
      if (!hasOwn(a, k)) record(at, { kind: "added", actual: b[k] as Json }, k);
    }
    return;
  }
  if (at.equivalent(field, a, b)) return;
  record(at, { kind: "changed", expected: a, actual: b });
}

/** Same length and equal element by element: nothing to align (the common case). */
function sameList(a: readonly Json[], b: readonly Json[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] as Json, b[i] as Json)) return false;
  return true;
}

function compareLists(
  a: readonly Json[],
  b: readonly Json[],
  field: string | undefined,
  parentField: string | undefined,
  at: At,
): void {
  if (sameList(a, b)) return;
  if (isSet(parentField, field) && a.every(isPrimitive) && b.every(isPrimitive)) {
    if (!sameMembers(a, b)) record(at, { kind: "changed", expected: a as Json, actual: b as Json });
    return;
  }
  const keyed = keyLists(field, a, b);
  if (keyed) {
    compareKeyed(a, b, keyed[0], keyed[1], field, parentField, at);
    return;
  }
  // Without keys: align by position. Elements are children of the list's field, so their
  // own fields see the list's field as their parent (filter_chain_match.server_names).
  const steps = alignByPosition(a, b, jsonEqual, (x) => JSON.stringify(x));
  for (const s of steps) {
    switch (s.kind) {
      case "same":
        break;
      case "pair":
        at.path.push(s.i);
        walk(a[s.i] as Json, b[s.j] as Json, field, parentField, at);
        at.path.pop();
        break;
      case "removed":
        record(at, { kind: "removed", expected: a[s.i] as Json }, s.i);
        break;
      case "added":
        record(at, { kind: "added", actual: b[s.j] as Json }, s.j);
        break;
    }
  }
}

function compareKeyed(
  a: readonly Json[],
  b: readonly Json[],
  ka: readonly ElementKey[],
  kb: readonly ElementKey[],
  field: string | undefined,
  parentField: string | undefined,
  at: At,
): void {
  const inB = new Map<string, number>(kb.map((k, j) => [k.value, j]));
  const inA = new Set(ka.map((k) => k.value));
  ka.forEach((k, i) => {
    const j = inB.get(k.value);
    if (j === undefined) {
      record(at, { kind: "removed", expected: a[i] as Json }, k);
      return;
    }
    at.path.push(k);
    walk(a[i] as Json, b[j] as Json, field, parentField, at);
    at.path.pop();
  });
  kb.forEach((k, j) => {
    if (!inA.has(k.value)) record(at, { kind: "added", actual: b[j] as Json }, k);
  });
  if (isUnordered(field)) return;
  // Order matters here (filters run in sequence, routes match first-wins): compare the order
  // of the elements both sides have, and report it once with both whole orders.
  const commonA = ka.filter((k) => inB.has(k.value)).map((k) => k.value);
  const commonB = kb.filter((k) => inA.has(k.value)).map((k) => k.value);
  if (commonA.some((v, i) => v !== commonB[i])) {
    record(at, { kind: "order", expected: ka.map((k) => k.value), actual: kb.map((k) => k.value) });
  }
}
