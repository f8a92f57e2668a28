import type { Json } from "../envoy/types.js";
import { describeCertificate } from "./certificates.js";
import { formatFullPath, formatPath } from "./path.js";
import { type Difference, type DiffResult, RESOURCE_TYPES, type ResourceChange } from "./types.js";

/**
 * Printing a DiffResult: the text report (a summary per type, then every differing resource
 * with the paths that differ and both values) and the JSON document for machines. Colour is
 * the caller's: it passes a Paint, which is plain on anything but a terminal.
 */

export interface Paint {
  readonly removed: (s: string) => string;
  readonly added: (s: string) => string;
  readonly heading: (s: string) => string;
}

export const PLAIN: Paint = { removed: (s) => s, added: (s) => s, heading: (s) => s };

export interface Sides {
  /** What each side is called ("expected"/"actual" or "base"/"head") … */
  readonly labels: { readonly expected: string; readonly actual: string };
  /** … and where it came from, in words. */
  readonly sources: { readonly expected: string; readonly actual: string };
}

/** Longest value printed in the text report; -o json and --unified print everything. */
const MAX_VALUE = 1000;

/** One value on one line: compact JSON, certificates described, long values cut. */
function showValue(v: Json | undefined): string {
  if (v === undefined) return "(absent)";
  if (typeof v === "string") {
    const cert = describeCertificate(v);
    if (cert) return cert;
  }
  const s = JSON.stringify(v);
  return s.length <= MAX_VALUE
    ? s
    : `${s.slice(0, MAX_VALUE)}… (${s.length - MAX_VALUE} more characters; -o json or --unified shows all)`;
}

function differenceLines(d: Difference, p: Paint): string[] {
  const path = formatPath(d.path) || "(the whole resource)";
  return [
    `    ${d.kind === "order" ? `${path} (order)` : path}`,
    p.removed(`    - ${showValue(d.expected)}`),
    p.added(`    + ${showValue(d.actual)}`),
  ];
}

function resourceLines(c: ResourceChange, p: Paint): string[] {
  if (c.status === "added") return [p.added(`+ ${c.name}`)];
  if (c.status === "removed") return [p.removed(`- ${c.name}`)];
  return [`~ ${c.name}`, ...c.differences.flatMap((d) => differenceLines(d, p))];
}

/** The summary: one line per type, aligned. */
function summaryLines(r: DiffResult): string[] {
  const width = Math.max(...RESOURCE_TYPES.map((t) => t.length));
  return RESOURCE_TYPES.map((t) => {
    const s = r.summary[t];
    const head = t.padEnd(width);
    if (s.skipped) return `${head}  not compared: ${s.skipped}`;
    return `${head}  ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged`;
  });
}

function headerLines(sides: Sides, p: Paint): string[] {
  return [
    p.removed(`--- ${sides.labels.expected}: ${sides.sources.expected}`),
    p.added(`+++ ${sides.labels.actual}: ${sides.sources.actual}`),
  ];
}

/** The whole text report, ending with a newline. */
export function textReport(r: DiffResult, sides: Sides, p: Paint = PLAIN): string {
  const lines = [...headerLines(sides, p), "", ...summaryLines(r)];
  for (const t of RESOURCE_TYPES) {
    const mine = r.changes.filter((c) => c.type === t);
    if (mine.length === 0) continue;
    lines.push("", p.heading(t), ...mine.flatMap((c) => resourceLines(c, p)));
  }
  if (r.equal) {
    const compared = RESOURCE_TYPES.reduce((n, t) => n + r.summary[t].unchanged, 0);
    lines.push("", `no differences (${compared} resources compared)`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The JSON document: every fact of the text report, values in full, paths in --ignore syntax.
 * Keys are always "expected" and "actual" (whatever the sides are called), so scripts read
 * one schema; each side's label and source are given at the top.
 */
export function jsonReport(r: DiffResult, sides: Sides): string {
  const doc = {
    equal: r.equal,
    expected: { label: sides.labels.expected, source: sides.sources.expected },
    actual: { label: sides.labels.actual, source: sides.sources.actual },
    summary: r.summary,
    changes: r.changes.map((c) => ({
      type: c.type,
      name: c.name,
      status: c.status,
      ...(c.status === "changed"
        ? {
            differences: c.differences.map((d) => ({
              kind: d.kind,
              path: formatPath(d.path),
              ignore: formatFullPath(c.type, c.name, d.path),
              ...(d.expected !== undefined && { expected: d.expected }),
              ...(d.actual !== undefined && { actual: d.actual }),
            })),
          }
        : c.status === "removed"
          ? { expected: c.expected }
          : { actual: c.actual }),
    })),
    normalizations: r.normalizations,
    notes: r.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
