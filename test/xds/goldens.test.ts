import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { supportedLines } from "../../src/profiles/profiles.js";
import { type Golden, pick } from "../helpers/golden.js";
import { FIXTURES, simulate } from "../helpers/walkthrough.js";

/**
 * One golden per feature: fixtures/xds-golden/<feature>/manifests.yaml translated for the
 * default ingress gateway (istio-system, Service 80→8080, 443→8443, unprivileged) must give
 * exactly the resources of expected-<line>.json, each compared whole. Each directory's
 * README.md traces every golden to its sources.
 */

const GOLDEN = join(FIXTURES, "xds-golden");
const KINDS = ["listeners", "route_configs", "clusters", "endpoints"] as const;

const FEATURES = readdirSync(GOLDEN)
  .filter((f) => statSync(join(GOLDEN, f)).isDirectory())
  .sort();

for (const feature of FEATURES) {
  const dir = join(GOLDEN, feature);
  const files = readdirSync(dir).filter((f) => /^expected-\d+\.\d+\.json$/.test(f));
  describe(`golden ${feature}`, () => {
    it("has a README tracing its sources and goldens for the oldest and newest line", () => {
      assert.ok(readdirSync(dir).includes("README.md"));
      assert.ok(files.length >= 1);
    });
    it("translates on every supported line", () => {
      for (const line of supportedLines()) {
        const { dump } = simulate([join(dir, "manifests.yaml")], line);
        assert.ok(dump.configs.length > 0, line);
      }
    });
    for (const file of files) {
      const line = (/^expected-(.+)\.json$/.exec(file) as RegExpExecArray)[1] as string;
      it(`matches ${file}`, () => {
        const golden = JSON.parse(readFileSync(join(dir, file), "utf8")) as Golden;
        const { dump } = simulate([join(dir, "manifests.yaml")], line);
        for (const kind of KINDS) {
          for (const [name, expected] of Object.entries(golden[kind] ?? {})) {
            assert.deepStrictEqual(pick(dump, kind, name), expected, `${kind} ${name}`);
          }
        }
        for (const [kind, names] of Object.entries(golden.absent ?? {}))
          for (const name of names ?? [])
            assert.equal(
              pick(dump, kind as (typeof KINDS)[number], name),
              undefined,
              `${kind} ${name} absent`,
            );
      });
    }
  });
}
