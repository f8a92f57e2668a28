/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

const normalise = (s: string): string => s.replace(/[-_]/g, "").toLowerCase();

/**
 * The known field a misspelt one most likely meant: the same name in another case or
 * spelling (`credential_name`, `Hosts`), else the closest by edit distance when that is
 * small for the name's length. Undefined when nothing is close.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const n = normalise(name);
  const same = known.find((k) => normalise(k) === n);
  if (same) return same;
  const max = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const k of known) {
    const d = editDistance(n, normalise(k), max);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
