import assert from "node:assert/strict";
import { join } from "node:path";
import { gwctl } from "../helpers/cli.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/** `gwctl simulate`: exit codes, output formats, and bad input. */

const certs = (p: string) => join(FIXTURES, "certs", p);

describe("cli: gwctl simulate", () => {
  it("exits 0 and prints the trace for a request that is proxied (walkthrough 03)", async () => {
    const r = await gwctl([
      "simulate",
      "http://webapp.istioinaction.io:30000/api/catalog",
      "-f",
      step("03-services"),
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^GET http:\/\/webapp\.istioinaction\.io:30000\/api\/catalog\n/);
    assert.match(r.stdout, / {2}listener {6}0\.0\.0\.0_8080: 1 filter chain\(s\)\n/);
    assert.match(r.stdout, /← VirtualService istioinaction\/webapp-vs-from-gw/);
    assert.match(
      r.stdout,
      /result: proxied to outbound\|80\|\|webapp\.istioinaction\.svc\.cluster\.local → 10\.10\.0\.12:8080 \(pod istioinaction\/webapp-7685bcb84-dskkc\)/,
    );
    // no colours when stdout is not a terminal
    assert.ok(!r.stdout.includes("\u001b["), "no ANSI escapes");
  });

  it("colours the result on a terminal, never with NO_COLOR", async () => {
    const args = ["simulate", "http://webapp.istioinaction.io:30000/api/catalog", "-f", step("03-services")];
    const tty = await gwctl(args, { tty: true });
    assert.ok(tty.stdout.includes("\u001b[32mresult: proxied"), "green result on a TTY");
    const off = await gwctl(args, { tty: true, env: { NO_COLOR: "1" } });
    assert.ok(!off.stdout.includes("\u001b["), "no colours with NO_COLOR");
  });

  it("exits 1 with the reason and the client's message when the request fails (walkthrough 04)", async () => {
    const r = await gwctl([
      "simulate",
      "https://localhost:30005/api/catalog",
      "-H",
      "Host: webapp.istioinaction.io",
      "-f",
      step("04-tls-simple"),
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /result: FAILED: the TLS handshake is reset: no filter chain of 0\.0\.0\.0_8443 accepts SNI "localhost"/,
    );
    assert.match(
      r.stdout,
      /the client sees: curl: \(35\) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to localhost:30005/,
    );
    assert.match(r.stdout, /to change:\n {4}- the listener accepts SNI webapp\.istioinaction\.io/);
  });

  it("exits 0 for the 301 of httpsRedirect, and prints JSON with -o json (walkthrough 06)", async () => {
    const r = await gwctl([
      "simulate",
      "http://webapp.istioinaction.io:30000/api/catalog",
      "-f",
      step("06-https-redirect"),
      "-o",
      "json",
    ]);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.equal(json.outcome.status, 301);
    assert.equal(json.outcome.location, "https://webapp.istioinaction.io:30000/api/catalog");
    assert.equal(json.listener, "0.0.0.0_8080");
    assert.equal(json.hops[0].kind, "port");
  });

  it("reads --cert, --key and --cacert files (walkthrough 07)", async () => {
    const r = await gwctl([
      "simulate",
      "https://webapp.istioinaction.io:30005/api/catalog",
      "--cacert",
      certs("webapp/ca-chain.cert.pem"),
      "--cert",
      certs("webapp/client/cert.pem"),
      "--key",
      certs("webapp/client/key.pem"),
      "-f",
      step("07-mtls"),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /client certificate CN=webapp\.istioinaction\.io accepted/);
    // key material never reaches the output
    assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE KEY/);
  });

  it("simulates the second gateway with --gateway (walkthrough 09)", async () => {
    const r = await gwctl([
      "simulate",
      "tcp://localhost:30007",
      "--gateway",
      "my-user-gateway.istioinaction",
      "-f",
      step("09-my-user-gateway"),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /10\.10\.0\.15:2701/);
  });

  it("works on a saved dump, where the port is the listener port", async () => {
    const dumped = await gwctl(["proxy-config", "all", "-f", step("03-services"), "-o", "json"]);
    const r = await gwctl(["simulate", "http://webapp.istioinaction.io:8080/", "--dump", "-"], {
      stdin: dumped.stdout,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /no manifests \(-f\): the client's port is taken as the Envoy listener port/);
    // without -f the endpoint is named by Istio's workload metadata, not the pod
    assert.match(r.stdout, /10\.10\.0\.12:8080 HEALTHY/);
  });

  it("with --dump and -f, maps ports through the Service and names pods from the manifests", async () => {
    const dumped = await gwctl(["proxy-config", "all", "-f", step("03-services"), "-o", "json"]);
    const r = await gwctl(
      [
        "simulate",
        "http://webapp.istioinaction.io:30000/api/catalog",
        "--dump",
        "-",
        "-f",
        step("03-services"),
      ],
      { stdin: dumped.stdout },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /nodePort 30000 → Service istio-system\/istio-ingressgateway port http2 80 → targetPort 8080/,
    );
    assert.match(r.stdout, /pod istioinaction\/webapp-7685bcb84-dskkc/);
  });

  it("exits 2 on bad input, naming what is wrong", async () => {
    const cases: [string[], RegExp][] = [
      [["simulate", "http://", "-f", step("03-services")], /bad URL/],
      [["simulate", "tcp://a:1", "-X", "POST", "-f", step("03-services")], /-X apply to http/],
      [["simulate", "http://a/", "--sni", "a", "-f", step("03-services")], /--sni apply to TLS/],
      [
        ["simulate", "https://a/", "--cert", "/nonexistent.pem", "-f", step("03-services")],
        /--cert \/nonexistent\.pem: no such file/,
      ],
      [
        ["simulate", "https://a/", "--key", certs("webapp/client/key.pem"), "-f", step("03-services")],
        /--key needs --cert/,
      ],
      [["simulate", "http://a/"], /simulate needs manifests/],
      [["simulate", "http://a/", "--dump", "/nonexistent.json"], /no such file/],
      [
        ["simulate", "http://a/", "-f", step("03-services"), "--random", "x"],
        /--random <n>' argument 'x' is invalid\. "x" is not a non-negative integer/,
      ],
      [["simulate", "http://a/", "-f", step("03-services"), "-o", "yaml"], /Allowed choices are text, json/],
      [["simulate", "http://a/", "-f", step("03-services"), "--bogus"], /unknown option '--bogus'/],
      [["simulate", "-f", step("03-services")], /missing required argument 'url'/],
    ];
    for (const [args, re] of cases) {
      const r = await gwctl(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, re, args.join(" "));
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      assert.doesNotMatch(r.stderr, /internal error/, args.join(" "));
    }
  });
});
