import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AdminServer, startAdminServer } from "../helpers/admin-server.js";
import { run } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/walkthrough.js";

/**
 * Issue 4: the dump's bootstrap (node.metadata.ISTIO_VERSION) picks the release line unless
 * --istio-version is given. Listeners are where 1.17 and newer tables differ (ADDRESS vs
 * ADDRESSES), so a 1.17 dump read without the flag must print the 1.17 table.
 */

const STEP = join(FIXTURES, "walkthrough", "01-gateway-http");

async function ok(args: string[]) {
  const r = await run(args);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

function withoutBootstrap(dump: string): string {
  const parsed = JSON.parse(dump) as { configs: { "@type": string }[] };
  return JSON.stringify({
    configs: parsed.configs.filter((c) => !c["@type"].endsWith("BootstrapConfigDump")),
  });
}

describe("the Istio version a dump reports picks the layout", () => {
  let dir: string;
  let dump117: string;
  let server: AdminServer | undefined;
  let table117: string;
  let tableNewest: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "gwctl-version-"));
    dump117 = (await ok(["proxy-config", "all", "-o", "json", "-f", STEP, "--istio-version", "1.17"])).stdout;
    writeFileSync(join(dir, "dump.json"), dump117);
    table117 = (await ok(["proxy-config", "listeners", "-f", STEP, "--istio-version", "1.17"])).stdout;
    tableNewest = (await ok(["proxy-config", "listeners", "-f", STEP])).stdout;
    assert.notEqual(table117, tableNewest, "the two layouts must differ for this test to mean anything");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("--dump without --istio-version reads ISTIO_VERSION from the bootstrap", async () => {
    const r = await ok(["proxy-config", "listeners", "--dump", join(dir, "dump.json")]);
    assert.equal(r.stdout, table117);
    assert.match(r.stderr, /Istio version 1\.17\.8 \(from the source\): output in the 1\.17 layout/);
  });

  it("--istio-version overrides what the dump says, without a note", async () => {
    const r = await ok([
      "proxy-config",
      "listeners",
      "--dump",
      join(dir, "dump.json"),
      "--istio-version",
      "1.31",
    ]);
    assert.equal(r.stdout, tableNewest);
    assert.equal(r.stderr, "");
  });

  it("--admin asks /server_info for the version when the view's mask leaves the bootstrap out", async () => {
    server = await startAdminServer({ kind: "envoy", dump: dump117 });
    const r = await ok(["proxy-config", "listeners", "--admin", server.url]);
    assert.equal(r.stdout, table117);
    assert.match(r.stderr, /Istio version 1\.17\.8 \(from the source\)/);
    assert.deepEqual(server.requests, [
      "/config_dump?mask=dynamic_listeners%2Cstatic_listeners",
      "/server_info",
    ]);
  });

  it("--admin with --istio-version makes istioctl's one request", async () => {
    server = await startAdminServer({ kind: "envoy", dump: dump117 });
    const r = await ok(["proxy-config", "listeners", "--admin", server.url, "--istio-version", "1.17"]);
    assert.equal(r.stdout, table117);
    assert.deepEqual(server.requests, ["/config_dump?mask=dynamic_listeners%2Cstatic_listeners"]);
  });

  it("--admin for a whole dump reads the version from its bootstrap, with no second request", async () => {
    server = await startAdminServer({ kind: "envoy", dump: dump117 });
    const r = await ok(["proxy-config", "all", "--admin", server.url]);
    assert.match(r.stderr, /Istio version 1\.17\.8 \(from the source\)/);
    assert.deepEqual(server.requests, ["/config_dump?include_eds=true"]);
  });

  it("--admin without /server_info falls back to the newest line, and says so", async () => {
    // A non-Istio Envoy: no ISTIO_VERSION anywhere, and this one answers only config_dump.
    server = await startAdminServer({ kind: "serve", routes: { config_dump: withoutBootstrap(dump117) } });
    const r = await ok(["proxy-config", "listeners", "--admin", server.url]);
    assert.equal(r.stdout, tableNewest);
    assert.match(r.stderr, /does not say its Istio version; using 1\.31/);
  });

  it("the fake admin API answers a mask that fits no config as Envoy does (400)", async () => {
    server = await startAdminServer({ kind: "envoy", dump: dump117 });
    const res = await fetch(`${server.url}/config_dump?mask=dynamic_listeners,static_listeners,bootstrap`);
    assert.equal(res.status, 400);
  });

  it("a dump that does not say its version falls back to the newest line, and says so", async () => {
    const parsed = JSON.parse(dump117) as { configs: { "@type": string }[] };
    const noBootstrap = {
      configs: parsed.configs.filter((c) => !c["@type"].endsWith("BootstrapConfigDump")),
    };
    writeFileSync(join(dir, "bare.json"), JSON.stringify(noBootstrap));
    const r = await ok(["proxy-config", "listeners", "--dump", join(dir, "bare.json")]);
    assert.equal(r.stdout, tableNewest);
    assert.match(r.stderr, /does not say its Istio version; using 1\.31/);
  });

  it("a version outside the supported lines falls back to the newest, and says so", async () => {
    writeFileSync(
      join(dir, "old.json"),
      dump117.replace('"ISTIO_VERSION": "1.17.8"', '"ISTIO_VERSION": "1.10.0"'),
    );
    const r = await ok(["proxy-config", "listeners", "--dump", join(dir, "old.json")]);
    assert.equal(r.stdout, tableNewest);
    assert.match(r.stderr, /Istio version 1\.10\.0 is outside 1\.17–1\.31; using 1\.31/);
  });
});
