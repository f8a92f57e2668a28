import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fuzzDump, fuzzManifests } from "./mutate.js";

/**
 * Longer mutation runs than npm test makes (docs/exit-codes.md):
 *
 *   npm run fuzz -- --manifests fixtures/walkthrough/08-tcp [--seed s] [--runs 200]
 *   npm run fuzz -- --dump fixtures/upstream/istio-configdump/configdump.json
 *
 * Prints each distinct internal error once, with the mutation that caused it; exit 1 if any.
 */

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const manifests = arg("--manifests");
const dump = arg("--dump");
const seed = arg("--seed") ?? "1";
const runs = Number(arg("--runs") ?? 200);
if ((manifests === undefined) === (dump === undefined) || !(runs > 0)) {
  process.stderr.write("usage: npm run fuzz -- (--manifests DIR | --dump FILE) [--seed S] [--runs N]\n");
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "gwctl-fuzz-"));
try {
  const findings = manifests
    ? await fuzzManifests(manifests, seed, runs, work)
    : await fuzzDump(dump as string, seed, runs, work);
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.error)) continue;
    seen.add(f.error);
    process.stdout.write(`${f.command}\n  ${f.path} = ${f.junk}\n  ${f.error}\n`);
  }
  process.stdout.write(`${runs} mutations: ${seen.size} distinct internal error(s)\n`);
  process.exitCode = seen.size > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
