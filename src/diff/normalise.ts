import { isJsonObject, type Json, type JsonObject } from "../envoy/types.js";
import { elementKey } from "./align.js";
import type { Pattern, PatternStep } from "./path.js";
import type { RuleName } from "./rules.js";
import type { ResourceType } from "./types.js";

/**
 * Resource-level normalisations (the rules of rules.ts that change a resource), the
 * redaction of what is printed, and the pruning of --ignore paths. Every function is
 * copy-on-write: a subtree nothing applies to is returned as is. The rules touch only the
 * paths they name, so normalising a large resource costs little: the one full walk of a
 * diff is the comparison's.
 */

/**
 * Apply `fn` to every object at `path` ("*" steps into every element of a list), copying
 * only the objects on the way to a change.
 */
function updateAt(v: Json, path: readonly string[], fn: (o: JsonObject) => JsonObject, at = 0): Json {
  if (at === path.length) return isJsonObject(v) ? fn(v) : v;
  const head = path[at] as string;
  if (head === "*") {
    if (!Array.isArray(v)) return v;
    let out: Json[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as Json;
      const n = updateAt(x, path, fn, at + 1);
      if (n !== x) {
        out ??= v.slice();
        out[i] = n;
      }
    }
    return out ?? v;
  }
  if (!isJsonObject(v) || !Object.hasOwn(v, head)) return v;
  const child = v[head] as Json;
  const n = updateAt(child, path, fn, at + 1);
  return n === child ? v : { ...v, [head]: n };
}

/** cluster-type: proto3's zero DiscoveryType, unless a custom cluster_type is used instead. */
function clusterType(c: JsonObject): JsonObject {
  return Object.hasOwn(c, "type") || Object.hasOwn(c, "cluster_type") ? c : { ...c, type: "STATIC" };
}

/** A copy of `o` with `changes` applied, or `o` itself when there are none. */
function withFields(o: JsonObject, changes: JsonObject): JsonObject {
  for (const _ in changes) return { ...o, ...changes };
  return o;
}

/** eds-defaults for one lb_endpoint: weight 1, HEALTHY for absent or UNKNOWN, an empty health_check_config. */
function lbEndpointDefaults(lb: JsonObject): JsonObject {
  const changes: JsonObject = {};
  if (!Object.hasOwn(lb, "load_balancing_weight")) changes.load_balancing_weight = 1;
  if (!Object.hasOwn(lb, "health_status") || lb.health_status === "UNKNOWN")
    changes.health_status = "HEALTHY";
  const ep = lb.endpoint;
  if (isJsonObject(ep) && !Object.hasOwn(ep, "health_check_config"))
    changes.endpoint = { ...ep, health_check_config: {} };
  return withFields(lb, changes);
}

/** eds-defaults: what Envoy prints for endpoints whatever istiod sent. */
function edsDefaults(cla: JsonObject): JsonObject {
  const policy = isJsonObject(cla.policy) ? cla.policy : {};
  const top = Object.hasOwn(policy, "overprovisioning_factor")
    ? cla
    : { ...cla, policy: { ...policy, overprovisioning_factor: 140 } };
  return updateAt(top, ["endpoints", "*"], (group) => {
    const located = Object.hasOwn(group, "locality") ? group : { ...group, locality: {} };
    return updateAt(located, ["lb_endpoints", "*"], lbEndpointDefaults) as JsonObject;
  }) as JsonObject;
}

const TELEMETRY_FILTERS = new Set(["istio.stats", "istio.metadata_exchange"]);

/** telemetry-filters: keep only what says which filter it is (@type, and a TypedStruct's type_url). */
function telemetryFilter(f: JsonObject): JsonObject {
  const tc = f.typed_config;
  if (typeof f.name !== "string" || !TELEMETRY_FILTERS.has(f.name) || !isJsonObject(tc)) return f;
  const kept: JsonObject = {};
  if (tc["@type"] !== undefined) kept["@type"] = tc["@type"];
  if (tc.type_url !== undefined) kept.type_url = tc.type_url;
  return { ...f, typed_config: kept };
}

/** Where telemetry filters sit in a listener: network filters, and HTTP filters of an HCM. */
const TELEMETRY_PATHS = [
  ["filter_chains", "*", "filters", "*"],
  ["filter_chains", "*", "filters", "*", "typed_config", "http_filters", "*"],
  ["default_filter_chain", "filters", "*"],
  ["default_filter_chain", "filters", "*", "typed_config", "http_filters", "*"],
];

function telemetryFilters(listener: JsonObject): JsonObject {
  let v: Json = listener;
  for (const path of TELEMETRY_PATHS) v = updateAt(v, path, telemetryFilter);
  return v as JsonObject;
}

/** Every resource-level rule that is on, in a fixed order. */
export function normalizeResource(
  type: ResourceType,
  resource: JsonObject,
  on: ReadonlySet<RuleName>,
): JsonObject {
  let r = resource;
  if (type === "clusters" && on.has("cluster-type")) r = clusterType(r);
  if (type === "endpoints" && on.has("eds-defaults")) r = edsDefaults(r);
  if (type === "listeners" && on.has("telemetry-filters")) r = telemetryFilters(r);
  return r;
}

// --- --ignore ---------------------------------------------------------------------------

/** A position in one pattern: [pattern index, step index]. */
type State = readonly [number, number];

const DROP = Symbol("drop");

function closure(states: State[], patterns: readonly Pattern[]): State[] {
  // `**` may match no segment at all: a state before it also stands after it.
  const out: State[] = [];
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop() as State;
    if (out.some(([p, i]) => p === s[0] && i === s[1])) continue;
    out.push(s);
    if (patterns[s[0]]?.steps[s[1]]?.kind === "anyDepth") stack.push([s[0], s[1] + 1]);
  }
  return out;
}

type Step =
  | { readonly field: string }
  | { readonly index: number; readonly element: Json; readonly list: string | undefined };

function stepMatches(step: PatternStep, s: Step): boolean {
  switch (step.kind) {
    case "anyDepth":
      return true;
    case "field":
      return "field" in s && step.glob.test(s.field);
    case "anyElement":
      return "index" in s;
    case "index":
      return "index" in s && s.index === step.index;
    case "key": {
      if (!("index" in s) || !isJsonObject(s.element)) return false;
      const own = s.element[step.label];
      if (typeof own === "string" && step.glob.test(own)) return true;
      const k = elementKey(s.list, s.element);
      return k !== undefined && k.label === step.label && step.glob.test(k.value);
    }
  }
}

function advance(states: readonly State[], s: Step, patterns: readonly Pattern[]): State[] {
  const next: State[] = [];
  for (const [p, i] of states) {
    const step = patterns[p]?.steps[i];
    if (!step || !stepMatches(step, s)) continue;
    // `**` consumes the segment and stays, so it can consume more.
    next.push(step.kind === "anyDepth" ? [p, i] : [p, i + 1]);
  }
  return next.length > 0 ? closure(next, patterns) : next;
}

function prune(
  v: Json,
  states: readonly State[],
  list: string | undefined,
  patterns: readonly Pattern[],
  hit: (pattern: number) => void,
): Json | typeof DROP {
  let done = false;
  for (const [p, i] of states) {
    if (i === patterns[p]?.steps.length) {
      hit(p);
      done = true;
    }
  }
  if (done) return DROP;
  if (Array.isArray(v)) {
    const out: Json[] = [];
    let changed = false;
    v.forEach((x, index) => {
      const next = advance(states, { index, element: x, list }, patterns);
      const n = next.length === 0 ? x : prune(x, next, list, patterns, hit);
      if (n === DROP) changed = true;
      else {
        if (n !== x) changed = true;
        out.push(n);
      }
    });
    return changed ? out : v;
  }
  if (!isJsonObject(v)) return v;
  let out: JsonObject | undefined;
  for (const k in v) {
    const next = advance(states, { field: k }, patterns);
    if (next.length === 0) continue;
    const x = v[k] as Json;
    const n = prune(x, next, k, patterns, hit);
    if (n === x) continue;
    out ??= { ...v };
    if (n === DROP) delete out[k];
    else out[k] = n;
  }
  return out ?? v;
}

/**
 * The resource without what the patterns select. `patterns` are those that select this
 * resource by type and name; a pattern without steps selects the whole resource, and then
 * the result is undefined. `hit` is told which patterns removed something.
 */
export function pruneIgnored(
  resource: JsonObject,
  patterns: readonly Pattern[],
  hit: (pattern: number) => void,
): JsonObject | undefined {
  if (patterns.length === 0) return resource;
  const start = closure(
    patterns.map((_, p) => [p, 0] as const),
    patterns,
  );
  const r = prune(resource, start, undefined, patterns, hit);
  return r === DROP ? undefined : (r as JsonObject);
}
