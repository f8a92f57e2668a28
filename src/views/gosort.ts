/**
 * Go's sort.Slice (pattern-defeating quicksort since Go 1.19), re-implemented so that rows
 * come out in istioctl's order even where its comparators are not strict weak orders: the
 * route table's Atoi comparator says "not less" for every non-numeric name, and then the
 * result depends on the exact sequence of comparisons and swaps. sort.Slice is not stable;
 * slices of up to 12 elements get a plain insertion sort, which is.
 */

type Less<T> = (a: T, b: T) => boolean;

enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

interface Data<T> {
  readonly a: T[];
  readonly lessFn: Less<T>;
}

function less<T>(d: Data<T>, i: number, j: number): boolean {
  return d.lessFn(d.a[i] as T, d.a[j] as T);
}

function swap<T>(d: Data<T>, i: number, j: number): void {
  const t = d.a[i] as T;
  d.a[i] = d.a[j] as T;
  d.a[j] = t;
}

/** Sorts `items` in place exactly as Go's sort.Slice(items, less) would. */
export function goSortSlice<T>(items: T[], lessFn: Less<T>): T[] {
  const n = items.length;
  pdqsort({ a: items, lessFn }, 0, n, bitLen(n));
  return items;
}

function bitLen(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

function insertionSort<T>(d: Data<T>, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(d, j, j - 1); j--) swap(d, j, j - 1);
  }
}

function siftDown<T>(d: Data<T>, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && less(d, first + child, first + child + 1)) child++;
    if (!less(d, first + root, first + child)) return;
    swap(d, first + root, first + child);
    root = child;
  }
}

function heapSort<T>(d: Data<T>, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    swap(d, a, a + i);
    siftDown(d, 0, i, a);
  }
}

function pdqsort<T>(d: Data<T>, a0: number, b0: number, limit0: number): void {
  let a = a0;
  let b = b0;
  let limit = limit0;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) {
      insertionSort(d, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(d, a, b)) return;
    if (a > 0 && !less(d, a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition<T>(d: Data<T>, a: number, b: number, pivot: number): [number, boolean] {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && less(d, i, a)) i++;
  while (i <= j && !less(d, j, a)) j--;
  if (i > j) {
    swap(d, j, a);
    return [j, true];
  }
  swap(d, i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && less(d, i, a)) i++;
    while (i <= j && !less(d, j, a)) j--;
    if (i > j) break;
    swap(d, i, j);
    i++;
    j--;
  }
  swap(d, j, a);
  return [j, false];
}

function partitionEqual<T>(d: Data<T>, a: number, b: number, pivot: number): number {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !less(d, a, i)) i++;
    while (i <= j && less(d, a, j)) j--;
    if (i > j) break;
    swap(d, i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort<T>(d: Data<T>, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !less(d, i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(d, i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!less(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!less(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
  }
  return false;
}

/** Go seeds its xorshift with the slice length, so the "random" swaps are deterministic. */
function breakPatterns<T>(d: Data<T>, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let r = BigInt(length);
  const mask64 = (1n << 64n) - 1n;
  const modulus = BigInt(2 ** bitLen(length));
  const start = a + Math.trunc(length / 4) * 2 - 1;
  for (let idx = start; idx <= a + Math.trunc(length / 4) * 2 + 1; idx++) {
    r ^= (r << 13n) & mask64;
    r ^= r >> 7n;
    r ^= (r << 17n) & mask64;
    let other = Number(r & (modulus - 1n));
    if (other >= length) other -= length;
    swap(d, idx, a + other);
  }
}

function choosePivot<T>(d: Data<T>, a: number, b: number): [number, Hint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(d, i - 1, i, i + 1, swaps);
      j = median(d, j - 1, j, j + 1, swaps);
      k = median(d, k - 1, k, k + 1, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, Hint.Increasing];
  if (swaps.n === maxSwaps) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function order2<T>(d: Data<T>, a: number, b: number, swaps: { n: number }): [number, number] {
  if (less(d, b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

/** Orders (a, b), then (b, c), then (a, b) again, and returns the middle index. */
function median<T>(d: Data<T>, a0: number, b0: number, c0: number, swaps: { n: number }): number {
  const [a1, b1] = order2(d, a0, b0, swaps);
  const [b2] = order2(d, b1, c0, swaps);
  const [, b3] = order2(d, a1, b2, swaps);
  return b3;
}

function reverseRange<T>(d: Data<T>, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) swap(d, i, j);
}
