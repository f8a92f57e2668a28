import assert from "node:assert/strict";
import { check } from "../../helpers/lint.js";

const MESH_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings-mesh, namespace: default}
spec:
  hosts: [ratings]
  http: [{route: [{destination: {host: ratings, subset: v1}}]}]
`;
const gwVs = (dest: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings-edge, namespace: default}
spec:
  hosts: ["ratings.example.com"]
  gateways: [edge]
  http: [{route: [{destination: ${dest}}]}]
`;

describe("rule vs-ingress-subset-no-effect (IST0140)", () => {
  it("reports a gateway route without subset to a host another VirtualService splits into subsets", () => {
    assert.deepEqual(check("vs-ingress-subset-no-effect", `${MESH_VS}---\n${gwVs("{host: ratings}")}`), [
      "IST0140 VirtualService default/ratings-edge",
    ]);
  });
  it("passes when the gateway route names the subset", () => {
    assert.deepEqual(
      check("vs-ingress-subset-no-effect", `${MESH_VS}---\n${gwVs("{host: ratings, subset: v1}")}`),
      [],
    );
  });
});
