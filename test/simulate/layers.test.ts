import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * DESIGN.md's layers for the code this feature adds: src/simulate walks a dump and may import
 * only src/envoy (plus packages); src/describe joins the mesh with a dump and may import
 * mesh, xds, envoy, simulate and profiles — never the CLI.
 */

const SRC = join(import.meta.dirname, "..", "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The top-level folders of src/ a file imports from. */
function importedLayers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/from "(\.[^"]+)"/g)) {
    const target = relative(SRC, join(file, "..", m[1] as string));
    out.push(target.split("/")[0] as string);
  }
  return out;
}

function check(layer: string, allowed: string[]): void {
  for (const f of files(join(SRC, layer))) {
    for (const l of importedLayers(f)) {
      assert.ok([layer, ...allowed].includes(l), `${relative(SRC, f)} imports src/${l}`);
    }
  }
}

describe("layers", () => {
  it("src/simulate imports only src/envoy", () => check("simulate", ["envoy"]));
  it("src/describe imports mesh, xds, envoy, simulate and profiles", () =>
    check("describe", ["mesh", "xds", "envoy", "simulate", "profiles"]));
});
