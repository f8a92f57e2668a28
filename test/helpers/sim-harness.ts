import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseFiles } from "../../src/manifests/load.js";
import { readManifestPaths } from "../../src/manifests/read.js";
import { buildMesh } from "../../src/mesh/build.js";
import type { Mesh } from "../../src/mesh/model.js";
import { type GatewayProxy, serviceTargetsFor } from "../../src/mesh/workloads.js";
import { type TranslateResult, translate } from "../../src/xds/translate.js";
import { FIXTURES, profile } from "./walkthrough.js";

/**
 * TEST-ONLY: istio's gateway test harness (istio-simulation-cases.md §A.1): no domain suffix,
 * a Router proxy labelled istio=ingressgateway in istio-system with IP 1.1.1.1 and config
 * namespace "default", whose service targets are the ServiceEntry endpoints on its IP.
 */

export const SIM_CASES = join(FIXTURES, "simulation-cases");

export interface HarnessRun extends TranslateResult {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
}

export function loadMesh(paths: string[], domainSuffix = ""): Mesh {
  const read = readManifestPaths(paths, () => "");
  const loaded = parseFiles(read.files, { defaultNamespace: "default" });
  const built = buildMesh(loaded.objects, { domainSuffix });
  if (built.errors.length > 0) throw new Error(JSON.stringify(built.errors));
  return built.mesh;
}

export function harnessProxy(mesh: Mesh, overrides: Partial<GatewayProxy> = {}): GatewayProxy {
  const labels = { istio: "ingressgateway" };
  const ip = "1.1.1.1";
  return {
    name: "gateway",
    namespace: "istio-system",
    configNamespace: "default",
    labels,
    ip,
    serviceAccount: "default",
    serviceTargets: serviceTargetsFor(mesh, "istio-system", labels, ip, []),
    unprivileged: false,
    origin: "pod",
    description: "istio's test gateway proxy",
    ...overrides,
  };
}

/** Translate manifests under the harness rules for one release line. */
export function runHarness(paths: string[], line: string, overrides: Partial<GatewayProxy> = {}): HarnessRun {
  const mesh = loadMesh(paths);
  const proxy = harnessProxy(mesh, overrides);
  return { ...translate({ mesh, proxy, profile: profile(line) }), mesh, proxy };
}

export function readYaml<T>(...parts: string[]): T {
  return parse(readFileSync(join(...parts), "utf8")) as T;
}
