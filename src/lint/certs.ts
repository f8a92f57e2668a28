import { X509Certificate } from "node:crypto";
import { certKeyFingerprint } from "../mesh/k8s.js";
import type { TlsSecret } from "../mesh/model.js";

/**
 * Certificate facts the certificate rules need, read with node:crypto. Only certificates
 * are parsed here: a Secret's private key was reduced to a fingerprint when it was loaded.
 */

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export interface ParsedChain {
  readonly certs: readonly X509Certificate[];
  /** Why the first block could not be read as a certificate, when it could not. */
  readonly error?: string;
}

export function parseChain(pem: string | undefined): ParsedChain {
  if (!pem || pem.trim() === "") return { certs: [], error: "no certificate" };
  const blocks = pem.match(PEM_CERT) ?? [];
  if (blocks.length === 0) return { certs: [], error: "not a PEM certificate" };
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certs.push(new X509Certificate(block));
    } catch (e) {
      if (certs.length === 0)
        return { certs: [], error: (e as Error).message.split("\n")[0] ?? "unreadable certificate" };
      break;
    }
  }
  return { certs };
}

/** DNS names of the subjectAltName extension (empty when the certificate has none). */
export function dnsNames(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (!san) return [];
  return san
    .split(/,\s*/)
    .filter((e) => e.startsWith("DNS:"))
    .map((e) => e.slice(4).trim());
}

export function commonName(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split("\n")) if (line.startsWith("CN=")) return line.slice(3);
  return undefined;
}

/** Names a client checks the certificate against: its SANs, or its CN when it has no SAN (legacy clients). */
export function certNames(cert: X509Certificate): string[] {
  const sans = dnsNames(cert);
  if (sans.length > 0) return sans;
  const cn = commonName(cert);
  return cn ? [cn] : [];
}

/** RFC 6125 matching: exact (case-insensitive), or `*.d` for exactly one label under d. */
export function nameCovers(certName: string, host: string): boolean {
  const n = certName.toLowerCase();
  const h = host.toLowerCase();
  if (n === h) return true;
  if (!n.startsWith("*.") || h.startsWith("*")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot) === n.slice(1);
}

export function validity(cert: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

/** Does the Secret's private key belong to this certificate? undefined when there is no key to compare. */
export function keyMatches(secret: TlsSecret, cert: X509Certificate): boolean | undefined {
  if (!secret.keyFingerprint) return undefined;
  return certKeyFingerprint(cert) === secret.keyFingerprint;
}
