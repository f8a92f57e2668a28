import { parseHttpsRouteName } from "../envoy/istio-names.js";
import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";
import { acceptedServerNames, type Connection, filterChainsOf, selectFilterChain } from "./filter-chain.js";
import { describeServicePorts, type GatewayServicePort, mapClientPort } from "./gateway-service.js";
import { walkHttp } from "./http-walk.js";
import { findListener, HCM, listenerPorts, networkFilter, rdsName, TCP_PROXY } from "./listeners.js";
import { isIpLiteral } from "./paths.js";
import type { SimRequest } from "./request.js";
import type { Outcome, RequestSummary, SimulationResult } from "./result.js";
import { downstreamTlsContext, handshake } from "./tls.js";
import { failed, finish, hop, newTrace, type Trace } from "./trace.js";
import { walkUpstreams } from "./upstream-walk.js";

/**
 * Walk one request through a gateway's Envoy config dump: client port → Service → listener →
 * filter chain (SNI, ALPN) → TLS handshake → connection manager or tcp_proxy → … → endpoints.
 * The dump may be simulated from manifests or read from a live Envoy; everything else the
 * walk needs (the gateway Service, pod names) comes in as plain data.
 */

export interface SimulationContext {
  /** Ports of the gateway's Service(s); undefined when unknown (the client's port is the listener port). */
  readonly servicePorts?: readonly GatewayServicePort[];
  /** Which Gateway server produced each filter chain: listener name → label per chain index. */
  readonly chainSources?: ReadonlyMap<string, readonly (string | undefined)[]>;
  /** Pod names ("namespace/name") by IP, to name endpoints. */
  readonly podsByIp?: ReadonlyMap<string, string>;
  /** The clock for certificate validity. */
  readonly now: Date;
  /** Envoy's per-request random value: which of weighted clusters this request takes (default 0). */
  readonly randomValue?: number;
}

function summaryOf(req: SimRequest): RequestSummary {
  return {
    url: req.url,
    ...(req.http && { method: req.http.method, authority: req.http.authority, path: req.http.path }),
    ...(req.tls?.sni !== undefined && { sni: req.tls.sni }),
    ...(req.tls && req.tls.alpn.length > 0 && { alpn: req.tls.alpn }),
    ...(req.tls?.clientCert && { clientCertificate: req.tls.clientCert.source }),
  };
}

function refused(req: SimRequest, summary: string, fix: string[]): Outcome {
  const client =
    req.http !== undefined
      ? `curl: (7) Failed to connect to ${req.host} port ${req.port}: Connection refused`
      : "telnet: Unable to connect to remote host: Connection refused";
  return failed(summary, { client, fix, istioError: "no listener matched" });
}

/** The gateway server behind a chain: from the caller, else from an HTTPS route name. */
function chainSource(
  listenerName: string,
  index: number,
  chain: JsonObject,
  ctx: SimulationContext,
): string | undefined {
  const given = ctx.chainSources?.get(listenerName)?.[index];
  if (given) return given;
  const https = parseHttpsRouteName(rdsName(chain));
  return https
    ? `Gateway ${https.namespace}/${https.gateway} server ${https.portName} (port ${https.port})`
    : undefined;
}

export function simulateRequest(dump: ConfigDump, req: SimRequest, ctx: SimulationContext): SimulationResult {
  const t = newTrace();
  const outcome = walk(t, dump, req, ctx);
  return finish(t, summaryOf(req), outcome);
}

function walk(t: Trace, dump: ConfigDump, req: SimRequest, ctx: SimulationContext): Outcome {
  // 1. Client port → listener port through the gateway Service.
  let mapping = mapClientPort(req.port, ctx.servicePorts);
  if (!mapping && findListener(dump, req.port, undefined)) {
    mapping = {
      listenerPort: req.port,
      detail: `port ${req.port} is not a port of the gateway Service; taken as the listener port`,
    };
  }
  if (!mapping) {
    return refused(
      req,
      `connection refused: port ${req.port} is neither a nodePort nor a port of the gateway Service`,
      [`the Service's ports are ${describeServicePorts(ctx.servicePorts ?? [])}; use one of them`],
    );
  }
  hop(t, "port", String(mapping.listenerPort), mapping.detail);

  // 2. Listener.
  const address = isIpLiteral(req.host) && !req.host.startsWith("[") ? req.host : undefined;
  const listener = findListener(dump, mapping.listenerPort, address);
  if (!listener) {
    const ports = listenerPorts(dump);
    return refused(
      req,
      `connection refused: the gateway's Envoy has no listener on port ${mapping.listenerPort}`,
      [
        `no Gateway server for this gateway maps to port ${mapping.listenerPort}: add a server whose port is the Service port that targets ${mapping.listenerPort}`,
        `Envoy listens on: ${ports.join(", ") || "(nothing)"}`,
      ],
    );
  }
  const listenerName = String(listener.name ?? "");
  t.names.listener = listenerName;
  hop(t, "listener", listenerName, `${filterChainsOf(listener).length} filter chain(s)`);

  // 3. Filter chain.
  const conn: Connection = {
    port: mapping.listenerPort,
    ...(address && { address }),
    tls: req.tls !== undefined,
    ...(req.tls?.sni !== undefined && { sni: req.tls.sni }),
    alpn: req.tls?.alpn ?? [],
  };
  const sel = selectFilterChain(listener, conn);
  if (sel.overlapping) {
    return failed(
      `Envoy rejects listener ${listenerName}: filter chains ${sel.overlapping.map((i) => `#${i}`).join(", ")} match the same connection`,
      {
        client: "(the listener update is NACKed; Envoy keeps its previous listeners)",
        fix: ["two Gateway servers on this port claim the same hosts: give each server distinct hosts"],
        istioError: "multiple filter chains matched",
      },
    );
  }
  if (!sel.chain || sel.index === undefined)
    return noChain(req, listenerName, listener, sel.detected.sni, sel.steps);
  const chain = sel.chain;
  t.names.filterChain = typeof chain.name === "string" ? chain.name : "";
  const server = chainSource(listenerName, sel.index, chain, ctx);
  hop(
    t,
    "filter-chain",
    sel.index === -1
      ? "default_filter_chain"
      : `${listenerName}#${sel.index}${typeof chain.name === "string" && chain.name ? ` ${chain.name}` : ""}`,
    sel.steps.length > 0 ? sel.steps.join("; ") : "the only chain",
    server,
  );

  // 4. Transport.
  const hcm = networkFilter(chain, HCM);
  const tcp = networkFilter(chain, TCP_PROXY);
  const tlsContext = downstreamTlsContext(chain);
  const target = `${req.host}:${req.port}`;
  let alpn: string | undefined;
  let clientCertificate: { presented: boolean; validated: boolean } | undefined;
  if (tlsContext && !req.tls) {
    return failed("the connection is closed: this port expects TLS and the client speaks plain text", {
      client: req.http ? "curl: (52) Empty reply from server" : "Connection closed by foreign host.",
      fix: [`use https:// (or tls://) for port ${req.port}`],
      istioError: "invalid TLS",
    });
  }
  if (!tlsContext && req.tls) {
    if (hcm) {
      return failed(
        "the TLS handshake fails: this port serves plain HTTP, and Envoy answers the ClientHello with HTTP 400",
        {
          client: "curl: (35) OpenSSL: error:0A00010B:SSL routines::wrong version number",
          fix: [`use http:// for port ${req.port}, or call the gateway's HTTPS port`],
          istioError: "protocol error",
        },
      );
    }
    hop(
      t,
      "tls",
      listenerName,
      "no TLS termination: the encrypted connection passes through to the upstream",
    );
  }
  if (tlsContext && req.tls) {
    const hs = handshake({
      context: tlsContext,
      hello: req.tls,
      dump,
      now: ctx.now,
      urlHost: req.host,
      target,
    });
    if (!hs.ok) {
      return failed(hs.summary, {
        client: hs.client,
        fix: hs.fix,
        ...(hs.istioError && { istioError: hs.istioError }),
      });
    }
    t.notes.push(...hs.notes);
    hop(t, "tls", listenerName, hs.detail);
    alpn = hs.alpn;
    clientCertificate = hs.clientCertificate;
  }

  // 5. Network filter.
  if (hcm) {
    if (!req.http) {
      return failed("this port speaks HTTP: raw bytes get an HTTP 400 and the connection closes", {
        client: "HTTP/1.1 400 Bad Request",
        fix: [`use http:// or https:// for port ${req.port}`],
        istioError: "protocol error",
      });
    }
    return walkHttp(t, {
      dump,
      hcm,
      http: req.http,
      tls: tlsContext !== undefined,
      http2: alpn === "h2",
      ...(clientCertificate && { clientCertificate }),
      randomValue: ctx.randomValue ?? 0,
      podsByIp: ctx.podsByIp ?? new Map(),
      ...(server && { server }),
    });
  }
  if (tcp) {
    const weighted =
      isJsonObject(tcp.weighted_clusters) && Array.isArray(tcp.weighted_clusters.clusters)
        ? tcp.weighted_clusters.clusters
            .filter(isJsonObject)
            .map((c) => ({ cluster: String(c.name ?? ""), weight: Number(c.weight ?? 0) }))
        : undefined;
    const total = weighted?.reduce((n, w) => n + w.weight, 0) ?? 0;
    const chosen =
      typeof tcp.cluster === "string" ? tcp.cluster : pickTcp(weighted ?? [], ctx.randomValue ?? 0, total);
    hop(
      t,
      "tcp-proxy",
      String(tcp.stat_prefix ?? TCP_PROXY),
      `tcp_proxy to ${weighted ? `weighted clusters (${weighted.map((w) => w.cluster).join(", ")})` : chosen}`,
    );
    if (req.http)
      t.notes.push("this port is TCP: the HTTP request passes through unchanged, without HTTP routing");
    return walkUpstreams(
      t,
      {
        chosen,
        ...(weighted && {
          weighted: weighted.map((w) => ({
            cluster: w.cluster,
            percent: total > 0 ? Math.round((w.weight * 10000) / total) / 100 : 0,
          })),
        }),
      },
      { dump, podsByIp: ctx.podsByIp ?? new Map(), protocol: "TCP" },
    );
  }
  return failed(
    "the filter chain has neither an HTTP connection manager nor a tcp_proxy: gwctl cannot follow it",
    {
      fix: ["inspect the chain with gwctl proxy-config listeners -o json"],
    },
  );
}

function pickTcp(
  weighted: readonly { cluster: string; weight: number }[],
  random: number,
  total: number,
): string {
  if (total <= 0) return weighted[0]?.cluster ?? "";
  let end = 0;
  for (const w of weighted) {
    end += w.weight;
    if (random % total < end) return w.cluster;
  }
  return weighted[0]?.cluster ?? "";
}

function noChain(
  req: SimRequest,
  listenerName: string,
  listener: JsonObject,
  sni: string,
  steps: readonly string[],
): Outcome {
  const accepted = acceptedServerNames(listener);
  const wantsSni = !accepted.includes("(any)");
  if (req.tls && wantsSni) {
    const shown = sni === "" ? "no SNI" : `SNI "${sni}"`;
    return failed(`the TLS handshake is reset: no filter chain of ${listenerName} accepts ${shown}`, {
      client: `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${req.host}:${req.port}`,
      fix: [
        `the listener accepts SNI ${accepted.join(", ")}`,
        "curl sends the URL's host as SNI, and a Host: header does not change it: put the host name in the URL" +
          (accepted[0]
            ? ` (curl --resolve ${accepted[0]}:${req.port}:127.0.0.1 https://${accepted[0]}:${req.port}${req.http?.path ?? "/"})`
            : ""),
        sni === "" ? "" : `or add ${sni} to the hosts of the Gateway server`,
      ].filter(Boolean),
      istioError: "no filter chains matched",
    });
  }
  if (!req.tls && wantsSni) {
    return failed(
      `the connection is closed: every filter chain of ${listenerName} wants TLS with SNI ${accepted.join(", ")}`,
      {
        client: req.http ? "curl: (52) Empty reply from server" : "Connection closed by foreign host.",
        fix: [`use https:// for port ${req.port}`],
        istioError: "no filter chains matched",
      },
    );
  }
  return failed(
    `the connection is closed: no filter chain of ${listenerName} matches (${steps.join("; ") || "no chain"})`,
    {
      client: req.http ? "curl: (52) Empty reply from server" : "Connection closed by foreign host.",
      istioError: "no filter chains matched",
    },
  );
}
