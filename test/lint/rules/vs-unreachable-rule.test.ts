import assert from "node:assert/strict";
import { findingsOf } from "../../helpers/lint.js";

const vs = (http: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http:
${http}
`;

describe("rule vs-unreachable-rule (IST0130)", () => {
  it("reports a rule after a rule without matches", () => {
    const f = findingsOf(
      "vs-unreachable-rule",
      vs(`  - route: [{destination: {host: web}}]
  - name: api
    match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]`),
    );
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [['VirtualService rule "api" not used (route without matches defined before).', "spec.http[1]"]],
    );
  });
  it("passes when the catch-all comes last", () => {
    const ok = vs(`  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - route: [{destination: {host: web}}]`);
    assert.deepEqual(findingsOf("vs-unreachable-rule", ok), []);
  });
});
