import { type Located, requireSection } from "../envoy/configdump.js";
import type { ConfigDump, JsonObject } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";

/** What a view returns: its text, or istioctl's error message (and what it printed before). */
export type ViewResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly message: string;
      /** Output istioctl had already written to stdout when it failed (pc all), if any. */
      readonly text?: string;
    };

export function ok(text: string): ViewResult {
  return { ok: true, text };
}

export function fail(message: string, text?: string): ViewResult {
  return text === undefined ? { ok: false, message } : { ok: false, message, text };
}

/** What a view looked up: the value, or istioctl's message for why there is none. */
export type Found<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

export function found<T>(value: T): Found<T> {
  return { ok: true, value };
}

/** Options every table takes. */
export interface TableOptions<F> {
  readonly profile: VersionProfile;
  readonly filter: F;
  /** `pc all`: names carry their kind (listener/…, cluster/…) or a NAME column. */
  readonly typePrefix: boolean;
}

/**
 * The resources of one dump section, or istioctl's message when the section is absent
 * (`config dump has no configuration type …`) or lists nothing (`no <kind> found`).
 */
export function sectionResources(
  dump: ConfigDump,
  typeUrl: string,
  list: (dump: ConfigDump) => readonly Located<JsonObject>[],
  kind: string,
  /** istioctl's listener command prefixes the missing-section error with "listener dump: ". */
  missingPrefix = "",
): Found<JsonObject[]> {
  const section = requireSection(dump, typeUrl);
  if (!section.ok) return { ok: false, message: `${missingPrefix}${section.message}` };
  const items = list(dump).map((l) => l.resource);
  return items.length ? found(items) : { ok: false, message: `no ${kind} found` };
}
