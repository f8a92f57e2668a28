import assert from "node:assert/strict";
import { makeCert, secretYaml } from "../../helpers/certs.js";
import { check, findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const HTTPS = `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: SIMPLE, credentialName: web-cert}`;
const text = (days: number) =>
  `${INGRESS}---\n${gateway("web", HTTPS)}---\n${secretYaml("web-cert", "istio-system", makeCert("web.example.com", ["web.example.com"], days))}`;

describe("rule cert-expiring-soon (GW1201)", () => {
  it("reports a certificate that expires within --cert-warn-days", () => {
    const f = findingsOf("cert-expiring-soon", text(10), { now: new Date() });
    assert.equal(f.length, 1);
    assert.match(
      f[0]?.message ?? "",
      /Secret istio-system\/web-cert \(used by Gateway default\/web\) expires on .*, in (9|10) days\./,
    );
  });
  it("passes a certificate valid beyond the horizon", () => {
    assert.deepEqual(check("cert-expiring-soon", text(365), { now: new Date() }), []);
    assert.deepEqual(check("cert-expiring-soon", text(10), { now: new Date(), certWarnDays: 5 }), []);
  });
});
