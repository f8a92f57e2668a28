import assert from "node:assert/strict";
import { secretYaml, seedCert } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const MUTUAL = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["webapp.istioinaction.io"]
    tls: {mode: MUTUAL, credentialName: web-cert}`;
const pem = seedCert("webapp");

describe("rule mutual-tls-without-ca (GW1205)", () => {
  it("reports MUTUAL TLS whose credential has no CA", () => {
    const text = `${INGRESS}---\n${gateway("web", MUTUAL)}---\n${secretYaml("web-cert", "istio-system", { cert: pem.cert, key: pem.key })}`;
    const f = findingsOf("mutual-tls-without-ca", text);
    assert.deepEqual(
      f.map((x) => x.message),
      [
        "Server https of Gateway default/web requires client certificates (MUTUAL) but Secret istio-system/web-cert has no CA certificate to verify them (no ca.crt, and no Secret istio-system/web-cert-cacert).",
      ],
    );
  });
  it("passes with ca.crt in the Secret, or a <name>-cacert Secret", () => {
    const inline = `${INGRESS}---\n${gateway("web", MUTUAL)}---\n${secretYaml("web-cert", "istio-system", pem)}`;
    assert.deepEqual(check("mutual-tls-without-ca", inline), []);
    const separate = `${INGRESS}---\n${gateway("web", MUTUAL)}---\n${secretYaml("web-cert", "istio-system", { cert: pem.cert, key: pem.key })}---\n${secretYaml("web-cert-cacert", "istio-system", { cert: pem.ca })}`;
    assert.deepEqual(check("mutual-tls-without-ca", separate), []);
  });
});
