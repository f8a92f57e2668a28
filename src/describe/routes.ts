import type {
  Destination,
  HTTPMatchRequest,
  HTTPRoute,
  L4MatchAttributes,
  StringMatch,
} from "../mesh/istio-types.js";
import type { ResolvedVirtualService } from "../xds/virtual-services.js";
import type { DescribeInput } from "./context.js";
import { destinationNode } from "./destinations.js";
import { node, type TreeNode } from "./tree.js";

/**
 * A VirtualService's routes as `describe` shows them under a Gateway server: what each
 * matches, what it does, and (through destinationNode) where it leads.
 */

function stringMatch(m: StringMatch | undefined): string | undefined {
  if (!m) return undefined;
  if (m.exact !== undefined) return `= ${m.exact}`;
  if (m.prefix !== undefined) return `prefix ${m.prefix}`;
  if (m.regex !== undefined) return `regex ${m.regex}`;
  return "present";
}

function matchText(m: HTTPMatchRequest): string {
  const parts: string[] = [];
  const uri = stringMatch(m.uri);
  if (uri) parts.push(`uri ${uri}${m.ignoreUriCase ? " (any case)" : ""}`);
  if (m.method) parts.push(`method ${stringMatch(m.method)}`);
  if (m.authority) parts.push(`authority ${stringMatch(m.authority)}`);
  for (const [k, v] of Object.entries(m.headers ?? {})) parts.push(`header ${k} ${stringMatch(v)}`);
  for (const [k, v] of Object.entries(m.withoutHeaders ?? {}))
    parts.push(`without header ${k} ${stringMatch(v)}`);
  for (const [k, v] of Object.entries(m.queryParams ?? {})) parts.push(`query ${k} ${stringMatch(v)}`);
  if (m.port) parts.push(`port ${m.port}`);
  return parts.length > 0 ? parts.join(", ") : "any request";
}

/** Whether a match applies on this Gateway server (its port and gateway name). */
function appliesHere(
  m: HTTPMatchRequest | L4MatchAttributes,
  serverPort: number,
  gatewayName: string,
): boolean {
  if (m.port && m.port !== serverPort) return false;
  return !m.gateways || m.gateways.length === 0 || m.gateways.includes(gatewayName);
}

/** One node per destination; a share when traffic is split between several. */
function destinationNodes(
  input: DescribeInput,
  vs: ResolvedVirtualService,
  serverPort: number,
  dests: readonly { readonly destination: Destination; readonly weight?: number }[],
): TreeNode[] {
  return dests.map((d) =>
    destinationNode(
      input,
      d.destination,
      vs.namespace,
      serverPort,
      dests.length > 1 ? (d.weight ?? 0) : undefined,
    ),
  );
}

function httpRouteNode(
  input: DescribeInput,
  vs: ResolvedVirtualService,
  r: HTTPRoute,
  index: number,
  serverPort: number,
  gatewayName: string,
): TreeNode | undefined {
  const matches = r.match ?? [];
  const here = matches.filter((m) => appliesHere(m, serverPort, gatewayName));
  if (matches.length > 0 && here.length === 0) return undefined;
  const what = here.length === 0 ? "any request" : here.map(matchText).join(" | ");
  const label = `http[${index}]${r.name ? ` ${r.name}` : ""}: ${what}`;
  const children: TreeNode[] = [];
  if (r.rewrite?.uri !== undefined) children.push(node(`rewrite uri → ${r.rewrite.uri}`));
  if (r.rewrite?.authority !== undefined) children.push(node(`rewrite authority → ${r.rewrite.authority}`));
  if (r.redirect) {
    const to = `${r.redirect.scheme ? `${r.redirect.scheme}://` : ""}${r.redirect.authority ?? ""}${r.redirect.uri ?? ""}`;
    children.push(node(`redirect ${r.redirect.redirectCode ?? 301} to ${to || "(same URL)"}`));
  } else if (r.directResponse) {
    children.push(node(`direct response ${r.directResponse.status}`));
  } else if (r.delegate) {
    children.push(
      node(`delegate to VirtualService ${r.delegate.namespace ?? vs.namespace}/${r.delegate.name}`),
    );
  }
  children.push(...destinationNodes(input, vs, serverPort, r.route ?? []));
  if (r.fault?.abort)
    children.push(
      node(`fault: abort ${r.fault.abort.httpStatus ?? "?"} for ${r.fault.abort.percentage?.value ?? 100}%`),
    );
  return node(label, children);
}

/** The routes of one VirtualService that apply on one Gateway server. */
export function virtualServiceNode(
  input: DescribeInput,
  vs: ResolvedVirtualService,
  serverPort: number,
  gatewayName: string,
  kind: "http" | "tcp" | "tls",
): TreeNode {
  const children: TreeNode[] = [];
  if (kind === "http") {
    (vs.spec.http ?? []).forEach((r, i) => {
      const n = httpRouteNode(input, vs, r, i, serverPort, gatewayName);
      if (n) children.push(n);
    });
  } else if (kind === "tcp") {
    (vs.spec.tcp ?? []).forEach((r, i) => {
      const here = (r.match ?? []).filter((m) => appliesHere(m, serverPort, gatewayName));
      if ((r.match ?? []).length > 0 && here.length === 0) return;
      const what =
        here.length > 0 ? here.map((m) => (m.port ? `port ${m.port}` : "any")).join(" | ") : "any connection";
      children.push(node(`tcp[${i}]: ${what}`, destinationNodes(input, vs, serverPort, r.route ?? [])));
    });
  } else {
    (vs.spec.tls ?? []).forEach((r, i) => {
      const here = r.match.filter((m) => appliesHere(m, serverPort, gatewayName));
      if (here.length === 0) return;
      const sni = here.flatMap((m) => m.sniHosts).join(", ");
      children.push(node(`tls[${i}]: SNI ${sni}`, destinationNodes(input, vs, serverPort, r.route ?? [])));
    });
  }
  const hosts = (vs.spec.hosts ?? []).join(", ");
  return node(`VirtualService ${vs.namespace}/${vs.name} (hosts ${hosts})`, children);
}
