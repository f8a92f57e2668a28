import { createLocator } from "../manifests/positions.js";
import type { InputError, ManifestObject } from "../manifests/types.js";
import { formatInputError } from "../manifests/types.js";
import { endpointsFromEntry, istioResource, servicesFromEntry } from "./istio.js";
import type {
  DestinationRuleSpec,
  GatewaySpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from "./istio-types.js";
import {
  deploymentFrom,
  type EndpointsOf,
  endpointsFromEndpoints,
  endpointsFromSelector,
  endpointsFromSlice,
  indexPods,
  podFrom,
  secretFrom,
  serviceFrom,
} from "./k8s.js";
import { metaOf } from "./meta.js";
import {
  endpointKey,
  type IstioOperatorGateway,
  type IstioResource,
  type Mesh,
  type MeshConfig,
  type MeshEndpoint,
  type MeshNamespace,
  type MeshPod,
  type MeshService,
  type Meta,
} from "./model.js";
import {
  mergeMeshConfig,
  meshConfigFromConfigMap,
  meshConfigFromOperator,
  operatorGateways,
} from "./operator.js";
import { type Checker, type FieldProblem, newChecker, toInputError } from "./problems.js";

export interface BuildOptions {
  /** DNS suffix of the cluster; "cluster.local" unless told otherwise. */
  readonly domainSuffix: string;
}

/** A note about the input that does not make it unusable. */
export interface Warning {
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

/** An object left out of the mesh, with the problems that made it unusable (for lint). */
export interface RejectedObject {
  readonly object: ManifestObject;
  readonly problems: readonly FieldProblem[];
}

export interface BuildResult {
  readonly mesh: Mesh;
  /** Objects that Kubernetes or istiod would reject; they are left out of the mesh. */
  readonly errors: InputError[];
  readonly warnings: Warning[];
  /** The same rejections, per object. */
  readonly rejected: readonly RejectedObject[];
}

function objectKey(o: ManifestObject): string {
  return `${o.group}/${o.kind}/${o.namespace}/${o.name}`;
}

/**
 * Turn loaded objects into the typed mesh. An object given twice (same kind, namespace and
 * name) is taken from its last occurrence, as `kubectl apply` would leave it.
 */
export function buildMesh(objects: readonly ManifestObject[], options: BuildOptions): BuildResult {
  const errors: InputError[] = [];
  const warnings: Warning[] = [];
  const rejected: RejectedObject[] = [];
  const latest = new Map<string, ManifestObject>();
  for (const o of objects) {
    const key = objectKey(o);
    const prev = latest.get(key);
    if (prev) {
      warnings.push({
        file: o.pos.file,
        line: o.pos.line,
        message: `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name} is also defined at ${prev.pos.file}:${prev.pos.line}; using this later definition`,
      });
      latest.delete(key); // re-insert so that input order follows the winning definition
    }
    latest.set(key, o);
  }

  const gateways: IstioResource<GatewaySpec>[] = [];
  const virtualServices: IstioResource<VirtualServiceSpec>[] = [];
  const destinationRules: IstioResource<DestinationRuleSpec>[] = [];
  const serviceEntries: IstioResource<ServiceEntrySpec>[] = [];
  const services: MeshService[] = [];
  const pods = [];
  const deployments = [];
  const secrets = [];
  const namespaces: MeshNamespace[] = [];
  const operatorGws: IstioOperatorGateway[] = [];
  const meshParts: { meta: Meta; fields: Partial<Record<keyof MeshConfig, unknown>> }[] = [];
  const sliceObjs: ManifestObject[] = [];
  const endpointsObjs: ManifestObject[] = [];

  // One locator per build: a file's line index and its last parsed document are reused
  // across the problems found in it.
  const locator = createLocator();
  const withChecker = <T>(o: ManifestObject, f: (c: Checker) => T): T | undefined => {
    const c = newChecker();
    const result = f(c);
    if (c.problems.length > 0) {
      for (const p of c.problems) errors.push(toInputError(o, p, locator));
      rejected.push({ object: o, problems: c.problems });
      return undefined;
    }
    return result;
  };

  for (const o of latest.values()) {
    const gk = `${o.group}/${o.kind}`;
    switch (gk) {
      case "networking.istio.io/Gateway": {
        const r = withChecker(o, (c) => istioResource<GatewaySpec>(o, c));
        if (r) gateways.push(r);
        break;
      }
      case "networking.istio.io/VirtualService": {
        const r = withChecker(o, (c) => istioResource<VirtualServiceSpec>(o, c));
        if (r) virtualServices.push(r);
        break;
      }
      case "networking.istio.io/DestinationRule": {
        const r = withChecker(o, (c) => istioResource<DestinationRuleSpec>(o, c));
        if (r) destinationRules.push(r);
        break;
      }
      case "networking.istio.io/ServiceEntry": {
        const r = withChecker(o, (c) => istioResource<ServiceEntrySpec>(o, c));
        if (r) serviceEntries.push(r);
        break;
      }
      case "/Service": {
        const s = withChecker(o, (c) => serviceFrom(o, c, options.domainSuffix));
        if (s) services.push(s);
        break;
      }
      case "/Pod":
        pods.push(podFrom(o));
        break;
      case "apps/Deployment":
        deployments.push(deploymentFrom(o));
        break;
      case "/Secret":
        secrets.push(secretFrom(o));
        break;
      case "/Namespace":
        namespaces.push({ meta: metaOf(o) });
        break;
      case "/ConfigMap": {
        const fields = withChecker(o, (c) => meshConfigFromConfigMap(o, c));
        if (fields) meshParts.push({ meta: metaOf(o), fields });
        break;
      }
      case "install.istio.io/IstioOperator": {
        const gws = withChecker(o, (c) => operatorGateways(o, c));
        if (gws) operatorGws.push(...gws);
        const fields = meshConfigFromOperator(o);
        if (fields) meshParts.push({ meta: metaOf(o), fields });
        break;
      }
      case "discovery.k8s.io/EndpointSlice":
        sliceObjs.push(o);
        break;
      case "/Endpoints":
        endpointsObjs.push(o);
        break;
    }
  }

  for (const se of serviceEntries) services.push(...servicesFromEntry(se));

  const endpoints = collectEndpoints(
    services,
    serviceEntries,
    pods,
    sliceObjs,
    endpointsObjs,
    options,
    warnings,
  );

  const mesh: Mesh = {
    gateways,
    virtualServices,
    destinationRules,
    serviceEntries,
    services,
    endpoints,
    pods,
    deployments,
    secrets,
    namespaces,
    operatorGateways: operatorGws,
    meshConfig: mergeMeshConfig(meshParts),
    domainSuffix: options.domainSuffix,
  };
  return { mesh, errors, warnings, rejected };
}

function collectEndpoints(
  services: readonly MeshService[],
  serviceEntries: readonly IstioResource<ServiceEntrySpec>[],
  pods: ReturnType<typeof podFrom>[],
  sliceObjs: readonly ManifestObject[],
  endpointsObjs: readonly ManifestObject[],
  options: BuildOptions,
  warnings: Warning[],
): Map<string, MeshEndpoint[]> {
  const podIndex = indexPods(pods);
  const byService = new Map<string, MeshEndpoint[]>();
  const fromSlices = new Set<string>();
  const add = (key: string, eps: readonly MeshEndpoint[]) => {
    const list = byService.get(key);
    if (list) list.push(...eps);
    else byService.set(key, [...eps]);
  };
  const hostOf = (name: string, ns: string) =>
    options.domainSuffix ? `${name}.${ns}.svc.${options.domainSuffix}` : `${name}.${ns}`;
  const noteMissing = (o: ManifestObject, got: EndpointsOf) => {
    if (got.missingPods.length > 0)
      warnings.push({
        file: o.pos.file,
        line: o.pos.line,
        message: `${o.kind} ${o.namespace}/${o.name}: targetRef names a Pod that is not in the input for ${got.missingPods.join(", ")}; istiod skips such endpoints`,
      });
  };
  for (const o of sliceObjs) {
    const got = endpointsFromSlice(o, podIndex);
    if (!got) continue;
    noteMissing(o, got);
    const key = endpointKey(got.namespace, hostOf(got.service, got.namespace));
    fromSlices.add(key);
    add(key, got.endpoints);
  }
  for (const o of endpointsObjs) {
    const got = endpointsFromEndpoints(o, podIndex);
    const key = endpointKey(got.namespace, hostOf(got.service, got.namespace));
    if (fromSlices.has(key)) continue; // Kubernetes mirrors Endpoints only where no slice exists
    noteMissing(o, got);
    add(key, got.endpoints);
    fromSlices.add(key);
  }
  const selectable = podsBySelectorLabel(pods);
  for (const svc of services) {
    if (svc.kind !== "Service") continue;
    const key = endpointKey(svc.namespace, svc.hostname);
    if (fromSlices.has(key)) continue;
    const eps = endpointsFromSelector(svc, selectable(svc));
    if (eps.length > 0) add(key, eps);
  }
  for (const se of serviceEntries) {
    const eps = endpointsFromEntry(se);
    for (const host of se.spec.hosts) add(endpointKey(se.meta.namespace, host), eps);
  }
  return byService;
}

/**
 * The pods a Service's selector may match, found through an index of (namespace, label=value)
 * instead of a scan of every pod: the shortest list among the selector's pairs, in input
 * order. endpointsFromSelector still checks the whole selector. Without the index, n Services
 * without slices over 3n pods of one namespace grew 3.7x per doubling (quadratic).
 */
function podsBySelectorLabel(pods: readonly MeshPod[]): (svc: MeshService) => readonly MeshPod[] {
  const index = new Map<string, MeshPod[]>();
  for (const p of pods) {
    for (const [k, v] of Object.entries(p.meta.labels)) {
      const key = `${p.meta.namespace}\u0000${k}=${v}`;
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
  }
  return (svc) => {
    let best: readonly MeshPod[] | undefined;
    for (const [k, v] of Object.entries(svc.selector ?? {})) {
      const list = index.get(`${svc.namespace}\u0000${k}=${v}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best ?? [];
  };
}

export function describeErrors(errors: readonly InputError[]): string[] {
  return errors.map(formatInputError);
}
