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

export interface Setup {
  readonly paths: string[];
  /** Istio release line of the translation (default 1.17, the walkthrough's). */
  readonly line?: string;
  readonly workload?: string;
  readonly domainSuffix?: string;
  readonly now?: Date;
}

/**
 * Simulate one request as `gwctl simulate URL -f PATHS` does: the dump translated for the
 * gateway, with the gateway Service and pods from the same manifests.
 */
export function simulateCall(setup: Setup, url: string, options: CurlOptions = {}): SimulationResult {
  const s = simulate(setup.paths, setup.line ?? "1.17", setup.workload, setup.domainSuffix);
  const built = buildRequest(url, options);
  if (!built.ok) throw new Error(built.error);
  const ctx = simulationContext(
    { manifests: { mesh: s.mesh, proxy: s.proxy, listeners: s.listeners } },
    setup.now ?? WALKTHROUGH_DAY,
    0,
  );
  return simulateRequest(s.dump, built.request, ctx);
}

/** A curl request against one walkthrough step. */
export function curl(
  stepName: string,
  url: string,
  options: CurlOptions = {},
  workload?: string,
  now?: Date,
): SimulationResult {
  return curlPaths([step(stepName)], url, options, workload, now);
}

/** The same for any manifest paths. */
export function curlPaths(
  paths: string[],
  url: string,
  options: CurlOptions = {},
  workload?: string,
  now?: Date,
): SimulationResult {
  return simulateCall({ paths, ...(workload && { workload }), ...(now && { now }) }, url, options);
}
