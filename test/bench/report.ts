import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { CorpusMeta } from "./gen.js";
import type { Sample } from "./measure.js";
import { type BenchId, type BenchSpec, COLD, type ColdId, SUITE, TARGETS } from "./suite.js";

/** The figures of one `npm run bench`, and their rendering as Markdown. */

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly commit: string;
  /** src/ or test/bench/ had uncommitted changes. */
  readonly dirty: boolean;
  readonly rssMethod: string;
  /** 1-minute load average when the run started and when it ended. */
  readonly load: { readonly start: number; readonly end: number };
}

export interface Measured {
  readonly scale: number;
  readonly id: BenchId;
  readonly status: "ok" | "failed" | "not available";
  readonly samples: readonly Sample[];
  readonly message?: string;
}

export interface Results {
  readonly machine: Machine;
  readonly runs: number;
  readonly corpora: readonly { scale: number; meta: CorpusMeta }[];
  readonly measured: readonly Measured[];
  readonly cold: { runs: number; samples: Record<ColdId, Sample[]> };
}

export const BEGIN = "<!-- bench:results:begin (written by npm run bench; edit outside these markers) -->";
export const END = "<!-- bench:results:end -->";

const best = (s: readonly Sample[]) => Math.min(...s.map((x) => x.wallMs));
const bestCpu = (s: readonly Sample[]) => {
  const v = s.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
  return v.length === 0 ? undefined : Math.min(...v);
};
const median = (s: readonly Sample[]) => {
  const v = s.map((x) => x.wallMs).sort((a, b) => a - b);
  return v.length === 0
    ? Number.NaN
    : ((v[(v.length - 1) >> 1] as number) + (v[v.length >> 1] as number)) / 2;
};
const peak = (s: readonly Sample[]) => {
  const v = s.map((x) => x.peakRss).filter((x): x is number => x !== undefined);
  return v.length === 0 ? undefined : Math.max(...v);
};

const secs = (ms: number) => (ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const mb = (b: number) => `${(b / 1e6).toFixed(b >= 1e8 ? 0 : 1)} MB`;
const x = (r: number) => `${r.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? "**met**" : "**missed**");

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

function inputBytes(spec: BenchSpec, meta: CorpusMeta): number {
  if (spec.input === "yaml") return meta.yamlBytes;
  if (spec.input === "dump") return meta.dumpBytes;
  return meta.dumpBytes + (spec.id === "d-changed" ? meta.changedDumpBytes : meta.dumpBytes);
}

/** Growth for each step between consecutive scales, normalised to a doubling. */
function growth(points: readonly { scale: number; ms: number }[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { scale: number; ms: number };
    const b = points[i] as { scale: number; ms: number };
    out.push((b.ms / a.ms) ** (1 / Math.log2(b.scale / a.scale)));
  }
  return out;
}

interface Row {
  readonly spec: BenchSpec;
  readonly byScale: Map<number, Measured>;
}

export function renderReport(r: Results): string {
  const scales = r.corpora.map((c) => c.scale);
  const metaOf = (s: number) => r.corpora.find((c) => c.scale === s)?.meta as CorpusMeta;
  const rows: Row[] = SUITE.map((spec) => ({
    spec,
    byScale: new Map(r.measured.filter((m) => m.id === spec.id).map((m) => [m.scale, m])),
  })).filter((row) => row.byScale.size > 0);
  const okMs = (row: Row | undefined, s: number) => {
    const m = row?.byScale.get(s);
    return m?.status === "ok" ? best(m.samples) : undefined;
  };
  const cell = (row: Row, s: number, f: (m: Measured) => string) => {
    const m = row.byScale.get(s);
    if (!m) return "–";
    if (m.status === "not available") return "not available";
    if (m.status === "failed") return "failed";
    return f(m);
  };
  const rowOf = (id: BenchId) => rows.find((row) => row.spec.id === id);
  const m = r.machine;
  const out: string[] = [];
  const targets: string[][] = [];

  out.push(
    `Measured on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(0)} GiB, ${m.os}, Node.js ${m.node}; ` +
      `gwctl at ${m.commit || "an unknown commit"}${m.dirty ? " with uncommitted changes" : ""}. ` +
      `Each figure is the best wall time of ${r.runs} runs (cold start: of ${r.cold.runs}), commands taken in turn; ` +
      `peak memory is the largest peak RSS of those runs (${m.rssMethod === "gnu-time" ? "GNU time's %M" : "process.resourceUsage().maxRSS"}). ` +
      "Every command is a fresh `node` process; stdout goes to a file on the same disk. " +
      `Load average (1 min) at the start and end of the run: ${m.load.start.toFixed(1)} and ${m.load.end.toFixed(1)}` +
      (Math.max(m.load.start, m.load.end) > m.cores
        ? ` — above the ${m.cores} cores: other work shared the machine, and wall times are inflated (see CPU time).`
        : "."),
  );

  out.push("\n### Corpus\n");
  out.push(
    table(
      [
        "scale",
        "VirtualServices",
        "HTTP routes",
        "DestinationRules",
        "Services",
        "pods",
        "EndpointSlices",
        "Gateways (servers)",
        "Secrets",
        "files",
        "YAML",
        "dump.json",
      ],
      scales.map((s) => {
        const c = metaOf(s);
        const n = c.counts;
        return [
          String(s),
          String(n.virtualServices),
          String(n.httpRoutes),
          String(n.destinationRules),
          String(n.services),
          String(n.pods),
          String(n.endpointSlices),
          `${n.gateways} (${n.servers})`,
          String(n.secrets),
          String(c.files),
          mb(c.yamlBytes),
          mb(c.dumpBytes),
        ];
      }),
    ),
  );

  out.push("\n### Wall time (best of the runs)\n");
  out.push(
    table(
      ["command", ...scales.map((s) => `scale ${s}`), "growth per doubling (each step)"],
      rows.map((row) => {
        const pts = scales
          .map((s) => ({ scale: s, ms: okMs(row, s) }))
          .filter((p): p is { scale: number; ms: number } => p.ms !== undefined);
        const g = growth(pts);
        if (g.length > 0 && row.spec.floor) {
          // gwctl's commands have the target; the floors' growth is shown for comparison.
          const worst = Math.max(...g);
          targets.push([
            `${row.spec.label}: growth per doubling ≤ ${TARGETS.growthPerDoubling}×`,
            `worst step ${x(worst)}`,
            verdict(worst <= TARGETS.growthPerDoubling),
          ]);
        }
        return [
          `${row.spec.label}<br>\`${row.spec.shown}\``,
          ...scales.map((s) => cell(row, s, (mm) => secs(best(mm.samples)))),
          g.length > 0 ? g.map(x).join(", ") : "–",
        ];
      }),
    ),
  );

  out.push("\n### CPU time, user + system (best of the runs)\n");
  out.push(
    "Less disturbed than wall time by other work on the machine, but it also counts the garbage " +
      "collector's helper threads, which run beside the main thread.\n",
  );
  out.push(
    table(
      ["command", ...scales.map((s) => `scale ${s}`), "growth per doubling (each step)"],
      rows.map((row) => {
        const pts = scales
          .map((s) => {
            const mm = row.byScale.get(s);
            return { scale: s, ms: mm?.status === "ok" ? bestCpu(mm.samples) : undefined };
          })
          .filter((p): p is { scale: number; ms: number } => p.ms !== undefined);
        const g = growth(pts);
        return [
          row.spec.label,
          ...scales.map((s) =>
            cell(row, s, (mm) => {
              const c = bestCpu(mm.samples);
              return c === undefined ? "?" : secs(c);
            }),
          ),
          g.length > 0 ? g.map(x).join(", ") : "–",
        ];
      }),
    ),
  );

  const ratioRows = rows.filter((row) => row.spec.floor);
  out.push("\n### Ratio to the floor: wall time (CPU time)\n");
  out.push(
    table(
      ["command", "floor", ...scales.map((s) => `scale ${s}`), "target"],
      ratioRows.map((row) => {
        const floorRow = rowOf(row.spec.floor as BenchId);
        const ratios: { s: number; v: number }[] = [];
        const cells = scales.map((s) =>
          cell(row, s, (mm) => {
            const f = okMs(floorRow, s);
            if (f === undefined) return "no floor";
            const v = best(mm.samples) / f;
            ratios.push({ s, v });
            const fc = floorRow?.byScale.get(s);
            const c = bestCpu(mm.samples);
            const cf = fc ? bestCpu(fc.samples) : undefined;
            return c !== undefined && cf !== undefined ? `${x(v)} (${x(c / cf)})` : x(v);
          }),
        );
        if (ratios.length > 0) {
          const over = ratios.filter((q) => q.v > (row.spec.target as number));
          targets.push([
            `${row.spec.label} ≤ ${row.spec.target}× ${floorRow?.spec.label.split(" ")[0]}`,
            ratios.map((q) => `${x(q.v)} at scale ${q.s}`).join(", "),
            over.length === 0
              ? verdict(true)
              : `${verdict(false)} at scale ${over.map((q) => q.s).join(", ")}`,
          ]);
        } else if ([...row.byScale.values()].every((mm) => mm.status === "not available")) {
          targets.push([`${row.spec.label} ≤ ${row.spec.target}× floor`, "not available yet", "–"]);
        }
        return [row.spec.label, floorRow?.spec.label.split(" ")[0] ?? "?", ...cells, `≤ ${row.spec.target}×`];
      }),
    ),
  );

  out.push("\n### Peak memory (peak RSS, and as a multiple of the input it reads)\n");
  const largest = scales[scales.length - 1] as number;
  out.push(
    table(
      ["command", "input", ...scales.map((s) => `scale ${s}`)],
      rows.map((row) => {
        const at = row.byScale.get(largest);
        const p = at?.status === "ok" ? peak(at.samples) : undefined;
        if (p !== undefined && row.spec.floor) {
          const ratio = p / inputBytes(row.spec, metaOf(largest));
          targets.push([
            `${row.spec.label}: peak memory ≤ ${TARGETS.memoryPerInputByte}× its input (scale ${largest})`,
            `${mb(p)} = ${x(ratio)} of ${mb(inputBytes(row.spec, metaOf(largest)))}`,
            verdict(ratio <= TARGETS.memoryPerInputByte),
          ]);
        }
        return [
          row.spec.label,
          row.spec.input === "yaml" ? "the YAML" : row.spec.input === "dump" ? "dump.json" : "both dumps",
          ...scales.map((s) =>
            cell(row, s, (mm) => {
              const q = peak(mm.samples);
              return q === undefined ? "?" : `${mb(q)} (${x(q / inputBytes(row.spec, metaOf(s)))})`;
            }),
          ),
        ];
      }),
    ),
  );

  const g = r.cold.samples["f-gwctl"];
  const n = r.cold.samples["f-node"];
  if (g.length > 0 && n.length > 0) {
    out.push("\n### Cold start\n");
    out.push(
      table(
        ["command", "best", "median", "peak RSS"],
        COLD.map((c) => {
          const s = r.cold.samples[c.id];
          return [`${c.label}<br>\`${c.shown}\``, secs(best(s)), secs(median(s)), mb(peak(s) ?? 0)];
        }),
      ),
    );
    const ratioBest = best(g) / best(n);
    const ratioMedian = median(g) / median(n);
    out.push(`\ngwctl --version against bare node: ${x(ratioBest)} (best), ${x(ratioMedian)} (median).`);
    targets.push([
      `(f) cold start ≤ ${TARGETS.coldStart}× bare node`,
      `${x(ratioBest)} best, ${x(ratioMedian)} median`,
      verdict(ratioMedian <= TARGETS.coldStart),
    ]);
  }

  out.push("\n### Targets\n");
  out.push(table(["target", "measured", "verdict"], targets));
  const failed = r.measured.filter((mm) => mm.status === "failed");
  if (failed.length > 0) {
    out.push("\n### Failed runs\n");
    for (const f of failed) out.push(`- scale ${f.scale}, ${f.id}: \`${(f.message ?? "").split("\n")[0]}\``);
  }
  return `${out.join("\n")}\n`;
}

const SKELETON = `# Performance

How long gwctl takes on large meshes, how that grows with the size of the input, and what was
done about it. The figures between the markers below are written by \`npm run bench\`
(\`test/bench/\`); the rest of this page is kept by hand.

## Figures

${BEGIN}
${END}
`;

/** Put the report between the markers of docs/performance.md, keeping the rest of the page. */
export function writeDoc(path: string, report: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : SKELETON;
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  const base = from === -1 || to === -1 ? `${text.trimEnd()}\n\n## Figures\n\n${BEGIN}\n${END}\n` : text;
  const a = base.indexOf(BEGIN) + BEGIN.length;
  const b = base.indexOf(END);
  writeFileSync(path, `${base.slice(0, a)}\n${report}${base.slice(b)}`);
}
