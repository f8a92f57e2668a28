import { parse as parseYaml } from "yaml";
import type { ManifestObject } from "../manifests/types.js";
import { servicePortsOf } from "./k8s.js";
import { metaOf } from "./meta.js";
import type { ExtensionProvider, IstioOperatorGateway, MeshConfig, Meta, ServicePortInfo } from "./model.js";
import { type Checker, isRecord, report } from "./problems.js";

/** The Service ports of a default-profile ingress gateway (istio-ingress chart values). */
export const DEFAULT_GATEWAY_PORTS: readonly ServicePortInfo[] = [
  { name: "status-port", port: 15021, protocol: "TCP", targetPort: 15021 },
  { name: "http2", port: 80, protocol: "HTTP2", targetPort: 8080 },
  { name: "https", port: 443, protocol: "HTTPS", targetPort: 8443 },
];

export const DEFAULT_GATEWAY_LABELS: Readonly<Record<string, string>> = {
  app: "istio-ingressgateway",
  istio: "ingressgateway",
};

/**
 * `spec.components.ingressGateways` of an IstioOperator. Labels are the chart's defaults
 * overlaid with the component's `label`; `k8s.service.ports` replaces the default ports.
 */
export function operatorGateways(o: ManifestObject, c: Checker): IstioOperatorGateway[] {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const components = isRecord(spec.components) ? spec.components : {};
  const list = components.ingressGateways;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    report(c, ["spec", "components", "ingressGateways"], "must be a list");
    return [];
  }
  const meta = metaOf(o);
  const out: IstioOperatorGateway[] = [];
  list.forEach((g, i) => {
    const path = ["spec", "components", "ingressGateways", i];
    if (!isRecord(g) || typeof g.name !== "string") {
      report(c, [...path, "name"], "is required");
      return;
    }
    const labels: Record<string, string> = { ...DEFAULT_GATEWAY_LABELS };
    if (isRecord(g.label)) for (const [k, v] of Object.entries(g.label)) labels[k] = String(v);
    const k8s = isRecord(g.k8s) ? g.k8s : {};
    const service = isRecord(k8s.service) ? k8s.service : {};
    const ports =
      service.ports === undefined
        ? undefined
        : servicePortsOf(c, service.ports, [...path, "k8s", "service", "ports"]);
    out.push({
      name: g.name,
      namespace: typeof g.namespace === "string" ? g.namespace : "istio-system",
      enabled: g.enabled === true,
      labels,
      ...(ports && { servicePorts: ports }),
      operator: meta,
    });
  });
  return out;
}

export const DEFAULT_MESH_CONFIG: MeshConfig = {
  rootNamespace: "istio-system",
  connectTimeout: "10s",
  enableAutoMtls: true,
  enableTracing: true,
  sources: [],
};

function meshFields(raw: Record<string, unknown>): Partial<Record<keyof MeshConfig, unknown>> {
  const out: Partial<Record<keyof MeshConfig, unknown>> = {};
  if (typeof raw.accessLogFile === "string") out.accessLogFile = raw.accessLogFile;
  if (typeof raw.accessLogEncoding === "string") out.accessLogEncoding = raw.accessLogEncoding;
  if (typeof raw.accessLogFormat === "string") out.accessLogFormat = raw.accessLogFormat;
  if (typeof raw.rootNamespace === "string") out.rootNamespace = raw.rootNamespace;
  if (typeof raw.connectTimeout === "string") out.connectTimeout = raw.connectTimeout;
  if (typeof raw.enableAutoMtls === "boolean") out.enableAutoMtls = raw.enableAutoMtls;
  if (isRecord(raw.defaultHttpRetryPolicy)) out.defaultHttpRetryPolicy = raw.defaultHttpRetryPolicy;
  if (typeof raw.enableTracing === "boolean") out.enableTracing = raw.enableTracing;
  if (typeof raw.trustDomain === "string") out.trustDomain = raw.trustDomain;
  const tracing = isRecord(raw.defaultConfig) ? raw.defaultConfig.tracing : undefined;
  if (isRecord(tracing) && typeof tracing.sampling === "number") out.traceSampling = tracing.sampling;
  if (Array.isArray(raw.extensionProviders))
    out.extensionProviders = raw.extensionProviders.flatMap(provider);
  return out;
}

/** An extensionProviders entry, keeping its SDS settings (the only kind the translation reads). */
function provider(p: unknown): ExtensionProvider[] {
  if (!isRecord(p) || typeof p.name !== "string") return [];
  const sds = isRecord(p.sds) ? p.sds : undefined;
  if (!sds || typeof sds.service !== "string" || typeof sds.port !== "number") return [{ name: p.name }];
  return [
    {
      name: p.name,
      sds: { service: sds.service, port: sds.port, ...(typeof sds.name === "string" && { name: sds.name }) },
    },
  ];
}

/** The mesh config written in an IstioOperator (`spec.meshConfig`), if any. */
export function meshConfigFromOperator(
  o: ManifestObject,
): Partial<Record<keyof MeshConfig, unknown>> | undefined {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  return isRecord(spec.meshConfig) ? meshFields(spec.meshConfig) : undefined;
}

/** The mesh config of istiod's ConfigMap (`istio` or `istio-<revision>`, key `mesh`). */
export function meshConfigFromConfigMap(
  o: ManifestObject,
  c: Checker,
): Partial<Record<keyof MeshConfig, unknown>> | undefined {
  if (!/^istio(-.+)?$/.test(o.name)) return undefined;
  const data = isRecord(o.body.data) ? o.body.data : {};
  if (typeof data.mesh !== "string") return undefined;
  try {
    const parsed: unknown = parseYaml(data.mesh);
    return isRecord(parsed) ? meshFields(parsed) : {};
  } catch (e) {
    report(c, ["data", "mesh"], `invalid mesh config YAML: ${(e as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

export function mergeMeshConfig(
  parts: readonly { meta: Meta; fields: Partial<Record<keyof MeshConfig, unknown>> }[],
): MeshConfig {
  let merged: Record<string, unknown> = { ...DEFAULT_MESH_CONFIG };
  const sources: Meta[] = [];
  for (const p of parts) {
    merged = { ...merged, ...p.fields };
    sources.push(p.meta);
  }
  return { ...(merged as unknown as MeshConfig), sources };
}
