import assert from "node:assert/strict";
import { findingsOf } from "../../helpers/lint.js";

const vs = (second: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - match: [{uri: {prefix: ${second}}}]
    route: [{destination: {host: api-v1}}]
`;

describe("rule vs-ineffective-match (IST0131)", () => {
  it("reports a prefix match covered by an earlier, shorter prefix", () => {
    const f = findingsOf("vs-ineffective-match", vs("/api/v1"));
    assert.deepEqual(
      f.map((x) => [x.severity, x.message]),
      [
        [
          "Info",
          "VirtualService rule #1 match #0 of prefix /api/v1 is not used (duplicate/overlapping match in rule #0 of prefix /api on #0).",
        ],
      ],
    );
  });
  it("passes for prefixes that do not overlap", () => {
    assert.deepEqual(findingsOf("vs-ineffective-match", vs("/web")), []);
  });
});
