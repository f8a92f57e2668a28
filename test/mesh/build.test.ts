import assert from "node:assert/strict";
import { parseFiles } from "../../src/manifests/load.js";
import { buildMesh } from "../../src/mesh/build.js";
import { endpointKey } from "../../src/mesh/model.js";
import { parseWorkloadRef, resolveGatewayProxy } from "../../src/mesh/workloads.js";

function mesh(text: string, domainSuffix = "cluster.local") {
  const loaded = parseFiles([{ path: "m.yaml", text }], { defaultNamespace: "default" });
  return buildMesh(loaded.objects, { domainSuffix });
}

describe("mesh: building the model", () => {
  it("keeps the later of two definitions of one object, and says where both are", () => {
    const svc = (port: number) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{name: http, port: ${port}}]\n`;
    const r = mesh(`${svc(80)}---\n${svc(81)}`);
    assert.deepEqual(
      r.mesh.services.map((s) => s.ports[0]?.port),
      [81],
    );
    assert.match(r.warnings[0]?.message ?? "", /also defined at m\.yaml:1; using this later definition/);
  });

  it("rejects a Service port that is not a number, with its field", () => {
    const r = mesh(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{name: http, port: eighty}]\n",
    );
    assert.equal(r.mesh.services.length, 0);
    assert.equal(r.errors[0]?.field, "spec.ports[0].port");
    assert.equal(r.errors[0]?.line, 5);
  });

  it("rejects empty (null) list elements with their field: a Service port, a VirtualService host", () => {
    const r = mesh(
      [
        "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  -\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec:\n  hosts: [a.example.com, null]\n",
      ].join("---\n"),
    );
    assert.equal(r.mesh.services.length, 0);
    assert.equal(r.mesh.virtualServices.length, 0);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.message]),
      [
        ["spec.ports[0]", "Service default/a: must not be empty (null)"],
        ["spec.hosts[1]", "VirtualService default/v: must not be empty (null)"],
      ],
    );
  });

  it("checks a DestinationRule's traffic policy against the CRD's types, port-level settings too", () => {
    const r = mesh(
      [
        "apiVersion: networking.istio.io/v1",
        "kind: DestinationRule",
        "metadata: {name: d}",
        "spec:",
        "  host: a",
        "  trafficPolicy:",
        "    loadBalancer: {warmupDurationSecs: {}}",
        "    portLevelSettings:",
        "    - port: {number: 80}",
        "      loadBalancer: {simple: 5}",
        "  subsets:",
        "  - name: v1",
        "    trafficPolicy: {connectionPool: {tcp: {maxConnections: many}}}",
      ].join("\n"),
    );
    assert.equal(r.mesh.destinationRules.length, 0);
    assert.deepEqual(
      r.errors.map((e) => e.field),
      [
        "spec.trafficPolicy.loadBalancer.warmupDurationSecs",
        "spec.trafficPolicy.portLevelSettings[0].loadBalancer.simple",
        "spec.subsets[0].trafficPolicy.connectionPool.tcp.maxConnections",
      ],
    );
  });

  it("rejects a VirtualService tls route without a match, with istiod's message", () => {
    const r = mesh(
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec:\n  hosts: [a.example.com]\n  tls:\n  - route: [{destination: {host: a}}]\n",
    );
    assert.equal(r.mesh.virtualServices.length, 0);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.line]),
      [["spec.tls[0].match", 7]],
    );
    assert.match(r.errors[0]?.message ?? "", /TLS route must have at least one match condition/);
  });

  it("checks corsPolicy and fault against the CRD's types", () => {
    const r = mesh(
      [
        "apiVersion: networking.istio.io/v1",
        "kind: VirtualService",
        "metadata: {name: v}",
        "spec:",
        "  hosts: [a.example.com]",
        "  http:",
        "  - route: [{destination: {host: a}}]",
        "    corsPolicy: {allowOrigins: {exact: x}}",
        "    fault: {abort: {httpStatus: teapot}}",
      ].join("\n"),
    );
    assert.equal(r.mesh.virtualServices.length, 0);
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ["spec.http[0].fault.abort.httpStatus", "spec.http[0].corsPolicy.allowOrigins"],
    );
  });

  it("derives protocols from appProtocol, then the port name", () => {
    const r = mesh(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - {name: grpc-api, port: 1}\n  - {name: web, port: 2, appProtocol: http2}\n  - {name: db, port: 3}\n  - {name: dns, port: 4, protocol: UDP}\n",
    );
    assert.deepEqual(
      r.mesh.services[0]?.ports.map((p) => p.protocol),
      ["GRPC", "HTTP2", "Unsupported", "UDP"],
    );
  });

  it("reads Secrets the way Istio does: cert/key first, then tls.crt/tls.key; CA from cacert or ca.crt; never keeps the key", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const r = mesh(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: istio-system}\ntype: Opaque\ndata:\n  tls.crt: ${b64("TLSCRT")}\n  tls.key: ${b64("TLSKEY")}\n  cert: ${b64("CERT")}\n  key: ${b64("KEY")}\n  ca.crt: ${b64("CA")}\n`,
    );
    const s = r.mesh.secrets[0];
    assert.equal(s?.cert, "CERT");
    assert.equal(s?.ca, "CA");
    assert.equal(s?.hasKey, true);
    assert.ok(s?.keyError, "an unparsable key is reported, not kept");
    assert.doesNotMatch(JSON.stringify({ ...s, meta: undefined }), /KEY/);
  });

  it("joins EndpointSlices to pods, and maps selector-only Services from their running pods", () => {
    const r = mesh(
      [
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: web-port}]",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web, security.istio.io/tlsMode: istio}}\nspec:\n  serviceAccountName: web\n  containers: [{name: c, ports: [{name: web-port, containerPort: 8081}]}]\nstatus: {podIP: 10.0.0.9, phase: Running}",
      ].join("\n---\n"),
    );
    const eps = r.mesh.endpoints.get(endpointKey("default", "web.default.svc.cluster.local"));
    assert.deepEqual(
      eps?.map((e) => [e.address, e.port, e.servicePortName, e.tlsMode, e.serviceAccount]),
      [["10.0.0.9", 8081, "http", "istio", "web"]],
    );
  });

  it("matches the whole selector, in the Service's namespace only, keeping pod order", () => {
    const pod = (name: string, ns: string, labels: string, ip: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}\nspec: {containers: [{name: c}]}\nstatus: {podIP: ${ip}, phase: Running}`;
    const r = mesh(
      [
        "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}\nspec:\n  selector: {app: api, tier: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]",
        pod("p3", "a", "app: api, tier: web", "10.0.0.3"),
        pod("p1", "a", "app: api, tier: web, extra: x", "10.0.0.1"),
        pod("other-ns", "b", "app: api, tier: web", "10.0.0.2"),
        pod("half", "a", "app: api, tier: db", "10.0.0.4"),
        pod("p2", "a", "tier: web, app: api", "10.0.0.5"),
      ].join("\n---\n"),
    );
    const eps = r.mesh.endpoints.get(endpointKey("a", "api.a.svc.cluster.local"));
    assert.deepEqual(
      eps?.map((e) => e.address),
      ["10.0.0.3", "10.0.0.1", "10.0.0.5"],
    );
  });

  it("drops slice endpoints whose targetRef names a pod that is not there, with a warning", () => {
    const r = mesh(
      "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s, labels: {kubernetes.io/service-name: web}}\nports: [{name: http, port: 80}]\nendpoints:\n- addresses: [10.1.1.1]\n  targetRef: {kind: Pod, name: gone}\n",
    );
    assert.equal(
      r.mesh.endpoints.get(endpointKey("default", "web.default.svc.cluster.local"))?.length ?? 0,
      0,
    );
    assert.match(r.warnings[0]?.message ?? "", /names a Pod that is not in the input for 10\.1\.1\.1/);
  });

  it("names services without a domain suffix as istio's test harness does", () => {
    const r = mesh(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{name: http, port: 80}]}\n",
      "",
    );
    assert.equal(r.mesh.services[0]?.hostname, "a.default");
  });
});

describe("mesh: gateway workloads", () => {
  it("parses istioctl's workload names", () => {
    assert.deepEqual(parseWorkloadRef("deploy/gw.ns1", "default"), {
      kind: "deployment",
      name: "gw",
      namespace: "ns1",
    });
    assert.deepEqual(parseWorkloadRef("gw-pod-1", "team"), { name: "gw-pod-1", namespace: "team" });
    assert.match(
      (parseWorkloadRef("svc/x", "d") as { error: string }).error,
      /unsupported workload type "svc"/,
    );
  });

  it("falls back to the default-profile gateway with its Service when the manifests have none", () => {
    const r = mesh("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
    const resolved = resolveGatewayProxy(
      r.mesh,
      { name: "istio-ingressgateway", namespace: "istio-system" },
      true,
    );
    assert.ok(!("error" in resolved));
    assert.equal(resolved.proxy.origin, "default");
    assert.deepEqual(
      resolved.proxy.serviceTargets.map((t) => [t.port.port, t.targetPort]),
      [
        [15021, 15021],
        [80, 8080],
        [443, 8443],
      ],
    );
    assert.equal(resolved.proxy.unprivileged, true);
  });
});
