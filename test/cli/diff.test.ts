import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeDump } from "../../src/envoy/casing.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { type AdminServer, startAdminServer } from "../helpers/admin-server.js";
import { oneLineError, run } from "../helpers/cli.js";
import {
  clone,
  clusterIn,
  endpointsIn,
  removeEntry,
  reorderedWithNewTimestamps,
  routeIn,
  secretIn,
  withTimestamps,
} from "../helpers/dumps.js";
import { MIXED_CASE_DUMP } from "../helpers/fixtures.js";
import { FIXTURES, readFixture, simulate, step } from "../helpers/walkthrough.js";

const COMPARE = join(FIXTURES, "upstream", "istio-configdump", "compare");
const STEP03 = step("03-services");
const STEP04 = step("04-tls-simple");
const ESC = "\u001b";
const WEBAPP_CLUSTER = "outbound|80||webapp.istioinaction.svc.cluster.local";

describe("gwctl diff --base/--head: what a change does to Envoy", () => {
  it("walkthrough 03 → 04 adds the 8443 listener, its route config and the webapp-credential secret, nothing else", async () => {
    const r = await run(["diff", "--base", STEP03, "--head", STEP04]);
    assert.equal(r.code, 1, r.stderr);
    // Hand-checked against the two steps' manifests: step 04 adds one HTTPS server on 443.
    assert.equal(
      r.stdout.split("\n").slice(2).join("\n"),
      `
listeners  1 added, 0 removed, 0 changed, 3 unchanged
routes     1 added, 0 removed, 0 changed, 3 unchanged
clusters   0 added, 0 removed, 0 changed, 11 unchanged
endpoints  0 added, 0 removed, 0 changed, 10 unchanged
secrets    1 added, 0 removed, 0 changed, 0 unchanged

listeners
+ 0.0.0.0_8443

routes
+ https.443.https.coolstore-gateway.istioinaction

secrets
+ kubernetes://webapp-credential
`,
    );
    assert.match(
      r.stdout,
      /^--- base: simulated from .*03-services \(Istio 1\.17\)\n\+\+\+ head: simulated from .*04-tls-simple/,
    );
  });

  it("-o json lists the same three additions for machines, with the resources", async () => {
    const r = await run(["diff", "--base", STEP03, "--head", STEP04, "-o", "json"]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as {
      equal: boolean;
      expected: { label: string };
      changes: { type: string; name: string; status: string; actual?: { name?: string } }[];
    };
    assert.equal(doc.equal, false);
    assert.equal(doc.expected.label, "base");
    assert.deepEqual(
      doc.changes.map((c) => [c.type, c.name, c.status]),
      [
        ["listeners", "0.0.0.0_8443", "added"],
        ["routes", "https.443.https.coolstore-gateway.istioinaction", "added"],
        ["secrets", "kubernetes://webapp-credential", "added"],
      ],
    );
    assert.equal(doc.changes[0]?.actual?.name, "0.0.0.0_8443");
    // private keys never reach the output
    assert.doesNotMatch(r.stdout, /PRIVATE KEY/);
  });

  it("the same tree on both sides: exit 0 and no differences", async () => {
    const r = await run(["diff", "--base", STEP04, "--head", STEP04]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\nno differences \(\d+ resources compared\)\n$/);
  });
});

describe("gwctl diff: manifests against a dump", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "gwctl-diff-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const save = (name: string, d: ConfigDump): string => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(d));
    return p;
  };

  it("a live-looking dump of the same manifests (reordered, new timestamps) matches: exit 0", async () => {
    const live = reorderedWithNewTimestamps(
      withTimestamps(simulate([STEP04], "1.17").dump, "2024-05-01T00:00:00Z"),
    );
    const r = await run(["diff", "-f", STEP04, "--dump", save("live.json", live)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no differences/);
  });

  it("a changed cluster setting is drift: exit 1, the path and both values", async () => {
    const live = clone(simulate([STEP04], "1.17").dump);
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    const r = await run(["diff", "-f", STEP04, "--dump", save("drift.json", live)]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /\nclusters\n~ outbound\|80\|\|webapp\.istioinaction\.svc\.cluster\.local\n {4}connect_timeout\n {4}- "10s"\n {4}\+ "5s"\n/,
    );
  });

  it("each kind of drift at once, in a hand-edited dump of step 05: exit 1, each named with both values", async () => {
    const STEP05 = step("05-tls-multi-host");
    const live = clone(simulate([STEP05], "1.17").dump);
    const CATALOG_ROUTE = "https.443.https-catalog.coolstore-gateway.istioinaction";
    const WEBAPP_ROUTE = "https.443.https-webapp.coolstore-gateway.istioinaction";
    const CATALOG_CLUSTER = "outbound|80||catalog.istioinaction.svc.cluster.local";
    // a route changed
    const vh = (routeIn(live, WEBAPP_ROUTE).virtual_hosts as JsonObject[])[0] as JsonObject;
    (((vh.routes as JsonObject[])[0] as JsonObject).route as JsonObject).timeout = "15s";
    // a route configuration removed
    removeEntry(live, CATALOG_ROUTE);
    // a cluster setting changed
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    // a certificate rotated (to the catalog certificate, a different one)
    const catalogChain = (secretIn(live, "kubernetes://catalog-credential").tls_certificate as JsonObject)
      .certificate_chain;
    (secretIn(live, "kubernetes://webapp-credential").tls_certificate as JsonObject).certificate_chain =
      structuredClone(catalogChain) as JsonObject;
    // an endpoint gone
    ((endpointsIn(live, CATALOG_CLUSTER).endpoints as JsonObject[])[0] as JsonObject).lb_endpoints = [];
    const r = await run(["diff", "-f", STEP05, "--dump", save("kinds.json", live)]);
    assert.equal(r.code, 1, r.stderr);
    // hand-checked: exactly the five edits, in type order
    assert.equal(
      r.stdout.slice(r.stdout.indexOf("\nlisteners  ")),
      `
listeners  0 added, 0 removed, 0 changed, 3 unchanged
routes     0 added, 1 removed, 1 changed, 2 unchanged
clusters   0 added, 0 removed, 1 changed, 10 unchanged
endpoints  0 added, 0 removed, 1 changed, 9 unchanged
secrets    0 added, 0 removed, 1 changed, 1 unchanged

routes
- ${CATALOG_ROUTE}
~ ${WEBAPP_ROUTE}
    virtual_hosts[name=webapp.istioinaction.io:443].routes[0].route.timeout
    - "0s"
    + "15s"

clusters
~ ${WEBAPP_CLUSTER}
    connect_timeout
    - "10s"
    + "5s"

endpoints
~ ${CATALOG_CLUSTER}
    endpoints[locality=""].lb_endpoints[address=10.10.0.13:3000]
    - {"endpoint":{"address":{"socket_address":{"address":"10.10.0.13","port_value":3000}},"health_check_config":{}},"health_status":"HEALTHY","metadata":{"filter_metadata":{"envoy.transport_socket_match":{"tlsMode":"istio"},"istio":{"workload":"catalog;istioinaction;catalog;;Kubernetes"}}},"load_balancing_weight":1}
    + (absent)

secrets
~ kubernetes://webapp-credential
    tls_certificate.certificate_chain.inline_bytes
    - certificate CN=webapp.istioinaction.io serial 100212 expires 2041-06-29T12:49:32Z
    + certificate CN=catalog.istioinaction.io serial 100212 expires 2041-06-29T13:30:38Z
`,
    );
  });

  it("--unified prints a unified diff of the resource", async () => {
    const live = clone(simulate([STEP04], "1.17").dump);
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    const r = await run(["diff", "-f", STEP04, "--dump", save("drift2.json", live), "--unified"]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^--- expected\/clusters\/outbound\|80\|\|webapp\.istioinaction\.svc\.cluster\.local\n/,
    );
    assert.match(
      r.stdout,
      /\n\+\+\+ actual\/clusters\/outbound\|80\|\|webapp\.istioinaction\.svc\.cluster\.local\n@@ /,
    );
    assert.match(r.stdout, /\n- {2}"connect_timeout": "10s",\n\+ {2}"connect_timeout": "5s",\n/);
  });

  it("--ignore accepts the difference (exit 0); --only leaves the type out", async () => {
    const live = clone(simulate([STEP04], "1.17").dump);
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    const file = save("drift3.json", live);
    const ignored = await run([
      "diff",
      "-f",
      STEP04,
      "--dump",
      file,
      "--ignore",
      "clusters:*.connect_timeout",
    ]);
    assert.equal(ignored.code, 0, ignored.stdout);
    const only = await run([
      "diff",
      "-f",
      STEP04,
      "--dump",
      file,
      "--only",
      "routes,listeners",
      "--only",
      "secret",
    ]);
    assert.equal(only.code, 0);
    assert.match(only.stdout, /clusters {3}not compared: not asked for \(--only\)/);
  });

  it("every difference in -o json carries its --ignore pattern, and the pattern accepts exactly it", async () => {
    const live = clone(simulate([STEP04], "1.17").dump);
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    clusterIn(live, WEBAPP_CLUSTER).lb_policy = "RANDOM";
    const file = save("drift5.json", live);
    const r = await run(["diff", "-f", STEP04, "--dump", file, "-o", "json"]);
    const doc = JSON.parse(r.stdout) as { changes: { differences: { ignore: string }[] }[] };
    const patterns = doc.changes.flatMap((c) => c.differences.map((d) => d.ignore));
    assert.deepEqual(patterns, [
      `clusters:"${WEBAPP_CLUSTER}".connect_timeout`,
      `clusters:"${WEBAPP_CLUSTER}".lb_policy`,
    ]);
    const one = await run(["diff", "-f", STEP04, "--dump", file, "--ignore", patterns[0] as string]);
    assert.equal(one.code, 1);
    assert.doesNotMatch(one.stdout, /connect_timeout/);
    assert.match(one.stdout, /lb_policy/);
    const both = await run([
      "diff",
      "-f",
      STEP04,
      "--dump",
      file,
      ...patterns.flatMap((p) => ["--ignore", p]),
    ]);
    assert.equal(both.code, 0, both.stdout);
  });

  it("colours +/- lines on a terminal only, never with NO_COLOR or --no-color", async () => {
    const live = clone(simulate([STEP04], "1.17").dump);
    clusterIn(live, WEBAPP_CLUSTER).connect_timeout = "5s";
    const file = save("drift4.json", live);
    const args = ["diff", "-f", STEP04, "--dump", file];
    const tty = await run(args, { tty: true });
    assert.ok(tty.stdout.includes(`${ESC}[32m    + "5s"${ESC}[39m`), tty.stdout);
    const noColorEnv = await run(args, { tty: true, env: { NO_COLOR: "1" } });
    assert.ok(!noColorEnv.stdout.includes(ESC));
    const noColorFlag = await run(["--no-color", ...args], { tty: true });
    assert.ok(!noColorFlag.stdout.includes(ESC));
    const pipe = await run(args);
    assert.ok(!pipe.stdout.includes(ESC));
  });

  it("manifests with input errors: the diff is printed and the exit code is 2", async () => {
    const live = simulate([STEP04], "1.17").dump;
    const r = await run([
      "diff",
      "-f",
      join(FIXTURES, "bad-input", "malformed"),
      "--dump",
      save("any.json", live),
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid YAML/);
    assert.match(r.stdout, /^--- expected/);
  });

  it("the simulation follows the Istio version the dump reports (--istio-version auto by default)", async () => {
    const live = simulate([STEP04], "1.17").dump;
    const r = await run(["diff", "-f", STEP04, "--dump", save("v.json", live)]);
    assert.match(r.stdout, /^--- expected: simulated from .*\(Istio 1\.17\)/);
  });
});

describe("gwctl diff: two dumps", () => {
  it("istioctl's compare goldens: the same dump matches, the diff dump differs in listeners, routes and clusters", async () => {
    const same = await run([
      "diff",
      "--expected-dump",
      join(COMPARE, "configdump.json"),
      "--dump",
      join(COMPARE, "configdump.json"),
    ]);
    assert.equal(same.code, 0);
    const r = await run([
      "diff",
      "--expected-dump",
      join(COMPARE, "configdump.json"),
      "--dump",
      join(COMPARE, "configdump_diff.json"),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\nlisteners {2}0 added, 0 removed, 2 changed, 1 unchanged\n/);
    assert.match(r.stdout, /\nroutes {5}1 added, 1 removed, 0 changed, 0 unchanged\n/);
    assert.match(r.stdout, /\nclusters {3}1 added, 1 removed, 0 changed, 0 unchanged\n/);
    assert.match(r.stdout, / {4}- "inbound_0\.0\.0\.0_9080"\n {4}\+ "inbound_0\.0\.0\.0_9999"\n/);
    // secrets and endpoints are in neither dump: not compared, and no drift
    assert.match(r.stdout, /\nsecrets {4}not compared: neither dump has a secrets section\n/);
  });

  it("a workload name is ignored with a warning when nothing is simulated", async () => {
    const f = join(COMPARE, "configdump.json");
    const r = await run(["diff", "gw.istio-system", "--expected-dump", f, "--dump", f]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: workload "gw\.istio-system" is ignored/);
  });
});

describe("gwctl diff: spelling", () => {
  const MIXED = MIXED_CASE_DUMP;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "gwctl-diff-casing-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a dump with a camelCase section (Envoy Gateway's EDS) equals its snake_case form", async () => {
    const snake = join(dir, "snake.json");
    writeFileSync(
      snake,
      JSON.stringify(normalizeDump(JSON.parse(readFileSync(MIXED, "utf8")) as ConfigDump)),
    );
    assert.match(readFileSync(MIXED, "utf8"), /"staticEndpointConfigs"/);
    const r = await run(["diff", "--expected-dump", MIXED, "--dump", snake, "-o", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, { unchanged: number }> };
    // the camelCase section is read, not skipped: its one endpoint assignment is compared
    assert.equal(doc.summary.endpoints?.unchanged, 1);
  });
});

describe("gwctl diff --admin", () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reads the whole dump with EDS from the admin API and compares it", async () => {
    const body = readFixture("upstream", "istio-configdump", "compare", "configdump.json");
    server = await startAdminServer({ kind: "serve", routes: { config_dump: body } });
    const r = await run(["diff", "--expected-dump", join(COMPARE, "configdump.json"), "--admin", server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      server.requests.some((p) => p.startsWith("/config_dump?include_eds")),
      server.requests.join(" "),
    );
    assert.match(r.stdout, /\+\+\+ actual: Envoy admin API http:\/\/127\.0\.0\.1:\d+/);
  });

  it("GWCTL_ADMIN is the actual side when no --dump is given", async () => {
    const body = readFixture("upstream", "istio-configdump", "compare", "configdump_diff.json");
    server = await startAdminServer({ kind: "serve", routes: { config_dump: body } });
    const r = await run(["diff", "--expected-dump", join(COMPARE, "configdump.json")], {
      env: { GWCTL_ADMIN: server.url },
    });
    assert.equal(r.code, 1, r.stderr);
  });

  it("an admin API that answers 500: exit 2 and one line", async () => {
    server = await startAdminServer({ kind: "status", code: 500, body: "boom" });
    const r = await run(["diff", "--expected-dump", join(COMPARE, "configdump.json"), "--admin", server.url]);
    oneLineError(r, /HTTP 500: boom/);
  });
});

describe("gwctl diff: bad input is exit 2 and one line", () => {
  const dump = join(COMPARE, "configdump.json");
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "gwctl-diff-bad-"));
    writeFileSync(join(dir, "broken.json"), '{"configs": [');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string[], RegExp][] = [
    [
      "a missing dump file",
      () => ["diff", "--expected-dump", dump, "--dump", join(dir, "nope.json")],
      /nope\.json: no such file/,
    ],
    [
      "a dump that is not JSON",
      () => ["diff", "--expected-dump", join(dir, "broken.json"), "--dump", dump],
      /broken\.json: not a JSON config dump/,
    ],
    [
      "-f and --expected-dump",
      () => ["diff", "-f", STEP04, "--expected-dump", dump, "--dump", dump],
      /use one expected side/,
    ],
    [
      "--admin and --dump",
      () => ["diff", "-f", STEP04, "--admin", "http://127.0.0.1:1", "--dump", dump],
      /use one actual side/,
    ],
    ["--base without --head", () => ["diff", "--base", STEP03], /--base and --head go together/],
    ["--base with --dump", () => ["diff", "--base", STEP03, "--head", STEP04, "--dump", dump], /drop --dump/],
    ["no expected side", () => ["diff", "--dump", dump], /needs an expected side/],
    ["no actual side", () => ["diff", "-f", STEP04], /needs an actual side/],
    [
      "an unknown --only type",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--only", "routes,vhosts"],
      /--only: unknown type "vhosts"/,
    ],
    [
      "a bad --ignore path",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--ignore", "clusters:*[x]"],
      /--ignore "clusters:\*\[x\]": expected/,
    ],
    [
      "an unknown --strict rule",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--strict", "timestamps"],
      /--strict: unknown normalisation "timestamps"/,
    ],
    [
      "--strict on a rule that is always on",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--strict", "volatile-fields"],
      /always applied/,
    ],
    [
      "--normalize on a default rule",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--normalize", "cluster-type"],
      /not an automatic rule/,
    ],
    [
      "--unified with -o json",
      () => ["diff", "--base", STEP03, "--head", STEP04, "--unified", "-o", "json"],
      /--unified is a text view/,
    ],
    [
      "both sides from stdin",
      () => ["diff", "--expected-dump", "-", "--dump", "-"],
      /only one input can come from stdin/,
    ],
  ];
  for (const [what, args, pattern] of cases) {
    it(what, async () => oneLineError(await run(args()), pattern));
  }
});
