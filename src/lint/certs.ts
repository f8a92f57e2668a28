import type { X509Certificate } from "node:crypto";
import type { TlsSecret } from "../mesh/model.js";
import { certificateKeyFingerprint } from "../x509/certificates.js";

/**
 * Certificate facts come from src/x509; this adds the one lint needs about a Secret: a
 * Secret's private key was reduced to a fingerprint when it was loaded, so matching is a
 * comparison of fingerprints.
 */

/** Does the Secret's private key belong to this certificate? undefined when there is no key to compare. */
export function keyMatches(secret: TlsSecret, cert: X509Certificate): boolean | undefined {
  if (!secret.keyFingerprint) return undefined;
  return certificateKeyFingerprint(cert) === secret.keyFingerprint;
}
