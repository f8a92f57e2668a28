import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const se = (name: string, protocol: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: default}
spec:
  hosts: [api.example.com]
  ports: [{number: 8443, name: p, protocol: ${protocol}}]
  resolution: DNS
`;

describe("rule serviceentry-protocol-conflict (IST0177)", () => {
  it("reports ServiceEntries that disagree on a host and port's protocol", () => {
    const f = findingsOf("serviceentry-protocol-conflict", `${se("a", "HTTP")}---\n${se("b", "HTTPS")}`);
    assert.deepEqual(f.map((x) => x.resource.name).sort(), ["a", "b"]);
    assert.equal(
      f[0]?.message,
      'Multiple ServiceEntries (default/a, default/b) define the same host "api.example.com" and port 8443 with conflicting protocols (HTTP, HTTPS).',
    );
  });
  it("passes when the protocols agree", () => {
    assert.deepEqual(
      check("serviceentry-protocol-conflict", `${se("a", "HTTPS")}---\n${se("b", "https")}`),
      [],
    );
  });
});
