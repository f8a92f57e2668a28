import { snakeToCamel } from "./casing.js";
import { compareBytes } from "./gostring.js";
import { type FieldSchema, isWellKnown, messageSchema, typeNameOfUrl, WKT } from "./proto.js";
import { isJsonObject, type Json, type JsonObject } from "./types.js";

/**
 * A resource as istioctl re-marshals it: istioctl parses each dump section into Go proto
 * structs and prints them with golang/protobuf's jsonpb. The result differs from Envoy's own
 * JSON in ways that matter byte for byte:
 *
 * - field names are protoc JSON names (lowerCamelCase); map keys and Struct keys are not;
 * - fields come in proto *declaration* order (Envoy prints field-number order), an Any's
 *   "@type" first, map and Struct entries sorted by key;
 * - fields holding their zero value are dropped unless they have explicit presence (oneof
 *   members, `optional`, wrapper and other message types);
 * - 64-bit integers are strings.
 *
 * The tree below keeps jsonpb's structure (which message delegates its JSON to one field)
 * because jsonpb's indented output depends on it; see views/jsonpb.ts.
 */

export type PbScalar = string | number | boolean | null;
export type PbValue = PbScalar | PbMessage;

export type PbFieldValue =
  | { readonly kind: "single"; readonly value: PbValue }
  | { readonly kind: "list"; readonly items: readonly PbValue[] }
  | { readonly kind: "map"; readonly entries: readonly (readonly [string, PbValue])[] };

export type PbMessage =
  /** An ordinary message; `typeUrl` when it is the content of an Any. */
  | {
      readonly kind: "fields";
      readonly typeUrl?: string;
      readonly fields: readonly (readonly [string, PbFieldValue])[];
    }
  /** Struct, ListValue, Value, wrappers, Duration, Timestamp: JSON is one field's value. */
  | { readonly kind: "delegate"; readonly value: PbFieldValue }
  /** An Any holding a well-known type: {"@type": …, "value": …}. */
  | { readonly kind: "anyWkt"; readonly typeUrl: string; readonly value: PbMessage };

/**
 * `value` (snake_case or camelCase keys) as a message of type `typeName`, the jsonpb way. A
 * resource taken out of its Any keeps its "@type" key; as a bare message it prints none.
 */
export function toPbMessage(value: JsonObject, typeName: string): PbMessage {
  if (typeName === WKT.any) return anyMessage(value);
  const special = specialMessage(value, typeName);
  if (special) return special;
  return fieldsMessage(value, typeName);
}

function fieldsMessage(value: JsonObject, typeName: string): PbMessage {
  const schema = messageSchema(typeName);
  if (!schema) return untypedMessage(value, undefined);
  const fields: [string, PbFieldValue][] = [];
  const used = new Set<string>();
  for (const field of schema.fields) {
    const key = field.name in value ? field.name : field.jsonName in value ? field.jsonName : undefined;
    if (key === undefined) continue;
    used.add(key);
    const fv = fieldValue(value[key] as Json, field);
    if (fv) fields.push([field.jsonName, fv]);
  }
  // Fields this schema does not know (newer or older than it) are kept, after the known ones.
  for (const [key, v] of Object.entries(value)) {
    if (!used.has(key) && !schema.byKey.has(key) && key !== "@type")
      fields.push([snakeToCamel(key), untypedField(v)]);
  }
  return { kind: "fields", fields };
}

function fieldValue(v: Json, field: FieldSchema): PbFieldValue | undefined {
  if (v === null) return undefined;
  if (field.map) {
    if (!isJsonObject(v)) return undefined;
    const keys = Object.keys(v).sort(compareBytes);
    if (keys.length === 0) return undefined;
    return { kind: "map", entries: keys.map((k) => [k, singular(v[k] as Json, field)] as const) };
  }
  if (field.repeated) {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    return { kind: "list", items: v.map((e) => singular(e, field)) };
  }
  if (!field.message && !field.presence && isZero(v, field)) return undefined;
  return { kind: "single", value: singular(v, field) };
}

function singular(v: Json, field: FieldSchema): PbValue {
  if (field.message) {
    if (field.message === WKT.any) return isJsonObject(v) ? anyMessage(v) : untyped(v);
    const special = specialMessage(v, field.message);
    if (special) return special;
    return isJsonObject(v) ? fieldsMessage(v, field.message) : untyped(v);
  }
  if (field.scalar === "i64" && typeof v === "number") return String(v);
  return untyped(v);
}

function isZero(v: Json, field: FieldSchema): boolean {
  switch (field.scalar) {
    case "string":
    case "bytes":
      return v === "";
    case "bool":
      return v === false;
    case "num":
      return v === 0 || v === "0";
    case "i64":
      return v === 0 || v === "0";
    case "enum":
      return v === 0 || v === field.enumZero;
    default:
      return false;
  }
}

function anyMessage(value: JsonObject): PbMessage {
  const url = value["@type"];
  if (typeof url !== "string") return untypedMessage(value, undefined);
  const inner = typeNameOfUrl(url);
  if (isWellKnown(inner)) {
    const payload = value.value ?? null;
    return {
      kind: "anyWkt",
      typeUrl: url,
      value: specialMessage(payload, inner) ?? { kind: "fields", fields: [] },
    };
  }
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (k !== "@type") rest[k] = v;
  const schema = messageSchema(inner);
  if (!schema) return untypedMessage(rest, url);
  const msg = toPbMessage(rest, inner);
  return msg.kind === "fields" ? { ...msg, typeUrl: url } : msg;
}

/**
 * jsonpb's special cases: messages whose JSON is a bare value, not an object of fields.
 * `json` is that value as the dump holds it (an object for Struct, a string for Duration, …).
 */
function specialMessage(json: Json, typeName: string): PbMessage | undefined {
  switch (typeName) {
    case WKT.struct:
      return { kind: "delegate", value: structEntries(isJsonObject(json) ? json : {}) };
    case WKT.listValue:
      return { kind: "delegate", value: listItems(json) };
    case WKT.value:
      return protoValue(json);
    case WKT.empty:
      return { kind: "fields", fields: [] };
    case WKT.duration:
    case WKT.timestamp:
    case "google.protobuf.BoolValue":
    case "google.protobuf.BytesValue":
    case "google.protobuf.StringValue":
    case "google.protobuf.Int32Value":
    case "google.protobuf.UInt32Value":
    case "google.protobuf.FloatValue":
    case "google.protobuf.DoubleValue":
      return { kind: "delegate", value: { kind: "single", value: untyped(json) } };
    case "google.protobuf.Int64Value":
    case "google.protobuf.UInt64Value":
      return {
        kind: "delegate",
        value: { kind: "single", value: typeof json === "number" ? String(json) : untyped(json) },
      };
    default:
      return undefined;
  }
}

function structEntries(obj: JsonObject): PbFieldValue {
  const keys = Object.keys(obj).sort(compareBytes);
  return { kind: "map", entries: keys.map((k) => [k, protoValue(obj[k] as Json)] as const) };
}

function listItems(v: Json | undefined): PbFieldValue {
  return { kind: "list", items: Array.isArray(v) ? v.map(protoValue) : [] };
}

/** A JSON value as a google.protobuf.Value message. */
function protoValue(v: Json): PbMessage {
  if (Array.isArray(v))
    return { kind: "delegate", value: { kind: "single", value: { kind: "delegate", value: listItems(v) } } };
  if (isJsonObject(v))
    return {
      kind: "delegate",
      value: { kind: "single", value: { kind: "delegate", value: structEntries(v) } },
    };
  return { kind: "delegate", value: { kind: "single", value: v } };
}

/** Content with no schema keeps its order; keys are field names, so they are camelCased. */
function untypedMessage(value: JsonObject, typeUrl: string | undefined): PbMessage {
  const fields = Object.entries(value)
    .filter(([k]) => k !== "@type")
    .map(([k, v]) => [snakeToCamel(k), untypedField(v)] as const);
  return typeUrl === undefined ? { kind: "fields", fields } : { kind: "fields", typeUrl, fields };
}

function untypedField(v: Json): PbFieldValue {
  return Array.isArray(v) ? { kind: "list", items: v.map(untyped) } : { kind: "single", value: untyped(v) };
}

function untyped(v: Json): PbValue {
  if (Array.isArray(v)) return { kind: "delegate", value: { kind: "list", items: v.map(untyped) } };
  if (isJsonObject(v)) return "@type" in v ? anyMessage(v) : untypedMessage(v, undefined);
  return v;
}
