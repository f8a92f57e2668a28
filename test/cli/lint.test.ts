import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../helpers/cli.js";

/** The clock these tests were written against (certificates expire relative to it). */
const NOW = new Date("2026-01-15T00:00:00Z");
const runLint = (args: readonly string[], stdin = "", env: Record<string, string> = {}) =>
  run(args, { stdin, env, now: NOW });

import { FIXTURES, step } from "../helpers/walkthrough.js";

const CORPUS = join(FIXTURES, "upstream", "istio-analyze-testdata");
const FORMATS = ["text", "json", "sarif", "github"];

const VS_BAD_GATEWAY = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: default
ANNOTATIONS
spec:
  hosts: ["web.example.com"]
  gateways: [bogus]
  http: [{route: [{destination: {host: web}}]}]
`;
const vsText = (annotation = "") =>
  VS_BAD_GATEWAY.replace(
    "ANNOTATIONS",
    annotation ? `  annotations: {galley.istio.io/analyze-suppress: "${annotation}"}` : "",
  );

describe("gwctl lint (CLI)", () => {
  it("exits 0 on the walkthrough's TLS step (warnings only) and prints istioctl's lines", async () => {
    const r = await runLint(["lint", "-f", step("05-tls-multi-host")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Warning \[GW1204\] \(Gateway istioinaction\/coolstore-gateway .*coolstore-gw\.yaml:16\) /m,
    );
  });

  it("exits 1 when findings reach the failure threshold, in every format", async () => {
    for (const o of FORMATS) {
      const r = await runLint(["lint", "-f", "-", "-o", o], vsText());
      assert.equal(r.code, 1, `${o}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0, o);
    }
  });

  it("--failure-threshold and --output-threshold follow istioctl's levels", async () => {
    const warnOnly = await runLint([
      "lint",
      "-f",
      step("05-tls-multi-host"),
      "--failure-threshold",
      "warning",
    ]);
    assert.equal(warnOnly.code, 1);
    const quiet = await runLint(["lint", "-f", step("05-tls-multi-host"), "--output-threshold", "Error"]);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, "");
    const bad = await runLint(["lint", "-f", step("05-tls-multi-host"), "--failure-threshold", "fatal"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid level option "fatal"/);
  });

  it("--suppress CODE=Kind ns/name (with * and the legacy name.namespace form) suppresses findings", async () => {
    for (const s of [
      "IST0101=VirtualService default/web",
      "IST0101=VirtualService *",
      "IST0101=VirtualService web.default",
    ]) {
      const r = await runLint(["lint", "-f", "-", "--suppress", s, "--output-threshold", "Error"], vsText());
      assert.ok(!r.stdout.includes("IST0101"), s);
    }
    const other = await runLint(
      ["lint", "-f", "-", "--suppress", "IST0101=VirtualService other/web"],
      vsText(),
    );
    assert.match(other.stdout, /IST0101/);
    const invalid = await runLint(["lint", "-f", "-", "--suppress", "IST0101"], vsText());
    assert.equal(invalid.code, 2);
    const unknown = await runLint(["lint", "-f", "-", "--suppress", "IST9999=VirtualService *"], vsText());
    assert.match(unknown.stderr, /unknown message code/);
  });

  it("the galley.istio.io/analyze-suppress annotation suppresses findings on its resource", async () => {
    const plain = await runLint(["lint", "-f", "-", "-o", "json"], vsText());
    assert.ok(JSON.parse(plain.stdout).some((f: { code: string }) => f.code === "IST0101"));
    for (const a of ["IST0101", "IST0132, IST0101", "*"]) {
      const r = await runLint(["lint", "-f", "-", "-o", "json"], vsText(a));
      assert.ok(!JSON.parse(r.stdout).some((f: { code: string }) => f.code === "IST0101"), a);
    }
  });

  it("exits 2 on unusable input in every format, after linting the rest", async () => {
    for (const o of FORMATS) {
      const r = await runLint(["lint", "-f", join(CORPUS, "integration", "invalid.yaml"), "-o", o]);
      assert.equal(r.code, 2, `${o}: ${r.stdout}`);
      assert.match(r.stderr, /invalid\.yaml/);
    }
    const missing = await runLint(["lint", "-f", "/no/such/dir"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory/);
    const none = await runLint(["lint"]);
    assert.equal(none.code, 2);
  });

  it("lists what it did not lint: kinds gwctl does not read, and config dumps beside the manifests", async () => {
    const r = await runLint(["lint", "-f", join(FIXTURES, "bad-input", "unknown-kind")]);
    assert.match(
      r.stderr,
      /skipped 3 objects of kinds gwctl does not use: ServiceAccount 1, Sidecar\.networking\.istio\.io 1, Widget\.example\.com 1/,
    );
    const dir = mkdtempSync(join(tmpdir(), "gwctl-lint-"));
    try {
      writeFileSync(join(dir, "vs.yaml"), vsText());
      writeFileSync(join(dir, "dump.json"), JSON.stringify({ configs: [] }));
      const withDump = await runLint(["lint", "-f", dir]);
      assert.match(withDump.stderr, /skipped .*dump\.json: /);
      assert.match(withDump.stdout, /IST0101/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the offending field's line (istioctl: gateway.yaml:9, virtualservice.yaml:11 — the host; gwctl: the subset)", async () => {
    const r = await runLint([
      "lint",
      "-f",
      join(CORPUS, "integration", "gateway.yaml"),
      "-f",
      join(CORPUS, "integration", "virtualservice.yaml"),
      "--no-default-gateway",
    ]);
    assert.match(r.stdout, /gateway\.yaml:9\)/);
    assert.match(
      r.stdout,
      /virtualservice\.yaml:12\) Referenced host\+subset in destinationrule not found: "reviews\+v1"/,
    );
  });

  it("--list-rules lists every rule", async () => {
    const r = await runLint(["lint", "-L"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^IST0162 +Warning +gateway-port-not-on-service /m);
  });

  it("never prints private keys", async () => {
    const r = await runLint(["lint", "-f", step("07-mtls"), "-o", "json"]);
    assert.ok(!/PRIVATE KEY|tls\.key/.test(r.stdout + r.stderr));
  });
});
