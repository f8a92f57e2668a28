import type { FieldPath } from "../../manifests/types.js";
import {
  arr,
  err,
  isDNS1123Label,
  isIPAddress,
  num,
  type Out,
  present,
  q,
  type Rec,
  rec,
  str,
  strMap,
  validateDuration,
  validateExportTo,
  validateFQDN,
  validateLabels,
  validatePort,
  validateWildcardDomain,
  warn,
} from "./common.js";

/** istiod's ValidateDestinationRule (pkg/config/validation/validation.go), with field paths. */

export function validateDestinationRule(namespace: string, spec: unknown): Out {
  const out: Out = [];
  const s = rec(spec) ?? {};
  const hostErr = validateWildcardDomain(str(s.host));
  if (hostErr) err(out, ["spec", "host"], hostErr);
  validateTrafficPolicy(out, ["spec", "trafficPolicy"], s.trafficPolicy);
  const names = new Set<string>();
  arr(s.subsets).forEach((raw, i) => {
    const p = ["spec", "subsets", i];
    const subset = rec(raw);
    if (!subset) {
      err(out, p, "subset may not be null");
      return;
    }
    const name = str(subset.name);
    if (names.has(name)) err(out, [...p, "name"], `duplicate subset names: ${name}`);
    names.add(name);
    if (name === "") err(out, [...p, "name"], "subset name cannot be empty");
    else if (!isDNS1123Label(name)) err(out, [...p, "name"], `subset name is invalid: ${name}`);
    validateLabels(out, [...p, "labels"], subset.labels);
    validateTrafficPolicy(out, [...p, "trafficPolicy"], subset.trafficPolicy);
  });
  const selector = rec(s.workloadSelector);
  validateExportTo(out, ["spec", "exportTo"], namespace, s.exportTo, false, selector !== undefined);
  if (selector) {
    const labels = strMap(selector.matchLabels);
    for (const [k, v] of labels) {
      const p = ["spec", "workloadSelector", "matchLabels", k];
      if (k === "") err(out, p, `empty key is not supported in selector: ${q(`${k}=${v}`)}`);
      if (k.includes("*") || v.includes("*"))
        err(out, p, `wildcard is not supported in selector: ${q(`${k}=${v}`)}`);
    }
    if (labels.length === 0)
      warn(out, ["spec", "workloadSelector"], "workload selector specified without labels");
  }
  return out;
}

const POLICY_FIELDS = [
  "outlierDetection",
  "connectionPool",
  "loadBalancer",
  "tls",
  "portLevelSettings",
  "tunnel",
  "proxyProtocol",
  "retryBudget",
];

function validateTrafficPolicy(out: Out, path: FieldPath, raw: unknown): void {
  const policy = rec(raw);
  if (!policy) return;
  if (!POLICY_FIELDS.some((f) => present(policy[f]))) {
    err(out, path, "traffic policy must have at least one field");
    return;
  }
  if (present(policy.tunnel) && present(policy.proxyProtocol)) {
    err(out, path, "tunnel and proxyProtocol must not be set together");
    return;
  }
  validateOutlierDetection(out, [...path, "outlierDetection"], rec(policy.outlierDetection));
  validateConnectionPool(out, [...path, "connectionPool"], rec(policy.connectionPool));
  validateLoadBalancer(out, [...path, "loadBalancer"], rec(policy.loadBalancer));
  validateClientTls(out, [...path, "tls"], rec(policy.tls));
  arr(policy.portLevelSettings).forEach((t, i) => {
    validatePortPolicy(out, [...path, "portLevelSettings", i], rec(t));
  });
  validateTunnel(out, [...path, "tunnel"], rec(policy.tunnel));
}

function validatePortPolicy(out: Out, path: FieldPath, t: Rec | undefined): void {
  if (!t) {
    err(out, path, "traffic policy may not be null");
    return;
  }
  if (!present(t.port)) err(out, [...path, "port"], "portTrafficPolicy must have valid port");
  if (!["outlierDetection", "connectionPool", "loadBalancer", "tls"].some((f) => present(t[f]))) {
    err(out, path, "port traffic policy must have at least one field");
    return;
  }
  validateOutlierDetection(out, [...path, "outlierDetection"], rec(t.outlierDetection));
  validateConnectionPool(out, [...path, "connectionPool"], rec(t.connectionPool));
  validateLoadBalancer(out, [...path, "loadBalancer"], rec(t.loadBalancer));
  validateClientTls(out, [...path, "tls"], rec(t.tls));
}

function validateTunnel(out: Out, path: FieldPath, tunnel: Rec | undefined): void {
  if (!tunnel) return;
  const protocol = str(tunnel.protocol);
  if (protocol !== "" && protocol !== "CONNECT" && protocol !== "POST")
    err(out, [...path, "protocol"], 'tunnel protocol must be "CONNECT" or "POST"');
  const host = str(tunnel.targetHost);
  const fqdnErr = validateFQDN(host);
  if (fqdnErr && !isIPAddress(host))
    err(
      out,
      [...path, "targetHost"],
      `tunnel target host must be valid FQDN or IP address: ${fqdnErr}; ${host} is not a valid IP`,
    );
  const portErr = validatePort(num(tunnel.targetPort));
  if (portErr) err(out, [...path, "targetPort"], `tunnel target port is invalid: ${portErr}`);
}

function percent(out: Out, path: FieldPath, v: unknown): void {
  if (!present(v)) return;
  const n = num(v);
  if (n < 0 || n > 100) err(out, path, `percentage ${n} is not in range 0..100`);
}

function validateOutlierDetection(out: Out, path: FieldPath, o: Rec | undefined): void {
  if (!o) return;
  validateDuration(out, [...path, "baseEjectionTime"], o.baseEjectionTime);
  if (num(o.consecutiveErrors) !== 0)
    warn(
      out,
      [...path, "consecutiveErrors"],
      "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead",
    );
  if (o.splitExternalLocalOriginErrors !== true && num(o.consecutiveLocalOriginFailures) > 0)
    err(
      out,
      [...path, "consecutiveLocalOriginFailures"],
      "outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false",
    );
  validateDuration(out, [...path, "interval"], o.interval);
  percent(out, [...path, "maxEjectionPercent"], o.maxEjectionPercent);
  percent(out, [...path, "minHealthPercent"], o.minHealthPercent);
}

function validateConnectionPool(out: Out, path: FieldPath, cp: Rec | undefined): void {
  if (!cp) return;
  const http = rec(cp.http);
  const tcp = rec(cp.tcp);
  if (!http && !tcp) {
    err(out, path, "connection pool must have at least one field");
    return;
  }
  if (http) {
    const p = [...path, "http"];
    const nonNegative: [string, string][] = [
      ["http1MaxPendingRequests", "http1 max pending requests must be non-negative"],
      ["http2MaxRequests", "http2 max requests must be non-negative"],
      ["maxRequestsPerConnection", "max requests per connection must be non-negative"],
      ["maxRetries", "max retries must be non-negative"],
      ["maxConcurrentStreams", "max concurrent streams must be non-negative"],
    ];
    for (const [field, message] of nonNegative) if (num(http[field]) < 0) err(out, [...p, field], message);
    validateDuration(out, [...p, "idleTimeout"], http.idleTimeout);
    if (str(http.h2UpgradePolicy) === "UPGRADE" && http.useClientProtocol === true)
      err(
        out,
        [...p, "useClientProtocol"],
        "use client protocol must not be true when H2UpgradePolicy is UPGRADE",
      );
    const ka = rec(http.http2KeepAlive);
    if (ka) {
      if (!present(ka.interval)) err(out, [...p, "http2KeepAlive"], "http2 keepalive interval is required");
      else validateDuration(out, [...p, "http2KeepAlive", "interval"], ka.interval);
      if (!present(ka.timeout)) err(out, [...p, "http2KeepAlive"], "http2 keepalive timeout is required");
      else validateDuration(out, [...p, "http2KeepAlive", "timeout"], ka.timeout);
    }
  }
  if (tcp) {
    const p = [...path, "tcp"];
    if (num(tcp.maxConnections) < 0)
      err(out, [...p, "maxConnections"], "max connections must be non-negative");
    validateDuration(out, [...p, "connectTimeout"], tcp.connectTimeout);
    validateDuration(out, [...p, "maxConnectionDuration"], tcp.maxConnectionDuration);
    if (tcp.idleTimeout !== "0s" && tcp.idleTimeout !== "0")
      validateDuration(out, [...p, "idleTimeout"], tcp.idleTimeout);
    const ka = rec(tcp.tcpKeepalive);
    if (ka) {
      validateDuration(out, [...p, "tcpKeepalive", "time"], ka.time);
      validateDuration(out, [...p, "tcpKeepalive", "interval"], ka.interval);
    }
  }
}

function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

function validateLoadBalancer(out: Out, path: FieldPath, lb: Rec | undefined): void {
  if (!lb) return;
  const ch = rec(lb.consistentHash);
  if (ch) {
    const p = [...path, "consistentHash"];
    const cookie = rec(ch.httpCookie);
    if (cookie && str(cookie.name) === "")
      err(out, [...p, "httpCookie", "name"], "name required for HttpCookie");
    if (cookie) {
      const names = new Set<string>();
      arr(cookie.attributes).forEach((a, i) => {
        const name = str(rec(a)?.name);
        if (name === "")
          err(out, [...p, "httpCookie", "attributes", i], "cookie attribute name cannot be empty");
        else if (names.has(name))
          err(out, [...p, "httpCookie", "attributes", i], `duplicate cookie attribute name: ${name}`);
        names.add(name);
      });
    }
    if (num(ch.minimumRingSize) !== 0) {
      warn(
        out,
        [...p, "minimumRingSize"],
        "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
      );
      if (present(ch.ringHash) || present(ch.maglev))
        err(
          out,
          [...p, "minimumRingSize"],
          "only one of MinimumRingSize or Maglev/Ringhash can be specified",
        );
    }
    const maglev = rec(ch.maglev);
    if (maglev) {
      const size = num(maglev.tableSize);
      if (size === 0) err(out, [...p, "maglev", "tableSize"], "tableSize must be set for maglev");
      if (size >= 5000011)
        err(out, [...p, "maglev", "tableSize"], "tableSize must be less than 5000011 for maglev");
      if (!isPrime(size))
        err(out, [...p, "maglev", "tableSize"], "tableSize must be a prime number for maglev");
    }
  }
  if (present(lb.localityLbSetting) && present(lb.zoneAwareLbSetting))
    err(out, path, "only one of localityLbSetting and zoneAwareLbSetting can be set");
  const warm = rec(lb.warmup);
  if (warm) {
    const p = [...path, "warmup"];
    if (!present(warm.duration)) err(out, p, "duration is required");
    else validateDuration(out, [...p, "duration"], warm.duration);
    if (num(warm.minimumPercent) > 100)
      err(out, [...p, "minimumPercent"], "minimumPercent value should be less than or equal to 100");
    if (present(warm.aggression) && num(warm.aggression) <= 0)
      err(out, [...p, "aggression"], "aggression should be greater than 0");
  }
}

/** agent.ValidateTLS for a DestinationRule's client TLS settings. */
function validateClientTls(out: Out, path: FieldPath, tls: Rec | undefined): void {
  if (!tls) return;
  const mode = str(tls.mode) || "DISABLE";
  const credentialName = str(tls.credentialName);
  if (tls.insecureSkipVerify === true) {
    if (mode === "SIMPLE" && (str(tls.caCertificates) || credentialName || present(tls.subjectAltNames)))
      err(
        out,
        path,
        "cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true",
      );
    if (mode === "MUTUAL" && (str(tls.caCertificates) || present(tls.subjectAltNames)))
      err(out, path, "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
  }
  if ((mode === "SIMPLE" || mode === "MUTUAL") && credentialName !== "") {
    if (str(tls.clientCertificate) || str(tls.caCertificates) || str(tls.privateKey) || str(tls.caCrl))
      err(
        out,
        path,
        "cannot specify client certificates or CA certificate or CA CRL If credentialName is set",
      );
    return;
  }
  if (mode === "MUTUAL") {
    if (!str(tls.clientCertificate))
      err(out, [...path, "clientCertificate"], "client certificate required for mutual tls");
    if (!str(tls.privateKey)) err(out, [...path, "privateKey"], "private key required for mutual tls");
  }
}
