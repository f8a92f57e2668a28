import assert from "node:assert/strict";
import { findingsOf } from "../../helpers/lint.js";

const dr = (lb: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings, namespace: default}
spec:
  host: ratings.default.svc.cluster.local
  trafficPolicy:
    loadBalancer: ${lb}
`;

describe("rule crd-schema (IST0106)", () => {
  it("reports enum, type, bound and one-of violations of the CRD schema", () => {
    assert.deepEqual(
      findingsOf("crd-schema", dr("{simple: FASTEST}")).map((f) => f.message),
      [
        'Schema validation error: spec.trafficPolicy.loadBalancer.simple: Unsupported value: "FASTEST": supported values: "UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST"',
      ],
    );
    const warm = findingsOf("crd-schema", dr('{warmup: {duration: 10s, minimumPercent: "lots"}}'));
    assert.match(
      warm[0]?.message ?? "",
      /warmup\.minimumPercent: Invalid value: "lots": must be of type number/,
    );
    const both = findingsOf("crd-schema", dr("{simple: RANDOM, consistentHash: {useSourceIp: true}}"));
    assert.match(both[0]?.message ?? "", /only one of simple, consistentHash may be set/);
  });
  it("evaluates the hand-ported CEL rules", () => {
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: default}
spec:
  hosts: ["ext.example.com"]
  ports: [{number: 80, name: http, protocol: HTTP}, {number: 80, name: http2, protocol: HTTP}]
`;
    const messages = findingsOf("crd-schema", se).map((f) => f.message);
    assert.ok(
      messages.some((m) => m.endsWith("port number cannot be duplicated")),
      messages.join("\n"),
    );
    const wild = findingsOf(
      "crd-schema",
      `${dr("{simple: RANDOM}")}  workloadSelector: {matchLabels: {"app*": web}}\n`,
    );
    assert.deepEqual(
      wild.map((f) => f.message),
      [
        'Schema validation error: spec.workloadSelector.matchLabels: Invalid value: "object": wildcard not allowed in label key match',
      ],
    );
  });
  it("passes a DestinationRule that fits the schema", () => {
    assert.deepEqual(findingsOf("crd-schema", dr("{simple: LEAST_REQUEST}")), []);
  });
});
