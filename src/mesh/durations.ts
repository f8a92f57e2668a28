/**
 * Durations as istiod parses them (Go's time.ParseDuration, e.g. "1m30s", "500ms").
 * Shared by the translation (xds) and lint; printing them the way Envoy does stays in xds.
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
