import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { oldestLine, profileFor } from "../../src/profiles/profiles.js";

/** docs/versions.md lists every profile field (the one table of version differences). */
describe("docs/versions.md", () => {
  const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "versions.md"), "utf8");
  const fields = Object.keys(profileFor(oldestLine()) ?? {}).filter((f) => f !== "line");
  for (const f of fields) {
    it(`documents ${f}`, () => assert.match(doc, new RegExp(`\\|\\s*\`${f}\`\\s*\\|`)));
  }
});
