import assert from "node:assert/strict";
import { check } from "../../helpers/lint.js";

const svc = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ext, namespace: default}
spec: {type: ExternalName, externalName: example.com, ports: [{name: ${name}, port: 443}]}
`;

describe("rule externalname-service-port-name (IST0150)", () => {
  it("reports an ExternalName port named tcp", () => {
    assert.deepEqual(check("externalname-service-port-name", svc("tcp")), ["IST0150 Service default/ext"]);
  });
  it("passes a protocol-named port", () => {
    assert.deepEqual(check("externalname-service-port-name", svc("https")), []);
  });
});
