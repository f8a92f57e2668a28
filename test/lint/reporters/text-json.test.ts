import assert from "node:assert/strict";
import { RULES } from "../../../src/lint/registry.js";
import { jsonReporter } from "../../../src/lint/reporters/json.js";
import { textReporter } from "../../../src/lint/reporters/text.js";
import { lintPaths } from "../../helpers/lint.js";
import { step } from "../../helpers/walkthrough.js";

describe("lint reporters: text and json", () => {
  const findings = lintPaths([step("02-virtualservice")]);

  it("text is istioctl analyze's line format with file:line", () => {
    assert.equal(
      textReporter(findings, { rules: RULES, version: "0" }),
      `Error [IST0101] (VirtualService istioinaction/webapp-vs-from-gw ${step("02-virtualservice")}/istioinaction/coolstore-vs.yaml:14) Referenced host not found: "webapp"\n`,
    );
  });

  it("json has istioctl's keys plus rule, path, file, line and column, tab-indented", () => {
    const text = jsonReporter(findings, { rules: RULES, version: "0" });
    assert.ok(text.includes('\n\t{\n\t\t"code": "IST0101"'));
    const [item] = JSON.parse(text);
    assert.deepEqual(Object.keys(item), [
      "code",
      "documentationUrl",
      "level",
      "message",
      "origin",
      "reference",
      "rule",
      "name",
      "path",
      "file",
      "line",
      "column",
    ]);
    assert.equal(item.origin, "VirtualService istioinaction/webapp-vs-from-gw");
    assert.equal(item.documentationUrl, "https://istio.io/latest/docs/reference/config/analysis/ist0101/");
    assert.equal(item.column, 9);
  });
});
