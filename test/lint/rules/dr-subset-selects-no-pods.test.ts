import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const BASE = `apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {selector: {app: httpbin}, ports: [{name: http, port: 8000}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: httpbin-v1, namespace: default}
spec:
  selector: {matchLabels: {app: httpbin, version: v1}}
  template:
    metadata: {labels: {app: httpbin, version: v1}}
    spec: {containers: [{name: httpbin, image: httpbin}]}
`;
const dr = (version: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin, namespace: default}
spec:
  host: httpbin
  subsets: [{name: sub, labels: {version: ${version}}}]
`;

describe("rule dr-subset-selects-no-pods (IST0173)", () => {
  it("reports a subset whose labels match none of the host's pods", () => {
    const f = findingsOf("dr-subset-selects-no-pods", `${BASE}---\n${dr("v3")}`);
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          "The Subset sub defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).",
          "spec.subsets[0].name",
        ],
      ],
    );
  });
  it("passes when a Deployment's pod template carries the labels", () => {
    assert.deepEqual(check("dr-subset-selects-no-pods", `${BASE}---\n${dr("v1")}`), []);
  });
});
