import { strict as assert } from "node:assert";
import { writeJson } from "../../src/views/json-stream.js";
import { chunked, collect } from "../../src/views/sink.js";
import { fixtureDump, UPSTREAM } from "../helpers/fixtures.js";

/** writeJson must print what JSON.stringify(v, null, 2) prints, whatever the walking depth. */
function same(v: unknown): void {
  const want = JSON.stringify(v, null, 2) ?? "undefined";
  for (const depth of [0, 1, 2, 3, 8, 20])
    assert.equal(
      collect((emit) => writeJson(v, emit, depth)),
      want,
    );
}

describe("streamed JSON (JSON.stringify(v, null, 2) piece by piece)", () => {
  it("prints scalars, empty containers and nesting as JSON.stringify does", () => {
    for (const v of [
      {},
      [],
      1,
      -0,
      1e21,
      "x\ny",
      null,
      true,
      { a: { b: { c: { d: { e: [1, { f: {} }, []] } } } } },
    ])
      same(v);
    same([[[[[[[[[[[1, 2, { a: [3] }]]]]]]]]]]]);
  });

  it("leaves out undefined, functions and symbols in objects, prints null for them in arrays", () => {
    same({ a: undefined, b: () => 1, c: Symbol("c"), d: 1 });
    same({ a: undefined });
    same([undefined, () => 1, Symbol("s"), Number.NaN, Number.POSITIVE_INFINITY]);
    same(undefined);
  });

  it("hands values with toJSON, dates and null-prototype objects to the same rules", () => {
    same({
      d: new Date(0),
      gone: { toJSON: () => undefined },
      five: { toJSON: () => 5 },
      deep: { x: { toJSON: () => ({ a: [1] }) } },
    });
    same(Object.assign(Object.create(null), { x: 1, y: [1, 2] }));
    same(JSON.parse('{"__proto__": {"a": 1}, "10": 2, "b": 3}'));
  });

  it("prints a whole config dump byte for byte, also through 64 KiB chunks", () => {
    const dump = fixtureDump(`${UPSTREAM}/configdump.json`);
    same(dump);
    const pieces: string[] = [];
    const out = chunked((s) => pieces.push(s));
    writeJson(dump, out.emit);
    out.flush();
    assert.equal(pieces.join(""), JSON.stringify(dump, null, 2));
    assert.ok(pieces.slice(0, -1).every((p) => p.length >= 1 << 16));
  });
});
