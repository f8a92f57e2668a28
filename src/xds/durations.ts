import { parseGoDuration } from "../mesh/durations.js";

/** Durations as Envoy prints protobuf Durations in JSON ("90s", "0.500s"). */

export { parseGoDuration };

/** Protobuf JSON form of a duration: whole seconds, or 3, 6 or 9 fractional digits. */
export function formatProtoDuration(nanos: number): string {
  const seconds = Math.trunc(nanos / 1e9);
  const frac = nanos - seconds * 1e9;
  if (frac === 0) return `${seconds}s`;
  let digits = String(frac).padStart(9, "0");
  if (digits.endsWith("000000")) digits = digits.slice(0, 3);
  else if (digits.endsWith("000")) digits = digits.slice(0, 6);
  return `${seconds}.${digits}s`;
}

/** A Go duration string as Envoy would print it; unparsable input is returned unchanged. */
export function protoDuration(text: string): string {
  const n = parseGoDuration(text);
  return n === undefined ? text : formatProtoDuration(n);
}
