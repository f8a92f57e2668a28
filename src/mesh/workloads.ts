import { resolveTargetPort } from "./k8s.js";
import { compareByCreation, labelsMatch } from "./meta.js";
import type { ContainerPort, Mesh, MeshService, ServicePortInfo } from "./model.js";
import { DEFAULT_GATEWAY_LABELS, DEFAULT_GATEWAY_PORTS } from "./operator.js";

/** A service port that forwards to the gateway pod, and the port on the pod it reaches. */
export interface ServiceTarget {
  readonly service: MeshService;
  readonly port: ServicePortInfo;
  /** The pod port (the resolved targetPort). */
  readonly targetPort: number;
}

/** The gateway proxy whose configuration is simulated (istio's model.Proxy, type Router). */
export interface GatewayProxy {
  /** Pod name (or workload name when no pod is known). */
  readonly name: string;
  readonly namespace: string;
  /**
   * istio's Proxy.ConfigNamespace: the namespace whose view (exportTo) of VirtualServices,
   * Services and DestinationRules the proxy gets. The pod's namespace unless set; istio's own
   * test harness leaves it at "default".
   */
  readonly configNamespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly serviceAccount: string;
  readonly serviceTargets: readonly ServiceTarget[];
  /** ISTIO_META_UNPRIVILEGED_POD: listeners on ports below 1024 are skipped. */
  readonly unprivileged: boolean;
  /** proxyv2 image tag, when known ("1.17.8"). */
  readonly imageVersion?: string;
  /** How the workload was found, for the note on stderr. */
  readonly origin: "pod" | "deployment" | "istiooperator" | "default";
  readonly description: string;
}

/** The namespace a proxy sees configuration from (Proxy.ConfigNamespace). */
export function configNamespaceOf(proxy: GatewayProxy): string {
  return proxy.configNamespace ?? proxy.namespace;
}

export interface WorkloadRef {
  readonly kind?: "pod" | "deployment";
  readonly name: string;
  readonly namespace: string;
}

/**
 * Parse istioctl's workload syntax: `[<type>/]<name>[.<namespace>]`, type `deploy`,
 * `deployment`, `deployments` or `pod`, `po`, `pods`. The namespace defaults to `defaultNamespace`.
 */
export function parseWorkloadRef(text: string, defaultNamespace: string): WorkloadRef | { error: string } {
  let kind: WorkloadRef["kind"];
  let rest = text;
  const slash = text.indexOf("/");
  if (slash !== -1) {
    const type = text.slice(0, slash).toLowerCase();
    rest = text.slice(slash + 1);
    if (["deploy", "deployment", "deployments"].includes(type)) kind = "deployment";
    else if (["pod", "po", "pods"].includes(type)) kind = "pod";
    else return { error: `unsupported workload type "${type}" in "${text}" (use deploy/NAME or pod/NAME)` };
  }
  if (rest === "") return { error: `empty workload name in "${text}"` };
  const dot = rest.indexOf(".");
  const name = dot === -1 ? rest : rest.slice(0, dot);
  const namespace = dot === -1 ? defaultNamespace : rest.slice(dot + 1);
  return { ...(kind && { kind }), name, namespace };
}

export const DEFAULT_GATEWAY_REF: WorkloadRef = { name: "istio-ingressgateway", namespace: "istio-system" };

function imageVersion(images: readonly string[]): string | undefined {
  for (const image of images) {
    const m = /\/proxyv2:(\d+\.\d+[^\s@]*)/.exec(image);
    if (m) return m[1];
  }
  return undefined;
}

function unprivilegedFromEnv(
  source: { body: Record<string, unknown> } | undefined,
  podTemplate: boolean,
): boolean {
  const spec = source?.body.spec as Record<string, unknown> | undefined;
  const tspec = podTemplate
    ? ((spec?.template as Record<string, unknown> | undefined)?.spec as Record<string, unknown> | undefined)
    : spec;
  const containers = Array.isArray(tspec?.containers) ? (tspec.containers as Record<string, unknown>[]) : [];
  for (const c of containers) {
    const env = Array.isArray(c.env) ? (c.env as Record<string, unknown>[]) : [];
    for (const e of env) if (e.name === "ISTIO_META_UNPRIVILEGED_POD") return String(e.value) === "true";
  }
  return false;
}

/**
 * The proxy's ServiceTargets: every Service in the pod's namespace whose selector matches the
 * pod's labels, each port with its targetPort resolved through the pod's container ports;
 * then ServiceEntries in that namespace with an endpoint on the pod's IP.
 */
export function serviceTargetsFor(
  mesh: Mesh,
  namespace: string,
  labels: Readonly<Record<string, string>>,
  ip: string,
  containerPorts: readonly ContainerPort[],
): ServiceTarget[] {
  const out: ServiceTarget[] = [];
  const services = mesh.services
    .filter((s) => s.namespace === namespace)
    .sort((a, b) => compareByCreation(a.meta, b.meta));
  for (const svc of services) {
    if (svc.kind === "Service") {
      if (!svc.selector || Object.keys(svc.selector).length === 0 || !labelsMatch(svc.selector, labels))
        continue;
      for (const port of svc.ports) {
        const target = resolveTargetPort(port.targetPort, containerPorts);
        if (target !== undefined) out.push({ service: svc, port, targetPort: target });
      }
    } else {
      const eps = mesh.endpoints.get(`${svc.namespace}/${svc.hostname}`) ?? [];
      for (const port of svc.ports) {
        const ep = eps.find((e) => e.address === ip && e.servicePort === port.port);
        if (ep) out.push({ service: svc, port, targetPort: ep.port });
      }
    }
  }
  return out;
}

/** A Service for a gateway workload that the manifests do not describe (default profile, or an IstioOperator). */
export function syntheticService(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  ports: readonly ServicePortInfo[],
  domainSuffix: string,
): MeshService {
  return {
    hostname: domainSuffix ? `${name}.${namespace}.svc.${domainSuffix}` : `${name}.${namespace}`,
    name,
    namespace,
    ports,
    resolution: "ClientSideLB",
    meshExternal: false,
    exportTo: ["*"],
    labels,
    selector: labels,
    kind: "Service",
    meta: {
      name,
      namespace,
      labels,
      annotations: {},
      created: 0,
    },
  };
}

export type ResolveResult = { proxy: GatewayProxy; synthetic?: MeshService } | { error: string };

/**
 * Find the gateway workload named by `ref` in the mesh: a pod, a deployment (with one of its
 * pods when present), or an IstioOperator ingress-gateway component. When nothing matches
 * and the default gateway was asked for, the default profile's gateway is used.
 */
export function resolveGatewayProxy(mesh: Mesh, ref: WorkloadRef, isDefault: boolean): ResolveResult {
  const pod =
    ref.kind !== "deployment"
      ? mesh.pods.find((p) => p.meta.name === ref.name && p.meta.namespace === ref.namespace)
      : undefined;
  if (pod) {
    return {
      proxy: {
        name: pod.meta.name,
        namespace: pod.meta.namespace,
        labels: pod.meta.labels,
        ip: pod.ip ?? "10.0.0.1",
        serviceAccount: pod.serviceAccount ?? "default",
        serviceTargets: serviceTargetsFor(
          mesh,
          pod.meta.namespace,
          pod.meta.labels,
          pod.ip ?? "",
          pod.containerPorts,
        ),
        unprivileged: unprivilegedFromEnv(pod.meta.source, false),
        ...(imageVersion(pod.images) && { imageVersion: imageVersion(pod.images) }),
        origin: "pod",
        description: `pod ${pod.meta.namespace}/${pod.meta.name}`,
      },
    };
  }
  const deploy =
    ref.kind !== "pod"
      ? mesh.deployments.find((d) => d.meta.name === ref.name && d.meta.namespace === ref.namespace)
      : undefined;
  if (deploy) {
    const labels = deploy.templateLabels;
    const podOf = mesh.pods.find(
      (p) =>
        p.meta.namespace === deploy.meta.namespace &&
        Object.keys(labels).length > 0 &&
        labelsMatch(labels, p.meta.labels),
    );
    const ip = podOf?.ip ?? "10.0.0.1";
    const ports = podOf && podOf.containerPorts.length > 0 ? podOf.containerPorts : deploy.containerPorts;
    const version = imageVersion(podOf?.images ?? []) ?? imageVersion(deploy.images);
    return {
      proxy: {
        name: podOf?.meta.name ?? deploy.meta.name,
        namespace: deploy.meta.namespace,
        labels: podOf?.meta.labels ?? labels,
        ip,
        serviceAccount: podOf?.serviceAccount ?? deploy.serviceAccount ?? "default",
        serviceTargets: serviceTargetsFor(mesh, deploy.meta.namespace, labels, ip, ports),
        unprivileged: unprivilegedFromEnv(deploy.meta.source, true),
        ...(version && { imageVersion: version }),
        origin: "deployment",
        description: `deployment ${deploy.meta.namespace}/${deploy.meta.name}${podOf ? ` (pod ${podOf.meta.name})` : ""}`,
      },
    };
  }
  if (ref.kind === "pod") return { error: `pod ${ref.namespace}/${ref.name} is not in the manifests` };
  const component = mesh.operatorGateways.find(
    (g) => g.name === ref.name && g.namespace === ref.namespace && g.enabled,
  );
  if (component) {
    const ports = component.servicePorts ?? DEFAULT_GATEWAY_PORTS;
    const svc = syntheticService(
      component.name,
      component.namespace,
      { ...component.labels },
      ports,
      mesh.domainSuffix,
    );
    const withSvc: Mesh = { ...mesh, services: [...mesh.services, svc] };
    return {
      proxy: {
        name: component.name,
        namespace: component.namespace,
        labels: component.labels,
        ip: "10.0.0.1",
        serviceAccount: `${component.name}-service-account`,
        serviceTargets: serviceTargetsFor(withSvc, component.namespace, component.labels, "", []),
        unprivileged: true,
        origin: "istiooperator",
        description: `ingress gateway "${component.name}" of IstioOperator ${component.operator.namespace}/${component.operator.name}`,
      },
      synthetic: svc,
    };
  }
  if (!isDefault) {
    return {
      error: `no pod, deployment or IstioOperator ingress gateway named ${ref.name} in namespace ${ref.namespace}`,
    };
  }
  const labels = { ...DEFAULT_GATEWAY_LABELS };
  const existing = serviceTargetsFor(mesh, ref.namespace, labels, "", []);
  const svc =
    existing.length === 0
      ? syntheticService(ref.name, ref.namespace, labels, DEFAULT_GATEWAY_PORTS, mesh.domainSuffix)
      : undefined;
  const withSvc: Mesh = svc ? { ...mesh, services: [...mesh.services, svc] } : mesh;
  return {
    proxy: {
      name: ref.name,
      namespace: ref.namespace,
      labels,
      ip: "10.0.0.1",
      serviceAccount: "istio-ingressgateway-service-account",
      serviceTargets: serviceTargetsFor(withSvc, ref.namespace, labels, "", []),
      unprivileged: true,
      origin: "default",
      description:
        "the default ingress gateway (labels app=istio-ingressgateway, istio=ingressgateway; Service ports 15021, 80→8080, 443→8443)",
    },
    ...(svc && { synthetic: svc }),
  };
}
