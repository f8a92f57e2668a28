import assert from "node:assert/strict";
import { findingsOf } from "../../helpers/lint.js";

const svc = (port: string) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: ${port}}]
`;

describe("rule unusable-resource (GW1002)", () => {
  it("reports a Service gwctl cannot read", () => {
    const f = findingsOf("unusable-resource", svc('"eighty"'));
    assert.deepEqual(
      f.map((x) => [x.code, x.message, x.path]),
      [
        [
          "GW1002",
          "spec.ports[0].port: must be an integer; gwctl leaves this Service out of the analysis",
          "spec.ports[0].port",
        ],
      ],
    );
  });
  it("passes a well-formed Service", () => {
    assert.deepEqual(findingsOf("unusable-resource", svc("80")), []);
  });
});
