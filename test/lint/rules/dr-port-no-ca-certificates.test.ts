import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const dr = (tls: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db-tls, namespace: default}
spec:
  host: db.example.com
  trafficPolicy:
    portLevelSettings:
    - port: {number: 443}
      tls: ${tls}
`;

describe("rule dr-port-no-ca-certificates (IST0129)", () => {
  it("reports port-level MUTUAL TLS without caCertificates", () => {
    const f = findingsOf(
      "dr-port-no-ca-certificates",
      dr("{mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem}"),
    );
    assert.equal(f.length, 1);
    assert.match(f[0]?.message ?? "", /TLS mode set to MUTUAL .* host: db\.example\.com at port number:443$/);
  });
  it("passes with caCertificates", () => {
    assert.deepEqual(check("dr-port-no-ca-certificates", dr("{mode: SIMPLE, caCertificates: /ca.pem}")), []);
  });
});
