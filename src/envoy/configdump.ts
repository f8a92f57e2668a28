import { type ConfigDump, DUMP_TYPES, isJsonObject, type JsonObject, objectAt, objectsIn } from "./types.js";

/**
 * Finding sections and resources in a snake_case ConfigDump (the way istioctl's
 * pkg/util/configdump does): by exact "@type", tolerant of sections that are absent.
 */

export function section(dump: ConfigDump, typeUrl: string): JsonObject | undefined {
  return dump.configs.find((c) => c["@type"] === typeUrl);
}

/**
 * Every section of type `typeUrl`, in dump order. Envoy writes one EcdsConfigDump per kind of
 * filter that has an ECDS subscription (ecds_filter_http, ecds_filter_network, …, see
 * envoyproxy/envoy source/common/filter/config_discovery_impl.h getConfigDumpType).
 */
export function sections(dump: ConfigDump, typeUrl: string): JsonObject[] {
  return dump.configs.filter((c) => c["@type"] === typeUrl);
}

const objects = objectsIn;
const inner = objectAt;

export interface Located<T> {
  readonly resource: T;
  readonly status: "static" | "active" | "warming" | "draining";
  /** The wrapper entry in the dump (version_info, last_updated, …). */
  readonly wrapper: JsonObject;
}

/** Dynamic active listeners first, then static ones (warming and draining ignored). */
export function listeners(dump: ConfigDump): Located<JsonObject>[] {
  const s = section(dump, DUMP_TYPES.listeners);
  if (!s) return [];
  const out: Located<JsonObject>[] = [];
  for (const d of objects(s.dynamic_listeners)) {
    const active = inner(d, "active_state");
    const l = active && inner(active, "listener");
    if (l) out.push({ resource: l, status: "active", wrapper: d });
  }
  for (const st of objects(s.static_listeners)) {
    const l = inner(st, "listener");
    if (l) out.push({ resource: l, status: "static", wrapper: st });
  }
  return out;
}

/** Dynamic route configurations first, then static ones (dump order kept). */
export function routeConfigs(dump: ConfigDump): Located<JsonObject>[] {
  const s = section(dump, DUMP_TYPES.routes);
  if (!s) return [];
  const out: Located<JsonObject>[] = [];
  for (const d of objects(s.dynamic_route_configs)) {
    const r = inner(d, "route_config");
    if (r) out.push({ resource: r, status: "active", wrapper: d });
  }
  for (const st of objects(s.static_route_configs)) {
    const r = inner(st, "route_config");
    if (r) out.push({ resource: r, status: "static", wrapper: st });
  }
  return out;
}

/** Dynamic active, then static clusters; warming ones only when asked. */
export function clusters(dump: ConfigDump, includeWarming = false): Located<JsonObject>[] {
  const s = section(dump, DUMP_TYPES.clusters);
  if (!s) return [];
  const out: Located<JsonObject>[] = [];
  for (const d of objects(s.dynamic_active_clusters)) {
    const c = inner(d, "cluster");
    if (c) out.push({ resource: c, status: "active", wrapper: d });
  }
  if (includeWarming) {
    for (const d of objects(s.dynamic_warming_clusters)) {
      const c = inner(d, "cluster");
      if (c) out.push({ resource: c, status: "warming", wrapper: d });
    }
  }
  for (const st of objects(s.static_clusters)) {
    const c = inner(st, "cluster");
    if (c) out.push({ resource: c, status: "static", wrapper: st });
  }
  return out;
}

/** ClusterLoadAssignments: dynamic, then static. */
export function endpointConfigs(dump: ConfigDump): Located<JsonObject>[] {
  const s = section(dump, DUMP_TYPES.endpoints);
  if (!s) return [];
  const out: Located<JsonObject>[] = [];
  for (const d of objects(s.dynamic_endpoint_configs)) {
    const e = inner(d, "endpoint_config");
    if (e) out.push({ resource: e, status: "active", wrapper: d });
  }
  for (const st of objects(s.static_endpoint_configs)) {
    const e = inner(st, "endpoint_config");
    if (e) out.push({ resource: e, status: "static", wrapper: st });
  }
  return out;
}

/** Secrets: warming first, then active (istioctl's secret table order); static last. */
export function secrets(dump: ConfigDump): Located<JsonObject>[] {
  const s = section(dump, DUMP_TYPES.secrets);
  if (!s) return [];
  const out: Located<JsonObject>[] = [];
  for (const d of objects(s.dynamic_warming_secrets)) {
    out.push({ resource: inner(d, "secret") ?? {}, status: "warming", wrapper: d });
  }
  for (const d of objects(s.dynamic_active_secrets)) {
    out.push({ resource: inner(d, "secret") ?? {}, status: "active", wrapper: d });
  }
  for (const d of objects(s.static_secrets)) {
    out.push({ resource: inner(d, "secret") ?? {}, status: "static", wrapper: d });
  }
  return out;
}

export function bootstrap(dump: ConfigDump): JsonObject | undefined {
  const s = section(dump, DUMP_TYPES.bootstrap);
  return s ? inner(s, "bootstrap") : undefined;
}

/** node.metadata.ISTIO_VERSION of the bootstrap, if the dump has one. */
export function istioVersionOf(dump: ConfigDump): string | undefined {
  const node = bootstrap(dump)?.node;
  if (!isJsonObject(node)) return undefined;
  const md = node.metadata;
  if (!isJsonObject(md)) return undefined;
  const v = md.ISTIO_VERSION;
  return typeof v === "string" ? v : undefined;
}

/** istioctl's message for a dump without the section a command needs. */
export function missingSection(typeUrl: string): string {
  return `config dump has no configuration type ${typeUrl}`;
}

export type SectionLookup =
  | { readonly ok: true; readonly section: JsonObject }
  | { readonly ok: false; readonly message: string };

/** The section of type `typeUrl`, or istioctl's error for its absence. */
export function requireSection(dump: ConfigDump, typeUrl: string): SectionLookup {
  const s = section(dump, typeUrl);
  return s ? { ok: true, section: s } : { ok: false, message: missingSection(typeUrl) };
}

/**
 * Why a parsed JSON value is not a config dump Envoy could have written, or undefined: every
 * view and diff reads `configs[]` as objects tagged with their `@type`, so anything else is
 * refused at the door with the index that is wrong.
 */
export function configDumpProblem(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    return 'not an Envoy config dump (no "configs" list)';
  const configs = (v as { configs?: unknown }).configs;
  if (!Array.isArray(configs)) return 'not an Envoy config dump (no "configs" list)';
  const bad = configs.findIndex(
    (c) =>
      typeof c !== "object" ||
      c === null ||
      Array.isArray(c) ||
      typeof (c as JsonObject)["@type"] !== "string",
  );
  if (bad !== -1)
    return `not an Envoy config dump: configs[${bad}] is ${JSON.stringify(configs[bad])?.slice(0, 60) ?? "undefined"}, not an object with an "@type"`;
  return undefined;
}
