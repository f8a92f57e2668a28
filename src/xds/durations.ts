/**
 * Durations as istiod parses them (Go's time.ParseDuration, e.g. "1m30s", "500ms") and as
 * Envoy prints protobuf Durations in JSON ("90s", "0.500s").
 */
const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Nanoseconds of a Go duration string, or undefined if it does not parse. */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    matched = re.lastIndex;
  }
  if (matched !== s.length || matched === 0) return undefined;
  return Math.round(total);
}

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
