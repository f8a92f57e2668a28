import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConfigDump } from "../../src/envoy/types.js";
import { profileFor, type VersionProfile } from "../../src/profiles/profiles.js";
import type { OutputFormat, ViewName } from "../../src/views/render.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures");

/** A file under fixtures/, as text. */
export function fixtureText(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

export function fixtureDump(path: string): ConfigDump {
  return JSON.parse(fixtureText(path)) as ConfigDump;
}

export const UPSTREAM = "upstream/istio-configdump";

/** Envoy Gateway's captured dump whose EDS section is camelCase (staticEndpointConfigs): both spellings in one file. */
export const MIXED_CASE_DUMP = join(
  ROOT,
  "upstream/envoy-dumps/envoyproxy-gateway/internal/cmd/egctl/testdata/config/in/in.all.json",
);

export function profile(line: string): VersionProfile {
  const p = profileFor(line);
  if (!p) throw new Error(`no profile for ${line}`);
  return p;
}

export const VIEWS: readonly ViewName[] = [
  "listeners",
  "routes",
  "clusters",
  "endpoints",
  "secrets",
  "bootstrap",
  "ecds",
  "all",
];
export const OUTPUTS: readonly OutputFormat[] = ["short", "json", "yaml"];
