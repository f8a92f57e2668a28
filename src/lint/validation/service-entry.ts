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
  rec,
  str,
  strMap,
  validateExportTo,
  validateFQDN,
  validateIPSubnet,
  validateLabels,
  validatePartialWildcard,
  validatePort,
  validateWildcardDomain,
  warn,
} from "./common.js";

/** istiod's ValidateServiceEntry (pkg/config/validation/validation.go), with field paths. */

const isTcpProtocol = (p: string | undefined) =>
  p === "TCP" || p === "HTTPS" || p === "TLS" || p === "Mongo" || p === "Redis" || p === "MySQL";

export function validateServiceEntry(namespace: string, spec: unknown, autoAllocate: boolean): Out {
  const out: Out = [];
  const s = rec(spec) ?? {};
  const selector = rec(s.workloadSelector);
  if (selector) {
    const labels = strMap(selector.labels);
    for (const [k, v] of labels) {
      const p = ["spec", "workloadSelector", "labels", k];
      if (k === "")
        return [
          { path: p, level: "error", message: `empty key is not supported in selector: ${q(`${k}=${v}`)}` },
        ];
      if (k.includes("*") || v.includes("*"))
        return [
          { path: p, level: "error", message: `wildcard is not supported in selector: ${q(`${k}=${v}`)}` },
        ];
    }
    if (labels.length === 0)
      warn(
        out,
        ["spec", "workloadSelector"],
        "service entry: workload selector specified without labels, will be applied to all services in namespace",
      );
  }
  if (selector && present(s.endpoints))
    err(out, ["spec"], "only one of WorkloadSelector or Endpoints is allowed in Service Entry");
  const hosts = arr(s.hosts).map(str);
  const resolution = str(s.resolution) || "NONE";
  if (hosts.length === 0) err(out, ["spec", "hosts"], "service entry must have at least one host");
  hosts.forEach((h, i) => {
    const p = ["spec", "hosts", i];
    if (h === "*") {
      err(out, p, `invalid host ${h}`);
      return;
    }
    const e = validateWildcardDomain(h);
    if (e) err(out, p, e);
    if (resolution !== "DYNAMIC_DNS") {
      const pw = validatePartialWildcard(h);
      if (pw) warn(out, p, pw);
    }
  });
  const addresses = arr(s.addresses).map(str);
  let cidr = false;
  addresses.forEach((a, i) => {
    cidr ||= a.includes("/");
    const e = validateIPSubnet(a);
    if (e) err(out, ["spec", "addresses", i], e);
  });
  if (cidr && resolution !== "NONE" && resolution !== "STATIC")
    err(out, ["spec", "addresses"], "CIDR addresses are allowed only for NONE/STATIC resolution types");
  const names = new Set<string>();
  const numbers = new Set<number>();
  const ports = arr(s.ports);
  ports.forEach((raw, i) => {
    const p = ["spec", "ports", i];
    const port = rec(raw);
    if (!port) {
      err(out, p, "service entry port may not be null");
      return;
    }
    const name = str(port.name);
    const number = num(port.number);
    if (names.has(name)) err(out, [...p, "name"], `service entry port name ${q(name)} already defined`);
    names.add(name);
    if (numbers.has(number)) err(out, [...p, "number"], `service entry port ${number} already defined`);
    numbers.add(number);
    if (num(port.targetPort) !== 0) {
      const e = validatePort(num(port.targetPort));
      if (e) err(out, [...p, "targetPort"], e);
    }
    const protocol = str(port.protocol);
    if (addresses.length === 0 && !autoAllocate && (protocol === "" || protocol === "TCP"))
      warn(
        out,
        p,
        "addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled",
      );
    if (!isDNS1123Label(name)) err(out, [...p, "name"], `invalid port name: ${name}`);
    if (protocol !== "" && istioProtocol(protocol) === undefined)
      err(out, [...p, "protocol"], `unsupported protocol: ${protocol}`);
    const pe = validatePort(number);
    if (pe) err(out, [...p, "number"], pe);
  });
  const endpoints = arr(s.endpoints);
  switch (resolution) {
    case "NONE":
      if (endpoints.length !== 0)
        err(out, ["spec", "endpoints"], "no endpoints should be provided for resolution type none");
      if (selector)
        warn(
          out,
          ["spec", "workloadSelector"],
          "workloadSelector should not be set when resolution mode is NONE",
        );
      break;
    case "STATIC":
      forEachEndpoint(out, endpoints, names, (p, ep) => {
        const address = str(ep.address);
        if (address === "") {
          if (str(ep.network) === "") {
            err(out, p, "address is required");
            return false;
          }
          warn(out, p, `address is unset with network ${q(str(ep.network))}`);
        } else if (!address.startsWith("unix://") && !isIPAddress(address)) {
          err(out, [...p, "address"], `endpoint address ${q(address)} is not a valid IP address`);
        }
        return true;
      });
      break;
    case "DNS":
    case "DNS_ROUND_ROBIN":
      if (endpoints.length === 0) {
        for (let i = 0; i < hosts.length; i++) {
          const e = validateFQDN(hosts[i] as string);
          if (e) {
            err(
              out,
              ["spec", "hosts", i],
              `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${e}`,
            );
            break;
          }
        }
      }
      if (resolution === "DNS_ROUND_ROBIN" && endpoints.length > 1)
        err(
          out,
          ["spec", "endpoints"],
          `there must only be 0 or 1 endpoint for resolution mode ${resolution}`,
        );
      forEachEndpoint(
        out,
        endpoints,
        names,
        (p, ep) => {
          const address = str(ep.address);
          if (!isIPAddress(address) && validateFQDN(address))
            err(
              out,
              [...p, "address"],
              `endpoint address ${q(address)} is not a valid FQDN or an IP address`,
            );
          return true;
        },
        true,
      );
      if (addresses.length > 0 && hosts.length > 1) {
        const tcpPort = ports.findIndex((pt) => isTcpProtocol(istioProtocol(str(rec(pt)?.protocol))));
        if (tcpPort !== -1)
          warn(
            out,
            ["spec", "ports", tcpPort],
            "service entry can not have more than one host specified simultaneously with address and tcp port",
          );
      }
      break;
    case "DYNAMIC_DNS":
      hosts.forEach((h, i) => {
        if (!h.startsWith("*"))
          err(out, ["spec", "hosts", i], `host must be wildcarded for resolution mode ${resolution}`);
      });
      if (addresses.length !== 0)
        err(
          out,
          ["spec", "addresses"],
          `addresses cannot be set for resolution type ${resolution}. HTTP route domains will only be generatedfrom the hosts field values`,
        );
      if (endpoints.length !== 0)
        err(
          out,
          ["spec", "endpoints"],
          `endpoints cannot be set for resolution type ${resolution}. Destination IP address determined from hostsfield values`,
        );
      ports.forEach((pt, i) => {
        const proto = istioProtocol(str(rec(pt)?.protocol));
        if (proto !== "HTTP" && proto !== "TLS" && proto !== "GRPC" && proto !== "HTTP2")
          err(
            out,
            ["spec", "ports", i, "protocol"],
            `only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type ${resolution}`,
          );
      });
      break;
    default:
      break; // an unknown resolution is the CRD enum's finding
  }
  if (resolution !== "NONE" && hosts.length > 1) {
    const bad = ports.findIndex((pt) => {
      const proto = istioProtocol(str(rec(pt)?.protocol));
      return !isHttpProtocol(proto) && !isTlsProtocol(proto);
    });
    if (bad !== -1) err(out, ["spec", "ports", bad], "multiple hosts provided with non-HTTP, non-TLS ports");
  }
  validateExportTo(out, ["spec", "exportTo"], namespace, s.exportTo, true, false);
  return out;
}

/**
 * The checks every endpoint of a STATIC or DNS ServiceEntry gets: `check` first (false stops
 * there), then labels and named ports (which must be service ports; DNS also checks the names).
 */
function forEachEndpoint(
  out: Out,
  endpoints: readonly unknown[],
  servicePorts: ReadonlySet<string>,
  check: (path: (string | number)[], ep: Readonly<Record<string, unknown>>) => boolean,
  checkPortNames = false,
): void {
  endpoints.forEach((raw, i) => {
    const p = ["spec", "endpoints", i];
    const ep = rec(raw);
    if (!ep) {
      err(out, p, "endpoint cannot be nil");
      return;
    }
    if (!check(p, ep)) return;
    validateLabels(out, [...p, "labels"], ep.labels);
    for (const [name, value] of Object.entries(rec(ep.ports) ?? {})) {
      if (!servicePorts.has(name))
        err(out, [...p, "ports", name], `endpoint port ${num(value)} is not defined by the service entry`);
      if (checkPortNames && !isDNS1123Label(name))
        err(out, [...p, "ports", name], `invalid port name: ${name}`);
      const e = validatePort(num(value));
      if (e) err(out, [...p, "ports", name], e);
    }
  });
}
