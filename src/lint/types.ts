import type { FieldPath, ManifestObject } from "../manifests/types.js";
import type { LintIndex } from "./context.js";

/** istioctl's message levels, lowest first. */
export type Severity = "Info" | "Warning" | "Error";

export const SEVERITIES: readonly Severity[] = ["Info", "Warning", "Error"];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A level as users type it (`error`, `WARNING`), or undefined. */
export function parseSeverity(text: string): Severity | undefined {
  return SEVERITIES.find((s) => s.toLowerCase() === text.toLowerCase());
}

/**
 * What a rule is, beside its check (ESLint's `meta`): everything docs/lint-rules.md, the
 * SARIF rule descriptors and `--help` say about it comes from here.
 */
export interface RuleMeta {
  /** Unique, kebab-case; also the rule's file name under src/lint/rules/. */
  readonly id: string;
  /** The code users search for and suppress: istio's IST codes, or gwctl's own GW codes. */
  readonly code: string;
  /** The message type's name (istio's own for IST codes), e.g. ReferencedResourceNotFound. */
  readonly name: string;
  readonly severity: Severity;
  /** Go fmt-style template (%s %d %q %v), istio's verbatim for IST codes. */
  readonly template: string;
  /** One sentence: what is wrong when the rule fires. */
  readonly description: string;
  /** Markdown: what is checked, why it matters, and how to fix it. */
  readonly docs: string;
  /** The kinds whose problems the rule reports. */
  readonly kinds: readonly string[];
  /** The istioctl analyzers this rule reproduces; absent for gwctl's own checks. */
  readonly analyzers?: readonly string[];
  /** Whether `istioctl analyze --use-kube=false` can run the check on local files. */
  readonly offlineInIstioctl?: boolean;
}

export interface RuleContext {
  readonly index: LintIndex;
  /** Report a problem at a field of an object; `args` fill the rule's template. */
  report(object: ManifestObject, path: FieldPath, ...args: unknown[]): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface ResourceRef {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
}

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One problem, placed at the field it is about. */
export interface Finding {
  readonly code: string;
  /** The rule's id. */
  readonly rule: string;
  /** The message type's name. */
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resource: ResourceRef;
  /** Dotted path of the offending field, e.g. spec.servers[0].tls.credentialName. */
  readonly path: string;
  readonly location: Location;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects), as istioctl prints an origin. */
export function originOf(r: ResourceRef): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
