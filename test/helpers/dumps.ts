import {
  clusters,
  endpointConfigs,
  type Located,
  listeners,
  routeConfigs,
  secrets,
} from "../../src/envoy/configdump.js";
import { type ConfigDump, isJsonObject, type Json, type JsonObject } from "../../src/envoy/types.js";

/**
 * Ways to change a dump without changing what it configures, and lookups to edit one
 * resource of a copy, for diff tests.
 */

export function clone(d: ConfigDump): ConfigDump {
  return structuredClone(d);
}

/** Reverse every list and every object's key order, deep. */
function reverseDeep(v: Json): Json {
  if (Array.isArray(v)) return v.map(reverseDeep).reverse();
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).reverse()) out[k] = reverseDeep(v[k] as Json);
  return out;
}

const UNORDERED = new Set([
  "dynamic_listeners",
  "static_listeners",
  "dynamic_route_configs",
  "static_route_configs",
  "dynamic_active_clusters",
  "static_clusters",
  "dynamic_endpoint_configs",
  "static_endpoint_configs",
  "dynamic_active_secrets",
  "virtual_hosts",
  "filter_chains",
  "lb_endpoints",
  "domains",
  "server_names",
]);

/**
 * What a second fetch of the same Envoy looks like: every list whose order carries no
 * meaning reversed, every object's keys reversed, and new timestamps and versions on every
 * dump entry. Lists whose order matters (filters, routes) keep their order.
 */
export function reorderedWithNewTimestamps(d: ConfigDump): ConfigDump {
  const walk = (v: Json, field?: string): Json => {
    if (Array.isArray(v)) {
      const items = v.map((x) => walk(x, field));
      return field !== undefined && UNORDERED.has(field) ? items.reverse() : items;
    }
    if (!isJsonObject(v)) return v;
    const out: JsonObject = {};
    for (const k of Object.keys(v).reverse()) {
      if (k === "last_updated") out[k] = "2031-02-03T04:05:06.789Z";
      else if (k === "version_info") out[k] = "2031-02-03T04:05:06Z/99";
      else out[k] = walk(v[k] as Json, k);
    }
    return out;
  };
  return walk(d as unknown as JsonObject) as unknown as ConfigDump;
}

export { reverseDeep };

function named(found: Located<JsonObject>[], key: string, name: string, what: string): JsonObject {
  const r = found.find((x) => x.resource[key] === name);
  if (!r) throw new Error(`no ${what} ${name}`);
  return r.resource;
}

export const listenerIn = (d: ConfigDump, name: string) => named(listeners(d), "name", name, "listener");
export const routeIn = (d: ConfigDump, name: string) => named(routeConfigs(d), "name", name, "route config");
export const clusterIn = (d: ConfigDump, name: string) => named(clusters(d), "name", name, "cluster");
export const endpointsIn = (d: ConfigDump, name: string) =>
  named(endpointConfigs(d), "cluster_name", name, "endpoints");
export const secretIn = (d: ConfigDump, name: string) => named(secrets(d), "name", name, "secret");

/** The name of the resource a dump entry holds (or the entry's own name). */
function entryName(entry: Json): string | undefined {
  if (!isJsonObject(entry)) return undefined;
  if (typeof entry.name === "string") return entry.name;
  for (const v of Object.values(entry)) {
    if (!isJsonObject(v)) continue;
    const r = isJsonObject(v.listener) ? v.listener : v;
    const n = r.name ?? r.cluster_name;
    if (typeof n === "string") return n;
  }
  return undefined;
}

/** Remove the dump entry holding the resource `name` from every section list. */
export function removeEntry(d: ConfigDump, name: string): void {
  for (const c of d.configs) {
    for (const [k, v] of Object.entries(c)) {
      if (Array.isArray(v)) c[k] = v.filter((entry) => entryName(entry) !== name);
    }
  }
}

/** The HTTP connection manager config of a filter chain. */
export function hcmOf(chain: JsonObject): JsonObject {
  const f = (chain.filters as JsonObject[]).find(
    (x) => x.name === "envoy.filters.network.http_connection_manager",
  );
  if (!f) throw new Error("no http_connection_manager in the chain");
  return f.typed_config as JsonObject;
}

/** Add last_updated and version_info to every dump entry, as a live Envoy has them. */
export function withTimestamps(d: ConfigDump, when: string): ConfigDump {
  const out = clone(d);
  for (const c of out.configs) {
    for (const v of Object.values(c)) {
      if (!Array.isArray(v)) continue;
      for (const entry of v) {
        if (!isJsonObject(entry)) continue;
        entry.last_updated = when;
        entry.version_info = `${when}/1`;
      }
    }
  }
  return out;
}

/**
 * A large gateway dump built from a small one: `n` more virtual hosts in one route
 * configuration, `n` more clusters and `n` more endpoint assignments, each a copy of the
 * webapp ones under a new name. The shape of a gateway with n VirtualServices.
 */
export function enlarged(seed: ConfigDump, n: number): ConfigDump {
  const d = clone(seed);
  const rc = routeConfigs(d).find((r) => Array.isArray(r.resource.virtual_hosts))?.resource;
  const vh = (rc?.virtual_hosts as JsonObject[] | undefined)?.[0];
  if (rc && vh) {
    rc.virtual_hosts = Array.from({ length: n }, (_, i) => ({
      ...structuredClone(vh),
      name: `host${i}.example.com:443`,
      domains: [`host${i}.example.com`],
    }));
  }
  for (const c of d.configs) {
    for (const [list, field, nameField] of [
      ["dynamic_active_clusters", "cluster", "name"],
      ["dynamic_endpoint_configs", "endpoint_config", "cluster_name"],
    ] as const) {
      const entries = c[list];
      if (!Array.isArray(entries)) continue;
      const model = entries.find((e) => JSON.stringify(e).includes("webapp")) as JsonObject | undefined;
      if (!model) continue;
      for (let i = 0; i < n; i++) {
        const copy = structuredClone(model);
        (copy[field] as JsonObject)[nameField] = `outbound|80||svc${i}.ns.svc.cluster.local`;
        entries.push(copy);
      }
    }
  }
  return d;
}
