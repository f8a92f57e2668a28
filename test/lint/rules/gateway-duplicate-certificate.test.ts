import assert from "node:assert/strict";
import { check, gateway, INGRESS } from "../../helpers/lint.js";

const https = (host: string, cred: string) => `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["${host}"]
    tls: {mode: SIMPLE, credentialName: ${cred}}`;

describe("rule gateway-duplicate-certificate (IST0138)", () => {
  it("reports Gateways on one workload that serve the same credential", () => {
    const text = `${INGRESS}---\n${gateway("a", https("a.example.com", "wild"))}---\n${gateway("b", https("b.example.com", "wild"))}`;
    assert.deepEqual(check("gateway-duplicate-certificate", text).sort(), [
      "IST0138 Gateway default/a",
      "IST0138 Gateway default/b",
    ]);
  });
  it("passes for distinct credentials", () => {
    const text = `${INGRESS}---\n${gateway("a", https("a.example.com", "a-cert"))}---\n${gateway("b", https("b.example.com", "b-cert"))}`;
    assert.deepEqual(check("gateway-duplicate-certificate", text), []);
  });
});
