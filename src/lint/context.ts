import type { ManifestObject } from "../manifests/types.js";
import type { RejectedObject } from "../mesh/build.js";
import { resolveGatewayName } from "../mesh/gateway-refs.js";
import { labelsMatch, metaOf } from "../mesh/meta.js";
import type { Mesh, MeshService, Meta, ServicePortInfo, TlsSecret } from "../mesh/model.js";
import { DEFAULT_GATEWAY_LABELS, DEFAULT_GATEWAY_PORTS } from "../mesh/operator.js";
import { syntheticService } from "../mesh/workloads.js";
import { checkObjectSchema, type ObjectSchemaResult } from "./schema/check.js";
import type { ValidationIssue } from "./validation/common.js";
import { validateDestinationRule } from "./validation/destination-rule.js";
import { validateGateway } from "./validation/gateway.js";
import { validateServiceEntry } from "./validation/service-entry.js";
import { validateVirtualService } from "./validation/virtual-service.js";

export interface LintOptions {
  /** The clock for certificate validity. */
  readonly now: Date;
  /** Warn about certificates that expire within this many days. */
  readonly certWarnDays: number;
  /**
   * Assume the default-profile ingress gateway (istio-system, istio=ingressgateway) when the
   * input has no workload with that label, as `gwctl proxy-config` does.
   */
  readonly defaultGateway: boolean;
  /** MeshConfig given with --mesh-config (its defaultConfig.proxyMetadata is read). */
  readonly meshConfig?: Readonly<Record<string, unknown>>;
}

export interface LintInput {
  /** Every object that was loaded, in input order (duplicates included). */
  readonly objects: readonly ManifestObject[];
  readonly mesh: Mesh;
  /** Objects buildMesh left out, with why. */
  readonly rejected: readonly RejectedObject[];
}

/** An Istio resource as written: its spec is untrusted data (rules read it defensively). */
export interface IstioObject {
  readonly object: ManifestObject;
  readonly name: string;
  readonly namespace: string;
  readonly meta: Meta;
  readonly spec: Readonly<Record<string, unknown>>;
}

/** A pod, a Deployment's pod template, or a gateway workload known without its pods. */
export interface Workload {
  readonly kind: "Pod" | "Deployment" | "IstioOperator" | "DefaultGateway";
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly nodeName?: string;
  readonly object?: ManifestObject;
  /** The Services of a workload that the input does not describe (IstioOperator, default profile). */
  readonly syntheticServices?: readonly MeshService[];
}

/** A service port as `IST0162` needs it: the number, the targetPort and the transport protocol. */
export interface WorkloadServicePort {
  readonly service: MeshService;
  readonly port: ServicePortInfo;
  /** Kubernetes' transport protocol (TCP when omitted, as the API server defaults it). */
  readonly transport: string;
  /** A numeric targetPort as written (0 when it is unset or names a container port). */
  readonly numericTargetPort: number;
}

/** A host of the service registry as istioctl's analyzers see it (util.InitServiceEntryHostMap). */
export interface RegistryEntry {
  readonly kind: "Service" | "ServiceEntry";
  readonly ports: readonly { readonly number: number; readonly name: string; readonly protocol: string }[];
  readonly workloadSelector?: Readonly<Record<string, string>>;
  readonly namespace: string;
  readonly service?: MeshService;
  readonly object?: IstioObject;
}

/** Everything the rules look up, built lazily and once per run; each index is linear to build. */
export interface LintIndex {
  readonly input: LintInput;
  readonly mesh: Mesh;
  readonly options: LintOptions;
  /** DNS suffix used to expand short names. */
  readonly domainSuffix: string;
  objectsOf(group: string, kind: string): readonly ManifestObject[];
  /**
   * The Istio resources of a kind (Gateway, VirtualService, DestinationRule, ServiceEntry),
   * one per namespace/name (the last definition wins, as with kubectl apply), including those
   * buildMesh rejected: istioctl still analyses them.
   */
  resources(kind: string): readonly IstioObject[];
  gateway(namespaceSlashName: string): IstioObject | undefined;
  kubernetesGateway(namespaceSlashName: string): ManifestObject | undefined;
  workloads(): readonly Workload[];
  /** Workloads a label selector selects; an empty selector selects every workload. */
  workloadsMatching(selector: Readonly<Record<string, string>> | undefined): readonly Workload[];
  /** The ports of the Services (in the workload's namespace) that select the workload. */
  servicePortsOf(workload: Workload): readonly WorkloadServicePort[];
  secret(namespace: string, name: string): TlsSecret | undefined;
  /** istio's GetDestinationHost: the registry entry a destination host resolves to, if any. */
  destinationHost(
    sourceNamespace: string,
    exportTo: readonly string[],
    host: string,
  ): RegistryEntry | undefined;
  /** istio's GetResourceNameFromHost: `ns/name` for a k8s service FQDN, else `<defaultNs>/<host>`. */
  resourceNameFromHost(defaultNamespace: string, host: string): string;
  /** Whether a DestinationRule defines this host+subset (keyed by resourceNameFromHost). */
  hasSubset(resourceName: string, subset: string): boolean;
  /** The object against its CRD schema (memoised). */
  schema(object: ManifestObject): ObjectSchemaResult;
  /** Go-validator issues of an Istio object (memoised). */
  validation(object: ManifestObject): readonly ValidationIssue[];
  /** `defaultConfig.proxyMetadata` of the mesh config (from --mesh-config, an IstioOperator or the istio ConfigMap). */
  proxyMetadata(): Readonly<Record<string, string>>;
  /** Convert a host to an FQDN the way istio's analyzers do (util.ConvertHostToFQDN). */
  fqdn(namespace: string, host: string): string;
}

function memo<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v) ?? {})) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

export function buildIndex(input: LintInput, options: LintOptions): LintIndex {
  const mesh = input.mesh;
  const domainSuffix = mesh.domainSuffix || "cluster.local";
  const fqdn = (namespace: string, host: string): string =>
    host.startsWith("*") || host.includes(".") ? host : `${host}.${namespace}.svc.${domainSuffix}`;
  const fqdnPattern = new RegExp(`^(.+)\\.(.+)\\.svc\\.${domainSuffix.replace(/\./g, "\\.")}$`);

  const byKind = memo(() => {
    const m = new Map<string, ManifestObject[]>();
    for (const o of input.objects) {
      const k = `${o.group}/${o.kind}`;
      const l = m.get(k);
      if (l) l.push(o);
      else m.set(k, [o]);
    }
    return m;
  });

  const resources = new Map<string, IstioObject[]>();
  const resourcesOf = (kind: string): IstioObject[] => {
    let list = resources.get(kind);
    if (list) return list;
    const latest = new Map<string, ManifestObject>();
    for (const o of byKind().get(`networking.istio.io/${kind}`) ?? []) {
      const key = `${o.namespace}/${o.name}`;
      latest.delete(key);
      latest.set(key, o);
    }
    list = [...latest.values()].map((o) => ({
      object: o,
      name: o.name,
      namespace: o.namespace,
      meta: metaOf(o),
      spec: rec(o.body.spec) ?? {},
    }));
    resources.set(kind, list);
    return list;
  };
  const gateways = memo(() => new Map(resourcesOf("Gateway").map((g) => [`${g.namespace}/${g.name}`, g])));
  const k8sGateways = memo(
    () =>
      new Map(
        (byKind().get("gateway.networking.k8s.io/Gateway") ?? []).map((o) => [`${o.namespace}/${o.name}`, o]),
      ),
  );

  const servicesByNamespace = memo(() => {
    const m = new Map<string, MeshService[]>();
    for (const s of mesh.services) {
      if (s.kind !== "Service") continue;
      const l = m.get(s.namespace);
      if (l) l.push(s);
      else m.set(s.namespace, [s]);
    }
    return m;
  });

  const workloads = memo((): Workload[] => {
    const out: Workload[] = [];
    for (const p of mesh.pods) {
      out.push({
        kind: "Pod",
        name: p.meta.name,
        namespace: p.meta.namespace,
        labels: p.meta.labels,
        ...(p.nodeName !== undefined && { nodeName: p.nodeName }),
        ...(p.meta.source && { object: p.meta.source }),
      });
    }
    for (const d of mesh.deployments) {
      out.push({
        kind: "Deployment",
        name: d.meta.name,
        namespace: d.meta.namespace,
        labels: d.templateLabels,
        ...(d.meta.source && { object: d.meta.source }),
      });
    }
    for (const g of mesh.operatorGateways) {
      if (!g.enabled) continue;
      out.push({
        kind: "IstioOperator",
        name: g.name,
        namespace: g.namespace,
        labels: g.labels,
        syntheticServices: [
          syntheticService(
            g.name,
            g.namespace,
            { ...g.labels },
            g.servicePorts ?? DEFAULT_GATEWAY_PORTS,
            domainSuffix,
          ),
        ],
      });
    }
    const hasIngress = out.some((w) => w.labels.istio === DEFAULT_GATEWAY_LABELS.istio);
    if (options.defaultGateway && !hasIngress) {
      const labels = { ...DEFAULT_GATEWAY_LABELS };
      const real = (servicesByNamespace().get("istio-system") ?? []).some(
        (s) => s.selector && Object.keys(s.selector).length > 0 && labelsMatch(s.selector, labels),
      );
      out.push({
        kind: "DefaultGateway",
        name: "istio-ingressgateway",
        namespace: "istio-system",
        labels,
        ...(!real && {
          syntheticServices: [
            syntheticService(
              "istio-ingressgateway",
              "istio-system",
              labels,
              DEFAULT_GATEWAY_PORTS,
              domainSuffix,
            ),
          ],
        }),
      });
    }
    return out;
  });

  const workloadsByLabel = memo(() => {
    const m = new Map<string, Workload[]>();
    for (const w of workloads()) {
      for (const [k, v] of Object.entries(w.labels)) {
        const key = `${k}=${v}`;
        const l = m.get(key);
        if (l) l.push(w);
        else m.set(key, [w]);
      }
    }
    return m;
  });

  const workloadsMatching = (selector: Readonly<Record<string, string>> | undefined): readonly Workload[] => {
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) return workloads();
    let smallest: readonly Workload[] | undefined;
    for (const [k, v] of entries) {
      const l = workloadsByLabel().get(`${k}=${v}`) ?? [];
      if (!smallest || l.length < smallest.length) smallest = l;
    }
    return (smallest ?? []).filter((w) => labelsMatch(selector ?? {}, w.labels));
  };

  const servicePortsOf = (w: Workload): WorkloadServicePort[] => {
    const out: WorkloadServicePort[] = [];
    for (const svc of w.syntheticServices ?? []) {
      for (const port of svc.ports)
        out.push({
          service: svc,
          port,
          transport: "TCP",
          numericTargetPort: typeof port.targetPort === "number" ? port.targetPort : 0,
        });
    }
    for (const svc of servicesByNamespace().get(w.namespace) ?? []) {
      if (!svc.selector || !labelsMatch(svc.selector, w.labels)) continue;
      const rawPorts = rec(svc.meta.source?.body.spec)?.ports;
      svc.ports.forEach((port, i) => {
        const raw = rec(Array.isArray(rawPorts) ? rawPorts[i] : undefined);
        const tp = raw?.targetPort;
        out.push({
          service: svc,
          port,
          transport: typeof raw?.protocol === "string" ? raw.protocol : "TCP",
          numericTargetPort:
            typeof tp === "number" ? tp : typeof tp === "string" && /^\d+$/.test(tp) ? Number(tp) : 0,
        });
      });
    }
    return out;
  };

  const secrets = memo(() => new Map(mesh.secrets.map((s) => [`${s.meta.namespace}/${s.meta.name}`, s])));

  const registry = memo(() => {
    const exact = new Map<string, RegistryEntry>();
    const wildcard: { scope: string; suffix: string; entry: RegistryEntry }[] = [];
    const put = (scope: string, namespace: string, host: string, entry: RegistryEntry) => {
      const f = fqdn(namespace, host);
      exact.set(`${scope}/${f}`, entry);
      if (f.startsWith("*")) wildcard.push({ scope, suffix: f.slice(1), entry });
    };
    for (const se of resourcesOf("ServiceEntry")) {
      const ns = se.namespace;
      const spec = se.spec;
      const selector = rec(rec(spec.workloadSelector)?.labels);
      const entry: RegistryEntry = {
        kind: "ServiceEntry",
        ports: (Array.isArray(spec.ports) ? spec.ports : []).map((raw) => {
          const p = rec(raw) ?? {};
          return {
            number: typeof p.number === "number" ? p.number : 0,
            name: typeof p.name === "string" ? p.name : "",
            protocol: typeof p.protocol === "string" ? p.protocol : "",
          };
        }),
        ...(selector && { workloadSelector: stringMap(selector) }),
        namespace: ns,
        object: se,
      };
      const exportTo = (Array.isArray(spec.exportTo) ? spec.exportTo : []).map(String);
      for (const h of (Array.isArray(spec.hosts) ? spec.hosts : []).map(String)) {
        if (exportTo.length === 0) {
          put("*", ns, h, entry);
          continue;
        }
        for (const e of exportTo) {
          if (e === "*") {
            put("*", ns, h, entry);
            break;
          }
          put(e === "." ? ns : e, ns, h, entry);
        }
      }
    }
    for (const svc of mesh.services) {
      if (svc.kind !== "Service") continue;
      const raw = rec(svc.meta.source?.body.spec)?.ports;
      const entry: RegistryEntry = {
        kind: "Service",
        ports: svc.ports.map((p, i) => {
          const r = rec(Array.isArray(raw) ? raw[i] : undefined);
          return {
            number: p.port,
            name: p.name,
            protocol: typeof r?.protocol === "string" ? r.protocol : "",
          };
        }),
        namespace: svc.namespace,
        service: svc,
      };
      const ann = svc.meta.annotations["networking.istio.io/exportTo"];
      const scopes = ann ? ann.split(",").map((s) => (s.trim() === "." ? svc.namespace : s.trim())) : ["*"];
      for (const scope of scopes) put(scope, svc.namespace, svc.name, entry);
    }
    return { exact, wildcard };
  });

  const destinationHost = (sourceNs: string, exportTo: readonly string[], host: string) => {
    const { exact, wildcard } = registry();
    const all = exact.get(`*/${fqdn(sourceNs, host)}`);
    if (all) return all;
    const scopes = exportTo.length === 0 ? [sourceNs] : exportTo.map((e) => (e === "." ? sourceNs : e));
    for (const scope of scopes) {
      const e = exact.get(`${scope}/${fqdn(sourceNs, host)}`);
      if (e) return e;
    }
    const bare = host.startsWith("*") ? host.slice(1) : host;
    for (const w of wildcard) {
      if (w.scope !== "*" && w.scope !== sourceNs) continue;
      if (bare.endsWith(w.suffix)) return w.entry;
    }
    return undefined;
  };

  const resourceNameFromHost = (defaultNs: string, host: string): string => {
    const m = fqdnPattern.exec(host);
    return m ? `${m[2]}/${m[1]}` : `${defaultNs}/${host}`;
  };

  const subsets = memo(() => {
    const s = new Set<string>();
    for (const dr of resourcesOf("DestinationRule")) {
      const host = typeof dr.spec.host === "string" ? dr.spec.host : "";
      for (const sub of Array.isArray(dr.spec.subsets) ? dr.spec.subsets : []) {
        const name = rec(sub)?.name;
        if (typeof name === "string") s.add(`${resourceNameFromHost(dr.namespace, host)}|${name}`);
      }
    }
    return s;
  });

  const proxyMetadata = memo(() => {
    const out: Record<string, string> = {};
    const take = (meshConfig: unknown) => {
      Object.assign(out, stringMap(rec(rec(meshConfig)?.defaultConfig)?.proxyMetadata));
    };
    for (const o of byKind().get("install.istio.io/IstioOperator") ?? []) take(rec(o.body.spec)?.meshConfig);
    if (options.meshConfig) take(options.meshConfig);
    return out;
  });

  const schemas = new Map<ManifestObject, ObjectSchemaResult>();
  const schema = (o: ManifestObject): ObjectSchemaResult => {
    let r = schemas.get(o);
    if (!r) {
      r = checkObjectSchema(o);
      schemas.set(o, r);
    }
    return r;
  };

  const validations = new Map<ManifestObject, readonly ValidationIssue[]>();
  const validation = (o: ManifestObject): readonly ValidationIssue[] => {
    let v = validations.get(o);
    if (v) return v;
    const spec = o.body.spec;
    switch (o.kind) {
      case "Gateway":
        v = validateGateway(o.name, spec);
        break;
      case "VirtualService":
        v = validateVirtualService(o.namespace, spec);
        break;
      case "DestinationRule":
        v = validateDestinationRule(o.namespace, spec);
        break;
      case "ServiceEntry": {
        const md = proxyMetadata();
        v = validateServiceEntry(o.namespace, spec, md.ISTIO_META_DNS_AUTO_ALLOCATE === "true");
        break;
      }
      default:
        v = [];
    }
    validations.set(o, v);
    return v;
  };

  return {
    input,
    mesh,
    options,
    domainSuffix,
    objectsOf: (group, kind) => byKind().get(`${group}/${kind}`) ?? [],
    resources: resourcesOf,
    gateway: (name) => gateways().get(name),
    kubernetesGateway: (name) => k8sGateways().get(name),
    workloads,
    workloadsMatching,
    servicePortsOf,
    secret: (namespace, name) => secrets().get(`${namespace}/${name}`),
    destinationHost,
    resourceNameFromHost,
    hasSubset: (resourceName, subset) => subsets().has(`${resourceName}|${subset}`),
    validation,
    schema,
    proxyMetadata,
    fqdn,
  };
}

/** `<ns>/<name>` of a gateway a VirtualService in `vsNamespace` names. */
export function gatewayKey(reference: string, vsNamespace: string): string {
  return resolveGatewayName(reference, vsNamespace);
}
