import assert from "node:assert/strict";
import { check, findingsOf, gateway } from "../../helpers/lint.js";

const https = (tls: string) => `  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["web.example.com"]
    tls: ${tls}`;

describe("rule https-server-without-tls-mode (GW1101)", () => {
  it("reports an HTTPS server whose tls has a credential but no mode", () => {
    const f = findingsOf(
      "https-server-without-tls-mode",
      gateway("web", https("{credentialName: web-cert}")),
    );
    assert.deepEqual(
      f.map((x) => [x.code, x.message, x.path]),
      [
        [
          "GW1101",
          "HTTPS server https on port 443 has tls settings but no tls.mode: istiod uses PASSTHROUGH, so its certificate is ignored and HTTP routes do not apply to it",
          "spec.servers[0].tls",
        ],
      ],
    );
  });
  it("passes an explicit mode", () => {
    assert.deepEqual(
      check("https-server-without-tls-mode", gateway("web", https("{mode: SIMPLE, credentialName: c}"))),
      [],
    );
    assert.deepEqual(
      check("https-server-without-tls-mode", gateway("web", https("{mode: PASSTHROUGH}"))),
      [],
    );
  });
});
