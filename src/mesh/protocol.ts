/**
 * Istio's protocol selection for a service port (pkg/config/protocol): an explicit
 * appProtocol wins, then the port name's prefix ("http-web" → HTTP), then UDP/SCTP from the
 * transport protocol; anything else is left to protocol sniffing ("Unsupported").
 */
const BY_NAME: Record<string, string> = {
  tcp: "TCP",
  udp: "UDP",
  grpc: "GRPC",
  "grpc-web": "GRPC-Web",
  http: "HTTP",
  http_proxy: "HTTP_PROXY",
  http2: "HTTP2",
  https: "HTTPS",
  tls: "TLS",
  mongo: "Mongo",
  redis: "Redis",
  mysql: "MySQL",
  h2c: "HTTP2",
  ws: "HTTP",
  wss: "HTTPS",
};

export function parseProtocol(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return BY_NAME[value.toLowerCase()];
}

export function servicePortProtocol(
  name: string | undefined,
  transport: string | undefined,
  appProtocol?: string,
): string {
  const t = (transport ?? "TCP").toUpperCase();
  if (t === "UDP") return "UDP";
  if (t === "SCTP") return "SCTP";
  const fromApp = parseProtocol(appProtocol?.replace(/^kubernetes\.io\//, ""));
  if (fromApp) return fromApp;
  if (name) {
    const lower = name.toLowerCase();
    if (lower === "grpc-web" || lower.startsWith("grpc-web-")) return "GRPC-Web";
    const dash = lower.indexOf("-");
    const prefix = dash === -1 ? lower : lower.slice(0, dash);
    const fromName = BY_NAME[prefix];
    if (fromName) return fromName;
  }
  return "Unsupported";
}

/** Gateway server protocols that carry HTTP (and so share one HTTP connection manager). */
export function isHttpProtocol(protocol: string): boolean {
  const p = protocol.toUpperCase();
  return p === "HTTP" || p === "HTTP2" || p === "GRPC" || p === "GRPC-WEB" || p === "HTTP_PROXY";
}

export function isHttp2Protocol(protocol: string): boolean {
  const p = protocol.toUpperCase();
  return p === "HTTP2" || p === "GRPC" || p === "GRPC-WEB";
}
