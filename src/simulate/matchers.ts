import { isJsonObject, type JsonObject } from "../envoy/types.js";
import { fullMatch } from "./regex.js";

/**
 * Envoy's StringMatcher, HeaderMatcher and QueryParameterMatcher (common/matchers.cc,
 * http/header_utility.cc, router/config_utility.cc), re-implemented over plain values.
 * Every matcher answers with a sentence saying why, so a trace can show the route that
 * almost matched.
 */

export interface Header {
  /** Lower case, as Envoy stores header names; pseudo-headers keep their colon. */
  readonly name: string;
  readonly value: string;
}

export interface MatchOutcome {
  readonly matched: boolean;
  /** Why, in words ("header x-canary is absent"). */
  readonly why: string;
  /** A configuration Envoy would have rejected (a bad regex), when there is one. */
  readonly error?: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** StringMatcher: exact, prefix, suffix, contains (each optionally ignore_case) or safe_regex. */
export function matchString(m: JsonObject, value: string): MatchOutcome {
  const ignoreCase = m.ignore_case === true;
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const v = fold(value);
  const show = JSON.stringify(value);
  const kinds: [string, (p: string) => boolean][] = [
    ["exact", (p) => v === fold(p)],
    ["prefix", (p) => v.startsWith(fold(p))],
    ["suffix", (p) => v.endsWith(fold(p))],
    ["contains", (p) => v.includes(fold(p))],
  ];
  for (const [kind, test] of kinds) {
    const p = str(m[kind]);
    if (p === undefined) continue;
    const ok = test(p);
    return {
      matched: ok,
      why: `${show} ${ok ? "matches" : "does not match"} ${kind} ${JSON.stringify(p)}${ignoreCase ? " (ignoring case)" : ""}`,
    };
  }
  const re = isJsonObject(m.safe_regex) ? str(m.safe_regex.regex) : undefined;
  if (re !== undefined) {
    // ignore_case has no effect on safe_regex in Envoy: the regex carries its own flags.
    const r = fullMatch(re, value);
    if (!r.ok) return { matched: false, why: r.error, error: r.error };
    return {
      matched: r.value,
      why: `${show} ${r.value ? "matches" : "does not match"} regex ${JSON.stringify(re)}`,
    };
  }
  return {
    matched: false,
    why: "empty string matcher (Envoy rejects it)",
    error: "StringMatcher with no pattern",
  };
}

/** All values of a header joined with "," (HeaderUtility::getAllOfHeaderAsString), or undefined. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter((h) => h.name === lower).map((h) => h.value);
  return values.length === 0 ? undefined : values.join(",");
}

/** One HeaderMatcher against the request headers. */
export function matchHeader(m: JsonObject, headers: readonly Header[]): MatchOutcome {
  const name = str(m.name) ?? "";
  const invert = m.invert_match === true;
  let value = headerValue(headers, name);
  const presentKind = m.present_match !== undefined || !hasSpecifier(m);
  const present = m.present_match === undefined ? true : m.present_match === true;
  if (value === undefined) {
    if (m.treat_missing_header_as_empty === true) value = "";
    else {
      // A missing header matches only "present_match: false", or an inverted "present_match: true".
      const ok = presentKind && (invert ? present : !present);
      return { matched: ok, why: `header ${name} is absent` };
    }
  }
  const inner = specifierMatch(m, value, present);
  const matched = inner.matched !== invert;
  const why = invert ? `${inner.why}, and the match is inverted` : inner.why;
  return inner.error ? { matched: false, why, error: inner.error } : { matched, why };
}

function hasSpecifier(m: JsonObject): boolean {
  return [
    "exact_match",
    "safe_regex_match",
    "range_match",
    "present_match",
    "prefix_match",
    "suffix_match",
    "contains_match",
    "string_match",
  ].some((k) => m[k] !== undefined);
}

function specifierMatch(m: JsonObject, value: string, present: boolean): MatchOutcome {
  const name = str(m.name) ?? "";
  if (isJsonObject(m.string_match)) {
    const r = matchString(m.string_match, value);
    return { ...r, why: `header ${name}: ${r.why}` };
  }
  const legacy: [string, string][] = [
    ["exact_match", "exact"],
    ["prefix_match", "prefix"],
    ["suffix_match", "suffix"],
    ["contains_match", "contains"],
  ];
  for (const [field, kind] of legacy) {
    const p = str(m[field]);
    if (p === undefined) continue;
    // The deprecated exact_match with an empty value matches any value (header_utility.cc).
    if (field === "exact_match" && p === "") return { matched: true, why: `header ${name} is present` };
    const r = matchString({ [kind]: p }, value);
    return { ...r, why: `header ${name}: ${r.why}` };
  }
  if (isJsonObject(m.safe_regex_match)) {
    const r = matchString({ safe_regex: m.safe_regex_match }, value);
    return { ...r, why: `header ${name}: ${r.why}` };
  }
  if (isJsonObject(m.range_match)) {
    const start = Number(m.range_match.start ?? 0);
    const end = Number(m.range_match.end ?? 0);
    const n = /^[-+]?\d+$/.test(value) ? Number(value) : Number.NaN;
    const ok = Number.isFinite(n) && n >= start && n < end;
    return {
      matched: ok,
      why: `header ${name}: ${JSON.stringify(value)} ${ok ? "is" : "is not"} in [${start}, ${end})`,
    };
  }
  return { matched: present, why: `header ${name} is present` };
}

/** Parse the query string of a path into name → first value (not URL-decoded, as Envoy's route matching). */
export function queryParams(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = path.indexOf("?");
  if (q === -1) return out;
  const end = path.indexOf("#", q);
  const query = path.slice(q + 1, end === -1 ? undefined : end);
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? "" : part.slice(eq + 1);
    if (!out.has(k)) out.set(k, v);
  }
  return out;
}

/** QueryParameterMatcher: the parameter must be present; then present_match or string_match. */
export function matchQueryParameter(m: JsonObject, params: ReadonlyMap<string, string>): MatchOutcome {
  const name = str(m.name) ?? "";
  const value = params.get(name);
  if (value === undefined) return { matched: false, why: `query parameter ${name} is absent` };
  if (isJsonObject(m.string_match)) {
    const r = matchString(m.string_match, value);
    return { ...r, why: `query parameter ${name}: ${r.why}` };
  }
  return { matched: true, why: `query parameter ${name} is present` };
}
