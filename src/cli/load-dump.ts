import { istioVersionOf } from "../envoy/configdump.js";
import type { ConfigDump, JsonObject } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { type TranslateResult, translate } from "../xds/translate.js";
import { dumpFromAdmin, readDumpFile } from "./dump-source.js";
import type { Diagnostics, Io } from "./io.js";
import { type LoadedManifests, loadManifests } from "./manifest-source.js";
import { count, type Progress } from "./progress.js";
import { chooseProfile } from "./version-choice.js";

/**
 * One config dump from any of its three sources (DESIGN.md's pivot): simulated from
 * manifests, read from a file, or fetched from a live Envoy. Every command that needs a dump
 * (proxy-config, diff) comes through here, so they read the sources the same way.
 */

export type DumpSource =
  | {
      readonly kind: "manifests";
      readonly paths: readonly string[];
      readonly workload: string | undefined;
      readonly namespace: string;
      readonly domainSuffix: string;
    }
  | { readonly kind: "file"; readonly path: string }
  | {
      readonly kind: "admin";
      readonly url: string;
      readonly timeoutMs: number;
      readonly maxBytes: number;
      /** The view the dump is for: it decides the admin API's mask. */
      readonly view: string;
    };

export interface LoadedDump {
  readonly dump: ConfigDump;
  readonly profile: VersionProfile;
  /** Input errors were reported on stderr; the exit code must be 2 even with output. */
  readonly hadErrors: boolean;
  /** The Istio version the source reports (bootstrap, admin server_info, gateway image). */
  readonly version?: string;
  readonly clusterStatuses?: JsonObject;
}

export interface LoadOptions {
  /**
   * The release line to read or simulate in: a line, "auto" (the version the source reports),
   * or undefined for the newest. Commands turn an unset --istio-version into "auto" for dumps.
   */
  readonly istioVersion: string | undefined;
  /** Status line for long runs (a terminal only). */
  readonly progress?: Progress;
  /** For "auto" on manifests: a version known from elsewhere (the live side of a diff) wins over the image tag. */
  readonly versionHint?: string;
}

/** The profile for --istio-version and the version a source reports, saying on stderr how it was chosen. */
export function profileFor(d: Diagnostics, istioVersion: string | undefined, version: string | undefined) {
  const choice = chooseProfile(istioVersion, version);
  if (choice.note) d.note(choice.note);
  return choice.profile;
}

/**
 * Loaded manifests translated as istiod would for their gateway proxy, with istiod's notes
 * on stderr. `versionHint` (a version known from elsewhere) wins over the gateway image tag.
 */
export function simulateManifests(
  d: Diagnostics,
  loaded: LoadedManifests,
  istioVersion: string | undefined,
  versionHint?: string,
  progress?: Progress,
): { readonly result: TranslateResult; readonly profile: VersionProfile; readonly version?: string } {
  const version = versionHint ?? loaded.proxy.imageVersion;
  const profile = profileFor(d, istioVersion, version);
  const what = `translating ${count(loaded.mesh.virtualServices.length)} VirtualServices and ${count(loaded.mesh.services.length)} services for ${loaded.proxy.name}`;
  progress?.status(what);
  const result = translate({
    mesh: loaded.mesh,
    proxy: loaded.proxy,
    profile,
    ...(progress && { onProgress: (done: string) => progress.status(`${what}: ${done}`) }),
  });
  for (const n of result.notes) (n.level === "warning" ? d.warn : d.note)(`istiod: ${n.message}`);
  return { result, profile, ...(version && { version }) };
}

export async function loadDump(io: Io, d: Diagnostics, src: DumpSource, o: LoadOptions): Promise<LoadedDump> {
  switch (src.kind) {
    case "manifests": {
      const loaded = loadManifests(
        io,
        d,
        {
          paths: src.paths,
          namespace: src.namespace,
          domainSuffix: src.domainSuffix,
          workload: src.workload,
        },
        o.progress,
      );
      const sim = simulateManifests(d, loaded, o.istioVersion, o.versionHint, o.progress);
      return {
        dump: sim.result.dump,
        profile: sim.profile,
        hadErrors: loaded.hadErrors,
        ...(sim.version && { version: sim.version }),
      };
    }
    case "file": {
      const dump = readDumpFile(io, src.path);
      const version = istioVersionOf(dump);
      const profile = profileFor(d, o.istioVersion, version);
      return { dump, profile, hadErrors: false, ...(version && { version }) };
    }
    case "admin": {
      const got = await dumpFromAdmin(src.view, {
        admin: src.url,
        timeoutMs: src.timeoutMs,
        maxBytes: src.maxBytes,
        wantVersion: o.istioVersion === "auto",
      });
      const version = got.istioVersion ?? istioVersionOf(got.dump);
      return {
        dump: got.dump,
        profile: profileFor(d, o.istioVersion, version),
        hadErrors: false,
        ...(version && { version }),
        ...(got.clusterStatuses && { clusterStatuses: got.clusterStatuses }),
      };
    }
  }
}
