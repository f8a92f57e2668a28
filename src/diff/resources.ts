import {
  clusters,
  endpointConfigs,
  type Located,
  listeners,
  routeConfigs,
  secrets,
  section,
} from "../envoy/configdump.js";
import { type ConfigDump, DUMP_TYPES, isJsonObject, type Json, type JsonObject } from "../envoy/types.js";
import { jsonEqual } from "./compare.js";
import type { ResourceType } from "./types.js";

/**
 * One side of a diff, keyed: every resource of every type in a Map by the name Envoy knows
 * it by. Only the resources are kept; the dump entries around them (version_info,
 * last_updated, the entry's name, client_status) are dropped here, which is the
 * `volatile-fields` rule.
 */

export interface Keyed {
  readonly resource: JsonObject;
  readonly isStatic: boolean;
}

export interface Side {
  /** undefined: the dump has no section for the type (not "an empty section"). */
  readonly byType: Readonly<Record<ResourceType, ReadonlyMap<string, Keyed> | undefined>>;
  /** Facts about the dump worth a line on stderr (duplicates, rejected updates, warming resources). */
  readonly notes: readonly string[];
}

const SECTIONS: Readonly<Record<ResourceType, string>> = {
  listeners: DUMP_TYPES.listeners,
  routes: DUMP_TYPES.routes,
  clusters: DUMP_TYPES.clusters,
  endpoints: DUMP_TYPES.endpoints,
  secrets: DUMP_TYPES.secrets,
};

function str(v: Json | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Istio's listener name for an address (0.0.0.0_8080), for listeners without a name (static ones). */
function listenerKey(l: JsonObject): string | undefined {
  const name = str(l.name);
  if (name) return name;
  const addr = isJsonObject(l.address) ? l.address : undefined;
  const sa = addr && isJsonObject(addr.socket_address) ? addr.socket_address : undefined;
  if (sa) return `${String(sa.address ?? "")}_${String(sa.port_value ?? "")}`;
  const pipe = addr && isJsonObject(addr.pipe) ? addr.pipe : undefined;
  return pipe ? `pipe:${String(pipe.path ?? "")}` : undefined;
}

/**
 * Route configurations written inline in a listener's HTTP connection manager (the static
 * 15090 and 15021 listeners of Istio's bootstrap) have no name; Envoy lists them as static
 * route configs. They are known by the listener that holds them: "(inline in 0.0.0.0_15090)".
 */
function inlineRouteConfigs(dump: ConfigDump): { key: string; config: JsonObject }[] {
  const out: { key: string; config: JsonObject }[] = [];
  for (const l of listeners(dump)) {
    const owner = listenerKey(l.resource) ?? "?";
    const chains = [
      ...(Array.isArray(l.resource.filter_chains) ? l.resource.filter_chains : []),
      l.resource.default_filter_chain,
    ];
    let n = 0;
    for (const chain of chains) {
      if (!isJsonObject(chain) || !Array.isArray(chain.filters)) continue;
      for (const f of chain.filters) {
        const tc = isJsonObject(f) ? f.typed_config : undefined;
        if (!isJsonObject(tc) || !isJsonObject(tc.route_config)) continue;
        n++;
        out.push({ key: `(inline in ${owner}${n > 1 ? ` #${n}` : ""})`, config: tc.route_config });
      }
    }
  }
  return out;
}

function locatedOf(dump: ConfigDump, type: ResourceType): Located<JsonObject>[] {
  switch (type) {
    case "listeners":
      return listeners(dump);
    case "routes":
      return routeConfigs(dump);
    case "clusters":
      // Warming clusters are not serving yet; active ones first so they win a duplicate.
      return clusters(dump, true);
    case "endpoints":
      return endpointConfigs(dump);
    case "secrets": {
      // configdump.secrets lists warming first (istioctl's table order); here the active
      // secret must win when a name is both active and warming.
      const all = secrets(dump);
      return [...all.filter((s) => s.status !== "warming"), ...all.filter((s) => s.status === "warming")];
    }
  }
}

/** Warming listeners and rejected updates: what Envoy holds but does not serve. */
function entryNotes(dump: ConfigDump, label: string): string[] {
  const notes: string[] = [];
  for (const c of dump.configs) {
    for (const list of Object.values(c)) {
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (!isJsonObject(entry)) continue;
        const err = entry.error_state;
        if (isJsonObject(err)) {
          const name = str(entry.name) ?? "?";
          const details = str(err.details) ?? "no details";
          notes.push(`${label}: Envoy rejected the last update of ${name}: ${details}`);
        }
        if (isJsonObject(entry.warming_state) && !isJsonObject(entry.active_state)) {
          notes.push(
            `${label}: listener ${str(entry.name) ?? "?"} is warming (not serving yet), so not compared`,
          );
        }
      }
    }
  }
  return notes;
}

/** A dump's route config carries an "@type" its inline original does not. */
function stripType(r: JsonObject): JsonObject {
  if (!Object.hasOwn(r, "@type")) return r;
  const { "@type": _, ...rest } = r;
  return rest;
}

export function keyResources(dump: ConfigDump, label: string): Side {
  const notes = entryNotes(dump, label);
  const byType = {} as Record<ResourceType, Map<string, Keyed> | undefined>;
  for (const type of Object.keys(SECTIONS) as ResourceType[]) {
    if (!section(dump, SECTIONS[type])) {
      byType[type] = undefined;
      continue;
    }
    const map = new Map<string, Keyed>();
    let unnamed = 0;
    const inline = type === "routes" ? inlineRouteConfigs(dump) : [];
    for (const l of locatedOf(dump, type)) {
      const r = l.resource;
      let key: string | undefined;
      if (type === "listeners") key = listenerKey(r);
      else if (type === "endpoints") key = str(r.cluster_name);
      else if (type === "secrets") key = str(r.name) ?? str(l.wrapper.name);
      else key = str(r.name);
      if (key === undefined && type === "routes") {
        key = inline.find((i) => !map.has(i.key) && jsonEqual(i.config, stripType(r)))?.key;
      }
      // Anything else without a name is numbered in dump order.
      key ??= `(unnamed #${++unnamed})`;
      if (map.has(key)) {
        if (l.status !== "warming")
          notes.push(`${label}: ${type} "${key}" appears twice; the first is compared`);
        continue;
      }
      map.set(key, { resource: r, isStatic: l.status === "static" });
    }
    byType[type] = map;
  }
  return { byType, notes };
}
