import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";
import { v3TypeUrl } from "./type-urls.js";

/**
 * Dump-level normalisation: the spelling of field names (`casing`) and the names of the
 * sections (`type-urls`), before resources are found in the dump.
 */

/** A field name that Envoy's snake_case never produces (an upper-case letter). */
const CAMEL = /[A-Z]/;

/** Is any field name at the section, entry or resource level camelCase? Looks at a few entries only. */
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

export type Spelled = { ok: true; dump: ConfigDump } | { ok: false; reason: string };

/**
 * SEAM (casing): the one place where a dump's field names become Envoy's snake_case. Until
 * src/envoy/casing.ts lands (its normalizeDump walks the proto schema, which is the only
 * correct way: map keys and Struct values must keep their spelling), a camelCase dump is
 * refused with a reason instead of being compared field by field against snake_case.
 * When it lands, the camelCase branch becomes `return { ok: true, dump: normalizeDump(dump) }`.
 */
export function inEnvoySpelling(dump: ConfigDump): Spelled {
  const camel = camelCaseAt(dump);
  if (camel === undefined) return { ok: true, dump };
  return {
    ok: false,
    reason: `the dump is in camelCase (field "${camel}"), as istioctl -o json prints it; gwctl diff reads Envoy's own /config_dump (snake_case)`,
  };
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
