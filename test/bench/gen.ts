import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { type CorpusCounts, corpusFiles } from "./corpus.js";
import { asLiveDump, type Drift, driftedDump, simulateCorpus } from "./dump.js";
import { progressLine } from "./progress.js";

/**
 * `npm run bench:gen -- --scale N --out DIR`: writes the benchmark corpus of scale N into DIR
 * (YAML manifests, one folder per namespace), DIR/dump.json (its simulated config dump, as a
 * live Envoy prints it) and DIR/dump-changed.json (the same after a push with ~1% drift).
 * DIR/.corpus.json describes what was written. The same N always gives the same bytes.
 */

export const CORPUS_META = ".corpus.json";
const SOURCES = ["gen.ts", "corpus.ts", "certs.ts", "prng.ts", "dump.ts"];

export interface CorpusMeta {
  readonly generator: string;
  readonly scale: number;
  readonly counts: CorpusCounts;
  readonly files: number;
  readonly yamlBytes: number;
  readonly dumpBytes: number;
  readonly changedDumpBytes: number;
  readonly drift: Drift;
  readonly gwctlStderr: string;
}

/** A digest of the generator's own sources: a corpus written by another version is stale. */
export function generatorVersion(): string {
  const h = createHash("sha256");
  for (const f of SOURCES) h.update(readFileSync(join(import.meta.dirname, f)));
  return h.digest("hex").slice(0, 16);
}

export function readCorpusMeta(dir: string): CorpusMeta | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, CORPUS_META), "utf8")) as CorpusMeta;
  } catch {
    return undefined;
  }
}

function toYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
}

/** Clear DIR for a new corpus; refuse a folder that holds something else. */
function prepare(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, CORPUS_META)) && !existsSync(join(dir, "istio-system")))
      throw new Error(`${dir} is not empty and holds no benchmark corpus; not overwriting it`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

export function generate(scale: number, dir: string, log: (s: string) => void = () => {}): CorpusMeta {
  prepare(dir);
  const progress = progressLine(process.stderr);
  let files = 0;
  let yamlBytes = 0;
  const it = corpusFiles(scale);
  let next = it.next();
  while (!next.done) {
    const f = next.value;
    const text = toYaml(f.objects);
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files++;
    yamlBytes += Buffer.byteLength(text);
    progress.update(`scale ${scale}: wrote ${files} files (${(yamlBytes / 1e6).toFixed(1)} MB)`);
    next = it.next();
  }
  const counts = next.value;
  progress.update(`scale ${scale}: simulating the config dump of ${counts.virtualServices} VirtualServices`);
  const sim = simulateCorpus(dir);
  if (sim.errors > 0) throw new Error(`gwctl reported input errors on the corpus:\n${sim.stderr}`);
  progress.update(`scale ${scale}: writing dump.json`);
  const dumpText = `${JSON.stringify(asLiveDump(sim.dump, 42), null, 2)}\n`;
  writeFileSync(join(dir, "dump.json"), dumpText);
  const changed = driftedDump(sim.dump);
  const changedText = `${JSON.stringify(changed.dump, null, 2)}\n`;
  writeFileSync(join(dir, "dump-changed.json"), changedText);
  progress.clear();
  const meta: CorpusMeta = {
    generator: generatorVersion(),
    scale,
    counts,
    files,
    yamlBytes,
    dumpBytes: Buffer.byteLength(dumpText),
    changedDumpBytes: Buffer.byteLength(changedText),
    drift: changed.drift,
    gwctlStderr: sim.stderr,
  };
  writeFileSync(join(dir, CORPUS_META), `${JSON.stringify(meta, null, 2)}\n`);
  log(
    `scale ${scale}: ${counts.virtualServices} VirtualServices, ${counts.destinationRules} DestinationRules, ` +
      `${counts.services} Services, ${counts.pods} pods, ${counts.endpointSlices} EndpointSlices, ` +
      `${counts.gateways} Gateways (${counts.servers} servers), ${counts.secrets} Secrets in ${files} files: ` +
      `${(yamlBytes / 1e6).toFixed(1)} MB of YAML, dump.json ${(meta.dumpBytes / 1e6).toFixed(1)} MB\n`,
  );
  return meta;
}

function parseArgs(argv: readonly string[]): { scale: number; out: string } {
  let scale: number | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--scale") scale = Number(argv[++i]);
    else if (a === "--out") out = argv[++i];
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run bench:gen -- --scale N --out DIR\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (scale === undefined || !Number.isFinite(scale) || scale <= 0)
    throw new Error("--scale N is required (a positive number; 1 ≈ 2,500 VirtualServices)");
  if (!out) throw new Error("--out DIR is required");
  return { scale, out };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  try {
    const { scale, out } = parseArgs(process.argv.slice(2));
    generate(scale, out, (s) => process.stderr.write(s));
  } catch (e) {
    process.stderr.write(`bench:gen: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
