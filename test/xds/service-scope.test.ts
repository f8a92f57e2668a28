import assert from "node:assert/strict";
import type { MeshService } from "../../src/mesh/model.js";
import { scopeServices } from "../../src/xds/service-scope.js";
import { profile } from "../helpers/walkthrough.js";

function svc(
  name: string,
  namespace: string,
  opts: { created?: number; exportTo?: string[]; kind?: "Service" | "ServiceEntry"; host?: string } = {},
): MeshService {
  return {
    hostname: opts.host ?? `${name}.${namespace}.svc.cluster.local`,
    name,
    namespace,
    ports: [],
    resolution: "ClientSideLB",
    meshExternal: false,
    exportTo: opts.exportTo ?? ["*"],
    labels: {},
    kind: opts.kind ?? "Service",
    meta: { name, namespace, labels: {}, annotations: {}, created: opts.created ?? 0 },
  } as MeshService;
}

const names = (s: MeshService[]): string[] => s.map((x) => `${x.name}/${x.namespace}`);

describe("scopeServices (the gateway's SidecarScope services)", () => {
  it("orders by creation time, then name and namespace (push_context.go@1.23.6)", () => {
    const got = scopeServices(
      [svc("b", "x", { created: 2 }), svc("a", "x", { created: 2 }), svc("a-b", "x"), svc("a", "y")],
      "istio-system",
      profile("1.31"),
    );
    assert.deepEqual(names(got), ["a/y", "a-b/x", "a/x", "b/x"]);
  });

  it("breaks ties on the string name.namespace up to 1.22 (push_context.go@1.22.8)", () => {
    const got = scopeServices([svc("a", "x"), svc("a-b", "x")], "istio-system", profile("1.22"));
    assert.deepEqual(names(got), ["a-b/x", "a/x"]);
    const newer = scopeServices([svc("a", "x"), svc("a-b", "x")], "istio-system", profile("1.23"));
    assert.deepEqual(names(newer), ["a/x", "a-b/x"]);
  });

  it("puts services exported to the namespace before public ones and hides the rest", () => {
    const got = scopeServices(
      [svc("a", "x"), svc("z", "istio-system", { exportTo: ["."] }), svc("hidden", "x", { exportTo: ["."] })],
      "istio-system",
      profile("1.31"),
    );
    assert.deepEqual(names(got), ["z/istio-system", "a/x"]);
  });

  it("keeps one service per host: the oldest, unless a Kubernetes Service claims it", () => {
    const se1 = svc("api.example.com", "one", { kind: "ServiceEntry", host: "api.example.com", created: 1 });
    const se2 = svc("api.example.com", "two", { kind: "ServiceEntry", host: "api.example.com", created: 2 });
    assert.deepEqual(names(scopeServices([se2, se1], "istio-system", profile("1.31"))), [
      "api.example.com/one",
    ]);
    const k8s = svc("api", "three", { host: "api.example.com", created: 3 });
    assert.deepEqual(names(scopeServices([se1, k8s], "istio-system", profile("1.31"))), ["api/three"]);
  });
});
