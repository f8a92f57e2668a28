import { requireSection } from "../envoy/configdump.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import { type ConfigDump, DUMP_TYPES, type JsonObject, objectAt, stringAt } from "../envoy/types.js";
import { table } from "./output.js";
import { type Found, fail, found, ok, type ViewResult } from "./result.js";

/**
 * istioctl `proxy-config bootstrap`: the BootstrapConfigDump (`-o json`, its default), or with
 * `-o short` the version summary that `pc all` also starts with (configdump.go).
 */

export function bootstrapSummary(dump: ConfigDump): ViewResult {
  const section = requireSection(dump, DUMP_TYPES.bootstrap);
  if (!section.ok) return fail(section.message);
  const node = objectAt(objectAt(section.section, "bootstrap") ?? {}, "node") ?? {};
  const metadata = objectAt(node, "metadata") ?? {};
  const istioVersion = stringAt(metadata, "ISTIO_VERSION") ?? "";
  const sha = (stringAt(metadata, "ISTIO_PROXY_SHA") ?? "").split(":");
  const proxySha = sha.length > 1 ? (sha[1] as string) : (sha[0] as string);
  let rows = "";
  if (istioVersion) rows += `Istio Version:\t${istioVersion}\n`;
  if (proxySha) rows += `Istio Proxy Version:\t${proxySha}\n`;
  rows += `Envoy Version:\t${envoyVersion(objectAt(node, "user_agent_build_version") ?? {})}\n`;
  return ok(table(rows, 1));
}

/** `maj.min.patch[-label][/status][/type][/ssl]` from the node's user_agent_build_version. */
function envoyVersion(build: JsonObject): string {
  const v = objectAt(build, "version") ?? {};
  const num = (k: string): number => (typeof v[k] === "number" ? (v[k] as number) : 0);
  const md = objectAt(build, "metadata") ?? {};
  const part = (k: string, sep: string): string => (k in md ? `${sep}${stringAt(md, k) ?? ""}` : "");
  return (
    `${num("major_number")}.${num("minor_number")}.${num("patch")}` +
    part("build.label", "-") +
    part("revision.status", "/") +
    part("build.type", "/") +
    part("ssl.version", "/")
  );
}

/** `-o json|yaml`: the BootstrapConfigDump message (already redacted), jsonpb-indented. */
export function bootstrapDump(dump: ConfigDump): Found<PbMessage> {
  const section = requireSection(dump, DUMP_TYPES.bootstrap);
  if (!section.ok) return section;
  return found(toPbMessage(section.section, "envoy.admin.v3.BootstrapConfigDump"));
}
