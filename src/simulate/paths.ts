/**
 * The small pieces of URL handling Envoy applies to `:path` and `:authority` before routing
 * (http/path_utility.cc, HeaderUtility::getPortStart).
 */

/** The path without `?query` and `#fragment`: what prefix, path and regex matches look at. */
export function pathOnly(path: string): string {
  const i = path.search(/[?#]/);
  return i === -1 ? path : path.slice(0, i);
}

/** The `?query#fragment` tail of a path ("" when there is none). */
export function queryTail(path: string): string {
  return path.slice(pathOnly(path).length);
}

/** RFC 3986 §5.2.4 remove_dot_segments, which `normalize_path: true` applies to the path part. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/");
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    const last = i === segments.length - 1;
    if (s === ".") {
      if (last) out.push("");
      continue;
    }
    if (s === "..") {
      if (out.length > 1) out.pop();
      if (last) out.push("");
      continue;
    }
    out.push(s);
  }
  const joined = out.join("/");
  return joined.startsWith("/") ? joined : `/${joined}`;
}

/** `merge_slashes: true`: runs of slashes in the path part become one. */
export function mergeSlashes(path: string): string {
  return path.replace(/\/{2,}/g, "/");
}

/** Where the `:port` of an authority starts, or -1 (IPv6 literals keep their colons). */
export function portStart(authority: string): number {
  const colon = authority.lastIndexOf(":");
  if (colon === -1) return -1;
  const v6End = authority.lastIndexOf("]");
  return v6End === -1 || v6End < colon ? colon : -1;
}

/** The authority without its port. */
export function hostOnly(authority: string): string {
  const i = portStart(authority);
  return i === -1 ? authority : authority.slice(0, i);
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith("[") || host.includes(":");
}
