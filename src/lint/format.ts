/**
 * Go's fmt verbs as istio's message templates use them: %s and %v (a list prints as
 * `[a b]`), %d, and %q (a double-quoted string).
 */
function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (v === null || v === undefined) return "<nil>";
  return String(v);
}

export function goSprintf(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%([sdqv%])/g, (_m, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[i++];
    switch (verb) {
      case "q":
        return JSON.stringify(goValue(arg));
      case "d":
        return typeof arg === "number" ? String(Math.trunc(arg)) : goValue(arg);
      default:
        return goValue(arg);
    }
  });
}
