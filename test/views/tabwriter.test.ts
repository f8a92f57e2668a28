import { strict as assert } from "node:assert";
import { tabwrite } from "../../src/views/tabwriter.js";

/**
 * Input/expected pairs are Go's own text/tabwriter test vectors (tabwriter_test.go, the
 * cases with flags 0), plus istioctl-shaped tables. '.' or '-' as padchar makes padding
 * visible.
 */
const GO_VECTORS: ReadonlyArray<readonly [string, number, number, string, string, string]> = [
  ["1a", 8, 1, ".", "", ""],
  ["2", 8, 1, ".", "\n\n\n", "\n\n\n"],
  ["3", 8, 1, ".", "a\nb\nc", "a\nb\nc"],
  ["4a: a tab on the last line terminates an empty cell", 8, 1, ".", "\t", ""],
  ["5", 8, 1, ".", "*\t*", "*.......*"],
  ["5b", 8, 1, ".", "*\t*\n", "*.......*\n"],
  ["5c", 8, 1, ".", "*\t*\t", "*.......*"],
  ["6", 8, 1, ".", "\t\n", "........\n"],
  ["7a", 8, 1, ".", "a) foo", "a) foo"],
  ["7b", 8, 1, " ", "b) foo\tbar", "b) foo  bar"],
  ["7c", 8, 1, ".", "c) foo\tbar\t", "c) foo..bar"],
  ["7d", 8, 1, ".", "d) foo\tbar\n", "d) foo..bar\n"],
  ["7e", 8, 1, ".", "e) foo\tbar\t\n", "e) foo..bar.....\n"],
  ["8", 8, 1, "*", "Hello, world!\n", "Hello, world!\n"],
  ["9a", 1, 0, ".", "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"],
  ["9c: formfeed flushes", 1, 0, ".", "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"],
  ["10a", 5, 0, ".", "1\t2\t3\t4\n", "1....2....3....4\n"],
  ["10b", 5, 0, ".", "1\t2\t3\t4\t\n", "1....2....3....4....\n"],
  [
    "11: widths count runes",
    8,
    1,
    ".",
    "本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n",
    "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n",
  ],
  ["12b", 2, 0, " ", "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"],
  [
    "12c",
    8,
    1,
    "_",
    "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
    "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n",
  ],
  [
    "13a: blocks end at lines with fewer cells",
    4,
    1,
    "-",
    "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n",
  ],
  [
    "13b",
    4,
    3,
    ".",
    "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n",
  ],
  ["15a", 4, 0, ".", "a\t\tb", "a.......b"],
];

describe("tabwriter", () => {
  for (const [name, minwidth, padding, padchar, src, want] of GO_VECTORS) {
    it(`matches Go's vector ${name}`, () => {
      assert.equal(tabwrite(src, { minwidth, padding, padchar }), want);
    });
  }

  it("pads an empty last tab-terminated cell, leaving trailing spaces (istioctl route rows)", () => {
    const got = tabwrite("NAME\tMATCH\tVS\nhttp.8080\t/*\t404\n\t/healthz/ready*\t\n", {
      minwidth: 0,
      padding: 5,
    });
    assert.equal(
      got,
      "NAME          MATCH               VS\nhttp.8080     /*                  404\n              /healthz/ready*     \n",
    );
  });

  it("does not pad the text after the last tab", () => {
    assert.equal(tabwrite("a\tbbbbbb\nccc\td\n", { minwidth: 0, padding: 1 }), "a   bbbbbb\nccc d\n");
  });

  it("restarts widths after a line without tabs", () => {
    const got = tabwrite("a\tb\nheading\nlonger\tc\n", { minwidth: 0, padding: 1 });
    assert.equal(got, "a b\nheading\nlonger c\n");
  });

  it("keeps a ragged right column in its own block", () => {
    // The third row has no DESTINATION RULE cell: the column above it ends there.
    const got = tabwrite("A\tB\tC\nx\ty\tz\nxx\tyy\n", { minwidth: 0, padding: 2 });
    assert.equal(got, "A   B  C\nx   y  z\nxx  yy\n");
  });
});
