import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simulationContext } from "../../src/cli/simulation-context.js";
import { buildRequest, type CurlOptions } from "../../src/simulate/request.js";
import type { SimulationResult } from "../../src/simulate/result.js";
import { simulateRequest } from "../../src/simulate/simulate.js";
import { FIXTURES, simulate, step } from "./walkthrough.js";

/** The day the walkthrough's curl commands ran (its `date:` response headers). */
export const WALKTHROUGH_DAY = new Date("2025-04-20T00:30:33Z");

export function cert(path: string): string {
  return readFileSync(join(FIXTURES, "certs", path), "utf8");
}

/** curl options with the walkthrough's client certificate (`--cert`/`--key`). */
export function clientCert(tree: string): CurlOptions["clientCert"] {
  return {
    certPem: cert(`${tree}/client/cert.pem`),
    keyPem: cert(`${tree}/client/key.pem`),
    source: `${tree}/client/cert.pem`,
  };
}

/**
 * Simulate one curl request against a walkthrough step, as `gwctl simulate URL -f STEP` does:
 * the dump translated for the step's gateway, the gateway Service and pods from the manifests.
 */
export function curl(
  stepName: string,
  url: string,
  options: CurlOptions = {},
  workload?: string,
  now: Date = WALKTHROUGH_DAY,
): SimulationResult {
  return curlPaths([step(stepName)], url, options, workload, now);
}

/** The same for any manifest paths. */
export function curlPaths(
  paths: string[],
  url: string,
  options: CurlOptions = {},
  workload?: string,
  now: Date = WALKTHROUGH_DAY,
): SimulationResult {
  const s = simulate(paths, "1.17", workload);
  const built = buildRequest(url, options);
  if (!built.ok) throw new Error(built.error);
  const ctx = simulationContext(
    { dump: s.dump, manifests: { mesh: s.mesh, proxy: s.proxy, listeners: s.listeners }, hadErrors: false },
    now,
    0,
  );
  return simulateRequest(s.dump, built.request, ctx);
}
