import assert from "node:assert/strict";
import type { SimulationResult } from "../../src/simulate/result.js";
import { cert, clientCert, curl } from "../helpers/simulate.js";

/**
 * Every request the walkthrough makes through the gateway (shared/seed/original-post.txt,
 * summarised in shared/seed/README.md), simulated with the result the walkthrough saw.
 * Each expected value says where it comes from: "post" is a line of original-post.txt,
 * "README" a cell of the seed README's table, "fixture" the step's manifests.
 *
 * Not simulated: `kubectl exec netshoot -- curl http://webapp.istioinaction/...` goes
 * pod-to-pod inside the mesh, not through the ingress gateway.
 */

function hopNamed(r: SimulationResult, kind: string): string | undefined {
  return r.hops.find((h) => h.kind === kind)?.resource;
}

function endpoint(r: SimulationResult): string[] {
  return (r.upstreams ?? []).flatMap((u) =>
    u.endpoints.map((e) => `${e.address}:${e.port} ${e.pod ?? ""}`.trim()),
  );
}

describe("simulate: the walkthrough's requests", () => {
  it("03: curl http://webapp.istioinaction.io:30000/api/catalog reaches the webapp pod", () => {
    const r = curl("03-services", "http://webapp.istioinaction.io:30000/api/catalog");
    // post: "< HTTP/1.1 200 OK" (proxied; the 200 is the webapp's answer)
    assert.equal(r.outcome.ok, true);
    assert.equal(r.outcome.kind, "proxied");
    // post: "> Host: webapp.istioinaction.io:30000"
    assert.equal(r.request.authority, "webapp.istioinaction.io:30000");
    // README: NodePort 30000 → port 80 → container 8080; listener 0.0.0.0 8080 Route: http.8080
    assert.match(r.hops[0]?.detail ?? "", /nodePort 30000 → .*port http2 80 .*→ targetPort 8080/);
    assert.equal(r.listener, "0.0.0.0_8080");
    assert.equal(r.routeConfig, "http.8080");
    // post (routes -o json): vhost webapp.istioinaction.io:80 → outbound|80||webapp.istioinaction.svc.cluster.local
    assert.equal(r.virtualHost, "webapp.istioinaction.io:80");
    assert.equal(r.cluster, "outbound|80||webapp.istioinaction.svc.cluster.local");
    // post: metadata istio.config …/virtual-service/webapp-vs-from-gw
    assert.equal(
      r.hops.find((h) => h.kind === "route")?.from,
      "VirtualService istioinaction/webapp-vs-from-gw",
    );
    // README: endpoint 10.10.0.12:8080 HEALTHY; post (kubectl get pod): webapp-7685bcb84-dskkc 10.10.0.12
    assert.deepEqual(endpoint(r), ["10.10.0.12:8080 istioinaction/webapp-7685bcb84-dskkc"]);
    assert.equal(r.upstreams?.[0]?.endpoints[0]?.health, "HEALTHY");
  });

  it("04: https://localhost:30005 with only a Host: header fails the handshake (SNI localhost)", () => {
    const r = curl("04-tls-simple", "https://localhost:30005/api/catalog", {
      headers: ["Host: webapp.istioinaction.io"],
    });
    assert.equal(r.outcome.ok, false);
    // README: "its SNI is localhost and no filter chain matches it"
    assert.equal(r.request.sni, "localhost");
    assert.equal(r.listener, "0.0.0.0_8443");
    assert.equal(r.outcome.istioError, "no filter chains matched");
    assert.match(r.outcome.summary, /no filter chain of 0\.0\.0\.0_8443 accepts SNI "localhost"/);
    // post: "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to localhost:30005"
    assert.equal(
      r.outcome.client,
      "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to localhost:30005",
    );
    // README: listener 8443 has a chain for SNI webapp.istioinaction.io; the fix names it
    assert.ok(r.outcome.fix?.some((f) => f.includes("webapp.istioinaction.io")));
    assert.ok(r.outcome.fix?.some((f) => /Host: header does not change it/.test(f)));
  });

  it("04: https://webapp.istioinaction.io:30005 with the CA chain returns 200 over h2", () => {
    const r = curl("04-tls-simple", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("webapp/ca-chain.cert.pem"),
    });
    assert.equal(r.outcome.ok, true);
    // post: "ALPN: server accepted h2", "SSL certificate verify ok", "common name: webapp.istioinaction.io (matched)"
    const tls = r.hops.find((h) => h.kind === "tls")?.detail ?? "";
    assert.match(tls, /ALPN h2/);
    assert.match(tls, /curl verifies it with --cacert/);
    assert.match(
      tls,
      /kubernetes:\/\/webapp-credential \(CN=webapp\.istioinaction\.io, valid until 2041-06-29\)/,
    );
    // post: "* [HTTP/2] [1] [:authority: webapp.istioinaction.io:30005]"
    assert.match(
      r.hops.find((h) => h.kind === "connection-manager")?.detail ?? "",
      /^HTTP\/2 GET \/api\/catalog, :authority webapp\.istioinaction\.io:30005/,
    );
    // README: route https.443.https.coolstore-gateway.istioinaction
    assert.equal(r.routeConfig, "https.443.https.coolstore-gateway.istioinaction");
    assert.equal(
      r.hops.find((h) => h.kind === "filter-chain")?.from,
      "Gateway istioinaction/coolstore-gateway server https (HTTPS 443)",
    );
    assert.equal(r.cluster, "outbound|80||webapp.istioinaction.svc.cluster.local");
    assert.deepEqual(endpoint(r), ["10.10.0.12:8080 istioinaction/webapp-7685bcb84-dskkc"]);
  });

  it("05: https://catalog.istioinaction.io:30005/items reaches catalog through its own SNI chain", () => {
    const r = curl("05-tls-multi-host", "https://catalog.istioinaction.io:30005/items", {
      caBundle: cert("catalog/ca-chain.cert.pem"),
    });
    assert.equal(r.outcome.ok, true);
    // README: one listener 8443 with two SNI chains, each with its own certificate and route
    assert.equal(hopNamed(r, "filter-chain"), "0.0.0.0_8443#1");
    assert.match(
      r.hops.find((h) => h.kind === "tls")?.detail ?? "",
      /kubernetes:\/\/catalog-credential \(CN=catalog\.istioinaction\.io/,
    );
    assert.equal(r.routeConfig, "https.443.https-catalog.coolstore-gateway.istioinaction");
    assert.equal(r.cluster, "outbound|80||catalog.istioinaction.svc.cluster.local");
    // README (03): endpoint 10.10.0.13:3000; post: catalog-6cf4b97d-54dgd 10.10.0.13
    assert.deepEqual(endpoint(r), ["10.10.0.13:3000 istioinaction/catalog-6cf4b97d-54dgd"]);
  });

  it("05: the webapp certificate does not verify with the catalog CA (curl exit 60)", () => {
    const r = curl("05-tls-multi-host", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("catalog/ca-chain.cert.pem"),
    });
    assert.equal(r.outcome.ok, false);
    assert.equal(
      r.outcome.client,
      "curl: (60) SSL certificate problem: unable to get local issuer certificate",
    );
  });

  it("06: http://webapp.istioinaction.io:30000/api/catalog answers 301 with the exact Location", () => {
    const r = curl("06-https-redirect", "http://webapp.istioinaction.io:30000/api/catalog");
    // post: "< HTTP/1.1 301 Moved Permanently" and "< location: https://webapp.istioinaction.io:30000/api/catalog"
    assert.equal(r.outcome.ok, true);
    assert.equal(r.outcome.kind, "redirect");
    assert.equal(r.outcome.status, 301);
    assert.equal(r.outcome.location, "https://webapp.istioinaction.io:30000/api/catalog");
    // README: "(the vhost requires TLS)"
    assert.equal(r.outcome.istioError, "tls required, sending 301");
    assert.equal(r.virtualHost, "webapp.istioinaction.io:80");
    assert.equal(r.cluster, undefined);
  });

  it("07: MUTUAL without a client certificate ends with the alert certificate required", () => {
    const r = curl("07-mtls", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("webapp/ca-chain.cert.pem"),
    });
    assert.equal(r.outcome.ok, false);
    // post: "error:0A00045C:SSL routines::tlsv13 alert certificate required" (curl: (56))
    assert.match(
      r.outcome.client ?? "",
      /^curl: \(56\) .*error:0A00045C:SSL routines::tlsv13 alert certificate required$/,
    );
    assert.match(r.outcome.summary, /requires a client certificate/);
    assert.equal(r.outcome.istioError, "invalid mTLS");
    // README: validated by kubernetes://webapp-credential-mtls-cacert
    assert.ok(r.outcome.fix?.some((f) => f.includes("kubernetes://webapp-credential-mtls-cacert")));
  });

  it("07: MUTUAL with the client certificate returns 200", () => {
    const r = curl("07-mtls", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("webapp/ca-chain.cert.pem"),
      clientCert: clientCert("webapp"),
    });
    // README: "with certs/webapp/client it returns 200"
    assert.equal(r.outcome.ok, true);
    assert.match(
      r.hops.find((h) => h.kind === "tls")?.detail ?? "",
      /client certificate CN=webapp\.istioinaction\.io accepted \(CA from kubernetes:\/\/webapp-credential-mtls-cacert\)/,
    );
    assert.equal(r.cluster, "outbound|80||webapp.istioinaction.svc.cluster.local");
  });

  it("07: a client certificate from another CA is refused (unknown ca)", () => {
    const r = curl("07-mtls", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("webapp/ca-chain.cert.pem"),
      clientCert: clientCert("catalog"),
    });
    assert.equal(r.outcome.ok, false);
    assert.match(r.outcome.client ?? "", /tlsv1 alert unknown ca/);
  });

  it("08: a TCP connection to NodePort 30006 reaches the echo pod", () => {
    const r = curl("08-tcp", "tcp://localhost:30006");
    assert.equal(r.outcome.ok, true);
    // README: NodePort 30006 → 31400 → 31400; listener 0.0.0.0 31400 Cluster: outbound|2701||tcp-echo-service…
    assert.match(r.hops[0]?.detail ?? "", /nodePort 30006 → .*port tcp 31400 .*→ targetPort 31400/);
    assert.equal(r.listener, "0.0.0.0_31400");
    assert.equal(r.cluster, "outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local");
    // README: "reaches the echo pod 10.10.0.15:2701"; fixture: the pod is tcp-echo-deployment-584f6d6d6b-tvpzr
    assert.deepEqual(endpoint(r), ["10.10.0.15:2701 istioinaction/tcp-echo-deployment-584f6d6d6b-tvpzr"]);
  });

  it("09: telnet localhost 30007 reaches the echo pod through my-user-gateway", () => {
    const r = curl("09-my-user-gateway", "tcp://localhost:30007", {}, "my-user-gateway.istioinaction");
    assert.equal(r.outcome.ok, true);
    // README: service port 30007 → 31400; listener 0.0.0.0 31400 → outbound|2701||tcp-echo-service…
    assert.match(
      r.hops[0]?.detail ?? "",
      /port 30007 → Service istioinaction\/my-user-gateway port tcp 30007 → targetPort 31400/,
    );
    assert.equal(r.listener, "0.0.0.0_31400");
    assert.equal(r.cluster, "outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local");
    // post: "With IP address 10.10.0.15."
    assert.equal(r.upstreams?.[0]?.endpoints[0]?.address, "10.10.0.15");
  });

  it("10: the watch loop's https request still returns 200 with access logging on", () => {
    const r = curl("10-access-log", "https://webapp.istioinaction.io:30005/api/catalog", {
      caBundle: cert("webapp/ca-chain.cert.pem"),
    });
    assert.equal(r.outcome.ok, true);
    assert.equal(r.cluster, "outbound|80||webapp.istioinaction.svc.cluster.local");
  });
});
