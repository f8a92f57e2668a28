import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * DESIGN.md's layers, checked on the sources: data flows one way, and a folder imports only
 * the folders below it. `profiles` (the one table of release differences) and `x509`
 * (certificate facts) are leaves that import nothing of ours, so any layer may use them.
 */

const SRC = join(import.meta.dirname, "..", "src");
const LEAVES = ["profiles", "x509"];

/** Folder → the folders of src/ it may import (besides itself and the leaves). */
const ALLOWED: Record<string, readonly string[]> = {
  profiles: [],
  x509: [],
  manifests: [],
  envoy: [],
  mesh: ["manifests"],
  xds: ["mesh", "envoy"],
  views: ["envoy"],
  diff: ["envoy"],
  simulate: ["envoy"],
  lint: ["mesh", "manifests"],
  // describe joins the mesh with a dump: Gateway → VirtualService → DestinationRule → pods,
  // with simulate's chain and domain matching, so it sits above both (docs/architecture.md).
  describe: ["mesh", "manifests", "xds", "envoy", "simulate"],
  cli: ["manifests", "mesh", "xds", "envoy", "views", "diff", "simulate", "lint", "describe"],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The top-level folders of src/ a file imports from. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)) {
    out.push(relative(SRC, join(file, "..", m[1] as string)).split("/")[0] as string);
  }
  return out;
}

describe("layers (DESIGN.md)", () => {
  it("every folder of src/ has a rule", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    assert.deepEqual(
      folders.filter((f) => !(f in ALLOWED)),
      [],
    );
  });

  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`src/${folder} imports only ${[...allowed, ...(LEAVES.includes(folder) ? [] : LEAVES)].join(", ") || "nothing of ours"}`, () => {
      const ok = new Set([folder, ...allowed, ...(LEAVES.includes(folder) ? [] : LEAVES)]);
      for (const f of files(join(SRC, folder))) {
        for (const target of importedFolders(f))
          assert.ok(ok.has(target), `${relative(SRC, f)} imports src/${target}`);
      }
    });
  }
});
