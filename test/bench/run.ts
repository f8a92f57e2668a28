import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { corpusPrivateKeys } from "./corpus.js";
import { type CorpusMeta, generate, generatorVersion, readCorpusMeta } from "./gen.js";
import { rssMethod, runOnce, type Sample } from "./measure.js";
import { progressLine } from "./progress.js";
import { type Machine, type Measured, type Results, renderReport, writeDoc } from "./report.js";
import { type BenchId, COLD, SUITE } from "./suite.js";

/**
 * `npm run bench`: generates (or reuses) the corpora of each scale, measures every command of
 * the suite on each in child processes, and prints the figures side by side with their ratios
 * to the floors, growth per doubling and peak memory; writes docs/performance.md.
 *
 *   npm run bench -- [--scales 1,2,4,8] [--runs 3] [--cold-runs 20] [--out bench-out]
 *                    [--only a,b,e] [--no-doc] [--no-build]
 *   npm run bench -- --from-results bench-out/results.json   (render a past run again)
 */

const REPO = resolve(import.meta.dirname, "..", "..");

interface Options {
  scales: number[];
  runs: number;
  coldRuns: number;
  out: string;
  only?: Set<string>;
  doc: boolean;
  build: boolean;
  fromResults?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    scales: [1, 2, 4, 8],
    runs: 3,
    coldRuns: 20,
    out: join(REPO, "bench-out"),
    doc: true,
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--scales") o.scales = value().split(",").map(Number);
    else if (a === "--runs") o.runs = Number(value());
    else if (a === "--cold-runs") o.coldRuns = Number(value());
    else if (a === "--out") o.out = resolve(value());
    else if (a === "--only") o.only = new Set(value().split(","));
    else if (a === "--no-doc") o.doc = false;
    else if (a === "--no-build") o.build = false;
    else if (a === "--from-results") o.fromResults = resolve(value());
    else throw new Error(`unknown argument ${a} (see the head of test/bench/run.ts)`);
  }
  if (o.scales.some((s) => !(s > 0))) throw new Error("--scales takes positive numbers");
  if (!(o.runs >= 1) || !(o.coldRuns >= 1)) throw new Error("--runs and --cold-runs take positive numbers");
  return o;
}

function machine(loadAtStart: number): Machine {
  const cpu = cpus();
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  let model = cpu[0]?.model ?? "unknown CPU";
  try {
    // /proc/cpuinfo's "model name" is often more telling than os.cpus() in a VM.
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m?.[1]) model = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpu: model,
    cores: cpu.length,
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${process.platform} ${release()}`,
    node: process.version,
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: git(["status", "--porcelain", "--", "src", "test/bench"]) !== "",
    rssMethod: rssMethod(),
    load: { start: loadAtStart, end: loadavg()[0] as number },
  };
}

/** A gwctl command exists when `gwctl CMD --help` succeeds and prints that command's usage. */
function commandAvailable(cmd: string): boolean {
  const r = spawnSync(process.execPath, [join(REPO, "bin", "gwctl"), cmd, "--help"], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return r.status === 0 && new RegExp(`Usage: gwctl ${cmd}\\b`).test(r.stdout);
}

function ensureCorpus(
  scale: number,
  out: string,
  log: (s: string) => void,
): { dir: string; meta: CorpusMeta } {
  const dir = join(out, `scale-${scale}`);
  const meta = readCorpusMeta(dir);
  if (meta && meta.generator === generatorVersion() && meta.scale === scale) return { dir, meta };
  log(`generating the corpus of scale ${scale} in ${dir} …\n`);
  return { dir, meta: generate(scale, dir, log) };
}

/** Private keys must never reach the output: look for each key's body, raw and base64'd. */
function leakedKeys(file: string, scale: number): number {
  const needles: Buffer[] = [Buffer.from("PRIVATE KEY")];
  for (const pem of corpusPrivateKeys(scale)) {
    const body = pem.split("\n").filter((l) => l && !l.startsWith("-----"));
    needles.push(Buffer.from(body.join("")), Buffer.from(Buffer.from(pem).toString("base64").slice(40, 100)));
  }
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024 * 1024) + 4096);
  let found = 0;
  try {
    for (let pos = 0; pos < size; pos += chunk.length - 4096) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      const view = chunk.subarray(0, n);
      for (const needle of needles) if (view.includes(needle)) found++;
      if (n < chunk.length) break;
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

/** Write the figures into docs/performance.md and format it the way `biome check` wants it. */
function writeDocFormatted(report: string): void {
  const doc = join(REPO, "docs", "performance.md");
  writeDoc(doc, report);
  spawnSync(join(REPO, "node_modules", ".bin", "biome"), ["format", "--write", doc], { cwd: REPO });
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (b: number | undefined) => (b === undefined ? "?" : `${(b / 1e6).toFixed(0)} MB`);

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = loadavg()[0] as number;
  if (o.fromResults) {
    const report = renderReport(JSON.parse(readFileSync(o.fromResults, "utf8")) as Results);
    process.stdout.write(report);
    if (o.doc) writeDocFormatted(report);
    return 0;
  }
  const progress = progressLine(process.stderr);
  const log = (s: string) => {
    progress.clear();
    process.stderr.write(s);
  };
  if (o.build) {
    log("building gwctl (npm run build) …\n");
    execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO, stdio: "inherit" });
  }
  mkdirSync(join(o.out, "out"), { recursive: true });
  const available = new Map<string, boolean>();
  for (const spec of SUITE)
    if (spec.needs && !available.has(spec.needs)) available.set(spec.needs, commandAvailable(spec.needs));

  const corpora = o.scales.map((s) => ({ scale: s, ...ensureCorpus(s, o.out, log) }));
  const measured: Measured[] = [];
  let failures = 0;

  for (const c of corpora) {
    const specs = SUITE.filter((s) => !o.only || o.only.has(s.id));
    const samples = new Map<BenchId, Sample[]>();
    for (const spec of specs) {
      if (spec.needs && !available.get(spec.needs)) {
        measured.push({ scale: c.scale, id: spec.id, status: "not available", samples: [] });
        continue;
      }
      samples.set(spec.id, []);
    }
    // Round-robin over the commands, so that a slow spell of the machine spreads over all.
    for (let run = 1; run <= o.runs; run++) {
      for (const spec of specs) {
        const list = samples.get(spec.id);
        if (!list) continue;
        if (list.length > 0 && !spec.okCodes.includes(list[list.length - 1]?.code ?? -1)) continue;
        progress.update(`scale ${c.scale} · ${spec.label} · run ${run}/${o.runs}`);
        const stdoutFile = spec.keepStdout
          ? join(o.out, "out", `${spec.id}-scale-${c.scale}.out`)
          : undefined;
        const sample = await runOnce({
          nodeArgs: spec.nodeArgs(REPO, c.dir),
          cwd: REPO,
          ...(stdoutFile && { stdoutFile }),
        });
        list.push(sample);
        if (!process.stderr.isTTY)
          log(
            `scale ${c.scale} ${spec.id} run ${run}/${o.runs}: ${fmtMs(sample.wallMs)} (CPU ${sample.cpuMs === undefined ? "?" : fmtMs(sample.cpuMs)}), ${fmtMb(sample.peakRss)}, exit ${sample.code}\n`,
          );
        if (stdoutFile && run === 1 && spec.okCodes.includes(sample.code ?? -1)) {
          const leaks = leakedKeys(stdoutFile, c.scale);
          if (leaks > 0) {
            log(`scale ${c.scale} ${spec.id}: PRIVATE KEY MATERIAL IN THE OUTPUT (${leaks} matches)\n`);
            failures++;
          }
        }
      }
    }
    for (const [id, list] of samples) {
      const spec = SUITE.find((s) => s.id === id);
      const bad = list.find((s) => !spec?.okCodes.includes(s.code ?? -1));
      if (bad) {
        failures++;
        log(`scale ${c.scale} ${id}: exit ${bad.code}\n${bad.stderrTail}\n`);
        measured.push({ scale: c.scale, id, status: "failed", samples: list, message: bad.stderrTail });
      } else measured.push({ scale: c.scale, id, status: "ok", samples: list });
    }
  }

  const cold: Results["cold"] = { runs: o.coldRuns, samples: { "f-gwctl": [], "f-node": [] } };
  if (!o.only || o.only.has("f")) {
    for (let run = 1; run <= o.coldRuns; run++) {
      for (const c of COLD) {
        progress.update(`cold start · ${c.label} · run ${run}/${o.coldRuns}`);
        cold.samples[c.id].push(await runOnce({ nodeArgs: c.nodeArgs(REPO), cwd: REPO }));
      }
    }
  }
  progress.clear();

  const results: Results = {
    machine: machine(loadAtStart),
    runs: o.runs,
    corpora: corpora.map((c) => ({ scale: c.scale, meta: c.meta })),
    measured,
    cold,
  };
  writeFileSync(join(o.out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results);
  process.stdout.write(report);
  if (o.doc) {
    writeDocFormatted(report);
    log("wrote docs/performance.md\n");
  }
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
