import { strict as assert } from "node:assert";
import { goSortSlice } from "../../src/views/gosort.js";

/** A deterministic pseudo-random sequence, so the test never depends on Math.random. */
function numbers(n: number, seed: number): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(x % 1000);
  }
  return out;
}

describe("goSortSlice (Go's sort.Slice)", () => {
  for (const n of [0, 1, 2, 7, 12, 13, 49, 50, 51, 200, 1000]) {
    it(`sorts ${n} numbers with duplicates`, () => {
      const input = numbers(n, n + 1);
      const want = [...input].sort((a, b) => a - b);
      assert.deepEqual(
        goSortSlice(input, (a, b) => a < b),
        want,
      );
    });
  }

  it("sorts already sorted and reversed inputs (pdqsort's pattern paths)", () => {
    const asc = Array.from({ length: 300 }, (_, i) => i);
    assert.deepEqual(
      goSortSlice([...asc], (a, b) => a < b),
      asc,
    );
    assert.deepEqual(
      goSortSlice([...asc].reverse(), (a, b) => a < b),
      asc,
    );
  });

  it("is an insertion sort (hence stable) up to 12 elements", () => {
    const items = ["b1", "a1", "b2", "a2", "c1", "a3"];
    const got = goSortSlice([...items], (x, y) => x.charAt(0) < y.charAt(0));
    assert.deepEqual(got, ["a1", "a2", "a3", "b1", "b2", "c1"]);
  });

  it("reproduces istioctl's route order with its non-transitive Atoi comparator", () => {
    // Non-numeric names compare "not less" both ways, so an insertion sort only lets a
    // numeric name move left past numeric neighbours: "80" stops at "http.8080".
    const atoiLess = (a: string, b: string): boolean =>
      /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) < Number(b) : false;
    const got = goSortSlice(["9080", "http.8080", "443", "80", "", "15010"], atoiLess);
    assert.deepEqual(got, ["9080", "http.8080", "80", "443", "", "15010"]);
  });
});
