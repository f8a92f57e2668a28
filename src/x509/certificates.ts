import { createHash, createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";

/**
 * X.509 facts every part of gwctl needs (lint's certificate rules, simulate's handshake,
 * describe's tree, diff's certificate summaries, the mesh's key fingerprints), read with
 * node:crypto. A leaf module: it imports nothing of ours, so every layer may use it.
 * Private keys are only ever reduced to their public half; nothing here keeps or prints one.
 */

const BEGIN = "-----BEGIN CERTIFICATE-----";
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export type CertResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/**
 * Every certificate of a PEM bundle (the X509Certificate constructor reads only the first).
 * A bundle whose first block is unreadable is an error; later unreadable blocks end the chain.
 */
export function parseCertificates(pem: string | undefined): CertResult<X509Certificate[]> {
  if (!pem || pem.trim() === "") return { ok: false, error: "no certificate" };
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    return {
      ok: false,
      error: pem.includes(BEGIN) ? "not a readable certificate" : "no PEM certificate in it",
    };
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certs.push(new X509Certificate(block));
    } catch (e) {
      if (certs.length === 0) return { ok: false, error: `not a readable certificate (${firstLine(e)})` };
      break;
    }
  }
  return { ok: true, value: certs };
}

function firstLine(e: unknown): string {
  return (e as Error).message.split("\n")[0] ?? String(e);
}

/** Subject alternative names in Envoy's SAN-matcher terms: DNS, URI, email and IP values. */
export function subjectAltNames(cert: X509Certificate): { readonly type: string; readonly value: string }[] {
  return (cert.subjectAltName ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const colon = s.indexOf(":");
      return { type: s.slice(0, colon), value: s.slice(colon + 1) };
    });
}

/** DNS names of the subjectAltName extension (empty when the certificate has none). */
export function dnsNames(cert: X509Certificate): string[] {
  return subjectAltNames(cert)
    .filter((s) => s.type === "DNS")
    .map((s) => s.value);
}

/** The subject's CN (undefined when the subject has none, as in Istio workload certificates). */
export function commonName(cert: X509Certificate): string | undefined {
  for (const line of (cert.subject ?? "").split("\n")) if (line.startsWith("CN=")) return line.slice(3);
  return undefined;
}

/** "CN=webapp.istioinaction.io", or the whole subject when it has no CN. */
export function subjectName(cert: X509Certificate): string {
  const cn = commonName(cert);
  if (cn !== undefined) return `CN=${cn}`;
  return (cert.subject ?? "").split("\n").join(", ") || "(empty subject)";
}

/** Names a client checks the certificate against: its DNS SANs, or its CN when it has none (legacy clients). */
export function certificateNames(cert: X509Certificate): string[] {
  const sans = dnsNames(cert);
  if (sans.length > 0) return sans;
  const cn = commonName(cert);
  return cn ? [cn] : [];
}

/** RFC 6125 matching of one certificate name: exact (case-insensitive), or `*.d` for exactly one label under d. */
export function nameCovers(certName: string, host: string): boolean {
  const n = certName.toLowerCase();
  const h = host.toLowerCase();
  if (n === h) return true;
  if (!n.startsWith("*.") || h.startsWith("*")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot) === n.slice(1);
}

/** Host-name verification as curl (OpenSSL X509_check_host) does it. */
export function coversHost(cert: X509Certificate, host: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return cert.checkIP(host) !== undefined;
  return cert.checkHost(host) !== undefined;
}

export function validity(cert: X509Certificate): { readonly notBefore: Date; readonly notAfter: Date } {
  return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

/** "expired on …", "not valid before …", or undefined when `now` is inside the validity. */
export function validityProblem(cert: X509Certificate, now: Date): string | undefined {
  const { notBefore, notAfter } = validity(cert);
  if (now.getTime() > notAfter.getTime()) return `expired on ${notAfter.toISOString()}`;
  if (now.getTime() < notBefore.getTime()) return `not valid before ${notBefore.toISOString()}`;
  return undefined;
}

function issued(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

export type ChainProblem = "unknown-issuer" | "expired";

/**
 * Build a path from `leaf` through `intermediates` (sent by the peer) to a self-signed
 * certificate in `trusted`, checking every certificate's dates, as OpenSSL's default
 * verification does (no partial chains).
 */
export function verifyChain(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  trusted: readonly X509Certificate[],
  now: Date,
): { readonly ok: true } | { readonly ok: false; readonly problem: ChainProblem; readonly detail: string } {
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    const dates = validityProblem(current, now);
    if (dates) return { ok: false, problem: "expired", detail: `${subjectName(current)} ${dates}` };
    const anchor = trusted.find((t) => issued(current, t));
    if (anchor && issued(anchor, anchor)) {
      const anchorDates = validityProblem(anchor, now);
      return anchorDates
        ? { ok: false, problem: "expired", detail: `${subjectName(anchor)} ${anchorDates}` }
        : { ok: true };
    }
    if (trusted.some((t) => t.fingerprint256 === current.fingerprint256) && issued(current, current))
      return { ok: true };
    const next = anchor ?? intermediates.find((i) => i !== current && issued(current, i));
    if (!next) {
      const issuer = current.issuer.split("\n").find((l) => l.startsWith("CN=")) ?? current.issuer;
      return {
        ok: false,
        problem: "unknown-issuer",
        detail: `no trusted issuer for ${subjectName(current)} (issued by ${issuer})`,
      };
    }
    current = next;
  }
  return { ok: false, problem: "unknown-issuer", detail: "certificate chain is too long" };
}

/** SHA-256 of a certificate's public key (SPKI DER). */
export function certificateKeyFingerprint(cert: X509Certificate): string {
  return createHash("sha256")
    .update(cert.publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** SHA-256 of a private key's public half (SPKI DER), comparable with certificateKeyFingerprint. */
export function privateKeyFingerprint(keyPem: string): CertResult<string> {
  try {
    const pub = createPublicKey(createPrivateKey(keyPem)).export({ type: "spki", format: "der" });
    return { ok: true, value: createHash("sha256").update(pub).digest("hex") };
  } catch (e) {
    return { ok: false, error: `unreadable private key (${firstLine(e)})` };
  }
}

/** Whether the private key in `keyPem` belongs to `cert`; a message when it cannot be read. */
export function keyMatches(cert: X509Certificate, keyPem: string): CertResult<boolean> {
  const fp = privateKeyFingerprint(keyPem);
  return fp.ok ? { ok: true, value: fp.value === certificateKeyFingerprint(cert) } : fp;
}

/** The first certificate of a PEM bundle (the leaf), or undefined when there is none to read. */
export function leafCertificate(pem: string | undefined): X509Certificate | undefined {
  const r = parseCertificates(pem);
  return r.ok ? r.value[0] : undefined;
}
