import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "../bench/prng.js";
import { FIXTURES } from "../helpers/walkthrough.js";
import { fuzzDump, fuzzManifests, mutate } from "./mutate.js";

/**
 * A short seeded mutation run on every npm test; `npm run fuzz` runs longer ones. The
 * fixtures are those where earlier runs found internal errors (null list elements, tls
 * routes without match, traffic policies of the wrong type, dump configs that are not
 * objects).
 */
describe("mutated inputs never end in an internal error", () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), "gwctl-mutate-"));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("mutate replaces exactly one value, the same way for the same seed", () => {
    const root = { a: { b: [1, 2], c: "x" } };
    const one = mutate(root, new Rng("s"));
    const two = mutate(root, new Rng("s"));
    assert.deepEqual(one, two);
    assert.deepEqual(root, { a: { b: [1, 2], c: "x" } }, "the original is untouched");
    assert.notDeepEqual(one.value, root);
  });

  for (const fixture of ["walkthrough/08-tcp", "xds-golden/dr-cluster-policy", "simulation-cases/S13"]) {
    it(`manifests of ${fixture}`, async function () {
      this.timeout(60000);
      const findings = await fuzzManifests(join(FIXTURES, fixture), "npm-test", 12, join(work, fixture));
      assert.deepEqual(findings, []);
    });
  }

  it("a captured dump", async function () {
    this.timeout(60000);
    const file = join(FIXTURES, "upstream", "istio-configdump", "configdump.json");
    assert.deepEqual(await fuzzDump(file, "npm-test", 12, join(work, "dump")), []);
  });
});
