/**
 * One row per Istio release line: every difference in what istiod pushes or istioctl prints
 * that gwctl reproduces. Code asks a profile a question; it never compares version numbers.
 * Sources: ../reference/istio-gateway-translation.md §10 and istioctl-output-formats.md, plus
 * the istio/istio pull requests named beside each field.
 */
export interface VersionProfile {
  /** Release line, "1.17" … */
  readonly line: string;
  /** Full version reported in the simulated bootstrap (ISTIO_VERSION). */
  readonly fullVersion: string;

  // --- istiod translation -------------------------------------------------------------
  /**
   * Servers on one port conflict (protocol clash, missing RDS name, TLS server without TLS
   * settings) only when they share a bind (≥1.18). pilot/pkg/model/gateway.go@1.18.7 adds the
   * `current.Bind == serverPort.Bind` checks and nonPlainTextGatewayPortsBindMap; @1.17.8 has neither.
   */
  readonly mergeConflictsPerBind: boolean;
  /**
   * A plain-text server on a port first taken by TLS servers, or on a new bind, is added as its
   * own ServerPort through addPlainTextServer (istio/istio#57707: 1.28.1, backported to
   * 1.26.x and 1.27.x patches; present in pilot/pkg/model/gateway.go@1.26.8 and @1.27.9);
   * earlier lines reject it ("TLS server without TLS options") or merge it without marking it
   * plain text.
   */
  readonly mergePlainTextPerBindAndProtocol: boolean;
  /**
   * TLSRoute-derived VirtualServices (annotation internal.istio.io/parents TLSRoute/…) route
   * terminating TLS servers through their tls blocks (≥1.30, gateway.go@1.30.3
   * buildGatewayNetworkFiltersFromTCPRoutes).
   */
  readonly tlsRouteTerminationFallback: boolean;
  /** tcp_proxy takes idle_timeout from DestinationRule connectionPool.tcp.idleTimeout (≥1.21, networkfilter.go@1.21.6). */
  readonly tcpProxyIdleTimeoutFromRule: boolean;
  /**
   * OPTIONAL_MUTUAL servers get the -cacert validation context (≥1.19,
   * security/model/authentication.go@1.19.10 ApplyCredentialSDSToServerCommonTLSContext); 1.17
   * and 1.18 treat them like SIMPLE.
   */
  readonly optionalMutualValidatesClient: boolean;
  /** Server tls.credentialNames gives one certificate SDS config per name (≥1.27, authentication.go@1.27.9). */
  readonly serverCredentialNames: boolean;
  /** Server tls.caCertCredentialName overrides the <credential>-cacert name (≥1.28, authentication.go@1.28.10). */
  readonly serverCaCertCredentialName: boolean;
  /**
   * Server tls.insecureSkipVerify sets trust_chain_verification ACCEPT_UNTRUSTED on every client
   * validation context: credentials, ISTIO_MUTUAL and files (≥1.31, authentication.go@1.31.0-rc.0
   * ApplyCredentialSDSToServerCommonTLSContext and ApplyToCommonTLSContext, istio/istio#60824;
   * the field is absent from the Gateway CRD @1.30.3).
   */
  readonly serverInsecureSkipVerify: boolean;
  /**
   * Server tls.tlsCertificates (several file certificate/key pairs) give one file-cert SDS
   * config each (≥1.27, networking/core/listener.go@1.27.9 and authentication.go
   * ApplyToCommonTLSContext; absent @1.26.8).
   */
  readonly serverTlsCertificates: boolean;
  /**
   * credentialName "sds://<name>" and mesh-config SDS extension providers
   * (security/model/authentication.go ConstructSdsSecretConfigForCredential): "none" ≤1.27
   * (kubernetes://sds://<name> over ADS, @1.27.9); "byName" 1.28–1.29 (the provider whose
   * sds.name is <name>, resource "sds://<name>", @1.28.10); "first" 1.30 (first SDS provider,
   * resource "<name>", ADS fallback "kubernetes://<name>", @1.30.3); "firstWithAuthority" ≥1.31
   * (also the provider host as gRPC authority, @1.31.0-rc.0).
   */
  readonly externalSdsProvider: "none" | "byName" | "first" | "firstWithAuthority";
  /**
   * credentials.ToResourceName keeps configmap:// and maps invalid:// names (≥1.26,
   * pilot/pkg/model/credentials/resource.go@1.26.8; @1.25.5 prefixes them with kubernetes://).
   */
  readonly credentialConfigMapAndInvalidSchemes: boolean;
  /** Server tls.caCrl becomes the validation context's crl for agent-served certs (≥1.22, authentication.go@1.22.8). */
  readonly serverCaCrlFile: boolean;
  /**
   * tls_params (protocol versions, ciphers) only for SIMPLE/MUTUAL/OPTIONAL_MUTUAL servers
   * (≥1.18, listener.go@1.18.7 isSimpleOrMutual); 1.17 sets them for every terminating mode.
   */
  readonly tlsParamsOnlySimpleOrMutual: boolean;
  /** The TLS inspector reads at most 512 bytes (initial_read_buffer_size, ≥1.23, xds/filters/filters.go@1.23.6). */
  readonly tlsInspectorReadBuffer512: boolean;
  /**
   * HTTP metadata exchange is the native peer_metadata filter (≥1.19, listener_builder.go@1.19.10
   * with NATIVE_METADATA_EXCHANGE=true) instead of the null-VM Wasm plugin (xds/filters HTTPMx@1.17.8).
   */
  readonly nativeHttpMetadataExchange: boolean;
  /** TCP metadata exchange (cluster and chain filters) is a TypedStruct with enable_discovery (≥1.20, xds/filters@1.20.8). */
  readonly tcpMxTypedStruct: boolean;
  /**
   * The HCM tracing block's custom tags include istio.cluster_id (≥1.21,
   * networking/core/v1alpha3/tracing.go@1.21.6 buildServiceTags; absent @1.20.8).
   */
  readonly tracingClusterIdTag: boolean;
  /**
   * consistentHash.httpCookie.attributes become the hash policy cookie's attributes (≥1.28,
   * route/route.go@1.28.10 consistentHashToHashPolicy; absent @1.27.9).
   */
  readonly hashCookieAttributes: boolean;
  /** Gateway connection managers set proxy_100_continue (≥1.23, gateway.go@1.23.6 ENABLE_100_CONTINUE_HEADERS=true). */
  readonly hcmProxy100Continue: boolean;
  /** rewrite.uriRegexRewrite becomes the route's regex_rewrite (≥1.19, route/route.go@1.19.10); before, only rewrite.uri counts. */
  readonly uriRegexRewrite: boolean;
  /** http[].mirrors (several mirror destinations) is honoured (≥1.20, route/route.go@1.20.8); before, only mirror. */
  readonly mirrorsList: boolean;
  /**
   * CORS policies carry forward_not_matching_preflights (true unless unmatchedPreflights:
   * IGNORE) (≥1.23, route/route.go@1.23.6 TranslateCORSPolicy).
   */
  readonly corsForwardNotMatchingPreflights: boolean;
  /** JWT-claim header matches accept the "[a][b]" form besides "a.b" (≥1.19, pkg/jwt/routing.go@1.19.10). */
  readonly jwtClaimBrackets: boolean;
  /**
   * JWT-claim matches read jwt_authn's payload and also match a plain string (≥1.21,
   * authz/model/util.go@1.21.6 with SupportsEnvoyExtendedJwt); before, istio_authn's
   * request.auth.claims list.
   */
  readonly jwtClaimExtended: boolean;
  /** withoutHeaders string matches set treat_missing_header_as_empty (≥1.22, route/route.go@1.22.8). */
  readonly withoutHeadersTreatMissingAsEmpty: boolean;
  /** retries.retryIgnorePreviousHosts and retries.backoff are honoured (≥1.26, route/retry/retry.go@1.26.8). */
  readonly retryHostPredicateAndBackoff: boolean;
  /** redirect.prefixRewrite becomes the redirect's prefix_rewrite (≥1.31, route/route.go@1.31.0-rc.0 ApplyRedirect). */
  readonly redirectPrefixRewrite: boolean;
  /** Cluster metadata istio.default_original_port = service port (≤1.17, cluster.go@1.17.8 addNetworkingMetadata). */
  readonly clusterDefaultOriginalPort: boolean;
  /**
   * Every outbound cluster gets common_lb_config.locality_weighted_lb_config {} because the
   * default mesh config enables locality LB (≤1.23, cluster_traffic_policy.go@1.23.6
   * applyLoadBalancer); from 1.24 only with distribute, or failover plus outlier detection.
   */
  readonly localityWeightedLbAlways: boolean;
  /**
   * Clusters without outlier detection get common_lb_config.healthy_panic_threshold {} (0%)
   * because unready endpoints are sent by default (≥1.31, PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS=true,
   * istio/istio#60690).
   */
  readonly panicThresholdZeroByDefault: boolean;
  /**
   * STRICT_DNS/LOGICAL_DNS clusters carry typed_dns_resolver_config (c-ares, udp_max_queries 100)
   * and dns_jitter 100ms (≥1.25, cluster_builder.go@1.25.5).
   */
  readonly dnsCaresResolver: boolean;
  /**
   * ServiceEntry annotation istio.io/connect-strategy: RACE_FIRST_TCP_CONNECT turns a DNS
   * cluster into LOGICAL_DNS with dns_lookup_family ALL (≥1.30, networking/core/cluster.go@1.30.3
   * convertResolution and cluster_builder.go@1.30.3; absent @1.29.6).
   */
  readonly dnsConnectStrategyAnnotation: boolean;
  /**
   * DestinationRule loadBalancer.warmup (duration, aggression, minimumPercent) becomes the
   * slow-start config, before warmupDurationSecs (≥1.24, cluster_traffic_policy.go@1.24.6
   * setWarmup; absent @1.23.6).
   */
  readonly lbWarmupObject: boolean;
  /** Clusters of MESH_EXTERNAL services carry metadata istio.external: true (≥1.19, cluster_builder.go@1.19.10). */
  readonly clusterExternalMetadata: boolean;
  /** DestinationRule SIMPLE/MUTUAL clusters carry metadata istio.alpn_override "false" (≥1.19, cluster_builder.go@1.19.10). */
  readonly clusterAlpnOverrideMetadata: boolean;
  /**
   * SIMPLE/MUTUAL upstream TLS without sni sets auto_sni (and auto_san_validation without SANs)
   * (≥1.21, ENABLE_AUTO_SNI and VERIFY_CERTIFICATE_AT_CLIENT default true in features@1.21.6).
   */
  readonly upstreamAutoSni: boolean;
  /**
   * SIMPLE/MUTUAL upstream TLS without caCertificates validates against file-root:system
   * (≥1.21, VERIFY_CERTIFICATE_AT_CLIENT; unconditional from cluster_tls.go@1.26.8); earlier
   * the validation context is empty.
   */
  readonly upstreamTlsSystemCa: boolean;
  /**
   * The stats filter of a default install comes from the chart's telemetry EnvoyFilters as a
   * TypedStruct (1.17, manifests/charts/istio-control/istio-discovery/templates/telemetryv2_1.17.yaml)
   * rather than from istiod's Telemetry defaults (≥1.18, configmap.yaml defaultProviders).
   */
  readonly statsFilterFromEnvoyFilter: boolean;
  /**
   * Endpoint istio.workload metadata defaults the canonical name/revision from app labels and
   * the workload name, and leaves out the revision "latest" (≥1.18, networking/util/util.go@1.18.7
   * AppendLbEndpointMetadata); 1.17 copies the service.istio.io/canonical-* labels as they are.
   */
  readonly endpointCanonicalDefaults: boolean;
  /**
   * ServiceEntry endpoints carry a workload identity: inline endpoints are workloads
   * "<entry>-<index>", a DNS entry's host endpoint is "<entry>", both in the entry's namespace
   * (≥1.30, serviceentry/conversion.go@1.30.3 convertServiceEntryToInstances); before, both
   * have an empty workload name and namespace (conversion.go@1.29.6 `&configKey{}`).
   */
  readonly seEndpointWorkloadIdentity: boolean;
  /**
   * The host endpoint of a DNS ServiceEntry without endpoints carries the cluster ID
   * (≥1.26, serviceentry/conversion.go@1.26.0 `Locality{ClusterID}`; absent @1.25.5).
   */
  readonly seHostEndpointClusterId: boolean;
  /**
   * Configs (Gateways, VirtualServices, DestinationRules) and services with the same creation
   * time are ordered by the string "name.namespace" (≤1.22, model/config.go@1.22.8
   * sortConfigByCreationTime and push_context.go@1.22.8 SortServicesByCreationTime) instead of
   * by name, then namespace (@1.23.0). "a-b" sorts before "a" in the old order.
   */
  readonly creationTieBreakNameDotNamespace: boolean;
  /**
   * Default retry policy carries retriable_status_codes [503] (≤1.23, route/retry/retry.go@1.23.6
   * DefaultPolicy); from 1.24 EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY defaults true (retry.go@1.24.6).
   */
  readonly defaultRetryOn503: boolean;
  /** weighted_clusters.total_weight is set to the sum (≤1.17, route/route.go@1.17.8 TotalWeight; gone @1.18.7). */
  readonly weightedTotalWeight: boolean;
  /**
   * One non-zero weight among several destinations collapses to `cluster` (≤1.18,
   * route/route.go@1.18.7 `len(weighted) == 1` after dropping zero weights; @1.19.10 keeps them).
   */
  readonly collapseSingleNonZeroWeight: boolean;
  /** Header additions use `append: bool` instead of `append_action` (≤1.17; AppendAction in route/route.go@1.18.7). */
  readonly headerAppendBool: boolean;
  /** CORS policy sits in route.cors (≤1.19) instead of typed_per_filter_config[envoy.filters.http.cors] (route/route.go@1.20.8). */
  readonly corsInRouteAction: boolean;
  /** Consistent-hash routes drop the previous_hosts retry predicate (≥1.23, retry.go@1.23.6 ConvertPolicy(in, hashPolicy)). */
  readonly hashPolicyDropsPreviousHosts: boolean;
  /** API version in istio.config metadata paths (v1alpha3 ≤1.23, v1 ≥1.24; translation spec §10). */
  readonly configPathApiVersion: "v1alpha3" | "v1";
  /**
   * Stat prefixes and alt_stat_name end with ";" (≥1.23: networking/util/util.go@1.23.0
   * DelimitedStatsPrefix with ENABLE_DELIMITED_STATS_TAG_REGEX=true for proxies ≥1.23; the
   * translation spec says ≥1.24, but 1.23.0–1.23.6 already add it).
   */
  readonly statPrefixSemicolon: boolean;
  /** Gateway route configs carry max_direct_response_body_size_bytes (≥1.18, gateway.go@1.18.7; @1.17.8 only sidecar httproute.go). */
  readonly maxDirectResponseBodySize: boolean;
  /**
   * Vhosts an httpsRedirect server adds for its own hosts: raw (≤1.19), lower-cased domains
   * only (1.20–1.22, so "Example.org" gets a second vhost beside the VS's "example.org"),
   * lower-cased key, name and domains (≥1.23). gateway.go@1.19.10/1.20.8/1.23.6.
   */
  readonly redirectVhostLowercase: "none" | "domains" | "all";
  /** Vhost host names are lower-cased and merged case-insensitively (≥1.20, gateway.go@1.20.8 strings.ToLower in buildGatewayHTTPRouteConfig). */
  readonly lowercaseVhostHosts: boolean;
  /**
   * Gateway filter chains carry transport_socket_connect_timeout 15s. The translation spec
   * says ≥1.30; istiod's listener.go sets it on every gateway chain from 1.24 on
   * (listener.go@1.24.6 buildListenerFromEntry, istio/istio#52852; #59154 in 1.30 only made
   * the value configurable).
   */
  readonly transportSocketConnectTimeout: boolean;
  /** Gateway listeners carry max_connections_to_accept_per_socket_event: 1 (≥1.26, listener.go@1.26.8; absent @1.25.5). */
  readonly maxConnectionsPerSocketEvent: boolean;
  /** Gateway chains start with the istio_authn network filter (1.17–1.19, gateway.go@1.19.10 IsIstioVersionGE117; gone @1.20.8). */
  readonly istioAuthnNetworkFilter: boolean;
  /** The default access-log format logs %UPSTREAM_CLUSTER_RAW% instead of %UPSTREAM_CLUSTER% (≥1.23, model/telemetry_logging.go@1.23.6). */
  readonly accessLogUpstreamClusterRaw: boolean;
  /** Not-ready endpoints are sent as UNHEALTHY instead of being dropped (≥1.31, PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS, istio/istio#60690). */
  readonly sendUnhealthyEndpoints: boolean;
  /** Kubernetes ExternalName services are aliases with no cluster of their own (≥1.21, ENABLE_EXTERNAL_NAME_ALIAS default true in features/pilot.go@1.21.6, false @1.20.8). */
  readonly externalNameAlias: boolean;
  /** Outbound clusters carry alt_stat_name = their name (≥1.23, cluster_builder.go@1.23.6 buildCluster; @1.22.8 only with outboundClusterStatName). */
  readonly clusterAltStatName: boolean;
  /** Redirect ports equal to the scheme's default (80 http, 443 https) are dropped (≥1.18, route/route.go@1.18.7 "Do not put explicit :80 or :443"). */
  readonly redirectDropsDefaultPort: boolean;
  /** Circuit-breaker thresholds carry track_remaining: true (≤1.28; DISABLE_TRACK_REMAINING_CB_METRICS=true in cluster_traffic_policy.go@1.29.6). */
  readonly circuitBreakerTrackRemaining: boolean;
  /** Istio ≤1.18 still read core/v1 Endpoints objects (PILOT_USE_ENDPOINT_SLICE in features/pilot.go@1.18.7); later releases read EndpointSlices only. */
  readonly readsEndpointsObjects: boolean;

  // --- istioctl layouts ---------------------------------------------------------------
  /**
   * Listener table's first column: ADDRESS (1.17) or ADDRESSES. istioctl/pkg/writer/envoy/
   * configdump/listener.go prints ADDRESSES from 1.18.5 (@1.18.0–1.18.3 still ADDRESS); the row
   * follows the line's last patch, 1.18.7. The output-formats spec says ≤1.18.
   */
  readonly listenerAddressHeader: "ADDRESS" | "ADDRESSES";
  /** Route table has the VHOST NAME column (≥1.18, istio/istio#44414; configdump/route.go@1.18.0). */
  readonly routeVhostNameColumn: boolean;
  /**
   * Secret serial numbers: decimal (≤1.17), hex (1.18–1.28, istio/istio#43828),
   * hex zero-padded to 32 digits (≥1.29, istio/istio#58449).
   */
  readonly secretSerial: "decimal" | "hex" | "hex32";
  /** A path_separated_prefix route match prints `PathPrefix:/p` (≥1.21, istio/istio#48038); before, nothing. */
  readonly routeMatchPathSeparatedPrefix: boolean;
  /**
   * VIRTUAL SERVICE / DESTINATION RULE accept any networking.istio.io API version (≥1.24,
   * istio/istio#52591); earlier releases name only v1alpha3 paths and print `<unknown>` else.
   */
  readonly configPathAnyVersion: boolean;
  /**
   * `pc all` gives every table a NAME column or `listener/`, `route/`, … prefixes and adds
   * the EDS table (≥1.19, istio/istio#43821).
   */
  readonly allTypePrefixes: boolean;
  /**
   * 1.19 only: `pc all` rewrote the listener's name once per filter-chain row, so its n-th
   * row reads listener/…/listener/NAME (fixed by istio/istio#46441 in 1.20).
   */
  readonly allListenerPrefixRepeats: boolean;
  /** `pc all` starts with the bootstrap (version) summary (≥1.21, istio/istio#48557). */
  readonly allBootstrapSummary: boolean;
  /** `pc all --with-headers` exists (≥1.29, istio/istio#57490). */
  readonly allWithHeaders: boolean;
  /** First column of the EDS table: ENDPOINT (≤1.18) or NAME (istio/istio#43821). */
  readonly edsFirstColumn: "ENDPOINT" | "NAME";
  /** The EDS table lists an endpoint's additional addresses too (≥1.23, istio/istio#51956). */
  readonly edsAdditionalAddresses: boolean;
  /** 1.23 only: duplicate endpoint addresses are dropped (#51956, reverted by #52220). */
  readonly edsDedupAddresses: boolean;
  /** SPIFFE trust bundles and the TRUST DOMAIN column in the secret table (≥1.25, istio/istio#53650). */
  readonly secretTrustDomains: boolean;
  /** 1.25 only: secrets without certificate data get no row (#53650, fixed by #55895). */
  readonly secretDropsEmpty: boolean;
  /** An active secret with version_info "uninitialized" shows UNINITIALIZED (≤1.24; lost in #53650). */
  readonly secretUninitializedState: boolean;
  /**
   * `pc ecds` reads every EcdsConfigDump section (Envoy writes one per filter kind); 1.17 read
   * only the last (istio/istio#48526 in 1.21, backported to 1.18.7, 1.19.6 and 1.20.2).
   */
  readonly ecdsAllSections: boolean;
}

const LINES = [
  "1.17",
  "1.18",
  "1.19",
  "1.20",
  "1.21",
  "1.22",
  "1.23",
  "1.24",
  "1.25",
  "1.26",
  "1.27",
  "1.28",
  "1.29",
  "1.30",
  "1.31",
] as const;

/**
 * Patch releases used in simulated bootstraps: the last tag of each line in istio/istio (the
 * rows above describe that patch; a few fixes reached earlier lines only in late patches,
 * e.g. addPlainTextServer in 1.26.8 and 1.27.4).
 */
const FULL_VERSIONS: Record<string, string> = {
  "1.17": "1.17.8",
  "1.18": "1.18.7",
  "1.19": "1.19.10",
  "1.20": "1.20.8",
  "1.21": "1.21.6",
  "1.22": "1.22.8",
  "1.23": "1.23.6",
  "1.24": "1.24.6",
  "1.25": "1.25.5",
  "1.26": "1.26.8",
  "1.27": "1.27.9",
  "1.28": "1.28.10",
  "1.29": "1.29.6",
  "1.30": "1.30.3",
  "1.31": "1.31.0-rc.0",
};

function minor(line: string): number {
  return Number(line.split(".")[1]);
}

function build(line: string): VersionProfile {
  const m = minor(line);
  return {
    line,
    fullVersion: FULL_VERSIONS[line] ?? `${line}.0`,
    mergeConflictsPerBind: m >= 18,
    mergePlainTextPerBindAndProtocol: m >= 26,
    tlsRouteTerminationFallback: m >= 30,
    tcpProxyIdleTimeoutFromRule: m >= 21,
    optionalMutualValidatesClient: m >= 19,
    serverCredentialNames: m >= 27,
    serverCaCertCredentialName: m >= 28,
    serverInsecureSkipVerify: m >= 31,
    serverTlsCertificates: m >= 27,
    externalSdsProvider: m <= 27 ? "none" : m <= 29 ? "byName" : m === 30 ? "first" : "firstWithAuthority",
    credentialConfigMapAndInvalidSchemes: m >= 26,
    serverCaCrlFile: m >= 22,
    tlsParamsOnlySimpleOrMutual: m >= 18,
    tlsInspectorReadBuffer512: m >= 23,
    nativeHttpMetadataExchange: m >= 19,
    tcpMxTypedStruct: m >= 20,
    tracingClusterIdTag: m >= 21,
    hashCookieAttributes: m >= 28,
    hcmProxy100Continue: m >= 23,
    uriRegexRewrite: m >= 19,
    mirrorsList: m >= 20,
    corsForwardNotMatchingPreflights: m >= 23,
    jwtClaimBrackets: m >= 19,
    jwtClaimExtended: m >= 21,
    withoutHeadersTreatMissingAsEmpty: m >= 22,
    retryHostPredicateAndBackoff: m >= 26,
    redirectPrefixRewrite: m >= 31,
    clusterDefaultOriginalPort: m <= 17,
    localityWeightedLbAlways: m <= 23,
    panicThresholdZeroByDefault: m >= 31,
    dnsCaresResolver: m >= 25,
    lbWarmupObject: m >= 24,
    dnsConnectStrategyAnnotation: m >= 30,
    clusterExternalMetadata: m >= 19,
    clusterAlpnOverrideMetadata: m >= 19,
    upstreamAutoSni: m >= 21,
    upstreamTlsSystemCa: m >= 21,
    statsFilterFromEnvoyFilter: m <= 17,
    endpointCanonicalDefaults: m >= 18,
    seEndpointWorkloadIdentity: m >= 30,
    seHostEndpointClusterId: m >= 26,
    creationTieBreakNameDotNamespace: m <= 22,
    defaultRetryOn503: m <= 23,
    weightedTotalWeight: m <= 17,
    collapseSingleNonZeroWeight: m <= 18,
    headerAppendBool: m <= 17,
    corsInRouteAction: m <= 19,
    hashPolicyDropsPreviousHosts: m >= 23,
    configPathApiVersion: m <= 23 ? "v1alpha3" : "v1",
    statPrefixSemicolon: m >= 23,
    maxDirectResponseBodySize: m >= 18,
    lowercaseVhostHosts: m >= 20,
    redirectVhostLowercase: m <= 19 ? "none" : m <= 22 ? "domains" : "all",
    transportSocketConnectTimeout: m >= 24,
    maxConnectionsPerSocketEvent: m >= 26,
    istioAuthnNetworkFilter: m >= 17 && m <= 19,
    accessLogUpstreamClusterRaw: m >= 23,
    sendUnhealthyEndpoints: m >= 31,
    externalNameAlias: m >= 21,
    clusterAltStatName: m >= 23,
    redirectDropsDefaultPort: m >= 18,
    circuitBreakerTrackRemaining: m <= 28,
    readsEndpointsObjects: m <= 18,
    listenerAddressHeader: m <= 17 ? "ADDRESS" : "ADDRESSES",
    routeVhostNameColumn: m >= 18,
    secretSerial: m <= 17 ? "decimal" : m <= 28 ? "hex" : "hex32",
    routeMatchPathSeparatedPrefix: m >= 21,
    configPathAnyVersion: m >= 24,
    allTypePrefixes: m >= 19,
    allListenerPrefixRepeats: m === 19,
    allBootstrapSummary: m >= 21,
    allWithHeaders: m >= 29,
    edsFirstColumn: m <= 18 ? "ENDPOINT" : "NAME",
    edsAdditionalAddresses: m >= 23,
    edsDedupAddresses: m === 23,
    secretTrustDomains: m >= 25,
    secretDropsEmpty: m === 25,
    secretUninitializedState: m <= 24,
    ecdsAllSections: m >= 18,
  };
}

/** Every supported release line, oldest first. */
export function supportedLines(): readonly string[] {
  return LINES;
}

export function newestLine(): string {
  return LINES[LINES.length - 1] as string;
}

export function oldestLine(): string {
  return LINES[0];
}

/**
 * Profile for a version string such as "1.17", "1.17.8", "v1.20.8-distroless" or
 * "1.21.0-1226". Returns undefined for versions outside the table.
 */
export function profileFor(version: string): VersionProfile | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return undefined;
  const line = `${match[1]}.${match[2]}`;
  if (!(LINES as readonly string[]).includes(line)) return undefined;
  return build(line);
}
