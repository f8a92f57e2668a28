import assert from "node:assert/strict";
import { makeCert, secretYaml, seedCert } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const HTTPS = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["webapp.istioinaction.io"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;

describe("rule cert-without-san (GW1204)", () => {
  it("reports a CN-only certificate (the walkthrough's)", () => {
    const text = `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secretYaml("web-cert", "istio-system", seedCert("webapp"))}`;
    const f = findingsOf("cert-without-san", text);
    assert.deepEqual(
      f.map((x) => [x.severity, x.message]),
      [
        [
          "Warning",
          "The certificate in Secret istio-system/web-cert (used by Gateway default/web) has no subjectAltName (only CN=webapp.istioinaction.io): browsers and most TLS clients reject it.",
        ],
      ],
    );
  });
  it("passes a certificate with subjectAltName", () => {
    const pem = makeCert("webapp.istioinaction.io", ["webapp.istioinaction.io"]);
    const text = `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secretYaml("web-cert", "istio-system", pem)}`;
    assert.deepEqual(check("cert-without-san", text), []);
  });
});
