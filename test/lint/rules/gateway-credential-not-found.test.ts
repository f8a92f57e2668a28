import assert from "node:assert/strict";
import { makeCert, secretYaml } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const HTTPS = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;

describe("rule gateway-credential-not-found (IST0101)", () => {
  it("reports a credentialName missing from the gateway workload's namespace", () => {
    const secretInWrongNs = secretYaml("web-cert", "default", makeCert("web.example.com"));
    const f = findingsOf(
      "gateway-credential-not-found",
      `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secretInWrongNs}`,
    );
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [['Referenced credentialName not found: "web-cert"', "spec.servers[0].tls.credentialName"]],
    );
  });
  it("passes when the Secret is in the gateway pod's namespace", () => {
    const secret = secretYaml("web-cert", "istio-system", makeCert("web.example.com"));
    assert.deepEqual(
      check("gateway-credential-not-found", `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secret}`),
      [],
    );
  });
});
