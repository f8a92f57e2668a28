import { clusters, listeners, routeConfigs, section } from "../../src/envoy/configdump.js";
import { type ConfigDump, DUMP_TYPES, type JsonObject } from "../../src/envoy/types.js";

/**
 * TEST-ONLY: the resources a golden file names, taken from a simulated dump. A golden holds
 * `listeners`, `route_configs`, `clusters` and `endpoints` maps from resource name to the
 * exact JSON expected; only the named resources are compared, each one whole.
 */

export interface Golden {
  readonly listeners?: Record<string, JsonObject>;
  readonly route_configs?: Record<string, JsonObject>;
  readonly clusters?: Record<string, JsonObject>;
  readonly endpoints?: Record<string, JsonObject>;
  /** Names that must NOT be in the dump (resources istiod drops). */
  readonly absent?: { listeners?: string[]; clusters?: string[]; route_configs?: string[] };
}

function endpointConfigs(dump: ConfigDump): JsonObject[] {
  const s = section(dump, DUMP_TYPES.endpoints);
  return ((s?.dynamic_endpoint_configs as JsonObject[] | undefined) ?? []).map(
    (e) => e.endpoint_config as JsonObject,
  );
}

export function pick(
  dump: ConfigDump,
  kind: keyof Omit<Golden, "absent">,
  name: string,
): JsonObject | undefined {
  switch (kind) {
    case "listeners":
      return listeners(dump).find((l) => l.status === "active" && l.resource.name === name)?.resource;
    case "route_configs":
      return routeConfigs(dump).find((r) => r.status === "active" && r.resource.name === name)?.resource;
    case "clusters":
      return clusters(dump).find((c) => c.status === "active" && c.resource.name === name)?.resource;
    case "endpoints":
      return endpointConfigs(dump).find((e) => e.cluster_name === name);
  }
}
