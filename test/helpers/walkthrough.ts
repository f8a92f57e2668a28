import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiles } from "../../src/manifests/load.js";
import { readManifestPaths } from "../../src/manifests/read.js";
import { buildMesh } from "../../src/mesh/build.js";
import type { Mesh } from "../../src/mesh/model.js";
import {
  DEFAULT_GATEWAY_REF,
  type GatewayProxy,
  parseWorkloadRef,
  resolveGatewayProxy,
} from "../../src/mesh/workloads.js";
import { type TranslateResult, translate } from "../../src/xds/translate.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
export const WALKTHROUGH = join(FIXTURES, "walkthrough");

import { profile } from "./fixtures.js";

export { profile };

export interface Simulated extends TranslateResult {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
}

/** Load manifests from paths and translate for a workload (default gateway when omitted). */
export function simulate(
  paths: string[],
  line: string,
  workload?: string,
  domainSuffix = "cluster.local",
): Simulated {
  const read = readManifestPaths(paths, () => "");
  const loaded = parseFiles(read.files, { defaultNamespace: "default" });
  const built = buildMesh(loaded.objects, { domainSuffix });
  const ref = workload ? parseWorkloadRef(workload, "default") : DEFAULT_GATEWAY_REF;
  if ("error" in ref) throw new Error(ref.error);
  const resolved = resolveGatewayProxy(built.mesh, ref, workload === undefined);
  if ("error" in resolved) throw new Error(resolved.error);
  const mesh = resolved.synthetic
    ? { ...built.mesh, services: [...built.mesh.services, resolved.synthetic] }
    : built.mesh;
  return {
    ...translate({ mesh, proxy: resolved.proxy, profile: profile(line) }),
    mesh,
    proxy: resolved.proxy,
  };
}

export function step(name: string): string {
  return join(WALKTHROUGH, name);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), "utf8");
}
