/**
 * Go compares strings bytewise (UTF-8). JavaScript's `<` compares UTF-16 code units, which
 * orders characters above U+FFFF differently; istioctl's sorts must follow Go.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function goLess(a: string, b: string): boolean {
  return compareBytes(a, b) < 0;
}

/** strings.EqualFold for the ASCII and Latin texts istioctl compares (names, statuses). */
export function equalFold(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}
