import assert from "node:assert/strict";
import { findingsOf, gateway } from "../../helpers/lint.js";

const server = (mode: string) => `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: ${mode}, credentialName: web-cert}`;

describe("rule istio-validation-warning (IST0133)", () => {
  it("reports istiod's validation warnings", () => {
    const f = findingsOf("istio-validation-warning", gateway("web", server("PASSTHROUGH")));
    assert.deepEqual(
      f.map((x) => x.message),
      ["Schema validation warning: PASSTHROUGH mode does not use certificates, they will be ignored"],
    );
  });
  it("passes when there is nothing to warn about", () => {
    assert.deepEqual(findingsOf("istio-validation-warning", gateway("web", server("SIMPLE"))), []);
  });
});
