import assert from "node:assert/strict";
import { makeCert, secretYaml, seedCert } from "../../helpers/certs.js";
import { check, gateway, INGRESS } from "../../helpers/lint.js";

const HTTPS = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;
const with_ = (secret: string) => `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secret}`;

describe("rule gateway-credential-invalid (IST0161)", () => {
  it("reports an expired certificate, a Secret without a key, and a certificate that is not PEM", () => {
    assert.deepEqual(
      check("gateway-credential-invalid", with_(secretYaml("web-cert", "istio-system", seedCert("expired")))),
      ["IST0161 Gateway default/web"],
    );
    const noKey = makeCert("web.example.com");
    assert.deepEqual(
      check(
        "gateway-credential-invalid",
        with_(secretYaml("web-cert", "istio-system", { cert: noKey.cert })),
      ),
      ["IST0161 Gateway default/web"],
    );
    assert.deepEqual(
      check(
        "gateway-credential-invalid",
        with_(secretYaml("web-cert", "istio-system", { cert: "hello", key: noKey.key })),
      ),
      ["IST0161 Gateway default/web"],
    );
  });
  it("passes for a valid certificate and key", () => {
    assert.deepEqual(
      check("gateway-credential-invalid", with_(secretYaml("web-cert", "istio-system", seedCert("webapp")))),
      [],
    );
  });
});
