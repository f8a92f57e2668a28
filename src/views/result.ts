import { type Located, missingSection, requireSection } from "../envoy/configdump.js";
import { type ConfigDump, DUMP_TYPES, type JsonObject } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { collect, type Emit } from "./sink.js";

/** What a view returns: its text, or istioctl's error message (and what it printed before). */
export type ViewResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly message: string;
      /** Output istioctl had already written to stdout when it failed (pc all), if any. */
      readonly text?: string;
    };

/**
 * A view before it is written: it has already decided whether it can answer (istioctl's
 * errors come before any output), and writes its text when asked, piece by piece.
 */
export type ViewOutput =
  | { readonly ok: true; write(emit: Emit): void }
  | Extract<ViewResult, { readonly ok: false }>;

/** A view whose text is already made (tables are small). */
export function fromResult(r: ViewResult): ViewOutput {
  if (!r.ok) return r;
  const { text } = r;
  return writing((emit) => emit(text));
}

export function writing(write: (emit: Emit) => void): ViewOutput {
  return { ok: true, write };
}

/** The whole text of a view (or its failure, as it was). */
export function toResult(o: ViewOutput): ViewResult {
  return o.ok ? ok(collect(o.write)) : o;
}

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

/**
 * Whether a view's failure says something about the proxy rather than about its input: a
 * section that lists nothing (`no listeners found`), or no ECDS section, which is how Envoy
 * says it has no ECDS filters (it adds the section with its first ECDS subscription:
 * envoyproxy/envoy source/common/filter/config_discovery_impl.cc getSubscription).
 */
export function isEmptyAnswer(message: string): boolean {
  return /^no [\w ]+ found$/.test(message) || message === missingSection(DUMP_TYPES.ecds);
}
