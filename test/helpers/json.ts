import type { JsonObject } from "../../src/envoy/types.js";

/** Walk a path through JSON; throws (failing the test) with the path when a step is missing. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  const seen: (string | number)[] = [];
  for (const p of path) {
    seen.push(p);
    if (cur === null || typeof cur !== "object" || !(p in (cur as object))) {
      throw new Error(`no ${seen.join(".")} in ${JSON.stringify(value).slice(0, 200)}`);
    }
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export function obj(value: unknown, ...path: (string | number)[]): JsonObject {
  return dig(value, ...path) as JsonObject;
}
