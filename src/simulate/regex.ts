import { RE2JS } from "re2js";

/**
 * Envoy's `safe_regex` (Google RE2) for JavaScript, through re2js: the same syntax, and the
 * same refusals (no lookahead, no backreferences). Envoy matches a RegexMatcher against the
 * whole string, never a part of it, so `fullMatch` is the only way to test one.
 */

export type RegexResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

function compile(pattern: string): RegexResult<RE2JS> {
  try {
    return { ok: true, value: RE2JS.compile(pattern) };
  } catch (e) {
    return { ok: false, error: `invalid RE2 regex ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
}

/** The whole of `value` matches `pattern` (RegexMatcher semantics). */
export function fullMatch(pattern: string, value: string): RegexResult<boolean> {
  const c = compile(pattern);
  return c.ok ? { ok: true, value: c.value.matches(value) } : c;
}

/**
 * RE2::GlobalReplace, as Envoy's `regex_rewrite` uses it: every match of `pattern` in `input`
 * is replaced by `substitution`, where `\0`…`\9` name capture groups and `\\` is a backslash.
 */
export function replaceAll(pattern: string, substitution: string, input: string): RegexResult<string> {
  const c = compile(pattern);
  if (!c.ok) return c;
  const out = c.value.matcher(input).replaceAll((...args: unknown[]) => {
    // The replacer gets (match, group1, …, groupN, offset, input), as String.prototype.replace.
    const groups = args.slice(0, -2) as (string | null)[];
    return substitution.replace(/\\(\d|\\)/g, (_m, g: string) =>
      g === "\\" ? "\\" : (groups[Number(g)] ?? ""),
    );
  });
  return { ok: true, value: out };
}
