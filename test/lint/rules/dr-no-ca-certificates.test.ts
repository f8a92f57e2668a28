import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const dr = (tls: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db-tls, namespace: default}
spec:
  host: db.example.com
  trafficPolicy:
    tls: ${tls}
`;

describe("rule dr-no-ca-certificates (IST0128)", () => {
  it("reports SIMPLE TLS without caCertificates", () => {
    const f = findingsOf("dr-no-ca-certificates", dr("{mode: SIMPLE}"));
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          "DestinationRule default/db-tls in namespace default has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: db.example.com",
          "spec.trafficPolicy.tls.caCertificates",
        ],
      ],
    );
  });
  it("passes with caCertificates", () => {
    assert.deepEqual(check("dr-no-ca-certificates", dr("{mode: SIMPLE, caCertificates: /etc/ca.pem}")), []);
  });
});
