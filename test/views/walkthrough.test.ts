import { strict as assert } from "node:assert";
import { renderView, type ViewRequest } from "../../src/views/render.js";
import { fixtureText, profile } from "../helpers/fixtures.js";
import { step01Dump, step02Dump, step03Dump, step04Dump } from "../helpers/walkthrough-dumps.js";

/**
 * istioctl 1.17 layouts against the walkthrough's printed outputs
 * (fixtures/walkthrough-expected), using the hand-built dumps in support/walkthrough-dumps.ts.
 */

const P117 = profile("1.17");
const NOW = new Date("2023-10-28T12:00:00Z"); // the walkthrough's time; any date in 2021–2041 gives the same row

function render(
  dump: ReturnType<typeof step01Dump>,
  view: ViewRequest["view"],
  output: ViewRequest["output"],
  filters = {},
): string {
  const r = renderView(dump, { view, output, profile: P117, now: NOW, filters });
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.text;
}

/** Cells of a padded table line (cells are separated by at least two spaces). */
function cells(line: string): string[] {
  return line.trimEnd().split(/ {2,}/);
}

/** For `-rows` files: each expected row must appear, cell for cell, in the rendered table. */
function assertRows(rendered: string, expectedFile: string): void {
  const got = rendered.split("\n").map(cells);
  for (const line of fixtureText(expectedFile).trimEnd().split("\n")) {
    const want = cells(line);
    assert.ok(
      got.some((g) => g.length === want.length && g.every((c, i) => c === want[i])),
      `row ${JSON.stringify(want)} not in:\n${rendered}`,
    );
  }
}

describe("walkthrough outputs, istioctl 1.17", () => {
  it("01 listeners: ADDRESS header, padding 1, static 15021/15090 inline routes", () => {
    assert.equal(
      render(step01Dump(), "listeners", "short"),
      fixtureText("walkthrough-expected/01-gateway-http.listeners.1.17.txt"),
    );
  });

  it("01 routes: no VHOST NAME column, blackhole vhost as /* 404", () => {
    const got = render(step01Dump(), "routes", "short").split("\n");
    const want = fixtureText("walkthrough-expected/01-gateway-http.routes.1.17.txt").split("\n");
    assert.equal(got.length, want.length);
    // The blog copy lost the trailing spaces of each code block's last line (see NOTICE.md).
    const last = want.length - 2;
    assert.deepEqual(got.slice(0, last), want.slice(0, last));
    assert.equal(got[last]?.trimEnd(), want[last]?.trimEnd());
    assert.ok(
      (got[last] as string).length > (want[last] as string).length,
      "istioctl pads the last MATCH cell",
    );
  });

  it("02 routes --name http.8080 -o json: camelCase, declaration order, 4-space indent", () => {
    assert.equal(
      render(step02Dump(), "routes", "json", { name: "http.8080" }),
      fixtureText("walkthrough-expected/02-virtualservice.routes-http.8080.1.17.json"),
    );
  });

  it("03 clusters rows", () => {
    assertRows(
      render(step03Dump(), "clusters", "short"),
      "walkthrough-expected/03-services.clusters-istioinaction-rows.1.17.txt",
    );
  });

  it("03 endpoints rows (derived from EDS: the dump has no /clusters)", () => {
    assertRows(
      render(step03Dump(), "endpoints", "short"),
      "walkthrough-expected/03-services.endpoints-istioinaction-rows.1.17.txt",
    );
  });

  it("04 secrets row: decimal serial in 1.17", () => {
    assertRows(
      render(step04Dump(), "secrets", "short"),
      "walkthrough-expected/04-tls-simple.secrets-row.1.17.txt",
    );
  });
});
