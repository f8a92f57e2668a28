import type { Header } from "./matchers.js";
import { isIpLiteral } from "./paths.js";

/**
 * The request a user would make with curl, as plain data: what goes on the wire (port, TLS
 * ClientHello, HTTP request line and headers). `buildRequest` applies curl's defaults, so the
 * simulation sees what curl would really send.
 */

export type Scheme = "http" | "https" | "tcp" | "tls";

/** A client certificate as PEM text (`--cert`, `--key`). */
export interface ClientCertificate {
  readonly certPem: string;
  /** The private key; undefined when the certificate file holds it too (curl accepts both). */
  readonly keyPem?: string;
  /** Where it came from, for messages. */
  readonly source: string;
}

export interface TlsHello {
  /** Server Name Indication; undefined when curl sends none (an IP-literal host). */
  readonly sni?: string;
  /** ALPN protocols offered, in the client's order. */
  readonly alpn: readonly string[];
  readonly clientCert?: ClientCertificate;
  /** `--cacert`: the CA bundle the client verifies the server against. */
  readonly caBundle?: string;
  /** `-k`: the client does not verify the server. */
  readonly insecure: boolean;
}

export interface HttpPart {
  readonly method: string;
  /** `:path`: path and query, dot segments removed as curl does. */
  readonly path: string;
  /** `Host` / `:authority`. */
  readonly authority: string;
  /** Other request headers, names in lower case. */
  readonly headers: readonly Header[];
  /** The client speaks HTTP/2 when the server agrees (ALPN h2, or prior knowledge). */
  readonly http2: boolean;
}

export interface SimRequest {
  /** The URL as the user wrote it. */
  readonly url: string;
  readonly scheme: Scheme;
  /** URL host, lower case (IPv6 in brackets). */
  readonly host: string;
  /** The port the client connects to. */
  readonly port: number;
  readonly tls?: TlsHello;
  readonly http?: HttpPart;
}

export interface CurlOptions {
  /** `-H 'Name: value'`, repeatable. */
  readonly headers?: readonly string[];
  /** `-X METHOD`. */
  readonly method?: string;
  /** `-d`: a body is sent, so the default method is POST. */
  readonly data?: boolean;
  readonly sni?: string;
  readonly http2?: boolean;
  readonly http1?: boolean;
  readonly clientCert?: ClientCertificate;
  readonly caBundle?: string;
  readonly insecure?: boolean;
}

export type BuildResult =
  | { readonly ok: true; readonly request: SimRequest }
  | { readonly ok: false; readonly error: string };

const DEFAULT_PORTS: Record<Scheme, number | undefined> = {
  http: 80,
  https: 443,
  tcp: undefined,
  tls: undefined,
};

function fail(error: string): BuildResult {
  return { ok: false, error };
}

function parseHeaders(lines: readonly string[]): Header[] | string {
  const out: Header[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) return `bad header ${JSON.stringify(line)}: use -H 'Name: value'`;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) return `bad header name ${JSON.stringify(name)}`;
    out.push({ name, value: line.slice(colon + 1).trim() });
  }
  return out;
}

/** The options that only make sense for one kind of URL. */
function checkCombinations(scheme: Scheme, o: CurlOptions): string | undefined {
  const httpOnly: [string, unknown][] = [
    ["-H", o.headers?.length ? o.headers : undefined],
    ["-X", o.method],
    ["-d", o.data || undefined],
    ["--http2", o.http2 || undefined],
    ["--http1.1", o.http1 || undefined],
  ];
  if (scheme === "tcp" || scheme === "tls") {
    const bad = httpOnly.filter(([, v]) => v !== undefined).map(([k]) => k);
    if (bad.length > 0) return `${bad.join(", ")} apply to http:// and https:// URLs, not ${scheme}://`;
  }
  if (scheme === "http" || scheme === "tcp") {
    const tlsOnly: [string, unknown][] = [
      ["--sni", o.sni],
      ["--cert", o.clientCert],
      ["--cacert", o.caBundle],
      ["-k", o.insecure || undefined],
    ];
    const bad = tlsOnly.filter(([, v]) => v !== undefined).map(([k]) => k);
    if (bad.length > 0) return `${bad.join(", ")} apply to TLS (https:// or tls://), not ${scheme}://`;
  }
  if (o.http2 && o.http1) return "--http2 and --http1.1 exclude each other";
  return undefined;
}

/** Parse a URL the way curl reads it (no scheme means http://) and apply curl's defaults. */
export function buildRequest(url: string, o: CurlOptions = {}): BuildResult {
  const text = url.includes("://") ? url : `http://${url}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`bad URL ${JSON.stringify(url)}`);
  }
  const scheme = u.protocol.slice(0, -1) as Scheme;
  if (!(scheme in DEFAULT_PORTS))
    return fail(`unsupported scheme ${scheme}:// (use http, https, tcp or tls)`);
  const host = u.hostname.toLowerCase();
  if (host === "") return fail(`no host in ${JSON.stringify(url)}`);
  const port = u.port !== "" ? Number(u.port) : DEFAULT_PORTS[scheme];
  if (port === undefined) return fail(`${scheme}:// needs a port: ${scheme}://HOST:PORT`);
  const combination = checkCombinations(scheme, o);
  if (combination) return fail(combination);
  if ((scheme === "tcp" || scheme === "tls") && u.pathname !== "" && u.pathname !== "/")
    return fail(`${scheme}:// URLs have no path: ${JSON.stringify(url)}`);
  if (o.method !== undefined && !/^[A-Za-z]+$/.test(o.method))
    return fail(`bad method ${JSON.stringify(o.method)}`);
  if (o.sni !== undefined && !/^[A-Za-z0-9.*-]+$/.test(o.sni))
    return fail(`bad SNI ${JSON.stringify(o.sni)}`);

  const isTls = scheme === "https" || scheme === "tls";
  const tls: TlsHello | undefined = isTls
    ? {
        // curl sends the URL's host as SNI, never the Host header; none for an IP literal.
        ...((o.sni ?? (isIpLiteral(host) ? undefined : host)) !== undefined && {
          sni: (o.sni ?? host).toLowerCase(),
        }),
        alpn: scheme === "tls" ? [] : o.http1 ? ["http/1.1"] : ["h2", "http/1.1"],
        ...(o.clientCert && { clientCert: o.clientCert }),
        ...(o.caBundle !== undefined && { caBundle: o.caBundle }),
        insecure: o.insecure === true,
      }
    : undefined;

  let http: HttpPart | undefined;
  if (scheme === "http" || scheme === "https") {
    const parsed = parseHeaders(o.headers ?? []);
    if (typeof parsed === "string") return fail(parsed);
    const hostHeader = parsed.filter((h) => h.name === "host");
    const defaultAuthority = u.port !== "" ? `${host}:${port}` : host;
    http = {
      method: (o.method ?? (o.data ? "POST" : "GET")).toUpperCase(),
      // The URL parser has already removed dot segments and encoded what curl encodes.
      path: `${u.pathname || "/"}${u.search}`,
      authority:
        hostHeader.length > 0 ? (hostHeader[hostHeader.length - 1] as Header).value : defaultAuthority,
      headers: parsed.filter((h) => h.name !== "host"),
      http2: scheme === "https" ? !o.http1 : false,
    };
  }
  return {
    ok: true,
    request: { url, scheme, host, port, ...(tls && { tls }), ...(http && { http }) },
  };
}
