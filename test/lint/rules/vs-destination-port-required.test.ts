import assert from "node:assert/strict";
import { findingsOf } from "../../helpers/lint.js";

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}, {name: grpc, port: 9090}]
`;
const vs = (dest: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: default}
spec:
  hosts: [reviews]
  http: [{route: [{destination: ${dest}}]}]
`;

describe("rule vs-destination-port-required (IST0112)", () => {
  it("reports a destination without a port to a service with several ports", () => {
    const f = findingsOf("vs-destination-port-required", `${SERVICE}---\n${vs("{host: reviews}")}`);
    assert.deepEqual(
      f.map((x) => x.message),
      [
        'This VirtualService routes to a service "reviews" that exposes multiple ports [9080 9090]. Specifying a port in the destination is required to disambiguate.',
      ],
    );
  });
  it("passes when the destination names a port", () => {
    assert.deepEqual(
      findingsOf(
        "vs-destination-port-required",
        `${SERVICE}---\n${vs("{host: reviews, port: {number: 9080}}")}`,
      ),
      [],
    );
  });
});
