import type { X509Certificate } from "node:crypto";
import { secrets } from "../envoy/configdump.js";
import { objectList, stringList } from "../envoy/lists.js";
import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";
import {
  coversHost,
  keyMatches,
  parseCertificates,
  subjectAltNames,
  subjectName,
  validity,
  verifyChain,
} from "../x509/certificates.js";
import { matchString } from "./matchers.js";
import type { TlsHello } from "./request.js";
import type { IstioSimulationError } from "./result.js";

/**
 * The TLS handshake between curl and a filter chain's DownstreamTlsContext: which server
 * certificate Envoy presents (from SDS secrets in the dump), whether it asks for a client
 * certificate and accepts the one given, the ALPN it picks, and — when the user passed
 * --cacert — whether curl accepts Envoy's certificate.
 */

export interface HandshakeFailure {
  readonly ok: false;
  readonly summary: string;
  readonly client: string;
  readonly fix: readonly string[];
  readonly istioError?: IstioSimulationError;
}

export interface HandshakeSuccess {
  readonly ok: true;
  /** The protocol ALPN settled on, if any. */
  readonly alpn?: string;
  readonly detail: string;
  readonly clientCertificate?: { readonly presented: boolean; readonly validated: boolean };
  readonly notes: readonly string[];
}

export type Handshake = HandshakeSuccess | HandshakeFailure;

/** The DownstreamTlsContext of a chain, or undefined for a plain-text chain. */
export function downstreamTlsContext(chain: JsonObject): JsonObject | undefined {
  const ts = chain.transport_socket;
  if (!isJsonObject(ts)) return undefined;
  const tc = isJsonObject(ts.typed_config) ? ts.typed_config : {};
  const isTls =
    String(ts.name ?? "").includes("tls") || String(tc["@type"] ?? "").endsWith("DownstreamTlsContext");
  return isTls ? tc : undefined;
}

/** PEM text of a DataSource (inline_bytes are base64, inline_string is text). */
function dataSourceText(ds: unknown): string | undefined {
  if (!isJsonObject(ds)) return undefined;
  if (typeof ds.inline_bytes === "string") return Buffer.from(ds.inline_bytes, "base64").toString("utf8");
  if (typeof ds.inline_string === "string") return ds.inline_string;
  return undefined;
}

interface SecretLookup {
  readonly secret?: JsonObject;
  readonly status?: string;
}

function findSecret(dump: ConfigDump, name: string): SecretLookup {
  const all = secrets(dump).filter((s) => s.resource.name === name || s.wrapper.name === name);
  const active = all.find((s) => s.status !== "warming");
  if (active) return { secret: active.resource, status: active.status };
  return all.length > 0 ? { status: "warming" } : {};
}

interface CertSource {
  readonly name: string;
  readonly pem?: string;
  /** Why the certificate is not there. */
  readonly missing?: string;
}

/** The server certificate Envoy presents: inline tls_certificates, else the first SDS one. */
function serverCertificate(common: JsonObject, dump: ConfigDump): CertSource | undefined {
  const inline = objectList(common.tls_certificates)[0];
  if (inline)
    return {
      name: "inline certificate",
      ...textOrMissing(dataSourceText(inline.certificate_chain), "inline certificate"),
    };
  const sds = objectList(common.tls_certificate_sds_secret_configs)[0];
  if (!sds) return undefined;
  const name = String(sds.name ?? "");
  const found = findSecret(dump, name);
  if (!found.secret)
    return {
      name,
      missing:
        found.status === "warming"
          ? `SDS secret ${name} is still warming: Envoy never received it`
          : `SDS secret ${name} is not in the dump`,
    };
  const tlsCert = isJsonObject(found.secret.tls_certificate) ? found.secret.tls_certificate : {};
  return { name, ...textOrMissing(dataSourceText(tlsCert.certificate_chain), name) };
}

function textOrMissing(text: string | undefined, what: string): { pem?: string; missing?: string } {
  return text !== undefined
    ? { pem: text }
    : { missing: `${what} has no inline certificate chain (a file path gwctl cannot read)` };
}

interface ValidationContext {
  readonly source: string;
  readonly caPem?: string;
  readonly missing?: string;
  readonly sanMatchers: readonly JsonObject[];
  readonly hashes: readonly string[];
  readonly spkis: readonly string[];
}

/** The validation context for client certificates: inline, SDS, or combined. */
function validationContext(common: JsonObject, dump: ConfigDump): ValidationContext | undefined {
  const combined = isJsonObject(common.combined_validation_context)
    ? common.combined_validation_context
    : undefined;
  const direct = isJsonObject(common.validation_context) ? common.validation_context : undefined;
  const sdsRef = isJsonObject(common.validation_context_sds_secret_config)
    ? common.validation_context_sds_secret_config
    : combined && isJsonObject(combined.validation_context_sds_secret_config)
      ? combined.validation_context_sds_secret_config
      : undefined;
  const defaults =
    combined && isJsonObject(combined.default_validation_context)
      ? combined.default_validation_context
      : direct;
  if (!sdsRef && !defaults) return undefined;
  const rules = {
    sanMatchers: [
      ...objectList(defaults?.match_subject_alt_names),
      ...objectList(defaults?.match_typed_subject_alt_names).map((m) =>
        isJsonObject(m.matcher) ? m.matcher : {},
      ),
    ],
    hashes: stringList(defaults?.verify_certificate_hash),
    spkis: stringList(defaults?.verify_certificate_spki),
  };
  if (sdsRef) {
    const name = String(sdsRef.name ?? "");
    const found = findSecret(dump, name);
    const vc =
      found.secret && isJsonObject(found.secret.validation_context)
        ? found.secret.validation_context
        : undefined;
    const caPem = vc ? dataSourceText(vc.trusted_ca) : undefined;
    if (caPem === undefined)
      return {
        source: name,
        missing:
          found.status === "warming"
            ? `SDS secret ${name} is still warming`
            : `SDS secret ${name} is not in the dump`,
        ...rules,
      };
    return { source: name, caPem, ...rules };
  }
  const caPem = dataSourceText(defaults?.trusted_ca);
  return { source: "inline validation context", ...(caPem !== undefined && { caPem }), ...rules };
}

function fingerprintHex(cert: X509Certificate): string {
  return cert.fingerprint256.replace(/:/g, "").toLowerCase();
}

/** Envoy's SAN matchers: any SAN of the certificate matching any matcher. */
function sanAccepted(cert: X509Certificate, matchers: readonly JsonObject[]): boolean {
  if (matchers.length === 0) return true;
  const sans = subjectAltNames(cert);
  return matchers.some((m) => sans.some((s) => matchString(m, s.value).matched));
}

function selectAlpn(server: readonly string[], client: readonly string[]): string | undefined {
  if (server.length === 0) return undefined;
  return server.find((p) => client.includes(p));
}

function failure(
  summary: string,
  client: string,
  fix: string[],
  istioError?: IstioSimulationError,
): HandshakeFailure {
  return { ok: false, summary, client, fix, ...(istioError && { istioError }) };
}

export interface HandshakeInput {
  readonly context: JsonObject;
  readonly hello: TlsHello;
  readonly dump: ConfigDump;
  readonly now: Date;
  /** The host curl verifies the server certificate against (the URL host). */
  readonly urlHost: string;
  /** "host:port" as curl names the connection in its messages. */
  readonly target: string;
}

export function handshake(input: HandshakeInput): Handshake {
  const { context, hello, dump, now } = input;
  const common = isJsonObject(context.common_tls_context) ? context.common_tls_context : {};
  const notes: string[] = [];
  const reset = `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${input.target}`;

  const server = serverCertificate(common, dump);
  if (!server || server.missing || server.pem === undefined) {
    return failure(
      `the TLS handshake is reset: ${server?.missing ?? "the filter chain has no server certificate"}`,
      reset,
      [
        "create the Secret the Gateway's credentialName names, in the gateway's namespace, with tls.crt and tls.key",
        "check it with: gwctl proxy-config secrets",
      ],
    );
  }
  const serverCerts = parseCertificates(server.pem);
  if (!serverCerts.ok)
    return failure(`the TLS handshake is reset: ${server.name} is ${serverCerts.error}`, reset, [
      "put a PEM certificate chain in the Secret's tls.crt",
    ]);
  const leaf = serverCerts.value[0] as X509Certificate;
  const parts = [
    `server certificate ${server.name} (${subjectName(leaf)}, valid until ${validity(leaf).notAfter.toISOString().slice(0, 10)})`,
  ];

  // curl's side: verify Envoy's certificate.
  if (hello.insecure) notes.push("-k: curl does not verify the server certificate");
  else if (hello.caBundle !== undefined) {
    const bundle = parseCertificates(hello.caBundle);
    if (!bundle.ok)
      return failure(`--cacert is ${bundle.error}`, "curl: (77) error setting certificate verify locations", [
        "pass a PEM CA bundle to --cacert",
      ]);
    const chain = verifyChain(leaf, serverCerts.value.slice(1), bundle.value, now);
    if (!chain.ok) {
      const msg =
        chain.problem === "expired"
          ? "curl: (60) SSL certificate problem: certificate has expired"
          : "curl: (60) SSL certificate problem: unable to get local issuer certificate";
      return failure(`curl rejects the gateway's certificate: ${chain.detail}`, msg, [
        chain.problem === "expired"
          ? `renew the certificate in ${server.name}`
          : `pass the CA that issued ${server.name} to --cacert (the issuing chain, as ca-chain.cert.pem in the walkthrough)`,
      ]);
    }
    if (!coversHost(leaf, input.urlHost)) {
      return failure(
        `curl rejects the gateway's certificate: ${subjectName(leaf)} does not cover the host ${input.urlHost}`,
        `curl: (60) SSL: no alternative certificate subject name matches target host name '${input.urlHost}'`,
        [`call the host the certificate names, or issue ${server.name} for ${input.urlHost}`],
      );
    }
    parts.push("curl verifies it with --cacert");
  } else {
    notes.push(
      `curl verifies the server certificate (${subjectName(leaf)}, issued by ${leaf.issuer.split("\n").find((l) => l.startsWith("CN=")) ?? "?"}) against its default CA store: pass --cacert FILE unless that CA is trusted there`,
    );
  }

  // Envoy's side: the client certificate.
  const require = context.require_client_certificate === true;
  const validation = validationContext(common, dump);
  const given = hello.clientCert;
  let clientCertificate: HandshakeSuccess["clientCertificate"];
  if (!given) {
    if (require) {
      return failure(
        'the gateway requires a client certificate (mutual TLS) and curl sent none: the handshake ends with the TLS alert "certificate required"',
        "curl: (56) OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required",
        [
          `pass a client certificate signed by the CA in ${validation?.source ?? "the validation context"}: --cert FILE --key FILE`,
          "or set the Gateway server's tls.mode to SIMPLE (or OPTIONAL_MUTUAL) if clients need not authenticate",
        ],
        "invalid mTLS",
      );
    }
  } else {
    const certs = parseCertificates(given.certPem);
    if (!certs.ok)
      return failure(
        `--cert ${given.source} is ${certs.error}`,
        "curl: (58) could not load PEM client certificate",
        ["pass a PEM certificate to --cert"],
      );
    const clientLeaf = certs.value[0] as X509Certificate;
    const key = keyMatches(clientLeaf, given.keyPem ?? given.certPem);
    if (!key.ok || !key.value) {
      return failure(
        `curl cannot use the client certificate: ${key.ok ? "the private key does not belong to the certificate" : key.error}`,
        "curl: (58) unable to set private key file",
        ["pass the key that belongs to the certificate: --key FILE"],
      );
    }
    if (!validation) {
      notes.push("the gateway does not ask for client certificates; curl's --cert is not used");
      clientCertificate = { presented: false, validated: false };
    } else if (validation.caPem === undefined) {
      return failure(
        `the TLS handshake fails: ${validation.missing ?? "no trusted CA for client certificates"}`,
        reset,
        ["add ca.crt to the Gateway's credential Secret (or create the <credentialName>-cacert Secret)"],
      );
    } else {
      const trusted = parseCertificates(validation.caPem);
      const chain = trusted.ok
        ? verifyChain(clientLeaf, certs.value.slice(1), trusted.value, now)
        : undefined;
      if (!chain?.ok) {
        const expired = chain?.problem === "expired";
        return failure(
          `the gateway rejects the client certificate ${subjectName(clientLeaf)}: ${chain ? chain.detail : `the CA in ${validation.source} is unreadable`}`,
          expired
            ? "curl: (56) OpenSSL SSL_read: error:0A000415:SSL routines::sslv3 alert certificate expired"
            : "curl: (56) OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca",
          [
            expired
              ? "renew the client certificate"
              : `use a client certificate issued by the CA in ${validation.source}, or add its CA to the Secret's ca.crt`,
          ],
          "invalid mTLS",
        );
      }
      if (!sanAccepted(clientLeaf, validation.sanMatchers)) {
        return failure(
          `the gateway rejects the client certificate: none of its subject alternative names is allowed by the Gateway's subjectAltNames`,
          "curl: (56) OpenSSL SSL_read: error:0A000416:SSL routines::sslv3 alert certificate unknown",
          ["use a certificate with an allowed SAN, or change the server's tls.subjectAltNames"],
          "invalid mTLS",
        );
      }
      if (
        validation.hashes.length > 0 &&
        !validation.hashes.map((h) => h.replace(/:/g, "").toLowerCase()).includes(fingerprintHex(clientLeaf))
      ) {
        return failure(
          "the gateway rejects the client certificate: its SHA-256 hash is not in verify_certificate_hash",
          "curl: (56) OpenSSL SSL_read: error:0A000416:SSL routines::sslv3 alert certificate unknown",
          ["use a certificate whose hash the Gateway's verifyCertificateHash lists"],
          "invalid mTLS",
        );
      }
      clientCertificate = { presented: true, validated: true };
      parts.push(`client certificate ${subjectName(clientLeaf)} accepted (CA from ${validation.source})`);
    }
  }
  if (require && !given) clientCertificate = { presented: false, validated: false };

  const alpn = selectAlpn(stringList(common.alpn_protocols), hello.alpn);
  if (alpn) parts.push(`ALPN ${alpn}`);
  return {
    ok: true,
    ...(alpn !== undefined && { alpn }),
    detail: parts.join("; "),
    ...(clientCertificate && { clientCertificate }),
    notes,
  };
}
