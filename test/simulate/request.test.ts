import assert from "node:assert/strict";
import { buildRequest } from "../../src/simulate/request.js";

/** curl's defaults, applied to the request gwctl simulates. */

describe("simulate: requests with curl's habits", () => {
  it("sends the URL's host as SNI; a Host: header changes the authority only", () => {
    const r = buildRequest("https://localhost:30005/api/catalog", {
      headers: ["Host: webapp.istioinaction.io"],
    });
    assert.ok(r.ok);
    assert.equal(r.request.tls?.sni, "localhost");
    assert.equal(r.request.http?.authority, "webapp.istioinaction.io");
    assert.deepEqual(r.request.tls?.alpn, ["h2", "http/1.1"]);
  });

  it("puts a non-default port in the Host header, and none for the default", () => {
    const a = buildRequest("http://webapp.istioinaction.io:30000/api/catalog");
    const b = buildRequest("http://webapp.istioinaction.io/x");
    assert.ok(a.ok && b.ok);
    assert.equal(a.request.http?.authority, "webapp.istioinaction.io:30000");
    assert.equal(b.request.http?.authority, "webapp.istioinaction.io");
    assert.equal(b.request.port, 80);
  });

  it("reads a URL without a scheme as http, and keeps the query", () => {
    const r = buildRequest("localhost:30000/a/../b?x=1");
    assert.ok(r.ok);
    assert.equal(r.request.scheme, "http");
    assert.equal(r.request.http?.path, "/b?x=1");
  });

  it("sends no SNI to an IP literal unless --sni is given, and honours --http1.1", () => {
    const r = buildRequest("https://10.0.0.1/", { http1: true });
    assert.ok(r.ok);
    assert.equal(r.request.tls?.sni, undefined);
    assert.deepEqual(r.request.tls?.alpn, ["http/1.1"]);
    const s = buildRequest("https://10.0.0.1/", { sni: "Example.com" });
    assert.ok(s.ok);
    assert.equal(s.request.tls?.sni, "example.com");
  });

  it("uses POST with -d, and the method given with -X", () => {
    const d = buildRequest("http://a/", { data: true });
    const x = buildRequest("http://a/", { method: "delete" });
    assert.ok(d.ok && x.ok);
    assert.equal(d.request.http?.method, "POST");
    assert.equal(x.request.http?.method, "DELETE");
  });

  it("rejects bad input: URLs, schemes, headers and flag combinations", () => {
    const bad: [string, Parameters<typeof buildRequest>[1], RegExp][] = [
      ["http://", {}, /bad URL/],
      ["ftp://a/", {}, /unsupported scheme ftp/],
      ["tcp://a", {}, /needs a port/],
      ["tcp://a:1/path", {}, /have no path/],
      ["http://a/", { headers: ["no colon"] }, /bad header/],
      ["tcp://a:1", { headers: ["X: y"] }, /-H apply to http/],
      ["http://a/", { sni: "a" }, /--sni apply to TLS/],
      ["https://a/", { http1: true, http2: true }, /exclude each other/],
      ["http://a/", { method: "GE T" }, /bad method/],
    ];
    for (const [url, o, re] of bad) {
      const r = buildRequest(url, o);
      assert.equal(r.ok, false, url);
      if (!r.ok) assert.match(r.error, re);
    }
  });
});
