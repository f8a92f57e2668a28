import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { run } from "../helpers/cli.js";
import { step } from "../helpers/walkthrough.js";

/**
 * The walkthrough's Secrets carry real private keys (tls.key). No output of any view, in
 * any format, may contain a byte of them: neither the base64 of the Secret, nor the PEM
 * lines, nor the base64 of the PEM that Envoy's inline_bytes would use.
 */
function keyFragments(secretFile: string): string[] {
  const doc = parse(readFileSync(secretFile, "utf8")) as { data: Record<string, string> };
  const b64 = doc.data["tls.key"] as string;
  const pem = Buffer.from(b64, "base64").toString("utf8");
  const pemLines = pem.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"));
  const inline = Buffer.from(pem).toString("base64");
  // Fragments of 24 characters anywhere in each encoding are enough to catch a leak.
  const chunks = (s: string) =>
    [0, 1, 2, 3].map((i) => s.slice(i * 24 + 40, i * 24 + 64)).filter((x) => x.length === 24);
  return [...chunks(b64), ...pemLines.slice(0, 3), ...chunks(inline)];
}

describe("private keys never reach the output", () => {
  const secretFile = join(step("07-mtls"), "istio-system", "webapp-credential-mtls.yaml");
  const fragments = keyFragments(secretFile);
  const views: [string, string][] = [
    ["secrets", "short"],
    ["secrets", "json"],
    ["secrets", "yaml"],
    ["all", "short"],
    ["all", "json"],
    ["all", "yaml"],
    ["listeners", "json"],
  ];
  for (const [view, output] of views) {
    it(`${view} -o ${output}`, async () => {
      const r = await run(["proxy-config", view, "-f", step("07-mtls"), "-o", output]);
      assert.equal(r.code, 0, r.stderr);
      for (const f of fragments)
        assert.ok(
          !r.stdout.includes(f) && !r.stderr.includes(f),
          `key material leaked in ${view} -o ${output}`,
        );
      if (view !== "listeners")
        assert.ok(r.stdout.includes("webapp-credential-mtls"), "the secret itself is shown");
    });
  }
});
