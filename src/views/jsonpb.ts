import type { PbFieldValue, PbMessage, PbValue } from "../envoy/protojson.js";
import { goJsonNumber, goJsonString, type OJson, OMap } from "./gojson.js";
import { collect, type Emit } from "./sink.js";

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
  return collect((emit) => writeJsonpb(m, emit, indent));
}

/** jsonpbIndent written as it is produced. */
export function writeJsonpb(m: PbMessage, emit: Emit, indent = "    "): void {
  writeMessage(m, "", indent, emit);
}

function writeMessage(m: PbMessage, at: string, I: string, emit: Emit): void {
  switch (m.kind) {
    case "delegate":
      writeField(m.value, at, I, emit);
      return;
    case "anyWkt":
      emit(`{\n${at}${I}"@type": ${goJsonString(m.typeUrl)},\n${at}${I}"value": `);
      writeMessage(m.value, at + I, I, emit);
      emit(`\n${at}}`);
      return;
    case "fields": {
      // Entries joined by ",\n" between "{\n" and "\n}" (so an empty message is "{\n\n}").
      emit("{\n");
      let first = true;
      const next = () => {
        if (!first) emit(",\n");
        first = false;
      };
      if (m.typeUrl !== undefined) {
        next();
        emit(`${at}${I}"@type": ${goJsonString(m.typeUrl)}`);
      }
      for (const [name, fv] of m.fields) {
        next();
        emit(`${at}${I}"${name}": `);
        writeField(fv, at, I, emit);
      }
      emit(`\n${at}}`);
    }
  }
}

function writeField(fv: PbFieldValue, at: string, I: string, emit: Emit): void {
  switch (fv.kind) {
    case "single":
      writeSingular(fv.value, at, I, emit);
      return;
    case "list":
      emit("[");
      fv.items.forEach((item, i) => {
        emit(`${i ? "," : ""}\n${at}${I}${I}`);
        writeSingular(item, at + I, I, emit);
      });
      emit(`\n${at}${I}]`);
      return;
    case "map":
      emit("{");
      fv.entries.forEach(([k, v], i) => {
        emit(`${i ? "," : ""}\n${at}${I}${I}${goJsonString(k)}: `);
        writeSingular(v, at + I, I, emit);
      });
      emit(`\n${at}${I}}`);
  }
}

function writeSingular(v: PbValue, at: string, I: string, emit: Emit): void {
  if (v !== null && typeof v === "object") writeMessage(v, at + I, I, emit);
  else if (v === null) emit("null");
  else if (typeof v === "string") emit(goJsonString(v));
  else if (typeof v === "number") emit(goJsonNumber(v));
  else emit(v ? "true" : "false");
}
