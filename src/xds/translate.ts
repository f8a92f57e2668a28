import type { ConfigDump } from "../envoy/types.js";
import type { Mesh } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";

export interface TranslateInput {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
}

/** Something istiod would log while building this proxy's config (a rejected server, …). */
export interface TranslateNote {
  readonly level: "warning" | "info";
  readonly message: string;
}

export interface TranslateResult {
  readonly dump: ConfigDump;
  readonly notes: readonly TranslateNote[];
}

export function translate(input: TranslateInput): TranslateResult {
  void input;
  return { dump: { configs: [] }, notes: [] };
}
