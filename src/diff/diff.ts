import { WKT } from "../envoy/proto.js";
import { redactMessage } from "../envoy/redact.js";
import type { ConfigDump, JsonObject } from "../envoy/types.js";
import { compareResources } from "./compare.js";
import { normalizeResource, pruneIgnored } from "./normalise.js";
import { type Pattern, selectsResource } from "./path.js";
import { type Keyed, keyResources, type Side } from "./resources.js";
import { isOn, RULES, type RuleChoice, type RuleName } from "./rules.js";
import { v3Sections } from "./spelling.js";
import { sameTypeUrl } from "./type-urls.js";
import {
  type DiffResult,
  RESOURCE_TYPES,
  type ResourceChange,
  type ResourceType,
  type TypeSummary,
} from "./types.js";

/**
 * Two dumps in, every difference out: key both sides by type and name, normalise each pair
 * of resources (rules.ts), drop what --ignore selects, and compare path by path. Linear in
 * the size of the dumps: resources are found through Maps, and each is normalised and
 * walked once.
 */

export interface DiffOptions {
  /** The types to compare (default: all). */
  readonly only?: readonly ResourceType[];
  readonly ignore?: readonly Pattern[];
  readonly rules?: RuleChoice;
  /** Which sides were simulated from manifests (turns on `telemetry-filters`). */
  readonly simulated?: { readonly expected: boolean; readonly actual: boolean };
  /** What the sides are called in notes ("expected"/"actual", "base"/"head"). */
  readonly labels?: { readonly expected: string; readonly actual: string };
}

/** Secrets istio-agent issues to each pod (the `workload-secrets` rule). */
const WORKLOAD_SECRETS = new Set(["default", "ROOTCA"]);

function noStatic(m: ReadonlyMap<string, Keyed>): boolean {
  for (const k of m.values()) if (k.isStatic) return false;
  return true;
}

function anyStatic(m: ReadonlyMap<string, Keyed>): boolean {
  return !noStatic(m);
}

/**
 * private-keys: what is printed goes through Envoy's redaction (schema-driven, as the views
 * do). Resources are compared as they are, and a resource that differs is compared again
 * redacted, so a difference only in secret values is none, and no printed value holds one.
 */
function redacted(r: JsonObject): JsonObject {
  return redactMessage(r, WKT.any) as JsonObject;
}

export function diffDumps(expectedDump: ConfigDump, actualDump: ConfigDump, o: DiffOptions = {}): DiffResult {
  const labels = o.labels ?? { expected: "expected", actual: "actual" };
  const choice = o.rules ?? { strict: new Set(), force: new Set() };
  const typeUrls = isOn("type-urls", choice);
  const e: Side = keyResources(typeUrls ? v3Sections(expectedDump) : expectedDump, labels.expected);
  const a: Side = keyResources(typeUrls ? v3Sections(actualDump) : actualDump, labels.actual);
  const notes: string[] = [...e.notes, ...a.notes];

  const oneSimulated = o.simulated !== undefined && o.simulated.expected !== o.simulated.actual;
  const applied = new Set<RuleName>();
  for (const r of RULES) {
    if (r.when !== "auto" && isOn(r.name, choice)) applied.add(r.name);
  }
  if (isOn("telemetry-filters", choice, oneSimulated)) applied.add("telemetry-filters");

  const patterns = o.ignore ?? [];
  const used = new Set<number>();
  const only = new Set(o.only ?? RESOURCE_TYPES);
  const summary = {} as Record<ResourceType, TypeSummary>;
  const changes: ResourceChange[] = [];

  for (const type of RESOURCE_TYPES) {
    const em = e.byType[type];
    const am = a.byType[type];
    if (!only.has(type)) {
      summary[type] = { added: 0, removed: 0, changed: 0, unchanged: 0, skipped: "not asked for (--only)" };
      continue;
    }
    if (!em || !am) {
      const which =
        !em && !am ? "neither dump has" : `the ${!em ? labels.expected : labels.actual} dump has no`;
      const why = `${which} ${type} section`;
      summary[type] = { added: 0, removed: 0, changed: 0, unchanged: 0, skipped: why };
      notes.push(`${type}: not compared: ${why}`);
      continue;
    }
    // static-resources: istiod's own dump has no static resources; then compare dynamic ones only.
    const staticDetected = (noStatic(em) && anyStatic(am)) || (noStatic(am) && anyStatic(em));
    const dynamicOnly = isOn("static-resources", choice, staticDetected);
    if (dynamicOnly && (staticDetected || anyStatic(em) || anyStatic(am))) {
      applied.add("static-resources");
      if (staticDetected)
        notes.push(
          `${type}: one side has no static resources; comparing dynamic ones only (static-resources)`,
        );
    }

    const typePatterns = (name: string): Pattern[] => patterns.filter((p) => selectsResource(p, type, name));
    const prepare = (k: Keyed | undefined, name: string): JsonObject | undefined => {
      if (!k || (dynamicOnly && k.isStatic)) return undefined;
      if (type === "secrets" && applied.has("workload-secrets") && WORKLOAD_SECRETS.has(name))
        return undefined;
      const normalized = normalizeResource(type, k.resource, applied);
      const selected = typePatterns(name);
      if (selected.length === 0) return normalized;
      return pruneIgnored(normalized, selected, (i) => used.add(patterns.indexOf(selected[i] as Pattern)));
    };

    let added = 0;
    let removed = 0;
    let changed = 0;
    let unchanged = 0;
    const typeChanges: ResourceChange[] = [];
    const names = new Set([...em.keys(), ...am.keys()]);
    for (const name of names) {
      const ev = prepare(em.get(name), name);
      const av = prepare(am.get(name), name);
      if (ev === undefined && av === undefined) continue;
      if (ev === undefined) {
        added++;
        typeChanges.push({
          type,
          name,
          status: "added",
          differences: [],
          actual: redacted(av as JsonObject),
        });
      } else if (av === undefined) {
        removed++;
        typeChanges.push({ type, name, status: "removed", differences: [], expected: redacted(ev) });
      } else {
        const options = typeUrls ? { equivalent: sameTypeUrl } : {};
        const differences = compareResources(ev, av, options);
        const [er, ar] = differences.length > 0 ? [redacted(ev), redacted(av)] : [ev, av];
        const shown = differences.length > 0 ? compareResources(er, ar, options) : differences;
        if (shown.length === 0) unchanged++;
        else {
          changed++;
          typeChanges.push({ type, name, status: "changed", differences: shown, expected: er, actual: ar });
        }
      }
    }
    typeChanges.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    changes.push(...typeChanges);
    summary[type] = { added, removed, changed, unchanged };
  }

  patterns.forEach((p, i) => {
    if (!used.has(i)) notes.push(`--ignore ${p.text} matched nothing`);
  });
  return {
    equal: changes.length === 0,
    summary,
    changes,
    normalizations: RULES.filter((r) => applied.has(r.name)).map((r) => r.name),
    notes,
  };
}
