import assert from "node:assert/strict";
import { join } from "node:path";
import { type AdminServer, startAdminServer } from "../helpers/admin-server.js";
import { run } from "../helpers/cli.js";
import { fixtureText, MIXED_CASE_DUMP, UPSTREAM } from "../helpers/fixtures.js";
import { FIXTURES } from "../helpers/walkthrough.js";

/**
 * istioctl's goldens (fixtures/upstream/istio-configdump, istio/istio master 86c9f01f)
 * reproduced end to end through the CLI, from a saved dump (--dump) and from a local admin
 * API serving the same captured dump (--admin): both sources print the same bytes.
 */

const NOW = new Date("2025-06-01T00:00:00Z"); // see test/views/upstream-goldens.test.ts for why
const LINE = ["--istio-version", "1.31"];

const CASES: { name: string; dump: string; args: string[]; golden: string }[] = [
  {
    name: "pc all",
    dump: "proxyconfig/config_dump.json",
    args: ["all"],
    golden: "proxyconfig/config_dump_summary.txt",
  },
  {
    name: "pc all --with-headers",
    dump: "proxyconfig/config_dump.json",
    args: ["all", "--with-headers"],
    golden: "proxyconfig/config_dump_summary_withheaders.txt",
  },
  {
    name: "pc routes",
    dump: "routes/istio-gateway-http-route-prefix/configdump.json",
    args: ["routes"],
    golden: "routes/istio-gateway-http-route-prefix/output.txt",
  },
  {
    name: "pc eds",
    dump: "endpoint/configdump.json",
    args: ["eds"],
    golden: "endpoint/emptyfilter_output.txt",
  },
  {
    name: "pc eds --port 8080 -o yaml",
    dump: "endpoint/configdump.json",
    args: ["eds", "--port", "8080", "-o", "yaml"],
    golden: "endpoint/portfilter_output.yaml",
  },
  { name: "pc ecds", dump: "ecds/configdump.json", args: ["ecds"], golden: "ecds/output.txt" },
  {
    name: "pc ec -o json",
    dump: "ecds/configdump.json",
    args: ["ec", "-o", "json"],
    golden: "ecds/output.json",
  },
  {
    name: "pc ecds -o yaml",
    dump: "ecds/configdump.json",
    args: ["ecds", "-o", "yaml"],
    golden: "ecds/output.yaml",
  },
  {
    name: "pc secrets",
    dump: "secret/istio/config_dump.json",
    args: ["secrets"],
    golden: "secret/istio/output",
  },
];

describe("istioctl goldens through the CLI, from --dump and --admin", () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const c of CASES) {
    it(`${c.name} --dump`, async () => {
      const file = join(FIXTURES, UPSTREAM, c.dump);
      const r = await run(["proxy-config", ...c.args, "--dump", file, ...LINE], { now: NOW });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, fixtureText(`${UPSTREAM}/${c.golden}`));
    });

    it(`${c.name} --admin`, async () => {
      // The fake applies the request's mask as Envoy does, so a wrong mask loses the section.
      server = await startAdminServer({ kind: "envoy", dump: fixtureText(`${UPSTREAM}/${c.dump}`) });
      const r = await run(["proxy-config", ...c.args, "--admin", server.url, ...LINE], { now: NOW });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, fixtureText(`${UPSTREAM}/${c.golden}`));
      assert.equal(server.requests.length, 1, "one request, like istioctl");
    });
  }

  it("a dump from stdin (--dump -) reads the same", async () => {
    const r = await run(["proxy-config", "routes", "--dump", "-", ...LINE], {
      stdin: fixtureText(`${UPSTREAM}/routes/empty-gateway/configdump.json`),
      now: NOW,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, fixtureText(`${UPSTREAM}/routes/empty-gateway/output.txt`));
  });
});

describe("dumps in either spelling", () => {
  it("reads Envoy Gateway's dump, whose EDS section is camelCase (staticEndpointConfigs)", async () => {
    const file = MIXED_CASE_DUMP;
    const r = await run(["proxy-config", "eds", "--dump", file]);
    assert.equal(r.code, 0, r.stderr);
    // The one endpoint of the camelCase section (in.all.json: staticEndpointConfigs → xds_cluster).
    assert.match(r.stdout, /^10\.106\.37\.54:18000\s+HEALTHY\s+xds_cluster$/m);
  });
});
