import assert from "node:assert/strict";
import { clusters, listeners, routeConfigs } from "../../src/envoy/configdump.js";
import { translate } from "../../src/xds/translate.js";
import { profile } from "../helpers/fixtures.js";
import { simulate, step } from "../helpers/walkthrough.js";

/** The status line of long runs counts what translation has done (issue 7: "resources translated"). */
describe("translate: progress", () => {
  const s = simulate([step("05-tls-multi-host")], "1.31");

  it("reports listeners, each route configuration and the clusters, and changes nothing", () => {
    const seen: string[] = [];
    const r = translate({
      mesh: s.mesh,
      proxy: s.proxy,
      profile: profile("1.31"),
      onProgress: (x) => seen.push(x),
    });
    assert.deepEqual(r.dump, s.dump);

    const dynamicListeners = listeners(r.dump).filter((l) => l.status !== "static").length;
    const routes = routeConfigs(r.dump).filter((x) => x.status !== "static").length;
    const dynamicClusters = clusters(r.dump).filter((c) => c.status !== "static").length;
    assert.ok(routes >= 2, "the step has HTTP and HTTPS route configurations");
    const expected = [
      `${dynamicListeners} listeners`,
      ...Array.from(
        { length: routes },
        (_, i) => `${dynamicListeners} listeners, route configurations ${i + 1}/${routes}`,
      ),
      `${dynamicListeners} listeners, ${routes} route configurations, ${dynamicClusters} clusters`,
    ];
    assert.deepEqual(seen, expected);
  });
});
