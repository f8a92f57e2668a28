import assert from "node:assert/strict";
import { makeCert, secretYaml } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const https = (host: string) => `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["${host}"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;
const SECRET = secretYaml(
  "web-cert",
  "istio-system",
  makeCert("example.com", ["*.example.com", "example.com"]),
);

describe("rule cert-host-mismatch (GW1203)", () => {
  it("reports a server host the certificate does not name", () => {
    const f = findingsOf(
      "cert-host-mismatch",
      `${INGRESS}---\n${gateway("web", https("a.b.example.com"))}---\n${SECRET}`,
    );
    assert.deepEqual(
      f.map((x) => x.message),
      [
        'The certificate in Secret istio-system/web-cert (used by Gateway default/web) does not cover host "a.b.example.com"; it is valid for [*.example.com example.com].',
      ],
    );
  });
  it("passes hosts covered by a SAN or a one-label wildcard", () => {
    for (const h of ["web.example.com", "example.com", "*"])
      assert.deepEqual(
        check("cert-host-mismatch", `${INGRESS}---\n${gateway("web", https(h))}---\n${SECRET}`),
        [],
        h,
      );
  });
});
