import assert from "node:assert/strict";
import { findingsOf, gateway } from "../../helpers/lint.js";

const vs = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["${host}"]
  gateways: ["edge/web-gw"]
  http: [{route: [{destination: {host: web}}]}]
`;
const gw = (host: string) =>
  gateway("web-gw", `  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["${host}"]`, "", "edge");

describe("rule vs-host-not-in-gateway (IST0132)", () => {
  it("reports a VirtualService whose hosts no server of the Gateway exposes", () => {
    const f = findingsOf("vs-host-not-in-gateway", `${gw("*.example.com")}---\n${vs("web.other.com")}`);
    assert.deepEqual(
      f.map((x) => x.message),
      [
        "one or more host [web.other.com] defined in VirtualService default/web not found in Gateway edge/web-gw.",
      ],
    );
    // ./host restricts a host to the Gateway's own namespace.
    assert.equal(
      findingsOf("vs-host-not-in-gateway", `${gw("./web.example.com")}---\n${vs("web.example.com")}`).length,
      1,
    );
  });
  it("passes for exact, wildcard and */ hosts", () => {
    for (const h of ["web.example.com", "*.example.com", "*/web.example.com", "default/web.example.com", "*"])
      assert.deepEqual(findingsOf("vs-host-not-in-gateway", `${gw(h)}---\n${vs("web.example.com")}`), [], h);
  });
});
