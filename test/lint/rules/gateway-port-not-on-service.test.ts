import assert from "node:assert/strict";
import { findingsOf, gateway, INGRESS } from "../../helpers/lint.js";

const server = (port: number) => `  - port: {number: ${port}, name: p${port}, protocol: HTTP}
    hosts: ["web.example.com"]`;

describe("rule gateway-port-not-on-service (IST0162)", () => {
  it("reports a server port that is neither a port nor a targetPort of the gateway Service", () => {
    const f = findingsOf("gateway-port-not-on-service", `${INGRESS}---\n${gateway("web", server(8004))}`);
    assert.equal(f.length, 1);
    assert.equal(f[0]?.code, "IST0162");
    assert.equal(f[0]?.path, "spec.servers[0].port.number");
    assert.match(f[0]?.message ?? "", /target port \(port 8004\).*Pod selector istio=ingressgateway/);
  });
  it("passes for a service port (80) and for a targetPort (8080)", () => {
    assert.deepEqual(
      findingsOf("gateway-port-not-on-service", `${INGRESS}---\n${gateway("a", server(80))}`),
      [],
    );
    assert.deepEqual(
      findingsOf("gateway-port-not-on-service", `${INGRESS}---\n${gateway("b", server(8080))}`),
      [],
    );
  });
});
