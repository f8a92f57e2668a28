import assert from "node:assert/strict";
import { check, findingsOf, gateway, HTTP_SERVER, INGRESS } from "../../helpers/lint.js";

const GW = (label: string) =>
  gateway("web", HTTP_SERVER).replace("selector: {istio: ingressgateway}", `selector: {istio: ${label}}`);

describe("rule gateway-selector-not-found (IST0101)", () => {
  it("reports a selector that matches no workload, at the selector's label", () => {
    const f = findingsOf("gateway-selector-not-found", `${INGRESS}---\n${GW("ingresstypo")}`);
    assert.deepEqual(
      f.map((x) => [x.code, x.message, x.path]),
      [["IST0101", 'Referenced selector not found: "istio=ingresstypo"', "spec.selector.istio"]],
    );
  });
  it("passes when a pod, a Deployment template or the default gateway matches", () => {
    assert.deepEqual(check("gateway-selector-not-found", `${INGRESS}---\n${GW("ingressgateway")}`), []);
    assert.deepEqual(check("gateway-selector-not-found", GW("ingressgateway")), []);
    assert.deepEqual(check("gateway-selector-not-found", GW("ingressgateway"), { defaultGateway: false }), [
      "IST0101 Gateway default/web",
    ]);
  });
});
