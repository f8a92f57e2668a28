import assert from "node:assert/strict";
import { lintPaths } from "../helpers/lint.js";
import { step } from "../helpers/walkthrough.js";

/**
 * The walkthrough (shared/seed/README.md): every step lints without errors except what is
 * really wrong in it. Its certificates are CN-only (GW1204), the echo Service's port has no
 * name (IST0118, Info), and in step 02 the VirtualService routes to `webapp` before the
 * walkthrough creates that Service in step 03 (requests would get 503 until then).
 */
const CN_ONLY = "GW1204 Warning Gateway istioinaction/coolstore-gateway";
const ECHO_PORT = "IST0118 Info Service istioinaction/tcp-echo-service";

const EXPECTED: Record<string, string[]> = {
  "01-gateway-http": [],
  "02-virtualservice": ["IST0101 Error VirtualService istioinaction/webapp-vs-from-gw"],
  "03-services": [],
  "04-tls-simple": [CN_ONLY],
  "05-tls-multi-host": [CN_ONLY, CN_ONLY],
  "06-https-redirect": [CN_ONLY],
  "07-mtls": [CN_ONLY],
  "08-tcp": [CN_ONLY, ECHO_PORT],
  "09-my-user-gateway": [ECHO_PORT],
  "10-access-log": [CN_ONLY],
};

describe("lint: the walkthrough's steps", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.length === 0 ? "no findings" : expected.join("; ")}`, () => {
      const findings = lintPaths([step(name)]);
      assert.deepEqual(
        findings.map(
          (f) => `${f.code} ${f.severity} ${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`,
        ),
        expected,
      );
    });
  }

  it("step 02's only error is the Service that step 03 adds", () => {
    const [f] = lintPaths([step("02-virtualservice")]);
    assert.equal(f?.message, 'Referenced host not found: "webapp"');
    assert.equal(f?.path, "spec.http[0].route[0].destination.host");
    assert.deepEqual(lintPaths([step("03-services")]), []);
  });

  it("the CN-only certificate findings point at each server's credentialName", () => {
    const findings = lintPaths([step("05-tls-multi-host")]);
    assert.deepEqual(
      findings.map((f) => [f.path, f.location.line, f.location.column]),
      [
        ["spec.servers[0].tls.credentialName", 16, 7],
        ["spec.servers[1].tls.credentialName", 25, 7],
      ],
    );
  });
});
