import assert from "node:assert/strict";
import { join } from "node:path";
import { cert, clientCert, curl, curlPaths } from "../helpers/simulate.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/**
 * How requests fail, and what gwctl tells the user to change. The configurations are the
 * walkthrough's steps, plus fixtures/simulate/broken-chain.yaml for breakages the walkthrough
 * never hit. Expected statuses are Envoy's: 404 without a virtual host or route, 503 "NC"
 * for a cluster that does not exist and "UH" for one without endpoints.
 */

const BROKEN = [step("03-services"), join(FIXTURES, "simulate", "broken-chain.yaml")];

describe("simulate: failures and what to change", () => {
  it("a port that is not a nodePort or port of the gateway Service is refused", () => {
    const r = curl("03-services", "http://webapp.istioinaction.io:30001/");
    assert.equal(r.outcome.ok, false);
    assert.equal(r.outcome.istioError, "no listener matched");
    assert.match(
      r.outcome.client ?? "",
      /Failed to connect to webapp\.istioinaction\.io port 30001: Connection refused/,
    );
    assert.match(r.outcome.fix?.[0] ?? "", /80→8080 \(nodePort 30000\)/);
  });

  it("a Service port whose targetPort has no listener is refused, naming the listeners", () => {
    // 08-tcp: NodePort 30006 → 31400 has a listener; in step 03 it has none (no TCP Gateway yet).
    const r = curl("03-services", "tcp://localhost:30006");
    assert.equal(r.outcome.ok, false);
    assert.match(r.outcome.summary, /no listener on port 31400/);
    assert.equal(r.outcome.client, "telnet: Unable to connect to remote host: Connection refused");
  });

  it("a Gateway host without a VirtualService answers 404 from the blackhole virtual host (step 01)", () => {
    const r = curl("01-gateway-http", "http://webapp.istioinaction.io:30000/");
    assert.equal(r.outcome.status, 404);
    assert.equal(r.virtualHost, "blackhole:80");
    assert.equal(r.outcome.istioError, "no route matched");
    assert.match(r.outcome.fix?.[0] ?? "", /bind a VirtualService with host webapp\.istioinaction\.io/);
  });

  it("an unknown host answers 404 and lists the hosts the route configuration serves", () => {
    const r = curlPaths(BROKEN, "http://nohost.istioinaction.io:30000/");
    assert.equal(r.outcome.status, 404);
    assert.equal(r.outcome.istioError, "no virtual host matched");
    assert.match(r.outcome.fix?.[0] ?? "", /webapp\.istioinaction\.io/);
  });

  it("a subset no DestinationRule defines answers 503 and names the subsets that exist", () => {
    const r = curlPaths(BROKEN, "http://subset.istioinaction.io:30000/");
    assert.equal(r.outcome.status, 503);
    assert.equal(r.cluster, "outbound|80|v2|webapp.istioinaction.svc.cluster.local");
    assert.match(r.outcome.summary, /\(NC\)/);
    assert.match(r.outcome.fix?.[0] ?? "", /define subset "v2" in a DestinationRule .*\(it defines: v1\)/);
  });

  it("a Service without endpoints answers 503 no healthy upstream", () => {
    const r = curlPaths(BROKEN, "http://empty.istioinaction.io:30000/");
    assert.equal(r.outcome.status, 503);
    assert.match(r.outcome.summary, /\(UH\).*has no endpoints/);
    assert.match(r.outcome.client ?? "", /no healthy upstream/);
  });

  it("routes on headers: without the header the request misses, with it it matches", () => {
    const miss = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/api/items");
    assert.equal(miss.outcome.status, 404);
    assert.ok(miss.outcome.fix?.some((f) => /#0 prefix \/api .*header x-canary is absent/.test(f)));
    const hit = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/api/items", {
      headers: ["x-canary: true"],
    });
    assert.equal(hit.cluster, "outbound|80||catalog.istioinaction.svc.cluster.local");
    assert.equal(hit.route, "canary");
  });

  it("routes on a full-match regex; a prefix rewrite then replaces the whole path", () => {
    const r = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/v2/items?q=1");
    assert.equal(r.route, "versioned");
    // For a regex route the "matched prefix" is the entire path (RegexRouteEntryImpl), so
    // rewrite.uri "/" replaces all of it and keeps the query.
    assert.deepEqual(r.upstreamRequest, { authority: "rules.istioinaction.io:30000", path: "/?q=1" });
    const no = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/v2");
    assert.equal(no.outcome.status, 404);
  });

  it("redirects with the VirtualService's authority and uri, keeping the port out", () => {
    const r = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/old?x=1");
    assert.equal(r.outcome.kind, "redirect");
    assert.equal(r.outcome.status, 301);
    assert.equal(r.outcome.location, "http://new.istioinaction.io/new?x=1");
    assert.equal(r.outcome.ok, true);
  });

  it("answers direct responses, case-insensitively matched; a 4xx is a failure", () => {
    const r = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/TeaPot");
    assert.equal(r.outcome.status, 418);
    assert.equal(r.outcome.body, "short and stout");
    assert.equal(r.outcome.ok, false);
  });

  it("splits weighted traffic, and reports the share that fails", () => {
    const r = curlPaths(BROKEN, "http://rules.istioinaction.io:30000/split");
    assert.deepEqual(
      r.upstreams?.map((u) => [u.cluster, u.weight]),
      [["outbound|80|v1|webapp.istioinaction.svc.cluster.local", 90]],
    );
    // The 10% share goes to a subset nothing defines: those requests get 503.
    assert.ok(r.notes.some((n) => /^10% of requests fail: 503 .*outbound\|80\|canary\|catalog/.test(n)));
    // Random value 0 takes the first 90%; the subset v1 selects the webapp pod.
    assert.equal(r.cluster, "outbound|80|v1|webapp.istioinaction.svc.cluster.local");
    assert.equal(r.outcome.ok, true);
  });

  it("plain HTTP to the HTTPS port gets an empty reply", () => {
    const r = curl("04-tls-simple", "http://webapp.istioinaction.io:30005/");
    assert.equal(r.outcome.ok, false);
    assert.equal(r.outcome.client, "curl: (52) Empty reply from server");
  });

  it("HTTPS to the plain HTTP port fails with wrong version number", () => {
    const r = curl("04-tls-simple", "https://webapp.istioinaction.io:30000/");
    assert.equal(r.outcome.istioError, "protocol error");
    assert.match(r.outcome.client ?? "", /wrong version number/);
  });

  it("an HTTP request to a TCP port passes through unchanged", () => {
    const r = curl("08-tcp", "http://localhost:30006/");
    assert.equal(r.outcome.ok, true);
    assert.ok(r.notes.some((n) => /without HTTP routing/.test(n)));
  });

  it("a missing credential Secret resets the handshake (the SDS secret stays warming)", () => {
    const r = curlPaths(
      [
        join(step("04-tls-simple"), "istioinaction"),
        join(step("04-tls-simple"), "istio-system", "ingressgateway.yaml"),
      ],
      "https://webapp.istioinaction.io:30005/",
    );
    assert.equal(r.outcome.ok, false);
    assert.match(r.outcome.summary, /SDS secret kubernetes:\/\/webapp-credential is still warming/);
    assert.match(r.outcome.client ?? "", /SSL_ERROR_SYSCALL/);
  });

  it("a client key that does not belong to the certificate stops curl itself", () => {
    const mixed = { ...clientCert("webapp"), keyPem: cert("catalog/client/key.pem") } as NonNullable<
      ReturnType<typeof clientCert>
    >;
    const r = curl("07-mtls", "https://webapp.istioinaction.io:30005/", { clientCert: mixed });
    assert.equal(r.outcome.client, "curl: (58) unable to set private key file");
  });

  it("an expired client certificate is refused by the gateway", () => {
    const r = curl(
      "07-mtls",
      "https://webapp.istioinaction.io:30005/",
      { clientCert: clientCert("webapp") },
      undefined,
      new Date("2042-01-01T00:00:00Z"),
    );
    assert.equal(r.outcome.ok, false);
    assert.match(r.outcome.client ?? "", /certificate expired/);
  });
});
