import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const svc = (port: string) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [${port}]}
`;

describe("rule service-port-name (IST0118)", () => {
  it("reports a port whose protocol cannot be told from its name", () => {
    const f = findingsOf("service-port-name", svc("{name: foo, port: 8080, targetPort: 80}"));
    assert.deepEqual(
      f.map((x) => [x.severity, x.message]),
      [
        [
          "Info",
          "Port name foo (port: 8080, targetPort: 80) doesn't follow the naming convention of Istio port.",
        ],
      ],
    );
  });
  it("passes named ports, appProtocol, UDP and well-known ports", () => {
    for (const p of [
      "{name: http-web, port: 8080}",
      "{name: web, port: 8080, appProtocol: grpc}",
      "{name: dns, port: 5353, protocol: UDP}",
      "{port: 3306}",
    ])
      assert.deepEqual(check("service-port-name", svc(p)), [], p);
  });
});
