import type { Json } from "../envoy/types.js";

/**
 * The vocabulary of `gwctl diff`: what is compared (resource types), where two values differ
 * (paths), and what the comparison found. Plain data, so the report and the JSON output
 * print the same facts.
 */

/** The resource types a diff compares, in the order reports list them. */
export const RESOURCE_TYPES = ["listeners", "routes", "clusters", "endpoints", "secrets"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export function isResourceType(s: string): s is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(s);
}

/**
 * One step into a resource: an object field, an array position, or an array element found
 * by its key (`[name=istio.stats]`, `[address=10.0.0.1:8080]`), which is how named lists are
 * aligned and how paths stay stable when elements move.
 */
export type Segment =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "key"; readonly label: string; readonly value: string };

export type Path = readonly Segment[];

/**
 * One difference inside a resource.
 * - `changed`: both sides have a value at the path, and they differ;
 * - `removed`: only the expected side has it; `added`: only the actual side has it;
 * - `order`: a list where order matters holds the same named elements in another order
 *   (both values are the lists of keys).
 */
export interface Difference {
  readonly kind: "changed" | "added" | "removed" | "order";
  readonly path: Path;
  readonly expected?: Json;
  readonly actual?: Json;
}

/** A resource present on one side only, or on both and different. */
export interface ResourceChange {
  readonly type: ResourceType;
  readonly name: string;
  readonly status: "added" | "removed" | "changed";
  /** For `changed`: every path that differs. */
  readonly differences: readonly Difference[];
  /** The normalised resource on each side that has it. */
  readonly expected?: Json;
  readonly actual?: Json;
}

export interface TypeSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Set when the type was not compared, and why (a side has no such section). */
  readonly skipped?: string;
}

export interface DiffResult {
  /** True when no compared type has a difference. */
  readonly equal: boolean;
  readonly summary: Readonly<Record<ResourceType, TypeSummary>>;
  /** Every resource that differs, by type (RESOURCE_TYPES order), then by name. */
  readonly changes: readonly ResourceChange[];
  /** Names of the normalisations that were applied. */
  readonly normalizations: readonly string[];
  /** Things the user should know that are not differences (skipped types, unused --ignore). */
  readonly notes: readonly string[];
}
