import { requireSection } from "../envoy/configdump.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  DUMP_TYPES,
  type JsonObject,
  objectAt,
  objectsIn,
  stringAt,
} from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { type CertificateMeta, certificateMeta } from "./certificate.js";
import { table } from "./output.js";
import { type Found, fail, found, ok, type ViewResult } from "./result.js";

/**
 * istioctl `proxy-config secrets`: one row per warming, then active, SDS secret
 * (istioctl/pkg/writer/compare/sds/{util,writer}.go). Only certificate metadata is shown.
 */

const SPIFFE_VALIDATOR =
  "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.SPIFFECertValidatorConfig";

interface SecretItem {
  readonly name: string;
  readonly state: string;
  readonly meta: CertificateMeta | undefined;
}

export interface SecretTableOptions {
  readonly profile: VersionProfile;
  readonly now: Date;
  /** `pc all`: names printed as secret/<name>. */
  readonly typePrefix: boolean;
}

export function secretTable(dump: ConfigDump, opts: SecretTableOptions): ViewResult {
  const section = requireSection(dump, DUMP_TYPES.secrets);
  if (!section.ok) return fail(section.message);
  const warming = objectsIn(section.section.dynamic_warming_secrets);
  const active = objectsIn(section.section.dynamic_active_secrets);
  if (warming.length === 0 && active.length === 0) return ok("No active or warming secrets found.\n");
  const items = [
    ...warming.flatMap((s) => secretItems(s, "WARMING", opts)),
    ...active.flatMap((s) => secretItems(s, "ACTIVE", opts)),
  ];
  if (items.length === 0) return ok("No secret items to show.\n");
  const withTrustDomain =
    opts.profile.secretTrustDomains && items.every((i) => (i.meta?.trustDomain ?? "") !== "");
  const columns = [
    "RESOURCE NAME",
    "TYPE",
    "STATUS",
    "VALID CERT",
    "SERIAL NUMBER",
    "NOT AFTER",
    "NOT BEFORE",
  ];
  const lines = [`${[...columns, ...(withTrustDomain ? ["TRUST DOMAIN"] : [])].join("\t")}\n`];
  for (const item of items) {
    const m = item.meta;
    const cells = [
      `${opts.typePrefix ? "secret/" : ""}${item.name}`,
      m?.type ?? "",
      item.state,
      m?.valid ? "true" : "false",
      m?.serial ?? "",
      m?.notAfter ?? "",
      m?.notBefore ?? "",
      ...(withTrustDomain ? [m?.trustDomain ?? ""] : []),
    ];
    lines.push(`${cells.join("\t")}\n`);
  }
  return ok(table(lines.join(""), 5));
}

/** `-o json|yaml`: the whole SecretsConfigDump (already redacted), jsonpb-indented. */
export function secretDump(dump: ConfigDump): Found<PbMessage> {
  const section = requireSection(dump, DUMP_TYPES.secrets);
  if (!section.ok) return { ok: false, message: `sidecar doesn't support secrets: ${section.message}` };
  return found(toPbMessage(section.section, "envoy.admin.v3.SecretsConfigDump"));
}

/** The rows of one dynamic secret: its certificate chain, its CA, or its SPIFFE trust bundles. */
function secretItems(dynamic: JsonObject, state: string, opts: SecretTableOptions): SecretItem[] {
  const { profile, now } = opts;
  const secret = objectAt(dynamic, "secret") ?? {};
  // istioctl ≥1.25 sets UNINITIALIZED on a copy of the item, so it never shows.
  const shownState =
    state === "ACTIVE" && profile.secretUninitializedState && dynamic.version_info === "uninitialized"
      ? "UNINITIALIZED"
      : state;
  const name = stringAt(dynamic, "name") ?? "";
  const chain = inlineBytes(objectAt(objectAt(secret, "tls_certificate") ?? {}, "certificate_chain"));
  const validation = objectAt(secret, "validation_context") ?? {};
  const ca = inlineBytes(objectAt(validation, "trusted_ca"));
  const data = chain || ca;
  if (data) return [{ name, state: shownState, meta: certificateMeta(data, "", now, profile) }];
  if (profile.secretTrustDomains) {
    const bundles = trustBundles(validation);
    if (bundles) {
      const inner = stringAt(secret, "name") ?? "";
      return bundles.map((b) => ({
        name: inner,
        state,
        meta: certificateMeta(b.pem, b.domain, now, profile),
      }));
    }
    if (profile.secretDropsEmpty) return [];
  }
  return [{ name, state: shownState, meta: undefined }];
}

function trustBundles(validation: JsonObject): { domain: string; pem: string }[] | undefined {
  const typed = objectAt(objectAt(validation, "custom_validator_config") ?? {}, "typed_config");
  if (!typed || typed["@type"] !== SPIFFE_VALIDATOR) return undefined;
  return objectsIn(typed.trust_domains).map((td) => ({
    domain: stringAt(td, "name") ?? "",
    pem: inlineBytes(objectAt(td, "trust_bundle")),
  }));
}

function inlineBytes(source: JsonObject | undefined): string {
  const b64 = stringAt(source, "inline_bytes");
  return b64 ? Buffer.from(b64, "base64").toString("utf8") : "";
}
