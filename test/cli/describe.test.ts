import assert from "node:assert/strict";
import { join } from "node:path";
import { gwctl } from "../helpers/cli.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/**
 * `gwctl describe`: golden trees for the walkthrough's hosts. The lines are gwctl's layout;
 * every fact in them comes from the walkthrough, as the comment above each line says:
 * "README" is shared/seed/README.md, "post" shared/seed/original-post.txt, "fixture"
 * the step's manifests (which restate the post's YAML).
 */

const GATEWAY = "istio-system/istio-ingressgateway-996bc6bb6-lxxpq"; // fixture: the gateway pod of the post's istiod log

// The webapp chain on the HTTP server, as in steps 03, 06 and 07.
function webappHttp(prefix: string, last: boolean): string[] {
  const p = `${prefix}${last ? "    " : "│   "}`;
  return [
    // post: Gateway coolstore-gateway, server port 80 name http, host webapp.istioinaction.io
    `${prefix}${last ? "└── " : "├── "}Gateway istioinaction/coolstore-gateway server http (HTTP 80; hosts webapp.istioinaction.io)`,
    // README: NodePort 30000 → port 80 → container 8080 (the Service port is named http2)
    `${p}├── Service istio-system/istio-ingressgateway port 80 (http2) → targetPort 8080, nodePort 30000`,
    // README (01): listener 0.0.0.0 8080 ALL Route: http.8080
    `${p}├── listener 0.0.0.0_8080, filter chain #0, route config http.8080`,
    // README (02): vhost webapp.istioinaction.io:80 with the one route prefix /
    `${p}├── virtual host webapp.istioinaction.io:80 (exact domain webapp.istioinaction.io), 1 route(s)`,
    ...webappVs(p),
  ];
}

function webappVs(p: string): string[] {
  return [
    // post: VirtualService webapp-vs-from-gw, hosts webapp.istioinaction.io, one http route, no match
    `${p}└── VirtualService istioinaction/webapp-vs-from-gw (hosts webapp.istioinaction.io)`,
    `${p}    └── http[0]: any request`,
    // README (02): cluster outbound|80||webapp.istioinaction.svc.cluster.local
    `${p}        └── destination webapp:80 → cluster outbound|80||webapp.istioinaction.svc.cluster.local`,
    // README (03): DESTINATION RULE column empty
    `${p}            ├── DestinationRule: none`,
    // README (03): webapp 80→8080; fixture: selector app=webapp
    `${p}            └── Service istioinaction/webapp port 80 (http) → targetPort 8080, selector app=webapp`,
    // README (03): endpoint 10.10.0.12:8080 HEALTHY; post: pod webapp-7685bcb84-dskkc 10.10.0.12
    `${p}                └── pod istioinaction/webapp-7685bcb84-dskkc 10.10.0.12:8080 HEALTHY`,
  ];
}

describe("cli: gwctl describe", () => {
  it("host webapp.istioinaction.io in step 03: Gateway → VirtualService → Service → pod", async () => {
    const r = await gwctl(["describe", "host", "webapp.istioinaction.io", "-f", step("03-services")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [`Host webapp.istioinaction.io on gateway ${GATEWAY}`, ...webappHttp("", true), ""].join("\n"),
    );
  });

  it("host webapp.istioinaction.io in step 07: the MUTUAL server with its certificate and client CA", async () => {
    const r = await gwctl(["describe", "host", "webapp.istioinaction.io", "-f", step("07-mtls")]);
    assert.equal(r.code, 0, r.stderr);
    const https = "    ";
    assert.equal(
      r.stdout,
      [
        `Host webapp.istioinaction.io on gateway ${GATEWAY}`,
        ...webappHttp("", false),
        // README (07): 443 in MUTUAL mode with webapp-credential-mtls
        "└── Gateway istioinaction/coolstore-gateway server https (HTTPS 443, MUTUAL; hosts webapp.istioinaction.io)",
        // README: 30005 → 443 → 8443
        `${https}├── Service istio-system/istio-ingressgateway port 443 (https) → targetPort 8443, nodePort 30005`,
        // README (04): route https.443.https.coolstore-gateway.istioinaction on listener 8443
        `${https}├── listener 0.0.0.0_8443, filter chain #0, route config https.443.https.coolstore-gateway.istioinaction`,
        `${https}├── virtual host webapp.istioinaction.io:443 (exact domain webapp.istioinaction.io), 1 route(s)`,
        // README (07): secret kubernetes://webapp-credential-mtls; certs: CN webapp.istioinaction.io, not after 2041-06-29
        `${https}├── certificate kubernetes://webapp-credential-mtls (Secret istio-system/webapp-credential-mtls): CN=webapp.istioinaction.io, valid until 2041-06-29, covers webapp.istioinaction.io`,
        // README (07): the generic Secret carries ca.crt, served as kubernetes://webapp-credential-mtls-cacert
        `${https}├── client certificates required (MUTUAL), trusted CA from ca.crt of Secret istio-system/webapp-credential-mtls`,
        ...webappVs(https),
        "",
      ].join("\n"),
    );
  });

  it("host catalog.istioinaction.io in step 05: its own SNI chain and certificate", async () => {
    const r = await gwctl(["describe", "host", "catalog.istioinaction.io", "-f", step("05-tls-multi-host")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `Host catalog.istioinaction.io on gateway ${GATEWAY}`,
        // post: server https-catalog, SIMPLE, catalog-credential
        "└── Gateway istioinaction/coolstore-gateway server https-catalog (HTTPS 443, SIMPLE; hosts catalog.istioinaction.io)",
        "    ├── Service istio-system/istio-ingressgateway port 443 (https) → targetPort 8443, nodePort 30005",
        // README (05): the second SNI chain, route https.443.https-catalog.coolstore-gateway.istioinaction
        "    ├── listener 0.0.0.0_8443, filter chain #1, route config https.443.https-catalog.coolstore-gateway.istioinaction",
        "    ├── virtual host catalog.istioinaction.io:443 (exact domain catalog.istioinaction.io), 1 route(s)",
        // post: "subject: …CN=catalog.istioinaction.io", "expire date: Jun 29 13:30:38 2041 GMT"
        "    ├── certificate kubernetes://catalog-credential (Secret istio-system/catalog-credential): CN=catalog.istioinaction.io, valid until 2041-06-29, covers catalog.istioinaction.io",
        // post: VirtualService catalog-vs-from-gw → catalog:80
        "    └── VirtualService istioinaction/catalog-vs-from-gw (hosts catalog.istioinaction.io)",
        "        └── http[0]: any request",
        // README (03): outbound|80||catalog.istioinaction.svc.cluster.local
        "            └── destination catalog:80 → cluster outbound|80||catalog.istioinaction.svc.cluster.local",
        "                ├── DestinationRule: none",
        // README (03): catalog 80→3000
        "                └── Service istioinaction/catalog port 80 (http) → targetPort 3000, selector app=catalog",
        // README (03): 10.10.0.13:3000 HEALTHY; post: catalog-6cf4b97d-54dgd
        "                    └── pod istioinaction/catalog-6cf4b97d-54dgd 10.10.0.13:3000 HEALTHY",
        "",
      ].join("\n"),
    );
  });

  it("gateway echo-tcp-gateway in step 08: the TCP chain to the echo pod", async () => {
    const r = await gwctl(["describe", "gateway", "istioinaction/echo-tcp-gateway", "-f", step("08-tcp")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `Gateway istioinaction/echo-tcp-gateway (selector istio=ingressgateway) on gateway ${GATEWAY}`,
        // post: server port 31400 name tcp-echo protocol TCP, hosts "*"
        "└── server tcp-echo (TCP 31400; hosts *)",
        "    └── host *",
        // post: {"name":"tcp","nodePort":30006,"port":31400,"protocol":"TCP","targetPort":31400}
        "        ├── Service istio-system/istio-ingressgateway port 31400 (tcp) → targetPort 31400, nodePort 30006",
        // README (08): listener 0.0.0.0 31400 Cluster: outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local
        "        ├── listener 0.0.0.0_31400, filter chain #0: tcp_proxy to outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local",
        // post: VirtualService tcp-echo-vs-from-gw, tcp match port 31400 → tcp-echo-service:2701
        "        └── VirtualService istioinaction/tcp-echo-vs-from-gw (hosts *)",
        "            └── tcp[0]: port 31400",
        "                └── destination tcp-echo-service:2701 → cluster outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local",
        "                    ├── DestinationRule: none",
        // post: Service tcp-echo-service 2701 → 2701, selector app: tcp-echo
        "                    └── Service istioinaction/tcp-echo-service port 2701 → targetPort 2701, selector app=tcp-echo",
        // README (08): the echo pod 10.10.0.15:2701; post: tcp-echo-deployment-584f6d6d6b-tvpzr
        "                        └── pod istioinaction/tcp-echo-deployment-584f6d6d6b-tvpzr 10.10.0.15:2701 HEALTHY",
        "",
      ].join("\n"),
    );
  });

  it("warns where the chain breaks: no VirtualService yet (step 01), exit 1", async () => {
    const r = await gwctl(["describe", "host", "webapp.istioinaction.io", "-f", step("01-gateway-http")]);
    assert.equal(r.code, 1);
    // README (01): http.8080 has only the blackhole vhost "*" → 404
    assert.match(
      r.stdout,
      /├── virtual host blackhole:80 has no routes for webapp\.istioinaction\.io: requests get 404\n/,
    );
    assert.match(
      r.stdout,
      /└── ! no VirtualService binds webapp\.istioinaction\.io to Gateway istioinaction\/coolstore-gateway/,
    );
    assert.match(r.stdout, /\n1 warning\n$/);
  });

  it("warns about an unbound host (catalog before step 05)", async () => {
    const r = await gwctl(["describe", "host", "catalog.istioinaction.io", "-f", step("04-tls-simple")]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /! no Gateway server of .* serves catalog\.istioinaction\.io: the host is not bound \(served: webapp\.istioinaction\.io\)/,
    );
  });

  it("warns about a missing credential Secret", async () => {
    const r = await gwctl([
      "describe",
      "host",
      "webapp.istioinaction.io",
      "-f",
      join(step("04-tls-simple"), "istioinaction"),
      "-f",
      join(step("04-tls-simple"), "istio-system", "ingressgateway.yaml"),
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /! certificate kubernetes:\/\/webapp-credential: no Secret istio-system\/webapp-credential/,
    );
  });

  it("warns about a missing subset and a Service without endpoints", async () => {
    const paths = ["-f", step("03-services"), "-f", join(FIXTURES, "simulate", "broken-chain.yaml")];
    const subset = await gwctl(["describe", "host", "subset.istioinaction.io", ...paths]);
    assert.equal(subset.code, 1);
    assert.match(
      subset.stdout,
      /! subset v2 is not defined in DestinationRule istioinaction\/webapp-dr \(it defines: v1\): requests get 503/,
    );
    const empty = await gwctl(["describe", "host", "empty.istioinaction.io", ...paths]);
    assert.equal(empty.code, 1);
    assert.match(empty.stdout, /! no ready endpoints: requests get 503 \(no healthy upstream\)/);
  });

  it("warns about VirtualServices bound to a Gateway that does not exist", async () => {
    const r = await gwctl([
      "describe",
      "host",
      "webapp.istioinaction.io",
      "-f",
      join(step("02-virtualservice"), "istioinaction", "coolstore-vs.yaml"),
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /! VirtualService istioinaction\/webapp-vs-from-gw binds webapp\.istioinaction\.io to Gateway istioinaction\/coolstore-gateway, which does not exist/,
    );
  });

  it("prints JSON with -o json, and colours only on a terminal", async () => {
    const json = await gwctl([
      "describe",
      "host",
      "webapp.istioinaction.io",
      "-f",
      step("01-gateway-http"),
      "-o",
      "json",
    ]);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.warnings.length, 1);
    assert.equal(
      parsed.tree.children[0].label,
      "Gateway istioinaction/coolstore-gateway server http (HTTP 80; hosts webapp.istioinaction.io)",
    );
    const tty = await gwctl(["describe", "host", "webapp.istioinaction.io", "-f", step("01-gateway-http")], {
      tty: true,
    });
    assert.ok(tty.stdout.includes("\u001b["), "colours on a TTY");
    const noColor = await gwctl(
      ["--no-color", "describe", "host", "webapp.istioinaction.io", "-f", step("01-gateway-http")],
      { tty: true },
    );
    assert.ok(!noColor.stdout.includes("\u001b["), "no colours with --no-color");
  });

  it("exits 2 on bad input", async () => {
    const cases: [string[], RegExp][] = [
      [["describe", "host", "webapp.istioinaction.io"], /describe needs the manifests/],
      [["describe", "host", "not a host", "-f", step("03-services")], /bad host "not a host"/],
      [
        ["describe", "gateway", "nope", "-f", step("03-services")],
        /no Gateway default\/nope in the manifests \(there are: istioinaction\/coolstore-gateway\)/,
      ],
      [
        ["describe", "host", "a.b", "-f", step("03-services"), "--gateway", "pod/nope.istio-system"],
        /pod istio-system\/nope is not in the manifests/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await gwctl(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, re);
    }
  });
});
