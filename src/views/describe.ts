import { type JsonObject, objectAt, stringAt } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";

/** Cell texts the listener, route and cluster tables share (istioctl's describe* helpers). */

/**
 * A route match as istioctl prints it: `prefix*`, `PathPrefix:p`, `path`, `regex re`, joined
 * by spaces; headers and other matchers are not shown.
 */
export function describeMatch(match: JsonObject | undefined, profile: VersionProfile): string {
  if (!match) return "";
  const conds: string[] = [];
  const prefix = stringAt(match, "prefix");
  if (prefix) conds.push(`${prefix}*`);
  const separated = stringAt(match, "path_separated_prefix");
  if (separated && profile.routeMatchPathSeparatedPrefix) conds.push(`PathPrefix:${separated}`);
  const path = stringAt(match, "path");
  if (path) conds.push(path);
  const regex = objectAt(match, "safe_regex");
  if (regex) conds.push(`regex ${stringAt(regex, "regex") ?? ""}`);
  return conds.join(" ");
}

/**
 * The Istio resource behind a route or cluster, from its `istio.config` metadata
 * (/apis/networking.istio.io/<version>/namespaces/<ns>/<kind>/<name>) as `<name>.<ns>`.
 */
export function describeManagement(metadata: JsonObject | undefined, profile: VersionProfile): string {
  const istio = metadata && objectAt(objectAt(metadata, "filter_metadata") ?? {}, "istio");
  if (!istio || !("config" in istio)) return "";
  const path = stringAt(istio, "config") ?? "";
  const prefix = profile.configPathAnyVersion
    ? "/apis/networking.istio.io/"
    : "/apis/networking.istio.io/v1alpha3/namespaces/";
  if (!path.startsWith(prefix)) return "<unknown>";
  const pieces = path.split("/");
  return pieces.length === 8 ? `${pieces[7]}.${pieces[5]}` : "";
}
