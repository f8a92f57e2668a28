/**
 * Envoy's admin ConfigDump in the JSON Envoy itself prints: snake_case field names and an
 * "@type" on every Any. Resources are kept as plain JSON; the helpers in configdump.ts find
 * the sections and the resources inside them.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const TYPE_PREFIX = "type.googleapis.com/";

export const DUMP_TYPES = {
  bootstrap: `${TYPE_PREFIX}envoy.admin.v3.BootstrapConfigDump`,
  clusters: `${TYPE_PREFIX}envoy.admin.v3.ClustersConfigDump`,
  endpoints: `${TYPE_PREFIX}envoy.admin.v3.EndpointsConfigDump`,
  listeners: `${TYPE_PREFIX}envoy.admin.v3.ListenersConfigDump`,
  scopedRoutes: `${TYPE_PREFIX}envoy.admin.v3.ScopedRoutesConfigDump`,
  routes: `${TYPE_PREFIX}envoy.admin.v3.RoutesConfigDump`,
  secrets: `${TYPE_PREFIX}envoy.admin.v3.SecretsConfigDump`,
  ecds: `${TYPE_PREFIX}envoy.admin.v3.EcdsConfigDump`,
} as const;

export const RESOURCE_TYPES = {
  listener: `${TYPE_PREFIX}envoy.config.listener.v3.Listener`,
  cluster: `${TYPE_PREFIX}envoy.config.cluster.v3.Cluster`,
  routeConfiguration: `${TYPE_PREFIX}envoy.config.route.v3.RouteConfiguration`,
  clusterLoadAssignment: `${TYPE_PREFIX}envoy.config.endpoint.v3.ClusterLoadAssignment`,
  secret: `${TYPE_PREFIX}envoy.extensions.transport_sockets.tls.v3.Secret`,
} as const;

/** The whole `GET /config_dump` body. */
export interface ConfigDump {
  configs: JsonObject[];
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The objects of a JSON array (anything else in it, or a non-array, gives none). */
export function objectsIn(v: Json | undefined): JsonObject[] {
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

/** `o[key]` when it is an object. */
export function objectAt(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return isJsonObject(v) ? v : undefined;
}

/** `o[key]` when it is a string. */
export function stringAt(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === "string" ? v : undefined;
}

/** The strings of a JSON array. */
export function stringsIn(v: Json | undefined): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}
