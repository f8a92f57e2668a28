import assert from "node:assert/strict";
import { check, findingsOf, gateway } from "../../helpers/lint.js";

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["web.example.com"]
  gateways: [web]
  http: [{route: [{destination: {host: web}}]}]
`;
const https = (mode: string) => `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: {mode: ${mode}, credentialName: web-cert}`;

describe("rule vs-binds-no-server (GW1104)", () => {
  it("reports http routes bound only to a PASSTHROUGH HTTPS server", () => {
    const f = findingsOf("vs-binds-no-server", `${gateway("web", https("PASSTHROUGH"))}---\n${VS}`);
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          "VirtualService default/web binds no server of Gateway default/web: its http routes need an HTTP or TLS-terminating HTTPS server, but the servers matching its hosts are [https HTTPS PASSTHROUGH 443]",
          "spec.gateways[0]",
        ],
      ],
    );
  });
  it("passes http routes on a SIMPLE HTTPS server", () => {
    assert.deepEqual(check("vs-binds-no-server", `${gateway("web", https("SIMPLE"))}---\n${VS}`), []);
  });
});
