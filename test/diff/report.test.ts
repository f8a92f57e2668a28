import assert from "node:assert/strict";
import { describeCertificate } from "../../src/diff/certificates.js";
import { diffDumps } from "../../src/diff/diff.js";
import { jsonReport, type Paint, textReport } from "../../src/diff/report.js";
import type { DiffResult } from "../../src/diff/types.js";
import { canonical, unifiedReport } from "../../src/diff/unified.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { clone, clusterIn, hcmOf, listenerIn, routeIn, secretIn } from "../helpers/dumps.js";
import { simulate, step } from "../helpers/walkthrough.js";

const SIDES = { labels: { expected: "expected", actual: "actual" }, sources: { expected: "a", actual: "b" } };
const WEBAPP_CLUSTER = "outbound|80||webapp.istioinaction.svc.cluster.local";
const sim04 = (): ConfigDump => simulate([step("04-tls-simple")], "1.17").dump;

function drift(edit: (d: ConfigDump) => void): DiffResult {
  const e = sim04();
  const a = clone(e);
  edit(a);
  return diffDumps(e, a);
}

describe("text report", () => {
  it("cuts a long value and says how to see it whole", () => {
    const r = drift((a) => {
      clusterIn(a, WEBAPP_CLUSTER).description = "x".repeat(1500);
    });
    const text = textReport(r, SIDES);
    assert.match(text, / {4}\+ "x{999}… \(502 more characters; -o json or --unified shows all\)\n/);
    assert.match(text, / {4}- \(absent\)\n/);
  });

  it("shows a certificate, in inline_string too, as subject, serial and expiry", () => {
    const chain = (secretIn(sim04(), "kubernetes://webapp-credential").tls_certificate as JsonObject)
      .certificate_chain as JsonObject;
    const pem = Buffer.from(chain.inline_bytes as string, "base64").toString("utf8");
    // hand-checked with openssl x509 -noout -subject -serial -enddate on the seed certificate
    const leaf = "certificate CN=webapp.istioinaction.io serial 100212 expires 2041-06-29T12:49:32Z";
    assert.equal(describeCertificate(chain.inline_bytes as string), leaf);
    assert.equal(describeCertificate(pem), leaf);
    assert.equal(describeCertificate(pem + pem), `${leaf} (+1 in chain)`);
    assert.equal(describeCertificate("not a certificate"), undefined);
    assert.equal(describeCertificate("LS0tLS1CRUdJTiBub3RoaW5n"), undefined);
  });

  it("prints an order difference with both orders, and paints only through the Paint it is given", () => {
    const r = drift((a) => {
      for (const chain of listenerIn(a, "0.0.0.0_8443").filter_chains as JsonObject[]) {
        (hcmOf(chain).http_filters as JsonObject[]).reverse();
      }
    });
    const paint: Paint = {
      removed: (s) => `<r>${s}</r>`,
      added: (s) => `<g>${s}</g>`,
      heading: (s) => `<b>${s}</b>`,
    };
    const text = textReport(r, SIDES, paint);
    assert.match(text, /\.typed_config\.http_filters \(order\)\n<r> {4}- \["istio\.metadata_exchange",/);
    assert.match(text, /\n<g> {4}\+ \["envoy\.filters\.http\.router",/);
    assert.match(text, /^<r>--- expected: a<\/r>\n<g>\+\+\+ actual: b<\/g>\n/);
    assert.match(text, /\n<b>listeners<\/b>\n/);
  });
});

describe("JSON report", () => {
  it("has one schema whatever the sides are called", () => {
    const r = drift((a) => {
      clusterIn(a, WEBAPP_CLUSTER).connect_timeout = "5s";
    });
    const doc = JSON.parse(
      jsonReport(r, {
        labels: { expected: "base", actual: "head" },
        sources: { expected: "x", actual: "y" },
      }),
    ) as JsonObject;
    assert.deepEqual(doc.expected, { label: "base", source: "x" });
    assert.deepEqual(doc.changes, [
      {
        type: "clusters",
        name: WEBAPP_CLUSTER,
        status: "changed",
        differences: [
          {
            kind: "changed",
            path: "connect_timeout",
            ignore: `clusters:"${WEBAPP_CLUSTER}".connect_timeout`,
            expected: "10s",
            actual: "5s",
          },
        ],
      },
    ]);
  });
});

describe("unified report", () => {
  it("prints both sides in one canonical form, so reordering alone shows nothing", () => {
    assert.deepEqual(
      canonical({ b: 1, virtual_hosts: [{ name: "z", domains: ["y", "x"] }, { name: "a" }], a: [3, 1] }),
      { a: [3, 1], b: 1, virtual_hosts: [{ name: "a" }, { domains: ["x", "y"], name: "z" }] },
    );
  });

  it("one hunk per changed resource, with the changed line on each side", () => {
    const r = drift((a) => {
      const vh = (
        routeIn(a, "https.443.https.coolstore-gateway.istioinaction").virtual_hosts as JsonObject[]
      )[0];
      (vh as JsonObject).domains = ["webapp.istioinaction.io", "shop.example.com"];
    });
    const text = unifiedReport(r, SIDES.labels);
    assert.match(
      text,
      /^--- expected\/routes\/https\.443\.https\.coolstore-gateway\.istioinaction\n\+\+\+ actual\/routes\//,
    );
    assert.match(text, /\n {7}"domains": \[\n\+ {8}"shop\.example\.com",\n {9}"webapp\.istioinaction\.io"\n/);
    assert.equal(text.match(/^@@ /gm)?.length, 1);
  });
});
