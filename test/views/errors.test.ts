import { strict as assert } from "node:assert";
import type { ConfigDump } from "../../src/envoy/types.js";
import { renderEds, renderView, type ViewRequest } from "../../src/views/render.js";
import { profile } from "../helpers/fixtures.js";
import { step01Dump, step03Dump, step04Dump } from "../helpers/walkthrough-dumps.js";

const NOW = new Date("2030-01-01T00:00:00Z");
const T = "type.googleapis.com/envoy.admin.v3.";

function render(
  dump: ConfigDump,
  view: ViewRequest["view"],
  output: ViewRequest["output"] = "short",
  line = "1.31",
  filters = {},
) {
  return renderView(dump, { view, output, profile: profile(line), now: NOW, filters });
}

function message(r: ReturnType<typeof renderView>): string {
  assert.equal(r.ok, false, "expected an error");
  return r.ok ? "" : r.message;
}

describe("bad and empty input: istioctl's messages", () => {
  const empty: ConfigDump = { configs: [] };

  it("names the missing section, as istioctl's config dump wrapper does", () => {
    assert.equal(
      message(render(empty, "listeners")),
      `listener dump: config dump has no configuration type ${T}ListenersConfigDump`,
    );
    assert.equal(
      message(render(empty, "listeners", "json")),
      `listener dump: config dump has no configuration type ${T}ListenersConfigDump`,
    );
    assert.equal(
      message(render(empty, "routes")),
      `config dump has no configuration type ${T}RoutesConfigDump`,
    );
    assert.equal(
      message(render(empty, "clusters", "yaml")),
      `config dump has no configuration type ${T}ClustersConfigDump`,
    );
    assert.equal(
      message(render(empty, "secrets")),
      `config dump has no configuration type ${T}SecretsConfigDump`,
    );
    assert.equal(
      message(render(empty, "secrets", "json")),
      `sidecar doesn't support secrets: config dump has no configuration type ${T}SecretsConfigDump`,
    );
    assert.equal(
      message(render(empty, "bootstrap", "json")),
      `config dump has no configuration type ${T}BootstrapConfigDump`,
    );
    assert.equal(
      message(render(empty, "all", "short", "1.21")),
      `config dump has no configuration type ${T}BootstrapConfigDump`,
    );
    for (const output of ["short", "json", "yaml"] as const) {
      assert.equal(
        message(render(empty, "ecds", output)),
        `config dump has no configuration type ${T}EcdsConfigDump`,
      );
    }
  });

  it("reports empty sections the way istioctl does", () => {
    const sections = (type: string): ConfigDump => ({ configs: [{ "@type": `${T}${type}` }] });
    assert.equal(message(render(sections("ListenersConfigDump"), "listeners")), "no listeners found");
    assert.equal(message(render(sections("RoutesConfigDump"), "routes")), "no routes found");
    assert.equal(message(render(sections("ClustersConfigDump"), "clusters")), "no clusters found");
    const secrets = render(sections("SecretsConfigDump"), "secrets");
    assert.deepEqual(secrets, { ok: true, text: "No active or warming secrets found.\n" });
  });

  it("1.25 drops secrets without certificate data, and then has no items to show", () => {
    const dump: ConfigDump = {
      configs: [
        {
          "@type": `${T}SecretsConfigDump`,
          dynamic_warming_secrets: [
            {
              name: "kubernetes://missing",
              version_info: "uninitialized",
              secret: {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret",
                name: "kubernetes://missing",
              },
            },
          ],
        },
      ],
    };
    assert.deepEqual(render(dump, "secrets", "short", "1.25"), {
      ok: true,
      text: "No secret items to show.\n",
    });
    const r = render(dump, "secrets", "short", "1.26");
    assert.ok(r.ok);
    // Widths: name 20+5, TYPE 4+5, STATUS 7+5, VALID CERT 10+5, SERIAL 13+5, NOT AFTER 9+5;
    // NOT BEFORE is the last cell and stays empty.
    const want = `kubernetes://missing${" ".repeat(5 + 9)}WARMING${" ".repeat(5)}false${" ".repeat(10 + 18 + 14)}`;
    assert.equal(r.text.split("\n")[1], want);
  });

  it("pc all stops at the first missing section and keeps what it printed", () => {
    const r = render(step01Dump(), "all", "short", "1.17");
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.message, `config dump has no configuration type ${T}ClustersConfigDump`);
    assert.equal(r.text, "");
    const withClusters: ConfigDump = { configs: [...step03Dump().configs, ...step01Dump().configs] };
    const partial = render(withClusters, "all", "short", "1.17");
    assert.equal(partial.ok, false);
    if (partial.ok) return;
    assert.equal(partial.message, `config dump has no configuration type ${T}SecretsConfigDump`);
    assert.match(
      partial.text ?? "",
      /^SERVICE FQDN .*\n[\s\S]*\nADDRESS PORT {2}MATCH DESTINATION\n[\s\S]*\nNAME {10}DOMAINS[\s\S]*\n\n$/,
    );
  });

  it("--with-headers is unknown to istioctl before 1.29", () => {
    assert.equal(
      message(render(step04Dump(), "all", "short", "1.28", { withHeaders: true })),
      "unknown flag: --with-headers",
    );
  });

  it("endpoints and the EDS table print just their header when there is nothing to list", () => {
    assert.deepEqual(render(empty, "endpoints"), {
      ok: true,
      text: "ENDPOINT     STATUS     OUTLIER CHECK     CLUSTER\n",
    });
    const eds = renderEds(empty, { output: "short", profile: profile("1.31"), now: NOW, filters: {} });
    assert.deepEqual(eds, { ok: true, text: "NAME     STATUS     LOCALITY     CLUSTER\n" });
    assert.deepEqual(render(empty, "endpoints", "json"), { ok: true, text: "[]\n" });
    assert.deepEqual(render(empty, "endpoints", "yaml"), { ok: true, text: "[]\n\n" });
  });

  it("an ECDS section without filters prints the header, {} in JSON, {} and a blank line in YAML", () => {
    const dump: ConfigDump = { configs: [{ "@type": `${T}EcdsConfigDump`, ecds_filters: [] }] };
    assert.deepEqual(render(dump, "ecds"), { ok: true, text: "ECDS NAME     TYPE\n" });
    assert.deepEqual(render(dump, "ecds", "json"), { ok: true, text: "{}\n" });
    assert.deepEqual(render(dump, "ecds", "yaml"), { ok: true, text: "{}\n\n" });
  });

  it("tolerates a dump with odd shapes (non-array configs entries, missing wrappers)", () => {
    const odd = {
      configs: [
        {
          "@type": `${T}ListenersConfigDump`,
          dynamic_listeners: [{ name: "warming-only", warming_state: {} }, 3],
        },
        { "@type": `${T}ClustersConfigDump`, static_clusters: [{ cluster: null }] },
      ],
    } as unknown as ConfigDump;
    assert.equal(message(render(odd, "listeners")), "no listeners found");
    assert.equal(message(render(odd, "clusters")), "no clusters found");
  });
});
