import { istioVersionOf } from "../envoy/configdump.js";
import type { ConfigDump } from "../envoy/types.js";
import type { Mesh } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import type { ListenerResult } from "../xds/listeners.js";
import { readDumpFile } from "./dump-source.js";
import { CliError } from "./exit.js";
import type { Diagnostics, Io } from "./io.js";
import { profileFor, simulateManifests } from "./load-dump.js";
import { loadManifests } from "./manifest-source.js";

/**
 * Where simulate, route check and describe get their config: a dump (simulated from the
 * manifests, or read from a source such as --dump FILE) and, when manifests were given, the
 * mesh behind it. A live Envoy plugs in as another DumpReader.
 */

export type DumpReader = () => Promise<ConfigDump>;

export interface SourceOptions {
  readonly filename?: string[];
  readonly dump?: string;
  readonly namespace: string;
  readonly istioVersion?: string;
  readonly domainSuffix: string;
}

export interface ConfigSource {
  readonly dump: ConfigDump;
  /** The manifests, when -f was given: with --dump they only name the gateway Service and pods. */
  readonly manifests?: {
    readonly mesh: Mesh;
    readonly proxy: GatewayProxy;
    /** The translated listeners, when the dump was simulated from these manifests. */
    readonly listeners?: readonly ListenerResult[];
  };
  /** The Istio release line the dump is read (or was simulated) in. */
  readonly profile: VersionProfile;
  /** Input errors were reported on stderr: the exit code must be 2. */
  readonly hadErrors: boolean;
}

/** The dump reader the options name (--dump FILE), or undefined to simulate from manifests. */
export function dumpReaderFor(io: Io, o: SourceOptions): DumpReader | undefined {
  const path = o.dump;
  if (path === undefined) return undefined;
  return async () => readDumpFile(io, path);
}

export async function loadConfigSource(
  io: Io,
  d: Diagnostics,
  o: SourceOptions,
  workload: string | undefined,
  reader: DumpReader | undefined,
  command: string,
): Promise<ConfigSource> {
  const files = o.filename ?? [];
  if (files.length === 0 && !reader) {
    throw new CliError(`${command} needs manifests (-f FILE|DIR|-) or a config dump (--dump FILE)`);
  }
  if (files.length === 0 && workload !== undefined)
    d.warn(`--gateway ${workload} is ignored without -f: the dump is of one proxy already`);
  const loaded =
    files.length > 0
      ? loadManifests(io, d, { paths: files, namespace: o.namespace, domainSuffix: o.domainSuffix, workload })
      : undefined;
  if (reader) {
    const dump = await reader();
    return {
      dump,
      ...(loaded && { manifests: { mesh: loaded.mesh, proxy: loaded.proxy } }),
      profile: profileFor(d, o.istioVersion ?? "auto", istioVersionOf(dump)),
      hadErrors: loaded?.hadErrors ?? false,
    };
  }
  const m = loaded as NonNullable<typeof loaded>;
  const { result, profile } = simulateManifests(d, m, o.istioVersion);
  return {
    dump: result.dump,
    manifests: { mesh: m.mesh, proxy: m.proxy, listeners: result.listeners },
    profile,
    hadErrors: m.hadErrors,
  };
}
