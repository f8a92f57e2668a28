import type { FieldPath, ManifestObject } from "../manifests/types.js";
import { resolveGatewayName, sanitizeServerHosts } from "../mesh/gateway-refs.js";
import type { TlsSecret } from "../mesh/model.js";
import type { IstioObject, LintIndex, Workload } from "./context.js";
import { arr, num, type Rec, rec, str, type ValidationIssue } from "./validation/common.js";

/** Readers of untrusted Istio specs shared by the rules. */

export const MESH_GATEWAY = "mesh";

/** A label selector as Kubernetes prints it (labels.SelectorFromSet(...).String()): sorted `k=v,…`. */
export function selectorString(selector: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(selector ?? {})
    .sort()
    .map((k) => `${k}=${selector?.[k]}`)
    .join(",");
}

export function selectorOf(spec: Rec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(spec.selector) ?? {}))
    if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** The path of a Gateway's selector, at its first label (where istioctl points). */
export function selectorPath(selector: Readonly<Record<string, string>>): FieldPath {
  const first = Object.keys(selector).sort()[0];
  return first === undefined ? ["spec", "selector"] : ["spec", "selector", first];
}

export interface ServerView {
  readonly index: number;
  readonly path: FieldPath;
  readonly raw: Rec;
  /** Port number, 0 when the server has none. */
  readonly port: number;
  readonly portName: string;
  /** Protocol as written, upper-cased. */
  readonly protocol: string;
  readonly hosts: readonly string[];
  readonly bind: string;
  readonly tls?: Rec;
  /** tls.mode, with istio's default (PASSTHROUGH) when tls is set without one. */
  readonly tlsMode?: string;
}

export function serversOf(gw: IstioObject): ServerView[] {
  return arr(gw.spec.servers).map((raw, index) => {
    const s = rec(raw) ?? {};
    const port = rec(s.port);
    const tls = rec(s.tls);
    return {
      index,
      path: ["spec", "servers", index],
      raw: s,
      port: num(port?.number),
      portName: str(port?.name),
      protocol: str(port?.protocol).toUpperCase(),
      hosts: arr(s.hosts).map(str),
      bind: str(s.bind),
      ...(tls && { tls, tlsMode: str(tls.mode) || "PASSTHROUGH" }),
    };
  });
}

/** The credential names of a server's TLS settings, with the path of each. */
export function credentialsOf(server: ServerView): { name: string; path: FieldPath }[] {
  if (!server.tls) return [];
  const out: { name: string; path: FieldPath }[] = [];
  const single = str(server.tls.credentialName);
  if (single) out.push({ name: single, path: [...server.path, "tls", "credentialName"] });
  arr(server.tls.credentialNames).forEach((n, i) => {
    if (str(n)) out.push({ name: str(n), path: [...server.path, "tls", "credentialNames", i] });
  });
  return out;
}

/** `ns/name` or `name` (in `defaultNamespace`), as istio's resource.NewShortOrFullName reads it. */
export function splitName(value: string, defaultNamespace: string): { namespace: string; name: string } {
  const slash = value.indexOf("/");
  return slash === -1
    ? { namespace: defaultNamespace, name: value }
    : { namespace: value.slice(0, slash), name: value.slice(slash + 1) };
}

/** The namespaces of the gateway workloads a Gateway selects, in input order. */
export function gatewayNamespaces(index: LintIndex, gw: IstioObject): string[] {
  const out: string[] = [];
  for (const w of index.workloadsMatching(selectorOf(gw.spec)))
    if (!out.includes(w.namespace)) out.push(w.namespace);
  return out;
}

export function workloadsOf(index: LintIndex, gw: IstioObject): readonly Workload[] {
  return index.workloadsMatching(selectorOf(gw.spec));
}

/** Server hosts of a Gateway, sanitised as istiod keeps them (`./h` → `<ns>/h`, `*​/h` → `h`). */
export function gatewayHosts(gw: IstioObject): string[] {
  return serversOf(gw).flatMap((s) => sanitizeServerHosts(s.hosts, gw.namespace));
}

/** `<ns>/<name>` of a VirtualService's gateway reference, as istiod resolves it. */
export function gatewayRef(reference: string, vsNamespace: string): string {
  return resolveGatewayName(reference, vsNamespace);
}

export type RouteKind = "http" | "tcp" | "tls";

export interface DestinationView {
  /** Where the route is: http/tcp/tls route destinations, or an http mirror. */
  readonly kind: RouteKind | "mirror" | "mirrors";
  /** Index of the http/tcp/tls rule. */
  readonly rule: number;
  /** Path of the destination object (`…destination`, `…mirror`, `…mirrors[j].destination`). */
  readonly path: FieldPath;
  readonly host: string;
  readonly subset: string;
  /** Port number, undefined when the destination has none. */
  readonly port?: number;
}

function destination(
  kind: DestinationView["kind"],
  rule: number,
  path: FieldPath,
  d: Rec | undefined,
): DestinationView {
  const port = rec(d?.port);
  return {
    kind,
    rule,
    path,
    host: str(d?.host),
    subset: str(d?.subset),
    ...(port && port.number !== undefined && { port: num(port.number) }),
  };
}

/** Route destinations in istioctl's order: tcp, tls, then http (virtualservice/util.go). */
export function routeDestinations(spec: Rec): DestinationView[] {
  const out: DestinationView[] = [];
  for (const kind of ["tcp", "tls", "http"] as const) {
    arr(spec[kind]).forEach((r, i) => {
      arr(rec(r)?.route).forEach((rd, j) => {
        out.push(
          destination(kind, i, ["spec", kind, i, "route", j, "destination"], rec(rec(rd)?.destination)),
        );
      });
    });
  }
  return out;
}

export function mirrorDestinations(spec: Rec): DestinationView[] {
  const out: DestinationView[] = [];
  arr(spec.http).forEach((r, i) => {
    const route = rec(r);
    const mirror = rec(route?.mirror);
    if (mirror) out.push(destination("mirror", i, ["spec", "http", i, "mirror"], mirror));
    arr(route?.mirrors).forEach((m, j) => {
      out.push(
        destination("mirrors", i, ["spec", "http", i, "mirrors", j, "destination"], rec(rec(m)?.destination)),
      );
    });
  });
  return out;
}

/** `ns/name` of an object, as istio prints a resource's FullName. */
export function fullName(o: { namespace: string; name: string }): string {
  return `${o.namespace}/${o.name}`;
}

export function stringList(v: unknown): string[] {
  return arr(v).map(str);
}

export interface CredentialRef {
  readonly gw: IstioObject;
  readonly server: ServerView;
  /** The credential name as written, and where. */
  readonly name: string;
  readonly path: FieldPath;
  /** Namespace of the gateway workload that reads the Secret. */
  readonly namespace: string;
  /** The Secret it resolves to, when the input has it. */
  readonly secret?: TlsSecret;
}

export type GatewayCredential = CredentialRef & { readonly secret: TlsSecret };

/**
 * Every credential a gateway server names, once per namespace of the gateway workloads that
 * read it (a Secret is read from the gateway pod's namespace, `ns/name` from another).
 */
export function credentialRefs(index: LintIndex, terminatingOnly = false): CredentialRef[] {
  const out: CredentialRef[] = [];
  for (const gw of index.resources("Gateway")) {
    const namespaces = gatewayNamespaces(index, gw);
    for (const server of serversOf(gw)) {
      if (terminatingOnly && !TERMINATING.includes(server.tlsMode ?? "")) continue;
      for (const cred of credentialsOf(server)) {
        for (const ns of namespaces) {
          const { namespace, name } = splitName(cred.name, ns);
          const secret = index.secret(namespace, name);
          out.push({
            gw,
            server,
            name: cred.name,
            path: cred.path,
            namespace: ns,
            ...(secret && { secret }),
          });
        }
      }
    }
  }
  return out;
}

/** The Secrets terminating gateway servers (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) read, where the input has them. */
export function gatewayCredentials(index: LintIndex): GatewayCredential[] {
  return credentialRefs(index, true).filter((c): c is GatewayCredential => c.secret !== undefined);
}

export const TERMINATING = ["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"];

/** Every istiod-validation issue of the objects of some Istio kinds (each document, duplicates included). */
export function validationIssues(
  index: LintIndex,
  kinds: readonly string[],
): { object: ManifestObject; issue: ValidationIssue }[] {
  const out: { object: ManifestObject; issue: ValidationIssue }[] = [];
  for (const kind of kinds)
    for (const object of index.objectsOf("networking.istio.io", kind))
      for (const issue of index.validation(object)) out.push({ object, issue });
  return out;
}
