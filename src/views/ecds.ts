import { missingSection, sections } from "../envoy/configdump.js";
import { compareBytes } from "../envoy/gostring.js";
import { typeNameOfUrl } from "../envoy/proto.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  DUMP_TYPES,
  type JsonObject,
  objectAt,
  objectsIn,
  stringAt,
  TYPE_PREFIX,
} from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { goSortSlice } from "./gosort.js";
import { table } from "./output.js";
import { type Found, fail, found, ok, type ViewResult } from "./result.js";

/**
 * istioctl `proxy-config ecds`: the filter configurations Envoy fetched over ECDS (WasmPlugins,
 * telemetry filters). istioctl/pkg/writer/envoy/configdump/ecds.go prints the table and the
 * JSON; istioctl/pkg/util/configdump/ecds.go gathers the sections. The command has no filter
 * flags.
 */

const EXTENSION_CONFIG = "envoy.config.core.v3.TypedExtensionConfig";

/**
 * The EcdsFilterConfig entries istioctl reads: those of every EcdsConfigDump section in dump
 * order, or only the last section's before istio/istio#48526 (its getSection kept the last
 * match). No section at all is istioctl's "config dump has no configuration type" error.
 */
function ecdsFilterConfigs(dump: ConfigDump, profile: VersionProfile): Found<JsonObject[]> {
  const all = sections(dump, DUMP_TYPES.ecds);
  if (all.length === 0) return { ok: false, message: missingSection(DUMP_TYPES.ecds) };
  const read = profile.ecdsAllSections ? all : all.slice(-1);
  return found(read.flatMap((s) => objectsIn(s.ecds_filters)));
}

/** `-o json|yaml`: one EcdsConfigDump holding every entry read (already redacted). */
export function ecdsDump(dump: ConfigDump, profile: VersionProfile): Found<PbMessage> {
  const configs = ecdsFilterConfigs(dump, profile);
  if (!configs.ok) return configs;
  return found(toPbMessage({ ecds_filters: configs.value }, "envoy.admin.v3.EcdsConfigDump"));
}

/**
 * `ECDS NAME  TYPE`: one row per TypedExtensionConfig, TYPE its typed_config's type URL less
 * `type.googleapis.com/` (empty without one: some Envoy releases list a filter by name before
 * its first config arrives), sorted by the whole type URL, then by name, with sort.Slice.
 */
export function ecdsTable(dump: ConfigDump, profile: VersionProfile): ViewResult {
  const configs = ecdsFilterConfigs(dump, profile);
  if (!configs.ok) return fail(configs.message);
  const rows: { name: string; typeUrl: string }[] = [];
  for (const entry of configs.value) {
    const filter = extensionConfig(entry);
    if (!filter.ok) return fail(`failed to retrieve TypedExtensionConfig: ${filter.message}`);
    const typeUrl = stringAt(objectAt(filter.value, "typed_config"), "@type") ?? "";
    rows.push({ name: stringAt(filter.value, "name") ?? "", typeUrl });
  }
  goSortSlice(rows, (a, b) =>
    a.typeUrl === b.typeUrl ? compareBytes(a.name, b.name) < 0 : compareBytes(a.typeUrl, b.typeUrl) < 0,
  );
  const lines = ["ECDS NAME\tTYPE\n"];
  for (const r of rows) {
    // strings.TrimPrefix: a URL with another host keeps it.
    const type = r.typeUrl.startsWith(TYPE_PREFIX) ? r.typeUrl.slice(TYPE_PREFIX.length) : r.typeUrl;
    lines.push(`${r.name}\t${type}\n`);
  }
  return ok(table(lines.join(""), 5));
}

/**
 * The entry's ecds_filter unpacked the way anypb.UnmarshalTo checks it: present, and an Any
 * whose type URL names TypedExtensionConfig after its last "/". protobuf-go prefixes these
 * errors with "proto:" and a space it picks per binary (U+0020 or U+00A0); gwctl uses U+0020.
 */
function extensionConfig(entry: JsonObject): Found<JsonObject> {
  const filter = objectAt(entry, "ecds_filter");
  if (!filter) return { ok: false, message: "proto: invalid nil source message" };
  const url = stringAt(filter, "@type") ?? "";
  if (url === EXTENSION_CONFIG || url.endsWith(`/${EXTENSION_CONFIG}`)) return found(filter);
  return {
    ok: false,
    message: `proto: mismatched message type: got "${EXTENSION_CONFIG}", want "${messageName(url)}"`,
  };
}

/** anypb's MessageName: the text after the last "/", when it is a valid full name, else "". */
function messageName(url: string): string {
  const name = typeNameOfUrl(url);
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name) ? name : "";
}
