import assert from "node:assert/strict";
import { findingsOf, gateway } from "../../helpers/lint.js";

describe("rule istio-validation-error (IST0106)", () => {
  it("reports istiod's validation errors at their field", () => {
    const bad = gateway("web", `  - port: {number: 70000, name: http, protocol: HTTP}\n    hosts: ["web"]`);
    const f = findingsOf("istio-validation-error", bad);
    assert.deepEqual(f.map((x) => [x.message, x.path]).sort(), [
      [
        "Schema validation error: port number 70000 must be in the range 1..65535",
        "spec.servers[0].port.number",
      ],
      ["Schema validation error: short names (non FQDN) are not allowed", "spec.servers[0].hosts[0]"],
    ]);
  });
  it("passes a valid Gateway", () => {
    const ok = gateway(
      "web",
      `  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["web.example.com"]`,
    );
    assert.deepEqual(findingsOf("istio-validation-error", ok), []);
  });
});
