import { RESOURCE_TYPES, type ResourceType, type Segment } from "./types.js";

/**
 * Paths inside resources, written the way reports print them and `--ignore` reads them:
 *
 *   TYPE:NAME.field.field[N][label=value]
 *
 * e.g. `listeners:*.filter_chains[*].filters[*].typed_config.http_filters[name=istio.stats]`.
 * The report prints exactly this syntax, so a reported path can be pasted into --ignore.
 * docs/diff.md is the user's description of it.
 */

/** Characters a field name or resource name may hold without quotes. */
const PLAIN_FIELD = /^[A-Za-z0-9_@-]+$/;
const PLAIN_KEY_VALUE = /^[^\]"]*$/;

function quote(s: string): string {
  return JSON.stringify(s);
}

function formatSegment(s: Segment): string {
  switch (s.kind) {
    case "field":
      return `.${PLAIN_FIELD.test(s.name) ? s.name : quote(s.name)}`;
    case "index":
      return `[${s.index}]`;
    case "key":
      return `[${s.label}=${PLAIN_KEY_VALUE.test(s.value) && s.value !== "" ? s.value : quote(s.value)}]`;
  }
}

/** A path inside a resource, without the leading dot: `filter_chains[0].filters[name=x]`. */
export function formatPath(path: readonly Segment[]): string {
  return path.map(formatSegment).join("").replace(/^\./, "");
}

/** A resource name as the pattern syntax needs it: quoted when it holds `.`, `[`, `"` or spaces. */
function formatResourceName(name: string): string {
  return /^[^.[\]"\s]+$/.test(name) ? name : quote(name);
}

/** `TYPE:NAME.path`: the --ignore pattern that names exactly this place. */
export function formatFullPath(type: ResourceType, name: string, path: readonly Segment[]): string {
  const rest = path.map(formatSegment).join("");
  return `${type}:${formatResourceName(name)}${rest}`;
}

// --- patterns ---------------------------------------------------------------------------

/** One compiled step of a pattern. Globs are compiled once, matched many times. */
export type PatternStep =
  | { readonly kind: "field"; readonly glob: RegExp }
  | { readonly kind: "anyDepth" }
  | { readonly kind: "anyElement" }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "key"; readonly label: string; readonly glob: RegExp };

export interface Pattern {
  readonly text: string;
  /** undefined: every type. */
  readonly type: ResourceType | undefined;
  readonly name: RegExp;
  readonly steps: readonly PatternStep[];
}

export type ParseResult = { ok: true; pattern: Pattern } | { ok: false; reason: string };

/** `*` matches any run of characters (dots and bars included); everything else is literal. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "s");
}

/** A small cursor over the pattern text; each reader returns undefined at a syntax error. */
class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? "";
  }
  /** A JSON-style quoted string at the cursor. */
  quoted(): string | undefined {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    try {
      return JSON.parse(m[0]) as string;
    } catch {
      return undefined;
    }
  }
  /** Plain characters up to (not including) any of `stops`. */
  until(stops: string): string {
    const start = this.pos;
    while (!this.done && !stops.includes(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

const TYPE_ALIASES: Record<string, ResourceType | "*"> = {
  "*": "*",
  listener: "listeners",
  route: "routes",
  cluster: "clusters",
  endpoint: "endpoints",
  secret: "secrets",
  ...Object.fromEntries(RESOURCE_TYPES.map((t) => [t, t])),
};

/** Parse an --ignore pattern; the reason of a failure names the position. */
export function parsePattern(text: string): ParseResult {
  const fail = (why: string, at: number): ParseResult => ({
    ok: false,
    reason: `"${text}": ${why} at character ${at + 1}`,
  });
  const colon = text.indexOf(":");
  if (colon < 0) return fail("expected TYPE:NAME (e.g. clusters:*)", 0);
  const typeText = text.slice(0, colon);
  const type = TYPE_ALIASES[typeText];
  if (!type) {
    return {
      ok: false,
      reason: `"${text}": unknown type "${typeText}" (use ${RESOURCE_TYPES.join(", ")} or *)`,
    };
  }
  const r = new Reader(text);
  r.pos = colon + 1;
  let name: string | undefined;
  if (r.peek() === '"') {
    name = r.quoted();
    if (name === undefined) return fail("unterminated quoted name", r.pos);
  } else {
    name = r.until(".[]");
  }
  if (name === "") return fail("expected a resource name or *", r.pos);

  const steps: PatternStep[] = [];
  while (!r.done) {
    const c = r.peek();
    if (c === ".") {
      r.pos++;
      let field: string | undefined;
      if (r.peek() === '"') {
        field = r.quoted();
        if (field === undefined) return fail("unterminated quoted field", r.pos);
        steps.push({ kind: "field", glob: globToRegExp(field) });
        continue;
      }
      field = r.until(".[]");
      if (field === "") return fail("expected a field name", r.pos);
      steps.push(field === "**" ? { kind: "anyDepth" } : { kind: "field", glob: globToRegExp(field) });
    } else if (c === "[") {
      r.pos++;
      const start = r.pos;
      const label = r.until("=]");
      if (r.peek() === "]") {
        r.pos++;
        if (label === "*") steps.push({ kind: "anyElement" });
        else if (/^\d+$/.test(label)) steps.push({ kind: "index", index: Number(label) });
        else return fail(`expected [*], [N] or [key=value], not [${label}]`, start);
        continue;
      }
      if (r.done) return fail("unclosed [", start - 1);
      r.pos++; // "="
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) return fail(`"${label}" is not a key name`, start);
      const value = r.peek() === '"' ? r.quoted() : r.until("]");
      if (value === undefined) return fail("unterminated quoted value", r.pos);
      if (r.peek() !== "]") return fail("expected ]", r.pos);
      r.pos++;
      steps.push({ kind: "key", label, glob: globToRegExp(value) });
    } else {
      return fail(`expected . or [, not "${c}"`, r.pos);
    }
  }
  return {
    ok: true,
    pattern: { text, type: type === "*" ? undefined : type, name: globToRegExp(name), steps },
  };
}

/** Does the pattern select this resource (type and name)? */
export function selectsResource(p: Pattern, type: ResourceType, name: string): boolean {
  return (p.type === undefined || p.type === type) && p.name.test(name);
}
