/**
 * What a simulation returns: the hops the request took through the gateway's Envoy, each
 * named with the xDS resource and the Istio config behind it, and how it ended. This is the
 * `-o json` shape, so field names are part of the CLI's contract.
 */

export type HopKind =
  | "port"
  | "listener"
  | "filter-chain"
  | "tls"
  | "connection-manager"
  | "route-config"
  | "virtual-host"
  | "route"
  | "action"
  | "tcp-proxy"
  | "cluster"
  | "endpoints";

export interface Hop {
  readonly kind: HopKind;
  /** The xDS resource at this hop: a listener, route configuration, cluster… name. */
  readonly resource: string;
  /** What matched, and how, in words. */
  readonly detail: string;
  /** The Istio or Kubernetes config that produced the resource (Gateway server, VirtualService…). */
  readonly from?: string;
}

/**
 * Istio's own simulation error strings (pilot/pkg/simulation/traffic.go), so results can be
 * compared with its gateway simulation tests.
 */
export type IstioSimulationError =
  | "no listener matched"
  | "no filter chains matched"
  | "no route matched"
  | "tls required, sending 301"
  | "no virtual host matched"
  | "multiple filter chains matched"
  | "protocol error"
  | "invalid TLS"
  | "invalid mTLS";

export type OutcomeKind = "proxied" | "redirect" | "direct-response" | "failed";

export interface Outcome {
  /** 2xx/3xx or proxied as configured: the CLI exits 0; otherwise 1. */
  readonly ok: boolean;
  readonly kind: OutcomeKind;
  /** The HTTP status Envoy answers with itself (redirects, direct responses, 404, 503). */
  readonly status?: number;
  readonly location?: string;
  readonly body?: string;
  /** One line: what happened. */
  readonly summary: string;
  /** What the user would change, when something fails or surprises. */
  readonly fix?: readonly string[];
  /** What curl (or telnet) shows. */
  readonly client?: string;
  readonly istioError?: IstioSimulationError;
}

export interface EndpointInfo {
  readonly address: string;
  readonly port: number;
  readonly health: string;
  /** Istio's workload metadata: "<workload>;<namespace>;…". */
  readonly workload?: string;
  /** The pod behind the address, when the caller knows it. */
  readonly pod?: string;
}

export interface UpstreamInfo {
  readonly cluster: string;
  /** Share of requests for weighted clusters (percent). */
  readonly weight?: number;
  readonly endpoints: readonly EndpointInfo[];
}

export interface RequestSummary {
  readonly url: string;
  readonly method?: string;
  readonly authority?: string;
  readonly path?: string;
  readonly sni?: string;
  readonly alpn?: readonly string[];
  readonly clientCertificate?: string;
}

export interface SimulationResult {
  readonly request: RequestSummary;
  readonly hops: readonly Hop[];
  readonly outcome: Outcome;
  readonly notes: readonly string[];
  /** The names Istio's simulation reports, for machines and for its test cases. */
  readonly listener?: string;
  readonly filterChain?: string;
  readonly routeConfig?: string;
  readonly virtualHost?: string;
  readonly route?: string;
  readonly cluster?: string;
  readonly upstreams?: readonly UpstreamInfo[];
  /** The request as it leaves for the upstream (after rewrites). */
  readonly upstreamRequest?: { readonly authority: string; readonly path: string };
}
