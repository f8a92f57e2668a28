import { Agent, errors, request } from "undici";
import { configDumpProblem } from "./configdump.js";
import type { ConfigDump, JsonObject } from "./types.js";

/**
 * Reading a live Envoy's admin API (usually `kubectl port-forward … 15000`). Failures come
 * back as one-line reasons a user can act on; nothing here throws.
 */

export interface AdminOptions {
  /** Whole-request deadline in milliseconds (connect, headers and body). */
  readonly timeoutMs: number;
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_ADMIN_OPTIONS: AdminOptions = { timeoutMs: 10_000, maxBytes: 32 * 1024 * 1024 };

export type AdminResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

function fail<T>(reason: string): AdminResult<T> {
  return { ok: false, reason };
}

/** Validate and normalise an admin base URL ("127.0.0.1:15000" → "http://127.0.0.1:15000/"). */
export function adminBaseUrl(text: string): AdminResult<URL> {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(`"${text}" is not a URL (expected http://HOST:PORT, e.g. http://127.0.0.1:15000)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail(`"${text}": only http:// and https:// admin URLs are supported`);
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  return { ok: true, value: url };
}

const MIB = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;
}

function describeNetworkError(e: unknown, url: URL, opts: AdminOptions): string {
  const err = e as {
    code?: string;
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = err.code ?? err.cause?.code;
  const where = url.host;
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return `no complete answer from ${where} within ${opts.timeoutMs / 1000}s (raise --timeout, or check the port-forward)`;
  }
  switch (code) {
    case "ECONNREFUSED":
      return `connection refused by ${where}: is Envoy's admin port forwarded there (kubectl port-forward … 15000)?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve host ${url.hostname}`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "UND_ERR_RES_CONTENT_LENGTH_MISMATCH":
      return `truncated response from ${where}: the connection closed before the whole body arrived`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} is unreachable`;
    default:
      return `request to ${where} failed: ${(err.cause?.message ?? err.message ?? String(e)).split("\n")[0]}`;
  }
}

/** GET one admin path and parse its JSON body. */
export async function getAdminJson(
  base: URL,
  path: string,
  opts: AdminOptions = DEFAULT_ADMIN_OPTIONS,
): Promise<AdminResult<unknown>> {
  const url = new URL(path, base);
  const agent = new Agent({ keepAliveTimeout: 10, connect: { timeout: opts.timeoutMs } });
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await request(url, {
      method: "GET",
      dispatcher: agent,
      signal,
      headers: { accept: "application/json" },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    if (res.statusCode >= 300 && res.statusCode < 400) {
      await res.body.dump();
      const loc = res.headers.location;
      return fail(
        `${url.href} answered ${res.statusCode} redirecting to ${String(loc ?? "?")}; gwctl does not follow redirects from an admin API`,
      );
    }
    const declared = Number(res.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      res.body.destroy();
      return fail(
        `${url.href} answered with ${sizeText(declared)}, more than the ${sizeText(opts.maxBytes)} limit (raise --max-size)`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += (chunk as Buffer).length;
      if (total > opts.maxBytes) {
        res.body.destroy();
        return fail(`${url.href} sent more than the ${sizeText(opts.maxBytes)} limit (raise --max-size)`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (res.statusCode !== 200) {
      const first = text.trim().split("\n")[0]?.slice(0, 120) ?? "";
      return fail(`${url.href} answered HTTP ${res.statusCode}${first ? `: ${first}` : ""}`);
    }
    return parseJsonBody(text, url, String(res.headers["content-type"] ?? ""));
  } catch (e) {
    if (
      e instanceof errors.RequestContentLengthMismatchError ||
      e instanceof errors.ResponseContentLengthMismatchError
    ) {
      return fail(`truncated response from ${url.host}: the body is shorter than its Content-Length`);
    }
    return fail(describeNetworkError(e, url, opts));
  } finally {
    await agent.close().catch(() => undefined);
  }
}

function parseJsonBody(text: string, url: URL, contentType: string): AdminResult<unknown> {
  const trimmed = text.trimStart();
  if (trimmed === "") return fail(`${url.href} answered with an empty body`);
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
    const what = contentType ? ` (${contentType.split(";")[0]})` : "";
    return fail(
      `${url.href} did not answer JSON${what}: it starts with ${JSON.stringify(trimmed.slice(0, 40))}`,
    );
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = (e as Error).message;
    if (/end of (JSON )?input|Unterminated|Unexpected end/i.test(msg)) {
      return fail(
        `truncated JSON from ${url.href}: the body ends before the document does (${sizeText(text.length)} received)`,
      );
    }
    return fail(`${url.href} answered invalid JSON: ${msg}`);
  }
}

export interface ConfigDumpQuery {
  readonly includeEds?: boolean;
  readonly mask?: readonly string[];
}

/** GET /config_dump, checked to be a ConfigDump. */
export async function fetchConfigDump(
  base: URL,
  q: ConfigDumpQuery,
  opts?: AdminOptions,
): Promise<AdminResult<ConfigDump>> {
  const params = new URLSearchParams();
  if (q.includeEds) params.set("include_eds", "true");
  if (q.mask && q.mask.length > 0) params.set("mask", q.mask.join(","));
  const query = params.toString();
  const r = await getAdminJson(base, `config_dump${query ? `?${query}` : ""}`, opts);
  if (!r.ok) return r;
  const problem = configDumpProblem(r.value);
  if (problem) return fail(`${new URL("config_dump", base).href}: ${problem}: is this Envoy's admin port?`);
  return { ok: true, value: r.value as ConfigDump };
}

/** GET /clusters?format=json (what istioctl's endpoint view reads). */
export async function fetchClusterStatuses(base: URL, opts?: AdminOptions): Promise<AdminResult<JsonObject>> {
  const r = await getAdminJson(base, "clusters?format=json", opts);
  if (!r.ok) return r;
  const v = r.value as JsonObject;
  if (typeof v !== "object" || v === null || Array.isArray(v))
    return fail("clusters?format=json did not answer a JSON object");
  return { ok: true, value: v };
}

/** GET /server_info. */
export async function fetchServerInfo(base: URL, opts?: AdminOptions): Promise<AdminResult<JsonObject>> {
  const r = await getAdminJson(base, "server_info", opts);
  if (!r.ok) return r;
  return { ok: true, value: r.value as JsonObject };
}
