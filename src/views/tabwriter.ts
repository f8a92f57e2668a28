/**
 * Go's text/tabwriter (elastic tabstops), re-implemented for the settings istioctl uses:
 * padchar ' ', flags 0. istioctl writes rows as Fprintf("%v\t%v\n", …), so the input here is
 * that same text, and the output must match Go byte for byte:
 *
 * - A cell is text terminated by '\t' (or '\v'); the text after the last tab of a line is
 *   a cell too, but it belongs to no column and is never padded.
 * - Tab-terminated cells in consecutive lines form a column block; a line with fewer cells
 *   ends the block, so columns to its right restart their widths below it.
 * - A block's width is max(minwidth, widest cell + padding); every tab-terminated cell is
 *   padded to it, empty ones included — hence the trailing spaces when a row ends "\t\n".
 * - A line with a single cell flushes everything before it (its widths cannot affect later
 *   lines), exactly as Go's Write does.
 * - Widths count Unicode code points, as Go counts runes.
 */

export interface TabwriterOptions {
  readonly minwidth: number;
  readonly padding: number;
  /** istioctl always pads with ' '; another character makes padding visible in tests. */
  readonly padchar?: string;
}

interface Cell {
  readonly text: string;
  readonly width: number;
}

type Line = Cell[];

/** Formats `text` as a Go tabwriter initialised with (minwidth, _, padding, ' ', 0) would. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const out: string[] = [];
  let lines: Line[] = [[]];
  let cell = "";
  for (const ch of text) {
    if (ch === "\t" || ch === "\v" || ch === "\n" || ch === "\f") {
      const line = lines[lines.length - 1] as Line;
      line.push({ text: cell, width: runeCount(cell) });
      cell = "";
      if (ch === "\n" || ch === "\f") {
        lines.push([]);
        if (ch === "\f" || line.length === 1) {
          out.push(flush(lines, "", opts));
          lines = [[]];
        }
      }
    } else {
      cell += ch;
    }
  }
  out.push(flush(lines, cell, opts));
  return out.join("");
}

/** Formats buffered lines; `pending` is text after the last line break (Go's open cell). */
function flush(lines: Line[], pending: string, opts: TabwriterOptions): string {
  if (pending !== "") (lines[lines.length - 1] as Line).push({ text: pending, width: runeCount(pending) });
  const out: string[] = [];
  format(lines, 0, lines.length, [], opts, out);
  return out.join("");
}

function format(
  lines: readonly Line[],
  line0: number,
  line1: number,
  widths: number[],
  opts: TabwriterOptions,
  out: string[],
): void {
  const column = widths.length;
  let start = line0;
  for (let current = line0; current < line1; current++) {
    if (column >= cellCount(lines[current]) - 1) continue;
    // This line opens a block in `column`: print what precedes it, then size the block.
    writeLines(lines, start, current, widths, opts.padchar ?? " ", out);
    start = current;
    let width = opts.minwidth;
    for (; current < line1; current++) {
      const line = lines[current] as Line;
      if (column >= line.length - 1) break;
      width = Math.max(width, (line[column] as Cell).width + opts.padding);
    }
    widths.push(width);
    format(lines, start, current, widths, opts, out);
    widths.pop();
    start = current;
  }
  writeLines(lines, start, line1, widths, opts.padchar ?? " ", out);
}

function writeLines(
  lines: readonly Line[],
  line0: number,
  line1: number,
  widths: readonly number[],
  padchar: string,
  out: string[],
): void {
  for (let i = line0; i < line1; i++) {
    const line = lines[i] as Line;
    line.forEach((c, j) => {
      out.push(c.text);
      const w = widths[j];
      if (w !== undefined) out.push(padchar.repeat(w - c.width));
    });
    // Go writes no newline after the last buffered line: that line is still open.
    if (i + 1 < lines.length) out.push("\n");
  }
}

function cellCount(line: Line | undefined): number {
  return line ? line.length : 0;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
