import assert from "node:assert/strict";
import { findingsOf, gateway } from "../../helpers/lint.js";

describe("rule unknown-field (GW1001)", () => {
  it("reports unknown fields with the nearest known name", () => {
    const text = gateway(
      "web",
      `  - port: {number: 443, name: https, protocol: HTTPS}
    hostss: ["web.example.com"]
    tls: {mode: SIMPLE, credential_name: web-cert}`,
    );
    const f = findingsOf("unknown-field", text);
    assert.deepEqual(
      f.map((x) => [x.message, x.path, x.location.line]),
      [
        ['Unknown field "hostss" in spec.servers[0]; did you mean "hosts"?', "spec.servers[0].hostss", 8],
        [
          'Unknown field "credential_name" in spec.servers[0].tls; did you mean "credentialName"?',
          "spec.servers[0].tls.credential_name",
          9,
        ],
      ],
    );
  });
  it("reports unknown top-level and metadata fields", () => {
    const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: default, label: {a: b}}
specs: {host: r}
`;
    assert.deepEqual(
      findingsOf("unknown-field", text).map((x) => x.message),
      [
        'Unknown field "label" in metadata; did you mean "labels"?',
        'Unknown field "specs" in the top level; did you mean "spec"?',
      ],
    );
  });
  it("passes known fields", () => {
    const ok = gateway(
      "web",
      `  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["web.example.com"]`,
    );
    assert.deepEqual(findingsOf("unknown-field", ok), []);
  });
});
