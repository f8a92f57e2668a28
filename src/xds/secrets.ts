import type { JsonObject } from "../envoy/types.js";
import type { Mesh, TlsSecret } from "../mesh/model.js";
import { CA_SUFFIX } from "./sds-config.js";

/**
 * SDS secrets a gateway receives for the credentials its listeners reference
 * (pilot/pkg/xds/sds.go, credentials/kube/secrets.go), as Envoy's config dump shows them:
 * private keys are always Envoy's redaction, never the key itself.
 */

const SECRET_TYPE = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";
/** base64("[redacted]"), what Envoy prints for inline private-key bytes. */
export const REDACTED_BYTES = "W3JlZGFjdGVkXQ==";

export interface SecretEntry {
  readonly name: string;
  /** Envoy's SDS resource, or undefined when istiod has nothing to send (the secret stays warming). */
  readonly secret?: JsonObject;
  readonly reason?: string;
}

function b64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** A Secret by namespace and name; the first of that name wins, as a scan in input order would. */
export type SecretLookup = (namespace: string, name: string) => TlsSecret | undefined;

/**
 * One map for every SDS name of a translation: a gateway with a server (and a Secret) per
 * host asks for thousands, and scanning every Secret for each was O(servers × Secrets).
 */
export function secretLookup(mesh: Mesh): SecretLookup {
  const byName = new Map<string, TlsSecret>();
  for (const s of mesh.secrets) {
    const key = `${s.meta.namespace}/${s.meta.name}`;
    if (!byName.has(key)) byName.set(key, s);
  }
  return (namespace, name) => byName.get(`${namespace}/${name}`);
}

/**
 * The SDS answer for one resource name. `kubernetes://X` is Secret X in the gateway's
 * namespace; `kubernetes://X-cacert` is Secret X-cacert if it exists, else the CA of X.
 */
export function sdsSecret(resource: string, find: SecretLookup, gatewayNamespace: string): SecretEntry {
  const m = /^kubernetes(-gateway)?:\/\/(.+)$/.exec(resource);
  if (!m)
    return { name: resource, reason: `${resource} is not served from Kubernetes Secrets (not simulated)` };
  let ref = m[2] as string;
  let namespace = gatewayNamespace;
  const slash = ref.indexOf("/");
  if (slash !== -1) {
    namespace = ref.slice(0, slash);
    ref = ref.slice(slash + 1);
    if (namespace !== gatewayNamespace)
      return {
        name: resource,
        reason: `cross-namespace reference to ${namespace}/${ref} is denied for the gateway in ${gatewayNamespace}`,
      };
  }
  if (ref.endsWith(CA_SUFFIX)) {
    const own = find(namespace, ref);
    const parent = own ?? find(namespace, ref.slice(0, -CA_SUFFIX.length));
    const ca = own?.ca ?? own?.cert ?? parent?.ca;
    if (!parent)
      return {
        name: resource,
        reason: `no Secret ${namespace}/${ref} or ${namespace}/${ref.slice(0, -CA_SUFFIX.length)}`,
      };
    if (!ca)
      return { name: resource, reason: `Secret ${namespace}/${parent.meta.name} has no ca.crt or cacert` };
    return {
      name: resource,
      secret: {
        "@type": SECRET_TYPE,
        name: resource,
        validation_context: { trusted_ca: { inline_bytes: b64(ca) } },
      },
    };
  }
  const s = find(namespace, ref);
  if (!s) return { name: resource, reason: `no Secret ${namespace}/${ref}` };
  if (!s.cert || !s.hasKey)
    return { name: resource, reason: `Secret ${namespace}/${ref} lacks tls.crt/tls.key (or cert/key)` };
  return {
    name: resource,
    secret: {
      "@type": SECRET_TYPE,
      name: resource,
      tls_certificate: {
        certificate_chain: { inline_bytes: b64(s.cert) },
        private_key: { inline_bytes: REDACTED_BYTES },
      },
    },
  };
}

/** Every SDS resource name referenced by ads-served TLS contexts in the listeners, in first-seen order. */
export function referencedSdsNames(listeners: readonly JsonObject[]): string[] {
  const seen = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const o = v as JsonObject;
    const sds = o.sds_config as JsonObject | undefined;
    if (typeof o.name === "string" && sds && typeof sds === "object" && "ads" in sds) seen.add(o.name);
    for (const x of Object.values(o)) visit(x);
  };
  visit(listeners);
  return [...seen];
}
