import type { JsonObject } from "../envoy/types.js";
import type { ServerTLSSettings } from "../mesh/istio-types.js";

/**
 * Downstream TLS for terminating gateway servers (listener.go BuildListenerTLSContext and
 * security/model/authentication.go), in Envoy's field-number order.
 */

const T = "type.googleapis.com/";
export const CA_SUFFIX = "-cacert";

const ADS_SDS: JsonObject = { ads: {}, resource_api_version: "V3" };

function sdsGrpc(): JsonObject {
  return {
    api_config_source: {
      api_type: "GRPC",
      grpc_services: [{ envoy_grpc: { cluster_name: "sds-grpc" } }],
      set_node_on_first_message_only: true,
      transport_api_version: "V3",
    },
    initial_fetch_timeout: "0s",
    resource_api_version: "V3",
  };
}

/**
 * The SDS resource name of a credential: no scheme → kubernetes://, known schemes kept,
 * builtin:// → the workload certificate "default" (credentials.ToResourceName).
 */
export function credentialResourceName(name: string): string {
  if (name.startsWith("builtin://")) return name.endsWith(CA_SUFFIX) ? "ROOTCA" : "default";
  if (/^(kubernetes|kubernetes-gateway|configmap|file-cert|file-root):/.test(name) || name.includes("://"))
    return name;
  return `kubernetes://${name}`;
}

function credentialSds(name: string): JsonObject {
  const resource = credentialResourceName(name);
  if (resource === "default" || resource === "ROOTCA") return { name: resource, sds_config: sdsGrpc() };
  return { name: resource, sds_config: ADS_SDS };
}

function exactMatches(names: readonly string[] | undefined): JsonObject[] {
  return (names ?? []).map((n) => ({ exact: n }));
}

/** Credential names of a server: credentialName, or the credentialNames list. */
export function serverCredentialNames(tls: ServerTLSSettings): string[] {
  if (tls.credentialName) return [tls.credentialName];
  return tls.credentialNames ?? [];
}

const TLS_VERSIONS = new Set(["TLS_AUTO", "TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3"]);

function envoyTlsVersion(v: string | undefined): string {
  const u = (v ?? "TLS_AUTO").toUpperCase();
  if (!TLS_VERSIONS.has(u)) return "TLS_AUTO";
  return u === "TLS_AUTO" ? "TLS_AUTO" : `TLSv1_${u.slice(-1)}`;
}

/**
 * DownstreamTlsContext for a server, or undefined for passthrough. `tcpTerminating` is a TLS
 * (non-HTTPS) server that terminates: with ISTIO_MUTUAL it advertises istio-peer-exchange.
 */
export function downstreamTlsContext(
  tls: ServerTLSSettings,
  tcpTerminating: boolean,
): JsonObject | undefined {
  const mode = (tls.mode ?? "PASSTHROUGH").toUpperCase();
  if (mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH") return undefined;
  const common: JsonObject = {};
  const min = envoyTlsVersion(tls.minProtocolVersion);
  const max = envoyTlsVersion(tls.maxProtocolVersion);
  if ((tls.cipherSuites && tls.cipherSuites.length > 0) || min !== "TLS_AUTO" || max !== "TLS_AUTO") {
    const params: JsonObject = {};
    if (min !== "TLS_AUTO") params.tls_minimum_protocol_version = min;
    if (max !== "TLS_AUTO") params.tls_maximum_protocol_version = max;
    if (tls.cipherSuites && tls.cipherSuites.length > 0) params.cipher_suites = tls.cipherSuites;
    common.tls_params = params;
  }
  common.alpn_protocols =
    mode === "ISTIO_MUTUAL" && tcpTerminating
      ? ["istio-peer-exchange", "h2", "http/1.1"]
      : ["h2", "http/1.1"];
  const mutual = mode === "MUTUAL" || mode === "OPTIONAL_MUTUAL";
  const creds = serverCredentialNames(tls);
  if (mode === "ISTIO_MUTUAL") {
    common.tls_certificate_sds_secret_configs = [{ name: "default", sds_config: sdsGrpc() }];
    common.combined_validation_context = {
      default_validation_context: validationContext(tls),
      validation_context_sds_secret_config: { name: "ROOTCA", sds_config: sdsGrpc() },
    };
  } else if (creds.length > 0) {
    common.tls_certificate_sds_secret_configs = creds.map(credentialSds);
    if (mutual) {
      const caName = tls.caCertCredentialName ?? `${creds[0]}${CA_SUFFIX}`;
      common.combined_validation_context = {
        default_validation_context: validationContext(tls),
        validation_context_sds_secret_config: credentialSds(caName),
      };
    } else if (tls.subjectAltNames && tls.subjectAltNames.length > 0) {
      common.validation_context = { match_subject_alt_names: exactMatches(tls.subjectAltNames) };
    }
  } else {
    // File-mounted certificates become SDS resources served by the agent.
    if (tls.serverCertificate && tls.privateKey) {
      common.tls_certificate_sds_secret_configs = [
        { name: `file-cert:${tls.serverCertificate}~${tls.privateKey}`, sds_config: sdsGrpc() },
      ];
    }
    if (tls.caCertificates) {
      common.combined_validation_context = {
        default_validation_context: validationContext(tls),
        validation_context_sds_secret_config: {
          name: `file-root:${tls.caCertificates}`,
          sds_config: sdsGrpc(),
        },
      };
    }
  }
  const out: JsonObject = {
    "@type": `${T}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
    common_tls_context: reorderCommon(common),
    require_client_certificate: mode === "MUTUAL" || mode === "ISTIO_MUTUAL",
  };
  return out;
}

function validationContext(tls: ServerTLSSettings): JsonObject {
  const out: JsonObject = {};
  if (tls.verifyCertificateHash?.length) out.verify_certificate_hash = tls.verifyCertificateHash;
  if (tls.verifyCertificateSpki?.length) out.verify_certificate_spki = tls.verifyCertificateSpki;
  if (tls.subjectAltNames?.length) out.match_subject_alt_names = exactMatches(tls.subjectAltNames);
  return out;
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
