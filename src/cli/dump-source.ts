import { adminBaseUrl, fetchClusterStatuses, fetchConfigDump, fetchServerInfo } from "../envoy/admin.js";
import { configDumpProblem } from "../envoy/configdump.js";
import type { ConfigDump, JsonObject } from "../envoy/types.js";
import { CliError } from "./exit.js";
import type { Io } from "./io.js";
import { readTextFile } from "./read-text.js";

/** Read a saved config dump (`--dump FILE`, `-` for stdin). */
export function readDumpFile(io: Io, path: string): ConfigDump {
  const text = readTextFile(io, path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path}: not a JSON config dump (${(e as Error).message})`);
  }
  const problem = configDumpProblem(parsed);
  if (problem) throw new CliError(`${path}: ${problem}`);
  return parsed as ConfigDump;
}

/**
 * What istioctl asks the admin API for, per view (istioctl/pkg/proxyconfig). Views without a
 * mask get the whole dump with include_eds=true, istioctl's edsPath, which `pc ecds` uses
 * too (proxyconfig.go ecdsConfigCmd).
 */
const MASKS: Record<string, readonly string[] | undefined> = {
  listeners: ["dynamic_listeners", "static_listeners"],
  routes: ["dynamic_route_configs", "static_route_configs"],
  clusters: ["dynamic_active_clusters", "dynamic_warming_clusters", "static_clusters"],
  secrets: ["dynamic_active_secrets", "dynamic_warming_secrets"],
  bootstrap: ["bootstrap"],
};

export interface AdminSource {
  readonly dump: ConfigDump;
  readonly clusterStatuses?: JsonObject;
  /** node.metadata.ISTIO_VERSION from /server_info, when asked for and the dump has no bootstrap. */
  readonly istioVersion?: string;
}

export interface AdminFlags {
  readonly admin: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** The Istio version is wanted (--istio-version unset or auto). */
  readonly wantVersion: boolean;
}

/**
 * Whether the version must come from /server_info: a masked config_dump has no bootstrap, and
 * the mask cannot name it. Envoy drops every config for which a mask path is not a field
 * (admin/config_dump_handler.cc addAllConfigToDump: "different callback return types will
 * have different valid field masks"), so `dynamic_listeners,static_listeners,bootstrap` fits
 * no config and is answered 400.
 */
export function needsServerInfo(view: string, wantVersion: boolean): boolean {
  const mask = MASKS[view];
  return wantVersion && mask !== undefined && !mask.includes("bootstrap");
}

/** Fetch what a view needs from a live Envoy; every failure becomes one CliError line. */
export async function dumpFromAdmin(view: string, f: AdminFlags): Promise<AdminSource> {
  const base = adminBaseUrl(f.admin);
  if (!base.ok) throw new CliError(`--admin: ${base.reason}`);
  const opts = { timeoutMs: f.timeoutMs, maxBytes: f.maxBytes };
  const mask = MASKS[view];
  const dump = await fetchConfigDump(base.value, mask ? { mask } : { includeEds: true }, opts);
  if (!dump.ok) throw new CliError(dump.reason);
  let clusterStatuses: JsonObject | undefined;
  if (view === "endpoints") {
    const c = await fetchClusterStatuses(base.value, opts);
    if (!c.ok) throw new CliError(c.reason);
    clusterStatuses = c.value;
  }
  let istioVersion: string | undefined;
  if (needsServerInfo(view, f.wantVersion)) {
    // Only the layout depends on it: an admin API that hides /server_info gets the newest line.
    const info = await fetchServerInfo(base.value, opts);
    if (info.ok) {
      const md = (info.value.node as JsonObject | undefined)?.metadata as JsonObject | undefined;
      if (typeof md?.ISTIO_VERSION === "string") istioVersion = md.ISTIO_VERSION;
    }
  }
  return {
    dump: dump.value,
    ...(clusterStatuses && { clusterStatuses }),
    ...(istioVersion && { istioVersion }),
  };
}

/** "32MiB", "50MB", "1048576" → bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i.exec(text.trim());
  if (!m) throw new CliError(`--max-size: "${text}" is not a size (e.g. 64MiB)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? "b").toLowerCase();
  const mult: Record<string, number> = {
    b: 1,
    kb: 1e3,
    kib: 1024,
    mb: 1e6,
    mib: 1024 ** 2,
    gb: 1e9,
    gib: 1024 ** 3,
  };
  return Math.floor(n * (mult[unit] as number));
}

/** "10s", "500ms", "2m", "10" (seconds) → milliseconds. */
export function parseTimeout(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new CliError(`--timeout: "${text}" is not a duration (e.g. 10s, 500ms)`);
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  return Math.round(unit === "ms" ? n : unit === "m" ? n * 60_000 : n * 1000);
}
