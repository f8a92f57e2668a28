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
  http: [{route: [{destination: ${dest}}], mirror: {host: reviews, port: {number: 9080}}}]
`;

describe("rule vs-destination-host-not-found (IST0101)", () => {
  it("reports a host that is no Service or ServiceEntry, and a port the service does not have", () => {
    const f = findingsOf("vs-destination-host-not-found", `${SERVICE}---\n${vs("{host: reviews-bogus}")}`);
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [['Referenced host not found: "reviews-bogus"', "spec.http[0].route[0].destination.host"]],
    );
    const p = findingsOf(
      "vs-destination-host-not-found",
      `${SERVICE}---\n${vs("{host: reviews, port: {number: 999}}")}`,
    );
    assert.deepEqual(
      p.map((x) => x.message),
      ['Referenced host:port not found: "reviews:999"'],
    );
  });
  it("passes for a short name, an FQDN and a ServiceEntry host", () => {
    assert.deepEqual(
      findingsOf(
        "vs-destination-host-not-found",
        `${SERVICE}---\n${vs("{host: reviews, port: {number: 9080}}")}`,
      ),
      [],
    );
    assert.deepEqual(
      findingsOf(
        "vs-destination-host-not-found",
        `${SERVICE}---\n${vs("{host: reviews.default.svc.cluster.local, port: {number: 9090}}")}`,
      ),
      [],
    );
  });
});
