import type { ManifestObject } from "../manifests/types.js";
import {
  destinationRuleSpecShape,
  gatewaySpecShape,
  serviceEntrySpecShape,
  virtualServiceSpecShape,
} from "./istio-shapes.js";
import type {
  DestinationRuleSpec,
  GatewaySpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from "./istio-types.js";
import { metaOf } from "./meta.js";
import type { IstioResource, MeshEndpoint, MeshService, Resolution, ServicePortInfo } from "./model.js";
import { type Checker, isRecord, report } from "./problems.js";
import { servicePortProtocol } from "./protocol.js";
import { checkShape, type Shape } from "./shape.js";

const SHAPES: Record<string, Shape> = {
  Gateway: gatewaySpecShape,
  VirtualService: virtualServiceSpecShape,
  DestinationRule: destinationRuleSpecShape,
  ServiceEntry: serviceEntrySpecShape,
};

/** An Istio resource whose spec has the shape the translation relies on, or undefined. */
export function istioResource<S>(o: ManifestObject, c: Checker): IstioResource<S> | undefined {
  const spec = o.body.spec;
  if (!isRecord(spec)) {
    report(c, ["spec"], spec === undefined ? "is required" : "must be a mapping");
    return undefined;
  }
  const shape = SHAPES[o.kind];
  if (shape) checkShape(c, spec, shape, ["spec"]);
  if (c.problems.length > 0) return undefined;
  return { meta: metaOf(o), version: o.version, spec: spec as unknown as S };
}

export type { DestinationRuleSpec, GatewaySpec, ServiceEntrySpec, VirtualServiceSpec };

const RESOLUTIONS: Record<string, Resolution> = {
  NONE: "Passthrough",
  STATIC: "ClientSideLB",
  DNS: "DNSLB",
  DNS_ROUND_ROBIN: "DNSRoundRobinLB",
};

/** One registry service per ServiceEntry host (serviceregistry/serviceentry/conversion.go). */
export function servicesFromEntry(se: IstioResource<ServiceEntrySpec>): MeshService[] {
  const spec = se.spec;
  const ports: ServicePortInfo[] = (spec.ports ?? []).map((p) => ({
    name: p.name,
    port: p.number,
    protocol: servicePortProtocol(p.protocol ? `${p.protocol}` : p.name, "TCP"),
    targetPort: p.targetPort ?? p.number,
  }));
  const resolution = RESOLUTIONS[spec.resolution ?? "NONE"] ?? "Passthrough";
  return spec.hosts.map((hostname) => ({
    hostname,
    name: hostname,
    namespace: se.meta.namespace,
    ports,
    resolution,
    meshExternal: (spec.location ?? "MESH_EXTERNAL") !== "MESH_INTERNAL",
    exportTo: spec.exportTo && spec.exportTo.length > 0 ? spec.exportTo : ["*"],
    labels: se.meta.labels,
    kind: "ServiceEntry",
    meta: se.meta,
  }));
}

function tlsModeOf(ep: { labels?: Record<string, string>; serviceAccount?: string }): string | undefined {
  return ep.labels?.["security.istio.io/tlsMode"] ?? (ep.serviceAccount ? "istio" : undefined);
}

/** Endpoints declared inline in a ServiceEntry, per port (port name → endpoint port override). */
export function endpointsFromEntry(se: IstioResource<ServiceEntrySpec>): MeshEndpoint[] {
  const out: MeshEndpoint[] = [];
  const spec = se.spec;
  const eps = spec.endpoints ?? [];
  eps.forEach((ep, entryIndex) => {
    if (!ep.address) return;
    for (const p of spec.ports ?? []) {
      const port = ep.ports?.[p.name] ?? p.targetPort ?? p.number;
      out.push({
        address: ep.address,
        port,
        servicePortName: p.name,
        servicePort: p.number,
        labels: ep.labels ?? {},
        namespace: se.meta.namespace,
        workloadName: se.meta.name,
        entryIndex,
        origin: "serviceEntry",
        health: "HEALTHY",
        ...(ep.serviceAccount && { serviceAccount: ep.serviceAccount }),
        ...(ep.locality && { locality: ep.locality }),
        ...(ep.weight !== undefined && { weight: ep.weight }),
        // getTLSModeFromWorkloadEntry: the label, else Istio mTLS when a service account is given.
        ...(tlsModeOf(ep) && { tlsMode: tlsModeOf(ep) }),
      });
    }
  });
  return out;
}
