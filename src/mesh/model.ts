import type { ManifestObject } from "../manifests/types.js";
import type {
  DestinationRuleSpec,
  GatewaySpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from "./istio-types.js";

/** Identity and provenance shared by every resource. */
export interface Meta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch; 0 when the manifest has no creationTimestamp. */
  readonly created: number;
  /** The manifest it came from; absent for objects gwctl stands in for (the default gateway). */
  readonly source?: ManifestObject;
}

export interface IstioResource<S> {
  readonly meta: Meta;
  /** API version as written (v1alpha3, v1beta1, v1). */
  readonly version: string;
  readonly spec: S;
}

export type Gateway = IstioResource<GatewaySpec>;
export type VirtualService = IstioResource<VirtualServiceSpec>;
export type DestinationRule = IstioResource<DestinationRuleSpec>;
export type ServiceEntry = IstioResource<ServiceEntrySpec>;

export interface ServicePortInfo {
  readonly name: string;
  readonly port: number;
  /** Protocol as Istio sees it: HTTP, HTTP2, GRPC, TCP, UDP, … (from protocol, appProtocol or name). */
  readonly protocol: string;
  /** Number, or a container port name to resolve through the pod. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

export type Resolution = "ClientSideLB" | "DNSLB" | "DNSRoundRobinLB" | "Passthrough" | "Alias";

/**
 * A service in Istio's registry: a Kubernetes Service or one host of a ServiceEntry.
 * This is what clusters are built from.
 */
export interface MeshService {
  readonly hostname: string;
  readonly name: string;
  readonly namespace: string;
  readonly ports: readonly ServicePortInfo[];
  readonly resolution: Resolution;
  readonly meshExternal: boolean;
  /** exportTo after defaulting: "*" (everyone), "." (own namespace), "~" (no one), or namespaces. */
  readonly exportTo: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Pod selector of a Kubernetes Service (undefined for a selector-less one). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly clusterIP?: string;
  readonly externalName?: string;
  readonly kind: "Service" | "ServiceEntry";
  readonly meta: Meta;
}

export type EndpointHealth = "HEALTHY" | "UNHEALTHY" | "TERMINATING";

/** One address of one service port, with what the pod behind it tells Istio. */
export interface MeshEndpoint {
  readonly address: string;
  readonly port: number;
  /** Name of the service port this endpoint serves ("" for an unnamed port). */
  readonly servicePortName: string;
  /** For ServiceEntry endpoints: the service port number they serve. */
  readonly servicePort?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount?: string;
  /** "istio" when the pod has a sidecar (label security.istio.io/tlsMode). */
  readonly tlsMode?: string;
  readonly workloadName?: string;
  /** For a ServiceEntry's inline endpoint: its position in spec.endpoints. */
  readonly entryIndex?: number;
  /**
   * Endpoints istiod makes itself rather than reads from a pod: a ServiceEntry's inline
   * endpoint, the host of a DNS ServiceEntry without endpoints, or a Kubernetes ExternalName.
   */
  readonly origin?: "serviceEntry" | "serviceEntryHost" | "externalName";
  readonly namespace: string;
  readonly locality?: string;
  readonly health: EndpointHealth;
  readonly weight?: number;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
}

export interface MeshPod {
  readonly meta: Meta;
  readonly ip?: string;
  readonly serviceAccount?: string;
  readonly nodeName?: string;
  readonly containerPorts: readonly ContainerPort[];
  readonly images: readonly string[];
  readonly phase?: string;
}

export interface MeshDeployment {
  readonly meta: Meta;
  readonly templateLabels: Readonly<Record<string, string>>;
  readonly serviceAccount?: string;
  readonly containerPorts: readonly ContainerPort[];
  readonly images: readonly string[];
}

export interface TlsSecret {
  readonly meta: Meta;
  /** PEM certificate chain (tls.crt or cert), if present. */
  readonly cert?: string;
  /** Only whether a key is present is kept: key material never leaves the loader. */
  readonly hasKey: boolean;
  /** SHA-256 of the private key's public half (SPKI DER), to check that key and certificate match. */
  readonly keyFingerprint?: string;
  /** Why the private key could not be read, if it could not. */
  readonly keyError?: string;
  /** PEM CA bundle (ca.crt or cacert), if present. */
  readonly ca?: string;
  readonly type: string;
  /** Data keys that held something gwctl could not decode as PEM. */
  readonly badKeys: readonly string[];
}

export interface IstioOperatorGateway {
  readonly name: string;
  readonly namespace: string;
  readonly enabled: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly servicePorts?: readonly ServicePortInfo[];
  readonly operator: Meta;
}

/** The fields of Istio's MeshConfig that change what a gateway receives. */
export interface ExtensionProvider {
  readonly name: string;
  readonly sds?: { readonly name?: string; readonly service: string; readonly port: number };
}

export interface MeshConfig {
  readonly accessLogFile?: string;
  readonly accessLogEncoding?: string;
  readonly accessLogFormat?: string;
  readonly rootNamespace: string;
  readonly connectTimeout: string;
  readonly enableAutoMtls: boolean;
  readonly defaultHttpRetryPolicy?: Record<string, unknown>;
  /** enableTracing (default true): gateway connection managers carry a tracing block. */
  readonly enableTracing: boolean;
  /** trustDomain; the gateway's MESH_ID defaults to it. */
  readonly trustDomain?: string;
  /** defaultConfig.tracing.sampling, in percent (istiod falls back to PILOT_TRACE_SAMPLING, 1). */
  readonly traceSampling?: number;
  /** extensionProviders; only SDS providers are read (external gateway credentials). */
  readonly extensionProviders?: readonly ExtensionProvider[];
  /** Where each value came from, for messages. */
  readonly sources: readonly Meta[];
}

export interface MeshNamespace {
  readonly meta: Meta;
}

/** Everything gwctl knows about the cluster, as typed and indexed data. Read-only. */
export interface Mesh {
  readonly gateways: readonly Gateway[];
  readonly virtualServices: readonly VirtualService[];
  readonly destinationRules: readonly DestinationRule[];
  readonly serviceEntries: readonly ServiceEntry[];
  readonly services: readonly MeshService[];
  /** Endpoints per service hostname and namespace, key `${namespace}/${hostname}`. */
  readonly endpoints: ReadonlyMap<string, readonly MeshEndpoint[]>;
  readonly pods: readonly MeshPod[];
  readonly deployments: readonly MeshDeployment[];
  readonly secrets: readonly TlsSecret[];
  readonly namespaces: readonly MeshNamespace[];
  readonly operatorGateways: readonly IstioOperatorGateway[];
  readonly meshConfig: MeshConfig;
  /** DNS suffix of the cluster ("cluster.local"; "" in istio's own unit-test harness). */
  readonly domainSuffix: string;
}

export function endpointKey(namespace: string, hostname: string): string {
  return `${namespace}/${hostname}`;
}
