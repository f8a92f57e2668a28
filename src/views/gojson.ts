import { isJsonObject, type Json } from "../envoy/types.js";
import { collect, type Emit } from "./sink.js";

/**
 * JSON as Go's encoding/json writes it, for istioctl's `json.MarshalIndent(x, "", "    ")`.
 * Values keep an explicit key order (OMap): JavaScript objects would move integer-like keys
 * to the front, and protobuf's order is the whole point.
 */

export type OJson = null | boolean | number | string | readonly OJson[] | OMap;

export class OMap {
  constructor(readonly entries: readonly (readonly [string, OJson])[]) {}
}

/** A parsed JSON value with its keys in the order it was parsed. */
export function fromJson(v: Json): OJson {
  if (Array.isArray(v)) return v.map(fromJson);
  if (isJsonObject(v)) return new OMap(Object.entries(v).map(([k, e]) => [k, fromJson(e)] as const));
  return v;
}

/**
 * Go's json.Marshal string escaping: besides '"', '\\' and control characters, it escapes
 * '<', '>' and '&' (HTML safety) and U+2028/U+2029, and writes \u00XX in lowercase hex.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      default:
        if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
          out += `\\u${c.toString(16).padStart(4, "0")}`;
        } else if (c >= 0xd800 && c <= 0xdfff) {
          out += "\\ufffd"; // a lone surrogate is invalid UTF-8 for Go
        } else {
          out += ch;
        }
    }
  }
  return `${out}"`;
}

/**
 * Go's float formatting for JSON ('f' between 1e-6 and 1e21, else 'e' with a two-digit
 * minimum exponent trimmed) agrees with JavaScript's Number#toString for every finite value.
 */
export function goJsonNumber(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

function scalar(v: null | boolean | number | string): string {
  if (v === null) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number") return goJsonNumber(v);
  return v ? "true" : "false";
}

/** json.MarshalIndent(v, "", indent): one entry per line, "key": value, empty {} and []. */
export function goMarshalIndent(v: OJson, indent = "    "): string {
  return collect((emit) => writeGoJson(v, emit, indent));
}

/** goMarshalIndent written as it is produced; `prefix` is the indentation `v` starts at. */
export function writeGoJson(v: OJson, emit: Emit, indent = "    ", prefix = ""): void {
  if (v instanceof OMap) {
    if (v.entries.length === 0) {
      emit("{}");
      return;
    }
    emit("{");
    v.entries.forEach(([k, e], i) => {
      emit(`${i ? "," : ""}\n${prefix}${indent}${goJsonString(k)}: `);
      writeGoJson(e, emit, indent, prefix + indent);
    });
    emit(`\n${prefix}}`);
  } else if (Array.isArray(v)) {
    writeGoJsonList(v, (x) => x, emit, indent, prefix);
  } else {
    emit(scalar(v as null | boolean | number | string));
  }
}

/**
 * A JSON array of items converted one at a time as they are written: what
 * writeGoJson(items.map(convert)) prints, without holding every converted item at once.
 */
export function writeGoJsonList<T>(
  items: readonly T[],
  convert: (item: T) => OJson,
  emit: Emit,
  indent = "    ",
  prefix = "",
): void {
  if (items.length === 0) {
    emit("[]");
    return;
  }
  emit("[");
  items.forEach((item, i) => {
    emit(`${i ? "," : ""}\n${prefix}${indent}`);
    writeGoJson(convert(item), emit, indent, prefix + indent);
  });
  emit(`\n${prefix}]`);
}
