import { goAtoi } from "../envoy/clustername.js";
import { routeConfigs } from "../envoy/configdump.js";
import { typeNameOfUrl } from "../envoy/proto.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  DUMP_TYPES,
  type JsonObject,
  objectAt,
  objectsIn,
  RESOURCE_TYPES,
  stringAt,
  stringsIn,
} from "../envoy/types.js";
import { describeManagement, describeMatch } from "./describe.js";
import { goSortSlice } from "./gosort.js";
import { table } from "./output.js";
import {
  type Found,
  fail,
  found,
  ok,
  sectionResources,
  type TableOptions,
  type ViewResult,
} from "./result.js";

/** istioctl `proxy-config routes` (istioctl/pkg/writer/envoy/configdump/route.go). */

export interface RouteFilter {
  /** Exact route configuration name. */
  readonly name?: string;
  readonly verbose?: boolean;
}

/**
 * Dynamic then static route configurations, "sorted" the way istioctl sorts them: its
 * comparator orders names that parse as integers and calls every other pair equal, which
 * with Go's sort leaves non-numeric names (http.8080, static configs) where they were.
 */
function retrieveRoutes(dump: ConfigDump): Found<JsonObject[]> {
  const got = sectionResources(dump, DUMP_TYPES.routes, routeConfigs, "routes");
  if (!got.ok) return got;
  return found(
    goSortSlice(got.value, (a, b) => {
      const i = goAtoi(stringAt(a, "name") ?? "");
      const j = goAtoi(stringAt(b, "name") ?? "");
      return i !== undefined && j !== undefined && i < j;
    }),
  );
}

export function routeTable(dump: ConfigDump, opts: TableOptions<RouteFilter>): ViewResult {
  const got = retrieveRoutes(dump);
  if (!got.ok) return fail(got.message);
  const { profile, filter } = opts;
  const verbose = filter.verbose ?? true;
  const vhostColumn = profile.routeVhostNameColumn;
  const header = verbose
    ? ["NAME", ...(vhostColumn ? ["VHOST NAME"] : []), "DOMAINS", "MATCH", "VIRTUAL SERVICE"]
    : ["NAME", "VIRTUAL HOSTS"];
  const lines = [`${header.join("\t")}\n`];
  for (const rc of got.value.filter((r) => matches(r, filter))) {
    const name = `${opts.typePrefix ? "route/" : ""}${stringAt(rc, "name") ?? ""}`;
    const vhosts = objectsIn(rc.virtual_hosts);
    if (!verbose) {
      lines.push(`${name}\t${vhosts.length}\n`);
      continue;
    }
    for (const vh of vhosts) {
      const lead = [
        name,
        ...(vhostColumn ? [stringAt(vh, "name") ?? ""] : []),
        describeRouteDomains(stringsIn(vh.domains)),
      ];
      const routes = objectsIn(vh.routes);
      for (const r of routes) {
        if (isPassthrough(r)) continue;
        const cells = [
          ...lead,
          describeMatch(objectAt(r, "match"), profile),
          describeManagement(objectAt(r, "metadata"), profile),
        ];
        lines.push(`${cells.join("\t")}\n`);
      }
      if (routes.length === 0) lines.push(`${[...lead, "/*", "404"].join("\t")}\n`);
    }
  }
  return ok(table(lines.join(""), 5));
}

/** `-o json|yaml`: the matching route configurations in table order. */
export function routeResources(dump: ConfigDump, filter: RouteFilter): Found<PbMessage[]> {
  const got = retrieveRoutes(dump);
  if (!got.ok) return got;
  const type = typeNameOfUrl(RESOURCE_TYPES.routeConfiguration);
  return found(got.value.filter((r) => matches(r, filter)).map((r) => toPbMessage(r, type)));
}

function matches(rc: JsonObject, f: RouteFilter): boolean {
  return !f.name || f.name === (stringAt(rc, "name") ?? "");
}

function isPassthrough(route: JsonObject): boolean {
  return stringAt(objectAt(route, "route"), "cluster") === "PassthroughCluster";
}

/**
 * At most two domains: those without a port (bracketed IPv6 kept), minus `x.svc` and
 * `x.svc.cluster.local` when `x` is there, then ` + N more...`.
 */
export function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return "";
  if (domains.length === 1) return domains[0] as string;
  const withoutPort = domains.filter(
    (d) => !d.includes(":") || (d.split(":").length - 1 > 2 && d.endsWith("]")),
  );
  const shown = unexpandDomains(withoutPort);
  if (shown.length > 2) return `${shown.slice(0, 2).join(", ")} + ${shown.length - 2} more...`;
  return shown.join(", ");
}

function unexpandDomains(domains: readonly string[]): string[] {
  const unique = new Set(domains);
  const redundant = (h: string): boolean =>
    [".svc.cluster.local", ".svc"].some(
      (suffix) => h.endsWith(suffix) && unique.has(h.slice(0, -suffix.length)),
    );
  return domains.filter((h) => !redundant(h));
}
