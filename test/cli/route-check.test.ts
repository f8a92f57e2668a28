import assert from "node:assert/strict";
import { join } from "node:path";
import { gwctl } from "../helpers/cli.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/**
 * `gwctl route check`: golden runs of fixtures/route-check against the walkthrough's steps,
 * and of Envoy's own router_check_tool data. The expected values inside the test files name
 * their sources (the walkthrough's outputs); the lines here are router_check_tool's format.
 */

const file = (name: string) => join(FIXTURES, "route-check", name);
const upstream = (name: string) => join(FIXTURES, "upstream", "envoy-router-check", name);

describe("cli: gwctl route check", () => {
  it("passes the walkthrough-03 tests with full coverage (exit 0)", async () => {
    const r = await gwctl([
      "route",
      "check",
      file("walkthrough-03.yaml"),
      "-f",
      step("03-services"),
      "--coverage",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "PASS  the walkthrough's /api/catalog reaches webapp",
        "PASS  any path of the host goes to webapp (prefix /)",
        "PASS  another host has no route",
        "3 tests passed",
        // http.8080 has one route (seed/expected/02-…routes-http.8080.1.17.json), and it is tested.
        "Current route coverage: 100%",
        "",
      ].join("\n"),
    );
    assert.match(r.stderr, /note: testing route configuration http\.8080/);
  });

  it("checks the httpsRedirect's Location on the named route configuration (walkthrough 06)", async () => {
    const r = await gwctl([
      "route",
      "check",
      file("walkthrough-06.yaml"),
      "-f",
      step("06-https-redirect"),
      "--name",
      "http.8080",
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^2 tests passed$/m);
  });

  it("reads JSON test files and a route configuration chosen among several (walkthrough 05)", async () => {
    const r = await gwctl([
      "route",
      "check",
      file("walkthrough-05.json"),
      "-f",
      step("05-tls-multi-host"),
      "--name",
      "https.443.https-catalog.coolstore-gateway.istioinaction",
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("prints each failure with expected and actual, and exits 1", async () => {
    const r = await gwctl(["route", "check", file("failing.yaml"), "-f", step("03-services"), "--coverage"]);
    assert.equal(r.code, 1);
    const f = file("failing.yaml");
    assert.equal(
      r.stdout,
      [
        `FAIL  /api goes to catalog  (${f}:4)`,
        // the walkthrough routes every path of webapp.istioinaction.io to webapp
        "      expected: [outbound|80||catalog.istioinaction.svc.cluster.local], actual: [outbound|80||webapp.istioinaction.svc.cluster.local], test type: cluster_name",
        `FAIL  /api is rewritten to /  (${f}:8)`,
        "      expected: [/catalog], actual: [/api/catalog], test type: path_rewrite",
        `FAIL  plain HTTP is redirected  (${f}:13)`,
        "      expected: [301], actual: [0], test type: code_redirect",
        "      expected: [has(x-canary):true], actual: [has(x-canary):false], test type: request_header_matches.present_match",
        "      expected: [:authority: catalog.istioinaction.io], actual: [:authority: webapp.istioinaction.io], test type: request_header_matches.string_match.exact",
        "3 of 3 tests failed",
        "",
      ].join("\n"),
    );
  });

  it("fails a passing run whose coverage is under --fail-under", async () => {
    const r = await gwctl([
      "route",
      "check",
      upstream("Redirect.golden.proto.json"),
      "--config",
      upstream("Redirect.yaml"),
      "--fail-under",
      "60",
      "--only-show-failures",
    ]);
    assert.equal(r.code, 1);
    // 5 of Redirect.yaml's 9 routes are validated by a matching check
    assert.equal(
      r.stdout,
      "10 tests passed\nCurrent route coverage: 55.5556%\nFailed to meet coverage requirement: 60%\n",
    );
  });

  it("passes Envoy's own router_check_tool tests", async () => {
    for (const t of ["Redirect", "Weighted"]) {
      const r = await gwctl([
        "route",
        "check",
        upstream(`${t}.golden.proto.json`),
        "--config",
        upstream(`${t}.yaml`),
      ]);
      assert.equal(r.code, 0, `${t}: ${r.stdout}`);
    }
  });

  it("exits 2 with file:line for malformed test files", async () => {
    const r = await gwctl(["route", "check", file("malformed.yaml"), "-f", step("03-services")]);
    assert.equal(r.code, 2);
    const f = file("malformed.yaml");
    assert.match(
      r.stderr,
      new RegExp(`error: ${f.replace(/[.]/g, "\\.")}:4: tests\\[0\\]\\.input\\.method is required`),
    );
    assert.match(r.stderr, /malformed\.yaml:6: unknown field "port" in tests\[0\]\.input/);
    assert.match(r.stderr, /malformed\.yaml:10: tests\[1\]\.input\.method must have at least 3 characters/);
    assert.match(r.stderr, /malformed\.yaml:11: tests\[1\]\.validate needs at least one check/);
    assert.equal(r.stdout, "");
    const syntax = await gwctl(["route", "check", file("broken-syntax.yaml"), "-f", step("03-services")]);
    assert.equal(syntax.code, 2);
    assert.match(syntax.stderr, /broken-syntax\.yaml:4: Flow map/);
  });

  it("exits 2 when the route configuration is ambiguous, unknown or not one", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["-f", step("06-https-redirect")],
        /name the route configuration to test with --name: one of http\.8080, https\.443\.https\.coolstore-gateway\.istioinaction/,
      ],
      [
        ["-f", step("03-services"), "--name", "http.80"],
        /no route configuration named http\.80; there are: http\.8080/,
      ],
      [["--config", upstream("Redirect.golden.proto.json")], /not a RouteConfiguration/],
      [["--config", upstream("Redirect.yaml"), "-f", step("03-services")], /use --config alone/],
      [
        ["-f", step("03-services"), "--fail-under", "101"],
        /--fail-under <pct>' argument '101' is invalid\. "101" is not a percentage/,
      ],
      [[], /route check needs manifests/],
    ];
    for (const [extra, re] of cases) {
      const r = await gwctl(["route", "check", file("walkthrough-03.yaml"), ...extra]);
      assert.equal(r.code, 2, extra.join(" "));
      assert.match(r.stderr, re, extra.join(" "));
      assert.doesNotMatch(r.stderr, /internal error/, extra.join(" "));
    }
  });
});
