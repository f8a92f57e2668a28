import type { Json, JsonObject } from "./types.js";

/**
 * Rewrites of a dump that usually change nothing (a snake_case dump needs no renaming, an
 * Envoy dump is already redacted) return their input where nothing changed, instead of a
 * copy. A whole-dump copy is hundreds of megabytes on a large mesh, and every view made two
 * (normalise, then redact). Callers treat dumps as immutable, so sharing is safe.
 */

/** `a` with `f` applied to each element, or `a` itself when every element came back the same. */
export function mapShared(a: readonly Json[], f: (e: Json) => Json): Json[] {
  let out: Json[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const e = a[i] as Json;
    const n = f(e);
    if (out === undefined) {
      if (n === e) continue;
      out = a.slice(0, i);
    }
    out.push(n);
  }
  return out ?? (a as Json[]);
}

/**
 * `o` rebuilt entry by entry as `out[rename(key)] = value(key, v)`, or `o` itself when no key
 * is renamed and every value came back the same. A "__proto__" key always takes the copying
 * path: assigning it sets the copy's prototype (the key disappears), which is what the
 * rewrites have always done with it.
 */
export function rebuildShared(
  o: JsonObject,
  value: (key: string, v: Json) => Json,
  rename: (key: string) => string = (k) => k,
): JsonObject {
  const keys = Object.keys(o);
  let out: JsonObject | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const v = o[key] as Json;
    const name = rename(key);
    const n = value(key, v);
    if (out === undefined) {
      if (n === v && name === key && key !== "__proto__") continue;
      out = {};
      for (let j = 0; j < i; j++) {
        const k = keys[j] as string;
        out[k] = o[k] as Json;
      }
    }
    out[name] = n;
  }
  return out ?? o;
}
