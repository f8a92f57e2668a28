import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { writeLarge } from "../../src/cli/io.js";
import { chooseProfile } from "../../src/cli/version-choice.js";
import { parseFiles } from "../../src/manifests/load.js";
import { readManifestPaths } from "../../src/manifests/read.js";
import { buildMesh } from "../../src/mesh/build.js";
import { DEFAULT_GATEWAY_REF, resolveGatewayProxy } from "../../src/mesh/workloads.js";
import { viewOutput } from "../../src/views/render.js";
import { chunked } from "../../src/views/sink.js";
import { translate } from "../../src/xds/translate.js";

/**
 * Where the time of `gwctl proxy-config all -o json -f DIR` goes, phase by phase, in one
 * process: CPU time (user + system) of each phase, and the live heap after it when run with
 * --expose-gc. What the benchmark cannot see from outside the process.
 *
 *   node --expose-gc --import tsx test/bench/phases.ts DIR [OUT_FILE]
 */

const gc = (globalThis as { gc?: () => void }).gc;

interface Phase {
  readonly name: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly heapMb?: number;
}

export function measurePhases(dir: string, outFile: string): Phase[] {
  const phases: Phase[] = [];
  const step = <T>(name: string, f: () => T): T => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = f();
    const c = process.cpuUsage(c0);
    const wallMs = performance.now() - t0;
    let heapMb: number | undefined;
    if (gc) {
      gc();
      heapMb = process.memoryUsage().heapUsed / 1e6;
    }
    phases.push({ name, cpuMs: (c.user + c.system) / 1000, wallMs, ...(heapMb !== undefined && { heapMb }) });
    return r;
  };
  const read = step("read files", () => readManifestPaths([dir], () => ""));
  const loaded = step("parse YAML (compose + toJS + checks)", () =>
    parseFiles(read.files, { defaultNamespace: "default" }),
  );
  const built = step("build the mesh", () => buildMesh(loaded.objects, { domainSuffix: "cluster.local" }));
  const proxy = step("resolve the gateway", () => resolveGatewayProxy(built.mesh, DEFAULT_GATEWAY_REF, true));
  if ("error" in proxy) throw new Error(proxy.error);
  const profile = chooseProfile(undefined, proxy.proxy.imageVersion).profile;
  const result = step("translate", () => translate({ mesh: built.mesh, proxy: proxy.proxy, profile }));
  const rendered = viewOutput(result.dump, {
    view: "all",
    output: "json",
    profile,
    now: new Date(0),
    filters: {},
  });
  if (!rendered.ok) throw new Error(rendered.message);
  // As the CLI does it: rendered and written in chunks, never one string.
  step("render and write (JSON, streamed)", () => {
    const fd = openSync(outFile, "w");
    const out = chunked((text) => writeLarge({ write: (s: string) => writeSync(fd, s) }, text));
    rendered.write(out.emit);
    out.flush();
    closeSync(fd);
  });
  return phases;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: node --expose-gc --import tsx test/bench/phases.ts DIR [OUT_FILE]\n");
    process.exit(2);
  }
  const out = process.argv[3] ?? join(dir, "..", "phases-out.json");
  const phases = measurePhases(dir, out);
  const total = phases.reduce((n, p) => n + p.cpuMs, 0);
  process.stdout.write(
    "| phase | CPU | wall | share of CPU | live heap after |\n| --- | ---: | ---: | ---: | ---: |\n",
  );
  for (const p of phases) {
    process.stdout.write(
      `| ${p.name} | ${(p.cpuMs / 1000).toFixed(2)} s | ${(p.wallMs / 1000).toFixed(2)} s | ${((100 * p.cpuMs) / total).toFixed(0)}% | ${p.heapMb === undefined ? "–" : `${p.heapMb.toFixed(0)} MB`} |\n`,
    );
  }
  process.stdout.write(`| total | ${(total / 1000).toFixed(2)} s | | | |\n`);
}
