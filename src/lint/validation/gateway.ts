import type { FieldPath } from "../../manifests/types.js";
import { VALID_CIPHER_SUITES } from "../../mesh/cipher-suites.js";
import {
  arr,
  err,
  isDNS1123Label,
  isHttpProtocol,
  isIPAddress,
  isTlsProtocol,
  istioProtocol,
  num,
  type Out,
  present,
  q,
  type Rec,
  rec,
  str,
  validateGatewayHost,
  validatePort,
  warn,
} from "./common.js";

/** istiod's ValidateGateway (pkg/config/validation/validation.go), with field paths. */

export function validateGateway(name: string, spec: unknown): Out {
  const out: Out = [];
  if (!isDNS1123Label(name)) err(out, ["metadata", "name"], `invalid gateway name: ${q(name)}`);
  const s = rec(spec);
  const servers = arr(s?.servers);
  if (servers.length === 0) err(out, ["spec", "servers"], "gateway must have at least one server");
  servers.forEach((server, i) => {
    validateServer(out, ["spec", "servers", i], rec(server));
  });
  const portNames = new Set<string>();
  servers.forEach((raw, i) => {
    const server = rec(raw);
    if (!server) {
      err(out, ["spec", "servers", i], "server may not be nil");
      return;
    }
    const port = rec(server.port);
    if (!port) return;
    const portName = str(port.name);
    if (portNames.has(portName))
      err(
        out,
        ["spec", "servers", i, "port", "name"],
        `port names in servers must be unique: duplicate name ${portName}`,
      );
    portNames.add(portName);
    if (!isHttpProtocol(istioProtocol(str(port.protocol))) && rec(server.tls)?.httpsRedirect === true)
      warn(
        out,
        ["spec", "servers", i, "tls", "httpsRedirect"],
        "tls.httpsRedirect should only be used with http servers",
      );
  });
  return out;
}

function validateServer(out: Out, path: FieldPath, server: Rec | undefined): void {
  if (!server) {
    err(out, path, "cannot have nil server");
    return;
  }
  const hosts = arr(server.hosts);
  if (hosts.length === 0) err(out, [...path, "hosts"], "server config must contain at least one host");
  hosts.forEach((h, i) => {
    validateGatewayHost(out, [...path, "hosts", i], str(h));
  });
  const bind = str(server.bind);
  const port = rec(server.port);
  const portOk = validateServerPort(out, [...path, "port"], port, bind);
  validateServerBind(out, path, port, bind);
  const tls = rec(server.tls);
  if (tls) validateTlsOptions(out, [...path, "tls"], tls);
  if (portOk && port) {
    const protocol = istioProtocol(str(port.protocol));
    if (isTlsProtocol(protocol) && !tls) {
      err(out, [...path, "tls"], "server must have TLS settings for HTTPS/TLS protocols");
    } else if (!isTlsProtocol(protocol) && tls) {
      if (isHttpProtocol(protocol)) {
        const mode = str(tls.mode) || "PASSTHROUGH";
        const passThrough = mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH";
        if (!passThrough || str(tls.caCertificates) || str(tls.privateKey) || str(tls.serverCertificate))
          err(out, [...path, "tls"], "server cannot have TLS settings for plain text HTTP ports");
      } else {
        err(out, [...path, "tls"], "server cannot have TLS settings for non HTTPS/TLS ports");
      }
    }
  }
}

function portText(port: Rec): string {
  const parts = [];
  if (num(port.number)) parts.push(`number:${num(port.number)}`);
  if (str(port.protocol)) parts.push(`protocol:${q(str(port.protocol))}`);
  if (str(port.name)) parts.push(`name:${q(str(port.name))}`);
  return parts.join(" ");
}

/** true when the port has no error (the TLS-settings checks depend on it). */
function validateServerPort(out: Out, path: FieldPath, port: Rec | undefined, bind: string): boolean {
  if (!port) {
    err(out, path, "port is required");
    return false;
  }
  const before = out.filter((x) => x.level === "error").length;
  const protocol = str(port.protocol);
  if (istioProtocol(protocol) === undefined)
    err(
      out,
      [...path, "protocol"],
      `invalid protocol ${q(protocol)}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
    );
  const number = num(port.number);
  if (number > 0 || !bind.startsWith("unix://")) {
    const e = validatePort(number);
    if (e) err(out, [...path, "number"], e);
  }
  if (num(port.targetPort) > 0) err(out, [...path, "targetPort"], "targetPort has no impact on Gateways");
  if (str(port.name) === "") err(out, [...path, "name"], `port name must be set: ${portText(port)}`);
  return out.filter((x) => x.level === "error").length === before;
}

function validateServerBind(out: Out, path: FieldPath, port: Rec | undefined, bind: string): void {
  if (bind.startsWith("unix://")) {
    const addr = bind.slice("unix://".length);
    if (addr.length === 0) err(out, [...path, "bind"], "unix address must not be empty");
    else if (!addr.startsWith("@") && (!addr.startsWith("/") || addr.endsWith("/")))
      err(out, [...path, "bind"], `${addr} is not an absolute path to a file`);
    if (port && num(port.number) !== 0)
      err(out, [...path, "bind"], `port number must be 0 for unix domain socket: ${portText(port)}`);
  } else if (bind.length > 0 && !isIPAddress(bind)) {
    err(out, [...path, "bind"], `${bind} is not a valid IP`);
  }
}

function validateTlsOptions(out: Out, path: FieldPath, tls: Rec): void {
  const mode = str(tls.mode) || "PASSTHROUGH";
  const minVersion = str(tls.minProtocolVersion);
  const ciphers = arr(tls.cipherSuites).map(str);
  if ((minVersion === "TLSV1_0" || minVersion === "TLSV1_1") && ciphers.length === 0)
    warn(
      out,
      [...path, "minProtocolVersion"],
      "TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.",
    );
  const invalid = new Set<string>();
  const valid = new Set<string>();
  const duplicate = new Set<string>();
  for (const cs of ciphers) {
    if (!VALID_CIPHER_SUITES.has(cs)) invalid.add(cs);
    else if (valid.has(cs)) duplicate.add(cs);
    else valid.add(cs);
  }
  if (invalid.size > 0)
    warn(
      out,
      [...path, "cipherSuites"],
      `ignoring invalid cipher suites: [${[...invalid].sort().join(" ")}]`,
    );
  if (duplicate.size > 0)
    warn(
      out,
      [...path, "cipherSuites"],
      `ignoring duplicate cipher suites: [${[...duplicate].sort().join(" ")}]`,
    );

  const credentialName = str(tls.credentialName);
  const credentialNames = arr(tls.credentialNames);
  const tlsCertificates = arr(tls.tlsCertificates);
  if (mode === "ISTIO_MUTUAL") {
    const forbidden: [string, string][] = [
      ["serverCertificate", "server certificate"],
      ["privateKey", "private key"],
      ["caCertificates", "CA bundle"],
    ];
    for (const [field, what] of forbidden)
      if (str(tls[field])) err(out, [...path, field], `ISTIO_MUTUAL TLS cannot have associated ${what}`);
    if (tlsCertificates.length > 0)
      err(out, [...path, "tlsCertificates"], "ISTIO_MUTUAL TLS cannot have associated tlsCertificates");
    if (credentialName)
      err(out, [...path, "credentialName"], "ISTIO_MUTUAL TLS cannot have associated credentialName");
    if (credentialNames.length > 0)
      err(out, [...path, "credentialNames"], "ISTIO_MUTUAL TLS cannot have associated credentialNames");
    return;
  }
  if (mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH") {
    if (
      str(tls.caCrl) ||
      str(tls.serverCertificate) ||
      str(tls.privateKey) ||
      str(tls.caCertificates) ||
      tlsCertificates.length > 0 ||
      credentialName ||
      credentialNames.length > 0
    )
      warn(
        out,
        present(tls.mode) ? [...path, "mode"] : path,
        `${mode} mode does not use certificates, they will be ignored`,
      );
  }
  let sources = 0;
  if (str(tls.serverCertificate) && str(tls.privateKey)) sources++;
  if (credentialName) sources++;
  if (credentialNames.length > 0) sources++;
  if (tlsCertificates.length > 0) sources++;
  if (sources > 1)
    err(
      out,
      path,
      "only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified",
    );
  const terminating = mode === "SIMPLE" || mode === "MUTUAL" || mode === "OPTIONAL_MUTUAL";
  if (terminating && (credentialName || credentialNames.length > 0)) return;
  if (terminating) {
    let prefix = "SIMPLE TLS";
    if (mode !== "SIMPLE") {
      prefix = "MUTUAL TLS";
      if (!str(tls.caCertificates))
        err(out, [...path, "caCertificates"], `${prefix} requires a client CA bundle`);
    }
    if (tlsCertificates.length > 2)
      warn(out, [...path, "tlsCertificates"], `${prefix} can support up to 2 server certificates`);
    const certs =
      tlsCertificates.length > 0
        ? tlsCertificates.map((c, i) => ({ c: rec(c) ?? {}, p: [...path, "tlsCertificates", i] }))
        : [{ c: tls, p: path }];
    for (const { c, p } of certs) {
      if (!str(c.serverCertificate))
        err(out, [...p, "serverCertificate"], `${prefix} requires a server certificate`);
      if (!str(c.privateKey)) err(out, [...p, "privateKey"], `${prefix} requires a private key`);
    }
  }
  if (str(tls.caCrl)) {
    if (credentialName)
      err(
        out,
        [...path, "caCrl"],
        "CRL is not supported with credentialName. CRL has to be specified in the credential",
      );
    if (mode === "SIMPLE") err(out, [...path, "caCrl"], "CRL is not supported with SIMPLE TLS");
  }
}
