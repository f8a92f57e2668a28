import { isJsonObject, type JsonObject } from "./types.js";

/** The objects of a JSON list field (anything else reads as empty): dumps are untrusted input. */
export function objectList(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

/** The strings of a JSON list field. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
