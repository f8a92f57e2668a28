import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const svc = (status: string) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
status:
  conditions:
  - {type: istio.io/WaypointBound, status: "${status}", reason: WaypointNotFound, message: "no waypoint"}
`;

describe("rule negative-condition (IST0171)", () => {
  it("reports a False istio.io/WaypointBound condition", () => {
    const f = findingsOf("negative-condition", svc("False"));
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          "A condition with a negative status is present: type=istio.io/WaypointBound, reason=WaypointNotFound, message=no waypoint.",
          "status.conditions[0]",
        ],
      ],
    );
  });
  it("passes a True condition", () => {
    assert.deepEqual(check("negative-condition", svc("True")), []);
  });
});
