import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const vs = (delay: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http: [{fault: {delay: {${delay}, fixedDelay: 5s}}, route: [{destination: {host: web}}]}]
`;

describe("rule vs-deprecated-field (IST0002)", () => {
  it("reports fault.delay.percent", () => {
    const f = findingsOf("vs-deprecated-field", vs("percent: 50"));
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          "Deprecated: HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage",
          "spec.http[0].fault.delay.percent",
        ],
      ],
    );
  });
  it("passes for fault.delay.percentage", () => {
    assert.deepEqual(check("vs-deprecated-field", vs("percentage: {value: 50}")), []);
  });
});
