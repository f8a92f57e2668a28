import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adminBaseUrl, fetchClusterStatuses, fetchConfigDump } from "../../src/envoy/admin.js";
import { type AdminServer, refusedUrl, startAdminServer } from "../helpers/admin-server.js";
import { FIXTURES } from "../helpers/walkthrough.js";

const AI_GATEWAY_DUMP = readFileSync(
  join(FIXTURES, "upstream", "envoy-dumps", "kubernetes-sigs-wg-ai-gateway", "config_dump.json"),
  "utf8",
);
const opts = { timeoutMs: 1500, maxBytes: 8 * 1024 * 1024 };

function base(url: string): URL {
  const r = adminBaseUrl(url);
  assert.ok(r.ok);
  return r.value;
}

describe("envoy admin API", () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reads a captured config dump and asks for what istioctl asks", async () => {
    server = await startAdminServer({ kind: "serve", routes: { config_dump: AI_GATEWAY_DUMP } });
    const r = await fetchConfigDump(base(server.url), { includeEds: true }, opts);
    assert.ok(r.ok, r.ok ? "" : r.reason);
    assert.equal(r.value.configs.length, JSON.parse(AI_GATEWAY_DUMP).configs.length);
    assert.deepEqual(server.requests, ["/config_dump?include_eds=true"]);
  });

  it("accepts HOST:PORT without a scheme, and rejects other schemes", () => {
    assert.equal(base("127.0.0.1:15000").href, "http://127.0.0.1:15000/");
    const r = adminBaseUrl("ftp://x");
    assert.ok(!r.ok);
    assert.match(r.reason, /only http:\/\/ and https:\/\//);
  });

  it("refused connection: says so and suggests the port-forward", async () => {
    const r = await fetchConfigDump(base(await refusedUrl()), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /^connection refused by 127\.0\.0\.1:\d+: is Envoy's admin port forwarded there/);
  });

  it("a server that never answers: timeout with the limit named", async () => {
    server = await startAdminServer({ kind: "hang" });
    const r = await fetchConfigDump(base(server.url), {}, { ...opts, timeoutMs: 300 });
    assert.ok(!r.ok);
    assert.match(r.reason, /^no complete answer from 127\.0\.0\.1:\d+ within 0\.3s \(raise --timeout/);
  });

  it("HTTP 500: the status and the first line of the body", async () => {
    server = await startAdminServer({ kind: "status", code: 500, body: "envoy overloaded\nmore detail\n" });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /config_dump answered HTTP 500: envoy overloaded$/);
  });

  it("HTML instead of JSON: says what came back", async () => {
    server = await startAdminServer({ kind: "html" });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /did not answer JSON \(text\/html\): it starts with "<!doctype html>/);
  });

  it("a body cut short: truncated", async () => {
    server = await startAdminServer({ kind: "truncate", body: AI_GATEWAY_DUMP });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /^truncated /);
  });

  it("a 50 MB body beyond the limit: stopped at the limit", async () => {
    server = await startAdminServer({ kind: "huge", bytes: 50 * 1024 * 1024 });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /sent more than the 8 MiB limit \(raise --max-size\)/);
  });

  it("a redirect is reported, not followed", async () => {
    server = await startAdminServer({ kind: "redirect", location: "http://example.com/elsewhere" });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(
      r.reason,
      /answered 302 redirecting to http:\/\/example\.com\/elsewhere; gwctl does not follow redirects/,
    );
  });

  it("JSON that is not a config dump is refused", async () => {
    server = await startAdminServer({ kind: "serve", routes: { config_dump: '{"hello": 1}' } });
    const r = await fetchConfigDump(base(server.url), {}, opts);
    assert.ok(!r.ok);
    assert.match(r.reason, /: not an Envoy config dump \(no "configs" list\)/);
  });

  it("reads clusters?format=json", async () => {
    server = await startAdminServer({ kind: "serve", routes: { clusters: '{"cluster_statuses": []}' } });
    const r = await fetchClusterStatuses(base(server.url), opts);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { cluster_statuses: [] });
    assert.deepEqual(server.requests, ["/clusters?format=json"]);
  });
});
