import assert from "node:assert/strict";
import { join } from "node:path";
import { type AdminServer, startAdminServer } from "../helpers/admin-server.js";
import { run } from "../helpers/cli.js";
import { fixtureText, UPSTREAM } from "../helpers/fixtures.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/**
 * `proxy-config ecds` from each source. The goldens themselves are in
 * test/cli/upstream-goldens.test.ts; this is what is particular to ECDS.
 */

const NO_ECDS = "config dump has no configuration type type.googleapis.com/envoy.admin.v3.EcdsConfigDump";

describe("proxy-config ecds", () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const output of ["short", "json", "yaml"]) {
    it(`-f -o ${output}: a gateway without ECDS filters gets istioctl's message on stderr, exit 0`, async () => {
      const r = await run(["proxy-config", "ecds", "-f", step("04-tls-simple"), "-o", output]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`^note: ${NO_ECDS.replace(/\./g, "\\.")}$`, "m"));
    });
  }

  it("--dump without an ECDS section says the same", async () => {
    const file = join(FIXTURES, UPSTREAM, "routes", "empty-gateway", "configdump.json");
    const r = await run(["pc", "ec", "--dump", file, "--istio-version", "1.31"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `note: ${NO_ECDS}\n`);
  });

  it("--admin asks for the whole dump with include_eds=true, as istioctl's edsPath does", async () => {
    server = await startAdminServer({ kind: "envoy", dump: fixtureText(`${UPSTREAM}/ecds/configdump.json`) });
    const r = await run(["proxy-config", "ecds", "--admin", server.url, "--istio-version", "1.31"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.requests, ["/config_dump?include_eds=true"]);
    assert.equal(r.stdout, fixtureText(`${UPSTREAM}/ecds/output.txt`));
  });

  it("takes no filters, like istioctl's ecds command", async () => {
    const file = join(FIXTURES, UPSTREAM, "ecds", "configdump.json");
    const r = await run(["proxy-config", "ecds", "--dump", file, "--name", "x"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--name'/);
  });

  it("--help explains the missing section and has examples", async () => {
    const r = await run(["proxy-config", "ecds", "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: gwctl proxy-config ecds\|ec /);
    assert.match(r.stdout, /no configuration type …EcdsConfigDump/);
    assert.match(
      r.stdout,
      /\nExamples:\n {2}gwctl proxy-config ecds --dump .*\n {2}gwctl pc ec --admin .*\n$/,
    );
  });
});
