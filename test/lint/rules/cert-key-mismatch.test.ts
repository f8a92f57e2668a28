import assert from "node:assert/strict";
import { makeCert, secretYaml } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const HTTPS = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;

describe("rule cert-key-mismatch (GW1202)", () => {
  const a = makeCert("web.example.com", ["web.example.com"]);
  const b = makeCert("other.example.com", ["other.example.com"]);
  it("reports a key that belongs to another certificate, and never prints the key", () => {
    const secret = secretYaml("web-cert", "istio-system", { cert: a.cert, key: b.key });
    const f = findingsOf("cert-key-mismatch", `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secret}`);
    assert.deepEqual(
      f.map((x) => x.message),
      [
        "The private key in Secret istio-system/web-cert (used by Gateway default/web) does not match the certificate's public key.",
      ],
    );
    const keyBody = b.key.split("\n")[1] as string;
    assert.ok(!JSON.stringify(f).includes(keyBody));
  });
  it("passes a matching pair", () => {
    const secret = secretYaml("web-cert", "istio-system", a);
    assert.deepEqual(check("cert-key-mismatch", `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secret}`), []);
  });
});
