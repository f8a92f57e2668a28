import type { JsonObject } from "../envoy/types.js";
import type { MeshConfig } from "../mesh/model.js";
import type { GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * The HCM `tracing` block of a gateway when no Telemetry resource configures tracing: istiod
 * falls back to the mesh config (tracing.go configureTracingFromSpec@1.17.8 /
 * configureTracingFromTelemetry@HEAD, branch `tracing == nil`). With enableTracing (the
 * default) it sets the sampling percentages and Istio's custom tags; no provider (the legacy
 * zipkin tracer lives in the bootstrap). Telemetry-configured tracing is not modelled.
 */

/** PILOT_TRACE_SAMPLING's default (features/pilot.go), used when defaultConfig.tracing.sampling is 0. */
const DEFAULT_TRACE_SAMPLING = 1;

/** proxyConfigSamplingValue: the configured percentage, values above 100 reset to 1. */
function samplingPercent(meshConfig: MeshConfig): number {
  const s = meshConfig.traceSampling ?? 0;
  if (s === 0) return DEFAULT_TRACE_SAMPLING;
  return s > 100 ? 1 : s;
}

/** A tag read from the RBAC filter's shadow-rule metadata (dryRunPolicyTraceTag). */
function dryRunTag(tag: string, key: string): JsonObject {
  return {
    tag,
    metadata: {
      kind: { request: {} },
      metadata_key: { key: "envoy.filters.http.rbac", path: [{ key }] },
    },
  };
}

const DRY_RUN_TAGS: readonly JsonObject[] = [
  dryRunTag(
    "istio.authorization.dry_run.allow_policy.name",
    "istio_dry_run_allow_shadow_effective_policy_id",
  ),
  dryRunTag("istio.authorization.dry_run.allow_policy.result", "istio_dry_run_allow_shadow_engine_result"),
  dryRunTag("istio.authorization.dry_run.deny_policy.name", "istio_dry_run_deny_shadow_effective_policy_id"),
  dryRunTag("istio.authorization.dry_run.deny_policy.result", "istio_dry_run_deny_shadow_engine_result"),
];

function literal(tag: string, value: string): JsonObject {
  return { tag, literal: { value } };
}

/**
 * buildServiceTags from the gateway's node metadata. The pod's canonical labels are the ones
 * the gateway chart or the gateway injection template sets (canonical-name, else
 * app.kubernetes.io/name, else app, else the workload; revision else "latest"); MESH_ID is the
 * trust domain (charts: global.meshID, else meshConfig.trustDomain, default cluster.local).
 */
function serviceTags(proxy: GatewayProxy, meshConfig: MeshConfig, profile: VersionProfile): JsonObject[] {
  const l = proxy.labels;
  const service = l["service.istio.io/canonical-name"] ?? l["app.kubernetes.io/name"] ?? l.app ?? proxy.name;
  const revision =
    l["service.istio.io/canonical-revision"] ?? l["app.kubernetes.io/version"] ?? l.version ?? "latest";
  const tags = [literal("istio.canonical_revision", revision), literal("istio.canonical_service", service)];
  if (profile.tracingClusterIdTag) tags.push(literal("istio.cluster_id", "Kubernetes"));
  tags.push(literal("istio.mesh_id", meshConfig.trustDomain ?? "cluster.local"));
  tags.push(literal("istio.namespace", proxy.namespace));
  return tags;
}

/** HttpConnectionManager.Tracing in field order (client 3, random 4, overall 5, custom_tags 8), or undefined. */
export function hcmTracing(
  proxy: GatewayProxy,
  meshConfig: MeshConfig,
  profile: VersionProfile,
): JsonObject | undefined {
  if (!meshConfig.enableTracing) return undefined;
  const tags = [...DRY_RUN_TAGS, ...serviceTags(proxy, meshConfig, profile)].sort((a, b) =>
    (a.tag as string) < (b.tag as string) ? -1 : 1,
  );
  return {
    client_sampling: { value: 100 },
    random_sampling: { value: samplingPercent(meshConfig) },
    overall_sampling: { value: 100 },
    custom_tags: tags,
  };
}
