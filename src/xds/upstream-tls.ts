import type { JsonObject } from "../envoy/types.js";
import type { ClientTLSSettings } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { CA_SUFFIX, credentialResourceName, sdsSecretConfig } from "./sds-config.js";

/**
 * TLS from the gateway to an upstream (cluster_tls.go buildUpstreamTLSSettings,
 * buildUpstreamClusterTLSContext, applyUpstreamTLSSettings): a DestinationRule's client TLS,
 * or auto mTLS for in-mesh services. Field-number order throughout.
 */

const T = "type.googleapis.com/";

export interface UpstreamTlsInput {
  /** The DestinationRule's (merged) client TLS settings for this cluster, if any. */
  readonly tls?: ClientTLSSettings;
  /** spiffe:// identities of the service's workloads. */
  readonly serviceAccounts: readonly string[];
  /** outbound_.<port>_.<subset>_.<host>, the default Istio mTLS SNI. */
  readonly istioSni: string;
  readonly autoMtls: boolean;
  readonly meshExternal: boolean;
  /** The cluster speaks HTTP/2 upstream. */
  readonly h2: boolean;
  readonly clusterName: string;
  readonly profile: VersionProfile;
}

/** What a cluster gets: a plain transport socket, auto-mTLS socket matches, auto SNI options, metadata. */
export interface UpstreamTls {
  readonly transportSocket?: JsonObject;
  readonly transportSocketMatches?: JsonObject[];
  /** upstream_http_protocol_options {auto_sni, auto_san_validation} for SIMPLE/MUTUAL. */
  readonly upstreamHttpProtocolOptions?: JsonObject;
}

const TLS_PARAMS = { tls_minimum_protocol_version: "TLSv1_2", tls_maximum_protocol_version: "TLSv1_3" };

function exact(names: readonly string[] | undefined): JsonObject[] {
  return (names ?? []).map((n) => ({ exact: n }));
}

function upstreamContext(common: JsonObject, sni: string | undefined): JsonObject {
  const out: JsonObject = {
    "@type": `${T}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
    common_tls_context: common,
  };
  if (sni) out.sni = sni;
  return out;
}

function tlsSocket(ctx: JsonObject): JsonObject {
  return { name: "envoy.transport_sockets.tls", typed_config: ctx };
}

/** Istio mTLS with the workload certificate and root CA from the agent. */
function istioMutual(sans: readonly string[], sni: string, h2: boolean): JsonObject {
  const alpn = h2 ? ["istio-peer-exchange", "istio", "h2"] : ["istio-peer-exchange", "istio"];
  const validation: JsonObject = sans.length > 0 ? { match_subject_alt_names: exact(sans) } : {};
  return upstreamContext(
    {
      tls_params: TLS_PARAMS,
      alpn_protocols: alpn,
      tls_certificate_sds_secret_configs: [sdsSecretConfig("default")],
      combined_validation_context: {
        default_validation_context: validation,
        validation_context_sds_secret_config: sdsSecretConfig("ROOTCA"),
      },
    },
    sni,
  );
}

/**
 * SIMPLE/MUTUAL to an upstream: a credentialName is fetched over ADS (the client certificate
 * only for MUTUAL, the CA from <name>-cacert); otherwise file certificates through the agent,
 * with the system CA when caCertificates is empty (from 1.21).
 */
function simpleOrMutual(tls: ClientTLSSettings, mutual: boolean, input: UpstreamTlsInput): JsonObject {
  const common: JsonObject = { tls_params: TLS_PARAMS };
  if (tls.credentialName) {
    const name = credentialResourceName(tls.credentialName, input.profile);
    if (mutual) common.tls_certificate_sds_secret_configs = [sdsSecretConfig(name)];
    if (!tls.insecureSkipVerify)
      common.combined_validation_context = {
        default_validation_context: tls.subjectAltNames?.length
          ? { match_subject_alt_names: exact(tls.subjectAltNames) }
          : {},
        validation_context_sds_secret_config: sdsSecretConfig(`${name}${CA_SUFFIX}`),
      };
  } else {
    if (mutual && tls.clientCertificate && tls.privateKey)
      common.tls_certificate_sds_secret_configs = [
        sdsSecretConfig(`file-cert:${tls.clientCertificate}~${tls.privateKey}`),
      ];
    const ca = tls.caCertificates || (input.profile.upstreamTlsSystemCa ? "system" : "");
    if (!ca || tls.insecureSkipVerify) common.validation_context = {};
    else {
      const validation: JsonObject = {};
      if (tls.caCrl && input.profile.serverCaCrlFile) validation.crl = { filename: tls.caCrl };
      if (tls.subjectAltNames?.length) validation.match_subject_alt_names = exact(tls.subjectAltNames);
      common.combined_validation_context = {
        default_validation_context: validation,
        validation_context_sds_secret_config: sdsSecretConfig(`file-root:${ca}`),
      };
    }
  }
  if (input.h2) common.alpn_protocols = ["h2"];
  return upstreamContext(reorder(common), tls.sni);
}

/** CommonTlsContext: tls_params 1, validation_context 3, alpn 4, sds configs 6, combined 8. */
function reorder(c: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of [
    "tls_params",
    "validation_context",
    "alpn_protocols",
    "tls_certificate_sds_secret_configs",
    "combined_validation_context",
  ])
    if (c[k] !== undefined) out[k] = c[k] as JsonObject;
  return out;
}

/**
 * auto_sni without an explicit SNI, and auto_san_validation when neither SNI nor SANs are
 * given (setAutoSniAndAutoSanValidation, on by default from 1.21).
 */
function autoSni(tls: ClientTLSSettings, profile: VersionProfile): JsonObject | undefined {
  if (!profile.upstreamAutoSni || tls.sni) return undefined;
  const out: JsonObject = { auto_sni: true };
  if (!tls.subjectAltNames?.length && !tls.insecureSkipVerify) out.auto_san_validation = true;
  return out;
}

export function upstreamTls(input: UpstreamTlsInput): UpstreamTls {
  const tls = input.tls;
  const mode = (tls?.mode ?? "").toUpperCase();
  if (tls) {
    if (mode === "DISABLE" || mode === "") return {};
    if (mode === "ISTIO_MUTUAL") {
      const sans = tls.subjectAltNames ?? input.serviceAccounts;
      return { transportSocket: tlsSocket(istioMutual(sans, tls.sni || input.istioSni, input.h2)) };
    }
    const ctx = simpleOrMutual(tls, mode === "MUTUAL", input);
    const opts = autoSni(tls, input.profile);
    return { transportSocket: tlsSocket(ctx), ...(opts && { upstreamHttpProtocolOptions: opts }) };
  }
  if (input.meshExternal || !input.autoMtls) return {};
  // Auto mTLS: Istio mTLS for endpoints labelled tlsMode=istio, plain text for the rest.
  return {
    transportSocketMatches: [
      {
        name: "tlsMode-istio",
        match: { tlsMode: "istio" },
        transport_socket: tlsSocket(istioMutual(input.serviceAccounts, input.istioSni, input.h2)),
      },
      {
        name: "tlsMode-disabled",
        match: {},
        transport_socket: {
          name: "envoy.transport_sockets.raw_buffer",
          typed_config: { "@type": `${T}envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer` },
        },
      },
    ],
  };
}
