import type { JsonObject } from "../envoy/types.js";
import type { HTTPMatchRequest, StringMatch } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * VirtualService match → Envoy RouteMatch (route/route.go TranslateRouteMatch), in Envoy's
 * field-number order: prefix(1)/path(2), case_sensitive(4), headers(6), query_parameters(7),
 * safe_regex(10), dynamic_metadata(13).
 */

const HEADER_METHOD = ":method";
const HEADER_AUTHORITY = ":authority";
const HEADER_SCHEME = ":scheme";
const JWT_CLAIM_HEADER = "@request.auth.claims";

/** util.ConvertToEnvoyMatch: exact, prefix or safe_regex; undefined for an empty match. */
export function stringMatcher(m: StringMatch): JsonObject | undefined {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safe_regex: { regex: m.regex } };
  return undefined;
}

/** canBeConvertedToPresentMatch: no match type at all, or the regex "*". */
function isPresentMatch(m: StringMatch | undefined): boolean {
  if (!m) return true;
  if (m.exact === undefined && m.prefix === undefined && m.regex === undefined) return true;
  return m.regex === "*";
}

/** HeaderMatcher: name(1), present_match(7), invert_match(8), string_match(13), treat_missing_header_as_empty(14). */
function headerMatcher(name: string, m: StringMatch | undefined): JsonObject {
  if (isPresentMatch(m)) return { name, present_match: true };
  const sm = m && stringMatcher(m);
  return sm ? { name, string_match: sm } : { name };
}

function invertHeader(h: JsonObject, treatMissing: boolean): JsonObject {
  const out: JsonObject = { name: h.name as string };
  if (h.present_match) out.present_match = true;
  out.invert_match = true;
  if (h.string_match) out.string_match = h.string_match;
  if (treatMissing) out.treat_missing_header_as_empty = true;
  return out;
}

function queryMatcher(name: string, m: StringMatch | undefined): JsonObject {
  if (isPresentMatch(m)) return { name, present_match: true };
  const sm = m && stringMatcher(m);
  return sm ? { name, string_match: sm } : { name };
}

/**
 * The claim path of a JWT-claim header ("@request.auth.claims.a.b" → [a, b]; from 1.19 also
 * "@request.auth.claims[a][b]"), or undefined for other headers (jwt.ToRoutingClaim).
 */
function jwtClaims(name: string, profile: VersionProfile): string[] | undefined {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_HEADER)) return undefined;
  const rest = name.slice(JWT_CLAIM_HEADER.length);
  if (!profile.jwtClaimBrackets) return rest.startsWith(".") ? rest.slice(1).split(".") : undefined;
  if (rest.startsWith(".") && rest.length > 1) return rest.slice(1).split(".");
  if (rest.startsWith("[") && rest.endsWith("]") && rest.length > 2) return rest.slice(1, -1).split("][");
  return undefined;
}

/**
 * MetadataMatcherForJWTClaims: up to 1.20 against istio_authn's request.auth.claims; from
 * 1.21 against jwt_authn's payload, matching either a list element or the string itself.
 */
function jwtMetadataMatcher(
  claims: string[],
  m: StringMatch | undefined,
  profile: VersionProfile,
): JsonObject {
  const value: JsonObject = {};
  const sm = m && stringMatcher(m);
  if (sm) value.string_match = sm;
  const list = { list_match: { one_of: value } };
  if (!profile.jwtClaimExtended)
    return {
      filter: "istio_authn",
      path: ["request.auth.claims", ...claims].map((key) => ({ key })),
      value: list,
    };
  return {
    filter: "envoy.filters.http.jwt_authn",
    path: ["payload", ...claims].map((key) => ({ key })),
    value: { or_match: { value_matchers: [list, value] } },
  };
}

function byName(a: JsonObject, b: JsonObject): number {
  const x = a.name as string;
  const y = b.name as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function translateRouteMatch(m: HTTPMatchRequest | undefined, profile: VersionProfile): JsonObject {
  if (!m) return { prefix: "/" };
  const out: JsonObject = {};
  let regex: string | undefined;
  if (m.uri?.exact !== undefined) out.path = m.uri.exact;
  else if (m.uri?.prefix !== undefined) out.prefix = m.uri.prefix;
  else if (m.uri?.regex !== undefined) regex = m.uri.regex;
  else out.prefix = "/";
  out.case_sensitive = !m.ignoreUriCase;
  const headers: JsonObject[] = [];
  const metadata: JsonObject[] = [];
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    const claims = jwtClaims(name, profile);
    if (claims) metadata.push(jwtMetadataMatcher(claims, sm, profile));
    else headers.push(headerMatcher(name, sm));
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    const claims = jwtClaims(name, profile);
    if (claims) metadata.push({ ...jwtMetadataMatcher(claims, sm, profile), invert: true });
    else
      headers.push(
        invertHeader(
          headerMatcher(name, sm),
          profile.withoutHeadersTreatMissingAsEmpty && !isPresentMatch(sm),
        ),
      );
  }
  headers.sort(byName);
  if (m.method) headers.push(headerMatcher(HEADER_METHOD, m.method));
  if (m.authority) headers.push(headerMatcher(HEADER_AUTHORITY, m.authority));
  if (m.scheme) headers.push(headerMatcher(HEADER_SCHEME, m.scheme));
  if (headers.length > 0) out.headers = headers;
  // istiod walks a Go map here, so its order varies between pushes; gwctl sorts by name.
  const query = Object.entries(m.queryParams ?? {}).map(([name, sm]) => queryMatcher(name, sm));
  if (query.length > 0) out.query_parameters = query.sort(byName);
  if (regex !== undefined) out.safe_regex = { regex };
  if (metadata.length > 0) out.dynamic_metadata = metadata;
  return out;
}

/** IsCatchAllRoute: prefix "/" (or path-separated "/", or regex ".*") with no header, query or metadata match. */
export function isCatchAllRoute(r: JsonObject): boolean {
  const m = r.match as JsonObject | undefined;
  if (!m) return false;
  const catchall =
    m.prefix === "/" ||
    m.path_separated_prefix === "/" ||
    (typeof m.safe_regex === "object" &&
      m.safe_regex !== null &&
      (m.safe_regex as JsonObject).regex === ".*");
  return catchall && !m.headers && !m.query_parameters && !m.dynamic_metadata;
}

/** SortVHostRoutes: catch-all routes to the end, keeping relative order. */
export function sortVhostRoutes(routes: readonly JsonObject[]): JsonObject[] {
  const rest: JsonObject[] = [];
  const catchAll: JsonObject[] = [];
  for (const r of routes) (isCatchAllRoute(r) ? catchAll : rest).push(r);
  return [...rest, ...catchAll];
}
