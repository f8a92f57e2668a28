import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const vs = (
  name: string,
  http: string,
  created = "2024-01-01T00:00:00Z",
) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: default, creationTimestamp: "${created}"}
spec:
  hosts: ["web.example.com"]
  gateways: [edge]
  http:
${http}
`;
const CATCH_ALL = `  - match: [{uri: {prefix: /}}]
    route: [{destination: {host: web}}]`;
const API = `  - name: api
    match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]`;

describe("rule shadowed-route (GW1102)", () => {
  it("reports rules after a prefix / catch-all in the same VirtualService", () => {
    const f = findingsOf("shadowed-route", vs("web", `${CATCH_ALL}\n${API}`));
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          'HTTP rule "api" of VirtualService default/web is never used: rule #0 before it matches every request (match #0)',
          "spec.http[1]",
        ],
      ],
    );
  });
  it("reports a later VirtualService's catch-all for the same host and gateway", () => {
    const text = `${vs("first", CATCH_ALL, "2024-01-01T00:00:00Z")}---\n${vs("second", CATCH_ALL, "2024-02-01T00:00:00Z")}`;
    assert.deepEqual(check("shadowed-route", text), ["GW1102 VirtualService default/second"]);
  });
  it("passes when the catch-all is last, or narrowed by another condition", () => {
    assert.deepEqual(check("shadowed-route", vs("web", `${API}\n${CATCH_ALL}`)), []);
    const narrowed = `  - match: [{uri: {prefix: /}, headers: {x-canary: {exact: "1"}}}]\n    route: [{destination: {host: canary}}]`;
    assert.deepEqual(check("shadowed-route", vs("web", `${narrowed}\n${API}`)), []);
  });
});
