import assert from "node:assert/strict";
import { findingsOf, gateway, HTTP_SERVER } from "../../helpers/lint.js";

const vs = (gw: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["web.example.com"]
  gateways: ["${gw}"]
  http: [{route: [{destination: {host: web}}]}]
`;

describe("rule vs-gateway-not-found (IST0101)", () => {
  it("reports a gateway reference that names no Gateway", () => {
    const f = findingsOf("vs-gateway-not-found", `${gateway("web-gw", HTTP_SERVER)}---\n${vs("bogus")}`);
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [['Referenced gateway not found: "bogus"', "spec.gateways[0]"]],
    );
  });
  it("passes for name, ns/name, ./name and the legacy name.ns form, and for mesh", () => {
    for (const ref of ["web-gw", "default/web-gw", "./web-gw", "web-gw.default", "mesh"])
      assert.deepEqual(
        findingsOf("vs-gateway-not-found", `${gateway("web-gw", HTTP_SERVER)}---\n${vs(ref)}`),
        [],
        ref,
      );
  });
});
