import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import { DEFAULT_MESH_CONFIG } from "../../src/mesh/operator.js";
import type { GatewayProxy } from "../../src/mesh/workloads.js";
import { hcmTracing } from "../../src/xds/tracing.js";
import { profile, readFixture } from "../helpers/walkthrough.js";

const proxy = {
  name: "istio-ingressgateway-5d8f7c-abcde",
  namespace: "istio-system",
  labels: { app: "istio-ingressgateway", istio: "ingressgateway" },
} as unknown as GatewayProxy;

const tagNames = (t: JsonObject | undefined): string[] =>
  ((t?.custom_tags as JsonObject[] | undefined) ?? []).map((x) => x.tag as string);

describe("HCM tracing (mesh-config fallback, tracing.go)", () => {
  it("matches the tag set and order of a captured 1.21 config dump", () => {
    // fixtures/captured/README.md: the tracing block of an istio 1.21 config dump.
    const captured = JSON.parse(readFixture("captured", "hcm-tracing-1.21.json")) as JsonObject;
    const ours = hcmTracing(proxy, DEFAULT_MESH_CONFIG, profile("1.21"));
    assert.deepEqual(tagNames(ours), tagNames(captured));
    // Same shape: the dry-run tags are identical, literals differ only in value.
    assert.deepEqual(
      ((ours?.custom_tags ?? []) as JsonObject[]).slice(0, 4),
      (captured.custom_tags as JsonObject[]).slice(0, 4),
    );
    assert.deepEqual(Object.keys(ours ?? {}), Object.keys(captured));
  });

  it("has no istio.cluster_id tag before 1.21", () => {
    assert.ok(
      !tagNames(hcmTracing(proxy, DEFAULT_MESH_CONFIG, profile("1.20"))).includes("istio.cluster_id"),
    );
  });

  it("samples PILOT_TRACE_SAMPLING (1%) unless defaultConfig.tracing.sampling is set", () => {
    const p = profile("1.31");
    assert.deepEqual(hcmTracing(proxy, DEFAULT_MESH_CONFIG, p)?.random_sampling, { value: 1 });
    const fifty = hcmTracing(proxy, { ...DEFAULT_MESH_CONFIG, traceSampling: 50 }, p);
    assert.deepEqual(fifty?.random_sampling, { value: 50 });
    const tooMuch = hcmTracing(proxy, { ...DEFAULT_MESH_CONFIG, traceSampling: 150 }, p);
    assert.deepEqual(tooMuch?.random_sampling, { value: 1 });
  });

  it("takes canonical service from the app label and mesh ID from the trust domain", () => {
    const t = hcmTracing(proxy, { ...DEFAULT_MESH_CONFIG, trustDomain: "corp.example" }, profile("1.31"));
    const lit = (n: string) =>
      ((((t?.custom_tags ?? []) as JsonObject[]).find((x) => x.tag === n)?.literal ?? {}) as JsonObject)
        .value;
    assert.equal(lit("istio.canonical_service"), "istio-ingressgateway");
    assert.equal(lit("istio.canonical_revision"), "latest");
    assert.equal(lit("istio.mesh_id"), "corp.example");
    assert.equal(lit("istio.namespace"), "istio-system");
  });

  it("is absent when enableTracing is false", () => {
    assert.equal(
      hcmTracing(proxy, { ...DEFAULT_MESH_CONFIG, enableTracing: false }, profile("1.31")),
      undefined,
    );
  });
});
