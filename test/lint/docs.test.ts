import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { celRules, renderRulesMarkdown } from "../../src/lint/docs.js";
import { RULES } from "../../src/lint/registry.js";
import { PORTED_CEL_RULES } from "../../src/lint/schema/cel.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("lint: rule metadata and docs", () => {
  it("docs/lint-rules.md is up to date (run npm run docs:lint)", () => {
    const committed = readFileSync(join(ROOT, "docs", "lint-rules.md"), "utf8");
    assert.equal(committed, renderRulesMarkdown(RULES));
  });

  it("every rule has complete metadata, a unique id, its own module and its own test file", () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      const m = r.meta;
      assert.ok(!ids.has(m.id), `duplicate id ${m.id}`);
      ids.add(m.id);
      assert.match(m.code, /^(IST\d{4}|GW\d{4})$/, m.id);
      assert.ok(m.name && m.template && m.description && m.docs && m.kinds.length > 0, m.id);
      readFileSync(join(ROOT, "src", "lint", "rules", `${m.id}.ts`));
      readFileSync(join(ROOT, "test", "lint", "rules", `${m.id}.test.ts`));
    }
  });

  it("rules sharing a code share its name, severity and template", () => {
    for (const a of RULES)
      for (const b of RULES)
        if (a.meta.code === b.meta.code)
          assert.deepEqual(
            [a.meta.name, a.meta.severity, a.meta.template],
            [b.meta.name, b.meta.severity, b.meta.template],
          );
  });

  it("every CEL rule of the embedded schemas is ported", () => {
    assert.deepEqual(
      celRules()
        .filter((c) => !PORTED_CEL_RULES[c.rule])
        .map((c) => c.rule),
      [],
    );
  });
});
