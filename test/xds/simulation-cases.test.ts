import assert from "node:assert/strict";
import { join } from "node:path";
import { listeners } from "../../src/envoy/configdump.js";
import type { JsonObject } from "../../src/envoy/types.js";
import { newestLine, oldestLine } from "../../src/profiles/profiles.js";
import { readYaml, runHarness, SIM_CASES } from "../helpers/sim-harness.js";
import { type Call, type Result, runCall } from "../helpers/sim-walker.js";

/**
 * Every scenario and call of ../shared/reference/istio-simulation-cases.md §B, run under that
 * document's harness rules (§A.1) on the oldest line that has the scenario and on the newest.
 * Cases that cannot be reproduced are listed in docs/conformance.md, not skipped here.
 */

interface Expect extends Result {
  readonly strict?: boolean;
}

interface Scenario {
  readonly id: string;
  readonly since: string;
  readonly calls: { id: string; call: Call; expect: Expect }[];
  readonly chains?: { listener: string; serverNames: string[][] };
}

const FIELDS: (keyof Result)[] = [
  "error",
  "listener",
  "filterChain",
  "routeConfig",
  "vhost",
  "route",
  "cluster",
];

function linesFor(since: string): string[] {
  const first = Number(since.split(".")[1]) < Number(oldestLine().split(".")[1]) ? oldestLine() : since;
  return [...new Set([first, newestLine()])];
}

const scenarios = readYaml<Scenario[]>(SIM_CASES, "cases.yaml");

describe("istio gateway simulation cases", () => {
  for (const sc of scenarios) {
    for (const line of linesFor(sc.since)) {
      describe(`${sc.id} on ${line}`, () => {
        const run = () => runHarness([join(SIM_CASES, sc.id)], line);
        for (const c of sc.calls) {
          it(`${c.id}: ${JSON.stringify(c.call)}`, () => {
            const got = runCall(run().dump, c.call);
            const { strict, ...want } = c.expect;
            if (strict) {
              const full: Result = {};
              for (const f of FIELDS) if (want[f] !== undefined) full[f] = want[f];
              assert.deepEqual(got, full);
            } else {
              assert.equal(got.error, want.error, `error (got ${JSON.stringify(got)})`);
              for (const f of FIELDS) if (want[f] !== undefined) assert.equal(got[f], want[f], f);
            }
          });
        }
        if (sc.chains) {
          const spec = sc.chains;
          it(`listener ${spec.listener} has SNI chains ${JSON.stringify(spec.serverNames)}`, () => {
            const l = listeners(run().dump).find((x) => x.resource.name === spec.listener);
            assert.ok(l, spec.listener);
            const names = (l.resource.filter_chains as JsonObject[]).map(
              (fc) => ((fc.filter_chain_match as JsonObject | undefined)?.server_names as string[]) ?? [],
            );
            assert.deepEqual(names, spec.serverNames);
          });
        }
      });
    }
  }
});
