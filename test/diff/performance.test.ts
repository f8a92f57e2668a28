import assert from "node:assert/strict";
import { diffDumps } from "../../src/diff/diff.js";
import type { ConfigDump } from "../../src/envoy/types.js";
import { enlarged, reorderedWithNewTimestamps } from "../helpers/dumps.js";
import { simulate, step } from "../helpers/walkthrough.js";

/** The fastest of `runs` timings of fn, in milliseconds (the least disturbed by other work). */
function fastest(runs: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

describe("diff: cost is linear in the dump", function () {
  this.timeout(120_000);

  // The budget (DESIGN review): diffing a dump against itself costs at most 3× parsing it.
  // Measured on a gateway dump with 3,000 virtual hosts, clusters and endpoint assignments.
  const big = enlarged(simulate([step("05-tls-multi-host")], "1.17").dump, 3000);
  const text = JSON.stringify(big, null, 2);

  for (const [what, other] of [
    ["the same dump, parsed twice", text],
    ["the same dump reordered with new timestamps", JSON.stringify(reorderedWithNewTimestamps(big), null, 2)],
  ] as const) {
    it(`${what}: at most 3× JSON.parse (${(text.length / 1e6).toFixed(0)} MB)`, () => {
      const parse = fastest(5, () => JSON.parse(text));
      const a = JSON.parse(text) as ConfigDump;
      const b = JSON.parse(other) as ConfigDump;
      let equal = false;
      const diff = fastest(5, () => {
        equal = diffDumps(a, b).equal;
      });
      assert.equal(equal, true);
      assert.ok(diff <= 3 * parse, `diff ${diff.toFixed(0)} ms, JSON.parse ${parse.toFixed(0)} ms`);
    });
  }
});
