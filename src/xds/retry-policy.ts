import type { JsonObject } from "../envoy/types.js";
import type { HTTPRetry } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { protoDuration } from "./durations.js";

/**
 * VirtualService retries → Envoy RetryPolicy (route/retry/retry.go ConvertPolicy), in field
 * order: retry_on(1), num_retries(2), per_try_timeout(3), retry_priority(4),
 * retry_host_predicate(5), host_selection_retry_max_attempts(6), retriable_status_codes(7),
 * retry_back_off(8).
 */

const DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";

const PREVIOUS_HOSTS: JsonObject = {
  name: "envoy.retry_host_predicates.previous_hosts",
  typed_config: {
    "@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate",
  },
};

/** Go's http.StatusText table: the integers ConvertPolicy treats as status codes. */
const HTTP_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** parseRetryOn: status codes apart, the rest re-joined. */
function parseRetryOn(retryOn: string): { on: string; codes: number[] } {
  const codes: number[] = [];
  const rest: string[] = [];
  for (const raw of retryOn.split(",")) {
    const part = raw.trim();
    if (!part) continue;
    if (/^[+-]?\d+$/.test(part) && HTTP_STATUS.has(Number(part))) codes.push(Number(part));
    else rest.push(part);
  }
  return { on: rest.join(","), codes };
}

/**
 * The route's retry policy; undefined when retries are off (attempts ≤ 0). `consistentHash`
 * is true when a DestinationRule hashes the route's single destination: from 1.23 the
 * previous-hosts predicate is then left out.
 */
export function retryPolicy(
  input: HTTPRetry | undefined,
  profile: VersionProfile,
  consistentHash: boolean,
): JsonObject | undefined {
  if (input && (input.attempts ?? 0) <= 0) return undefined;
  let hostPredicate = !(consistentHash && profile.hashPolicyDropsPreviousHosts);
  let on = DEFAULT_RETRY_ON;
  let codes: number[] = profile.defaultRetryOn503 ? [503] : [];
  const out: JsonObject = {};
  if (input) {
    if (input.retryOn) {
      const parsed = parseRetryOn(input.retryOn);
      on = parsed.on;
      codes = parsed.codes;
      if (codes.length > 0 && !on.includes("retriable-status-codes")) on += ",retriable-status-codes";
    }
    // retryIgnorePreviousHosts (≥1.26) decides the predicate when it is set.
    if (profile.retryHostPredicateAndBackoff && input.retryIgnorePreviousHosts !== undefined)
      hostPredicate = input.retryIgnorePreviousHosts;
  }
  out.retry_on = on;
  out.num_retries = input ? (input.attempts as number) : 2;
  if (input?.perTryTimeout) out.per_try_timeout = protoDuration(input.perTryTimeout);
  if (input?.retryRemoteLocalities) {
    out.retry_priority = {
      name: "envoy.retry_priorities.previous_priorities",
      typed_config: {
        "@type":
          "type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig",
        update_frequency: 2,
      },
    };
  }
  if (hostPredicate) out.retry_host_predicate = [PREVIOUS_HOSTS];
  out.host_selection_retry_max_attempts = "5";
  if (codes.length > 0) out.retriable_status_codes = codes;
  if (input?.backoff && profile.retryHostPredicateAndBackoff)
    out.retry_back_off = { base_interval: protoDuration(input.backoff) };
  return out;
}
