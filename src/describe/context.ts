import type { ConfigDump } from "../envoy/types.js";
import type { Mesh } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * What `describe` reads: the mesh from the manifests (Gateway → VirtualService →
 * DestinationRule → Service → pods), the gateway proxy they are for, and the Envoy config dump
 * that shows what the gateway holds (simulated from the same manifests, or a live or saved one).
 */
export interface DescribeInput {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
  readonly dump: ConfigDump;
  readonly profile: VersionProfile;
  /** The clock for certificate validity. */
  readonly now: Date;
}

/** "webapp.istioinaction.svc.cluster.local" → "webapp" when it is a Service of that namespace. */
export function shortHost(fqdn: string, namespace: string, domainSuffix: string): string {
  const suffix = domainSuffix ? `.${namespace}.svc.${domainSuffix}` : `.${namespace}`;
  return fqdn.endsWith(suffix) ? fqdn.slice(0, -suffix.length) : fqdn;
}

export function labelsText(labels: Readonly<Record<string, string>>): string {
  const e = Object.entries(labels);
  return e.length === 0 ? "(none)" : e.map(([k, v]) => `${k}=${v}`).join(",");
}
