import assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { corpusPrivateKeys } from "./corpus.js";
import { generate } from "./gen.js";

/** The benchmark corpus is reproducible and valid; nothing here depends on timing. */

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

describe("benchmark corpus generator", function () {
  this.timeout(120_000);
  const root = mkdtempSync(join(tmpdir(), "gwctl-gen-test-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  const small = join(root, "a");
  const again = join(root, "b");
  const larger = join(root, "c");
  let meta: ReturnType<typeof generate>;

  before(() => {
    meta = generate(0.04, small);
    generate(0.04, again);
    generate(0.08, larger);
  });

  it("writes the same bytes for the same scale", () => {
    const list = files(small);
    assert.deepEqual(files(again), list);
    for (const f of list) assert.ok(readFileSync(join(small, f)).equals(readFileSync(join(again, f))), f);
  });

  it("grows by adding namespaces: the larger corpus starts with the smaller one", () => {
    for (const f of files(small).filter((f) => f.startsWith("team-")))
      assert.ok(readFileSync(join(small, f)).equals(readFileSync(join(larger, f))), f);
  });

  it("loads through gwctl with no errors and no warnings", () => {
    assert.equal(meta.counts.virtualServices, 100);
    assert.doesNotMatch(meta.gwctlStderr, /^(error|warning):/m, meta.gwctlStderr);
    for (const f of files(small).filter((f) => f.endsWith(".yaml"))) {
      for (const doc of parseAllDocuments(readFileSync(join(small, f), "utf8")))
        assert.deepEqual(doc.errors, [], f);
    }
  });

  it("has every kind the benchmark is about", () => {
    const c = meta.counts;
    for (const [k, v] of Object.entries(c)) assert.ok(v > 0, `${k}: ${v}`);
    const vs = readFileSync(join(small, "team-0000", "virtualservices.yaml"), "utf8");
    for (const feature of ["prefix:", "exact:", "regex:", "weight:", "redirect:", "queryParams:", "headers:"])
      assert.ok(vs.includes(feature), feature);
    const gw = readFileSync(join(small, "istio-system", "gateways.yaml"), "utf8");
    for (const feature of ["protocol: HTTP\n", "protocol: HTTPS", "mode: MUTUAL", "credentialName:"])
      assert.ok(gw.includes(feature), feature);
  });

  it("holds valid TLS Secrets, and its dumps hold no private key", () => {
    const secrets = parseAllDocuments(readFileSync(join(small, "istio-system", "secrets.yaml"), "utf8")).map(
      (d) => d.toJS() as { data: Record<string, string> },
    );
    assert.ok(secrets.length > 0);
    for (const s of secrets) {
      const pem = Buffer.from(s.data["tls.crt"] as string, "base64").toString("utf8");
      const [leaf, ca] = pem.split(/(?<=-----END CERTIFICATE-----\n)/).map((p) => new X509Certificate(p));
      assert.ok(leaf && ca && leaf.verify(ca.publicKey), "leaf signed by the CA");
      const key = createPrivateKey(Buffer.from(s.data["tls.key"] as string, "base64").toString("utf8"));
      assert.ok(leaf.checkPrivateKey(key), "the key in the Secret belongs to its certificate");
    }
    for (const dump of ["dump.json", "dump-changed.json"]) {
      const text = readFileSync(join(small, dump), "utf8");
      assert.doesNotMatch(text, /PRIVATE KEY/);
      for (const key of corpusPrivateKeys(0.04)) {
        const body = key
          .split("\n")
          .filter((l) => l && !l.startsWith("-----"))
          .join("");
        assert.ok(!text.includes(body), `${dump} holds a private key`);
      }
    }
  });
});
