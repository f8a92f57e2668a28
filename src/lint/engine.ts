import { createLocator } from "../manifests/positions.js";
import type { FieldPath, ManifestObject } from "../manifests/types.js";
import { formatFieldPath } from "../manifests/types.js";
import { buildIndex, type LintInput, type LintOptions } from "./context.js";
import { goSprintf } from "./format.js";
import type { Finding, Rule, Severity } from "./types.js";
import { originOf, severityRank } from "./types.js";

/** The annotation istioctl honours: comma-separated codes, or `*`, not reported for the resource. */
export const SUPPRESS_ANNOTATION = "galley.istio.io/analyze-suppress";

/**
 * Namespaces istioctl leaves out of analysis (Kubernetes' own and kind's storage): their
 * resources are still looked up, but nothing is reported about them.
 */
export const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease", "local-path-storage"];

/** `--suppress CODE=RESOURCE`: RESOURCE is `Kind namespace/name`, with `*` as a wildcard. */
export interface Suppression {
  readonly code: string;
  readonly resource: string;
}

export function parseSuppression(text: string): Suppression | { error: string } {
  const parts = text.split("=");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "")
    return {
      error: `${text} is not a valid suppression value: use CODE=Kind namespace/name (e.g. "IST0101=Gateway default/web")`,
    };
  return { code: (parts[0] as string).trim(), resource: (parts[1] as string).trim() };
}

/** go-glob semantics: `*` matches any run of characters, nothing else is special. */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const parts = pattern.split("*");
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last))
    return false;
  let at = first.length;
  const end = value.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const i = value.indexOf(part, at);
    if (i === -1 || i + part.length > end) return false;
    at = i + part.length;
  }
  return true;
}

interface RawReport {
  readonly rule: Rule;
  readonly object: ManifestObject;
  readonly path: FieldPath;
  readonly args: readonly unknown[];
}

export interface LintRunOptions extends LintOptions {
  readonly suppress?: readonly Suppression[];
}

function annotationSuppresses(object: ManifestObject, code: string): boolean {
  const md = object.body.metadata as { annotations?: Record<string, unknown> } | undefined;
  const value = md?.annotations?.[SUPPRESS_ANNOTATION];
  if (typeof value !== "string" || value === "") return false;
  return value.split(",").some((c) => c.trim() === "*" || c.trim() === code);
}

function flagSuppresses(suppress: readonly Suppression[], code: string, object: ManifestObject): boolean {
  if (suppress.length === 0) return false;
  const origin = originOf({
    kind: object.kind,
    apiVersion: object.apiVersion,
    namespace: object.namespace,
    name: object.name,
  });
  // istioctl documents `Kind name.namespace` but matches `Kind namespace/name`; accept both.
  const legacy = object.namespace ? `${object.kind} ${object.name}.${object.namespace}` : origin;
  return suppress.some(
    (s) =>
      (s.code === code || s.code === "*") && (globMatch(s.resource, origin) || globMatch(s.resource, legacy)),
  );
}

/** istioctl's order: level (Error first), code, resource; then place in the file. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.code.localeCompare(b.code) ||
    a.resource.kind.localeCompare(b.resource.kind) ||
    a.resource.namespace.localeCompare(b.resource.namespace) ||
    a.resource.name.localeCompare(b.resource.name) ||
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    a.message.localeCompare(b.message)
  );
}

/**
 * Run the rules over the input. Suppressed findings (flag or annotation) are dropped;
 * identical findings (same code, resource, field and message) are reported once.
 */
export function lint(input: LintInput, options: LintRunOptions, rules: readonly Rule[]): Finding[] {
  const index = buildIndex(input, options);
  const reports: RawReport[] = [];
  for (const rule of rules) {
    rule.check({
      index,
      report: (object, path, ...args) => {
        reports.push({ rule, object, path, args });
      },
    });
  }
  const locator = createLocator();
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const suppress = options.suppress ?? [];
  // One document at a time, so that the locator parses each document once.
  const byDocument = reports
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        a.r.object.file.path.localeCompare(b.r.object.file.path) ||
        a.r.object.docStart - b.r.object.docStart ||
        a.i - b.i,
    )
    .map((x) => x.r);
  for (const r of byDocument) {
    const code = r.rule.meta.code;
    if (SYSTEM_NAMESPACES.includes(r.object.namespace)) continue;
    if (annotationSuppresses(r.object, code) || flagSuppresses(suppress, code, r.object)) continue;
    const message = goSprintf(r.rule.meta.template, r.args);
    const path = formatFieldPath(r.path);
    const key = `${code}\u0000${r.object.kind}/${r.object.namespace}/${r.object.name}\u0000${r.object.file.path}:${r.object.docStart}\u0000${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      code,
      rule: r.rule.meta.id,
      name: r.rule.meta.name,
      severity: r.rule.meta.severity,
      message,
      resource: {
        kind: r.object.kind,
        apiVersion: r.object.apiVersion,
        namespace: r.object.namespace,
        name: r.object.name,
      },
      path,
      location: locator.locate(r.object, r.path),
    });
  }
  return findings.sort(compareFindings);
}

/** Findings at or above a level. */
export function atOrAbove(findings: readonly Finding[], level: Severity): Finding[] {
  return findings.filter((f) => severityRank(f.severity) >= severityRank(level));
}
