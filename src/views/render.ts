import type { ConfigDump, JsonObject } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * The contract between the CLI and the views: one dump in, one text out. A view never
 * knows whether its dump was simulated, read from a file or fetched from Envoy.
 */
export type ViewName = "listeners" | "routes" | "clusters" | "endpoints" | "secrets" | "bootstrap" | "all";
export type OutputFormat = "short" | "json" | "yaml";

export interface ViewFilters {
  readonly port?: number;
  readonly address?: string;
  readonly type?: string;
  readonly name?: string;
  readonly fqdn?: string;
  readonly direction?: string;
  readonly subset?: string;
  readonly cluster?: string;
  readonly status?: string;
  readonly verbose?: boolean;
  readonly withHeaders?: boolean;
}

export interface ViewRequest {
  readonly view: ViewName;
  readonly output: OutputFormat;
  readonly profile: VersionProfile;
  /** The clock that decides VALID CERT. */
  readonly now: Date;
  readonly filters: ViewFilters;
  /** Body of Envoy's `GET /clusters?format=json`, when the source has one (for `endpoints`). */
  readonly clusterStatuses?: JsonObject;
}

export type ViewResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** Placeholder until the istioctl tables land: whole dump as JSON. */
export function renderView(dump: ConfigDump, req: ViewRequest): ViewResult {
  void req;
  return { ok: true, text: `${JSON.stringify(dump, null, 2)}\n` };
}
