import assert from "node:assert/strict";
import { check, gateway, HTTP_SERVER, INGRESS } from "../../helpers/lint.js";

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["web.example.com"]
  gateways: [web]
  http:
  - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
    route: [{destination: {host: web}}]
`;
const RA = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  jwtRules: [{issuer: "https://issuer.example.com"}]
`;

describe("rule vs-jwt-claim-without-request-authn (IST0149)", () => {
  it("reports claim routing on a gateway whose pods have no RequestAuthentication", () => {
    assert.deepEqual(
      check("vs-jwt-claim-without-request-authn", `${INGRESS}---\n${gateway("web", HTTP_SERVER)}---\n${VS}`),
      ["IST0149 VirtualService default/web"],
    );
  });
  it("passes when a RequestAuthentication selects the gateway pods", () => {
    assert.deepEqual(
      check(
        "vs-jwt-claim-without-request-authn",
        `${INGRESS}---\n${gateway("web", HTTP_SERVER)}---\n${VS}---\n${RA}`,
      ),
      [],
    );
  });
});
