import assert from "node:assert/strict";
import { RULES } from "../../../src/lint/registry.js";
import { githubReporter } from "../../../src/lint/reporters/github.js";
import type { Finding } from "../../../src/lint/types.js";

const finding = (over: Partial<Finding>): Finding => ({
  code: "IST0101",
  rule: "vs-gateway-not-found",
  name: "ReferencedResourceNotFound",
  severity: "Error",
  message: 'Referenced gateway not found: "bogus"',
  resource: {
    kind: "VirtualService",
    apiVersion: "networking.istio.io/v1",
    namespace: "default",
    name: "web",
  },
  path: "spec.gateways[0]",
  location: { file: "manifests/web.yaml", line: 7, column: 5 },
  ...over,
});

describe("lint reporter: github", () => {
  it("writes one workflow annotation per finding with file, line and column", () => {
    const out = githubReporter(
      [finding({}), finding({ severity: "Warning" }), finding({ severity: "Info" })],
      {
        rules: RULES,
        version: "0",
      },
    );
    const lines = out.trimEnd().split("\n");
    assert.equal(
      lines[0],
      '::error file=manifests/web.yaml,line=7,col=5,title=IST0101 ReferencedResourceNotFound::Referenced gateway not found: "bogus" (VirtualService default/web, spec.gateways[0])',
    );
    assert.match(lines[1] ?? "", /^::warning file=/);
    assert.match(lines[2] ?? "", /^::notice file=/);
  });

  it("escapes property and message separators", () => {
    const out = githubReporter(
      [finding({ message: "a%b\nc", location: { file: "a,b:c.yaml", line: 1, column: 1 } })],
      {
        rules: RULES,
        version: "0",
      },
    );
    assert.match(
      out,
      /^::error file=a%2Cb%3Ac\.yaml,line=1,col=1,title=IST0101 ReferencedResourceNotFound::a%25b%0Ac /,
    );
  });
});
