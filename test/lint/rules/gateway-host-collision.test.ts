import assert from "node:assert/strict";
import { check, findingsOf, INGRESS } from "../../helpers/lint.js";

const gw = (name: string, selector: string, host: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: default}
spec:
  selector: {${selector}}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["${host}"]
    tls: {mode: SIMPLE, credentialName: ${name}-cert}
`;

describe("rule gateway-host-collision (GW1103)", () => {
  it("reports a wildcard overlapping another Gateway's host on the same workload and port", () => {
    const text = `${INGRESS}---\n${gw("wild", "istio: ingressgateway", "*.example.com")}---\n${gw("web", "istio: ingressgateway", "web.example.com")}`;
    const f = findingsOf("gateway-host-collision", text);
    assert.deepEqual(f.map((x) => x.resource.name).sort(), ["web", "wild"]);
    assert.match(
      f[0]?.message ?? "",
      /overlaps host .* on the same workload \(Pod istio-system\/ingress-pod\): clients get the most specific/,
    );
  });
  it("reports the same host under selectors that differ as strings but select one workload", () => {
    const text = `${INGRESS}---\n${gw("a", "istio: ingressgateway", "web.example.com")}---\n${gw("b", "", "web.example.com")}`;
    assert.deepEqual(check("gateway-host-collision", text).sort(), [
      "GW1103 Gateway default/a",
      "GW1103 Gateway default/b",
    ]);
  });
  it("passes distinct hosts", () => {
    const text = `${INGRESS}---\n${gw("a", "istio: ingressgateway", "a.example.com")}---\n${gw("b", "istio: ingressgateway", "b.example.com")}`;
    assert.deepEqual(check("gateway-host-collision", text), []);
  });
});
