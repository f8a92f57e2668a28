import { benchPki, type Issued, type Pki } from "./certs.js";
import { Rng } from "./prng.js";

/**
 * The benchmark mesh, as plain Kubernetes objects grouped into files. Everything grows with
 * the scale: at scale 1 there are 50 team namespaces of 50 applications each (2,500
 * VirtualServices), one shared Gateway per 5 namespaces, and per application a Service, a
 * ServiceAccount, a DestinationRule (most), 2–4 pods and an EndpointSlice (most).
 *
 * Namespace i and gateway k are generated from PRNGs seeded by i and k alone, so the corpus
 * of scale 2N starts with the corpus of scale N: doubling the scale doubles the same mesh.
 */

export const VS_PER_NAMESPACE = 50;
export const VS_PER_APP = 5;
export const NAMESPACES_PER_GATEWAY = 5;
export const VS_AT_SCALE_1 = 2500;
export const GATEWAY_NAMESPACE = "istio-system";
const ISTIO_IMAGE = "docker.io/istio/proxyv2:1.22.3";
const T0 = Date.parse("2025-03-01T00:00:00Z");

export type K8sObject = Record<string, unknown>;

export interface CorpusFile {
  /** Path relative to the corpus folder. */
  readonly path: string;
  readonly objects: readonly K8sObject[];
}

export interface CorpusCounts {
  namespaces: number;
  gateways: number;
  servers: number;
  secrets: number;
  virtualServices: number;
  httpRoutes: number;
  destinationRules: number;
  services: number;
  pods: number;
  endpointSlices: number;
}

export function namespaceCount(scale: number): number {
  return Math.max(1, Math.round((VS_AT_SCALE_1 * scale) / VS_PER_NAMESPACE));
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const teamName = (i: number) => `team-${pad(i, 4)}`;
const gatewayName = (k: number) => `gw-${pad(k, 3)}`;
const domainOf = (k: number) => `d${pad(k, 3)}.example.com`;
const timestamp = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace(".000Z", "Z");

const SITE_WORDS = ["eu", "us", "apac", "partner", "beta", "mobile", "legacy", "store", "tenant"];

const WORDS = [
  "cart",
  "catalog",
  "checkout",
  "search",
  "payments",
  "profile",
  "orders",
  "inventory",
  "reviews",
  "shipping",
  "pricing",
  "auth",
  "media",
  "notify",
  "ledger",
  "quotes",
];

function uid(rng: Rng): string {
  const h = () => rng.int(0, 0xffff).toString(16).padStart(4, "0");
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

function meta(
  rng: Rng,
  name: string,
  namespace: string | undefined,
  created: number,
  extra: K8sObject = {},
): K8sObject {
  return {
    name,
    ...(namespace !== undefined && { namespace }),
    uid: uid(rng),
    resourceVersion: String(rng.int(100000, 99999999)),
    creationTimestamp: timestamp(created),
    ...extra,
  };
}

/** The IP of the n-th pod of the mesh, in 10.16.0.0/12, skipping .0 and .255. */
function podIp(n: number): string {
  const rest = Math.floor(n / 254);
  return `10.${16 + Math.floor(rest / 256)}.${rest % 256}.${(n % 254) + 1}`;
}

function clusterIp(n: number): string {
  return `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
}

interface App {
  readonly name: string;
  readonly hasRule: boolean;
  readonly grpc: boolean;
  readonly pods: number;
  readonly withSlice: boolean;
}

/** A VirtualService of a team: its host names and the application it fronts. */
interface Site {
  readonly name: string;
  readonly host: string;
  readonly extraHost?: string;
  readonly app: App;
}

/** Applications (Services) of team namespace i: one per VS_PER_APP VirtualServices. */
function appsOf(i: number): App[] {
  const rng = new Rng(`apps/${i}`);
  const apps: App[] = [];
  for (let j = 0; j < VS_PER_NAMESPACE / VS_PER_APP; j++) {
    apps.push({
      name: `${rng.pick(WORDS)}-${j}`,
      hasRule: rng.chance(0.7),
      grpc: rng.chance(0.2),
      pods: rng.int(2, 4),
      withSlice: rng.chance(0.95),
    });
  }
  return apps;
}

/**
 * VirtualServices of team namespace i: many host names in front of few services, the shape
 * of meshes with tens of thousands of VirtualServices (a host per customer, brand or market).
 */
function sitesOf(i: number): Site[] {
  const rng = new Rng(`sites/${i}`);
  const k = Math.floor(i / NAMESPACES_PER_GATEWAY);
  const team = teamName(i);
  const apps = appsOf(i);
  const sites: Site[] = [];
  for (let j = 0; j < VS_PER_NAMESPACE; j++) {
    const app = apps[j % apps.length] as App;
    const name = j < apps.length ? app.name : `${app.name}-${rng.pick(SITE_WORDS)}-${j}`;
    const extra = rng.chance(0.15);
    sites.push({
      name,
      host: `${name}.${team}.${domainOf(k)}`,
      ...(extra && { extraHost: `${name}-${team}.${domainOf(k)}` }),
      app,
    });
  }
  return sites;
}

// --- the gateway side ------------------------------------------------------------------------

function ingressGateway(): CorpusFile {
  const rng = new Rng("ingress");
  const labels = { app: "istio-ingressgateway", istio: "ingressgateway" };
  const ports = [
    { name: "status-port", port: 15021, targetPort: 15021, protocol: "TCP" },
    { name: "http2", port: 80, targetPort: 8080, protocol: "TCP" },
    { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
  ];
  const container = {
    name: "istio-proxy",
    image: ISTIO_IMAGE,
    ports: [
      { containerPort: 15021, protocol: "TCP" },
      { containerPort: 8080, protocol: "TCP" },
      { containerPort: 8443, protocol: "TCP" },
      { containerPort: 15090, name: "http-envoy-prom", protocol: "TCP" },
    ],
  };
  return {
    path: `${GATEWAY_NAMESPACE}/ingressgateway.yaml`,
    objects: [
      { apiVersion: "v1", kind: "Namespace", metadata: meta(rng, GATEWAY_NAMESPACE, undefined, 0) },
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: meta(rng, "istio-ingressgateway", GATEWAY_NAMESPACE, 1, { labels }),
        spec: { type: "LoadBalancer", clusterIP: "10.96.0.10", selector: labels, ports },
      },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta(rng, "istio-ingressgateway", GATEWAY_NAMESPACE, 1, { labels }),
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } },
            spec: { serviceAccountName: "istio-ingressgateway-service-account", containers: [container] },
          },
        },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: meta(rng, "istio-ingressgateway-7c9d8f6b5d-x2k4q", GATEWAY_NAMESPACE, 2, {
          labels: { ...labels, "sidecar.istio.io/inject": "false" },
        }),
        spec: {
          serviceAccountName: "istio-ingressgateway-service-account",
          nodeName: "node-000",
          containers: [{ name: "istio-proxy", image: ISTIO_IMAGE }],
        },
        status: { phase: "Running", podIP: "10.15.255.2", hostIP: "192.168.0.10" },
      },
    ],
  };
}

/** A kubernetes.io/tls Secret: the leaf and the CA as the chain, and ca.crt for mutual TLS. */
function tlsSecret(
  rng: Rng,
  name: string,
  issued: Issued,
  ca: Issued,
  withCa: boolean,
  created: number,
): K8sObject {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta(rng, name, GATEWAY_NAMESPACE, created),
    type: "kubernetes.io/tls",
    data: {
      "tls.crt": b64(issued.certPem + ca.certPem),
      "tls.key": b64(issued.keyPem),
      ...(withCa && { "ca.crt": b64(ca.certPem) }),
    },
  };
}

interface GatewaySide {
  readonly gateway: K8sObject;
  readonly secrets: K8sObject[];
  readonly servers: number;
}

/**
 * Gateway k: plain HTTP on 80 (one in three), HTTP redirecting to HTTPS (one in three) or
 * HTTPS only; a wildcard HTTPS server, a dedicated HTTPS server for three hosts and a
 * mutual-TLS server for one.
 */
function gatewayOf(k: number, pki: Pki): GatewaySide {
  const rng = new Rng(`gateway/${k}`);
  const domain = domainOf(k);
  const firstSites = sitesOf(k * NAMESPACES_PER_GATEWAY);
  const dedicated = firstSites.slice(0, 3).map((a) => a.host);
  const mutual = (firstSites[3] as Site).host;
  const name = gatewayName(k);
  const created = 10 + k;
  const http = {
    port: { number: 80, name: "http", protocol: "HTTP" },
    hosts: [`*.${domain}`],
    ...(k % 3 === 1 && { tls: { httpsRedirect: true } }),
  };
  const servers = [
    ...(k % 3 === 2 ? [] : [http]),
    {
      port: { number: 443, name: "https-wildcard", protocol: "HTTPS" },
      hosts: [`*.${domain}`],
      tls: { mode: "SIMPLE", credentialName: `${name}-wildcard`, minProtocolVersion: "TLSV1_2" },
    },
    {
      port: { number: 443, name: "https-dedicated", protocol: "HTTPS" },
      hosts: dedicated,
      tls: { mode: "SIMPLE", credentialName: `${name}-dedicated` },
    },
    {
      port: { number: 443, name: "https-mtls", protocol: "HTTPS" },
      hosts: [mutual],
      tls: { mode: "MUTUAL", credentialName: `${name}-mtls`, subjectAltNames: [`client.${domain}`] },
    },
  ];
  const gateway = {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "Gateway",
    metadata: meta(rng, name, GATEWAY_NAMESPACE, created, {
      labels: { "app.kubernetes.io/part-of": "edge" },
    }),
    spec: { selector: { istio: "ingressgateway" }, servers },
  };
  const secrets = [
    tlsSecret(
      rng,
      `${name}-wildcard`,
      pki.leaf(`${name}/wildcard`, [`*.${domain}`, domain]),
      pki.ca,
      false,
      created,
    ),
    tlsSecret(rng, `${name}-dedicated`, pki.leaf(`${name}/dedicated`, dedicated), pki.ca, false, created),
    tlsSecret(rng, `${name}-mtls`, pki.leaf(`${name}/mtls`, [mutual]), pki.ca, true, created),
  ];
  return { gateway, secrets, servers: servers.length };
}

// --- a team namespace ------------------------------------------------------------------------

interface Dest {
  host: string;
  subset?: string;
  port?: { number: number };
}

function httpRoutes(rng: Rng, app: App, team: string, apps: readonly App[], k: number): K8sObject[] {
  const short = rng.chance(0.5);
  const host = short ? app.name : `${app.name}.${team}.svc.cluster.local`;
  const dest = (subset?: string): Dest => ({
    host,
    ...(subset && app.hasRule && { subset }),
    ...(app.grpc && { port: { number: 80 } }),
  });
  const weighted = (a: number) =>
    app.hasRule && a < 100
      ? [
          { destination: dest("v1"), weight: a },
          { destination: dest("v2"), weight: 100 - a },
        ]
      : [{ destination: dest() }];
  const other = rng.pick(apps);
  const routes: K8sObject[] = [];
  const candidates: (() => K8sObject)[] = [
    () => ({
      name: "canary",
      match: [{ uri: { prefix: "/api" }, headers: { "x-canary": { exact: "always" } } }],
      route: [{ destination: dest("v2") }],
    }),
    () => ({
      name: "api",
      match: [{ uri: { prefix: `/api/v${rng.int(1, 3)}` } }, { uri: { prefix: "/graphql" } }],
      route: weighted(rng.pick([90, 80, 95, 50])),
      retries: { attempts: rng.int(2, 4), perTryTimeout: "2s", retryOn: "5xx,connect-failure,503" },
      timeout: `${rng.int(5, 30)}s`,
    }),
    () => ({
      name: "items",
      match: [{ uri: { regex: "^/items/[0-9]+(/reviews)?$" } }],
      route: [{ destination: dest("v1") }],
    }),
    () => ({
      name: "legacy",
      match: [{ uri: { exact: "/old-checkout" } }, { uri: { prefix: "/legacy/" } }],
      redirect: { uri: "/checkout", redirectCode: 301 },
    }),
    () => ({
      name: "docs",
      match: [{ uri: { prefix: "/docs" } }],
      redirect: { authority: `docs.${domainOf(k)}`, redirectCode: 302 },
    }),
    () => ({
      name: "debug",
      match: [{ queryParams: { debug: { exact: "true" } }, method: { exact: "GET" } }],
      route: [{ destination: dest("v2") }],
      headers: {
        request: { set: { "x-debug": "1" } },
        response: { remove: ["x-envoy-upstream-service-time"] },
      },
    }),
    () => ({
      name: "static",
      match: [{ uri: { prefix: "/static/" } }],
      rewrite: { uri: "/" },
      route: [{ destination: { host: `${other.name}.${team}.svc.cluster.local` } }],
    }),
    () => ({
      name: "login",
      match: [{ uri: { exact: "/Login" }, ignoreUriCase: true }],
      route: [{ destination: dest("v1") }],
      corsPolicy: {
        allowOrigins: [{ exact: `https://www.${domainOf(k)}` }],
        allowMethods: ["GET", "POST"],
        maxAge: "24h",
      },
    }),
    () => ({
      name: "mobile",
      match: [{ headers: { "user-agent": { regex: ".*(Android|iPhone).*" } } }],
      route: weighted(70),
      fault: { delay: { fixedDelay: "100ms", percentage: { value: 0.5 } } },
    }),
    () => ({
      name: "healthz",
      match: [{ uri: { exact: "/healthz" } }],
      directResponse: { status: 200, body: { string: "ok" } },
    }),
  ];
  for (const make of candidates) if (rng.chance(0.12)) routes.push(make());
  if (app.grpc) {
    routes.push({
      name: "grpc",
      match: [{ headers: { "content-type": { prefix: "application/grpc" } } }],
      route: [{ destination: { host, port: { number: 9090 } } }],
    });
  }
  routes.push({ name: "default", route: weighted(rng.pick([100, 90])) });
  return routes;
}

interface TeamFiles {
  readonly files: CorpusFile[];
  readonly counts: Partial<CorpusCounts>;
}

function teamNamespace(i: number, podBase: number, serviceBase: number): TeamFiles {
  const rng = new Rng(`team/${i}`);
  const team = teamName(i);
  const k = Math.floor(i / NAMESPACES_PER_GATEWAY);
  const apps = appsOf(i);
  const sites = sitesOf(i);
  const created = 1000 + i * VS_PER_NAMESPACE;
  const appObjects: K8sObject[] = [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: meta(rng, team, undefined, created - 1, { labels: { "istio-injection": "enabled" } }),
    },
  ];
  const virtualServices: K8sObject[] = [];
  const rules: K8sObject[] = [];
  const pods: K8sObject[] = [];
  const slices: K8sObject[] = [];
  let podN = podBase;
  apps.forEach((app, j) => {
    const t = created + j;
    const labels = { app: app.name };
    appObjects.push({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(rng, app.name, team, t),
    });
    const ports = [
      { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
      ...(app.grpc ? [{ name: "grpc", port: 9090, targetPort: 9090, protocol: "TCP" }] : []),
    ];
    appObjects.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(rng, app.name, team, t, { labels }),
      spec: { type: "ClusterIP", clusterIP: clusterIp(serviceBase + j), selector: labels, ports },
    });
    if (app.hasRule) {
      const lb = rng.pick([
        { simple: "LEAST_REQUEST" },
        { simple: "ROUND_ROBIN" },
        { consistentHash: { httpHeaderName: "x-user" } },
      ]);
      rules.push({
        apiVersion: "networking.istio.io/v1beta1",
        kind: "DestinationRule",
        metadata: meta(rng, app.name, team, t),
        spec: {
          host: app.name,
          trafficPolicy: {
            loadBalancer: lb,
            connectionPool: {
              tcp: { maxConnections: rng.pick([100, 1000]) },
              http: { http1MaxPendingRequests: 1024, maxRequestsPerConnection: 10 },
            },
            outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "60s" },
          },
          subsets: [
            { name: "v1", labels: { version: "v1" } },
            { name: "v2", labels: { version: "v2" } },
          ],
        },
      });
    }

    const endpoints: K8sObject[] = [];
    for (let p = 0; p < app.pods; p++) {
      const version = p === app.pods - 1 ? "v2" : "v1";
      const rs = `${app.name}-${version}-${rng.token(10)}`;
      const name = `${rs}-${rng.token(5)}`;
      const ip = podIp(podN++);
      const node = `node-${pad(rng.int(0, 199), 3)}`;
      const zone = `zone-${"abc"[rng.int(0, 2)]}`;
      pods.push({
        apiVersion: "v1",
        kind: "Pod",
        metadata: meta(rng, name, team, t + 1, {
          labels: {
            app: app.name,
            version,
            "pod-template-hash": rs.slice(rs.lastIndexOf("-") + 1),
            "security.istio.io/tlsMode": "istio",
            "service.istio.io/canonical-name": app.name,
            "service.istio.io/canonical-revision": version,
          },
          ownerReferences: [
            { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, controller: true, uid: uid(rng) },
          ],
        }),
        spec: {
          serviceAccountName: app.name,
          nodeName: node,
          containers: [
            {
              name: app.name,
              image: `registry.example.com/${team}/${app.name}:1.${rng.int(0, 40)}.${rng.int(0, 9)}`,
              ports: [
                { containerPort: 8080, name: "http", protocol: "TCP" },
                ...(app.grpc ? [{ containerPort: 9090, name: "grpc", protocol: "TCP" }] : []),
              ],
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
            },
            { name: "istio-proxy", image: ISTIO_IMAGE },
          ],
        },
        status: { phase: "Running", podIP: ip, hostIP: `192.168.${rng.int(0, 3)}.${rng.int(2, 250)}` },
      });
      endpoints.push({
        addresses: [ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: node,
        zone,
        targetRef: { kind: "Pod", name, namespace: team, uid: uid(rng) },
      });
    }
    if (app.withSlice) {
      slices.push({
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: meta(rng, `${app.name}-${rng.token(5)}`, team, t + 1, {
          labels: {
            "kubernetes.io/service-name": app.name,
            "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
          },
          ownerReferences: [{ apiVersion: "v1", kind: "Service", name: app.name, uid: uid(rng) }],
        }),
        addressType: "IPv4",
        ports: ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: "TCP" })),
        endpoints,
      });
    }
  });
  let httpRouteCount = 0;
  sites.forEach((site, j) => {
    const http = httpRoutes(rng, site.app, team, apps, k);
    httpRouteCount += http.length;
    virtualServices.push({
      apiVersion: "networking.istio.io/v1beta1",
      kind: "VirtualService",
      metadata: meta(rng, site.name, team, created + j, { labels: { app: site.app.name } }),
      spec: {
        hosts: site.extraHost ? [site.host, site.extraHost] : [site.host],
        gateways: [`${GATEWAY_NAMESPACE}/${gatewayName(k)}`],
        http,
      },
    });
  });
  return {
    files: [
      { path: `${team}/apps.yaml`, objects: appObjects },
      { path: `${team}/virtualservices.yaml`, objects: virtualServices },
      { path: `${team}/destinationrules.yaml`, objects: rules },
      { path: `${team}/pods.yaml`, objects: pods },
      { path: `${team}/endpointslices.yaml`, objects: slices },
    ],
    counts: {
      virtualServices: virtualServices.length,
      httpRoutes: httpRouteCount,
      destinationRules: rules.length,
      services: apps.length,
      pods: pods.length,
      endpointSlices: slices.length,
    },
  };
}

/** The corpus of one scale, file by file (generated lazily so that a large one streams). */
export function* corpusFiles(scale: number): Generator<CorpusFile, CorpusCounts> {
  const namespaces = namespaceCount(scale);
  const gateways = Math.ceil(namespaces / NAMESPACES_PER_GATEWAY);
  const pki = benchPki();
  const counts: CorpusCounts = {
    namespaces,
    gateways,
    servers: 0,
    secrets: 0,
    virtualServices: 0,
    httpRoutes: 0,
    destinationRules: 0,
    services: 0,
    pods: 0,
    endpointSlices: 0,
  };
  yield ingressGateway();
  const gatewayObjects: K8sObject[] = [];
  const secretObjects: K8sObject[] = [];
  for (let k = 0; k < gateways; k++) {
    const g = gatewayOf(k, pki);
    gatewayObjects.push(g.gateway);
    secretObjects.push(...g.secrets);
    counts.servers += g.servers;
  }
  counts.secrets = secretObjects.length;
  yield { path: `${GATEWAY_NAMESPACE}/gateways.yaml`, objects: gatewayObjects };
  yield { path: `${GATEWAY_NAMESPACE}/secrets.yaml`, objects: secretObjects };
  let podBase = 0;
  for (let i = 0; i < namespaces; i++) {
    const t = teamNamespace(i, podBase, i * (VS_PER_NAMESPACE / VS_PER_APP));
    for (const f of t.files) yield f;
    for (const [key, n] of Object.entries(t.counts)) counts[key as keyof CorpusCounts] += n as number;
    podBase += t.counts.pods ?? 0;
  }
  return counts;
}

/** Every private key the corpus holds, as PEM: none of them may reach gwctl's output. */
export function corpusPrivateKeys(scale: number): string[] {
  const gateways = Math.ceil(namespaceCount(scale) / NAMESPACES_PER_GATEWAY);
  const pki = benchPki();
  const keys = [pki.ca.keyPem];
  for (let k = 0; k < gateways; k++) {
    for (const s of gatewayOf(k, pki).secrets) {
      const data = s.data as Record<string, string>;
      keys.push(Buffer.from(data["tls.key"] as string, "base64").toString("utf8"));
    }
  }
  return keys;
}
