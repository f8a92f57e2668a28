import { strict as assert } from "node:assert";
import { renderEds, renderView } from "../../src/views/render.js";
import { fixtureDump, OUTPUTS, profile, UPSTREAM, VIEWS } from "../helpers/fixtures.js";

/** Real dumps from several proxies: every view and format renders without throwing. */

const DUMPS = [
  `${UPSTREAM}/proxyconfig/config_dump.json`,
  `${UPSTREAM}/compare/configdump.json`,
  `${UPSTREAM}/ecds/configdump.json`,
  "upstream/envoy-dumps/envoyproxy-gateway/internal/cmd/egctl/testdata/config/in/in.all.json",
  "upstream/envoy-dumps/istio-istio/istioctl/pkg/describe/testdata/describe/http_config.json",
  "upstream/envoy-dumps/istio-istio/istioctl/pkg/describe/testdata/describe/tls_config.json",
  "upstream/envoy-dumps/kubernetes-sigs-wg-ai-gateway/config_dump.json",
];

describe("rendering real dumps", () => {
  for (const path of DUMPS) {
    it(path.split("/").slice(-2).join("/"), () => {
      const dump = fixtureDump(path);
      for (const line of ["1.17", "1.31"]) {
        for (const view of VIEWS) {
          for (const output of OUTPUTS) {
            const r = renderView(dump, {
              view,
              output,
              profile: profile(line),
              now: new Date(0),
              filters: {},
            });
            assert.ok(r.ok ? r.text.endsWith("\n") : r.message.length > 0);
          }
        }
        for (const output of OUTPUTS) {
          assert.ok(renderEds(dump, { output, profile: profile(line), now: new Date(0), filters: {} }).ok);
        }
      }
    });
  }

  it("prints a route table for an ingress gateway's https route", () => {
    const dump = fixtureDump(
      "upstream/envoy-dumps/istio-istio/istioctl/pkg/describe/testdata/describe/tls_config.json",
    );
    const r = renderView(dump, {
      view: "routes",
      output: "short",
      profile: profile("1.31"),
      now: new Date(0),
      filters: {},
    });
    assert.ok(r.ok);
    assert.match(
      r.text,
      /^NAME +VHOST NAME +DOMAINS +MATCH +VIRTUAL SERVICE\nhttps\.443\.https\.bookinfo-gateway\.default +/,
    );
  });
});
