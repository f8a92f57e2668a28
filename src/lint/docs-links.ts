/** Where a code is documented: istio.io for IST codes, docs/lint-rules.md for gwctl's own. */
export function documentationUrl(code: string): string {
  if (code.startsWith("IST"))
    return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
  return `docs/lint-rules.md#${code.toLowerCase()}`;
}
