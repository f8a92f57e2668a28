import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";

/**
 * Deterministic TLS material for the benchmark corpus: Ed25519 keys derived from a label, and
 * X.509 v3 certificates built here in DER and signed with Ed25519 (whose signatures are
 * deterministic). So a corpus holds valid Secrets — a CA, and leaf certificates with the
 * gateway's host names — and is still byte-for-byte the same on every run.
 * Test material only: these keys protect nothing.
 */

// --- DER -------------------------------------------------------------------------------------

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, body: Buffer) => tlv(0xa0 + n, body);

function integer(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || (bytes[0] as number) >= 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const bool = (b: boolean) => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));

/** UTCTime YYMMDDHHMMSSZ (dates before 2050). */
function utcTime(iso: string): Buffer {
  const d = iso.replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${d}Z`, "ascii"));
}

function name(cn: string, org: string): Buffer {
  return seq(set(seq(oid("2.5.4.10"), utf8(org))), set(seq(oid("2.5.4.3"), utf8(cn))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

// --- keys and certificates ---------------------------------------------------------------------

const ED25519 = "1.3.101.112";
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** An Ed25519 key whose 32-byte seed is the SHA-256 of a label. */
export function deterministicKey(label: string): KeyObject {
  const seed = createHash("sha256").update(`gwctl-bench-key/${label}`).digest();
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
}

export interface CertSpec {
  readonly serial: number;
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly isCa: boolean;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface Issued {
  readonly certPem: string;
  readonly keyPem: string;
}

function toPem(label: string, der: Buffer): string {
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64.endsWith("\n") ? b64 : `${b64}\n`}-----END ${label}-----\n`;
}

const ORG = "gwctl benchmark";

export function issue(spec: CertSpec, key: KeyObject, issuerCn: string, issuerKey: KeyObject): Issued {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const extensions: Buffer[] = [];
  if (spec.isCa) {
    extensions.push(extension("2.5.29.19", true, seq(bool(true))));
    extensions.push(extension("2.5.29.15", true, bits(Buffer.from([0x06])))); // keyCertSign, cRLSign
  } else {
    extensions.push(extension("2.5.29.15", true, bits(Buffer.from([0x80])))); // digitalSignature
    extensions.push(extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1")))); // serverAuth
    const sans = spec.dnsNames.map((n) => tlv(0x82, Buffer.from(n, "ascii")));
    extensions.push(extension("2.5.29.17", false, seq(...sans)));
  }
  const tbs = seq(
    explicit(0, integer(2)),
    integer(spec.serial),
    seq(oid(ED25519)),
    name(issuerCn, ORG),
    seq(utcTime(spec.notBefore), utcTime(spec.notAfter)),
    name(spec.commonName, ORG),
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign(null, tbs, issuerKey);
  const der = seq(tbs, seq(oid(ED25519)), bits(signature));
  return {
    certPem: toPem("CERTIFICATE", der),
    keyPem: key.export({ type: "pkcs8", format: "pem" }) as string,
  };
}

export interface Pki {
  readonly ca: Issued;
  /** A leaf certificate for these host names, signed by the CA. */
  leaf(label: string, dnsNames: readonly string[]): Issued;
}

const NOT_BEFORE = "2025-01-01T00:00:00Z";
const NOT_AFTER = "2045-01-01T00:00:00Z";

export function benchPki(): Pki {
  const caKey = deterministicKey("ca");
  const caCn = "gwctl benchmark root CA";
  const ca = issue(
    { serial: 1, commonName: caCn, dnsNames: [], isCa: true, notBefore: NOT_BEFORE, notAfter: NOT_AFTER },
    caKey,
    caCn,
    caKey,
  );
  let serial = 1;
  return {
    ca,
    leaf(label, dnsNames) {
      serial++;
      return issue(
        {
          serial,
          commonName: dnsNames[0] ?? label,
          dnsNames,
          isCa: false,
          notBefore: NOT_BEFORE,
          notAfter: NOT_AFTER,
        },
        deterministicKey(label),
        caCn,
        caKey,
      );
    },
  };
}
