import { istioVersionOf } from "../../envoy/configdump.js";
import type { ConfigDump, JsonObject } from "../../envoy/types.js";
import type { OutputFormat, ViewFilters, ViewName } from "../../views/render.js";
import { renderView } from "../../views/render.js";
import { translate } from "../../xds/translate.js";
import { dumpFromAdmin, parseSize, parseTimeout, readDumpFile } from "../dump-source.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { type Diagnostics, diagnostics, type Io, writeLarge } from "../io.js";
import { loadManifests } from "../manifest-source.js";
import { clearingFirst, count, type Progress, progressFor } from "../progress.js";
import { chooseProfile } from "../version-choice.js";

interface Options {
  filename?: string[];
  dump?: string;
  admin?: string;
  timeout: string;
  maxSize: string;
  namespace: string;
  istioVersion?: string;
  domainSuffix: string;
  output: OutputFormat;
  port?: number;
  address?: string;
  type?: string;
  name?: string;
  fqdn?: string;
  direction?: string;
  subset?: string;
  cluster?: string;
  status?: string;
  verbose?: string | boolean;
  withHeaders?: boolean;
}

/** Listeners, route configurations, clusters, endpoint configurations and secrets of a dump. */
function resourceCount(dump: ConfigDump): number {
  let n = 0;
  for (const section of dump.configs)
    for (const [k, v] of Object.entries(section)) if (k !== "@type" && Array.isArray(v)) n += v.length;
  return n;
}

function parseBool(v: string | boolean | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  throw new CliError(`--verbose takes true or false, not "${v}"`);
}

function filtersOf(o: Options): ViewFilters {
  const verbose = parseBool(o.verbose);
  return {
    ...(o.port !== undefined && { port: o.port }),
    ...(o.address !== undefined && { address: o.address }),
    ...(o.type !== undefined && { type: o.type }),
    ...(o.name !== undefined && { name: o.name }),
    ...(o.fqdn !== undefined && { fqdn: o.fqdn }),
    ...(o.direction !== undefined && { direction: o.direction }),
    ...(o.subset !== undefined && { subset: o.subset }),
    ...(o.cluster !== undefined && { cluster: o.cluster }),
    ...(o.status !== undefined && { status: o.status }),
    ...(verbose !== undefined && { verbose }),
    ...(o.withHeaders !== undefined && { withHeaders: o.withHeaders }),
  };
}

/**
 * Manifests → the simulated dump. A function of its own so that the manifests and the mesh
 * are garbage once it returns: rendering a large dump needs that memory.
 */
function simulate(
  io: Io,
  d: Diagnostics,
  progress: Progress,
  files: string[],
  workload: string | undefined,
  o: Options,
): { dump: ConfigDump; hadErrors: boolean; choice: ReturnType<typeof chooseProfile> } {
  const loaded = loadManifests(
    io,
    d,
    { paths: files, namespace: o.namespace, domainSuffix: o.domainSuffix, workload },
    progress,
  );
  const choice = chooseProfile(o.istioVersion, loaded.proxy.imageVersion);
  const m = loaded.mesh;
  progress.status(
    `translating ${count(m.virtualServices.length)} VirtualServices, ${count(m.services.length)} services for ${loaded.proxy.name}`,
  );
  const result = translate({ mesh: loaded.mesh, proxy: loaded.proxy, profile: choice.profile });
  for (const n of result.notes) (n.level === "warning" ? d.warn : d.note)(`istiod: ${n.message}`);
  return { dump: result.dump, hadErrors: loaded.hadErrors, choice };
}

export async function runProxyConfig(
  io: Io,
  view: string,
  workload: string | undefined,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const progress = progressFor(io);
  try {
    return await run(io, progress, view, workload, options as unknown as Options, globals);
  } finally {
    progress.clear(); // also when an error is about to be printed
  }
}

async function run(
  io: Io,
  progress: Progress,
  view: string,
  workload: string | undefined,
  o: Options,
  globals: Record<string, unknown>,
): Promise<number> {
  const d = clearingFirst(diagnostics(io, globals.color === false), progress);
  const files = o.filename ?? [];
  const admin = o.admin ?? io.env.GWCTL_ADMIN;
  const sources = [files.length > 0 && "-f", o.dump && "--dump", o.admin && "--admin"].filter(Boolean);
  if (sources.length > 1) throw new CliError(`use one source: ${sources.join(", ")} were all given`);
  if (files.length === 0 && !o.dump && !admin) {
    throw new CliError(
      `proxy-config ${view} needs manifests (-f FILE|DIR|-), a config dump (--dump FILE) or an admin API (--admin URL)`,
    );
  }

  let dump: ConfigDump;
  let hadErrors = false;
  let choice: ReturnType<typeof chooseProfile>;
  let clusterStatuses: JsonObject | undefined;
  if (files.length > 0) {
    ({ dump, hadErrors, choice } = simulate(io, d, progress, files, workload, o));
  } else {
    if (workload !== undefined)
      d.warn(`workload "${workload}" is ignored: a dump or admin API is of one proxy already`);
    if (o.dump) {
      dump = readDumpFile(io, o.dump);
      choice = chooseProfile(o.istioVersion, istioVersionOf(dump));
    } else {
      const got = await dumpFromAdmin(view, {
        admin: admin as string,
        timeoutMs: parseTimeout(o.timeout),
        maxBytes: parseSize(o.maxSize),
        wantVersion: o.istioVersion === "auto",
      });
      dump = got.dump;
      clusterStatuses = got.clusterStatuses;
      choice = chooseProfile(o.istioVersion, got.istioVersion ?? istioVersionOf(dump));
    }
  }
  if (choice.note) d.note(choice.note);

  progress.status(`rendering ${count(resourceCount(dump))} resources`);
  const rendered = renderView(dump, {
    view: view as ViewName,
    output: o.output,
    profile: choice.profile,
    now: io.now(),
    filters: filtersOf(o),
    ...(clusterStatuses && { clusterStatuses }),
  });
  if (!rendered.ok) throw new CliError(rendered.message);
  progress.clear();
  writeLarge(io.stdout, rendered.text);
  return hadErrors ? EXIT_USAGE : EXIT_OK;
}
