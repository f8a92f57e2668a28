import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Validator } from "@cfworker/json-schema";
import { RULES } from "../../../src/lint/registry.js";
import { artifactUri, sarifReporter } from "../../../src/lint/reporters/sarif.js";
import { lintPaths } from "../../helpers/lint.js";
import { FIXTURES } from "../../helpers/walkthrough.js";

/**
 * The SARIF 2.1.0 JSON schema (rtm.5, the schema of the OASIS standard) as shipped by
 * Microsoft's @microsoft/jest-sarif; validated with @cfworker/json-schema (draft-04).
 */
const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));

function validate(doc: unknown): string[] {
  const result = new Validator(schema, "4", false).validate(doc);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

describe("lint reporter: sarif", () => {
  const findings = lintPaths([
    `${FIXTURES}/upstream/istio-analyze-testdata/analyzers/virtualservice_destinationhosts.yaml`,
  ]);
  const text = sarifReporter(findings, { rules: RULES, version: "0.1.0" });
  const log = JSON.parse(text);

  it("validates against the SARIF 2.1.0 schema", () => {
    assert.ok(findings.length > 5);
    assert.deepEqual(validate(log), []);
  });

  it("an empty run validates too", () => {
    assert.deepEqual(validate(JSON.parse(sarifReporter([], { rules: RULES, version: "0.1.0" }))), []);
  });

  it("places each result at the file, line and column of the field, with the code as rule id", () => {
    const run = log.runs[0];
    assert.equal(log.version, "2.1.0");
    assert.equal(run.tool.driver.name, "gwctl");
    assert.equal(run.results.length, findings.length);
    const first = findings[0];
    const r = run.results[0];
    assert.equal(r.ruleId, first?.code);
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.deepEqual(r.locations[0].physicalLocation.region, {
      startLine: first?.location.line,
      startColumn: first?.location.column,
    });
    assert.match(
      r.locations[0].physicalLocation.artifactLocation.uri,
      /virtualservice_destinationhosts\.yaml$/,
    );
    const ids = run.tool.driver.rules.map((d: { id: string }) => d.id);
    assert.equal(new Set(ids).size, ids.length, "one descriptor per code");
  });

  it("keeps relative paths relative and makes absolute paths file URIs", () => {
    assert.equal(artifactUri("./manifests/my gw.yaml"), "manifests/my%20gw.yaml");
    assert.equal(artifactUri("/repo/gw.yaml"), "file:///repo/gw.yaml");
  });
});
