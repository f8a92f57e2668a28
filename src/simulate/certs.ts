import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";

/**
 * The certificate checks a TLS handshake makes, on PEM text: chain building to a trusted
 * root, validity dates, host names (CN fallback when there is no DNS SAN, as OpenSSL and
 * curl do), and whether a private key belongs to a certificate. Key material is only
 * reduced to its public half, never kept or printed.
 */

const BEGIN = "-----BEGIN CERTIFICATE-----";

export type CertResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** Every certificate in a PEM bundle (the X509Certificate constructor reads only the first). */
export function parseCertificates(pem: string): CertResult<X509Certificate[]> {
  const blocks = pem
    .split(BEGIN)
    .slice(1)
    .map((b) => `${BEGIN}${b}`);
  if (blocks.length === 0) return { ok: false, error: "no PEM certificate in it" };
  try {
    return { ok: true, value: blocks.map((b) => new X509Certificate(b)) };
  } catch (e) {
    return { ok: false, error: `not a readable certificate (${(e as Error).message})` };
  }
}

/** "CN=webapp.istioinaction.io", or the whole subject when it has no CN. */
export function subjectName(cert: X509Certificate): string {
  const lines = (cert.subject ?? "").split("\n");
  const cn = lines.find((l) => l.startsWith("CN="));
  return cn ?? (lines.join(", ") || "(empty subject)");
}

export function notAfter(cert: X509Certificate): Date {
  return new Date(cert.validTo);
}

/** "expired on …", "not valid before …", or undefined when `now` is inside the validity. */
export function validityProblem(cert: X509Certificate, now: Date): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (now.getTime() > to.getTime()) return `expired on ${to.toISOString()}`;
  if (now.getTime() < from.getTime()) return `not valid before ${from.toISOString()}`;
  return undefined;
}

function issued(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

function selfSigned(c: X509Certificate): boolean {
  return issued(c, c);
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
    if (anchor && selfSigned(anchor)) {
      const anchorDates = validityProblem(anchor, now);
      return anchorDates
        ? { ok: false, problem: "expired", detail: `${subjectName(anchor)} ${anchorDates}` }
        : { ok: true };
    }
    if (trusted.some((t) => t.fingerprint256 === current.fingerprint256) && selfSigned(current))
      return { ok: true };
    const next = anchor ?? intermediates.find((i) => i !== current && issued(current, i));
    if (!next) {
      return {
        ok: false,
        problem: "unknown-issuer",
        detail: `no trusted issuer for ${subjectName(current)} (issued by ${current.issuer.split("\n").find((l) => l.startsWith("CN=")) ?? current.issuer})`,
      };
    }
    current = next;
  }
  return { ok: false, problem: "unknown-issuer", detail: "certificate chain is too long" };
}

/** The DNS names of a certificate, falling back to its CN when it has no DNS SAN. */
export function certificateNames(cert: X509Certificate): string[] {
  const sans = (cert.subjectAltName ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("DNS:"))
    .map((s) => s.slice(4));
  if (sans.length > 0) return sans;
  const cn = subjectName(cert);
  return cn.startsWith("CN=") ? [cn.slice(3)] : [];
}

/** Host-name verification as curl (OpenSSL X509_check_host) does it. */
export function coversHost(cert: X509Certificate, host: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return cert.checkIP(host) !== undefined;
  return cert.checkHost(host) !== undefined;
}

/** Whether the private key in `keyPem` belongs to `cert`; a message when it cannot be read. */
export function keyMatches(cert: X509Certificate, keyPem: string): CertResult<boolean> {
  try {
    const pub = createPublicKey(createPrivateKey(keyPem)).export({ type: "spki", format: "der" });
    const certPub = cert.publicKey.export({ type: "spki", format: "der" });
    return { ok: true, value: Buffer.compare(pub, certPub) === 0 };
  } catch (e) {
    return { ok: false, error: `unreadable private key (${(e as Error).message.split("\n")[0]})` };
  }
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
