import { type ConfigDump, DUMP_TYPES, type JsonObject } from "../envoy/types.js";
import type { Mesh, MeshService } from "../mesh/model.js";
import { configNamespaceOf, type GatewayProxy } from "../mesh/workloads.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { bootstrapNode, staticClusters, staticListeners, staticRouteConfigs } from "./bootstrap.js";
import { buildClusters } from "./clusters.js";
import { indexDestinationRules } from "./destination-rules.js";
import { clusterLoadAssignment, staticLoadAssignment } from "./endpoints.js";
import { gatewaysForProxy, type MergedGateway, mergeGateways } from "./gateways.js";
import type { RouteContext } from "./http-routes.js";
import { buildGatewayListeners, type ListenerResult } from "./listeners.js";
import type { TranslateNote } from "./notes.js";
import { consistentHashFor, hashPolicy } from "./route-hash.js";
import { buildRouteConfig, type HostIndexCache } from "./routes.js";
import { clusterLookupFor } from "./sds-config.js";
import { referencedSdsNames, sdsSecret, secretLookup } from "./secrets.js";
import { scopeServices, serviceVisible } from "./service-scope.js";
import { indexVirtualServicesWithNotes } from "./virtual-services.js";

export type { TranslateNote };

export interface TranslateInput {
  readonly mesh: Mesh;
  readonly proxy: GatewayProxy;
  readonly profile: VersionProfile;
  /** How far translation got ("route configurations 3/80"), for a status line; called often. */
  readonly onProgress?: (done: string) => void;
}

export interface TranslateResult {
  /** What the gateway's Envoy would print at GET /config_dump?include_eds. */
  readonly dump: ConfigDump;
  /** What istiod would log while building this config (rejected servers, skipped ports, …). */
  readonly notes: readonly TranslateNote[];
  readonly merged: MergedGateway;
  readonly listeners: readonly ListenerResult[];
}

function byName(a: { readonly [k: string]: unknown }, b: { readonly [k: string]: unknown }): number {
  const x = String(a.name ?? a.cluster_name ?? "");
  const y = String(b.name ?? b.cluster_name ?? "");
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The service a VirtualService destination names: the one in the VirtualService's namespace
 * when it is visible to the gateway, else a visible one from the gateway's namespace, else
 * any visible one (buildNameToServiceMapForHTTPRoutes, ServiceForHostname).
 */
export function serviceLookup(
  mesh: Mesh,
  proxyNamespace: string,
): (host: string, vsNamespace: string) => MeshService | undefined {
  const byHost = new Map<string, MeshService[]>();
  for (const s of mesh.services) {
    if (!serviceVisible(s, proxyNamespace)) continue;
    const list = byHost.get(s.hostname);
    if (list) list.push(s);
    else byHost.set(s.hostname, [s]);
  }
  return (host, vsNamespace) => {
    const list = byHost.get(host);
    if (!list) return undefined;
    return (
      list.find((s) => s.namespace === vsNamespace) ??
      list.find((s) => s.namespace === proxyNamespace) ??
      list[0]
    );
  };
}

/** istiod's translation for one gateway proxy, end to end, as a config dump. */
export function translate(input: TranslateInput): TranslateResult {
  const { mesh, proxy, profile } = input;
  const progress = input.onProgress ?? (() => {});
  const notes: TranslateNote[] = [];
  const merged = mergeGateways(gatewaysForProxy(mesh, proxy, profile), profile, notes);
  // Visibility (exportTo) is judged from the proxy's config namespace.
  const configNs = configNamespaceOf(proxy);
  const vsIndexed = indexVirtualServicesWithNotes(mesh, configNs, profile);
  const vsIndex = vsIndexed.byGateway;
  for (const message of vsIndexed.notes) notes.push({ level: "warning", message });
  const lookupService = serviceLookup(mesh, configNs);
  const rules = indexDestinationRules(mesh, configNs, profile);
  const services = scopeServices(mesh.services, configNs, profile);

  const hostIndexes: HostIndexCache = new Map();
  const listeners = buildGatewayListeners(merged, vsIndex, {
    proxy,
    profile,
    meshConfig: mesh.meshConfig,
    // tcp routes use the proxy's own view of a host (ServiceForHostname), not the VS namespace.
    lookupService: (host) => lookupService(host, configNs),
    rules,
    services,
    lookupCluster: clusterLookupFor(mesh.services),
    notes,
    hostIndexes,
  });

  const routeCtx: RouteContext = {
    proxy,
    profile,
    lookupService,
    lookupHash: (d) =>
      hashPolicy(
        consistentHashFor(d, rules, lookupService(d.host, configNs)?.namespace ?? configNs),
        profile,
      ),
    ...(mesh.meshConfig.defaultHttpRetryPolicy && {
      defaultRetryPolicy: mesh.meshConfig.defaultHttpRetryPolicy,
    }),
  };
  const routeNames = new Set<string>();
  for (const l of listeners) for (const n of rdsNames(l.listener)) routeNames.add(n);
  progress(`${listeners.length} listeners`);
  const sortedRoutes = [...routeNames].sort();
  const routeConfigs = sortedRoutes.map((n, i) => {
    progress(`${listeners.length} listeners, route configurations ${i + 1}/${sortedRoutes.length}`);
    return buildRouteConfig(n, merged, vsIndex, routeCtx, hostIndexes).config;
  });

  const built = buildClusters({
    mesh,
    services,
    profile,
    proxyNamespace: configNs,
    rules,
    notes,
    sniDnat: merged.autoPassthrough,
  });
  progress(
    `${listeners.length} listeners, ${routeConfigs.length} route configurations, ${built.length} clusters`,
  );
  const dynamicClusters = built.map((b) => b.cluster).sort(byName);
  const loadAssignments = built
    .map((b) => clusterLoadAssignment(b, profile))
    .filter((x): x is JsonObject => x !== undefined)
    .sort(byName);

  const listenerJson = listeners.map((l) => l.listener).sort(byName);
  const findSecret = secretLookup(mesh);
  const secrets = referencedSdsNames(listenerJson).map((n) => sdsSecret(n, findSecret, proxy.namespace));
  for (const s of secrets) {
    if (!s.secret && s.reason)
      notes.push({ level: "warning", message: `SDS resource ${s.name} stays WARMING: ${s.reason}` });
  }

  const statics = staticClusters();
  const dump: ConfigDump = {
    configs: [
      {
        "@type": DUMP_TYPES.bootstrap,
        bootstrap: {
          ...bootstrapNode(proxy, profile, mesh.domainSuffix),
          static_resources: { listeners: staticListeners(), clusters: statics },
        },
      },
      {
        "@type": DUMP_TYPES.clusters,
        static_clusters: statics.map((cluster) => ({ cluster })),
        dynamic_active_clusters: dynamicClusters.map((cluster) => ({ cluster })),
      },
      {
        "@type": DUMP_TYPES.endpoints,
        static_endpoint_configs: statics
          .map(staticLoadAssignment)
          .filter((x): x is JsonObject => x !== undefined)
          .map((endpoint_config) => ({ endpoint_config })),
        dynamic_endpoint_configs: loadAssignments.map((endpoint_config) => ({ endpoint_config })),
      },
      {
        "@type": DUMP_TYPES.listeners,
        static_listeners: staticListeners().map((listener) => ({ listener })),
        dynamic_listeners: listenerJson.map((listener) => ({
          name: listener.name as string,
          active_state: { listener },
        })),
      },
      { "@type": DUMP_TYPES.scopedRoutes },
      {
        "@type": DUMP_TYPES.routes,
        static_route_configs: staticRouteConfigs().map((route_config) => ({ route_config })),
        dynamic_route_configs: routeConfigs.map((route_config) => ({
          route_config: {
            "@type": "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
            ...route_config,
          },
        })),
      },
      secretsSection(secrets),
    ],
  };
  return { dump, notes, merged, listeners };
}

function secretsSection(entries: ReturnType<typeof sdsSecret>[]): JsonObject {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const active = sorted.filter((e) => e.secret);
  const warming = sorted.filter((e) => !e.secret);
  const out: JsonObject = { "@type": DUMP_TYPES.secrets };
  if (active.length > 0)
    out.dynamic_active_secrets = active.map((e) => ({ name: e.name, secret: e.secret as JsonObject }));
  if (warming.length > 0) {
    out.dynamic_warming_secrets = warming.map((e) => ({
      name: e.name,
      version_info: "uninitialized",
      secret: {
        "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret",
        name: e.name,
      },
    }));
  }
  return out;
}

function rdsNames(listener: JsonObject): string[] {
  const out: string[] = [];
  for (const chain of (listener.filter_chains as JsonObject[] | undefined) ?? []) {
    for (const f of (chain.filters as JsonObject[] | undefined) ?? []) {
      const tc = f.typed_config as JsonObject | undefined;
      const rds = tc?.rds as JsonObject | undefined;
      if (rds && typeof rds.route_config_name === "string") out.push(rds.route_config_name);
    }
  }
  return out;
}
