import assert from "node:assert/strict";
import { check } from "../../helpers/lint.js";

const SVC = `apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {selector: {app: httpbin}, ports: [{name: http, port: 8000}]}
`;
const dr = (host: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: rule, namespace: default}
spec: {host: ${host}}
`;

describe("rule dr-host-not-found (IST0174)", () => {
  it("reports a host that is no Service or ServiceEntry", () => {
    assert.deepEqual(check("dr-host-not-found", `${SVC}---\n${dr("fake-svc.default.svc.cluster.local")}`), [
      "IST0174 DestinationRule default/rule",
    ]);
  });
  it("passes for a Service, by short name or FQDN", () => {
    assert.deepEqual(check("dr-host-not-found", `${SVC}---\n${dr("httpbin")}`), []);
    assert.deepEqual(check("dr-host-not-found", `${SVC}---\n${dr("httpbin.default.svc.cluster.local")}`), []);
  });
});
