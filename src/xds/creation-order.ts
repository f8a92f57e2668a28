import type { VersionProfile } from "../profiles/profiles.js";

/**
 * istiod's order for configs and services: creation time, and for equal times (timestamps
 * are in seconds, and manifests often have none) a name/namespace tie-break that changed in
 * 1.23 (model/config.go sortConfigByCreationTime, push_context.go SortServicesByCreationTime).
 */
export interface Created {
  readonly created: number;
  readonly name: string;
  readonly namespace: string;
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Oldest first; ties by the string "name.namespace" (≤1.22) or by name, then namespace. */
export function compareCreation(a: Created, b: Created, profile: VersionProfile): number {
  if (a.created !== b.created) return a.created - b.created;
  if (profile.creationTieBreakNameDotNamespace)
    return cmp(`${a.name}.${a.namespace}`, `${b.name}.${b.namespace}`);
  return cmp(a.name, b.name) || cmp(a.namespace, b.namespace);
}
