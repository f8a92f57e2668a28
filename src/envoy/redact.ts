import { type FieldSchema, isJsonSpecial, messageSchema, typeNameOfUrl, WKT } from "./proto.js";
import { mapShared, rebuildShared } from "./sharing.js";
import { type ConfigDump, isJsonObject, type Json, type JsonObject } from "./types.js";

/**
 * Envoy never prints secrets: fields annotated `udpa.annotations.sensitive` come out of
 * /config_dump as "[redacted]". A dump from another source (a simulated one, a hand-edited
 * file, an older tool) may still hold key material, so every output path redacts again.
 *
 * - A sensitive DataSource (TlsCertificate.private_key, password, …) becomes exactly what
 *   Envoy shows for an SDS key, `{"inline_bytes": "W3JlZGFjdGVkXQ=="}` (base64 of
 *   "[redacted]"), whatever it held: a filename or an inline_string can carry a key too.
 * - Other sensitive fields get Envoy's own rule: strings "[redacted]", bytes its base64.
 * - Where the schema does not reach (unknown extension types), a key named private_key,
 *   privateKey or password is redacted anyway.
 */

export const REDACTED = "[redacted]";
export const REDACTED_BYTES = Buffer.from(REDACTED).toString("base64");

const DATA_SOURCE = "envoy.config.core.v3.DataSource";
const SENSITIVE_NAMES = new Set(["private_key", "privateKey", "password"]);

/** The dump (in snake_case, see normalizeDump) with every sensitive value replaced. */
export function redactDump(dump: ConfigDump): ConfigDump {
  return { configs: dump.configs.map((c) => redactMessage(c, WKT.any) as JsonObject) };
}

/**
 * `value`, a message of type `typeName`, with its sensitive values replaced: a copy along the
 * paths to what was replaced, the very same objects elsewhere (sharing.ts).
 */
export function redactMessage(value: Json, typeName: string): Json {
  if (Array.isArray(value)) return mapShared(value, (v) => redactMessage(v, typeName));
  if (!isJsonObject(value)) return value;
  if (typeName === WKT.any) {
    const url = value["@type"];
    return typeof url === "string" ? redactMessage(value, typeNameOfUrl(url)) : redactByName(value);
  }
  const schema = isJsonSpecial(typeName) ? undefined : messageSchema(typeName);
  if (!schema) return redactByName(value);
  return rebuildShared(value, (key, v) => {
    const field = schema.byKey.get(key);
    if (field) return redactField(v, field);
    // What redactByName({ [key]: v })[key] gives, without a one-key object per Any's "@type";
    // "__proto__" keeps that expression, whose oddities the output has always had.
    return (key === "__proto__" ? redactByName({ [key]: v })[key] : redactNamed(key, v)) ?? null;
  });
}

function redactField(v: Json, field: FieldSchema): Json {
  if (field.sensitive) {
    if (field.message === DATA_SOURCE) return eachValue(v, field, () => ({ inline_bytes: REDACTED_BYTES }));
    return eachValue(v, field, (e) => redactAll(e, { ...field, repeated: false, map: false }));
  }
  if (!field.message) return v;
  const type = field.message;
  return eachValue(v, field, (e) => redactMessage(e, type));
}

/** Applies `f` to a field's value, to each element of a repeated field, or each map value. */
function eachValue(v: Json, field: FieldSchema, f: (e: Json) => Json): Json {
  if (field.repeated && Array.isArray(v)) return mapShared(v, f);
  if (field.map && isJsonObject(v)) return rebuildShared(v, (_, e) => f(e));
  return f(v);
}

/**
 * Envoy's rule under a sensitive ancestor: strings become "[redacted]", bytes its base64, and
 * other scalars are cleared.
 */
function redactAll(v: Json, field: FieldSchema): Json {
  if (!field.message) {
    if (typeof v === "string") return field.scalar === "bytes" ? REDACTED_BYTES : REDACTED;
    return Array.isArray(v) ? v.map((e) => redactAll(e, field)) : null;
  }
  if (Array.isArray(v)) return v.map((e) => redactAll(e, field));
  if (!isJsonObject(v)) return v;
  const typeName =
    field.message === WKT.any && typeof v["@type"] === "string" ? typeNameOfUrl(v["@type"]) : field.message;
  const schema = messageSchema(typeName);
  const out: JsonObject = {};
  for (const [k, e] of Object.entries(v)) {
    if (k === "@type") {
      out[k] = e;
      continue;
    }
    const sub = schema?.byKey.get(k);
    const redacted = sub ? redactAll(e, sub) : redactLeaves(e);
    if (redacted !== null) out[k] = redacted;
  }
  return out;
}

function redactLeaves(v: Json): Json {
  if (typeof v === "string") return REDACTED;
  if (Array.isArray(v)) return v.map(redactLeaves);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, e] of Object.entries(v)) out[k] = redactLeaves(e);
  return out;
}

function redactByName(value: JsonObject): JsonObject {
  return rebuildShared(value, redactNamed);
}

/** One entry of an object the schema does not reach: redacted by its key's name. */
function redactNamed(key: string, v: Json): Json {
  if (SENSITIVE_NAMES.has(key)) return isJsonObject(v) ? { inline_bytes: REDACTED_BYTES } : REDACTED;
  if (Array.isArray(v)) return mapShared(v, (e) => (isJsonObject(e) ? redactByName(e) : e));
  return isJsonObject(v) ? redactByName(v) : v;
}
