import { parseFiles } from "../manifests/load.js";
import { readManifestPaths } from "../manifests/read.js";
import { formatInputError, type InputError, type ManifestObject } from "../manifests/types.js";
import { buildMesh, type Warning } from "../mesh/build.js";
import type { Mesh } from "../mesh/model.js";
import {
  DEFAULT_GATEWAY_REF,
  type GatewayProxy,
  parseWorkloadRef,
  resolveGatewayProxy,
} from "../mesh/workloads.js";
import { CliError } from "./exit.js";
import type { Diagnostics, Io } from "./io.js";
import { count, type Progress } from "./progress.js";
import { danglingGatewayReferences } from "./reference-check.js";

export interface ManifestOptions {
  readonly paths: readonly string[];
  readonly namespace: string;
  readonly domainSuffix: string;
  readonly workload: string | undefined;
}

export interface LoadedManifests {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
  /** Input errors were reported: the exit code must be 2 even though output was produced. */
  readonly hadErrors: boolean;
}

/**
 * Files → objects, reporting on stderr what could not be read or parsed, the files and the
 * kinds that were skipped. Throws CliError only when nothing usable remains. Every command
 * that reads manifests comes through here, so none of them drops input silently.
 */
export function readObjects(
  io: Io,
  d: Diagnostics,
  o: Pick<ManifestOptions, "paths" | "namespace">,
  progress?: Progress,
): { readonly objects: readonly ManifestObject[]; readonly errors: readonly InputError[] } {
  progress?.status("reading manifests");
  const read = readManifestPaths(o.paths, io.readStdin);
  const loaded = parseFiles(read.files, {
    defaultNamespace: o.namespace,
    ...(progress && {
      onFile: (done: number, total: number, objects: number) =>
        progress.status(`parsing manifests: ${count(done)}/${count(total)} files, ${count(objects)} objects`),
    }),
  });
  const errors: InputError[] = [...read.errors, ...loaded.errors];
  for (const e of errors) d.error(formatInputError(e));
  for (const s of read.skipped) d.note(`skipped ${s.file}: ${s.reason}`);
  if (loaded.skipped.size > 0) {
    const total = [...loaded.skipped.values()].reduce((a, b) => a + b, 0);
    const kinds = [...loaded.skipped.entries()].map(([k, n]) => `${k} ${n}`).join(", ");
    d.note(`skipped ${total} object${total === 1 ? "" : "s"} of kinds gwctl does not use: ${kinds}`);
  }
  if (loaded.objects.length === 0) {
    if (errors.length > 0) throw new CliError("no usable manifests (see the errors above)");
    d.warn(`no Kubernetes objects in ${o.paths.join(", ")}`);
  }
  return { objects: loaded.objects, errors };
}

/** The mesh builder's warnings (duplicates, ignored fields), with their file and line. */
export function reportWarnings(d: Diagnostics, warnings: readonly Warning[]): void {
  for (const w of warnings)
    d.warn(w.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ${w.message}` : w.message);
}

/**
 * Manifests → mesh → the gateway proxy to simulate, reporting on stderr everything that was
 * skipped or rejected. Throws CliError only when nothing usable remains.
 */
export function loadManifests(
  io: Io,
  d: Diagnostics,
  o: ManifestOptions,
  progress?: Progress,
): LoadedManifests {
  const read = readObjects(io, d, o, progress);
  progress?.status(`building the mesh from ${count(read.objects.length)} objects`);
  const built = buildMesh(read.objects, { domainSuffix: o.domainSuffix });
  for (const e of built.errors) d.error(formatInputError(e));
  reportWarnings(d, built.warnings);
  for (const r of danglingGatewayReferences(built.mesh))
    d.warn(r.file ? `${r.file}:${r.line}: ${r.message}` : r.message);
  const hadErrors = read.errors.length > 0 || built.errors.length > 0;

  const isDefault = o.workload === undefined;
  const ref = isDefault ? DEFAULT_GATEWAY_REF : parseWorkloadRef(o.workload as string, o.namespace);
  if ("error" in ref) throw new CliError(ref.error);
  const resolved = resolveGatewayProxy(built.mesh, ref, isDefault);
  if ("error" in resolved) throw new CliError(resolved.error);
  let mesh = built.mesh;
  if (resolved.synthetic) mesh = { ...mesh, services: [...mesh.services, resolved.synthetic] };
  if (resolved.proxy.origin === "default") {
    d.note(
      `no istio-ingressgateway workload in istio-system in the manifests; using ${resolved.proxy.description}`,
    );
  } else if (resolved.proxy.origin === "istiooperator") {
    d.note(`gateway workload: ${resolved.proxy.description}`);
  }
  return { mesh, proxy: resolved.proxy, hadErrors };
}
