import { isJsonObject, type Json } from "../envoy/types.js";
import { type OJson, OMap } from "./gojson.js";
import { collect, type Emit } from "./sink.js";

/**
 * istioctl's `-o yaml` is sigs.k8s.io/yaml's JSONToYAML: the JSON is decoded by go-yaml v2
 * (numbers become ints or floats, objects unordered maps) and re-encoded by go-yaml v2's
 * emitter. This re-implements the parts of that emitter JSON data can reach:
 *
 * - map keys sorted by go-yaml's "natural" order (digit runs compare as numbers, a non-letter
 *   before a letter);
 * - block style, 2-space indent, sequences under a key not indented, empty {} and [];
 * - strings plain when go-yaml's resolver would read them back as strings and the emitter's
 *   analysis allows it, else single-quoted (leading indicators such as '@' or '{'), else
 *   double-quoted (numbers, booleans, null, timestamps, special characters); literal block
 *   style for multi-line strings;
 * - long plain and quoted scalars folded at spaces past column 80 (go-yaml v2.4's default).
 */

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

/** JSONToYAML(json(v)): the YAML text, ending with a newline. */
export function goYaml(v: OJson): string {
  return collect((emit) => writeGoYaml(v, emit));
}

/**
 * JSONToYAML(json(v)) written as it is produced. A plain JSON object reads as the OMap of its
 * entries (what fromJson makes of it: a mapping's keys are sorted anyway), so a whole dump
 * needs no ordered copy first.
 */
export function writeGoYaml(v: OJson | Json, emit: Emit): void {
  const e = emitter(emit);
  emitNode(e, v, ROOT);
  writeIndent(e); // document end
}

/**
 * A sequence of items converted one at a time as they are written, like
 * writeGoYaml(items.map(convert)) without holding every converted item at once.
 */
export function writeGoYamlList<T>(items: readonly T[], convert: (item: T) => OJson, emit: Emit): void {
  const e = emitter(emit);
  emitSequence(e, items, ROOT, convert);
  writeIndent(e);
}

function emitter(emit: Emit): Emitter {
  return { emit, column: 0, whitespace: true, indention: true, indent: -1 };
}

interface Emitter {
  readonly emit: Emit;
  column: number;
  whitespace: boolean;
  indention: boolean;
  indent: number;
}

interface Context {
  readonly root: boolean;
  readonly sequence: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

type Style = "plain" | "single" | "double" | "literal";

interface Scalar {
  readonly value: string;
  readonly style: Style;
}

// --- output primitives (go-yaml's put/write/write_indent/write_indicator) ---------------

function put(e: Emitter, s: string): void {
  e.emit(s);
  for (const _ of s) e.column++;
}

function putBreak(e: Emitter): void {
  e.emit("\n");
  e.column = 0;
}

function writeIndent(e: Emitter): void {
  const indent = Math.max(e.indent, 0);
  if (!e.indention || e.column > indent || (e.column === indent && !e.whitespace)) putBreak(e);
  while (e.column < indent) put(e, " ");
  e.whitespace = true;
  e.indention = true;
}

function writeIndicator(
  e: Emitter,
  s: string,
  needWhitespace: boolean,
  isWhitespace: boolean,
  isIndention: boolean,
): void {
  if (needWhitespace && !e.whitespace) put(e, " ");
  put(e, s);
  e.whitespace = isWhitespace;
  e.indention = e.indention && isIndention;
}

function increaseIndent(e: Emitter, flow: boolean, indentless: boolean): number {
  const saved = e.indent;
  if (e.indent < 0) e.indent = flow ? BEST_INDENT : 0;
  else if (!indentless) e.indent += BEST_INDENT;
  return saved;
}

// --- nodes ---------------------------------------------------------------------------

const ROOT: Context = { root: true, sequence: false, mapping: false, simpleKey: false };

type Node = OJson | Json;

function emitNode(e: Emitter, v: Node, ctx: Context): void {
  if (v instanceof OMap) emitMapping(e, v.entries);
  else if (Array.isArray(v)) emitSequence(e, v as readonly Node[], ctx, (x) => x);
  else if (isJsonObject(v)) emitMapping(e, Object.entries(v));
  else emitScalar(e, scalarOf(v as null | boolean | number | string), ctx);
}

function emitMapping(e: Emitter, pairs: readonly (readonly [string, Node])[]): void {
  if (pairs.length === 0) {
    writeIndicator(e, "{", true, true, false);
    writeIndicator(e, "}", false, false, false);
    return;
  }
  const saved = increaseIndent(e, false, false);
  const keyed = pairs.map((e) => ({ e, runes: runesOf(e[0]) }));
  keyed.sort((x, y) => (runesLess(x.runes, y.runes) ? -1 : runesLess(y.runes, x.runes) ? 1 : 0));
  const entries = keyed.map((k) => k.e);
  for (const [k, v] of entries) {
    writeIndent(e);
    const key = scalarOf(k);
    if (isSimpleKey(key)) {
      emitScalar(e, key, { root: false, sequence: false, mapping: true, simpleKey: true });
      writeIndicator(e, ":", false, false, false);
    } else {
      writeIndicator(e, "?", true, false, true);
      emitScalar(e, key, { root: false, sequence: false, mapping: true, simpleKey: false });
      writeIndent(e);
      writeIndicator(e, ":", true, false, true);
    }
    emitNode(e, v, { root: false, sequence: false, mapping: true, simpleKey: false });
  }
  e.indent = saved;
}

function emitSequence<T>(e: Emitter, items: readonly T[], ctx: Context, convert: (item: T) => Node): void {
  if (items.length === 0) {
    writeIndicator(e, "[", true, true, false);
    writeIndicator(e, "]", false, false, false);
    return;
  }
  const saved = increaseIndent(e, false, ctx.mapping && !e.indention);
  for (const item of items) {
    writeIndent(e);
    writeIndicator(e, "-", true, false, true);
    emitNode(e, convert(item), { root: false, sequence: true, mapping: false, simpleKey: false });
  }
  e.indent = saved;
}

/** go-yaml writes a key inline ("key: value") when it is one line of at most 128 bytes. */
function isSimpleKey(key: Scalar): boolean {
  return !analyze(key.value).multiline && Buffer.byteLength(key.value) <= 128;
}

function emitScalar(e: Emitter, s: Scalar, ctx: Context): void {
  const a = analyze(s.value);
  const style = selectStyle(s, a, ctx);
  const saved = increaseIndent(e, true, false);
  const allowBreaks = !ctx.simpleKey;
  if (style === "plain" || style === "single") writeFolded(e, s.value, allowBreaks, style === "single");
  else if (style === "double") writeDouble(e, s.value, allowBreaks);
  else writeLiteral(e, s.value);
  e.indent = saved;
}

// --- scalar values and styles ----------------------------------------------------------

function scalarOf(v: null | boolean | number | string): Scalar {
  if (v === null) return { value: "null", style: "plain" };
  if (typeof v === "boolean") return { value: v ? "true" : "false", style: "plain" };
  if (typeof v === "number") return { value: formatNumber(v), style: "plain" };
  if (v.includes("\n")) return { value: v, style: "literal" };
  return { value: v, style: resolvesToString(v) && !isBase60Float(v) ? "plain" : "double" };
}

/**
 * go-yaml decodes a JSON number without '.' or exponent as an int, others as float64, and
 * writes floats with strconv's 'g' format; Go's JSON never writes an exponent below 1e21.
 */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? ".nan" : n > 0 ? ".inf" : "-.inf";
  const [mant = "", expPart = "0"] = n.toExponential().split("e");
  const exp = Number(expPart);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(n);
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const isSpace = (c: string | undefined): boolean => c === " ";
const isBreak = (c: string | undefined): boolean =>
  c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isBlankz = (c: string | undefined): boolean => c === undefined || c === " " || c === "\t" || isBreak(c);

/** go-yaml's is_printable, by code point. */
function isPrintable(c: string): boolean {
  const p = c.codePointAt(0) as number;
  return (
    p === 0x0a ||
    (p >= 0x20 && p <= 0x7e) ||
    (p >= 0xa0 && p <= 0xd7ff) ||
    (p >= 0xe000 && p <= 0xfffd && p !== 0xfeff)
  );
}

/** yaml_emitter_analyze_scalar, for the flow level 0 (block) context only. */
function analyze(value: string): Analysis {
  if (value === "")
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith("---") || value.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((c, i) => {
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":" || c === "-") && followedByWhitespace) blockIndicators = true;
    } else if (c === ":" && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === "#" && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    const last = i === chars.length - 1;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** yaml_emitter_select_scalar_style (block context, implicit tags). */
function selectStyle(s: Scalar, a: Analysis, ctx: Context): Style {
  let style = s.style;
  if (ctx.simpleKey && a.multiline) style = "double";
  if (style === "plain" && (!a.blockPlainAllowed || (s.value === "" && ctx.simpleKey))) style = "single";
  if (style === "single" && !a.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!a.blockAllowed || ctx.simpleKey)) style = "double";
  return style;
}

// --- go-yaml's resolver: would this text read back as something other than a string? ----

function resolvesToString(s: string): boolean {
  const RESERVED = new Set([
    ..."y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF".split(" "),
    ...["", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF"],
    ...["+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"],
  ]);
  if (RESERVED.has(s)) return false;
  const c = s[0] as string;
  if (c === ".") return !isGoFloat(s);
  if (c !== "+" && c !== "-" && !(c >= "0" && c <= "9")) return true;
  if (isYamlTimestamp(s)) return false;
  const plain = s.replaceAll("_", "");
  if (isGoInt(plain)) return false;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return true;
}

/** strconv.ParseInt(s, 0, 64) or ParseUint succeeding (range aside: any digits are not a string). */
function isGoInt(s: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.test(s);
}

/** strconv.ParseFloat for texts starting with '.'. */
function isGoFloat(s: string): boolean {
  return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
}

/** go-yaml's timestamp formats, with time.Parse's range checks. */
function isYamlTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return false;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) return false;
  const [h, mi, se] = [m[4] ?? m[7], m[5] ?? m[8], m[6] ?? m[9]];
  if (h === undefined) return true;
  return Number(h) < 24 && Number(mi) < 60 && Number(se) < 60;
}

function isBase60Float(s: string): boolean {
  if (!/^[-+0-9]/.test(s) || !s.includes(":")) return false;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

// --- scalar writers (go-yaml's yaml_emitter_write_*_scalar) -------------------------------

/**
 * Plain and single-quoted scalars (yaml_emitter_write_plain_scalar / _single_quoted_scalar):
 * the same folding at spaces past the best width; quoting adds the quotes, doubles inner
 * single quotes, and never folds at the first or last character.
 */
function writeFolded(e: Emitter, value: string, allowBreaks: boolean, quoted: boolean): void {
  if (quoted) writeIndicator(e, "'", true, false, false);
  else if (!e.whitespace) put(e, " ");
  const chars = [...value];
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (isSpace(c)) {
      const inside = !quoted || (i > 0 && i < chars.length - 1);
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && inside && !isSpace(chars[i + 1])) writeIndent(e);
      else put(e, c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === "\n") putBreak(e);
      writeBreak(e, c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      if (quoted && c === "'") put(e, "'");
      put(e, c);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  if (quoted) writeIndicator(e, "'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}

/** go-yaml's short escapes in double-quoted scalars, by code point. */
const DOUBLE_ESCAPES = new Map<number, string>([
  [0x00, "0"],
  [0x07, "a"],
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0b, "v"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x1b, "e"],
  [0x22, '"'],
  [0x5c, "\\"],
  [0x85, "N"],
  [0xa0, "_"],
  [0x2028, "L"],
  [0x2029, "P"],
]);

function writeDouble(e: Emitter, value: string, allowBreaks: boolean): void {
  writeIndicator(e, '"', true, false, false);
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const p = c.codePointAt(0) as number;
    if (!isPrintable(c) || p === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
      const named = DOUBLE_ESCAPES.get(p);
      if (named !== undefined) put(e, `\\${named}`);
      else if (p <= 0xff) put(e, `\\x${p.toString(16).toUpperCase().padStart(2, "0")}`);
      else if (p <= 0xffff) put(e, `\\u${p.toString(16).toUpperCase().padStart(4, "0")}`);
      else put(e, `\\U${p.toString(16).toUpperCase().padStart(8, "0")}`);
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        writeIndent(e);
        if (isSpace(chars[i + 1])) put(e, "\\");
      } else {
        put(e, c);
      }
      spaces = true;
    } else {
      put(e, c);
      spaces = false;
    }
  }
  writeIndicator(e, '"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

function writeLiteral(e: Emitter, value: string): void {
  writeIndicator(e, "|", true, false, false);
  const chars = [...value];
  if (isSpace(chars[0]) || isBreak(chars[0])) writeIndicator(e, String(BEST_INDENT), false, false, false);
  const last = chars[chars.length - 1];
  if (!isBreak(last)) writeIndicator(e, "-", false, false, false);
  else if (chars.length === 1 || isBreak(chars[chars.length - 2]))
    writeIndicator(e, "+", false, false, false);
  putBreak(e);
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      writeBreak(e, c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      put(e, c);
      e.indention = false;
      breaks = false;
    }
  }
}

function writeBreak(e: Emitter, c: string): void {
  if (c === "\n") {
    putBreak(e);
  } else {
    e.emit(c);
    e.column = 0;
  }
}

// --- go-yaml's map key order (sorter.go keyList.Less, for string keys) -------------------

function runesOf(s: string): number[] {
  const out: number[] = [];
  for (const c of s) out.push(c.codePointAt(0) as number);
  return out;
}

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return /\p{L}/u.test(String.fromCodePoint(c));
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

export function keyLess(a: string, b: string): boolean {
  return runesLess(runesOf(a), runesOf(b));
}

function runesLess(ar: readonly number[], br: readonly number[]): boolean {
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as number;
    const bc = br[i] as number;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === 0x30 || bc === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + ((ar[ai] as number) - 0x30);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + ((br[bi] as number) - 0x30);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}
