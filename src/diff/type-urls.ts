import { TYPE_PREFIX } from "../envoy/types.js";

/**
 * The `type-urls` normalisation: one message, one name. Envoy's v2 API (removed in Envoy
 * 1.18) named the same messages differently, and older Envoys and istiods disagreed on which
 * to print (istio/istio#23735). Renamed packages are listed; the filter extensions follow one
 * rule (envoy.config.filter.KIND.NAME.v2[alphaN] → envoy.extensions.filters.KIND.NAME.v3).
 */

const RENAMED: Readonly<Record<string, string>> = {
  "envoy.api.v2.Cluster": "envoy.config.cluster.v3.Cluster",
  "envoy.api.v2.Listener": "envoy.config.listener.v3.Listener",
  "envoy.api.v2.RouteConfiguration": "envoy.config.route.v3.RouteConfiguration",
  "envoy.api.v2.ScopedRouteConfiguration": "envoy.config.route.v3.ScopedRouteConfiguration",
  "envoy.api.v2.ClusterLoadAssignment": "envoy.config.endpoint.v3.ClusterLoadAssignment",
  "envoy.api.v2.auth.Secret": "envoy.extensions.transport_sockets.tls.v3.Secret",
  "envoy.api.v2.auth.UpstreamTlsContext": "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
  "envoy.api.v2.auth.DownstreamTlsContext": "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
  "envoy.config.accesslog.v2.FileAccessLog": "envoy.extensions.access_loggers.file.v3.FileAccessLog",
  "envoy.config.transport_socket.tap.v2alpha.Tap": "envoy.extensions.transport_sockets.tap.v3.Tap",
  "udpa.type.v1.TypedStruct": "xds.type.v3.TypedStruct",
};

const FILTER_V2 = /^envoy\.config\.filter\.([a-z_]+)\.([a-z0-9_]+)\.v2(?:alpha\d*)?\.([A-Za-z0-9_]+)$/;
const ADMIN_V2 = /^envoy\.admin\.v2alpha\.([A-Za-z0-9_]+)$/;

/** The v3 name of a type URL, or the URL itself when it has no other name. */
export function v3TypeUrl(url: string): string {
  if (!url.startsWith(TYPE_PREFIX)) return url;
  const name = url.slice(TYPE_PREFIX.length);
  const renamed = RENAMED[name];
  if (renamed) return TYPE_PREFIX + renamed;
  const f = FILTER_V2.exec(name);
  if (f) return `${TYPE_PREFIX}envoy.extensions.filters.${f[1]}.${f[2]}.v3.${f[3]}`;
  const a = ADMIN_V2.exec(name);
  if (a) return `${TYPE_PREFIX}envoy.admin.v3.${a[1]}`;
  return url;
}

/**
 * The comparison's equivalence for type-urls: two values of an "@type" or a TypedStruct's
 * "type_url" are the same when they name the same message. Asked only where two values
 * differ, so it costs nothing on equal resources.
 */
export function sameTypeUrl(field: string | undefined, a: unknown, b: unknown): boolean {
  return (
    (field === "@type" || field === "type_url") &&
    typeof a === "string" &&
    typeof b === "string" &&
    v3TypeUrl(a) === v3TypeUrl(b)
  );
}
