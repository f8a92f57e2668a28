import type { JsonObject } from "../envoy/types.js";
import { VALID_CIPHER_SUITES } from "../mesh/cipher-suites.js";
import type { ServerTLSSettings } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { CA_SUFFIX, type CredentialContext, credentialSdsConfig, sdsSecretConfig } from "./sds-config.js";

/**
 * Downstream TLS for terminating gateway servers (listener.go BuildListenerTLSContext and
 * security/model/authentication.go ApplyToCommonTLSContext /
 * ApplyCredentialSDSToServerCommonTLSContext), in Envoy's field-number order.
 */

const T = "type.googleapis.com/";

function exactMatches(names: readonly string[] | undefined): JsonObject[] {
  return (names ?? []).map((n) => ({ exact: n }));
}

export function filterCipherSuites(suites: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const s of suites ?? []) {
    // "", "ALL" and expressions starting with an operator (-, +, !) pass unchecked.
    const valid = s === "" || s === "ALL" || !/^[\p{L}\p{N}]/u.test(s) || VALID_CIPHER_SUITES.has(s);
    if (valid && !out.includes(s)) out.push(s);
  }
  return out;
}

const TLS_VERSIONS: Record<string, string> = {
  TLSV1_0: "TLSv1_0",
  TLSV1_1: "TLSv1_1",
  TLSV1_2: "TLSv1_2",
  TLSV1_3: "TLSv1_3",
};

/** Envoy's TlsProtocol for a ServerTLSSettings version; TLS_AUTO (the zero value) is undefined. */
function envoyTlsVersion(v: string | undefined): string | undefined {
  return TLS_VERSIONS[(v ?? "").toUpperCase()];
}

/** TlsParameters in field-number order: minimum(1), maximum(2), cipher_suites(3), ecdh_curves(4). */
function tlsParams(tls: ServerTLSSettings): JsonObject | undefined {
  const out: JsonObject = {};
  const min = envoyTlsVersion(tls.minProtocolVersion);
  const max = envoyTlsVersion(tls.maxProtocolVersion);
  const ciphers = filterCipherSuites(tls.cipherSuites);
  if (min) out.tls_minimum_protocol_version = min;
  if (max) out.tls_maximum_protocol_version = max;
  if (ciphers.length > 0) out.cipher_suites = ciphers;
  return Object.keys(out).length > 0 ? out : undefined;
}

function mode(tls: ServerTLSSettings): string {
  return (tls.mode ?? "PASSTHROUGH").toUpperCase();
}

/** Credential names of a server: credentialNames (≥1.27) or credentialName. */
export function serverCredentialNames(tls: ServerTLSSettings, profile: VersionProfile): string[] {
  if (profile.serverCredentialNames && tls.credentialNames && tls.credentialNames.length > 0)
    return tls.credentialNames;
  return tls.credentialName ? [tls.credentialName] : [];
}

/**
 * CertificateValidationContext in field-number order: verify_certificate_hash(2),
 * verify_certificate_spki(3), crl(7), match_subject_alt_names(9), trust_chain_verification(10).
 * Credential-based contexts carry the hashes, agent-served ones (ISTIO_MUTUAL, files) the CRL
 * file (≥1.22); insecureSkipVerify applies to both (≥1.31).
 */
function validationContext(tls: ServerTLSSettings, credential: boolean, profile: VersionProfile): JsonObject {
  const out: JsonObject = {};
  if (credential && tls.verifyCertificateHash?.length)
    out.verify_certificate_hash = tls.verifyCertificateHash;
  if (credential && tls.verifyCertificateSpki?.length)
    out.verify_certificate_spki = tls.verifyCertificateSpki;
  if (!credential && tls.caCrl && profile.serverCaCrlFile) out.crl = { filename: tls.caCrl };
  if (tls.subjectAltNames?.length) out.match_subject_alt_names = exactMatches(tls.subjectAltNames);
  if (tls.insecureSkipVerify && profile.serverInsecureSkipVerify)
    out.trust_chain_verification = "ACCEPT_UNTRUSTED";
  return out;
}

/**
 * DownstreamTlsContext for a server, or undefined for passthrough. `tcpTerminating` is a TLS
 * (non-HTTP, non-HTTPS) server that terminates: with ISTIO_MUTUAL it advertises
 * istio-peer-exchange first.
 */
export function downstreamTlsContext(
  tls: ServerTLSSettings,
  tcpTerminating: boolean,
  credentials: CredentialContext,
): JsonObject | undefined {
  const profile = credentials.profile;
  // A credential whose external SDS provider cannot be resolved gets no config (istiod logs it).
  const credentialSds = (name: string): JsonObject[] => {
    const c = credentialSdsConfig(name, credentials);
    return c ? [c] : [];
  };
  const m = mode(tls);
  if (m === "PASSTHROUGH" || m === "AUTO_PASSTHROUGH") return undefined;
  const requireClient = m === "MUTUAL" || m === "ISTIO_MUTUAL";
  // OPTIONAL_MUTUAL validates presented client certificates from 1.19 on.
  const optional = m === "OPTIONAL_MUTUAL" && profile.optionalMutualValidatesClient;
  const validateClient = requireClient || optional;
  const common: JsonObject = {};
  common.alpn_protocols =
    m === "ISTIO_MUTUAL" && tcpTerminating ? ["istio-peer-exchange", "h2", "http/1.1"] : ["h2", "http/1.1"];
  const creds = serverCredentialNames(tls, profile);
  if (m === "ISTIO_MUTUAL") {
    common.tls_certificate_sds_secret_configs = [sdsSecretConfig("default")];
    common.combined_validation_context = {
      default_validation_context: validationContext(tls, false, profile),
      validation_context_sds_secret_config: sdsSecretConfig("ROOTCA"),
    };
  } else if (creds.length > 0) {
    common.tls_certificate_sds_secret_configs = creds.flatMap(credentialSds);
    const caName =
      profile.serverCaCertCredentialName && tls.caCertCredentialName
        ? tls.caCertCredentialName
        : `${creds[0]}${CA_SUFFIX}`;
    if (m === "MUTUAL" || optional) {
      const [caSds] = credentialSds(caName);
      common.combined_validation_context = {
        default_validation_context: validationContext(tls, true, profile),
        ...(caSds && { validation_context_sds_secret_config: caSds }),
      };
    } else if (tls.subjectAltNames && tls.subjectAltNames.length > 0) {
      common.validation_context = { match_subject_alt_names: exactMatches(tls.subjectAltNames) };
    }
  } else {
    // File-mounted certificates become SDS resources served by the agent (SdsCertificateConfig):
    // each of tlsCertificates (≥1.27), else serverCertificate/privateKey, else the workload cert.
    const fileCert = (cert?: string, key?: string) => (cert && key ? `file-cert:${cert}~${key}` : "default");
    const list = profile.serverTlsCertificates ? (tls.tlsCertificates ?? []) : [];
    const certs =
      list.length > 0
        ? list.map((c) => fileCert(c.serverCertificate, c.privateKey))
        : [fileCert(tls.serverCertificate, tls.privateKey)];
    common.tls_certificate_sds_secret_configs = certs.map(sdsSecretConfig);
    if (validateClient) {
      common.combined_validation_context = {
        default_validation_context: validationContext(tls, false, profile),
        validation_context_sds_secret_config: sdsSecretConfig(
          tls.caCertificates ? `file-root:${tls.caCertificates}` : "ROOTCA",
        ),
      };
    }
  }
  // Protocol versions and ciphers: every mode up to 1.17, SIMPLE/MUTUAL/OPTIONAL_MUTUAL after.
  const simpleOrMutual = m === "SIMPLE" || m === "MUTUAL" || m === "OPTIONAL_MUTUAL";
  const params = tlsParams(tls);
  if (params && (simpleOrMutual || !profile.tlsParamsOnlySimpleOrMutual)) common.tls_params = params;
  return {
    "@type": `${T}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
    common_tls_context: reorderCommon(common),
    require_client_certificate: requireClient,
  };
}

/** CommonTlsContext field numbers: tls_params 1, validation_context 3, alpn 4, sds configs 6, combined 8. */
function reorderCommon(c: JsonObject): JsonObject {
  const order = [
    "tls_params",
    "validation_context",
    "alpn_protocols",
    "tls_certificate_sds_secret_configs",
    "combined_validation_context",
  ];
  const out: JsonObject = {};
  for (const k of order) if (c[k] !== undefined) out[k] = c[k] as JsonObject;
  return out;
}
