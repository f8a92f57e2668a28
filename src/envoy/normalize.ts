import type { Json } from "./types.js";

/**
 * Envoy prints proto field names (snake_case); istioctl's per-type `-o json` and protobuf's
 * JSON printer use lowerCamelCase. Both spellings come in; snake_case goes on.
 * Keys that are names rather than fields (`envoy.filters.http.fault`, `@type`) are kept.
 */
export function snakeCaseKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(snakeCaseKeys);
  if (v === null || typeof v !== "object") return v;
  const out: { [key: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    const key = /^[a-z][A-Za-z0-9]*$/.test(k) ? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : k;
    out[key] = snakeCaseKeys(x);
  }
  return out;
}
