import type { Emit } from "./sink.js";

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, written piece by piece: the outer levels
 * of plain objects and arrays are walked here, and each value below `depth` levels is handed
 * to JSON.stringify whole (fast, native) and re-indented. A config dump's resources sit 4–8
 * levels down (configs → section → list → wrapper → resource → virtual_hosts → …), so no
 * piece is larger than one virtual host or filter chain, instead of the whole dump at once.
 *
 * The walked levels follow JSON.stringify's rules: object entries whose value is undefined,
 * a function or a symbol are left out, in arrays they print as null; `{}` and `[]` for empty
 * ones. Anything that is not a plain object or array (a Date, a boxed value, an object with
 * toJSON) is given to JSON.stringify as it is.
 */
export function writeJson(value: unknown, emit: Emit, depth = 8): void {
  const text = walk(value, "", depth, emit);
  // `${JSON.stringify(undefined)}` is "undefined": kept, so that callers can swap one for the other.
  if (text !== undefined) emit(text === SKIP ? "undefined" : text);
}

/** Whether JSON.stringify would print `v` through its own entries (so walking it is exact). */
function walkable(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== "object" || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function"
  );
}

/**
 * Writes `v` (at indentation `indent`) and returns undefined, or returns its text for the
 * caller to write (a leaf, an empty container); what JSON.stringify would leave out (a
 * function, undefined) comes back as the `SKIP` marker.
 */
function walk(v: unknown, indent: string, depth: number, emit: Emit): string | undefined {
  if (depth <= 0 || !walkable(v)) return leaf(v, indent);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    emit("[");
    for (let i = 0; i < v.length; i++) {
      emit(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const text = walk(v[i], inner, depth - 1, emit);
      if (text !== undefined) emit(text === SKIP ? "null" : text);
    }
    emit(`\n${indent}]`);
    return undefined;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const e = v[key];
    if (e === undefined || typeof e === "function" || typeof e === "symbol") continue;
    const head = `${JSON.stringify(key)}: `;
    if (walkable(e) && depth > 1) {
      emit(first ? `{\n${inner}${head}` : `,\n${inner}${head}`);
      first = false;
      const text = walk(e, inner, depth - 1, emit);
      if (text !== undefined) emit(text);
      continue;
    }
    // A leaf can still come back empty (a toJSON that returns undefined): then no entry at all.
    const text = leaf(e, inner);
    if (text === SKIP) continue;
    emit(first ? `{\n${inner}${head}${text}` : `,\n${inner}${head}${text}`);
    first = false;
  }
  if (first) return "{}";
  emit(`\n${indent}}`);
  return undefined;
}

/** What JSON.stringify leaves out of an object (and prints as null in an array). */
const SKIP = "\u0000skip";

function leaf(v: unknown, indent: string): string {
  if (indent === "" || typeof v !== "object" || v === null)
    return (JSON.stringify(v, null, 2) as string | undefined) ?? SKIP;
  if (!walkable(v)) {
    // toJSON may give anything, even undefined: stringify it on its own and indent its lines.
    const text = JSON.stringify(v, null, 2) as string | undefined;
    return text === undefined ? SKIP : text.replaceAll("\n", `\n${indent}`);
  }
  // Nested in as many arrays as `indent` has levels, JSON.stringify indents the value itself
  // (twice as fast as indenting its text afterwards); the arrays' own lines are cut off.
  const levels = indent.length / 2;
  let wrapped: unknown = v;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(wrapperHead(levels).length, text.length - wrapperTail(levels).length);
}

/** The text JSON.stringify(…, null, 2) puts before a value nested in `levels` arrays. */
function wrapperHead(levels: number): string {
  let s = "";
  for (let i = 1; i <= levels; i++) s += `[\n${"  ".repeat(i)}`;
  return s;
}

/** …and after it. */
function wrapperTail(levels: number): string {
  let s = "";
  for (let i = levels - 1; i >= 0; i--) s += `\n${"  ".repeat(i)}]`;
  return s;
}
