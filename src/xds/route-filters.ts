import type { JsonObject } from "../envoy/types.js";
import type { CorsPolicy, HTTPFaultInjection } from "../mesh/istio-types.js";
import { GRPC_STATUS_CODES } from "../mesh/status-codes.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { parseGoDuration, protoDuration } from "./durations.js";
import { stringMatcher } from "./route-match.js";

/**
 * Per-route CORS and fault configurations (route/route.go TranslateCORSPolicy, TranslateFault),
 * in Envoy's field-number order.
 */

const T = "type.googleapis.com/";

function percent(value: number): JsonObject {
  // translatePercentToFractionalPercent: uint32(value * 10000) of a MILLION.
  return { numerator: Math.trunc(value * 10000), denominator: "MILLION" };
}

function hundredths(value: number | undefined): JsonObject {
  // translateIntegerToFractionalPercent: numerator of HUNDRED, the enum's zero value.
  return value ? { numerator: value } : {};
}

/**
 * HTTPFault: delay(1) {fixed_delay(3), percentage(4)}, abort(2) {http_status(2),
 * percentage(3), grpc_status(5)}. A delay without fixedDelay or an abort without an HTTP or
 * gRPC status is dropped; with neither left the config is an empty HTTPFault.
 */
export function faultConfig(f: HTTPFaultInjection): JsonObject {
  const out: JsonObject = { "@type": `${T}envoy.extensions.filters.http.fault.v3.HTTPFault` };
  if (f.delay?.fixedDelay) {
    out.delay = {
      fixed_delay: protoDuration(f.delay.fixedDelay),
      percentage: f.delay.percentage ? percent(f.delay.percentage.value ?? 0) : hundredths(f.delay.percent),
    };
  }
  const abort = f.abort;
  if (abort && (abort.httpStatus !== undefined || abort.grpcStatus !== undefined)) {
    const a: JsonObject = {};
    if (abort.httpStatus !== undefined) a.http_status = abort.httpStatus;
    if (abort.percentage) a.percentage = percent(abort.percentage.value ?? 0);
    if (abort.httpStatus === undefined && abort.grpcStatus !== undefined) {
      const code = GRPC_STATUS_CODES.indexOf(abort.grpcStatus.toUpperCase());
      // A oneof member is printed even when it is the zero value (OK).
      if (code >= 0) a.grpc_status = code;
    }
    out.abort = a;
  }
  return out;
}

function corsOrigins(c: CorsPolicy): JsonObject[] | undefined {
  if (c.allowOrigins) return c.allowOrigins.map((o) => stringMatcher(o) ?? {});
  if (c.allowOrigin) return c.allowOrigin.map((o) => ({ exact: o }));
  return undefined;
}

/** max_age: whole seconds of the duration, as a string. */
function maxAge(c: CorsPolicy): string | undefined {
  if (!c.maxAge) return undefined;
  return String(Math.trunc((parseGoDuration(c.maxAge) ?? 0) / 1e9));
}

/**
 * The CORS policy: up to 1.19 route.cors (route.v3.CorsPolicy: allow_methods 2, allow_headers
 * 3, expose_headers 4, max_age 5, allow_credentials 6, filter_enabled 9,
 * allow_origin_string_match 11); from 1.20 the cors filter's per-route config
 * (cors.v3.CorsPolicy: allow_origin_string_match 1 … filter_enabled 7,
 * forward_not_matching_preflights 10 from 1.23).
 */
export function corsPolicy(c: CorsPolicy, profile: VersionProfile): JsonObject {
  const origins = corsOrigins(c);
  const filterEnabled = { default_value: { numerator: 100 } };
  const common: JsonObject = {};
  if (c.allowMethods?.length) common.allow_methods = c.allowMethods.join(",");
  if (c.allowHeaders?.length) common.allow_headers = c.allowHeaders.join(",");
  if (c.exposeHeaders?.length) common.expose_headers = c.exposeHeaders.join(",");
  const age = maxAge(c);
  if (age !== undefined) common.max_age = age;
  if (c.allowCredentials !== undefined) common.allow_credentials = c.allowCredentials;
  if (profile.corsInRouteAction) {
    return {
      ...common,
      filter_enabled: filterEnabled,
      ...(origins && { allow_origin_string_match: origins }),
    };
  }
  const out: JsonObject = { "@type": `${T}envoy.extensions.filters.http.cors.v3.CorsPolicy` };
  if (origins) out.allow_origin_string_match = origins;
  Object.assign(out, common);
  out.filter_enabled = filterEnabled;
  if (profile.corsForwardNotMatchingPreflights)
    out.forward_not_matching_preflights = (c.unmatchedPreflights ?? "").toUpperCase() !== "IGNORE";
  return out;
}
