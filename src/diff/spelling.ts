import { normalizeDump } from "../envoy/casing.js";
import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";
import { v3TypeUrl } from "./type-urls.js";

/**
 * Dump-level normalisation: the spelling of field names (`casing`) and the names of the
 * sections (`type-urls`), before resources are found in the dump.
 */

/** A field name that Envoy's snake_case never produces (an upper-case letter). */
const CAMEL = /[A-Z]/;

/**
 * A camelCase field name at the section, entry or resource level, if any. It looks at the
 * first entry of each section only: a dump is written by one printer per section (one
 * captured Envoy Gateway dump has one camelCase section in a snake_case file).
 */
function camelCaseAt(dump: ConfigDump): string | undefined {
  for (const c of dump.configs) {
    for (const [k, v] of Object.entries(c)) {
      if (CAMEL.test(k)) return k;
      if (!Array.isArray(v)) continue;
      const entry = v[0];
      if (!isJsonObject(entry)) continue;
      for (const [ek, ev] of Object.entries(entry)) {
        if (CAMEL.test(ek)) return ek;
        // The resource's own top-level fields (a Cluster's, a Listener's) are never map keys.
        if (isJsonObject(ev) && typeof ev["@type"] === "string") {
          const camel = Object.keys(ev).find((rk) => CAMEL.test(rk));
          if (camel) return camel;
        }
      }
    }
  }
  return undefined;
}

/**
 * SEAM (casing): the one place where a dump's field names become Envoy's snake_case. The
 * conversion walks the proto schema (src/envoy/casing.ts), the only correct way: map keys
 * and Struct values keep their spelling. It copies the whole dump, so it runs only when a
 * field name shows the dump is camelCase (istioctl -o json, protojson); Envoy's own dumps
 * pass through untouched.
 */
export function inEnvoySpelling(dump: ConfigDump): ConfigDump {
  return camelCaseAt(dump) === undefined ? dump : normalizeDump(dump);
}

/** type-urls for the section types (envoy.admin.v2alpha.* → v3), so sections are found. */
export function v3Sections(dump: ConfigDump): ConfigDump {
  let changed = false;
  const configs = dump.configs.map((c): JsonObject => {
    const t = c["@type"];
    if (typeof t !== "string") return c;
    const v3 = v3TypeUrl(t);
    if (v3 === t) return c;
    changed = true;
    return { ...c, "@type": v3 };
  });
  return changed ? { configs } : dump;
}
