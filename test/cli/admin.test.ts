import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type AdminServer, type Behaviour, refusedUrl, startAdminServer } from "../helpers/admin-server.js";
import { oneLineError, run } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/walkthrough.js";

const DUMP = readFileSync(
  join(FIXTURES, "upstream", "envoy-dumps", "kubernetes-sigs-wg-ai-gateway", "config_dump.json"),
  "utf8",
);

describe("proxy-config --admin: a misbehaving admin API", () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const cases: [string, Behaviour, RegExp][] = [
    ["hangs", { kind: "hang" }, /within 0\.3s/],
    ["answers 500", { kind: "status", code: 500, body: "boom" }, /HTTP 500: boom/],
    ["sends HTML", { kind: "html" }, /did not answer JSON/],
    ["truncates the JSON", { kind: "truncate", body: DUMP }, /truncated/],
    ["sends 50 MB", { kind: "huge", bytes: 50 * 1024 * 1024 }, /more than the 32 MiB limit/],
    ["redirects elsewhere", { kind: "redirect", location: "http://10.0.0.1/" }, /does not follow redirects/],
  ];
  for (const [what, behaviour, pattern] of cases) {
    it(`${what}: exit 2 and one clear line`, async () => {
      server = await startAdminServer(behaviour);
      // Only the hanging server should meet the deadline; the others get a generous one.
      const timeout = behaviour.kind === "hang" ? "300ms" : "60s";
      const r = await run(["proxy-config", "listeners", "--admin", server.url, "--timeout", timeout]);
      oneLineError(r, pattern);
    });
  }

  it("refuses the connection: exit 2 and one clear line", async () => {
    const r = await run(["proxy-config", "clusters", "--admin", await refusedUrl()]);
    oneLineError(r, /connection refused/);
  });

  it("takes the URL from GWCTL_ADMIN, and asks with istioctl's mask", async () => {
    server = await startAdminServer({ kind: "serve", routes: { config_dump: DUMP } });
    const r = await run(["proxy-config", "listeners", "-o", "json", "--istio-version", "1.31"], {
      env: { GWCTL_ADMIN: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.requests, ["/config_dump?mask=dynamic_listeners%2Cstatic_listeners"]);
  });

  it("rejects a bad --timeout and --max-size", async () => {
    oneLineError(
      await run(["proxy-config", "listeners", "--admin", "http://127.0.0.1:1", "--timeout", "soon"]),
      /--timeout: "soon"/,
    );
    oneLineError(
      await run(["proxy-config", "listeners", "--admin", "http://127.0.0.1:1", "--max-size", "big"]),
      /--max-size: "big"/,
    );
  });
});
