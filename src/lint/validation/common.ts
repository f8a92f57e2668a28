import { isIP } from "node:net";
import { RE2JS } from "re2js";
import type { FieldPath } from "../../manifests/types.js";
import { parseGoDuration } from "../../mesh/durations.js";
import { parseProtocol } from "../../mesh/protocol.js";

/**
 * The building blocks of istiod's validation (pkg/config/validation, agent/validation.go,
 * pkg/config/labels), re-implemented with the field path of every problem so that lint can
 * point at it. Messages are istio's own strings, so that users can search for them.
 */

export interface ValidationIssue {
  readonly path: FieldPath;
  readonly level: "error" | "warning";
  readonly message: string;
  /** The VirtualService analysis that istioctl reports with codes of their own (IST0130/IST0131). */
  readonly analysis?: { readonly type: "unreachable" | "ineffective"; readonly params: readonly string[] };
}

export type Out = ValidationIssue[];

export function err(out: Out, path: FieldPath, message: string): void {
  out.push({ path, level: "error", message });
}

export function warn(out: Out, path: FieldPath, message: string): void {
  out.push({ path, level: "warning", message });
}

// --- untrusted-data accessors: a value of the wrong type counts as absent (the CRD schema
// check reports the type itself) ---

export type Rec = Readonly<Record<string, unknown>>;

export function rec(v: unknown): Rec | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}
export function num(v: unknown): number {
  return typeof v === "number" ? v : 0;
}
export function strMap(v: unknown): [string, string][] {
  const r = rec(v);
  return r ? Object.entries(r).map(([k, x]) => [k, typeof x === "string" ? x : String(x ?? "")]) : [];
}
export function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Go's %q for a string (close enough for the ASCII that names and hosts are made of). */
export function q(s: string): string {
  return JSON.stringify(s);
}

// --- names ---

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_PREFIX = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

export function isDNS1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isWildcardDNS1123Label(value: string): boolean {
  return value.length <= 63 && WILDCARD_PREFIX.test(value);
}

function dns1123Preconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name ${q(name)} too long (max 255)`;
  if (name.length === 0) return "empty domain name not allowed";
  return undefined;
}

function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split(".");
  const tld = parts[parts.length - 1] as string;
  if (/^[+-]?\d+$/.test(tld))
    return `domain name ${q(domain)} invalid (top level domain ${q(tld)} cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i] as string;
    if (i === parts.length - 1 && label === "") return undefined;
    if (!isDNS1123Label(label)) return `domain name ${q(domain)} invalid (label ${q(label)} invalid)`;
  }
  return undefined;
}

export function validateFQDN(fqdn: string): string | undefined {
  return dns1123Preconditions(fqdn) ?? dns1123Labels(fqdn);
}

/** A valid FQDN, with a wildcard allowed only as the whole first label (`*`, `*foo`, `*-foo`). */
export function validateWildcardDomain(domain: string): string | undefined {
  const pre = dns1123Preconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf(".");
  const first = dot === -1 ? domain : domain.slice(0, dot);
  if (!isWildcardDNS1123Label(first)) return `domain name ${q(domain)} invalid (label ${q(first)} invalid)`;
  return dot === -1 ? undefined : dns1123Labels(domain.slice(dot + 1));
}

export function validatePartialWildcard(host: string): string | undefined {
  if (host.includes("*") && host.length !== 1 && !host.startsWith("*."))
    return `partial wildcard ${q(host)} not allowed`;
  return undefined;
}

export function isIPAddress(v: string): boolean {
  return isIP(v) !== 0;
}

export function validateIPSubnet(subnet: string): string | undefined {
  if ((subnet.match(/\//g) ?? []).length === 1) {
    const [ip, bits] = subnet.split("/") as [string, string];
    const family = isIP(ip);
    const n = /^\d+$/.test(bits) ? Number(bits) : -1;
    if (family === 0 || n < 0 || n > (family === 4 ? 32 : 128)) return `${subnet} is not a valid CIDR block`;
    return undefined;
  }
  return isIPAddress(subnet) ? undefined : `${subnet} is not a valid IP`;
}

export function validatePort(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** A `[namespace/]host` entry of a Gateway server. */
export function validateGatewayHost(out: Out, path: FieldPath, hostname: string): void {
  const slash = hostname.indexOf("/");
  let name = hostname;
  if (slash !== -1) {
    const ns = hostname.slice(0, slash);
    name = hostname.slice(slash + 1);
    if (ns.length === 0 || name.length === 0)
      err(out, path, "config namespace and dnsName in host entry cannot be empty");
    if (ns !== "*" && ns !== "." && !isDNS1123Label(ns))
      err(out, path, `invalid namespace value ${q(ns)} in gateway`);
  }
  if (name !== "*" && !name.includes(".")) err(out, path, "short names (non FQDN) are not allowed");
  const domainErr = validateWildcardDomain(name);
  if (domainErr && !isIPAddress(name)) err(out, path, domainErr);
  const partial = validatePartialWildcard(name);
  if (partial) err(out, path, partial);
}

// --- labels (pkg/config/labels) ---

const TAG_KEY =
  /^((?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*)\/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const LABEL_VALUE = /^((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function validateLabels(out: Out, path: FieldPath, labels: unknown): void {
  for (const [k, v] of strMap(labels)) {
    const m = TAG_KEY.exec(k);
    if (!m) err(out, [...path, k], `invalid tag key: ${q(k)}`);
    else if (m[1] && m[1].length - 1 > 253)
      err(out, [...path, k], `invalid tag key: ${q(k)} (DNS prefix is too long)`);
    else if ((m[3] ?? "").length > 63) err(out, [...path, k], `invalid tag key: ${q(k)} (name is too long)`);
    if (!LABEL_VALUE.test(v)) err(out, [...path, k], `invalid tag value: ${q(v)}`);
  }
}

// --- durations ---

/** agent.ValidateDuration for a duration written as a string; an unparsable one is the CRD check's. */
export function validateDuration(out: Out, path: FieldPath, value: unknown): void {
  if (typeof value !== "string") return;
  const ns = parseGoDuration(value);
  if (ns === undefined) return;
  if (ns < 1e6) err(out, path, "duration must be greater than 1ms");
  else if (ns % 1e6 !== 0) err(out, path, "only durations to ms precision are supported");
}

// --- exportTo ---

export function validateExportTo(
  out: Out,
  path: FieldPath,
  namespace: string,
  exportTo: unknown,
  isServiceEntry: boolean,
  isDestinationRuleWithSelector: boolean,
): void {
  const list = arr(exportTo).map(str);
  if (list.length === 0) return;
  const set = new Set<string>();
  list.forEach((e, i) => {
    const key = e === "." ? namespace : e;
    if (set.has(key)) {
      if (key !== e)
        err(out, [...path, i], `duplicate entries in exportTo: . and current namespace ${namespace}`);
      else err(out, [...path, i], `duplicate entries in exportTo for entry ${e}`);
      return;
    }
    if (isServiceEntry && e === "~") {
      set.add(key);
      return;
    }
    if (key === "~")
      err(out, [...path, i], "exportTo ~ (none) is not allowed for Istio configuration objects");
    else if (key !== "*" && key !== "." && !isDNS1123Label(key))
      err(out, [...path, i], "only .,*, or a valid DNS 1123 label is allowed as exportTo entry");
    else set.add(key);
  });
  if (isDestinationRuleWithSelector && set.size > 0) {
    if (set.has(namespace)) {
      if (set.size > 1)
        err(out, path, "destination rule with workload selector cannot have multiple entries in exportTo");
    } else {
      err(out, path, "destination rule with workload selector cannot have exportTo beyond current namespace");
    }
  }
  if (set.has("*") && list.length > 1)
    err(out, path, "cannot have both public (*) and non-public exportTo values for a resource");
  if (set.has("~") && list.length > 1)
    err(out, path, "cannot export service entry to no one (~) and someone");
}

// --- string matches and regular expressions ---

export function validateStringRegexp(re: string, where: string): string | undefined {
  if (re.length > 1024) return `${q(where)}: regex is too large, max length allowed is 1024`;
  try {
    RE2JS.compile(re);
    return undefined;
  } catch (e) {
    const detail = (e as Error).message.replace(/^error parsing regexp: /, "");
    return `${q(where)}: error parsing regexp: ${detail}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`;
  }
}

/** Only the regex variant is checked (uri allows an empty prefix). */
export function validateStringMatchRegexp(out: Out, path: FieldPath, sm: unknown, where: string): void {
  const m = rec(sm);
  if (!m || !present(m.regex)) return;
  const re = str(m.regex);
  if (re === "") err(out, [...path, "regex"], `${q(where)}: regex string match should not be empty`);
  else {
    const e = validateStringRegexp(re, where);
    if (e) err(out, [...path, "regex"], e);
  }
}

export function validateStringMatch(out: Out, path: FieldPath, sm: unknown, where: string): void {
  const m = rec(sm);
  if (!m) return;
  if (present(m.prefix) && str(m.prefix) === "")
    err(out, [...path, "prefix"], `${q(where)}: prefix string match should not be empty`);
  else validateStringMatchRegexp(out, path, sm, where);
}

// --- gateway references of a VirtualService ---

export function validateGatewayNames(out: Out, path: FieldPath, names: unknown): void {
  const list = arr(names);
  for (let i = 0; i < list.length; i++) {
    const name = str(list[i]);
    const p = [...path, i];
    const slash = name.indexOf("/");
    if (slash === -1) {
      if (name.includes(".")) {
        const parts = name.split(".");
        warn(
          out,
          p,
          `using legacy gatewayName format ${q(name)}; prefer the <namespace>/<name> format: ${q(`${parts[1]}/${parts[0]}`)}`,
        );
      }
      const e = validateFQDN(name);
      if (e) err(out, p, e);
      return; // istio stops at the first name without a namespace
    }
    const ns = name.slice(0, slash);
    const gw = name.slice(slash + 1);
    if (ns.length === 0 || gw.length === 0) err(out, p, "config namespace and gateway name cannot be empty");
    if (!isDNS1123Label(ns)) err(out, p, `invalid value for namespace: ${q(ns)}`);
    if (!isDNS1123Label(gw)) err(out, p, `invalid value for gateway name: ${q(gw)}`);
  }
}

// --- headers ---

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const PSEUDO_HEADERS = new Set([":method", ":scheme", ":authority", ":path", ":status"]);
const JWT_CLAIM_PREFIX = "@request.auth.claims";

/** A header name in the `@request.auth.claims.<claim>` (or `[a][b]`) form: a JWT claim route. */
export function isJwtClaimRoute(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) return false;
  const rest = name.slice(JWT_CLAIM_PREFIX.length);
  return (
    (rest.startsWith(".") && rest.length > 1) ||
    (rest.startsWith("[") && rest.endsWith("]") && rest.length > 2)
  );
}

export function validateHeaderNameOrJwtClaim(name: string): string | undefined {
  if (name === "") return "header name cannot be empty";
  if (isJwtClaimRoute(name) || PSEUDO_HEADERS.has(name)) return undefined;
  return HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

export function validateCorsHeaderName(name: string): string | undefined {
  if (name === "") return "header name cannot be empty";
  if (name === "*") return undefined;
  return HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

const isInternalHeader = (k: string) => k.startsWith(":") || k.toLowerCase() === "host";
export const isAuthorityHeader = (k: string) =>
  k.toLowerCase() === ":authority" || k.toLowerCase() === "host";

export function validateHeaderWithAuthorityOperationName(name: string): string | undefined {
  if (name === "") return "header name cannot be empty";
  if (isInternalHeader(name) && !isAuthorityHeader(name))
    return `invalid header ${q(name)}: header cannot have ":" prefix`;
  return undefined;
}

export function validateHeaderOperationName(name: string): string | undefined {
  if (name === "") return "header name cannot be empty";
  if (name.toLowerCase() === "host") return `invalid header ${q(name)}: cannot set Host header`;
  if (isInternalHeader(name)) return `invalid header ${q(name)}: header cannot have ":" prefix`;
  return undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const HEADER_VALUE_FORBIDDEN = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/** Envoy's header value syntax: `%VAR%` or `%VAR(args)%` expressions, `%%` for a literal %. */
export function validateHeaderValue(value: string): string | undefined {
  if (HEADER_VALUE_FORBIDDEN.test(value)) return `header value configuration ${value} is invalid`;
  let i = 0;
  while (i < value.length) {
    if (value[i] !== "%") {
      i++;
      continue;
    }
    if (i + 1 >= value.length)
      return "header value configuration: invalid header configuration. Un-escaped %";
    if (value[i + 1] === "%") {
      i += 2;
      continue;
    }
    const end = value.indexOf("%", i + 1);
    if (end === -1)
      return `header value configuration: invalid header configuration. Un-terminated variable expression '${value.slice(i + 1)}'`;
    i = end + 1;
  }
  return undefined;
}

/** The headers block of a route or destination: names and values of every operation. */
export function validateHeaderOperations(out: Out, path: FieldPath, headers: unknown): void {
  const h = rec(headers);
  if (!h) return;
  for (const side of ["request", "response"] as const) {
    const ops = rec(h[side]);
    if (!ops) continue;
    for (const op of ["add", "set"] as const) {
      for (const [name, value] of strMap(ops[op])) {
        const p = [...path, side, op, name];
        const e =
          side === "request"
            ? validateHeaderWithAuthorityOperationName(name)
            : validateHeaderOperationName(name);
        if (e) err(out, p, e);
        const ve = validateHeaderValue(value);
        if (ve) err(out, p, ve);
      }
    }
    arr(ops.remove).forEach((name, i) => {
      const e = validateHeaderOperationName(str(name));
      if (e) err(out, [...path, side, "remove", i], e);
    });
  }
}

// --- protocols ---

/** istio's protocol.Parse: the canonical name, or undefined for an unsupported protocol. */
export function istioProtocol(s: string): string | undefined {
  // mesh's parseProtocol also knows appProtocol-only names, which protocol.Parse does not.
  return APP_PROTOCOL_ONLY.includes(s.toLowerCase()) ? undefined : parseProtocol(s);
}

const APP_PROTOCOL_ONLY = ["h2c", "ws", "wss"];

export const isHttpProtocol = (p: string | undefined): boolean =>
  p === "HTTP" || p === "HTTP2" || p === "GRPC" || p === "GRPC-Web" || p === "HTTP_PROXY";
export const isTlsProtocol = (p: string | undefined): boolean => p === "HTTPS" || p === "TLS";
