import assert from "node:assert/strict";
import { lint } from "../../src/lint/engine.js";
import { RULES } from "../../src/lint/registry.js";
import { inputOf, NOW } from "../helpers/lint.js";
import { generateMesh } from "../helpers/scale.js";

/**
 * Lint must stay linear in the number of resources (it is benchmarked at 20,000+
 * VirtualServices): four times the input may take at most about four times as long. Loading
 * is measured apart (it is the manifests layer's cost).
 */
function time(n: number): { ms: number; findings: number } {
  const input = inputOf([{ path: "mesh.yaml", text: generateMesh(n) }]);
  const t = performance.now();
  const findings = lint(input, { now: NOW, certWarnDays: 30, defaultGateway: true }, RULES);
  return { ms: performance.now() - t, findings: findings.length };
}

describe("lint: scale", function () {
  this.timeout(120_000);
  it("is linear: 4x the VirtualServices takes less than 8x the time", () => {
    time(200); // warm up
    const small = time(500);
    const large = time(2000);
    assert.equal(large.findings, 4 * small.findings);
    assert.ok(
      large.ms < 8 * small.ms + 200,
      `500: ${Math.round(small.ms)} ms, 2000: ${Math.round(large.ms)} ms`,
    );
  });
});
