import { isJsonSpecial, jsonNameOf, type MessageSchema, messageSchema, typeNameOfUrl, WKT } from "./proto.js";
import { mapShared, rebuildShared } from "./sharing.js";
import { type ConfigDump, isJsonObject, type Json, type JsonObject } from "./types.js";

/**
 * Field-name casing. Envoy prints proto field names (snake_case); Go's protojson and jsonpb,
 * and so istioctl's per-type `-o json`, print protoc's JSON names (lowerCamelCase). A dump
 * can arrive in either spelling, or in both (one captured Envoy Gateway dump has a camelCase
 * EndpointsConfigDump inside an otherwise snake_case file).
 *
 * Only field names change. Map keys (filter_metadata, typed_extension_protocol_options, …)
 * and the contents of google.protobuf.Struct (node metadata, TypedStruct values) are data
 * and keep their spelling, which is why the renaming walks the proto schema instead of
 * rewriting every key it sees.
 */

export function snakeToCamel(name: string): string {
  return jsonNameOf(name);
}

/** The inverse for names without a schema: "portValue" → "port_value", "http2Options" → "http2_options". */
export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * `value` (a message of type `typeName`) with every field name in snake_case: a copy where a
 * name changes, the very same objects where none does (sharing.ts).
 */
export function toSnakeCase(value: Json, typeName: string): Json {
  if (Array.isArray(value)) return mapShared(value, (v) => toSnakeCase(v, typeName));
  if (!isJsonObject(value)) return value;
  if (typeName === WKT.any) return anyToSnake(value);
  if (isJsonSpecial(typeName)) return value;
  const schema = messageSchema(typeName);
  if (!schema) return value;
  return fieldsToSnake(value, schema);
}

function fieldsToSnake(value: JsonObject, schema: MessageSchema): JsonObject {
  return rebuildShared(
    value,
    (key, v) => {
      const field = schema.byKey.get(key);
      if (!field?.message) return v;
      const type = field.message;
      if (field.map && isJsonObject(v)) return rebuildShared(v, (_, e) => toSnakeCase(e, type));
      return toSnakeCase(v, type);
    },
    (key) => schema.byKey.get(key)?.name ?? key,
  );
}

function anyToSnake(value: JsonObject): JsonObject {
  const url = value["@type"];
  if (typeof url !== "string") return value;
  const inner = typeNameOfUrl(url);
  if (isJsonSpecial(inner)) return value;
  // With "@type" already first (and no "__proto__" key, which the copy below drops),
  // renaming the Any's own fields gives what the copy gives, and shares what is unchanged.
  if (firstKey(value) === "@type" && !Object.hasOwn(value, "__proto__")) {
    const schema = messageSchema(inner);
    return schema ? fieldsToSnake(value, schema) : value;
  }
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (k !== "@type") rest[k] = v;
  const converted = toSnakeCase(rest, inner);
  return { "@type": url, ...(isJsonObject(converted) ? converted : {}) };
}

function firstKey(o: JsonObject): string | undefined {
  for (const k in o) return k;
  return undefined;
}

/** The whole dump in Envoy's own spelling, whichever spelling it came in. */
export function normalizeDump(dump: ConfigDump): ConfigDump {
  const converted = toSnakeCase(dump as unknown as JsonObject, "envoy.admin.v3.ConfigDump");
  const configs = isJsonObject(converted) ? converted.configs : undefined;
  return { configs: Array.isArray(configs) ? configs.filter(isJsonObject) : [] };
}
