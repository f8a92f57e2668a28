import assert from "node:assert/strict";
import { check } from "../../helpers/lint.js";

const se = (extra: string, protocol = "TCP") => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: default}
spec:
  hosts: [db.example.com]
  ports: [{number: 5432, name: tcp-pg, protocol: ${protocol}}]
  resolution: DNS${extra}
`;

describe("rule serviceentry-addresses-required (IST0134)", () => {
  it("reports a TCP port without addresses", () => {
    assert.deepEqual(check("serviceentry-addresses-required", se("")), ["IST0134 ServiceEntry default/db"]);
  });
  it("passes with addresses, for HTTP, or with DNS auto-allocation in the mesh config", () => {
    assert.deepEqual(check("serviceentry-addresses-required", se("\n  addresses: [240.0.0.1]")), []);
    assert.deepEqual(check("serviceentry-addresses-required", se("", "HTTP")), []);
    const meshConfig = {
      defaultConfig: {
        proxyMetadata: { ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true" },
      },
    };
    assert.deepEqual(check("serviceentry-addresses-required", se(""), { meshConfig }), []);
  });
});
