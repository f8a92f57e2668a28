import { X509Certificate } from "node:crypto";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * The certificate facts istioctl's secret table shows (istioctl/pkg/writer/compare/sds/util.go
 * secretMetaFromCert): the first PEM block of the data, parsed as X.509.
 *
 * Node 20's X509Certificate prints serials in uppercase hex (with a leading zero for an odd
 * digit count) and has no validFromDate, so the serial goes through BigInt and the dates
 * through their OpenSSL text form.
 */
export interface CertificateMeta {
  readonly type: "CA" | "Cert Chain";
  readonly serial: string;
  /** RFC 3339, UTC, seconds (Go's time.RFC3339). */
  readonly notAfter: string;
  readonly notBefore: string;
  /** NotBefore < now < NotAfter. */
  readonly valid: boolean;
  /** The host of the last spiffe:// URI SAN, unless the caller already knows it. */
  readonly trustDomain: string;
}

/** Go's pem.Decode: the first BEGIN/END block anywhere in the text, whatever its type. */
function firstPemBlock(text: string): Buffer | undefined {
  const m = /-----BEGIN ([^-\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = (m[2] ?? "").split(/\r?\n/).filter((line) => !line.includes(":"));
  return Buffer.from(body.join(""), "base64");
}

/** The certificate's meta, or undefined when the data holds no parseable certificate. */
export function certificateMeta(
  pem: string,
  trustDomain: string,
  now: Date,
  profile: VersionProfile,
): CertificateMeta | undefined {
  const der = firstPemBlock(pem);
  if (!der || der.length === 0) return undefined;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return undefined;
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  return {
    type: cert.ca ? "CA" : "Cert Chain",
    serial: formatSerial(cert.serialNumber, profile),
    notAfter: rfc3339(notAfter),
    notBefore: rfc3339(notBefore),
    valid: now.getTime() > notBefore.getTime() && now.getTime() < notAfter.getTime(),
    trustDomain: trustDomain || spiffeTrustDomain(cert.subjectAltName),
  };
}

/** %d (≤1.17), %x (1.18–1.28) or %032x (≥1.29) of the serial as a big integer. */
function formatSerial(hex: string, profile: VersionProfile): string {
  const n = BigInt(`0x${hex}`);
  if (profile.secretSerial === "decimal") return n.toString(10);
  const digits = n.toString(16);
  return profile.secretSerial === "hex32" ? digits.padStart(32, "0") : digits;
}

function rfc3339(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function spiffeTrustDomain(san: string | undefined): string {
  let domain = "";
  for (const entry of (san ?? "").split(/,\s*/)) {
    const uri = entry.startsWith("URI:") ? entry.slice(4).replace(/^"|"$/g, "") : "";
    if (!uri.toLowerCase().startsWith("spiffe://")) continue;
    try {
      domain = new URL(uri).host;
    } catch {
      // Go's url.Parse would reject it too: no trust domain from this SAN.
    }
  }
  return domain;
}
