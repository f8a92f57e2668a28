import { secrets } from "../envoy/configdump.js";
import type { ServerTLSSettings } from "../mesh/istio-types.js";
import type { TlsSecret } from "../mesh/model.js";
import {
  certificateKeyFingerprint,
  coversHost,
  parseCertificates,
  subjectName,
  validity,
  validityProblem,
} from "../x509/certificates.js";
import { credentialResourceName } from "../xds/sds-config.js";
import { serverCredentialNames } from "../xds/tls-context.js";
import type { DescribeInput } from "./context.js";
import { node, type TreeNode, warning } from "./tree.js";

/**
 * A terminating Gateway server's certificates, checked the way a client and Envoy would:
 * the Secret exists in the gateway's namespace, its certificate parses, is valid today,
 * covers the host, matches its key, and (for MUTUAL) comes with a CA; and the gateway's
 * Envoy has the SDS secret.
 */

const CA_SUFFIX = "-cacert";

function findSecret(input: DescribeInput, name: string): TlsSecret | undefined {
  return input.mesh.secrets.find((s) => s.meta.namespace === input.proxy.namespace && s.meta.name === name);
}

function sdsState(input: DescribeInput, resource: string): "active" | "warming" | "missing" {
  const found = secrets(input.dump).filter(
    (s) => s.resource.name === resource || s.wrapper.name === resource,
  );
  if (found.some((s) => s.status !== "warming")) return "active";
  return found.length > 0 ? "warming" : "missing";
}

function certificateNode(input: DescribeInput, credential: string, host: string): TreeNode {
  const resource = credentialResourceName(credential, input.profile);
  const ns = input.proxy.namespace;
  if (!resource.startsWith("kubernetes://"))
    return node(`certificate ${resource}: served by the gateway's agent (not checked)`);
  const secret = findSecret(input, credential);
  if (!secret) {
    return warning(
      `certificate ${resource}: no Secret ${ns}/${credential} (credentials live in the gateway's namespace): the TLS handshake is reset`,
    );
  }
  const problems: TreeNode[] = [];
  const certs = secret.cert ? parseCertificates(secret.cert) : undefined;
  if (!certs?.ok) {
    return warning(
      `certificate ${resource}: Secret ${ns}/${credential} has no readable tls.crt: the TLS handshake is reset`,
    );
  }
  const leaf = certs.value[0];
  if (!leaf) return warning(`certificate ${resource}: empty certificate chain`);
  const dates = validityProblem(leaf, input.now);
  if (dates) problems.push(warning(`the certificate ${dates}: clients reject it`));
  if (host && !host.includes("*") && !coversHost(leaf, host))
    problems.push(
      warning(`${subjectName(leaf)} does not cover ${host}: clients that check the host name reject it`),
    );
  if (!secret.hasKey) problems.push(warning("the Secret has no private key (tls.key)"));
  else if (secret.keyError) problems.push(warning(`the private key is unreadable: ${secret.keyError}`));
  else if (secret.keyFingerprint && secret.keyFingerprint !== certificateKeyFingerprint(leaf))
    problems.push(warning("the private key does not belong to the certificate"));
  const state = sdsState(input, resource);
  if (state !== "active") problems.push(warning(`the gateway's Envoy has not loaded ${resource} (${state})`));
  const covers = host && !host.includes("*") && coversHost(leaf, host) ? `, covers ${host}` : "";
  return node(
    `certificate ${resource} (Secret ${ns}/${credential}): ${subjectName(leaf)}, valid until ${validity(leaf).notAfter.toISOString().slice(0, 10)}${covers}`,
    problems,
  );
}

function clientCaNode(input: DescribeInput, tls: ServerTLSSettings, mode: string): TreeNode {
  const cred = serverCredentialNames(tls, input.profile)[0] ?? "";
  const caName = tls.caCertCredentialName ?? `${cred}${CA_SUFFIX}`;
  const own = findSecret(input, caName);
  const parent = findSecret(input, cred);
  const where = own
    ? `Secret ${input.proxy.namespace}/${caName}`
    : parent?.ca
      ? `ca.crt of Secret ${input.proxy.namespace}/${cred}`
      : undefined;
  const required = mode === "MUTUAL" ? "required" : "optional";
  if (!where)
    return warning(
      `client certificates ${required} (${mode}), but no CA: add ca.crt to Secret ${input.proxy.namespace}/${cred} or create ${caName}`,
    );
  return node(`client certificates ${required} (${mode}), trusted CA from ${where}`);
}

export function tlsNodes(input: DescribeInput, tls: ServerTLSSettings | undefined, host: string): TreeNode[] {
  if (!tls) return [];
  const mode = (tls.mode ?? "PASSTHROUGH").toUpperCase();
  if (tls.httpsRedirect && !tls.mode)
    return [node("tls.httpsRedirect: plain-HTTP requests get 301 to https://")];
  const out: TreeNode[] = [];
  if (tls.httpsRedirect) out.push(node("tls.httpsRedirect: plain-HTTP requests get 301 to https://"));
  if (mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH") {
    out.push(node(`TLS ${mode}: the client's TLS session goes through to the backend`));
    return out;
  }
  if (mode === "ISTIO_MUTUAL") {
    out.push(node("TLS ISTIO_MUTUAL: the gateway's workload certificate, clients need Istio mTLS"));
    return out;
  }
  const creds = serverCredentialNames(tls, input.profile);
  if (creds.length === 0 && !tls.serverCertificate)
    out.push(warning(`TLS ${mode} without credentialName or serverCertificate: Envoy has no certificate`));
  for (const c of creds) out.push(certificateNode(input, c, host));
  if (mode === "MUTUAL" || mode === "OPTIONAL_MUTUAL") out.push(clientCaNode(input, tls, mode));
  return out;
}
