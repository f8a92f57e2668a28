import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../src/diff/rules.js";
import { RESOURCE_TYPES } from "../../src/diff/types.js";

const DOC = readFileSync(join(import.meta.dirname, "..", "..", "docs", "diff.md"), "utf8");
const README = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");

/** The cells of the rows of the normalisations table (its header and rule excluded). */
function tableRows(): string[][] {
  const start = DOC.indexOf("## Normalisations");
  return DOC.slice(start, DOC.indexOf("\n## ", start + 1))
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) =>
      l
        .slice(1, -1)
        .split(" | ")
        .map((c) => c.trim()),
    );
}

describe("docs/diff.md", () => {
  for (const r of RULES) {
    it(`lists the normalisation ${r.name} as ${r.when}, with its reason`, () => {
      const row = tableRows().find((cells) => cells[0] === `\`${r.name}\``);
      assert.ok(row, `no row for ${r.name}`);
      assert.match(row[1] as string, new RegExp(`^${r.when}`));
      assert.equal(row.filter((c) => c !== "").length, 5, "name, when, what, why and source");
    });
  }

  it("has no row for a normalisation the code does not have", () => {
    assert.deepEqual(
      tableRows().map((cells) => cells[0]),
      RULES.map((r) => `\`${r.name}\``),
    );
  });

  it("documents exit codes, --ignore syntax and every type", () => {
    for (const s of ["## Exit codes", "## `--ignore PATH`", "[KEY=VALUE]", "`.**`", ...RESOURCE_TYPES]) {
      assert.ok(DOC.includes(s), s);
    }
  });

  it("the README has an example of gwctl diff", () => {
    assert.match(README, /gwctl diff --base \S+ --head \S+/);
  });
});
