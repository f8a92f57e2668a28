import { hostsMatch } from "../mesh/hosts.js";
import { labelsMatch } from "../mesh/meta.js";
import { resolveVirtualService } from "../xds/virtual-services.js";
import type { DescribeInput } from "./context.js";
import { gatewayServers, serverChildren, serverLabel, serverNode, serverServes } from "./servers.js";
import { node, type TreeNode, warning } from "./tree.js";

/**
 * `describe host` and `describe gateway`: the chain Gateway → server → VirtualService routes →
 * DestinationRule subset and policy → Service → pods and endpoints, as a tree with a warning
 * wherever the chain breaks.
 */

export type Described =
  | { readonly ok: true; readonly tree: TreeNode }
  | { readonly ok: false; readonly error: string };

function gatewayLabel(input: DescribeInput): string {
  return `${input.proxy.namespace}/${input.proxy.name}`;
}

/** VirtualServices that name `host` but do not reach this gateway, and why. */
function strayVirtualServices(input: DescribeInput, host: string, served: boolean): TreeNode[] {
  const out: TreeNode[] = [];
  for (const vs of input.mesh.virtualServices) {
    const r = resolveVirtualService(vs, input.mesh.domainSuffix);
    if (!(r.spec.hosts ?? []).some((h) => hostsMatch(h, host))) continue;
    for (const gw of r.spec.gateways ?? []) {
      if (gw === "mesh") continue;
      const [ns, name] = gw.split("/") as [string, string];
      const g = input.mesh.gateways.find((x) => x.meta.namespace === ns && x.meta.name === name);
      const where = `VirtualService ${r.namespace}/${r.name} binds ${host} to Gateway ${gw}`;
      if (!g) out.push(warning(`${where}, which does not exist`));
      else if (g.spec.selector && !labelsMatch(g.spec.selector, input.proxy.labels))
        out.push(
          node(
            `${where}, which selects another gateway (${Object.entries(g.spec.selector)
              .map(([k, v]) => `${k}=${v}`)
              .join(",")})`,
          ),
        );
      else if (
        !served &&
        !g.spec.servers.some((s) => s.hosts.some((h) => hostsMatch(h.slice(h.indexOf("/") + 1), host)))
      )
        out.push(
          warning(
            `${where}, whose servers do not list ${host} (hosts: ${g.spec.servers.flatMap((s) => s.hosts).join(", ")})`,
          ),
        );
    }
  }
  return out;
}

export function describeHost(input: DescribeInput, host: string): Described {
  const h = host.toLowerCase();
  const bindings = gatewayServers(input).filter((b) => serverServes(b, h));
  const children: TreeNode[] = bindings.map((b) => serverNode(input, b, h));
  if (bindings.length === 0) {
    const hosts = [...new Set(gatewayServers(input).flatMap((b) => b.server.hosts))];
    children.push(
      warning(
        `no Gateway server of ${gatewayLabel(input)} serves ${h}: the host is not bound (served: ${hosts.join(", ") || "nothing"})`,
      ),
    );
  }
  children.push(...strayVirtualServices(input, h, bindings.length > 0));
  return { ok: true, tree: node(`Host ${h} on gateway ${gatewayLabel(input)}`, children) };
}

export function describeGateway(input: DescribeInput, namespace: string, name: string): Described {
  const g = input.mesh.gateways.find((x) => x.meta.namespace === namespace && x.meta.name === name);
  if (!g) {
    const known = input.mesh.gateways.map((x) => `${x.meta.namespace}/${x.meta.name}`);
    return {
      ok: false,
      error: `no Gateway ${namespace}/${name} in the manifests (there are: ${known.join(", ") || "none"})`,
    };
  }
  const selector = g.spec.selector
    ? Object.entries(g.spec.selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")
    : "(none)";
  const root = `Gateway ${namespace}/${name} (selector ${selector}) on gateway ${gatewayLabel(input)}`;
  const bindings = gatewayServers(input).filter((b) => b.gateway === g);
  if (bindings.length === 0) {
    return {
      ok: true,
      tree: node(root, [
        warning(
          `it does not apply to ${gatewayLabel(input)} (labels ${Object.entries(input.proxy.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(",")}): choose the gateway it selects with --gateway`,
        ),
      ]),
    };
  }
  const servers = bindings.map((b) =>
    node(
      serverLabel(b, false),
      b.server.hosts.map((raw) => {
        const host = raw.slice(raw.indexOf("/") + 1);
        return node(`host ${host}`, serverChildren(input, b, host));
      }),
    ),
  );
  return { ok: true, tree: node(root, servers) };
}
