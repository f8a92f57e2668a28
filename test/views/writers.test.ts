import { strict as assert } from "node:assert";
import { toPbMessage } from "../../src/envoy/protojson.js";
import { fromJson, goJsonString, goMarshalIndent, OMap } from "../../src/views/gojson.js";
import { goYaml, keyLess } from "../../src/views/goyaml.js";
import { jsonpbIndent } from "../../src/views/jsonpb.js";
import { fixtureText, UPSTREAM } from "../helpers/fixtures.js";

describe("Go encoding/json", () => {
  it("escapes like json.Marshal: HTML characters, U+2028/9, controls in lowercase hex", () => {
    assert.equal(
      goJsonString('a<b>&"\\\n\t\u0001\u2028é'),
      '"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\t\\u0001\\u2028é"',
    );
  });

  it("indents like MarshalIndent, with {} and [] for empty values and key order kept", () => {
    const v = new OMap([
      ["10", 1],
      ["a", [new OMap([]), []]],
      ["b", null],
    ]);
    assert.equal(
      goMarshalIndent(v),
      '{\n    "10": 1,\n    "a": [\n        {},\n        []\n    ],\n    "b": null\n}',
    );
  });
});

describe("go-yaml v2 (JSONToYAML)", () => {
  it("reproduces istioctl's ECDS YAML golden from its JSON golden", () => {
    const json = JSON.parse(fixtureText(`${UPSTREAM}/ecds/output.json`));
    assert.equal(`${goYaml(fromJson(json))}\n`, fixtureText(`${UPSTREAM}/ecds/output.yaml`));
  });

  it("orders keys naturally: non-letters first, digit runs as numbers", () => {
    const keys = ["b", "a10", "A", "a9", "_x", "@type", "a"];
    const sorted = [...keys].sort((x, y) => (keyLess(x, y) ? -1 : keyLess(y, x) ? 1 : 0));
    assert.deepEqual(sorted, ["@type", "_x", "A", "a", "a9", "a10", "b"]);
  });

  it("quotes what go-yaml would otherwise read back as another type", () => {
    const y = goYaml(
      fromJson({
        bool: "true",
        yes: "yes",
        empty: "",
        int: "5",
        octal: "0755",
        float: "1e5",
        time: "2022-12-08T11:03:53.361Z",
        version: "2022-12-08T09:07:09Z/10",
        dur: "0s",
        base60: "10:30",
        nul: "~",
        dot: "1.10.0",
      }),
    );
    assert.equal(
      y,
      [
        'base60: "10:30"',
        'bool: "true"',
        "dot: 1.10.0",
        "dur: 0s",
        'empty: ""',
        'float: "1e5"',
        'int: "5"',
        'nul: "~"',
        'octal: "0755"',
        'time: "2022-12-08T11:03:53.361Z"',
        "version: 2022-12-08T09:07:09Z/10",
        // Keys are resolved too: YAML 1.1 reads a bare yes (or n) as a boolean.
        '"yes": "yes"',
        "",
      ].join("\n"),
    );
  });

  it("single-quotes indicators and double-quotes special characters", () => {
    const y = goYaml(
      fromJson({ a: "@x", b: "- x", c: "a: b", d: "x #y", e: " lead", f: "tab\there", g: "it's {", h: "-x" }),
    );
    assert.equal(
      y,
      "a: '@x'\nb: '- x'\nc: 'a: b'\nd: 'x #y'\ne: ' lead'\nf: \"tab\\there\"\ng: it's {\nh: -x\n",
    );
  });

  it("writes multi-line strings as literal blocks and keeps sequences under a key unindented", () => {
    const y = goYaml(
      fromJson({ code: "line1\nline2\n", list: [{ k: 1, l: [true, null] }, "s"], one: "a\nb", m: {}, n: [] }),
    );
    assert.equal(
      y,
      'code: |\n  line1\n  line2\nlist:\n- k: 1\n  l:\n  - true\n  - null\n- s\nm: {}\n"n": []\none: |-\n  a\n  b\n',
    );
  });

  it("folds long plain scalars at the first space past column 80", () => {
    const words = Array.from({ length: 20 }, () => "word").join(" ");
    assert.equal(
      goYaml(fromJson({ k: words })),
      `k: ${Array.from({ length: 16 }, () => "word").join(" ")}\n  word word word word\n`,
    );
  });

  it("formats floats with Go's %g", () => {
    assert.equal(
      goYaml(fromJson({ a: 0.5, b: 1234567.5, c: 0.00001, d: 140 })),
      "a: 0.5\nb: 1.2345675e+06\nc: 1e-05\nd: 140\n",
    );
  });
});

describe("jsonpb indented output (pc bootstrap/secret -o json)", () => {
  it("indents Struct contents one level too deep, as jsonpb does", () => {
    // A Struct at indent i writes its entries at i+2 levels and closes at i+1; a Struct or
    // list inside a Value sits one more level in (Value, then Struct/ListValue, each add one).
    const node = toPbMessage(
      { id: "x", metadata: { B: { c: [1, "x"] }, A: "v" } },
      "envoy.config.core.v3.Node",
    );
    assert.equal(
      jsonpbIndent(node, "  "),
      [
        "{",
        '  "id": "x",',
        '  "metadata": {',
        '      "A": "v",',
        '      "B": {',
        '            "c": [',
        "                  1,",
        '                  "x"',
        "                ]",
        "          }",
        "    }",
        "}",
      ].join("\n"),
    );
  });

  it("writes an empty message as jsonpb does, with a blank line", () => {
    assert.equal(jsonpbIndent(toPbMessage({}, "envoy.config.core.v3.Node"), "  "), "{\n\n}");
  });
});
