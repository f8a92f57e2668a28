import { clusterKeyLess, clusterSortKey, isSubsetKey, parseSubsetKey } from "../envoy/clustername.js";
import { clusters as dumpClusters } from "../envoy/configdump.js";
import { typeNameOfUrl } from "../envoy/proto.js";
import { type PbMessage, toPbMessage } from "../envoy/protojson.js";
import {
  type ConfigDump,
  DUMP_TYPES,
  type JsonObject,
  objectAt,
  RESOURCE_TYPES,
  stringAt,
} from "../envoy/types.js";
import { describeManagement } from "./describe.js";
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

/** istioctl `proxy-config clusters` (istioctl/pkg/writer/envoy/configdump/cluster.go). */

export interface ClusterFilter {
  readonly fqdn?: string;
  readonly port?: number;
  readonly subset?: string;
  readonly direction?: string;
}

/** Dynamic active then static clusters (warming ones are not shown), sorted as istioctl does. */
function retrieveClusters(dump: ConfigDump): Found<JsonObject[]> {
  const got = sectionResources(dump, DUMP_TYPES.clusters, (d) => dumpClusters(d), "clusters");
  if (!got.ok) return got;
  return found(
    goSortSlice(got.value, (a, b) => clusterKeyLess(clusterSortKey(nameOf(a)), clusterSortKey(nameOf(b)))),
  );
}

export function clusterTable(dump: ConfigDump, opts: TableOptions<ClusterFilter>): ViewResult {
  const got = retrieveClusters(dump);
  if (!got.ok) return fail(got.message);
  const { profile, filter, typePrefix } = opts;
  const header = ["SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE"];
  const lines = [`${(typePrefix ? ["NAME", ...header] : header).join("\t")}\n`];
  for (const c of got.value.filter((x) => matches(x, filter))) {
    const name = nameOf(c);
    const tail = [discoveryType(c), describeManagement(objectAt(c, "metadata"), profile)];
    let cells: string[];
    if (isSubsetKey(name)) {
      const key = parseSubsetKey(name);
      cells = [key.fqdn, String(key.port), key.subset || "-", key.direction, ...tail];
      if (typePrefix) cells.unshift(`cluster/${name}`);
    } else if (typePrefix && name !== "") {
      // istioctl renames the cluster before printing it, so the prefix shows up twice.
      cells = [`cluster/${name}`, `cluster/${name}`, "-", "-", "-", ...tail];
    } else {
      // An unnamed cluster in `pc all` has no NAME cell: its row is one column short.
      cells = [name, "-", "-", "-", ...tail];
    }
    lines.push(`${cells.join("\t")}\n`);
  }
  return ok(table(lines.join(""), 5));
}

/** `-o json|yaml`: the matching clusters in table order. */
export function clusterResources(dump: ConfigDump, filter: ClusterFilter): Found<PbMessage[]> {
  const got = retrieveClusters(dump);
  if (!got.ok) return got;
  const type = typeNameOfUrl(RESOURCE_TYPES.cluster);
  return found(got.value.filter((c) => matches(c, filter)).map((c) => toPbMessage(c, type)));
}

function nameOf(c: JsonObject): string {
  return stringAt(c, "name") ?? "";
}

/** The `type` enum; a custom cluster_type leaves it unset, which reads as STATIC. */
function discoveryType(c: JsonObject): string {
  return stringAt(c, "type") ?? "STATIC";
}

/** istioctl's cluster filters are substring tests on the whole name. */
function matches(c: JsonObject, f: ClusterFilter): boolean {
  const name = nameOf(c);
  if (f.fqdn && !name.includes(f.fqdn)) return false;
  if (f.direction && !name.includes(f.direction)) return false;
  if (f.subset && !name.includes(f.subset)) return false;
  if (f.port && !name.includes(`|${f.port}|`)) return false;
  return true;
}
