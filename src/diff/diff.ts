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

function hasStatic(m: ReadonlyMap<string, Keyed>): boolean {
  for (const k of m.values()) if (k.isStatic) return true;
  return false;
}

/**
 * private-keys: what is printed goes through Envoy's redaction (schema-driven, as the views
 * do). Resources are compared as they are, and a resource that differs is compared again
 * redacted, so a difference only in secret values is none, and no printed value holds one.
 */
function redacted(r: JsonObject): JsonObject {
  return redactMessage(r, WKT.any) as JsonObject;
}

/** What one type's comparison needs besides the two sides. */
interface TypeContext {
  readonly type: ResourceType;
  readonly applied: ReadonlySet<RuleName>;
  readonly dynamicOnly: boolean;
  readonly typeUrls: boolean;
  readonly patterns: readonly Pattern[];
  /** Told the index of each --ignore pattern that removed something. */
  readonly hit: (pattern: number) => void;
}

/** One side's resource as it is compared: normalised and pruned, or undefined when not compared. */
function prepare(ctx: TypeContext, k: Keyed | undefined, name: string): JsonObject | undefined {
  if (!k || (ctx.dynamicOnly && k.isStatic)) return undefined;
  if (ctx.type === "secrets" && ctx.applied.has("workload-secrets") && WORKLOAD_SECRETS.has(name))
    return undefined;
  const normalized = normalizeResource(ctx.type, k.resource, ctx.applied);
  const selected = ctx.patterns.filter((p) => selectsResource(p, ctx.type, name));
  if (selected.length === 0) return normalized;
  return pruneIgnored(normalized, selected, (i) => ctx.hit(ctx.patterns.indexOf(selected[i] as Pattern)));
}

/** Every resource of one type, both sides: the counts and the resources that differ, by name. */
function compareType(
  ctx: TypeContext,
  em: ReadonlyMap<string, Keyed>,
  am: ReadonlyMap<string, Keyed>,
): { summary: TypeSummary; changes: ResourceChange[] } {
  const { type } = ctx;
  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const changes: ResourceChange[] = [];
  const options = ctx.typeUrls ? { equivalent: sameTypeUrl } : {};
  for (const name of new Set([...em.keys(), ...am.keys()])) {
    const ev = prepare(ctx, em.get(name), name);
    const av = prepare(ctx, am.get(name), name);
    if (ev === undefined && av === undefined) continue;
    if (ev === undefined) {
      summary.added++;
      changes.push({ type, name, status: "added", differences: [], actual: redacted(av as JsonObject) });
    } else if (av === undefined) {
      summary.removed++;
      changes.push({ type, name, status: "removed", differences: [], expected: redacted(ev) });
    } else if (compareResources(ev, av, options).length === 0) {
      summary.unchanged++;
    } else {
      const [er, ar] = [redacted(ev), redacted(av)];
      const differences = compareResources(er, ar, options);
      if (differences.length === 0) summary.unchanged++;
      else {
        summary.changed++;
        changes.push({ type, name, status: "changed", differences, expected: er, actual: ar });
      }
    }
  }
  changes.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { summary, changes };
}

const NOT_COMPARED = { added: 0, removed: 0, changed: 0, unchanged: 0 };

export function diffDumps(expectedDump: ConfigDump, actualDump: ConfigDump, o: DiffOptions = {}): DiffResult {
  const labels = o.labels ?? { expected: "expected", actual: "actual" };
  const choice = o.rules ?? { strict: new Set(), force: new Set() };
  const typeUrls = isOn("type-urls", choice);
  const e: Side = keyResources(typeUrls ? v3Sections(expectedDump) : expectedDump, labels.expected);
  const a: Side = keyResources(typeUrls ? v3Sections(actualDump) : actualDump, labels.actual);
  const notes: string[] = [...e.notes, ...a.notes];

  const applied = new Set<RuleName>();
  for (const r of RULES) if (r.when !== "auto" && isOn(r.name, choice)) applied.add(r.name);
  const oneSimulated = o.simulated !== undefined && o.simulated.expected !== o.simulated.actual;
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
      summary[type] = { ...NOT_COMPARED, skipped: "not asked for (--only)" };
      continue;
    }
    if (!em || !am) {
      const which =
        !em && !am ? "neither dump has a" : `the ${!em ? labels.expected : labels.actual} dump has no`;
      summary[type] = { ...NOT_COMPARED, skipped: `${which} ${type} section` };
      // Worth a note only when one side has it: then the other side's source lacks something.
      if (em || am) notes.push(`${type}: not compared: ${which} ${type} section`);
      continue;
    }
    // static-resources: istiod's own dump has no static resources; then compare dynamic ones only.
    const staticDetected = hasStatic(em) !== hasStatic(am);
    const dynamicOnly = isOn("static-resources", choice, staticDetected);
    if (dynamicOnly && (hasStatic(em) || hasStatic(am))) applied.add("static-resources");
    if (dynamicOnly && staticDetected)
      notes.push(`${type}: one side has no static resources; comparing dynamic ones only (static-resources)`);

    const ctx = { type, applied, dynamicOnly, typeUrls, patterns, hit: (i: number) => used.add(i) };
    const r = compareType(ctx, em, am);
    summary[type] = r.summary;
    changes.push(...r.changes);
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
