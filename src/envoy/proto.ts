import { PROTO_MESSAGES } from "./proto-schema.js";

/**
 * The protobuf shape of the messages a config dump holds, read from the generated table in
 * proto-schema.ts: which keys are fields (and in which declaration order), which are maps
 * whose keys are data, and what type each nested object has.
 */

export type ScalarKind = "string" | "bytes" | "bool" | "num" | "i64" | "enum";

export interface FieldSchema {
  /** Proto field name, snake_case, as Envoy prints it. */
  readonly name: string;
  /** protoc's JSON name (lowerCamelCase), as Go's jsonpb prints it. */
  readonly jsonName: string;
  /** Message type (full name, no leading dot), or undefined for scalars and enums. */
  readonly message?: string;
  readonly scalar?: ScalarKind;
  /** For enums: the name of the zero value, which an unset field holds. */
  readonly enumZero?: string;
  readonly repeated: boolean;
  /** map<string, T>: keys are data, values have this field's type. */
  readonly map: boolean;
  /** Oneof member or `optional`: printed even when it holds the zero value. */
  readonly presence: boolean;
  /** Envoy's udpa `sensitive` annotation: redacted in every dump Envoy prints. */
  readonly sensitive: boolean;
}

export interface MessageSchema {
  readonly name: string;
  readonly fields: readonly FieldSchema[];
  /** A field by its snake_case or its JSON (camelCase) name. */
  readonly byKey: ReadonlyMap<string, FieldSchema>;
}

export const WKT = {
  any: "google.protobuf.Any",
  struct: "google.protobuf.Struct",
  value: "google.protobuf.Value",
  listValue: "google.protobuf.ListValue",
  duration: "google.protobuf.Duration",
  timestamp: "google.protobuf.Timestamp",
  empty: "google.protobuf.Empty",
} as const;

/** Well-known types whose JSON is not an object of their fields (jsonpb's special cases). */
const JSON_SPECIAL = new Set<string>([
  WKT.any,
  WKT.struct,
  WKT.value,
  WKT.listValue,
  WKT.duration,
  WKT.timestamp,
  "google.protobuf.BoolValue",
  "google.protobuf.BytesValue",
  "google.protobuf.StringValue",
  "google.protobuf.Int32Value",
  "google.protobuf.UInt32Value",
  "google.protobuf.FloatValue",
  "google.protobuf.Int64Value",
  "google.protobuf.UInt64Value",
  "google.protobuf.DoubleValue",
]);

/** jsonpb's list of well-known types: inside an Any they are wrapped as {"@type","value"}. */
const WELL_KNOWN = new Set<string>([...JSON_SPECIAL, WKT.empty]);

/** Types whose JSON is a bare value: no field names, nothing to rename or reorder. */
export function isJsonSpecial(typeName: string): boolean {
  return JSON_SPECIAL.has(typeName);
}

export function isWellKnown(typeName: string): boolean {
  return WELL_KNOWN.has(typeName);
}

/** protoc's default JSON name: drop each '_' and upper-case a lowercase letter after it. */
export function jsonNameOf(protoName: string): string {
  let out = "";
  for (let i = 0; i < protoName.length; i++) {
    const c = protoName[i] as string;
    if (c === "_") continue;
    out += i > 0 && protoName[i - 1] === "_" && c >= "a" && c <= "z" ? c.toUpperCase() : c;
  }
  return out;
}

function parseField(encoded: string): FieldSchema {
  const [name = "", rawType = "", flags = ""] = encoded.split(" ");
  const map = rawType.startsWith("{");
  const type = map ? rawType.slice(1) : rawType;
  const base = {
    name,
    jsonName: jsonNameOf(name),
    repeated: flags.includes("r"),
    map,
    presence: flags.includes("p"),
    sensitive: flags.includes("s"),
  };
  if (type.startsWith(".")) return { ...base, message: type.slice(1) };
  if (type.startsWith("?")) return { ...base, message: type.slice(1) };
  if (type.startsWith("e=")) return { ...base, scalar: "enum", enumZero: type.slice(2) };
  return { ...base, scalar: type as ScalarKind };
}

function buildSchemas(): ReadonlyMap<string, MessageSchema> {
  const out = new Map<string, MessageSchema>();
  for (const [name, encoded] of Object.entries(PROTO_MESSAGES)) {
    const fields = encoded === "" ? [] : encoded.split(";").map(parseField);
    const byKey = new Map<string, FieldSchema>();
    for (const f of fields) {
      byKey.set(f.name, f);
      byKey.set(f.jsonName, f);
    }
    out.set(name, { name, fields, byKey });
  }
  return out;
}

/** Built once at load and never mutated afterwards. */
const SCHEMAS: ReadonlyMap<string, MessageSchema> = buildSchemas();

export function messageSchema(typeName: string): MessageSchema | undefined {
  return SCHEMAS.get(typeName);
}

/** "type.googleapis.com/envoy.config.listener.v3.Listener" → "envoy.config.listener.v3.Listener". */
export function typeNameOfUrl(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf("/") + 1);
}
