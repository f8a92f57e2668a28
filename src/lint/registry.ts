import { rule as certExpiringSoon } from "./rules/cert-expiring-soon.js";
import { rule as certHostMismatch } from "./rules/cert-host-mismatch.js";
import { rule as certKeyMismatch } from "./rules/cert-key-mismatch.js";
import { rule as certWithoutSan } from "./rules/cert-without-san.js";
import { rule as conflictingGateways } from "./rules/conflicting-gateways.js";
import { rule as crdSchema } from "./rules/crd-schema.js";
import { rule as drHostNotFound } from "./rules/dr-host-not-found.js";
import { rule as drNoCaCertificates } from "./rules/dr-no-ca-certificates.js";
import { rule as drPortNoCaCertificates } from "./rules/dr-port-no-ca-certificates.js";
import { rule as drSubsetSelectsNoPods } from "./rules/dr-subset-selects-no-pods.js";
import { rule as externalnameServicePortName } from "./rules/externalname-service-port-name.js";
import { rule as gatewayCredentialInvalid } from "./rules/gateway-credential-invalid.js";
import { rule as gatewayCredentialNotFound } from "./rules/gateway-credential-not-found.js";
import { rule as gatewayDuplicateCertificate } from "./rules/gateway-duplicate-certificate.js";
import { rule as gatewayHostCollision } from "./rules/gateway-host-collision.js";
import { rule as gatewayPortNotOnService } from "./rules/gateway-port-not-on-service.js";
import { rule as gatewaySelectorNotFound } from "./rules/gateway-selector-not-found.js";
import { rule as httpsServerWithoutTlsMode } from "./rules/https-server-without-tls-mode.js";
import { rule as istioValidationError } from "./rules/istio-validation-error.js";
import { rule as istioValidationWarning } from "./rules/istio-validation-warning.js";
import { rule as mutualTlsWithoutCa } from "./rules/mutual-tls-without-ca.js";
import { rule as negativeCondition } from "./rules/negative-condition.js";
import { rule as servicePortName } from "./rules/service-port-name.js";
import { rule as serviceentryAddressesRequired } from "./rules/serviceentry-addresses-required.js";
import { rule as serviceentryProtocolConflict } from "./rules/serviceentry-protocol-conflict.js";
import { rule as shadowedRoute } from "./rules/shadowed-route.js";
import { rule as unknownField } from "./rules/unknown-field.js";
import { rule as unusableResource } from "./rules/unusable-resource.js";
import { rule as vsBindsNoServer } from "./rules/vs-binds-no-server.js";
import { rule as vsDeprecatedField } from "./rules/vs-deprecated-field.js";
import { rule as vsDestinationHostNotFound } from "./rules/vs-destination-host-not-found.js";
import { rule as vsDestinationPortRequired } from "./rules/vs-destination-port-required.js";
import { rule as vsGatewayNotFound } from "./rules/vs-gateway-not-found.js";
import { rule as vsHostNotInGateway } from "./rules/vs-host-not-in-gateway.js";
import { rule as vsIneffectiveMatch } from "./rules/vs-ineffective-match.js";
import { rule as vsIngressSubsetNoEffect } from "./rules/vs-ingress-subset-no-effect.js";
import { rule as vsInternalGatewayRef } from "./rules/vs-internal-gateway-ref.js";
import { rule as vsJwtClaimWithoutRequestAuthn } from "./rules/vs-jwt-claim-without-request-authn.js";
import { rule as vsMeshHostConflict } from "./rules/vs-mesh-host-conflict.js";
import { rule as vsSubsetNotFound } from "./rules/vs-subset-not-found.js";
import { rule as vsUnreachableRule } from "./rules/vs-unreachable-rule.js";
import type { Rule } from "./types.js";

/**
 * Every rule gwctl lint runs, in the order docs/lint-rules.md lists them: schema and validation
 * first, then istioctl's analyzers, then gwctl's own checks.
 */
export const RULES: readonly Rule[] = [
  crdSchema,
  unknownField,
  unusableResource,
  istioValidationError,
  istioValidationWarning,
  vsUnreachableRule,
  vsIneffectiveMatch,
  gatewaySelectorNotFound,
  gatewayPortNotOnService,
  gatewayCredentialNotFound,
  gatewayCredentialInvalid,
  conflictingGateways,
  gatewayDuplicateCertificate,
  vsGatewayNotFound,
  vsHostNotInGateway,
  vsInternalGatewayRef,
  vsDestinationHostNotFound,
  vsDestinationPortRequired,
  vsSubsetNotFound,
  vsIngressSubsetNoEffect,
  vsMeshHostConflict,
  vsJwtClaimWithoutRequestAuthn,
  vsDeprecatedField,
  drNoCaCertificates,
  drPortNoCaCertificates,
  drHostNotFound,
  drSubsetSelectsNoPods,
  servicePortName,
  externalnameServicePortName,
  serviceentryAddressesRequired,
  serviceentryProtocolConflict,
  negativeCondition,
  httpsServerWithoutTlsMode,
  shadowedRoute,
  gatewayHostCollision,
  vsBindsNoServer,
  certExpiringSoon,
  certKeyMismatch,
  certHostMismatch,
  certWithoutSan,
  mutualTlsWithoutCa,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/** Every message code the rules can report, sorted. */
export function knownCodes(): string[] {
  return [...new Set(RULES.map((r) => r.meta.code))].sort();
}
