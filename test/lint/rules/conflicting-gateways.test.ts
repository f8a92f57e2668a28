import assert from "node:assert/strict";
import { check, findingsOf, gateway, HTTP_SERVER, INGRESS } from "../../helpers/lint.js";

describe("rule conflicting-gateways (IST0145)", () => {
  it("reports both Gateways when they declare the same host on the same port of one workload", () => {
    const text = `${INGRESS}---\n${gateway("alpha", HTTP_SERVER)}---\n${gateway("beta", HTTP_SERVER)}`;
    assert.deepEqual(check("conflicting-gateways", text).sort(), [
      "IST0145 Gateway default/alpha",
      "IST0145 Gateway default/beta",
    ]);
    const f = findingsOf("conflicting-gateways", text).find((x) => x.resource.name === "alpha");
    assert.equal(
      f?.message,
      "Conflict with gateways default/beta (workload selector istio=ingressgateway, port 80, hosts web.example.com).",
    );
  });
  it("passes for different ports or different hosts", () => {
    const other = HTTP_SERVER.replace("web.example.com", "api.example.com");
    assert.deepEqual(
      check(
        "conflicting-gateways",
        `${INGRESS}---\n${gateway("alpha", HTTP_SERVER)}---\n${gateway("beta", other)}`,
      ),
      [],
    );
  });
});
