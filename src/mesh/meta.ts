import type { ManifestObject } from "../manifests/types.js";
import type { Meta } from "./model.js";
import { isRecord } from "./problems.js";

function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val !== null && val !== undefined) out[k] = String(val);
  }
  return out;
}

export function metaOf(obj: ManifestObject): Meta {
  const m = isRecord(obj.body.metadata) ? obj.body.metadata : {};
  const ts = m.creationTimestamp;
  let created = 0;
  if (typeof ts === "string") {
    const t = Date.parse(ts);
    if (!Number.isNaN(t)) created = t;
  } else if (ts instanceof Date) {
    created = ts.getTime();
  }
  return {
    name: obj.name,
    namespace: obj.namespace,
    labels: stringMap(m.labels),
    annotations: stringMap(m.annotations),
    created,
    source: obj,
  };
}

/**
 * istiod's order for configs of one kind: creation time, then name, then namespace
 * (pilot/pkg/model/config.go). Objects without a creationTimestamp sort as time zero,
 * as they do in istio's own test harness.
 */
export function compareByCreation(a: Meta, b: Meta): number {
  if (a.created !== b.created) return a.created - b.created;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return 0;
}

export function labelsMatch(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(selector)) {
    if (labels[k] !== v) return false;
  }
  return true;
}
