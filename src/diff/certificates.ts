import { X509Certificate } from "node:crypto";

/**
 * A rotated certificate shows in a dump as two base64 blobs; what a reader needs is which
 * certificate each one is. This turns a PEM chain (inline_bytes in base64, or inline_string)
 * into one line: subject CN, serial, expiry, and how many more certificates the chain has.
 */

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

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
  if (!pem) return undefined;
  const blocks = pem.match(PEM_BLOCK) ?? [];
  const first = blocks[0];
  if (!first) return undefined;
  try {
    const c = new X509Certificate(first);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(c.subject)?.[1];
    const subject = cn !== undefined ? `CN=${cn}` : c.subject.replace(/\n/g, ", ");
    const more = blocks.length > 1 ? ` (+${blocks.length - 1} in chain)` : "";
    return `certificate ${subject} serial ${c.serialNumber} expires ${new Date(c.validTo).toISOString().replace(".000Z", "Z")}${more}`;
  } catch {
    return undefined;
  }
}
