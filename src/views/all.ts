import type { ConfigDump } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { bootstrapSummary } from "./bootstrap.js";
import { clusterTable } from "./clusters.js";
import { edsTable } from "./eds.js";
import { listenerTable } from "./listeners.js";
import type { ViewFilters } from "./render.js";
import { fail, ok, type ViewResult } from "./result.js";
import { routeTable } from "./routes.js";
import { secretTable } from "./secrets.js";

/**
 * istioctl `proxy-config all` in its short form (configdump.go PrintFullSummary): the tables
 * one after another, separated by blank lines. Which tables, and whether names carry a
 * `listener/`, `route/`, … prefix, depends on the release (see VersionProfile).
 */
export function allSummary(
  dump: ConfigDump,
  profile: VersionProfile,
  filters: ViewFilters,
  now: Date,
): ViewResult {
  if (filters.withHeaders && !profile.allWithHeaders) return fail("unknown flag: --with-headers");
  const typePrefix = profile.allTypePrefixes;
  const sections: [string, () => ViewResult][] = [
    ["CLUSTER INFO", () => clusterTable(dump, { profile, filter: filters, typePrefix })],
    ["LISTENER INFO", () => listenerTable(dump, { profile, filter: filters, typePrefix })],
    ["ROUTE INFO", () => routeTable(dump, { profile, filter: filters, typePrefix })],
    ["SECRET INFO", () => secretTable(dump, { profile, now, typePrefix })],
  ];
  if (profile.allBootstrapSummary) sections.unshift(["BOOTSTRAP INFO", () => bootstrapSummary(dump)]);
  if (typePrefix) {
    // `all` has no --cluster or --status; --address and --port reach the EDS table as they are.
    const filter = { address: filters.address, port: filters.port };
    sections.push(["ENDPOINTS INFO", () => ok(edsTable(dump, { profile, filter, typePrefix }))]);
  }
  let text = "";
  for (const [i, [title, render]] of sections.entries()) {
    if (i > 0) text += "\n";
    if (filters.withHeaders) text += `------ ${title} ------\n\n`;
    const r = render();
    if (!r.ok) return fail(r.message, text);
    text += r.text;
  }
  return ok(text);
}
