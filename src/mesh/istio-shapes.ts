import { any, bool, int, list, map, num, obj, type Shape, str, strmap, strs } from "./shape.js";

/** Shapes of the Istio fields the translation reads; messages follow istiod's validation. */

const stringMatch = obj({ exact: str, prefix: str, regex: str });
const portSelector = obj({ number: int(1, 65535) });
const percent = obj({ value: num });
const destination = obj(
  { host: str, subset: str, port: portSelector },
  { host: "destination host is required" },
);
const headerOps = obj({ set: strmap, add: strmap, remove: strs });
const headers = obj({ request: headerOps, response: headerOps });

const serverTls = obj({
  httpsRedirect: bool,
  mode: str,
  credentialName: str,
  credentialNames: strs,
  caCertCredentialName: str,
  serverCertificate: str,
  privateKey: str,
  caCertificates: str,
  subjectAltNames: strs,
  verifyCertificateSpki: strs,
  verifyCertificateHash: strs,
  minProtocolVersion: str,
  maxProtocolVersion: str,
  cipherSuites: strs,
  caCrl: str,
  insecureSkipVerify: bool,
  tlsCertificates: list(obj({ serverCertificate: str, privateKey: str, caCertificates: str })),
});

const server = obj(
  {
    port: obj(
      { number: int(0, 65535), name: str, protocol: str, targetPort: int() },
      {
        number: "port number is required",
        name: "port name must be set",
        protocol: "port protocol is required",
      },
    ),
    bind: str,
    hosts: list(str, "server config must contain at least one host"),
    tls: serverTls,
    name: str,
    defaultEndpoint: str,
  },
  { port: "port is required", hosts: "server config must contain at least one host" },
);

export const gatewaySpecShape: Shape = obj(
  { servers: list(server, "gateway must have at least one server"), selector: strmap },
  { servers: "gateway must have at least one server" },
);

const httpMatch = obj({
  name: str,
  uri: stringMatch,
  scheme: stringMatch,
  method: stringMatch,
  authority: stringMatch,
  headers: map(stringMatch),
  withoutHeaders: map(stringMatch),
  queryParams: map(stringMatch),
  port: int(1, 65535),
  sourceLabels: strmap,
  gateways: strs,
  ignoreUriCase: bool,
  sourceNamespace: str,
  statPrefix: str,
});

const httpRoute = obj({
  name: str,
  match: list(httpMatch),
  route: list(obj({ destination, weight: int(0), headers }, { destination: "destination is required" })),
  redirect: obj({
    uri: str,
    authority: str,
    port: int(1, 65535),
    derivePort: str,
    scheme: str,
    redirectCode: int(),
  }),
  directResponse: obj(
    { status: int(), body: obj({ string: str, bytes: str }) },
    { status: "status is required" },
  ),
  delegate: obj({ name: str, namespace: str }),
  rewrite: obj({ uri: str, authority: str, uriRegexRewrite: obj({ match: str, rewrite: str }) }),
  timeout: str,
  retries: obj({
    attempts: int(),
    perTryTimeout: str,
    retryOn: str,
    retryRemoteLocalities: bool,
    retryIgnorePreviousHosts: bool,
    backoff: str,
  }),
  fault: obj({
    delay: obj({ fixedDelay: str, exponentialDelay: str, percent: int(), percentage: percent }),
    abort: obj({ httpStatus: int(), grpcStatus: str, http2Error: str, percentage: percent }),
  }),
  mirror: destination,
  mirrors: list(
    obj({ destination, percentage: percent }, { destination: "destination is required for mirrors" }),
  ),
  mirrorPercentage: percent,
  mirrorPercent: int(),
  corsPolicy: obj({
    allowOrigin: strs,
    allowOrigins: list(stringMatch),
    allowMethods: strs,
    allowHeaders: strs,
    exposeHeaders: strs,
    maxAge: str,
    allowCredentials: bool,
    unmatchedPreflights: str,
  }),
  headers,
});

const l4Match = {
  destinationSubnets: strs,
  port: int(1, 65535),
  sourceLabels: strmap,
  gateways: strs,
  sourceNamespace: str,
};
const routeDestination = obj({ destination, weight: int(0) }, { destination: "destination is required" });

export const virtualServiceSpecShape: Shape = obj({
  hosts: strs,
  gateways: strs,
  exportTo: strs,
  http: list(httpRoute),
  tcp: list(obj({ match: list(obj(l4Match)), route: list(routeDestination) })),
  tls: list(
    obj(
      {
        match: list(obj({ ...l4Match, sniHosts: strs }), "TLS route must have at least one match condition"),
        route: list(routeDestination),
      },
      { match: "TLS route must have at least one match condition" },
    ),
  ),
});

/**
 * TrafficPolicy as the DestinationRule CRD types it (src/lint/schemas/destinationrules.json):
 * the API server refuses other types, and the translation reads these fields as typed.
 */
const fromTo = obj({ from: str, to: str });
const policyFields = {
  connectionPool: obj({
    tcp: obj({
      maxConnections: int(),
      connectTimeout: str,
      tcpKeepalive: obj({ probes: int(0), time: str, interval: str }),
      maxConnectionDuration: str,
      idleTimeout: str,
    }),
    http: obj({
      http1MaxPendingRequests: int(),
      http2MaxRequests: int(),
      maxRequestsPerConnection: int(),
      maxRetries: int(),
      idleTimeout: str,
      h2UpgradePolicy: str,
      useClientProtocol: bool,
      maxConcurrentStreams: int(),
      http2KeepAlive: obj({ interval: str, timeout: str }),
    }),
  }),
  loadBalancer: obj({
    simple: str,
    consistentHash: obj({
      httpHeaderName: str,
      httpCookie: obj({ name: str, path: str, ttl: str, attributes: list(obj({ name: str, value: str })) }),
      useSourceIp: bool,
      httpQueryParameterName: str,
      ringHash: obj({ minimumRingSize: int(0) }),
      maglev: obj({ tableSize: int(0) }),
      minimumRingSize: int(0),
    }),
    localityLbSetting: obj({
      distribute: list(obj({ from: str, to: map(int(0)) })),
      failover: list(fromTo),
      failoverPriority: strs,
      enabled: bool,
    }),
    warmupDurationSecs: str,
    warmup: obj({ duration: str, minimumPercent: num, aggression: num }),
    zoneAwareLbSetting: any,
  }),
  outlierDetection: obj({
    consecutiveErrors: int(),
    consecutiveGatewayErrors: int(0),
    consecutive5xxErrors: int(0),
    consecutiveLocalOriginFailures: int(0),
    splitExternalLocalOriginErrors: bool,
    interval: str,
    baseEjectionTime: str,
    maxEjectionPercent: int(),
    minHealthPercent: int(),
    outlierDetectionHttpErrorCodes: any,
  }),
  tls: obj({
    mode: str,
    clientCertificate: str,
    privateKey: str,
    caCertificates: str,
    credentialName: str,
    subjectAltNames: strs,
    sni: str,
    insecureSkipVerify: bool,
    caCrl: str,
  }),
  tunnel: obj({ protocol: str, targetHost: str, targetPort: int(0) }),
  proxyProtocol: obj({ version: str }),
  retryBudget: obj({ percent: num, minRetryConcurrency: int(0), budgetInterval: str }),
};
const trafficPolicy = obj({
  ...policyFields,
  portLevelSettings: list(obj({ ...policyFields, port: portSelector })),
});

export const destinationRuleSpecShape: Shape = obj(
  {
    host: str,
    trafficPolicy,
    subsets: list(obj({ name: str, labels: strmap, trafficPolicy }, { name: "subset name is required" })),
    exportTo: strs,
    workloadSelector: any,
  },
  { host: "host is required" },
);

export const serviceEntrySpecShape: Shape = obj(
  {
    hosts: list(str, "service entry must have at least one host"),
    addresses: strs,
    ports: list(
      obj(
        { number: int(1, 65535), protocol: str, name: str, targetPort: int(0, 65535) },
        { number: "port number is required", name: "port name must be set" },
      ),
    ),
    location: str,
    resolution: str,
    endpoints: list(
      obj({
        address: str,
        ports: map(int(0, 65535)),
        labels: strmap,
        network: str,
        locality: str,
        weight: int(0),
        serviceAccount: str,
      }),
    ),
    workloadSelector: any,
    exportTo: strs,
    subjectAltNames: strs,
  },
  { hosts: "service entry must have at least one host" },
);
