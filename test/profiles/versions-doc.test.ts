import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { oldestLine, profileFor } from "../../src/profiles/profiles.js";
import { fieldComments, valuesPerLine, withVersionsTable } from "../../src/profiles/versions-doc.js";

const ROOT = join(import.meta.dirname, "..", "..");
const source = readFileSync(join(ROOT, "src", "profiles", "profiles.ts"), "utf8");
const doc = readFileSync(join(ROOT, "docs", "versions.md"), "utf8");

/** docs/versions.md's table is generated from the one table of version differences. */
describe("docs/versions.md", () => {
  it("is up to date with src/profiles/profiles.ts (npm run docs:versions)", () => {
    assert.equal(doc, withVersionsTable(doc, source));
  });

  it("documents every profile field with a comment that names its source", () => {
    const comments = fieldComments(source);
    for (const f of Object.keys(profileFor(oldestLine()) ?? {}).filter((x) => x !== "line")) {
      assert.ok((comments.get(f) ?? "").length > 10, `field ${f} has no doc comment`);
    }
  });

  it("folds equal values of consecutive lines", () => {
    assert.equal(valuesPerLine("routeVhostNameColumn"), "1.17: false; 1.18–1.31: true");
  });
});
