import type { PbFieldValue, PbMessage, PbValue } from "../envoy/protojson.js";
import { goJsonNumber, goJsonString, type OJson, OMap } from "./gojson.js";

/**
 * Printing a PbMessage the two ways istioctl does.
 *
 * Per-type `-o json` (listeners, routes, clusters, endpoints) marshals each message compactly
 * with jsonpb and lets encoding/json re-indent the array: that is `toOJson` + goMarshalIndent.
 *
 * `pc bootstrap -o json` and `pc secret -o json` print jsonpb's own indented output, which has
 * a quirk the goldens keep: a Struct (or ListValue) delegates to its map (list) field
 * without closing the indentation level it opened, so its entries sit one level too deep and
 * its closing brace half a level off (see bootstrapdump.json's node metadata).
 */

export function toOJson(m: PbMessage): OJson {
  switch (m.kind) {
    case "fields": {
      const entries: (readonly [string, OJson])[] = m.typeUrl === undefined ? [] : [["@type", m.typeUrl]];
      for (const [name, fv] of m.fields) entries.push([name, fieldToOJson(fv)]);
      return new OMap(entries);
    }
    case "delegate":
      return fieldToOJson(m.value);
    case "anyWkt":
      return new OMap([
        ["@type", m.typeUrl],
        ["value", toOJson(m.value)],
      ]);
  }
}

function fieldToOJson(fv: PbFieldValue): OJson {
  switch (fv.kind) {
    case "single":
      return valueToOJson(fv.value);
    case "list":
      return fv.items.map(valueToOJson);
    case "map":
      return new OMap(fv.entries.map(([k, v]) => [k, valueToOJson(v)] as const));
  }
}

function valueToOJson(v: PbValue): OJson {
  return v !== null && typeof v === "object" ? toOJson(v) : v;
}

/** jsonpb.Marshaler{Indent: indent}.MarshalToString(m). */
export function jsonpbIndent(m: PbMessage, indent = "    "): string {
  const out: string[] = [];
  writeMessage(m, "", indent, out);
  return out.join("");
}

function writeMessage(m: PbMessage, at: string, I: string, out: string[]): void {
  switch (m.kind) {
    case "delegate":
      writeField(m.value, at, I, out);
      return;
    case "anyWkt":
      out.push(`{\n${at}${I}"@type": ${goJsonString(m.typeUrl)},\n${at}${I}"value": `);
      writeMessage(m.value, at + I, I, out);
      out.push(`\n${at}}`);
      return;
    case "fields": {
      out.push("{\n");
      const parts: string[] = [];
      if (m.typeUrl !== undefined) parts.push(`${at}${I}"@type": ${goJsonString(m.typeUrl)}`);
      for (const [name, fv] of m.fields) {
        const sub: string[] = [`${at}${I}"${name}": `];
        writeField(fv, at, I, sub);
        parts.push(sub.join(""));
      }
      out.push(parts.join(",\n"), `\n${at}}`);
    }
  }
}

function writeField(fv: PbFieldValue, at: string, I: string, out: string[]): void {
  switch (fv.kind) {
    case "single":
      writeSingular(fv.value, at, I, out);
      return;
    case "list":
      out.push("[");
      fv.items.forEach((item, i) => {
        out.push(`${i ? "," : ""}\n${at}${I}${I}`);
        writeSingular(item, at + I, I, out);
      });
      out.push(`\n${at}${I}]`);
      return;
    case "map":
      out.push("{");
      fv.entries.forEach(([k, v], i) => {
        out.push(`${i ? "," : ""}\n${at}${I}${I}${goJsonString(k)}: `);
        writeSingular(v, at + I, I, out);
      });
      out.push(`\n${at}${I}}`);
  }
}

function writeSingular(v: PbValue, at: string, I: string, out: string[]): void {
  if (v !== null && typeof v === "object") writeMessage(v, at + I, I, out);
  else if (v === null) out.push("null");
  else if (typeof v === "string") out.push(goJsonString(v));
  else if (typeof v === "number") out.push(goJsonNumber(v));
  else out.push(v ? "true" : "false");
}
