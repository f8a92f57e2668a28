import { strict as assert } from "node:assert";
import { renderEds, renderView, type ViewRequest } from "../../src/views/render.js";
import { fixtureDump, fixtureText, profile, UPSTREAM } from "../helpers/fixtures.js";

/**
 * istioctl's own testdata (istio/istio master 86c9f01f, fixtures/upstream/istio-configdump):
 * each golden is the whole output of the istioctl function named beside it, so these
 * compare whole texts, trailing spaces included.
 */

const MASTER = profile("1.31");

/**
 * The secret goldens depend on the clock (istioctl uses time.Now()). 2025-06-01 lies after
 * both expired `default` certificates (istio: until 2023-05-16, spire: until 2024-10-27)
 * and inside both ROOTCA validity windows (2023-05-05…2033-05-02, 2024-10-25…2034-10-23),
 * which is what the goldens record: false for default, true for ROOTCA.
 */
const NOW = new Date("2025-06-01T00:00:00Z");

function request(view: ViewRequest["view"], output: ViewRequest["output"], filters = {}): ViewRequest {
  return { view, output, profile: MASTER, now: NOW, filters };
}

function text(r: ReturnType<typeof renderView>): string {
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.text;
}

describe("upstream istioctl goldens", () => {
  for (const name of [
    "empty-gateway",
    "istio-gateway-http-route-prefix",
    "k8s-gateway-http-route-path-prefix",
  ]) {
    it(`routes/${name} (TestPrintRoutesSummary)`, () => {
      const dump = fixtureDump(`${UPSTREAM}/routes/${name}/configdump.json`);
      assert.equal(
        text(renderView(dump, request("routes", "short"))),
        fixtureText(`${UPSTREAM}/routes/${name}/output.txt`),
      );
    });
  }

  for (const [name, filters] of [
    ["emptyfilter", {}],
    ["portfilter", { port: 8080 }],
  ] as const) {
    for (const [output, ext] of [
      ["short", "txt"],
      ["json", "json"],
      ["yaml", "yaml"],
    ] as const) {
      it(`endpoint/${name}_output.${ext} (TestPrintEndpoints${output === "short" ? "Summary" : ""}, pc eds)`, () => {
        const dump = fixtureDump(`${UPSTREAM}/endpoint/configdump.json`);
        const got = renderEds(dump, { output, profile: MASTER, now: NOW, filters });
        assert.equal(text(got), fixtureText(`${UPSTREAM}/endpoint/${name}_output.${ext}`));
      });
    }
  }

  for (const [output, file, test] of [
    ["short", "output.txt", "TestPrintEcdsSummary"],
    ["json", "output.json", "TestPrintEcdsJSON"],
    ["yaml", "output.yaml", "TestPrintEcdsYaml"],
  ] as const) {
    it(`ecds/${file} (${test}: three EcdsConfigDump sections read as one)`, () => {
      const dump = fixtureDump(`${UPSTREAM}/ecds/configdump.json`);
      assert.equal(text(renderView(dump, request("ecds", output))), fixtureText(`${UPSTREAM}/ecds/${file}`));
    });
  }

  for (const name of ["istio", "spire"]) {
    it(`secret/${name}/output (TestSDSWriter_ValidCert)`, () => {
      const dump = fixtureDump(`${UPSTREAM}/secret/${name}/config_dump.json`);
      assert.equal(
        text(renderView(dump, request("secrets", "short"))),
        fixtureText(`${UPSTREAM}/secret/${name}/output`),
      );
    });
  }

  it("proxyconfig/config_dump_summary.txt (pc all -f)", () => {
    const dump = fixtureDump(`${UPSTREAM}/proxyconfig/config_dump.json`);
    assert.equal(
      text(renderView(dump, request("all", "short"))),
      fixtureText(`${UPSTREAM}/proxyconfig/config_dump_summary.txt`),
    );
  });

  it("proxyconfig/config_dump_summary_withheaders.txt (pc all --with-headers)", () => {
    const dump = fixtureDump(`${UPSTREAM}/proxyconfig/config_dump.json`);
    assert.equal(
      text(renderView(dump, request("all", "short", { withHeaders: true }))),
      fixtureText(`${UPSTREAM}/proxyconfig/config_dump_summary_withheaders.txt`),
    );
  });

  it("versionsummary.txt (PrintBootstrapSummary)", () => {
    const dump = fixtureDump(`${UPSTREAM}/configdump.json`);
    assert.equal(
      text(renderView(dump, request("bootstrap", "short"))),
      fixtureText(`${UPSTREAM}/versionsummary.txt`),
    );
  });

  it("bootstrapdump.json (PrintBootstrapDump json, jsonpb's Struct indentation included)", () => {
    const dump = fixtureDump(`${UPSTREAM}/configdump.json`);
    assert.equal(
      text(renderView(dump, request("bootstrap", "json"))),
      fixtureText(`${UPSTREAM}/bootstrapdump.json`),
    );
  });
});
