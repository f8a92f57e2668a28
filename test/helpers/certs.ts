import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES } from "./walkthrough.js";

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

/** A certificate of the walkthrough's test PKI (fixtures/certs/<name>/server). */
export function seedCert(name: "webapp" | "expired"): Pem & { ca: string } {
  const dir = join(FIXTURES, "certs", name);
  return {
    cert: readFileSync(join(dir, "server", "cert.pem"), "utf8"),
    key: readFileSync(join(dir, "server", "key.pem"), "utf8"),
    ca: readFileSync(join(dir, "ca-chain.cert.pem"), "utf8"),
  };
}

/** A self-signed certificate made with openssl: a CN, optional DNS subjectAltNames, valid for `days`. */
export function makeCert(cn: string, sans: readonly string[] = [], days = 365): Pem {
  const dir = mkdtempSync(join(tmpdir(), "gwctl-cert-"));
  try {
    const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", String(days)];
    args.push("-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-subj", `/CN=${cn}`);
    if (sans.length > 0) args.push("-addext", `subjectAltName=${sans.map((s) => `DNS:${s}`).join(",")}`);
    execFileSync("openssl", args, { stdio: "ignore" });
    return {
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      key: readFileSync(join(dir, "key.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** A TLS Secret manifest (tls.crt, tls.key, optionally ca.crt). */
export function secretYaml(name: string, namespace: string, pem: Partial<Pem> & { ca?: string }): string {
  const data = [
    pem.cert !== undefined ? `  tls.crt: ${b64(pem.cert)}` : "",
    pem.key !== undefined ? `  tls.key: ${b64(pem.key)}` : "",
    pem.ca !== undefined ? `  ca.crt: ${b64(pem.ca)}` : "",
  ].filter(Boolean);
  return `apiVersion: v1
kind: Secret
metadata: {name: ${name}, namespace: ${namespace}}
type: kubernetes.io/tls
data:
${data.join("\n")}
`;
}
