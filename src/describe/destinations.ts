import type { Destination } from "../mesh/istio-types.js";
import { labelsMatch } from "../mesh/meta.js";
import type { MeshEndpoint, MeshService, ServicePortInfo } from "../mesh/model.js";
import { configNamespaceOf } from "../mesh/workloads.js";
import { clusterFacts } from "../simulate/upstream.js";
import { endpointsForPort } from "../xds/clusters.js";
import { indexDestinationRules } from "../xds/destination-rules.js";
import { destinationCluster } from "../xds/http-routes.js";
import { serviceLookup } from "../xds/translate.js";
import { type DescribeInput, labelsText, shortHost } from "./context.js";
import { node, type TreeNode, warning } from "./tree.js";

/**
 * One VirtualService destination down to the pods: the cluster istiod builds for it, the
 * DestinationRule and subset that shape it, the Service and port it names, and the
 * endpoints behind them, with a warning wherever a request would get 503.
 */

function podNameFor(input: DescribeInput, address: string): string | undefined {
  const pod = input.mesh.pods.find((p) => p.ip === address);
  return pod ? `${pod.meta.namespace}/${pod.meta.name}` : undefined;
}

function endpointNodes(input: DescribeInput, endpoints: readonly MeshEndpoint[]): TreeNode[] {
  return endpoints.map((e) => {
    const pod = podNameFor(input, e.address);
    const label = `${pod ? `pod ${pod}` : "endpoint"} ${e.address}:${e.port} ${e.health}`;
    return e.health === "HEALTHY" ? node(label) : warning(`${label}: Envoy does not send requests to it`);
  });
}

function trafficPolicyText(spec: {
  trafficPolicy?: { tls?: { mode?: string }; loadBalancer?: { simple?: string } };
}): string {
  const parts = [
    spec.trafficPolicy?.tls?.mode ? `tls ${spec.trafficPolicy.tls.mode}` : undefined,
    spec.trafficPolicy?.loadBalancer?.simple
      ? `loadBalancer ${spec.trafficPolicy.loadBalancer.simple}`
      : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function servicePort(svc: MeshService, port: number): ServicePortInfo | undefined {
  return svc.ports.find((p) => p.port === port);
}

/** The cluster name, Envoy's view of it, and the chain behind one destination. */
export function destinationNode(
  input: DescribeInput,
  d: Destination,
  vsNamespace: string,
  serverPort: number,
  weight: number | undefined,
): TreeNode {
  const proxyNs = input.proxy.namespace;
  const svc = serviceLookup(input.mesh, proxyNs)(d.host, vsNamespace);
  const cluster = destinationCluster(d, svc, serverPort, input.profile);
  const port = Number(cluster.split("|")[1]);
  const shown = `${shortHost(d.host, vsNamespace, input.mesh.domainSuffix)}:${port}${d.subset ? ` subset ${d.subset}` : ""}`;
  const children: TreeNode[] = [];

  const rule = indexDestinationRules(input.mesh, configNamespaceOf(input.proxy), input.profile).lookup(
    d.host,
    svc?.namespace ?? vsNamespace,
  );
  const src = rule?.sources[0];
  if (rule && src) {
    children.push(
      node(`DestinationRule ${src.meta.namespace}/${src.meta.name}${trafficPolicyText(rule.spec)}`),
    );
  } else {
    children.push(node("DestinationRule: none"));
  }
  const subset = d.subset ? rule?.spec.subsets?.find((s) => s.name === d.subset) : undefined;
  if (d.subset && !subset) {
    const defined = rule?.spec.subsets?.map((s) => s.name) ?? [];
    children.push(
      warning(
        `subset ${d.subset} is not defined${rule ? ` in ${src ? `DestinationRule ${src.meta.namespace}/${src.meta.name}` : "the DestinationRule"} (it defines: ${defined.join(", ") || "none"})` : ": no DestinationRule for this host"}: requests get 503`,
      ),
    );
  } else if (subset) {
    children.push(node(`subset ${subset.name}: pods labelled ${labelsText(subset.labels ?? {})}`));
  }

  if (!svc) {
    children.push(
      warning(`no Service or ServiceEntry ${d.host} is visible to the gateway: requests get 503`),
    );
  } else {
    const sp = servicePort(svc, port);
    if (!sp) {
      children.push(
        warning(
          `${svc.kind} ${svc.namespace}/${svc.name} has no port ${port} (ports: ${svc.ports.map((p) => p.port).join(", ")}): requests get 503`,
        ),
      );
    } else {
      const all = endpointsForPort(svc, sp, input.mesh);
      const eps = subset ? all.filter((e) => labelsMatch(subset.labels ?? {}, e.labels)) : all;
      const pods = endpointNodes(input, eps);
      const selector = svc.selector ? `, selector ${labelsText(svc.selector)}` : "";
      const svcNode = `${svc.kind} ${svc.namespace}/${svc.name} port ${sp.port}${sp.name ? ` (${sp.name})` : ""} → targetPort ${sp.targetPort}${selector}`;
      if (eps.filter((e) => e.health === "HEALTHY").length === 0) {
        pods.push(
          warning(
            `no ready endpoints${subset ? ` with the subset's labels ${labelsText(subset.labels ?? {})}` : ""}: requests get 503 (no healthy upstream)`,
          ),
        );
      }
      children.push(node(svcNode, pods));
    }
  }

  // What the gateway's Envoy holds for this destination, when it disagrees with the manifests.
  const facts = clusterFacts(input.dump, cluster, new Map());
  if (!facts.found && svc && (!d.subset || subset)) {
    children.push(warning(`cluster ${cluster} is not in the gateway's Envoy config: requests get 503`));
  } else if (facts.found && facts.endpoints && facts.endpoints.length === 0 && svc) {
    children.push(warning(`the gateway's Envoy has no endpoints for ${cluster}`));
  }
  const share = weight !== undefined ? ` ${weight}%` : "";
  return node(`destination ${shown}${share} → cluster ${cluster}`, children);
}
