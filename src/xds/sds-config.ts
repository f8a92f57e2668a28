import type { JsonObject } from "../envoy/types.js";
import type { MeshConfig, MeshService } from "../mesh/model.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * SdsSecretConfigs: where Envoy fetches a certificate (security/model/authentication.go
 * ConstructSdsSecretConfig, ConstructSdsSecretConfigForCredential and credentials.ToResourceName).
 */

export const CA_SUFFIX = "-cacert";
const EXTERNAL_SDS = "sds://";

const ADS_SDS: JsonObject = { ads: {}, resource_api_version: "V3" };

/** The SDS config source of resources the pilot-agent serves (workload certs, file certs). */
export function sdsGrpcConfig(): JsonObject {
  return {
    api_config_source: {
      api_type: "GRPC",
      grpc_services: [{ envoy_grpc: { cluster_name: "sds-grpc" } }],
      set_node_on_first_message_only: true,
      transport_api_version: "V3",
    },
    initial_fetch_timeout: "0s",
    resource_api_version: "V3",
  };
}

/** An SdsSecretConfig: credentials come over ADS from istiod, the rest from the agent. */
export function sdsSecretConfig(resource: string): JsonObject {
  if (resource === "default" || resource === "ROOTCA" || resource.startsWith("file-"))
    return { name: resource, sds_config: sdsGrpcConfig() };
  return { name: resource, sds_config: ADS_SDS };
}

/**
 * credentials.ToResourceName: builtin:// is the workload certificate, kubernetes:// and
 * kubernetes-gateway:// names are kept (also configmap:// and invalid:// from 1.26), anything
 * else is a Secret name under kubernetes://. A sds:// prefix is stripped first from 1.30
 * (the ADS fallback of external SDS).
 */
export function credentialResourceName(name: string, profile: VersionProfile): string {
  let n = name;
  if (
    n.startsWith(EXTERNAL_SDS) &&
    profile.externalSdsProvider !== "none" &&
    profile.externalSdsProvider !== "byName"
  )
    n = n.slice(EXTERNAL_SDS.length);
  if (n.startsWith("builtin://")) return n.endsWith(CA_SUFFIX) ? "ROOTCA" : "default";
  const kept = profile.credentialConfigMapAndInvalidSchemes
    ? /^(kubernetes|kubernetes-gateway|configmap|invalid):\/\//
    : /^(kubernetes|kubernetes-gateway):\/\//;
  if (kept.test(n)) return n.startsWith("invalid://") ? "invalid://" : n;
  return `kubernetes://${n}`;
}

/** model.LookupCluster: the outbound cluster (and host) of a `[namespace/]host` and port. */
export type ClusterLookup = (
  service: string,
  port: number,
) => { hostname: string; cluster: string } | undefined;

/**
 * LookupCluster over every service (istiod's ServiceIndex.HostnameAndNamespace, not the
 * gateway's visible set): "ns/host" picks that namespace; a bare host must exist in exactly one.
 */
export function clusterLookupFor(services: readonly MeshService[]): ClusterLookup {
  const byHost = new Map<string, MeshService[]>();
  for (const s of services) {
    const list = byHost.get(s.hostname);
    if (list) list.push(s);
    else byHost.set(s.hostname, [s]);
  }
  return (service, port) => {
    const slash = service.indexOf("/");
    const host = slash === -1 ? service : service.slice(slash + 1);
    const list = byHost.get(host) ?? [];
    const namespaces = new Set(list.map((s) => s.namespace));
    const svc =
      slash === -1
        ? namespaces.size === 1
          ? list[0]
          : undefined
        : list.find((s) => s.namespace === service.slice(0, slash));
    return svc ? { hostname: svc.hostname, cluster: `outbound|${port}||${svc.hostname}` } : undefined;
  };
}

export interface CredentialContext {
  readonly profile: VersionProfile;
  readonly meshConfig: MeshConfig;
  readonly lookupCluster: ClusterLookup;
}

/** An SdsSecretConfig served by another cluster over gRPC (ConstructSdsSecretConfigForCredentialSocket). */
function remoteSds(name: string, cluster: string, authority: string | undefined): JsonObject {
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: "GRPC",
        grpc_services: [{ envoy_grpc: { cluster_name: cluster, ...(authority && { authority }) } }],
        set_node_on_first_message_only: true,
        transport_api_version: "V3",
      },
      resource_api_version: "V3",
    },
  };
}

/**
 * A gateway server's credential as an SdsSecretConfig. `sds://<name>` goes to a mesh-config
 * SDS extension provider's service: the provider named <name>, keeping the full name (1.28–1.29);
 * the first SDS provider, with the bare name (1.30) and the host as gRPC authority (≥1.31).
 * Undefined when the provider's service is unknown (istiod drops the config and logs an error).
 */
export function credentialSdsConfig(name: string, ctx: CredentialContext): JsonObject | undefined {
  const mode = ctx.profile.externalSdsProvider;
  if (name.startsWith(EXTERNAL_SDS) && mode !== "none") {
    const bare = name.slice(EXTERNAL_SDS.length);
    const providers = (ctx.meshConfig.extensionProviders ?? []).filter((p) => p.sds);
    const provider = mode === "byName" ? providers.find((p) => p.sds?.name === bare) : providers[0];
    if (provider?.sds) {
      const found = ctx.lookupCluster(provider.sds.service, provider.sds.port);
      if (!found) return undefined;
      const authority = mode === "firstWithAuthority" ? found.hostname : undefined;
      return remoteSds(mode === "byName" ? name : bare, found.cluster, authority);
    }
  }
  return sdsSecretConfig(credentialResourceName(name, ctx.profile));
}
