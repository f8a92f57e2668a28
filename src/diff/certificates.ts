import { parseCertificates, subjectName, validity } from "../x509/certificates.js";

/**
 * A rotated certificate shows in a dump as two base64 blobs; what a reader needs is which
 * certificate each one is. This turns a PEM chain (inline_bytes in base64, or inline_string)
 * into one line: subject CN, serial, expiry, and how many more certificates the chain has.
 */

function pemOf(value: string): string | undefined {
  if (value.includes("-----BEGIN CERTIFICATE-----")) return value;
  // Only base64 that starts like "-----BEGIN" ("LS0tLS1CRUdJTi") is worth decoding.
  if (!value.startsWith("LS0tLS1CRUdJTi")) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  return text.includes("-----BEGIN CERTIFICATE-----") ? text : undefined;
}

/** "certificate CN=a.example.com serial 100212 expires 2041-06-29T12:49:32Z (+2 in chain)", or undefined. */
export function describeCertificate(value: string): string | undefined {
  const pem = pemOf(value);
  const chain = pem ? parseCertificates(pem) : undefined;
  if (!chain?.ok) return undefined;
  const [c, ...rest] = chain.value;
  if (!c) return undefined;
  const more = rest.length > 0 ? ` (+${rest.length} in chain)` : "";
  const expires = validity(c).notAfter.toISOString().replace(".000Z", "Z");
  return `certificate ${subjectName(c)} serial ${c.serialNumber} expires ${expires}${more}`;
}
