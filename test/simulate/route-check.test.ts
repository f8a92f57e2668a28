import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import { formatPercent, runRouteTests } from "../../src/simulate/route-check/run.js";
import { parseTestFile } from "../../src/simulate/route-check/test-file.js";

/**
 * router_check_tool's semantics (test/tools/router_check/router.cc, coverage.cc): which value
 * each check reads, its failure line, and how coverage counts routes.
 */

const CONFIG: JsonObject = {
  name: "rc",
  response_headers_to_add: [{ header: { key: "x-rc", value: "1" } }],
  virtual_hosts: [
    {
      name: "app",
      domains: ["app.example.com"],
      request_headers_to_add: [
        { header: { key: "x-vhost", value: "v" }, append_action: "OVERWRITE_IF_EXISTS_OR_ADD" },
      ],
      virtual_clusters: [{ name: "posts", headers: [{ name: ":method", string_match: { exact: "POST" } }] }],
      routes: [
        {
          match: { prefix: "/api" },
          route: { cluster: "api", prefix_rewrite: "/", host_rewrite_literal: "api.internal" },
        },
        { match: { path: "/old" }, redirect: { path_redirect: "/new", response_code: "FOUND" } },
        {
          match: { prefix: "/" },
          route: {
            weighted_clusters: {
              clusters: [
                { name: "a", weight: 1 },
                { name: "b", weight: 1 },
              ],
            },
          },
        },
      ],
    },
  ],
};

function run(yaml: string) {
  const parsed = parseTestFile(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return runRouteTests(CONFIG, parsed.tests);
}

const test = (input: string, validate: string) =>
  `tests:\n- test_name: t\n  input: {${input}}\n  validate: {${validate}}\n`;

describe("route check: checks", () => {
  it("reads the cluster, virtual host, rewrites and virtual cluster of a route entry", () => {
    const r = run(
      test(
        "authority: app.example.com, path: /api/x?y, method: POST",
        "cluster_name: api, virtual_host_name: app, path_rewrite: //x?y, host_rewrite: api.internal, virtual_cluster_name: posts",
      ),
    );
    assert.deepEqual(r.results[0]?.failures, []);
  });

  it("reads path_redirect and code_redirect of a redirect, where cluster and vhost are empty", () => {
    const r = run(
      test(
        "authority: app.example.com, path: /old?q, method: GET",
        'path_redirect: "http://app.example.com/new?q", code_redirect: 302, cluster_name: "", virtual_host_name: ""',
      ),
    );
    assert.deepEqual(r.results[0]?.failures, []);
  });

  it("prints failures as router_check_tool does", () => {
    const r = run(
      test("authority: app.example.com, path: /api, method: GET", "cluster_name: web, code_redirect: 301"),
    );
    assert.deepEqual(r.results[0]?.failures, [
      "expected: [web], actual: [api], test type: cluster_name",
      "expected: [301], actual: [0], test type: code_redirect",
    ]);
  });

  it("checks request and response headers after the route's mutations", () => {
    const r = run(
      test(
        "authority: app.example.com, path: /api, method: GET",
        'request_header_matches: [{name: x-vhost, string_match: {exact: v}}], response_header_matches: [{name: x-rc, present_match: true}, {name: x-missing, string_match: {exact: "1"}}]',
      ),
    );
    assert.deepEqual(r.results[0]?.failures, [
      "expected: [x-missing: 1], actual: [x-missing: NULL], test type: response_header_matches.string_match.exact",
    ]);
  });

  it("picks weighted clusters by random_value, and counts each as a route for coverage", () => {
    const a = run(
      test("authority: app.example.com, path: /, method: GET, random_value: 0", "cluster_name: a"),
    );
    const b = run(
      test("authority: app.example.com, path: /, method: GET, random_value: 1", "cluster_name: b"),
    );
    assert.deepEqual(a.results[0]?.failures, []);
    assert.deepEqual(b.results[0]?.failures, []);
    // routes: /api, /old and the weighted / with two clusters = 4 coverage units
    assert.equal(a.coverage, 25);
  });

  it("computes comprehensive coverage over every field a route could validate", () => {
    const r = run(
      test(
        "authority: app.example.com, path: /api, method: GET",
        "cluster_name: api, virtual_host_name: app",
      ),
    );
    assert.equal(r.coverage, 25);
    // 2 of the 5 fields of a route entry, over 4 units
    assert.equal(r.comprehensiveCoverage, 10);
    assert.equal(r.missing.length, 3);
  });

  it("formats coverage as C++ streams print doubles", () => {
    assert.equal(formatPercent(100), "100");
    assert.equal(formatPercent(100 / 3), "33.3333");
    assert.equal(formatPercent(7.448631), "7.44863");
  });
});

describe("route check: test files", () => {
  it("accepts JSON and camelCase field names", () => {
    const p = parseTestFile(
      '{"tests":[{"testName":"t","input":{"authority":"a","path":"/","method":"GET"},"validate":{"clusterName":""}}]}',
    );
    assert.ok(p.ok);
    assert.equal(p.tests[0]?.validate.clusterName, "");
  });

  it("reports every problem with its line", () => {
    const p = parseTestFile(
      [
        "tests:",
        "- test_name: t",
        "  input:",
        "    authority: a",
        "    path: /",
        "    port: 80",
        "  validate: {cluster_name: 5}",
        "- input: {authority: a, path: /, method: GE}",
        "  validate: {}",
      ].join("\n"),
    );
    assert.equal(p.ok, false);
    if (p.ok) return;
    assert.deepEqual(
      p.problems.map((x) => `${x.line}: ${x.message.split(" (")[0]}`),
      [
        "4: tests[0].input.method is required",
        '6: unknown field "port" in tests[0].input',
        "7: tests[0].validate.cluster_name must be a string",
        "8: tests[1].test_name is required",
        "8: tests[1].input.method must have at least 3 characters",
        "9: tests[1].validate needs at least one check",
      ],
    );
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    const dup = parseTestFile('{"tests": [], "tests": []}');
    assert.equal(dup.ok, false);
    const bad = parseTestFile("tests:\n- test_name: a\n  input: {authority: a\n");
    assert.ok(!bad.ok && bad.problems[0]?.line === 4);
    const empty = parseTestFile("tests: []\n");
    assert.ok(!empty.ok && /at least one test/.test(empty.problems[0]?.message ?? ""));
  });
});
