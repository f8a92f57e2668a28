import assert from "node:assert/strict";
import { check } from "../../helpers/lint.js";

const vs = (name: string, ns: string, extra = "") => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [ratings.default.svc.cluster.local]${extra}
  http: [{route: [{destination: {host: ratings.default.svc.cluster.local}}]}]
`;

describe("rule vs-mesh-host-conflict (IST0109)", () => {
  it("reports mesh VirtualServices that define the same host for the same namespaces", () => {
    assert.deepEqual(check("vs-mesh-host-conflict", `${vs("a", "default")}---\n${vs("b", "other")}`).sort(), [
      "IST0109 VirtualService default/a",
      "IST0109 VirtualService other/b",
    ]);
  });
  it("passes when exportTo scopes do not overlap, and never for a VirtualService alone", () => {
    const text = `${vs("a", "default", '\n  exportTo: ["."]')}---\n${vs("b", "other", '\n  exportTo: ["."]')}`;
    assert.deepEqual(check("vs-mesh-host-conflict", text), []);
    assert.deepEqual(
      check("vs-mesh-host-conflict", vs("a", "default", '\n  exportTo: [".", "default"]')),
      [],
    );
  });
});
