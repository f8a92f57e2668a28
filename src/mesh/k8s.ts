import type { ManifestObject } from "../manifests/types.js";
import { privateKeyFingerprint } from "../x509/certificates.js";
import { labelsMatch, metaOf } from "./meta.js";
import type {
  ContainerPort,
  EndpointHealth,
  MeshDeployment,
  MeshEndpoint,
  MeshPod,
  MeshService,
  Meta,
  ServicePortInfo,
  TlsSecret,
} from "./model.js";
import { type Checker, isRecord } from "./problems.js";
import { servicePortProtocol } from "./protocol.js";
import { checkShape, int, list, obj, str, strmap } from "./shape.js";

const EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

export function serviceHostname(name: string, namespace: string, domainSuffix: string): string {
  return domainSuffix ? `${name}.${namespace}.svc.${domainSuffix}` : `${name}.${namespace}`;
}

const servicePortShape = obj(
  {
    name: str,
    port: int(1, 65535),
    targetPort: { t: "any" },
    nodePort: int(0, 65535),
    protocol: str,
    appProtocol: str,
  },
  { port: "port is required" },
);

const serviceSpecShape = obj({
  ports: list(servicePortShape),
  selector: strmap,
  clusterIP: str,
  type: str,
  externalName: str,
});

export function servicePortsOf(
  c: Checker,
  rawPorts: unknown,
  basePath: (string | number)[],
): ServicePortInfo[] {
  checkShape(c, rawPorts, list(servicePortShape), basePath);
  if (!Array.isArray(rawPorts) || c.problems.length > 0) return [];
  return rawPorts.map((p: Record<string, unknown>) => {
    const port = p.port as number;
    const name = typeof p.name === "string" ? p.name : "";
    const tp = p.targetPort;
    const targetPort =
      typeof tp === "number" || (typeof tp === "string" && tp !== "")
        ? /^\d+$/.test(String(tp))
          ? Number(tp)
          : String(tp)
        : port;
    return {
      name,
      port,
      protocol: servicePortProtocol(
        name,
        p.protocol as string | undefined,
        p.appProtocol as string | undefined,
      ),
      targetPort,
      ...(typeof p.nodePort === "number" && { nodePort: p.nodePort }),
    };
  });
}

export function serviceFrom(o: ManifestObject, c: Checker, domainSuffix: string): MeshService | undefined {
  const spec = o.body.spec;
  checkShape(c, spec, serviceSpecShape, ["spec"]);
  if (c.problems.length > 0 || !isRecord(spec)) return undefined;
  const meta = metaOf(o);
  const ports = servicePortsOf(c, spec.ports ?? [], ["spec", "ports"]);
  const exportAnn = meta.annotations[EXPORT_TO_ANNOTATION];
  const externalName =
    spec.type === "ExternalName" && typeof spec.externalName === "string" ? spec.externalName : undefined;
  return {
    hostname: serviceHostname(o.name, o.namespace, domainSuffix),
    name: o.name,
    namespace: o.namespace,
    ports,
    resolution: spec.clusterIP === "None" ? "Passthrough" : "ClientSideLB",
    meshExternal: false,
    exportTo: exportAnn
      ? exportAnn
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : ["*"],
    labels: meta.labels,
    ...(isRecord(spec.selector) && { selector: spec.selector as Record<string, string> }),
    ...(typeof spec.clusterIP === "string" && { clusterIP: spec.clusterIP }),
    ...(externalName !== undefined && { externalName }),
    kind: "Service",
    meta,
  };
}

function containerPortsOf(containers: unknown): { ports: ContainerPort[]; images: string[] } {
  const ports: ContainerPort[] = [];
  const images: string[] = [];
  if (!Array.isArray(containers)) return { ports, images };
  for (const ctr of containers) {
    if (!isRecord(ctr)) continue;
    if (typeof ctr.image === "string") images.push(ctr.image);
    if (!Array.isArray(ctr.ports)) continue;
    for (const p of ctr.ports) {
      if (isRecord(p) && typeof p.containerPort === "number") {
        ports.push({
          containerPort: p.containerPort,
          ...(typeof p.name === "string" && { name: p.name }),
          ...(typeof p.protocol === "string" && { protocol: p.protocol }),
        });
      }
    }
  }
  return { ports, images };
}

export function podFrom(o: ManifestObject): MeshPod {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const status = isRecord(o.body.status) ? o.body.status : {};
  const { ports, images } = containerPortsOf(spec.containers);
  return {
    meta: metaOf(o),
    ...(typeof status.podIP === "string" && { ip: status.podIP }),
    serviceAccount: typeof spec.serviceAccountName === "string" ? spec.serviceAccountName : "default",
    ...(typeof spec.nodeName === "string" && { nodeName: spec.nodeName }),
    containerPorts: ports,
    images,
    ...(typeof status.phase === "string" && { phase: status.phase }),
  };
}

export function deploymentFrom(o: ManifestObject): MeshDeployment {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const tmeta = isRecord(template.metadata) ? template.metadata : {};
  const tspec = isRecord(template.spec) ? template.spec : {};
  const labels: Record<string, string> = {};
  if (isRecord(tmeta.labels)) for (const [k, v] of Object.entries(tmeta.labels)) labels[k] = String(v);
  const { ports, images } = containerPortsOf(tspec.containers);
  return {
    meta: metaOf(o),
    templateLabels: labels,
    serviceAccount: typeof tspec.serviceAccountName === "string" ? tspec.serviceAccountName : "default",
    containerPorts: ports,
    images,
  };
}

/**
 * The workload name Istio reports for a pod: its Deployment's name when the pod name has
 * the ReplicaSet shape `<deployment>-<hash>-<suffix>`, else the pod name.
 */
export function workloadNameOf(pod: MeshPod): string {
  const md = pod.meta.source?.body.metadata;
  const owner = (isRecord(md) ? md : {}).ownerReferences;
  if (Array.isArray(owner) && isRecord(owner[0]) && typeof owner[0].name === "string") {
    const o = owner[0];
    if (o.kind === "ReplicaSet") return stripHash(o.name as string);
    return o.name as string;
  }
  const m = /^(.+)-[a-z0-9]{5,10}-[a-z0-9]{5}$/.exec(pod.meta.name);
  return m?.[1] ?? pod.meta.name;
}

function stripHash(rs: string): string {
  const i = rs.lastIndexOf("-");
  return i > 0 ? rs.slice(0, i) : rs;
}

export interface PodIndex {
  byName: Map<string, MeshPod>;
  byIp: Map<string, MeshPod>;
}

export function indexPods(pods: readonly MeshPod[]): PodIndex {
  const byName = new Map<string, MeshPod>();
  const byIp = new Map<string, MeshPod>();
  for (const p of pods) {
    byName.set(`${p.meta.namespace}/${p.meta.name}`, p);
    if (p.ip) byIp.set(p.ip, p);
  }
  return { byName, byIp };
}

function endpointFromPod(
  address: string,
  port: number,
  servicePortName: string,
  namespace: string,
  pod: MeshPod | undefined,
  health: EndpointHealth,
): MeshEndpoint {
  const labels = pod?.meta.labels ?? {};
  const tlsMode = labels["security.istio.io/tlsMode"];
  const ep: MeshEndpoint = {
    address,
    port,
    servicePortName,
    labels,
    namespace,
    health,
    ...(pod?.serviceAccount && { serviceAccount: pod.serviceAccount }),
    ...(tlsMode && { tlsMode }),
    ...(pod && { workloadName: workloadNameOf(pod) }),
  };
  return ep;
}

/** Resolves a slice's targetRef or address to a pod; undefined pod with `skip` means Istio drops it. */
function podFor(
  targetRef: unknown,
  address: string,
  namespace: string,
  pods: PodIndex,
): { pod?: MeshPod; skip: boolean } {
  if (isRecord(targetRef) && targetRef.kind === "Pod" && typeof targetRef.name === "string") {
    const ns = typeof targetRef.namespace === "string" ? targetRef.namespace : namespace;
    const pod = pods.byName.get(`${ns}/${targetRef.name}`);
    return pod ? { pod, skip: false } : { skip: true };
  }
  const pod = pods.byIp.get(address);
  return pod ? { pod, skip: false } : { skip: false };
}

export interface EndpointsOf {
  /** Service name the object belongs to. */
  service: string;
  namespace: string;
  endpoints: MeshEndpoint[];
  /** Addresses dropped because their targetRef names a pod that is not in the input. */
  missingPods: string[];
}

export function endpointsFromSlice(o: ManifestObject, pods: PodIndex): EndpointsOf | undefined {
  const meta = metaOf(o);
  const service = meta.labels["kubernetes.io/service-name"];
  if (!service) return undefined;
  const body = o.body;
  const ports = Array.isArray(body.ports) ? body.ports.filter(isRecord) : [];
  const out: EndpointsOf = { service, namespace: o.namespace, endpoints: [], missingPods: [] };
  for (const ep of Array.isArray(body.endpoints) ? body.endpoints : []) {
    if (!isRecord(ep) || !Array.isArray(ep.addresses)) continue;
    const cond = isRecord(ep.conditions) ? ep.conditions : {};
    const health: EndpointHealth =
      cond.terminating === true ? "TERMINATING" : cond.ready === false ? "UNHEALTHY" : "HEALTHY";
    for (const address of ep.addresses) {
      if (typeof address !== "string") continue;
      const { pod, skip } = podFor(ep.targetRef, address, o.namespace, pods);
      if (skip) {
        out.missingPods.push(address);
        continue;
      }
      for (const p of ports) {
        if (typeof p.port !== "number") continue;
        out.endpoints.push(
          endpointFromPod(
            address,
            p.port,
            typeof p.name === "string" ? p.name : "",
            o.namespace,
            pod,
            health,
          ),
        );
      }
    }
  }
  return out;
}

/** core/v1 Endpoints, mapped the way Kubernetes mirrors them into EndpointSlices. */
export function endpointsFromEndpoints(o: ManifestObject, pods: PodIndex): EndpointsOf {
  const out: EndpointsOf = { service: o.name, namespace: o.namespace, endpoints: [], missingPods: [] };
  const subsets = Array.isArray(o.body.subsets) ? o.body.subsets : [];
  for (const subset of subsets) {
    if (!isRecord(subset)) continue;
    const ports = Array.isArray(subset.ports) ? subset.ports.filter(isRecord) : [];
    const groups: [unknown, EndpointHealth][] = [
      [subset.addresses, "HEALTHY"],
      [subset.notReadyAddresses, "UNHEALTHY"],
    ];
    for (const [addrs, health] of groups) {
      if (!Array.isArray(addrs)) continue;
      for (const a of addrs) {
        if (!isRecord(a) || typeof a.ip !== "string") continue;
        const { pod, skip } = podFor(a.targetRef, a.ip, o.namespace, pods);
        if (skip) {
          out.missingPods.push(a.ip);
          continue;
        }
        for (const p of ports) {
          if (typeof p.port !== "number") continue;
          out.endpoints.push(
            endpointFromPod(a.ip, p.port, typeof p.name === "string" ? p.name : "", o.namespace, pod, health),
          );
        }
      }
    }
  }
  return out;
}

/**
 * Endpoints the EndpointSlice controller would create for a Service whose slices are not in
 * the input: its selected, running pods with an IP, one per service port.
 */
export function endpointsFromSelector(svc: MeshService, pods: readonly MeshPod[]): MeshEndpoint[] {
  if (!svc.selector || Object.keys(svc.selector).length === 0) return [];
  const out: MeshEndpoint[] = [];
  for (const pod of pods) {
    if (pod.meta.namespace !== svc.namespace || !pod.ip) continue;
    if (pod.phase && pod.phase !== "Running") continue;
    if (!labelsMatch(svc.selector, pod.meta.labels)) continue;
    for (const sp of svc.ports) {
      const port = resolveTargetPort(sp.targetPort, pod.containerPorts);
      if (port === undefined) continue;
      out.push(endpointFromPod(pod.ip, port, sp.name, svc.namespace, pod, "HEALTHY"));
    }
  }
  return out;
}

/** A numeric targetPort as is; a named one through the pod's container ports (util.go FindPort). */
export function resolveTargetPort(
  target: number | string,
  ports: readonly ContainerPort[],
): number | undefined {
  if (typeof target === "number") return target;
  return ports.find((p) => p.name === target)?.containerPort;
}

function decodeData(o: ManifestObject): { values: Map<string, string>; bad: string[] } {
  const values = new Map<string, string>();
  const bad: string[] = [];
  const data = isRecord(o.body.data) ? o.body.data : {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(v)) {
      bad.push(k);
      continue;
    }
    values.set(k, Buffer.from(v, "base64").toString("utf8"));
  }
  const stringData = isRecord(o.body.stringData) ? o.body.stringData : {};
  for (const [k, v] of Object.entries(stringData)) if (typeof v === "string") values.set(k, v);
  return { values, bad };
}

/**
 * A Secret as Istio's credential reader sees it (pilot/pkg/credentials/kube/secrets.go):
 * `cert`/`key` first, else `tls.crt`/`tls.key`; CA from `cacert`, else `ca.crt`. The private
 * key is reduced to the fingerprint of its public half at once, so no key material is kept.
 */
export function secretFrom(o: ManifestObject): TlsSecret {
  const { values, bad } = decodeData(o);
  const generic = values.has("cert") && values.has("key");
  const cert = generic ? values.get("cert") : values.get("tls.crt");
  const key = generic ? values.get("key") : values.get("tls.key");
  const ca = values.get("cacert") ?? values.get("ca.crt");
  const keyInfo = key === undefined ? {} : keyFingerprint(key);
  return {
    meta: metaOf(o),
    ...(cert !== undefined && { cert }),
    hasKey: key !== undefined,
    ...keyInfo,
    ...(ca !== undefined && { ca }),
    type: typeof o.body.type === "string" ? o.body.type : "Opaque",
    badKeys: bad,
  };
}

/** The private key reduced to its public half's fingerprint, or why it cannot be read. */
function keyFingerprint(pem: string): { keyFingerprint?: string; keyError?: string } {
  const fp = privateKeyFingerprint(pem);
  return fp.ok ? { keyFingerprint: fp.value } : { keyError: fp.error };
}

export type { Meta };
