import type { ConfigDump } from "../../envoy/types.js";
import type { OutputFormat, ViewFilters, ViewName } from "../../views/render.js";
import { edsOutput, viewOutput } from "../../views/render.js";
import { isEmptyAnswer } from "../../views/result.js";
import { chunked } from "../../views/sink.js";
import { parseSize, parseTimeout } from "../dump-source.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { diagnostics, type Io, writeLarge } from "../io.js";
import { type DumpSource, loadDump } from "../load-dump.js";
import { clearingFirst, count, type Progress, progressFor } from "../progress.js";

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

/** How many resources a dump holds, for the status line. */
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

  if (files.length === 0 && workload !== undefined)
    d.warn(`workload "${workload}" is ignored: a dump or admin API is of one proxy already`);
  const src: DumpSource =
    files.length > 0
      ? { kind: "manifests", paths: files, workload, namespace: o.namespace, domainSuffix: o.domainSuffix }
      : o.dump
        ? { kind: "file", path: o.dump }
        : {
            kind: "admin",
            url: admin as string,
            timeoutMs: parseTimeout(o.timeout),
            maxBytes: parseSize(o.maxSize),
            view,
          };
  const { dump, profile, hadErrors, clusterStatuses } = await loadDump(io, d, src, {
    // A dump says which Istio it came from (its bootstrap); manifests say nothing reliable.
    istioVersion: o.istioVersion ?? (src.kind === "manifests" ? undefined : "auto"),
    progress,
  });

  progress.status(`rendering ${count(resourceCount(dump))} resources`);
  const request = {
    output: o.output,
    profile,
    now: io.now(),
    filters: filtersOf(o),
    ...(clusterStatuses && { clusterStatuses }),
  };
  const rendered =
    view === "eds" ? edsOutput(dump, request) : viewOutput(dump, { ...request, view: view as ViewName });
  if (!rendered.ok) {
    // istioctl's `pc all` prints the sections it could before failing; keep them.
    if (rendered.text) writeLarge(io.stdout, rendered.text);
    // An empty section is an answer, not a failure of the input.
    if (isEmptyAnswer(rendered.message)) {
      d.note(rendered.message);
      return hadErrors ? EXIT_USAGE : EXIT_OK;
    }
    throw new CliError(rendered.message);
  }
  progress.clear();
  // Streamed: a whole dump's JSON is never one string (views/sink.ts).
  const out = chunked((text) => writeLarge(io.stdout, text));
  rendered.write(out.emit);
  out.flush();
  return hadErrors ? EXIT_USAGE : EXIT_OK;
}
