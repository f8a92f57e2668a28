import type { FieldPath } from "../../manifests/types.js";
import { parseGoDuration } from "../../mesh/durations.js";
import { hostsMatch, subsetOf } from "../../mesh/hosts.js";
import { GRPC_STATUS_CODES, HTTP_STATUS_CODES } from "../../mesh/status-codes.js";
import {
  arr,
  err,
  isAuthorityHeader,
  isDNS1123Label,
  isIPAddress,
  isJwtClaimRoute,
  num,
  type Out,
  present,
  q,
  type Rec,
  rec,
  str,
  strMap,
  validateCorsHeaderName,
  validateDuration,
  validateExportTo,
  validateGatewayNames,
  validateHeaderNameOrJwtClaim,
  validateHeaderOperations,
  validateIPSubnet,
  validateLabels,
  validatePort,
  validateStringMatch,
  validateStringMatchRegexp,
  validateStringRegexp,
  validateWildcardDomain,
  warn,
} from "./common.js";
import { analyzeUnreachableRules } from "./unreachable.js";

/** istiod's ValidateVirtualService (pkg/config/validation/validation.go, virtualservice.go), with field paths. */

const MESH = "mesh";

const RETRY_ON = new Set([
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "envoy-ratelimited",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
]);

const CORS_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "CONNECT",
  "OPTIONS",
  "TRACE",
  "*",
]);

const GRPC_STATUS = new Set(GRPC_STATUS_CODES);

export function validateVirtualService(namespace: string, spec: unknown): Out {
  const out: Out = [];
  const s = rec(spec) ?? {};
  const hosts = arr(s.hosts).map(str);
  const gateways = arr(s.gateways).map(str);
  const http = arr(s.http);
  const tcp = arr(s.tcp);
  const tls = arr(s.tls);
  const isDelegate = hosts.length === 0;
  if (isDelegate) {
    if (gateways.length !== 0)
      err(out, ["spec", "gateways"], "delegate virtual service must have no gateways specified");
    if (tls.length !== 0)
      err(out, ["spec", "tls"], "delegate virtual service must have no tls route specified");
    if (tcp.length !== 0)
      err(out, ["spec", "tcp"], "delegate virtual service must have no tcp route specified");
  }
  let appliesToMesh = false;
  let appliesToGateway = false;
  if (gateways.length === 0) appliesToMesh = true;
  else {
    validateGatewayNames(out, ["spec", "gateways"], s.gateways);
    appliesToGateway = !gateways.includes(MESH);
    appliesToMesh = !appliesToGateway;
  }
  if (!appliesToGateway) {
    http.forEach((route, i) => {
      arr(rec(route)?.match).forEach((m, j) => {
        for (const field of ["headers", "withoutHeaders"]) {
          for (const key of Object.keys(rec(rec(m)?.[field]) ?? {})) {
            if (isJwtClaimRoute(key))
              err(
                out,
                ["spec", "http", i, "match", j, field, key],
                `JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: [${gateways.join(" ")}]`,
              );
          }
        }
      });
    });
  }
  const sniHosts = tls.some((t) => arr(rec(t)?.match).some((m) => arr(rec(m)?.sniHosts).length > 0));
  let allHostsValid = true;
  hosts.forEach((h, i) => {
    const e = appliesToGateway ? validateGatewayBoundHost(sniHosts, h) : validateWildcardDomain(h);
    if (e) {
      if (!isIPAddress(h)) {
        err(out, ["spec", "hosts", i], e);
        allHostsValid = false;
      }
    } else if (appliesToMesh && h === "*") {
      err(
        out,
        ["spec", "hosts", i],
        "wildcard host * is not allowed for virtual services bound to the mesh gateway",
      );
      allHostsValid = false;
    }
  });
  if (allHostsValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        if (hostsMatch(hosts[i] as string, hosts[j] as string))
          err(out, ["spec", "hosts", j], `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
      }
    }
  }
  if (http.length === 0 && tcp.length === 0 && tls.length === 0)
    err(out, ["spec"], "http, tcp or tls must be provided in virtual service");
  http.forEach((route, i) => {
    const p = ["spec", "http", i];
    const r = rec(route);
    if (!r) err(out, p, "http route may not be null");
    else validateHttpRoute(out, p, r, isDelegate);
  });
  tls.forEach((route, i) => {
    validateTlsRoute(out, ["spec", "tls", i], rec(route), hosts, appliesToGateway);
  });
  tcp.forEach((route, i) => {
    validateTcpRoute(out, ["spec", "tcp", i], rec(route));
  });
  validateExportTo(out, ["spec", "exportTo"], namespace, s.exportTo, false, false);
  analyzeUnreachableRules(out, s);
  return out;
}

/** agent.ValidateWildcardDomainForVirtualServiceBoundToGateway. */
function validateGatewayBoundHost(sni: boolean, domain: string): string | undefined {
  if (domain.length > 255) return `domain name ${q(domain)} too long (max 255)`;
  if (domain.length === 0) return "empty domain name not allowed";
  if (sni && domain.startsWith("outbound_")) {
    const parts = domain.split("_");
    const format = "outbound_.<PORT>_._.<HOSTNAME>";
    if (parts.length < 4) return `domain name ${domain} invalid, should follow '${format}' format`;
    const port = (parts[1] as string).replace(/^\.+|\.+$/g, "");
    const hostname = (parts[3] as string).replace(/^\.+|\.+$/g, "");
    if (parts[0] !== "outbound")
      return `domain name ${q(domain)} invalid (label ${q(parts[0] as string)} invalid)`;
    if (!/[0-9]/.test(port))
      return `domain name ${q(domain)} invalid (label ${q(port)} invalid). should follow ${format} format`;
    if (!/[a-zA-Z]/.test(hostname))
      return `domain name ${q(domain)} invalid (label ${q(hostname)} invalid). should follow ${format} format`;
    return undefined;
  }
  return validateWildcardDomain(domain);
}

function validateHttpRoute(out: Out, path: FieldPath, http: Rec, isDelegate: boolean): void {
  const routeType = isDelegate ? "delegate" : present(http.delegate) ? "root" : "independent";
  validateRouteConflict(out, path, http, routeType);
  validateMatchRequests(out, path, http);
  validateHeaderOperations(out, [...path, "headers"], http.headers);
  validateCors(out, [...path, "corsPolicy"], rec(http.corsPolicy));
  validateFault(out, [...path, "fault"], rec(http.fault));
  for (const field of ["mirrorPercent", "mirror_percent"]) {
    if (!present(http[field])) continue;
    const value = num(http[field]);
    if (value > 100)
      err(out, [...path, field], `mirror_percent must have a max value of 100 (it has ${value})`);
    warn(out, [...path, field], 'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead');
  }
  const mp = rec(http.mirrorPercentage);
  if (mp) {
    const value = num(mp.value);
    if (value > 100)
      err(
        out,
        [...path, "mirrorPercentage"],
        `mirror_percentage must have a max value of 100 (it has ${goFloat(value)})`,
      );
    if (value < 0)
      err(
        out,
        [...path, "mirrorPercentage"],
        `mirror_percentage must have a min value of 0 (it has ${goFloat(value)})`,
      );
  }
  validateDestination(out, [...path, "mirror"], rec(http.mirror));
  arr(http.mirrors).forEach((m, i) => {
    const p = [...path, "mirrors", i];
    const mirror = rec(m);
    if (!mirror) {
      err(out, p, "mirror cannot be null");
      return;
    }
    if (!rec(mirror.destination)) {
      err(out, p, "destination is required for mirrors");
      return;
    }
    validateDestination(out, [...p, "destination"], rec(mirror.destination));
    const pct = rec(mirror.percentage);
    if (pct) {
      const value = num(pct.value);
      if (value > 100)
        err(
          out,
          [...p, "percentage"],
          `mirror percentage must have a max value of 100 (it has ${goFloat(value)})`,
        );
      if (value < 0)
        err(
          out,
          [...p, "percentage"],
          `mirror percentage must have a min value of 0 (it has ${goFloat(value)})`,
        );
    }
  });
  validateRedirect(out, [...path, "redirect"], rec(http.redirect), arr(http.match));
  validateDirectResponse(out, [...path, "directResponse"], rec(http.directResponse));
  validateRetries(out, [...path, "retries"], rec(http.retries));
  validateRewrite(out, [...path, "rewrite"], rec(http.rewrite));
  validateAuthorityRewrite(out, path, http);
  validateRouteDestinations(out, [...path, "route"], arr(http.route), true);
  validateDuration(out, [...path, "timeout"], http.timeout);
}

/** Go's %f: six decimals. */
function goFloat(v: number): string {
  return v.toFixed(6);
}

function validateRouteConflict(out: Out, path: FieldPath, http: Rec, routeType: string): void {
  const name = str(http.name);
  const routes = arr(http.route);
  if (routeType === "root") {
    if (present(http.redirect))
      err(out, [...path, "redirect"], `root HTTP route ${name} must not specify redirect`);
    if (present(http.route)) err(out, [...path, "route"], `root HTTP route ${name} must not specify route`);
    return;
  }
  if (routeType === "delegate" && present(http.delegate))
    err(out, [...path, "delegate"], "delegate HTTP route cannot contain delegate");
  if (present(http.redirect)) {
    const p = [...path, "redirect"];
    if (routes.length > 0) err(out, p, "HTTP route cannot contain both route and redirect");
    if (present(http.fault)) err(out, p, "HTTP route cannot contain both fault and redirect");
    if (present(http.rewrite)) err(out, p, "HTTP route rule cannot contain both rewrite and redirect");
    if (present(http.directResponse))
      err(out, p, "HTTP route rule cannot contain both direct_response and redirect");
  } else if (present(http.directResponse)) {
    const p = [...path, "directResponse"];
    if (routes.length > 0) err(out, p, "HTTP route cannot contain both route and direct_response");
    if (present(http.fault)) err(out, p, "HTTP route cannot contain both fault and direct_response");
    if (present(http.rewrite)) err(out, p, "HTTP route rule cannot contain both rewrite and direct_response");
  } else if (routes.length === 0) {
    err(out, path, "HTTP route, redirect or direct_response is required");
  }
  if (present(http.mirror) && arr(http.mirrors).length > 0)
    err(out, [...path, "mirrors"], "HTTP route cannot contain both mirror and mirrors");
}

function validateMatchRequests(out: Out, path: FieldPath, http: Rec): void {
  arr(http.match).forEach((raw, j) => {
    const m = rec(raw);
    if (!m) return;
    const p = [...path, "match", j];
    for (const [name, header] of Object.entries(rec(m.headers) ?? {})) {
      const hp = [...p, "headers", name];
      if (!present(header)) err(out, hp, `header match ${name} cannot be null`);
      const e = validateHeaderNameOrJwtClaim(name);
      if (e) err(out, hp, e);
      validateStringMatch(out, hp, header, "headers");
    }
    for (const [name, header] of Object.entries(rec(m.withoutHeaders) ?? {})) {
      const hp = [...p, "withoutHeaders", name];
      const e = validateHeaderNameOrJwtClaim(name);
      if (e) err(out, hp, e);
      if (str(rec(header)?.regex) !== "*") validateStringMatch(out, hp, header, "withoutHeaders");
    }
    validateStringMatchRegexp(out, [...p, "uri"], m.uri, "uri");
    for (const where of ["scheme", "method", "authority"])
      validateStringMatch(out, [...p, where], m[where], where);
    for (const [name, qp] of Object.entries(rec(m.queryParams) ?? {}))
      validateStringMatch(out, [...p, "queryParams", name], qp, "queryParams");
    if (num(m.port) !== 0) {
      const e = validatePort(num(m.port));
      if (e) err(out, [...p, "port"], e);
    }
    validateLabels(out, [...p, "sourceLabels"], m.sourceLabels);
    validateGatewayNames(out, [...p, "gateways"], m.gateways);
    const sourceNamespace = str(m.sourceNamespace);
    if (sourceNamespace !== "" && !isDNS1123Label(sourceNamespace))
      err(out, [...p, "sourceNamespace"], `sourceNamespace match ${sourceNamespace} is invalid`);
  });
}

function validateCors(out: Out, path: FieldPath, cors: Rec | undefined): void {
  if (!cors) return;
  arr(cors.allowOrigins).forEach((o, i) => {
    const origin = rec(o);
    const p = [...path, "allowOrigins", i];
    const match = str(origin?.exact) || str(origin?.prefix) || str(origin?.regex);
    if (match === "") err(out, p, `'${match}' is not a valid match type for CORS allow origins`);
    else validateStringMatchRegexp(out, p, origin, "corsPolicy.allowOrigins");
  });
  arr(cors.allowMethods).forEach((m, i) => {
    if (!CORS_METHODS.has(str(m)))
      err(out, [...path, "allowMethods", i], `${q(str(m))} is not a supported HTTP method`);
  });
  for (const field of ["allowHeaders", "exposeHeaders"]) {
    arr(cors[field]).forEach((h, i) => {
      const e = validateCorsHeaderName(str(h));
      if (e) err(out, [...path, field, i], e);
    });
  }
  if (typeof cors.maxAge === "string") {
    validateDuration(out, [...path, "maxAge"], cors.maxAge);
    const ns = parseGoDuration(cors.maxAge);
    if (ns !== undefined && ns % 1e9 !== 0)
      err(out, [...path, "maxAge"], "max_age duration is accurate only to seconds precision");
  }
}

function validatePercentage(out: Out, path: FieldPath, pct: unknown): void {
  const p = rec(pct);
  if (!p) return;
  const v = num(p.value);
  if (v < 0 || v > 100 || (v > 0 && v < 0.0001))
    err(out, path, `percentage ${v} is neither 0.0, nor in range [0.0001, 100.0]`);
}

function validateFault(out: Out, path: FieldPath, fault: Rec | undefined): void {
  if (!fault) return;
  const abort = rec(fault.abort);
  const delay = rec(fault.delay);
  if (!abort && !delay) err(out, path, "HTTP fault injection must have an abort and/or a delay");
  if (abort) {
    const p = [...path, "abort"];
    validatePercentage(out, [...p, "percentage"], abort.percentage);
    if (present(abort.grpcStatus)) {
      const status = str(abort.grpcStatus);
      if (!GRPC_STATUS.has(status))
        err(
          out,
          [...p, "grpcStatus"],
          `gRPC status ${q(status)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'`,
        );
    } else if (present(abort.http2Error)) {
      err(out, [...p, "http2Error"], "HTTP/2 abort fault injection not supported yet");
    } else if (present(abort.httpStatus)) {
      const status = num(abort.httpStatus);
      if (status < 200 || status > 600)
        err(out, [...p, "httpStatus"], `HTTP status ${status} is not in range 200-599`);
    } else {
      warn(out, p, "abort configured, but error type not set");
    }
  }
  if (delay) {
    const p = [...path, "delay"];
    validatePercentage(out, [...p, "percentage"], delay.percentage);
    if (present(delay.fixedDelay)) validateDuration(out, [...p, "fixedDelay"], delay.fixedDelay);
    else if (present(delay.exponentialDelay)) {
      validateDuration(out, [...p, "exponentialDelay"], delay.exponentialDelay);
      err(out, [...p, "exponentialDelay"], "exponentialDelay not supported yet");
    }
  }
}

function validateDestination(out: Out, path: FieldPath, d: Rec | undefined): void {
  if (!d) return;
  const host = str(d.host);
  if (host === "*") err(out, [...path, "host"], `invalid destination host ${host}`);
  else {
    const e = validateWildcardDomain(host);
    if (e) err(out, [...path, "host"], e);
  }
  if (present(d.subset)) {
    const subset = str(d.subset);
    if (subset === "") err(out, [...path, "subset"], "subset name cannot be empty");
    else if (!isDNS1123Label(subset)) err(out, [...path, "subset"], `subset name is invalid: ${subset}`);
  }
  const port = rec(d.port);
  if (port) {
    const e = validatePort(num(port.number));
    if (e) err(out, [...path, "port", "number"], e);
  }
}

function validateRedirect(out: Out, path: FieldPath, r: Rec | undefined, matches: readonly unknown[]): void {
  if (!r) return;
  const uri = str(r.uri);
  const prefixRewrite = str(r.prefixRewrite);
  if (uri !== "" && prefixRewrite !== "") {
    err(out, path, "redirect may only specify one of uri or prefix_rewrite");
    return;
  }
  if (prefixRewrite !== "") {
    for (const m of matches) {
      const u = rec(rec(m)?.uri);
      if (u && !present(u.prefix)) {
        err(out, path, "redirect prefix_rewrite requires all URI matches to use prefix match type");
        return;
      }
    }
  }
  if (
    uri === "" &&
    prefixRewrite === "" &&
    str(r.authority) === "" &&
    !present(r.port) &&
    !present(r.derivePort) &&
    str(r.scheme) === ""
  ) {
    err(out, path, "redirect must specify URI, authority, scheme, or port");
    return;
  }
  const code = num(r.redirectCode);
  if (code !== 0 && (code < 300 || code > 399)) {
    err(out, [...path, "redirectCode"], `${code} is not a valid redirect code, must be 3xx`);
    return;
  }
  const scheme = str(r.scheme);
  if (scheme !== "" && scheme !== "http" && scheme !== "https") {
    err(out, [...path, "scheme"], 'invalid redirect scheme, must be "http" or "https"');
    return;
  }
  if (num(r.port) > 0) {
    const e = validatePort(num(r.port));
    if (e) err(out, [...path, "port"], e);
  }
}

function validateDirectResponse(out: Out, path: FieldPath, d: Rec | undefined): void {
  if (!d) return;
  const body = rec(d.body);
  if (body) {
    const size = Buffer.byteLength(str(body.string) || str(body.bytes));
    if (size > 1024 * 1024)
      err(
        out,
        [...path, "body"],
        "large direct_responses may impact control plane performance, must be less than 1MB",
      );
    else if (size > 100 * 1024)
      warn(out, [...path, "body"], "large direct_responses may impact control plane performance");
  }
  const status = num(d.status);
  if (status < 200 || status > 600)
    err(out, [...path, "status"], `HTTP status ${status} is not in range 200-599`);
}

function validateRetries(out: Out, path: FieldPath, r: Rec | undefined): void {
  if (!r) return;
  const attempts = num(r.attempts);
  if (attempts < 0) err(out, [...path, "attempts"], "attempts cannot be negative");
  if (
    attempts === 0 &&
    (present(r.perTryTimeout) || str(r.retryOn) !== "" || present(r.retryRemoteLocalities))
  )
    err(out, path, "http retry policy configured when attempts are set to 0 (disabled)");
  validateDuration(out, [...path, "perTryTimeout"], r.perTryTimeout);
  const retryOn = str(r.retryOn);
  if (retryOn !== "") {
    for (const policy of retryOn.split(",")) {
      const code = /^[+-]?\d+$/.test(policy) ? Number(policy) : 0;
      if (!HTTP_STATUS_CODES.has(code) && !RETRY_ON.has(policy))
        err(out, [...path, "retryOn"], `${q(policy)} is not a valid retryOn policy`);
    }
  }
  validateDuration(out, [...path, "backoff"], r.backoff);
}

function validateRewrite(out: Out, path: FieldPath, r: Rec | undefined): void {
  if (!r) return;
  const regex = rec(r.uriRegexRewrite);
  if (str(r.uri) !== "" && regex) {
    err(out, path, "rewrite may only contain one of URI or UriRegexRewrite");
    return;
  }
  if (str(r.uri) === "" && !regex && str(r.authority) === "") {
    err(
      out,
      path,
      "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified",
    );
    return;
  }
  if (regex) {
    const p = [...path, "uriRegexRewrite"];
    if (str(regex.match) === "" || str(regex.rewrite) === "") {
      err(
        out,
        p,
        "UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified",
      );
      return;
    }
    const e = validateStringRegexp(str(regex.match), "HTTPRewrite.UriRegexRewrite.Match");
    if (e) err(out, [...p, "match"], `UriRegexRewrite has errors\n${e}`);
  }
}

function validateAuthorityRewrite(out: Out, path: FieldPath, http: Rec): void {
  let current = str(rec(http.rewrite)?.authority);
  const request = rec(rec(http.headers)?.request);
  for (const op of ["set", "add"]) {
    for (const [k, v] of strMap(request?.[op])) {
      if (!isAuthorityHeader(k)) continue;
      if (current !== "") {
        err(
          out,
          [...path, "headers", "request", op, k],
          `authority header cannot be set multiple times: have ${q(current)}, attempting to set ${q(v)}`,
        );
        return;
      }
      current = v;
    }
  }
}

function validateRouteDestinations(
  out: Out,
  path: FieldPath,
  routes: readonly unknown[],
  http: boolean,
): void {
  let total = 0;
  routes.forEach((raw, i) => {
    const p = [...path, i];
    const r = rec(raw);
    if (!r) {
      err(out, p, "weight may not be nil");
      return;
    }
    if (!rec(r.destination)) err(out, [...p, "destination"], "destination is required");
    if (http) validateHeaderOperations(out, [...p, "headers"], r.headers);
    validateDestination(out, [...p, "destination"], rec(r.destination));
    const weight = num(r.weight);
    if (weight < 0) err(out, [...p, "weight"], `weight ${weight} < 0`);
    total += weight;
  });
  if (routes.length > 1 && total === 0) err(out, path, "total destination weight = 0");
}

function validateTlsRoute(
  out: Out,
  path: FieldPath,
  route: Rec | undefined,
  hosts: readonly string[],
  appliesToGateway: boolean,
): void {
  if (!route) return;
  const matches = arr(route.match);
  if (matches.length === 0) err(out, path, "TLS route must have at least one match condition");
  matches.forEach((raw, j) => {
    const p = [...path, "match", j];
    const m = rec(raw);
    if (!m) {
      err(out, p, "TLS match may not be null");
      return;
    }
    const sni = arr(m.sniHosts).map(str);
    if (sni.length === 0) err(out, p, "TLS match must have at least one SNI host");
    sni.forEach((h, k) => {
      validateSniHost(out, [...p, "sniHosts", k], h, hosts, appliesToGateway);
    });
    validateL4Match(out, p, m);
  });
  if (arr(route.route).length === 0) err(out, path, "TLS route is required");
  validateRouteDestinations(out, [...path, "route"], arr(route.route), false);
}

function validateSniHost(
  out: Out,
  path: FieldPath,
  sni: string,
  hosts: readonly string[],
  appliesToGateway: boolean,
): void {
  const e = appliesToGateway ? validateGatewayBoundHost(true, sni) : validateWildcardDomain(sni);
  if (e) {
    if (isIPAddress(sni))
      warn(
        out,
        path,
        `using an IP address (${q(sni)}) goes against SNI spec and most clients do not support this`,
      );
    else err(out, path, e);
    return;
  }
  if (hosts.some((h) => subsetOf(sni, h))) return;
  err(
    out,
    path,
    `SNI host ${q(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(", ")}]`,
  );
}

function validateL4Match(out: Out, path: FieldPath, m: Rec): void {
  arr(m.destinationSubnets).forEach((subnet, i) => {
    const e = validateIPSubnet(str(subnet));
    if (e) err(out, [...path, "destinationSubnets", i], e);
  });
  if (num(m.port) !== 0) {
    const e = validatePort(num(m.port));
    if (e) err(out, [...path, "port"], e);
  }
  validateLabels(out, [...path, "sourceLabels"], m.sourceLabels);
  validateGatewayNames(out, [...path, "gateways"], m.gateways);
}

function validateTcpRoute(out: Out, path: FieldPath, route: Rec | undefined): void {
  if (!route) return;
  arr(route.match).forEach((raw, j) => {
    const m = rec(raw);
    if (!m) {
      err(out, [...path, "match", j], "tcp match may not be nil");
      return;
    }
    validateL4Match(out, [...path, "match", j], m);
  });
  if (arr(route.route).length === 0) err(out, path, "TCP route is required");
  validateRouteDestinations(out, [...path, "route"], arr(route.route), false);
}
