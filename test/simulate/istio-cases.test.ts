import assert from "node:assert/strict";
import { join } from "node:path";
import { newestLine } from "../../src/profiles/profiles.js";
import type { CurlOptions } from "../../src/simulate/request.js";
import type { IstioSimulationError, SimulationResult } from "../../src/simulate/result.js";
import { simulateCall } from "../helpers/simulate.js";
import { FIXTURES } from "../helpers/walkthrough.js";

/**
 * Every call of shared/reference/istio-simulation-cases.md (Istio's gateway simulation
 * tests), run through `simulate` on the config gwctl simulates from the same manifests
 * (fixtures/istio-simulation, one file per scenario). Expected values are the document's,
 * call by call; a field the document leaves out is not compared, unless the call is a
 * StrictMatch one, where an absent field must be absent.
 *
 * Harness rules (§A.1): no domain suffix (`--domain-suffix ""`), manifests default to namespace
 * `default`, the gateway proxy is the pod in harness.yaml (IP 1.1.1.1) and the calls name the
 * listener port itself (8080, not 80): the ServiceEntries are its only service targets.
 *
 * Where Istio's simulator and Envoy differ, gwctl follows Envoy and the calls still give the
 * documented result:
 *  - Istio's simulator ignores header matches; none of these cases has one, so Envoy's
 *    evaluation of headers changes nothing here.
 *  - Istio's simulator does not look at credentials; Envoy cannot terminate TLS without the
 *    SDS secret, so harness.yaml adds the Secrets the cases name (test, sds-credential).
 *  - Istio's simulator takes the route config's vhost even with no routes and says "no route
 *    matched"; Envoy answers that with 404, which is what gwctl reports, with the same error.
 * Not run: S25 and S29 have no calls; S30 (C45–C49) uses Kubernetes Ingress, not a gwctl input.
 */

interface Call {
  readonly port: number;
  readonly protocol: "http" | "http2" | "tcp";
  readonly tls?: boolean;
  readonly host?: string;
  readonly path?: string;
}

interface Expected {
  readonly error?: IstioSimulationError;
  readonly listener?: string;
  readonly routeConfig?: string;
  readonly virtualHost?: string;
  readonly route?: string;
  readonly cluster?: string;
}

interface Case {
  readonly id: string;
  readonly scenario: string;
  readonly call: Call;
  readonly expect: Expected;
  readonly strict?: boolean;
}

const ADDRESS = "1.3.3.7"; // the harness's default call address (§A.2)

function run(scenario: string, call: Call): SimulationResult {
  const dir = join(FIXTURES, "istio-simulation");
  const scheme = call.protocol === "tcp" ? (call.tls ? "tls" : "tcp") : call.tls ? "https" : "http";
  const url = `${scheme}://${ADDRESS}:${call.port}${call.protocol === "tcp" ? "" : (call.path ?? "/")}`;
  const options: CurlOptions = {
    ...(call.protocol !== "tcp" && call.host && { headers: [`Host: ${call.host}`] }),
    // With TLS the harness sends the Host as SNI, and ALPN http/1.1 for "http", h2 for "http2".
    ...(call.tls && call.host && { sni: call.host }),
    ...(call.tls && call.protocol === "http" && { http1: true }),
    ...(call.tls && { insecure: true }),
  };
  return simulateCall(
    {
      paths: [join(dir, "harness.yaml"), join(dir, `${scenario}.yaml`)],
      // The expected results come from istiod at master (the cases' commit), so the newest line;
      // the harness's proxy version (1.23) is not what decides them (S26–S28 need ≥1.30).
      line: newestLine(),
      workload: "pod/istio-ingressgateway.istio-system",
      domainSuffix: "",
      now: new Date("2030-01-01T00:00:00Z"),
    },
    url,
    options,
  );
}

const http = (port: number, host: string, path?: string): Call => ({
  port,
  protocol: "http",
  host,
  ...(path && { path }),
});

// biome-ignore format: one row per documented call reads like the document's tables
const CASES: Case[] = [
  { id: "C01", scenario: "s01-disable-port-translation-target-first", call: http(8080, "example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C02", scenario: "s01-disable-port-translation-target-first", call: http(8081, "example.com"), expect: { listener: "0.0.0.0_8081", routeConfig: "http.8081", virtualHost: "example.com:8081", cluster: "outbound|80||a.default" } },
  { id: "C03", scenario: "s02-disable-port-translation-service-first", call: http(8080, "example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C04", scenario: "s02-disable-port-translation-service-first", call: http(8081, "example.com"), expect: { listener: "0.0.0.0_8081", routeConfig: "http.8081", virtualHost: "example.com:8081", cluster: "outbound|80||a.default" } },
  { id: "C05", scenario: "s03-http-no-virtual-services", call: http(80, "foo.bar"), expect: { error: "no route matched", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "blackhole:80" } },
  { id: "C06", scenario: "s03-http-no-virtual-services", call: http(81, "foo.bar"), expect: { error: "no listener matched" } },
  { id: "C07", scenario: "s04-simple-http-and-virtual-service", call: http(80, "foo.bar", "/"), expect: { error: "no route matched", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "foo.bar:80" } },
  { id: "C08", scenario: "s04-simple-http-and-virtual-service", call: http(80, "bad.bar"), expect: { error: "no virtual host matched", listener: "0.0.0.0_80", routeConfig: "http.80" } },
  { id: "C09", scenario: "s04-simple-http-and-virtual-service", call: http(80, "foo.bar", "/productpage"), expect: { listener: "0.0.0.0_80", virtualHost: "foo.bar:80", cluster: "outbound|9080||productpage.default" } },
  { id: "C10", scenario: "s05-virtual-service-merging-wildcard", call: http(80, "a.example.com"), expect: { cluster: "outbound|80||a.default" } },
  { id: "C11", scenario: "s05-virtual-service-merging-wildcard", call: http(80, "b.example.com"), expect: { cluster: "outbound|80||b.default" } },
  { id: "C12", scenario: "s05-virtual-service-merging-wildcard", call: http(80, "c.example.com"), expect: { error: "no virtual host matched" } },
  { id: "C13", scenario: "s06-https-redirect-no-routes", call: http(80, "example.com"), strict: true, expect: { error: "tls required, sending 301", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "example.com:80" } },
  { id: "C14", scenario: "s07-https-redirect-with-routes", call: http(80, "example.com"), strict: true, expect: { error: "tls required, sending 301", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "example.com:80" } },
  { id: "C15", scenario: "s08-mixed-https-redirect", call: http(80, "example.com"), strict: true, expect: { error: "tls required, sending 301", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "example.com:80" } },
  { id: "C16", scenario: "s09-https-redirect-on-https-server", call: { ...http(443, "example.com"), tls: true }, strict: true, expect: { listener: "0.0.0.0_443", routeConfig: "https.443.https.gateway.default", virtualHost: "example.com:443", cluster: "outbound|443||b.default" } },
  { id: "C17", scenario: "s10-gateway-conflict-tcp-alpha", call: { port: 80, protocol: "tcp" }, expect: { error: "no listener matched" } },
  { id: "C18", scenario: "s11-gateway-conflict-tcp-zeta", call: { port: 80, protocol: "tcp" }, expect: { listener: "0.0.0.0_80", cluster: "outbound|9080||productpage.default" } },
  { id: "C19", scenario: "s12-duplicate-tls-gateway", call: { ...http(443, "foo.bar"), tls: true }, expect: { error: "multiple filter chains matched" } },
  { id: "C20", scenario: "s13-duplicate-tls-passthrough-virtual-service", call: { ...http(443, "mysite.example.com"), tls: true }, expect: { listener: "0.0.0.0_443", cluster: "outbound|443||mysite.default.svc.cluster.local" } },
  { id: "C21", scenario: "s14-multiple-protocols-tcp-first", call: { port: 80, protocol: "tcp" }, expect: { error: "no listener matched" } },
  { id: "C22", scenario: "s15-multiple-protocols-http-first", call: http(80, "foo.bar"), expect: { error: "no route matched", listener: "0.0.0.0_80", routeConfig: "http.80", virtualHost: "blackhole:80" } },
  { id: "C23", scenario: "s16-namespace-scoped-wildcard-hosts", call: http(80, "ns-1.example.com"), expect: { listener: "0.0.0.0_80", routeConfig: "http.80", cluster: "outbound|80||echo.ns-1" } },
  { id: "C24", scenario: "s16-namespace-scoped-wildcard-hosts", call: http(80, "ns-2.example.com"), expect: { listener: "0.0.0.0_80", routeConfig: "http.80", cluster: "outbound|80||echo.ns-2" } },
  { id: "C25", scenario: "s17-overlapping-virtual-service-hosts", call: http(80, "foo.example.com", "/1"), expect: { listener: "0.0.0.0_80", routeConfig: "http.80", cluster: "outbound|80||echo-foobar.default" } },
  { id: "C26", scenario: "s17-overlapping-virtual-service-hosts", call: http(80, "foo.example.com", "/foo"), expect: { cluster: "outbound|80||echo-foo.default" } },
  { id: "C27", scenario: "s17-overlapping-virtual-service-hosts", call: http(80, "bar.example.com", "/bar"), expect: { cluster: "outbound|80||echo-bar.default" } },
  { id: "C28", scenario: "s18-service-reference-target-port", call: http(8080, "example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C29", scenario: "s19-service-reference-two-services", call: http(8080, "example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C30", scenario: "s19-service-reference-two-services", call: http(8081, "example.com"), expect: { listener: "0.0.0.0_8081", routeConfig: "http.8081", virtualHost: "example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C31", scenario: "s20-service-reference-unmatched-port", call: http(8080, "80.example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "80.example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C32", scenario: "s20-service-reference-unmatched-port", call: http(82, "81.example.com"), expect: { error: "no listener matched" } },
  { id: "C33", scenario: "s21-service-reference-other-namespace", call: http(80, "80.example.com"), expect: { error: "no listener matched" } },
  { id: "C34", scenario: "s22-service-reference-multiple-services", call: http(8080, "80.example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "80.example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C35", scenario: "s22-service-reference-multiple-services", call: http(8081, "81.example.com"), expect: { listener: "0.0.0.0_8081", routeConfig: "http.8081", virtualHost: "81.example.com:81", cluster: "outbound|80||a.default" } },
  { id: "C36", scenario: "s22-service-reference-multiple-services", call: http(82, "81.example.com"), expect: { error: "no listener matched" } },
  { id: "C37", scenario: "s23-service-reference-shared-target-port", call: http(8080, "80.example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "80.example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C38", scenario: "s23-service-reference-shared-target-port", call: http(8080, "81.example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "81.example.com:81", cluster: "outbound|80||a.default" } },
  { id: "C39", scenario: "s24-selector-and-service-unmatched-port", call: http(8080, "80.example.com"), expect: { listener: "0.0.0.0_8080", routeConfig: "http.8080", virtualHost: "80.example.com:80", cluster: "outbound|80||a.default" } },
  { id: "C40", scenario: "s24-selector-and-service-unmatched-port", call: http(82, "82.example.com"), expect: { listener: "0.0.0.0_82", routeConfig: "http.82", virtualHost: "82.example.com:82", cluster: "outbound|80||a.default" } },
  { id: "C41", scenario: "s26-tls-route-terminate", call: { port: 443, protocol: "tcp", tls: true, host: "example.com" }, expect: { listener: "0.0.0.0_443", cluster: "outbound|8080||backend.default.svc.cluster.local" } },
  { id: "C42", scenario: "s27-tls-route-passthrough", call: { port: 443, protocol: "tcp", tls: true, host: "example.com" }, expect: { listener: "0.0.0.0_443", cluster: "outbound|8080||backend.default.svc.cluster.local" } },
  { id: "C43", scenario: "s28-tls-route-mixed", call: { port: 443, protocol: "tcp", tls: true, host: "terminate.example.com" }, expect: { listener: "0.0.0.0_443", cluster: "outbound|8080||backend-terminate.default.svc.cluster.local" } },
  { id: "C44", scenario: "s28-tls-route-mixed", call: { port: 443, protocol: "tcp", tls: true, host: "passthrough.example.com" }, expect: { listener: "0.0.0.0_443", cluster: "outbound|443||backend-passthrough.default.svc.cluster.local" } },
];

function actual(r: SimulationResult): Expected {
  return {
    ...(r.outcome.istioError && { error: r.outcome.istioError }),
    ...(r.listener && { listener: r.listener }),
    ...(r.routeConfig && { routeConfig: r.routeConfig }),
    ...(r.virtualHost && { virtualHost: r.virtualHost }),
    ...(r.route && { route: r.route }),
    ...(r.cluster && { cluster: r.cluster }),
  };
}

describe("simulate: Istio's gateway simulation cases", () => {
  for (const c of CASES) {
    it(`${c.id} ${c.scenario}`, () => {
      const got = actual(run(c.scenario, c.call));
      if (c.strict) {
        assert.deepEqual(got, c.expect);
        return;
      }
      // The error is always compared; other fields only when the document gives them.
      assert.equal(got.error, c.expect.error, "error");
      for (const k of ["listener", "routeConfig", "virtualHost", "route", "cluster"] as const) {
        if (c.expect[k] !== undefined) assert.equal(got[k], c.expect[k], k);
      }
    });
  }
});
