import assert from "node:assert/strict";
import { join } from "node:path";
import { listeners, routeConfigs } from "../../src/envoy/configdump.js";
import type { ConfigDump } from "../../src/envoy/types.js";
import { run } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/walkthrough.js";

const bad = (name: string) => join(FIXTURES, "bad-input", name);

/** No stack trace, and no "internal error" (what gwctl says when a bug, not the input, failed). */
function noStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, "stderr must not contain a stack trace");
  assert.doesNotMatch(stderr, /internal error/, "bad input is never an internal error");
}

describe("proxy-config: bad input", () => {
  it("malformed YAML: names file, line and column, exits 2, and keeps the valid documents and files", async () => {
    const r = await run(["proxy-config", "all", "-f", bad("malformed"), "-o", "json"]);
    assert.equal(r.code, 2);
    // The parser notices the unclosed flow sequence of line 19 where the next key starts.
    assert.match(r.stderr, /malformed[/\\]gateway\.yaml:20:3: invalid YAML: Flow sequence/);
    noStackTrace(r.stderr);
    // The Gateway in the same file and the VirtualService in the next file still produce routes.
    const dump = JSON.parse(r.stdout) as ConfigDump;
    const http = routeConfigs(dump).find((x) => x.resource.name === "http.8080");
    assert.ok(http, "route config http.8080");
    assert.deepEqual(
      (http.resource.virtual_hosts as { name: string }[]).map((v) => v.name),
      ["good.example.com:80"],
    );
  });

  it("a Gateway without servers is rejected with its file, line and field; the other Gateway still works", async () => {
    const r = await run(["proxy-config", "all", "-f", bad("no-servers"), "-o", "json"]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /gateways\.yaml:6:\d+: spec\.servers: Gateway istio-system\/empty: gateway must have at least one server/,
    );
    noStackTrace(r.stderr);
    const dump = JSON.parse(r.stdout) as ConfigDump;
    assert.ok(listeners(dump).some((l) => l.resource.name === "0.0.0.0_8080"));
  });

  it("a VirtualService naming a missing gateway is a warning at the reference, not an error", async () => {
    const r = await run(["proxy-config", "routes", "-f", bad("missing-gateway"), "-o", "json"]);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /vs\.yaml:21: VirtualService shop\/shop: spec\.gateways\[0\]: gateway "real-gatway" \(shop\/real-gatway\) is not in the manifests/,
    );
  });

  it("kinds gwctl does not use are counted as skipped in one line", async () => {
    const r = await run(["proxy-config", "listeners", "-f", bad("unknown-kind"), "-o", "json"]);
    assert.equal(r.code, 0);
    const lines = r.stderr.split("\n").filter((l) => l.includes("skipped"));
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] as string,
      /skipped 3 objects of kinds gwctl does not use: ServiceAccount 1, Sidecar\.networking\.istio\.io 1, Widget\.example\.com 1/,
    );
  });

  it("a binary file is refused by name", async () => {
    const r = await run(["proxy-config", "listeners", "-f", bad("binary")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /blob\.yaml: binary file: expected YAML or JSON text/);
    noStackTrace(r.stderr);
  });

  it("an empty folder is an error", async () => {
    const r = await run(["proxy-config", "listeners", "-f", bad("empty-dir")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty-dir: no \.yaml, \.yml, \.json files in this folder/);
  });

  it("a missing path is an error", async () => {
    const r = await run(["proxy-config", "listeners", "-f", bad("does-not-exist")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does-not-exist: no such file or directory/);
    noStackTrace(r.stderr);
  });

  it("no source at all is a usage error", async () => {
    const r = await run(["proxy-config", "listeners"]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /needs manifests \(-f FILE\|DIR\|-\), a config dump \(--dump FILE\) or an admin API \(--admin URL\)/,
    );
  });

  it("an unknown --istio-version is a usage error", async () => {
    const r = await run(["proxy-config", "listeners", "-f", bad("no-servers"), "--istio-version", "1.9"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--istio-version "1\.9" is not supported/);
  });

  it("an unknown flag is a usage error (exit 2, not commander's 1)", async () => {
    const r = await run(["proxy-config", "listeners", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--bogus'/);
  });

  it("an unknown workload is named", async () => {
    const r = await run(["proxy-config", "listeners", "deploy/nope.istio-system", "-f", bad("no-servers")]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /no pod, deployment or IstioOperator ingress gateway named nope in namespace istio-system/,
    );
  });
});

describe("saved dumps: bad input", () => {
  const cases: [string, string, RegExp][] = [
    ["JSON without configs", '{"listeners": []}', /not an Envoy config dump \(no "configs" list\)/],
    [
      "a config that is not an object",
      '{"configs": [1, null]}',
      /configs\[0\] is 1, not an object with an "@type"/,
    ],
    [
      "a config without @type",
      '{"configs": [{"@type": "type.googleapis.com/envoy.admin.v3.ListenersConfigDump"}, {"dynamic_listeners": []}]}',
      /configs\[1\] is \{"dynamic_listeners":\[\]\}, not an object with an "@type"/,
    ],
  ];
  for (const [what, text, pattern] of cases) {
    it(`${what}: one line naming the file, exit 2, for every command that reads dumps`, async () => {
      for (const args of [
        ["proxy-config", "listeners", "--dump", "-"],
        ["proxy-config", "all", "-o", "json", "--dump", "-"],
        ["simulate", "http://example.com/", "--dump", "-"],
      ]) {
        const r = await run(args, { stdin: text });
        assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, pattern);
        assert.match(r.stderr, /^error: (<stdin>|-): /m);
        noStackTrace(r.stderr);
      }
    });
  }
});

describe("option values: bad input", () => {
  const W = join(FIXTURES, "walkthrough", "04-tls-simple");
  const cases: [string[], RegExp][] = [
    [
      ["proxy-config", "listeners", "-f", W, "--port", "abc"],
      /'--port <port>' argument 'abc' is invalid\. "abc" is not a port/,
    ],
    [["proxy-config", "clusters", "-f", W, "--port", "70000"], /"70000" is not a port \(0-65535\)/],
  ];
  for (const [args, pattern] of cases) {
    it(`${args.slice(-2).join(" ")}: a usage error (exit 2), not an internal error`, async () => {
      const r = await run(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /internal error/);
    });
  }
});
