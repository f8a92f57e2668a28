import assert from "node:assert/strict";
import { check, findingsOf } from "../../helpers/lint.js";

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
`;
const vs = (subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: default}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: ${subset}}}]}]
`;

describe("rule vs-subset-not-found (IST0101)", () => {
  it("reports a subset no DestinationRule defines", () => {
    const f = findingsOf("vs-subset-not-found", `${DR}---\n${vs("bogus")}`);
    assert.deepEqual(
      f.map((x) => [x.message, x.path]),
      [
        [
          'Referenced host+subset in destinationrule not found: "reviews+bogus"',
          "spec.http[0].route[0].destination.subset",
        ],
      ],
    );
  });
  it("passes for a defined subset", () => {
    assert.deepEqual(check("vs-subset-not-found", `${DR}---\n${vs("v1")}`), []);
  });
});
